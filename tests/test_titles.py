"""The titles kind: dated title claims, the roster validator, extra rosters, the verify switch."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pytest

from editlint.config import Settings
from editlint.errors import ConfigError
from editlint.kinds._roster import load_roster
from editlint.testing import rules_from_yaml, run_rules
from editlint.yamlio import load_plain

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "rules" / "titles" / "data"
CLAIMS = load_plain((Path(__file__).parent / "data" / "title_claims.yaml").read_text("utf-8"))["claims"]

RULE = """
id: test.titles
kind: titles
category: title
severity: error
message: "'{match}': wrong title"
"""


@pytest.fixture(scope="module")
def rule():
    return rules_from_yaml(RULE)


def _date(value) -> _dt.date:
    return value if isinstance(value, _dt.date) else _dt.date.fromisoformat(str(value))


def check(rules, text: str, day, settings: Settings | None = None):
    return [f for f in run_rules(rules, text, as_of=_date(day), settings=settings)
            if f.category == "title"]


def test_the_claim_set_is_big_enough():
    assert len(CLAIMS) >= 60
    roster = load_roster([DATA / "offices.yaml"], [DATA / "roster.yaml"])
    people = set()
    for c in CLAIMS:
        for p in roster.people:
            if any(part in c["text"] for part in (p.name.split()[-1], *p.short)):
                people.add(p.name)
    assert len(people) >= 25
    assert sum(c["wrong"] for c in CLAIMS) >= 25
    assert sum(not c["wrong"] for c in CLAIMS) >= 25


@pytest.mark.parametrize("claim", CLAIMS, ids=[f"{c['date']}:{c['text'][:50]}" for c in CLAIMS])
def test_dated_claim(rule, claim):
    found = check(rule, claim["text"], claim["date"])
    if not claim["wrong"]:
        assert found == [], found[0].message
        return
    assert len(found) == 1, f"expected one finding, got {[f.text for f in found]}"
    if "fix" in claim:
        assert found[0].fix == claim["fix"], found[0].message


def test_seed_sentence_span_and_message(rule):
    text = "Putin's remarks follow statements from former U.S. President Donald Trump, who spoke."
    [f] = check(rule, text, "2025-12-04")
    assert f.text == "former U.S. President Donald Trump"
    assert f.fix == "U.S. President Donald Trump"
    assert "2025-01-20" in f.message and "--as-of" in f.message


def test_front_matter_date_wins_and_is_not_announced(rule):
    text = "---\ndate: 2023-05-02\n---\n\nFormer U.S. President Donald Trump spoke.\n"
    assert check(rule, text, "2025-12-04") == []
    text = "---\ndate: 2025-12-04\n---\n\nThen former U.S. President Donald Trump spoke.\n"
    [f] = check(rule, text, "2023-05-02")
    assert "--as-of" not in f.message and "front matter" not in f.message


def test_quotes_are_skipped_by_default_and_judged_when_included():
    text = "“Former U.S. President Donald Trump will call,” an aide said."
    assert check(rules_from_yaml(RULE), text, "2025-12-04") == []
    included = rules_from_yaml(RULE + "quotes: include\n")
    assert len(check(included, text, "2025-12-04")) == 1


def test_bad_input_does_not_crash(rule):
    assert check(rule, "", "2025-12-04") == []
    odd = "President \u200b\u0301 Trump ́ — Prime Minister 🙂 [[[ Secretary [ ] , former ex- then-"
    check(rule, odd, "2025-12-04")
    huge = ("President Macron met Chancellor Merz and former President Obama. " * 3000)
    assert check(rule, huge, "2025-12-04") == []


# ---------------------------------------------------------------------------------------------
# the roster and its validator


def test_roster_has_names_and_variants_for_the_names_checker():
    data = load_plain((DATA / "roster.yaml").read_text("utf-8"))
    people = data["people"]
    assert len(people) > 300
    assert all(isinstance(p["name"], str) for p in people)
    sybiha = next(p for p in people if p["name"] == "Andrii Sybiha")
    assert sybiha["terms"][0]["start"] == _dt.date(2024, 9, 5)
    zelensky = next(p for p in people if p["name"] == "Volodymyr Zelenskyy")
    assert "Volodymyr Zelensky" in zelensky["variants"]


def test_builtin_roster_is_valid():
    roster = load_roster([DATA / "offices.yaml"], [DATA / "roster.yaml"])
    assert "us.president" in roster.offices


def test_roster_cached_on_disk_is_the_roster_read_from_yaml(tmp_path, monkeypatch):
    from editlint.kinds import _roster

    monkeypatch.setenv("EDITLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("EDITLINT_NO_CACHE", raising=False)
    monkeypatch.setattr(_roster, "_CACHE", {})
    files = ([DATA / "offices.yaml"], [DATA / "roster.yaml"])
    fresh = _roster.cached_roster(*files)  # built and written to the disk cache
    assert list((tmp_path / "cache").iterdir())
    monkeypatch.setattr(_roster, "_CACHE", {})
    monkeypatch.setattr(_roster, "load_roster", lambda *a: pytest.fail("not read from disk"))
    again = _roster.cached_roster(*files)
    assert again is not fresh
    assert again == load_roster(*files)
    assert list(again.full) == list(fresh.full)  # same order: ambiguity resolves the same way


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "extra.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("body, line, words", [
    ("people:\n  - name: A B\n    terms:\n      - {office: us.nowhere, start: 2020-01-01}\n",
     4, "unknown office id 'us.nowhere'"),
    ("people:\n  - name: A B\n    terms:\n      - {office: fr.pm, start: 2020-01-01, end: 2019-01-01}\n",
     4, "ends (2019-01-01) before it starts"),
    ("people:\n  - name: A B\n    terms:\n      - {office: de.chancellor, start: 2020-01-01, end: 2020-06-01}\n",
     4, "overlaps Angela Merkel"),
    ("offices:\n  - {id: xx.pm, label: X, place: atlantis, roles: [prime_minister]}\n",
     2, "unknown place 'atlantis'"),
])
def test_validator_names_file_and_line(tmp_path, body, line, words):
    path = _write(tmp_path, body)
    with pytest.raises(ConfigError) as err:
        load_roster([DATA / "offices.yaml"], [DATA / "roster.yaml", path])
    message = str(err.value)
    assert f"{path}:{line}:" in message
    assert words in message


def test_validator_accepts_a_shared_handover_day(tmp_path):
    path = _write(tmp_path, "offices:\n  - {id: xx.pm, label: X Prime Minister, place: fr, "
                            "roles: [prime_minister]}\npeople:\n"
                            "  - name: Ann One\n    terms:\n      - {office: xx.pm, start: 2020-01-01, end: 2021-01-01}\n"
                            "  - name: Bob Two\n    terms:\n      - {office: xx.pm, start: 2021-01-01}\n")
    roster = load_roster([DATA / "offices.yaml"], [DATA / "roster.yaml", path])
    assert "xx.pm" in roster.offices


def test_extra_roster_adds_people_and_offices(tmp_path):
    folder = tmp_path / "house"
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "local.yaml").write_text(
        "places:\n  bav: {adjectives: [Bavarian], names: [Bavaria]}\n"
        "offices:\n  - {id: bav.pm, label: Bavarian Premier, place: bav, roles: [prime_minister]}\n"
        "people:\n  - name: Markus Söder  # bayern.de\n    variants: [Markus Soeder]\n"
        "    terms:\n      - {office: bav.pm, start: 2018-03-16}\n", encoding="utf-8")
    rules = rules_from_yaml(RULE + "extra_roster: [data/local.yaml]\n", folder=folder)
    assert check(rules, "Bavarian Premier Markus Söder spoke.", "2025-12-04") == []
    [f] = check(rules, "Former Bavarian Premier Markus Soeder spoke.", "2025-12-04")
    assert f.fix == "Bavarian Premier Markus Soeder"
    [f] = check(rules, "Bavarian Premier Markus Söder spoke.", "2017-01-01")
    assert "2018-03-16" in f.message


# ---------------------------------------------------------------------------------------------
# verify this title (info, off by default)

VERIFY = """
id: test.titles-verify
kind: titles
category: title
severity: info
message: "'{match}': verify this title"
report: verify
"""


def test_verify_is_off_unless_switched_on():
    rules = rules_from_yaml(VERIFY)
    text = "German Chancellor Gerhard Schmidtke spoke in Berlin."
    assert check(rules, text, "2025-12-04") == []
    on = Settings(settings={"titles_verify_unknown": True})
    [f] = check(rules, text, "2025-12-04", on)
    assert f.severity == "info" and "verify this title" in f.message
    assert check(rules, "German Chancellor Friedrich Merz spoke.", "2025-12-04", on) == []


def test_unknown_people_are_never_errors(rule):
    for text in ("German Chancellor Gerhard Schmidtke spoke.", "President Jane Doe spoke.",
                 "Former Prime Minister Ann Example spoke."):
        assert check(rule, text, "2025-12-04") == []


def test_verify_names_offices_the_roster_lacks():
    rules = rules_from_yaml(VERIFY)
    on = Settings(settings={"titles_verify_unknown": True})
    [f] = check(rules, "Finnish Foreign Minister Alexander Stubb spoke.", "2010-01-10", on)
    assert "does not list this office" in f.message
    off = Settings(settings={"titles_verify_unknown": False})
    text = "---\ntitles_verify_unknown: true\n---\n\nGerman Chancellor Gerhard Schmidtke spoke.\n"
    assert check(rules, text, "2025-12-04", off) == []
    assert len(check(rules, text, "2025-12-04")) == 1


def test_role_lookup_never_skips_a_span_the_title_pattern_matches(rule):
    """The cheap role-word test before the title pattern must be a necessary condition."""
    import random

    titles = rule[0].build()
    roster = titles.roster
    pieces = [p for ps in roster.roles.values() for p in ps] + list(roster.adjectives)[:30] + \
        list(roster.place_names)[:30] + ["former", "ex", "then", "of", "'s", "Ann Lee", "ahead"]
    seps = [" ", "  ", "-", "\t", "\n", ",", ".", "", "(", "_", "1", "é", "İ", "ı", "ſ", "K", "’"]
    rnd = random.Random(3)

    def mangle(words: str) -> str:
        return "".join(c.upper() if rnd.random() < 0.2 else {"i": "ı", "s": "ſ", "k": "K"}.get(c, c)
                       if rnd.random() < 0.05 else c for c in words)

    matched = 0
    for _ in range(3000):
        text = "".join(mangle(rnd.choice(pieces)) + rnd.choice(seps) for _ in range(rnd.randint(1, 5)))
        start, end = rnd.randint(0, 2), max(0, len(text) - rnd.randint(0, 2))
        if any(True for _ in titles.pattern.finditer(text, start, end)):
            matched += 1
            assert titles._may_hold_title(text, start, end), (text, start, end)
    assert matched > 500
    assert not titles._may_hold_title("He went ahead with the headline act.", 0, 36)


def test_title_pattern_with_tries_matches_exactly_the_plain_pattern(rule):
    import random
    import re

    from editlint.kinds.titles import _plain_title_source, _title_source

    roster = rule[0].build().roster
    fast, plain = re.compile(_title_source(roster)), re.compile(_plain_title_source(roster))
    assert fast.pattern != plain.pattern  # the built-in words allow the tries
    pieces = [p for ps in roster.roles.values() for p in ps] + list(roster.adjectives) + \
        list(roster.place_names) + ["former", "Former", "ex", "EX", "then", "of", "OF", "'s",
                                    "’S", "Ann Lee", "pm", "PM", "Pm", "president-elect"]
    seps = [" ", "  ", "-", " - ", "\t", "\n", ",", ".", "", "ſ", "İ", "K"]
    rnd = random.Random(5)
    text = "".join(rnd.choice(pieces) + rnd.choice(seps) for _ in range(30000))
    text = "".join(c.upper() if rnd.random() < 0.1 else c for c in text)
    found = [(m.span(), m.groupdict()) for m in fast.finditer(text)]
    assert found == [(m.span(), m.groupdict()) for m in plain.finditer(text)]
    assert len(found) > 1000


def test_title_matches_near_roles_are_exactly_the_pattern_matches(rule):
    """Searching only from a window before each role start finds what finditer finds over
    the whole span, long runs of white space and many-word places included."""
    import random

    titles = rule[0].build()
    roster = titles.roster
    assert titles._role_starts("x") is not None  # the built-in roster has a role gate
    pieces = [p for ps in roster.roles.values() for p in ps] + list(roster.adjectives) + \
        list(roster.place_names) + ["former", "Former", "ex", "then", "of", "'s", "’s",
                                    "Ann Lee", "the", "said", "pm", "PM"]
    seps = [" ", "  ", "-", " - ", "\t", "\n", " \n  ", "      ", ",", ".", "", "(", "’"]
    rnd = random.Random(9)
    matched = 0
    for _ in range(300):
        words = [rnd.choice(pieces) for _ in range(rnd.randint(1, 40))]
        # a title with every part, the longest places, and gaps of white space: ex - France's
        # former - South African President
        longest = sorted(roster.place_names, key=lambda n: -len(n.split()))[:3]
        adjectives = sorted(roster.adjectives, key=lambda n: -len(n.split()))[:3]
        parts = [rnd.choice(["ex", "former", "Ex", "FORMER"]) + rnd.choice([" - ", "  ", "-"]),
                 rnd.choice(longest) + rnd.choice(["'s   ", "’S "]),
                 rnd.choice(["former", "ex", "sitting"]) + rnd.choice([" -  ", "   ", "-"]),
                 rnd.choice(adjectives) + rnd.choice(["  ", "\t"])]
        # each part may be left out (then another ends right before the role)
        words.insert(rnd.randint(0, len(words)), "".join(
            [part for part in parts if rnd.random() < 0.6] + [rnd.choice(pieces[:20])]))
        text = "".join(w.replace(" ", rnd.choice([" ", "   ", "\n"])) + rnd.choice(seps)
                       for w in words)
        start = rnd.randint(0, 3)
        end = max(start, len(text) - rnd.randint(0, 3))
        want = [(m.span(), m.groupdict()) for m in titles.pattern.finditer(text, start, end)]
        got = [(m.span(), m.groupdict()) for m in titles._title_matches(text, start, end)]
        assert got == want, (text, start, end)
        matched += len(want)
    assert matched > 300


def test_the_words_before_a_title_are_found_as_the_regexes_find_them():
    """_extends_other_title reads the word before a title with word_before_blanks, and
    _name_before tries its (slow) search only when the text ends as the search needs: on
    random text, the same word as the regex, and never a skipped match."""
    import random
    import re

    from editlint.kinds._fastmatch import word_before_blanks
    from editlint.kinds.titles import _ends_with_comma_gap

    word = re.compile(r"([^\W\d_][\w'’.]*)[ \t]+$")
    name = re.compile(r"([^\W\d_][\w'’\-. ]{0,80}?),[ \t]+(?:(?:the|a)[ \t]+)?$")
    rnd = random.Random(5)
    chars = list("aZ9_'’.- \t\n,é١Ⅷ²x") + ["the", "a", ", ", ", the ", ",\t a\t"]
    matched = 0
    for _ in range(50000):
        text = "".join(rnd.choice(chars) for _ in range(rnd.randint(0, 12)))
        m, w = word.search(text), word_before_blanks(text, "_'’.")
        assert (m and (m[1], m.start(1), m.end())) == (w and (w[1], w.start(1), w.end())), text
        if name.search(text):
            matched += 1
            assert _ends_with_comma_gap(text), text
    assert matched > 1000


def test_role_starts_over_the_spaced_copy_are_the_role_starts_of_the_text(rule):
    """Within Latin-1, role starts are looked for in a copy with every non-letter a space
    (a literal-led scan is fast): exactly the starts the scan of the folded text finds."""
    import random

    from editlint.kinds._fastmatch import ascii_fold

    titles = rule[0].build()
    assert titles._role_spaced is not None
    roster = titles.roster
    pieces = [p for ps in roster.roles.values() for p in ps] + ["of", "the", "x", "5", "ahead"]
    seps = [" ", "  ", "-", "\t", "\n", ",", ".", "", "(", "_", "1", "é", "\xa0", "»", "×", "’",
            "—"]
    rnd = random.Random(11)
    found = 0
    for _ in range(3000):
        text = "".join(rnd.choice(pieces) + rnd.choice(seps) for _ in range(rnd.randint(1, 12)))
        plain = [m.end() for m in titles._role_scans[0].finditer(ascii_fold(text))]
        if titles._role_scans[1].match(ascii_fold(text)):
            plain.insert(0, 0)
        assert titles._role_starts(text) == plain, text
        found += len(plain)
    assert found > 3000


def test_close_surnames_are_those_within_the_edit_limit(rule):
    """_close_surnames skips the edit table for a surname lacking more of the word's
    letters than its limit: for words near and far from the roster's surnames, the same
    surnames as the table over every surname of the word's first letter."""
    import random

    from editlint.kinds._distance import distance
    from editlint.kinds.titles import _limit

    titles = rule[0].build()
    surnames = [skey[0] for skey in titles.roster.surnames if len(skey) == 1]
    rnd = random.Random(18)
    words = []
    for surname in rnd.sample(surnames, min(200, len(surnames))):
        for _ in range(4):  # one or two random edits away, or three
            w = list(surname)
            for _ in range(rnd.randint(1, 3)):
                at = rnd.randrange(1, len(w) + 1)
                op = rnd.choice("sidt")
                if op == "s" and at < len(w):
                    w[at] = rnd.choice("aeiklmnorst")
                elif op == "i":
                    w.insert(at, rnd.choice("aeiklmnorst"))
                elif op == "d" and at < len(w) and len(w) > 2:
                    del w[at]
                elif op == "t" and at + 1 < len(w):
                    w[at], w[at + 1] = w[at + 1], w[at]
            words.append("".join(w))
    words += ["secretary", "britain", "michael", "league"]
    titles._close.clear()
    for word in words:
        want = [ids for skey, ids in titles.roster.surnames.items()
                if len(skey) == 1 and skey[0][:1] == word[:1]
                and distance(word, skey[0], _limit(skey[0])) <= _limit(skey[0])]
        assert titles._close_surnames(word) == want, word
    assert sum(bool(titles._close_surnames(w)) for w in words) > 200
