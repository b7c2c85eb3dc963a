"""Rule files and configs: strict validation with file:line:col, near-miss hints, safety."""

from __future__ import annotations

import pytest

from editlint.config import load_config
from editlint.errors import ConfigError
from editlint.rules import load_rule_file
from editlint.testing import rules_from_yaml, run_rules

GOOD = """\
id: house.no-very
kind: existence
category: style
severity: info
message: "Cut '{match}'"
tokens: [very]
"""


def load_error(tmp_path, text, name="rule.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_rule_file(path)
    return str(info.value)


def test_good_rule_loads_with_defaults():
    (rule,) = rules_from_yaml(GOOD)
    assert (rule.id, rule.kind, rule.scope, rule.quotes) == ("house.no-very", "existence", "text", "skip")


def test_unknown_key_names_position_and_likely_key(tmp_path):
    msg = load_error(tmp_path, GOOD + "ignorcase: true\n")
    assert msg.endswith("unknown key 'ignorcase' in rule of kind 'existence' (did you mean 'ignorecase'?)")
    assert msg.startswith(f"{tmp_path / 'rule.yaml'}:7:1: ")


@pytest.mark.parametrize("change, expected", [
    (("severity: info", "severity: fatal"), ":4:11: 'severity' must be one of error, warning, info"),
    (("kind: existence", "kind: existance"), "unknown kind 'existance' (did you mean 'existence'?)"),
    (("tokens: [very]", "tokens: very"), ":6:9: 'tokens' must be a list of strings, not a string"),
    (("tokens: [very]", "patterns: ['(a+)+(']"), "bad pattern"),
    (("id: house.no-very", "id: 'bad id!'"), "may hold only letters"),
    (("message: \"Cut '{match}'\"\n", ""), "missing required key 'message'"),
    (("category: style", "category: grammar"), "'category' must be one of typo, name, title"),
])
def test_invalid_rules_are_located_errors(tmp_path, change, expected):
    msg = load_error(tmp_path, GOOD.replace(*change))
    assert expected in msg
    assert msg.startswith(str(tmp_path / "rule.yaml") + ":")


def test_yaml_syntax_error_has_position(tmp_path):
    msg = load_error(tmp_path, "id: x\nkind: [existence\n")
    assert msg.startswith(str(tmp_path / "rule.yaml") + ":3:1: invalid YAML")


def test_python_tags_are_rejected_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    msg = load_error(tmp_path, f"id: x\nkind: existence\nmessage: m\ntokens: !!python/object/apply:os.system ['touch {marker}']\n")
    assert "is not allowed" in msg and not marker.exists()


def test_duplicate_keys_are_errors(tmp_path):
    assert "duplicate key" in load_error(tmp_path, GOOD + "id: again\n")


def test_path_option_cannot_leave_the_rule_folder(tmp_path):
    from editlint.kinds.base import Opt
    from editlint.kinds.existence import Existence

    Existence.options = {**Existence.options, "wordfile": Opt("path", None)}
    try:
        msg = load_error(tmp_path, GOOD + "wordfile: ../../etc/passwd\n")
    finally:
        del Existence.options["wordfile"]
    assert "outside the rule's folder" in msg


def test_catastrophic_pattern_times_out_with_rule_name(tmp_path):
    import editlint.kinds._patterns as patterns

    rules = rules_from_yaml(GOOD.replace("tokens: [very]", "patterns: ['(a|aa)+$']"))
    old, patterns.PATTERN_TIMEOUT = patterns.PATTERN_TIMEOUT, 0.2
    try:
        with pytest.raises(ConfigError, match="house.no-very.*took too long"):
            run_rules(rules, "a" * 40 + "b\n")
    finally:
        patterns.PATTERN_TIMEOUT = old


def write_config(tmp_path, text):
    path = tmp_path / ".editlint.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_config_keys_validated(tmp_path):
    with pytest.raises(ConfigError, match=r":1:1: unknown key 'disabel' in the config \(did you mean 'disable'\?\)"):
        load_config(write_config(tmp_path, "disabel: [x]\n"))
    with pytest.raises(ConfigError, match=r":1:8: as_of must be a date"):
        load_config(write_config(tmp_path, "as_of: soon\n"))
    with pytest.raises(ConfigError, match=r"does not exist"):
        load_config(write_config(tmp_path, "rules: [missing.yaml]\n"))


def test_config_overrides_and_word_files(tmp_path):
    (tmp_path / "words.txt").write_text("Witkoff\n# comment\nUshakov  # envoy\n")
    config = load_config(write_config(tmp_path, (
        "accept: {words: [Stubb], files: [words.txt]}\n"
        "as_of: 2025-12-04\n"
        "overrides:\n  - files: ['opinion/**']\n    disable: [attribution]\n")))
    assert config.base.accept == {"Stubb", "Witkoff", "Ushakov"}
    assert str(config.base.as_of) == "2025-12-04"
    assert "attribution" in config.for_file(tmp_path / "opinion" / "a.md").disable
    assert "attribution" not in config.for_file(tmp_path / "news" / "a.md").disable


def test_word_file_outside_config_folder_is_refused(tmp_path):
    sub = tmp_path / "cfg"
    sub.mkdir()
    (tmp_path / "secret.txt").write_text("x\n")
    with pytest.raises(ConfigError, match="outside the config's folder"):
        load_config(write_config(sub, "accept: {files: [../secret.txt]}\n"))


def test_regex_kinds_respect_scope_and_quotes():
    rules = rules_from_yaml(GOOD.replace("severity: info", "severity: info\nscope: sentence"))
    found = run_rules(rules, 'It was very good. He said "very well" then.\n')
    assert [f.text for f in found] == ["very"]
    rules = rules_from_yaml(GOOD + "quotes: only\n")
    assert [f.column for f in run_rules(rules, 'It was very good. He said "very well".\n')] == [28]


def test_substitution_carries_case_preserving_fix():
    rules = rules_from_yaml("id: s\nkind: substitution\nmessage: use {fix}\nswap: {Kiev: Kyiv, 'per cent': percent}\n")
    found = run_rules(rules, "Kiev fell 5 per cent. kiev again.\n")
    assert [(f.text, f.fix, f.message) for f in found] == [
        ("Kiev", "Kyiv", "use Kyiv"), ("per cent", "percent", "use percent"), ("kiev", "Kyiv", "use Kyiv")]


def test_consistency_flags_minority_only():
    rules = rules_from_yaml("id: c\nkind: consistency\nmessage: m\neither: [[Kyiv, Kiev]]\n")
    found = run_rules(rules, "Kyiv and Kyiv and Kiev.\n")
    assert [(f.text, f.fix) for f in found] == [("Kiev", "Kyiv")]
    assert run_rules(rules, "Kyiv only.\n") == []


def test_consistency_variant_may_list_several_forms_and_marks_match_anywhere():
    rules = rules_from_yaml("id: q\nkind: consistency\nmessage: '{match} vs {other}'\nquotes: include\n"
                            "either: [['\"', ['“', '”']]]\n")
    found = run_rules(rules, 'He said “no”, “never” and "fine".\n')
    assert [(f.text, f.fix, f.message) for f in found] == [('"', None, '" vs “ ”'),
                                                           ('"', None, '" vs “ ”')]
    assert run_rules(rules, "He said “no” and “never”.\n") == []
