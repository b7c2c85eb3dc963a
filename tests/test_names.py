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


DATA = Path(__file__).resolve().parent.parent / "rules" / "names" / "data"


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("people*.yaml")))
def test_builtin_people_files_read_the_same_both_ways(name):
    from editlint.yamlio import load_text

    text = (DATA / name).read_text(encoding="utf-8")
    people = load_text(text).data["people"]
    slow = [(p["name"], [p["name"], *p.get("variants", [])]) for p in people]
    assert _scan_people(text) == slow
    # every person says who they are (the new files: `who`; the first one: `role`)
    assert all(p.get("who") or p.get("role") for p in people)


def test_the_rule_loads_every_shipped_people_file():
    from editlint.yamlio import load_text

    listed = load_text((DATA.parent / "names.yaml").read_text(encoding="utf-8")).data["people"]
    assert sorted(listed) == sorted(f"data/{p.name}" for p in DATA.glob("people*.yaml"))


# -- a bigger authority: several files, accents, one-word names, stricter near misses --

SPORT = """\
people:
  - {name: Arsène Wenger, who: invented test entry}
  - {name: Ronaldinho, who: known by one name}
  - {name: Madonna, who: one name that is also a word}
  - {name: Aurélien Dùbrecq, who: invented, with an accent in the surname}
  - {name: Guillermo del Toro, who: a short surname after a particle}
"""
SCREEN = """\
people:
  - {name: Sidney Poitier}
  - {name: Graham Pointer}
  - {name: Jerry Seinfeld}
  - {name: Howard Wilkinson, who: first of two people with one surname}
  - {name: Jonny Wilkinson}
"""
TWO_FILES = RULE.replace("people: [people.yaml]", "people: [sport.yaml, screen.yaml]")


@pytest.fixture(scope="module")
def more(tmp_path_factory):
    folder = tmp_path_factory.mktemp("names_more")
    (folder / "sport.yaml").write_text(SPORT, encoding="utf-8")
    (folder / "screen.yaml").write_text(SCREEN, encoding="utf-8")
    return rules_from_yaml(TWO_FILES, folder)


def test_people_come_from_every_listed_file(more):
    assert found(more, "The coach Arsène Wengar smiled.") == [("Wengar", "Wenger")]
    assert found(more, "Mr Seinfeld and Jerry Seinfled joked.") == [("Seinfled", "Seinfeld")]


def test_a_name_without_its_accents_is_accepted(more):
    assert found(more, "Arsene Wenger and Arsène Wenger are one man; Arsene smiled.") == []
    assert found(more, "Aurélien Dubrecq scored; later Dubrecq and Dùbrecq left.") == []


def test_a_person_known_by_one_name_is_a_target(more):
    assert found(more, "The forward Ronaldihno scored twice.") == [("Ronaldihno", "Ronaldinho")]


def test_a_one_word_name_that_is_a_word_is_no_target(more):
    # "Mdaonna" is a typo for the spelling check, not the singer misspelt
    assert found(more, "The painter sold a Mdaonna to the museum.") == []


def test_the_person_whose_given_name_comes_first_wins(more):
    # Poiter is one letter from both Poitier and Pointer: the given name decides
    (finding,) = run_rules(more, "The film starred Sidney Poiter in the lead.")
    assert (finding.fix, finding.fix_safe) == ("Poitier", True)


def test_the_message_names_the_person_whose_given_name_is_there(more):
    (finding,) = run_rules(more, "The fly-half Jonny Wilkinsen kicked the goal.")
    assert finding.fix == "Wilkinson" and "(Jonny Wilkinson)" in finding.message
    (finding,) = run_rules(more, "The coach Howard Wilkinsen watched.")
    assert "(Howard Wilkinson)" in finding.message


def test_an_initial_that_is_not_the_persons_is_someone_else(more):
    assert found(more, "Team: M Seinfled, T Smith; J. Seinfled watched.") == [
        ("Seinfled", "Seinfeld")] * 2  # J. could be Jerry: both spellings go
    assert found(more, "Team: M Seinfled, T Smith, R Jones.") == []
    assert found(more, "Team: J Seinfled, T Smith, R Jones.") == [("Seinfled", "Seinfeld")]


def test_two_slips_need_the_given_name(more):
    assert found(more, "Economist Avery Shenfeld said rates would rise.") == []
    assert found(more, "Comedian Jerry Sienfeld said nothing.") == [("Sienfeld", "Seinfeld")]
    assert found(more, "Comedian Jerry Shenfeld said nothing.") == [("Shenfeld", "Seinfeld")]


def test_a_short_surname_after_a_particle_is_no_target(more):
    assert found(more, "Mr Torao, 101, still swims every morning.") == []


def test_the_cached_authority_follows_the_files(monkeypatch, tmp_path):
    monkeypatch.setenv("EDITLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("EDITLINT_NO_CACHE", raising=False)
    (tmp_path / "sport.yaml").write_text(SPORT, encoding="utf-8")
    (tmp_path / "screen.yaml").write_text(SCREEN, encoding="utf-8")
    text = "Minister Andrii Sybhia spoke to Jerry Seinfled."
    first = rules_from_yaml(TWO_FILES, tmp_path)
    assert found(first, text) == [("Seinfled", "Seinfeld")]
    assert list((tmp_path / "cache").iterdir())  # the authority was cached
    assert found(rules_from_yaml(TWO_FILES, tmp_path), text) == [("Seinfled", "Seinfeld")]
    (tmp_path / "screen.yaml").write_text(SCREEN + "  - {name: Andrii Sybiha}\n",
                                          encoding="utf-8")
    again = rules_from_yaml(TWO_FILES, tmp_path)
    assert found(again, text) == [("Sybhia", "Sybiha"), ("Seinfled", "Seinfeld")]


def test_a_broken_cache_entry_is_rebuilt(monkeypatch, tmp_path):
    import editlint.cache

    def stale(path, kind, build):  # the names authority comes back in an old shape
        return {"old": "shape"} if kind.startswith("names.authority") else build()

    monkeypatch.setattr(editlint.cache, "cached", stale)
    (tmp_path / "sport.yaml").write_text(SPORT, encoding="utf-8")
    (tmp_path / "screen.yaml").write_text(SCREEN, encoding="utf-8")
    rules = rules_from_yaml(TWO_FILES, tmp_path)
    assert found(rules, "Jerry Seinfled joked.") == [("Seinfled", "Seinfeld")]


def test_bad_input_does_not_crash(rules):
    assert found(rules, "") == []
    assert found(rules, "Ǆemal ǅemal Ⅻ 𝔖𝔶𝔟𝔥𝔦𝔞 " * 200) == []


def test_a_slip_near_two_spellings_takes_the_most_frequent(rules):
    text = ("Coach Tarvik said the squad was ready. Tarvik named Ola Tarvin in goal, and Tarvik "
            "praised her. Tarvin thanked the fans, and Tarvis signed later.")
    assert ("Tarvis", "Tarvik") in found(rules, text)


def test_two_spellings_do_not_depend_on_string_hashing(tmp_path):
    # the twins of a word come out of sets, whose order changes with PYTHONHASHSEED
    import os
    import subprocess
    import sys

    words = ["Stop", "Story", "Stoy", "Athletics", "Atletico", "Athletico"]
    text = " ".join(f"Then {w} came, said {w}." * n
                    for w, n in zip(words, [5, 2, 1, 9, 3, 1], strict=True))
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    (tmp_path / "rule.yaml").write_text(RULE.replace("people: [people.yaml]\n", ""),
                                        encoding="utf-8")
    code = ("import sys; from pathlib import Path; from editlint.testing import "
            "rules_from_yaml, run_rules; r = rules_from_yaml(Path(sys.argv[1]).read_text()); "
            "print([(f.text, f.fix) for f in run_rules(r, Path(sys.argv[2]).read_text())])")
    outs = {subprocess.run([sys.executable, "-c", code, str(tmp_path / "rule.yaml"),
                            str(tmp_path / "a.md")], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout
            for seed in range(6)}
    assert len(outs) == 1, outs


@pytest.mark.parametrize("text", [
    "Iran and Iraq signed; Iran's and Iraq's ministers met in Iraq.",
    "Russia said Russian troops had left. Russia denied it. Later Rusia's envoy left.",
    "Austria and Australia played twice; Slovakia and Slovenia drew. Austrlia lost.",
    "Sanae Takaichi won. Takaichi thanked them. Takiachi said little. Takaichi left.",
    "Coach Tarvik said so. Tarvik named Ola Tarvin, and Tarvik praised her. Tarvis left.",
    "Then Stop came, said Stop. Story and Stoy. Then Story came. Minister and Ministers met "
    "the Minster. Being a good actor, Annette Bening said little. Mr Darnell, Mr Darrell.",
])
def test_pairs_of_the_rarer_words_give_the_verdicts_of_all_pairs(rules, text):
    # _pairs leaves out the pairs of two frequent words: every such pair must be one that
    # _pair turns down, so the findings are those of all the article's pairs
    from editlint.document import Document
    from editlint.kinds._words import capital_counts, capital_twins

    kind = rules[0].build()
    doc = Document(text, "a.md")
    counts = capital_counts(doc)
    forms = {w for w in counts if len(w) >= 3 and "'" not in w}
    twins = capital_twins(doc, kind.opts["pair_min_length"])
    every = [(a, b) for a in sorted(twins) if a in forms
             for b in sorted(twins[a]) if a < b and b in forms]
    some = kind._pairs(doc, forms)
    assert set(some) <= set(every) and some == sorted(some)
    facts = names_module._Facts(kind.lex, {w for pair in every for w in pair}, counts, doc)
    for pair in set(every) - set(some):
        assert kind._pair(*pair, facts) is None

    def verdicts(pairs):
        return {slip: (m.fix, m.values, m.message)
                for slip, m in kind._two_spellings(pairs, facts).items()}
    assert verdicts(some) == verdicts(every)
    if text.startswith("Iran"):  # the shortcut is taken: both words are frequent
        assert ("Iran", "Iraq") in every and ("Iran", "Iraq") not in some
