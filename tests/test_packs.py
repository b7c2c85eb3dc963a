"""The house-style packs: off by default, switched on by config, findings are `style`."""

from __future__ import annotations

import json

import pytest

from editlint.engine import builtin_packs
from editlint.rules import load_rule_file, pack_meta, rule_files

# one article, written for these tests, that breaks both house styles in known places
ARTICLE = """\
# Aid talks resume

The US delegation arrived in Kiev on November 23 with twelve advisers.

Inflation rose 3 per cent last year, officials said, and 4 villages lost power.

Later the U.S. envoy said prices had risen 2 percent since 23 November.
"""

AP_EXPECTED = {
    ("ap.us-with-stops", "US"),
    ("ap.kyiv", "Kiev"),
    ("ap.month-abbreviation", "November"),
    ("ap.numerals-from-ten", "twelve"),
    ("ap.percent", "per cent"),
    ("ap.spell-out-below-ten", "4"),
    ("ap.date-order", "23 November"),
}
BBC_EXPECTED = {
    ("bbc.no-stops", "U.S."),
    ("bbc.kyiv", "Kiev"),
    ("bbc.date-order", "November 23"),
    ("bbc.numerals-from-ten", "twelve"),
    ("bbc.per-cent", "percent"),
    ("bbc.spell-out-below-ten", "4"),
}


def only_packs(*on: str) -> str:
    """A config line with just these built-in packs on (others' packs, in flux, stay out)."""
    return "packs: {" + ", ".join(f"{name}: {'true' if name in on else 'false'}"
                                  for name in builtin_packs()) + "}\n"


def _check(run_cli, tmp_path, config: str, *extra: str) -> list[dict]:
    (tmp_path / ".editlint.yaml").write_text(config, encoding="utf-8")
    (tmp_path / "story.md").write_text(ARTICLE, encoding="utf-8")
    code, out, err = run_cli("check", "--format", "json", "--fail-on", "never", *extra,
                             "story.md")
    assert code == 0, err
    return json.loads(out)["findings"]


@pytest.mark.parametrize("pack", ["ap", "bbc"])
def test_pack_is_off_by_default_and_all_style(pack):
    folder = builtin_packs()[pack]
    assert pack_meta(folder)["default"] is False
    assert pack_meta(folder)["description"]
    rules = [r for path in rule_files(folder) for r in load_rule_file(path)]
    assert len(rules) >= 5
    for rule in rules:
        assert rule.id.startswith(pack + ".")
        assert rule.category == "style", rule.id
        assert rule.kind in ("substitution", "consistency", "existence"), rule.id


@pytest.mark.parametrize("pack, expected", [("ap", AP_EXPECTED), ("bbc", BBC_EXPECTED)])
def test_pack_switched_on_flags_house_style_as_style(run_cli, tmp_path, pack, expected):
    found = _check(run_cli, tmp_path, only_packs("core", pack))
    mine = [f for f in found if f["rule"].startswith(pack + ".")]
    assert {(f["rule"], f["text"]) for f in mine} == expected
    assert {f["category"] for f in mine} == {"style"}


def test_pack_can_be_selected_by_category(run_cli, tmp_path):
    found = _check(run_cli, tmp_path, only_packs("core", "ap"), "--select", "style")
    assert {f["category"] for f in found} == {"style"}
    assert {(f["rule"], f["text"]) for f in found} >= AP_EXPECTED


def test_packs_off_by_default(run_cli, tmp_path):
    (tmp_path / ".editlint.yaml").write_text("disable: []\n", encoding="utf-8")
    code, out, err = run_cli("rules")
    assert code == 0, err
    assert "ap (off)" in out and "bbc (off)" in out
    assert "ap." not in out.split("\n\n")[0] and "bbc." not in out.split("\n\n")[0]


def test_pack_fixes(run_cli, tmp_path):
    found = _check(run_cli, tmp_path, only_packs("core", "ap"), "--select", "ap")
    fixes = {f["text"]: f["fix"] for f in found if f["fix"] is not None}
    assert fixes == {"US": "U.S.", "Kiev": "Kyiv", "per cent": "percent"}


def test_mixed_quotes_is_core_and_on_by_default(run_cli, tmp_path):
    (tmp_path / ".editlint.yaml").write_text(only_packs("core"), encoding="utf-8")
    (tmp_path / "q.md").write_text('He called it “a start” and then "a plan".\n', encoding="utf-8")
    code, out, err = run_cli("check", "--format", "json", "--select", "core.mixed-quotes",
                             "q.md")
    found = json.loads(out)["findings"]
    assert code == 1, err
    assert [(f["text"], f["column"], f["category"]) for f in found] == [('"', 33, "style"),
                                                                          ('"', 40, "style")]
