"""The names kind: near misses of known people, and one name spelt two ways in an article."""

from __future__ import annotations

from pathlib import Path

import pytest

from editlint.config import Settings
from editlint.kinds import names as names_module
from editlint.kinds.names import _read_people, _scan_people
from editlint.testing import rules_from_yaml, run_rules

PEOPLE = """\
# people for the tests (invented, except where a real spelling is the point)
people:
  - name: Andrii Sybiha
    variants: [Andriy Sybiha]
  - {name: Volodymyr Zelensky, variants: [Volodymyr Zelenskyy]}
  - name: Steve Witkoff  # a comment after the name
  - name: "Amara Okonkwo-Baptiste"
    role: invented for the tests
  - {name: Henri of Luxembourg}
"""

RULE = """
id: test.names
kind: names
category: name
severity: error
message: "'{match}' looks like a misspelling of '{other}'"
people: [people.yaml]
safe_fix: true
titles_roster: false
"""


@pytest.fixture(scope="module")
def rules(tmp_path_factory):
    folder = tmp_path_factory.mktemp("names")
    (folder / "people.yaml").write_text(PEOPLE, encoding="utf-8")
    return rules_from_yaml(RULE, folder)


def found(rules, text, **settings):
    return [(f.text, f.fix) for f in run_rules(rules, text, settings=Settings(**settings))]


def test_near_miss_of_a_known_person_names_them(rules):
    (finding,) = run_rules(rules, "Foreign Minister Andrii Sybhia said the talks had failed.")
    assert (finding.text, finding.fix) == ("Sybhia", "Sybiha")
    assert "Andrii Sybiha" in finding.message
    assert finding.fix_safe  # the given name comes right before it


def test_near_miss_without_given_name_is_flagged_but_not_safe(rules):
    (finding,) = run_rules(rules, "Special Envoy Witkof met officials on Tuesday.")
    assert finding.fix == "Witkoff" and not finding.fix_safe


def test_possessive_near_miss(rules):
    assert found(rules, "It was Sybhia's idea, and Sybhia’s alone.") == [("Sybhia", "Sybiha")] * 2


def test_accepted_variants_are_not_errors(rules):
    text = "President Zelenskyy met Zelensky's advisers; Andriy Sybiha and Andrii Sybiha came."
    assert found(rules, text) == []


def test_unknown_people_are_never_flagged_for_being_unknown(rules):
    text = ("Ms Okonkwo-Baptiste met Dr Wanjiru Kamau and Mr Tadeusz Wróblewski in Nairobi. "
            "Kamau said Wróblewski would return.")
    assert found(rules, text) == []


def test_two_spellings_flag_the_minority_with_the_majority_as_fix(rules):
    text = ("Sanae Takaichi won the vote. Takaichi thanked her party. Critics of Takiachi said "
            "little. Takaichi will travel to Seoul, where Takaichi is expected on Monday.")
    (finding,) = run_rules(rules, text)
    assert (finding.text, finding.fix) == ("Takiachi", "Takaichi")
    assert "4 times" in finding.message


def test_two_spellings_of_a_place(rules):
    text = "Russia said so. Russia denied it. Later Rusia's envoy and Russia's army left."
    assert found(rules, text) == [("Rusia", "Russia")]


@pytest.mark.parametrize("text", [
    "Iran and Iraq signed; Iran's and Iraq's ministers met in Iraq.",
    "Russia said Russian troops had left. Russia denied it. Russians were unsure.",
    "Austria and Australia played twice; Slovakia and Slovenia drew.",
    "The Smiths and Mr Smith met the Joneses and Mr Jones.",
    "Being a good actor, Annette Bening said little.",
    "Mr Papé spoke first; later Pape and Papé spoke again.",
])
def test_real_pairs_are_not_two_spellings(rules, text):
    assert found(rules, text) == []


def test_a_tie_is_left_alone_unless_one_spelling_is_clearly_odd(rules):
    assert found(rules, "Mr Darnell and Mr Darrell spoke.") == []
    assert found(rules, "Mr Lapkrte met Mr Laporte.") == [("Lapkrte", "Laporte")]


def test_accept_list_silences_a_name(rules):
    assert found(rules, "Minister Andrii Sybhia spoke.", accept=frozenset({"Sybhia"})) == []


def test_one_finding_per_word_when_spelling_and_names_both_run(rules):
    spelling = rules_from_yaml("""
id: test.typo
kind: spelling
category: typo
message: "'{match}' looks like a misspelling of '{fix}'"
""")
    text = "Russia said so. Russia denied it. Rusia's envoy left."
    findings = run_rules(rules + spelling, text)
    assert [(f.rule, f.text) for f in findings] == [("test.names", "Rusia")]


def test_switches_turn_each_check_off(tmp_path):
    (tmp_path / "people.yaml").write_text(PEOPLE, encoding="utf-8")
    no_pairs = rules_from_yaml(RULE + "consistency: false\n", tmp_path)
    no_known = rules_from_yaml(RULE + "known: false\n", tmp_path)
    text = "Minister Andrii Sybhia spoke. Takaichi and Takaichi met Takiachi."
    assert [f.text for f in run_rules(no_pairs, text)] == ["Sybhia"]
    assert [f.text for f in run_rules(no_known, text)] == ["Takiachi"]


def test_a_missing_titles_roster_is_tolerated(monkeypatch, tmp_path):
    import editlint.engine

    monkeypatch.setattr(editlint.engine, "builtin_rules_dir", lambda: tmp_path)
    assert names_module._titles_roster() is None


def test_people_file_scanner_matches_yaml_and_falls_back(tmp_path):
    assert _scan_people(PEOPLE) == [
        ("Andrii Sybiha", ["Andrii Sybiha", "Andriy Sybiha"]),
        ("Volodymyr Zelensky", ["Volodymyr Zelensky", "Volodymyr Zelenskyy"]),
        ("Steve Witkoff", ["Steve Witkoff"]),
        ("Amara Okonkwo-Baptiste", ["Amara Okonkwo-Baptiste"]),
        ("Henri of Luxembourg", ["Henri of Luxembourg"]),
    ]
    block = "people:\n  - name: Ann Lee\n    variants:\n      - Anne Lee\n"
    assert _scan_people(block) is None  # a block list: the YAML parser reads it
    path = tmp_path / "p.yaml"
    path.write_text(block, encoding="utf-8")
    assert _read_people(path) == [("Ann Lee", ["Ann Lee", "Anne Lee"])]


def test_builtin_people_file_reads_the_same_both_ways():
    from editlint.yamlio import load_text

    path = Path(__file__).resolve().parent.parent / "rules" / "names" / "data" / "people.yaml"
    text = path.read_text(encoding="utf-8")
    people = load_text(text).data["people"]
    slow = [(p["name"], [p["name"], *p.get("variants", [])]) for p in people]
    assert _scan_people(text) == slow


def test_bad_input_does_not_crash(rules):
    assert found(rules, "") == []
    assert found(rules, "Ǆemal ǅemal Ⅻ 𝔖𝔶𝔟𝔥𝔦𝔞 " * 200) == []
