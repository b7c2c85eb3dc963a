"""The attribution kind: figures, their exclusions, source cues, quotes and carry-over.

Every article here is written for these tests (one paragraph per line, plain text, as the
seed article is). Each test checks one cue family or one exclusion, flagged or not.
"""

from __future__ import annotations

import pytest

from editlint.errors import ConfigError
from editlint.testing import rules_from_yaml, run_rules

RULE = """
id: test.attribution
kind: attribution
category: attribution
severity: warning
message: "'{figure}' has no source in this sentence or the one before: say who says so"
"""


@pytest.fixture(scope="module")
def rules():
    return rules_from_yaml(RULE)


def flagged(rules, text: str, fmt: str = "text") -> list[str]:
    """The flagged sentences of an article."""
    return [f.text for f in run_rules(rules, text, fmt, path="a.txt" if fmt == "text" else "a.md")]


def is_flagged(rules, sentence: str) -> bool:
    return bool(flagged(rules, sentence))


# --- what counts as a figure ---------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Turnout in the ward rose to 64% this spring.",
    "Turnout in the ward rose to 64 per cent this spring.",
    "The harbour wall will cost £4.5m to repair.",
    "The museum raised $12,000 at its winter auction.",
    "The library lent out 3,400 books in its first month.",
    "Builders poured 120 tonnes of concrete into the foundations.",
    "The ferry carries 800 passengers on each crossing.",
    "Nearly two million visitors came to the coast.",
    "A fifth of the orchards were lost to frost.",
    "Two-thirds of the nurses work night shifts.",
    "More than half of the lifeboat crews are volunteers.",
    "One in three pupils walks to school.",
    "Nine out of ten owners keep their first car.",
    "Members backed the merger by two to one.",
    "The new tunnel carries twice as many lorries as the old bridge.",
    "Rents in the old town have risen fourfold.",
    "The mill produced 40,000 litres of juice.",
    "Prices at the pump fell 3.2p a litre.",
    "The club's debts reached 2.1bn kronor.",
])
def test_figures_without_a_source_are_flagged(rules, sentence):
    assert is_flagged(rules, sentence)


@pytest.mark.parametrize("sentence", [
    # years, dates, times
    "The bridge opened in 1998 and closed in 2004.",
    "The vote will take place on 14 March.",
    "The vote will take place on March 14.",
    "Tickets go on sale on 3, 10 and 17 June.",
    "The polls close at 2200 GMT.",
    "A curfew runs between 2200 and 0700.",
    "The envoy was received at 10 Downing Street.",
    "The ferry leaves at 9am and returns at 10:30.",
    "Output grew strongly in the 1990s.",
    "The 2004-05 season ended early.",
    # ages
    "Maria Lund, 47, runs the bakery on the quay.",
    "The veteran skipper, 71, retired in May.",
    "The 63-year-old has coached the team since spring.",
    "He was aged 19 when he joined the crew.",
    "They want to raise the retirement age from 65 to 67.",
    # durations
    "The strike lasted for 18 months.",
    "Workers staged a 24-hour walkout.",
    "She served a two-year ban.",
    # ordinals and ranks
    "The team finished 3rd in the league.",
    "The film is number 4 in the chart.",
    # numbers inside names and identifiers
    "Leaders met at the G20 summit.",
    "The F-16 flew over the coast.",
    "Covid-19 closed the schools.",
    "The laptop runs Windows 11.",
    "She presents a show on Radio 1.",
    "Section 404 of the act covers audits.",
    "The details are on page 12 of the report.",
    "The rapper 50 Cent played the arena.",
    "The band recorded '03 Bonnie at the studio.",
    # scores
    "The home side won 2-0 at the weekend.",
    "She came through 6-4 3-6 7-5 in the final.",
    # sporting events named by distance
    "She won the 800m final in the rain.",
    # vague magnitudes and small spelled counts
    "Hundreds of fans waited outside.",
    "Millions of viewers watched the final.",
    "The film received three nominations.",
    "The plan is the second half of the scheme.",
])
def test_things_that_are_not_figures_are_not_flagged(rules, sentence):
    assert not is_flagged(rules, sentence), flagged(rules, sentence)


# --- sources in the same sentence --------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    # a reporting verb before the figure
    "The council said it would spend £4.5m on the harbour wall.",
    "Analysts estimate that sales rose 8% in the spring.",
    "The agency told MPs that 300 posts would go.",
    "The regulator warned that bills could rise by a fifth.",
    "A spokesman confirmed that 40 staff had left.",
    # a reporting verb that ends the sentence
    "Sales rose 8% in the spring, the retailer said.",
    "Sales rose 8% in the spring, said a spokeswoman for the chain.",
    "Sales rose 8% in the spring, the retailer said on Tuesday.",
    "Sales rose 8% in the spring, figures show.",
    "Sales rose 8% in the spring, its annual accounts show.",
    "Sales rose 8% in the spring, she added.",
    # the figure in the subject of the verb
    "Another 12% said they had not decided.",
    # phrases that name a source anywhere
    "According to the port authority, 40% of the cargo is grain.",
    "Grain made up 40% of the cargo, according to the port authority.",
    "Figures from the statistics office put inflation at 2.4%.",
    "A survey of 2,000 drivers found most wanted lower fares.",
    "In its annual report, the trust listed debts of £3m.",
    "Under the plan, every household would receive £200.",
    # a passive with its agent
    "Fares will rise by 5% under proposals announced by the transport minister.",
    # speech acts beyond "said"
    "The judge ruled the inventor should get a tenth of the profits.",
    "The minister assured MPs that 90% of the budget was safe.",
    "The BBC has learned that 300 jobs will go.",
    "Local media reported 30 deaths in the floods.",
    "At least 30 people died in the floods, officials said.",
    "Some 2,000 people marched, organisers said, though police put the figure at 800.",
    "Economists had expected growth of 0.5%.",
    "The Treasury estimates the plan will cost £2bn.",
    # a named poll, study or plan gives the figures that follow it
    "The latest poll puts the party on 35%.",
    "The IMF's forecast of 2% growth was cut.",
    "The opposition unveiled its own proposals to raise the threshold to £150,000.",
    # a company reporting its own results
    "The brewer posted pre-tax profits of £48m for the year.",
    "The carmaker returned a net profit of 3bn euros in 2004.",
])
def test_a_source_in_the_sentence_attributes_the_figure(rules, sentence):
    assert not is_flagged(rules, sentence), flagged(rules, sentence)


@pytest.mark.parametrize("sentence", [
    # passives without an agent
    "Sales are estimated to have risen by 8% in the spring.",
    "It was announced that 37 branches would close.",
    # hearsay is no source
    "The club reportedly paid £6m for the striker.",
    # adjectives and nouns that look like reporting verbs
    "The film took an estimated $9m at the weekend.",
    "Unconfirmed reports of 300 job losses alarmed the town.",
    # declining to say names nobody
    "The firm declined to say whether 200 jobs were at risk.",
    # actions are not statements
    "The group bid $800m for the chain.",
    "The minister launched a £500m fund for rural buses.",
    "The brewer made profits of £48m, a rise of a fifth.",
    "Growth of 0.5% had been expected.",
    "It is understood that 300 jobs will go.",
    "Shares fell 5% as traders shrugged off the offer.",
    "The deal, valued at £40m, was signed on Friday.",
    # a verb covering another clause
    "Profits fell 9% to £6bn, but the firm says a recovery is on the way.",
    "Shares fell 5% as analysts questioned the plan.",
    # a reporting verb that is part of a name
    "The studio Just Say Yes employs 40 people.",
])
def test_things_that_are_not_sources_leave_the_figure_bare(rules, sentence):
    assert is_flagged(rules, sentence)


# --- direct quotes ----------------------------------------------------------------------------

def test_a_figure_inside_a_direct_quote_is_attributed(rules):
    assert not is_flagged(rules, "“We lost 300 jobs in a single week,” the union leader said.")
    assert not is_flagged(rules, 'He said: "Half of our members cannot afford the rent."')


def test_a_first_person_account_speaks_for_itself(rules):
    # a Q&A or a guest column without quote marks: the writer is the source
    assert not is_flagged(rules, "We have 40,000 members and our costs rose 6% last year.")
    assert is_flagged(rules, "The union has 40,000 members and its costs rose 6% last year.")


def test_a_quote_left_open_in_a_joined_paragraph_still_counts(rules):
    # news style opens a new quote mark without closing the one before it
    text = ('"The scheme has failed every family on the estate. "And with over 900 families '
            'waiting, it cannot go on," she said.')
    assert flagged(rules, text) == []


def test_a_figure_outside_the_quote_needs_its_own_source(rules):
    text = "“We are proud of the result,” the mayor said, as the deficit reached £3m."
    assert is_flagged(rules, text)


# --- the previous sentence ----------------------------------------------------------------------

def test_a_report_in_the_previous_sentence_carries_to_the_next(rules):
    text = ("The survey by the tenants' group found 45% of renters had moved twice. "
            "Only 20% of those asked owned a car.")
    assert flagged(rules, text) == []


def test_a_report_of_findings_carries_even_without_a_figure(rules):
    text = ("The watchdog reports that more homes than ever have fast broadband. "
            "Some 400,000 lines were added in the summer.")
    assert flagged(rules, text) == []


def test_a_cue_that_only_introduces_a_quote_does_not_carry(rules):
    text = ("The governor stated, “We will hold the line.” "
            "Today the rebels hold approximately 70% of the province.")
    assert flagged(rules, text) == ["Today the rebels hold approximately 70% of the province."]


def test_a_source_without_a_figure_does_not_carry(rules):
    text = ("The chairman said the company was in good shape. "
            "Its debts stand at £80m.")
    assert flagged(rules, text) == ["Its debts stand at £80m."]


def test_the_first_sentence_of_a_paragraph_has_no_previous_sentence(rules):
    text = ("The watchdog said complaints rose 12% last year.\n"
            "Complaints about parking made up 30% of the total.\n")
    assert flagged(rules, text) == ["Complaints about parking made up 30% of the total."]


def test_carry_option():
    text = ("The chairman said the company was in good shape. "
            "Its debts stand at £80m.")
    carry_any = rules_from_yaml(RULE + "carry: any\n")
    assert flagged(carry_any, text) == []
    never = rules_from_yaml(RULE + "carry: never\n")
    text2 = ("The survey found 45% of renters had moved. Only 20% of those asked owned a car.")
    assert flagged(never, text2) == ["Only 20% of those asked owned a car."]


# --- the finding ------------------------------------------------------------------------------

def test_one_finding_per_sentence_spanning_it_and_naming_the_figure(rules):
    text = "Intro line.\nBy noon about 85% of the town had power and 2,000 homes had heat again.\n"
    findings = run_rules(rules, text, "text", path="a.txt")
    assert len(findings) == 1
    f = findings[0]
    assert f.text == "By noon about 85% of the town had power and 2,000 homes had heat again."
    assert (f.line, f.column) == (2, 1)
    assert f.message == "'about 85%' has no source in this sentence or the one before: say who says so"
    assert f.severity == "warning" and f.category == "attribution"


def test_markdown_code_and_front_matter_are_not_read(rules):
    text = "---\ntitle: Budget\ndate: 2025-01-02\n---\n\nThe trust met.\n\n```\ntotal = 45%\n```\n"
    assert flagged(rules, text, "markdown") == []


# --- robustness --------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "",
    "\n\n\n",
    "“" * 300,
    '"' * 301,
    "\u200b\ufeff 12 \u0301 ٣٤ ½ ₹",
    "% £ $ m bn - -- 1-- --1 1/ /1 1: :1 ,1 1,",
])
def test_odd_input_does_not_crash(rules, text):
    run_rules(rules, text, "text", path="a.txt")
    run_rules(rules, text, "markdown")


def test_a_huge_paragraph_is_read_sentence_by_sentence(rules):
    # 3,000 sentences in one paragraph: every other one carries its source to the next
    pair = "The survey found 45% of renters had moved. Only 20% of them owned a car. "
    bare = "Its debts stand at £80m. "
    text = (pair + bare) * 1000
    findings = run_rules(rules, text, "text", path="a.txt")
    assert [f.text for f in findings] == ["Its debts stand at £80m."] * 1000


# --- configuration ------------------------------------------------------------------------------

def test_add_extends_the_vocabulary():
    text = "The harbour wall will cost £4.5m to repair, the almanac reckons so."
    base = rules_from_yaml(RULE)
    assert flagged(base, "The harbour wall will cost £4.5m, per almanac figures.") != []
    extended = rules_from_yaml(RULE + "add:\n  source_phrases: [per almanac]\n")
    assert flagged(extended, "The harbour wall will cost £4.5m, per almanac figures.") == []
    assert flagged(extended, text) == []  # the built-in verbs are still there


def test_add_rejects_unknown_keys():
    with pytest.raises(ConfigError, match="unknown vocabulary key"):
        rules_from_yaml(RULE + "add:\n  reporting_verbz: [[opine, opines]]\n")


def test_cues_path_names_a_vocabulary_file(tmp_path):
    from editlint.kinds.attribution import _default_cues_path

    data = tmp_path / "data"
    data.mkdir()
    cues = _default_cues_path().read_text(encoding="utf-8")
    (data / "cues.yaml").write_text(cues.replace("  - [say, says, said, saying]\n", ""),
                                    encoding="utf-8")
    rules = rules_from_yaml(RULE + "cues: data/cues.yaml\n", folder=tmp_path)
    assert flagged(rules, "Sales rose 8% in the spring, the retailer said.") != []
    assert flagged(rules, "Sales rose 8% in the spring, the retailer told reporters.") == []


# --- speed-ups must not change what is found -----------------------------------------------

def test_ascii_fold_equates_exactly_what_ignorecase_equates():
    import re
    import string

    from editlint.kinds._fastmatch import ascii_fold

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    folded = ascii_fold(every)
    assert len(folded) == len(every)
    for letter in string.ascii_lowercase:
        by_regex = set(re.findall(letter, every, re.I))
        by_fold = {c for c, f in zip(every, folded, strict=True) if f == letter}
        assert by_regex == by_fold, letter


@pytest.mark.parametrize("sentence", [
    "Two million people visited the fair.",
    "TWICE as many people voted this year.",
    "Prices rose FOURFOLD in a decade.",
    "One in three homes has no garden.",
    "The ſum was two million pounds.",  # a long s elsewhere in the sentence: folded text
])
def test_spelled_figures_are_found_in_any_case(rules, sentence):
    assert is_flagged(rules, sentence)


def _plain_pattern(words, suffix: str) -> str:
    """The alternation the trie replaces (sorted longest first)."""
    import re

    alts = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in alts) + ")" + suffix


def test_word_tries_match_exactly_what_the_sorted_alternation_matches():
    import random
    import re

    from editlint.kinds._fastmatch import words_pattern

    rnd = random.Random(11)
    stems = ["per", "cent", "a", "an", "mill", "ion", "s", "half", "o'", "x-"]
    texts = "".join(rnd.choice(stems + [" ", "  ", "\t", "-", ",", "Per", "ION", "1"])
                    for _ in range(4000))
    for _ in range(300):
        words = {"".join(rnd.choice(stems) for _ in range(rnd.randint(1, 3))) +
                 rnd.choice(["", " " + rnd.choice(stems)]) for _ in range(rnd.randint(1, 8))}
        for suffix in (r"(?![\w-])", "", r"[ \t]+an\b", r"s?(?!\w)"):
            for flags in (re.I, 0):
                trie = re.compile(r"(?<![\w-])" + words_pattern(words, suffix), flags)
                plain = re.compile(r"(?<![\w-])" + _plain_pattern({w.lower() for w in words}, suffix),
                                   flags)
                assert [m.span() for m in trie.finditer(texts)] == \
                    [m.span() for m in plain.finditer(texts)], (words, suffix)


@pytest.mark.parametrize("sentence", [
    "He bought a copy of The Two Million Club at the shop.",  # capitals inside: a name
    "Rents rose by a THIRD in the city.",
])
def test_spelled_figures_are_judged_on_the_text_as_written(rules, sentence):
    # the patterns search folded text; the checks must still see the capitals
    assert not is_flagged(rules, sentence)


def test_patterns_compiled_from_the_disk_cache_behave_as_re_compile(tmp_path, monkeypatch):
    import re

    from editlint.kinds import _fastmatch

    monkeypatch.setenv("EDITLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("EDITLINT_NO_CACHE", raising=False)
    monkeypatch.setattr(_fastmatch, "_TABLES", {})  # no table memoised in this process
    data = tmp_path / "words.yaml"
    data.write_text("words: []\n", encoding="utf-8")
    sources = [(r"(?P<mod>former|ex-)?\s*(?P<role>president|prime\s+minister)\b", re.I),
               (r"(?i:(?<![\w-])(?P<n>un|deux)(?-i:X)?)(?![\w-])", 0), (r"[£$]\d+(?:\.\d+)?", 0)]
    text = "Former President, ex-prime  minister Deux DEUXX unX $5.25 £3 PRESIDENTS"

    def compile_table() -> list[re.Pattern]:
        _fastmatch._TABLES.clear()  # read from the disk cache, not the memo
        table = _fastmatch.compiled_table(data, "test", lambda: dict(enumerate(sources)))
        return [table[i] for i in range(len(sources))]

    first = compile_table()  # compiled, programs cached
    program = _fastmatch._sre_program
    monkeypatch.setattr(_fastmatch, "_sre_program", lambda *a: pytest.fail("not from the cache"))
    again = compile_table()
    for (source, flags), one, two in zip(sources, first, again, strict=True):
        plain = re.compile(source, flags)
        for got in (one, two):
            assert (got.pattern, got.flags, got.groups, got.groupindex) == \
                (plain.pattern, plain.flags, plain.groups, plain.groupindex)
            assert [m.groupdict() or m.span() for m in got.finditer(text)] == \
                [m.groupdict() or m.span() for m in plain.finditer(text)]
    monkeypatch.setattr(_fastmatch, "_sre_program", program)
    entries = list((tmp_path / "cache").rglob("*.marshal"))
    assert entries
    for entry in entries:  # a damaged cache: compiled the ordinary way
        entry.write_bytes(b"\x00garbage")
    assert compile_table()[0].findall(text) == re.findall(*sources[0][:1], text, sources[0][1])
    with pytest.raises(re.error):
        _fastmatch.compiled_table(data, "bad", lambda: {"x": ("(unclosed", 0)})


def test_the_article_scan_never_skips_a_sentence_with_a_figure(rules):
    """find() with the article's Scan (which skips sentences and checks) finds exactly what
    it finds reading every sentence in full, on text made of the vocabulary's own words."""
    import random

    from editlint.kinds._fastmatch import ascii_fold

    figures = rules[0].build().figures
    words = ["two", "one", "a", "half", "third", "thirds", "in", "out", "of", "to", "every",
             "million", "per", "cent", "percent", "pc", "twice", "times", "as", "the", "fold",
             "fourfold", "three-quarters", "ten", "twenty-one", "hundred", "and", "more", "than",
             "5", "12", "1,000", "2.5", "£3", "$4m", "1990", "cut", "by", "aged", "Radio",
             "someone", "money", "often", "tenfold", "Two", "MILLION", "ſ", "K", "٣"]
    seps = [" ", "  ", "-", "\t", ",", ".", "(", "\n", "'", "%"]
    rnd = random.Random(7)
    found = 0
    for _ in range(400):
        text = "".join(rnd.choice(words) + rnd.choice(seps) for _ in range(rnd.randint(3, 40)))
        if rnd.random() < 0.3:
            text = ascii_fold(text)
        found += _same_with_scan(figures, text, rnd)
    assert found > 100
    rnd = random.Random(8)
    for text in ("The ratio was:5 in ten.", "Odds/3 out of ten.", "It fell .5 in ten years."):
        assert figures.find(text, 0, len(text))  # no number, but digits before "in"
        _same_with_scan(figures, text, rnd)


def _same_with_scan(figures, text: str, rnd) -> int:
    """How many spans of the text (cut at random) have figures, checking on the way that
    find() finds the same with the article's scan and a paragraph's runs of digits."""
    from editlint.kinds._figures import Runs

    scan, runs = figures.scan(text), Runs(text, 0, len(text))
    cuts = sorted({0, len(text), *(rnd.randint(0, len(text)) for _ in range(4))})
    found = 0
    for start, end in zip(cuts, cuts[1:], strict=False):
        full = figures.find(text, start, end)
        assert figures.find(text, start, end, scan) == full, (text, start, end)
        assert figures.find(text, start, end, scan, runs) == full, (text, start, end)
        found += bool(full)
    return found


def test_the_words_before_a_number_are_found_as_the_regexes_find_them():
    """_prev_word and _apposition stand for two regexes anchored at the end ($), which
    tried every start; on random text they must find what the regexes find."""
    import random
    import re

    from editlint.kinds._figures import _apposition, _prev_word

    prev_word = re.compile(r"([^\W\d_][\w'’.-]*)[ \t]+$")
    apposition = re.compile(r"[^\W\d_][\w'’-]*,[ \t]+$")
    rnd = random.Random(4)
    chars = list("aZ9_'’.- \t\n,é١Ⅷ²x")
    for _ in range(50000):
        text = "".join(rnd.choice(chars) for _ in range(rnd.randint(0, 12)))
        m, w = prev_word.search(text), _prev_word(text)
        assert (m and (m[1], m.start(1), m.end())) == (w and (w[1], w.start(1), w.end())), text
        assert w is None or text[-1:] in " \t\n", text  # _digits asks only after a blank
        m = apposition.search(text)
        assert (m and m.group()[0]) == _apposition(text), text


def test_a_currency_prefix_before_a_number_passes_the_pretest(rules):
    """_digits looks for the word before a number early only where _may_end_in_prefix
    allows (else after the refusals that need no word): wherever that word is a currency
    prefix, the pretest must hold, on random text (blanks, newlines, prefixes glued to
    words and punctuation)."""
    import random

    from editlint.kinds._fastmatch import word_before_blanks

    figures = rules[0].build().figures
    prefixes = sorted(figures.currency_prefixes)
    chars = ["a", "Z", "9", "_", "'", "’", ".", "-", " ", "\t", "\n", ",", "é", "(", *prefixes]
    rnd = random.Random(11)
    found = 0
    for _ in range(30000):
        before = "".join(rnd.choice(chars) for _ in range(rnd.randint(0, 8)))
        pw = word_before_blanks(before, "_'’.-")
        if pw is not None and pw[1] in figures.currency_prefixes:
            assert figures._may_end_in_prefix(before), before
            found += 1
    assert found > 300


def test_the_spaced_scan_finds_a_key_in_every_match_and_the_same_runs_of_digits(rules):
    """Within Latin-1 the article scan runs over a copy with each non-word character a
    space (a literal-led scan is fast), for stricter keys ("two million", "a third", "times
    as"): every match of a spelled-figure pattern must hold a key start the scan finds
    (for "5 in 10": where the digits end), as the keys of the text as written do (but for
    "5 in 10", left to digits_in there); and the runs of digits must be the same."""
    import random

    from editlint.kinds._figures import Runs

    figures = rules[0].build().figures
    assert figures.keys_spaced is not None
    words = ["two", "one", "a", "half", "third", "thirds", "in", "out", "of", "per", "cent",
             "percent", "million", "Million", "times", "as", "the", "twice", "fold", "to",
             "hundred", "and", "twenty", "5", "12", "0", "1,000", "é", "£", "×", "²", "ª", "_", "x"]
    seps = [" ", "  ", "-", "\t", ",", ".", "\n", "'", "%", "\xa0", "«", "÷", "", "_", "’", "—",
            " - "]
    rnd = random.Random(9)
    matches = 0
    texts = ["".join(rnd.choice(words) + rnd.choice(seps) for _ in range(rnd.randint(1, 30)))
             for _ in range(3000)] + _spelled_texts(rnd, 3000)
    for text in texts:
        searched = figures.fold(text) if figures.folded else text
        scan = figures.scan(text)
        assert scan.keys == sorted(set(scan.keys)), text
        plain = sorted({m.end() for m in figures.keys.finditer(searched)} |
                       {m.end() for m in figures.keys_wide.finditer(searched)} |
                       ({0} if figures.keys_at_start.match(searched) else set()))
        for pattern, _ in figures.spelled:
            for m in pattern.finditer(searched):
                assert not scan.digits_in or any(m.start() <= k < m.end() for k in scan.keys), \
                    (text, m)
                # (the keys of the text as written leave "5 in 10" to digits_in)
                assert m.group()[0].isdigit() or any(m.start() <= k < m.end() for k in plain), \
                    (text, m)
                matches += 1
        runs, plain_runs = scan.runs, Runs(text, 0, len(text))
        assert (runs.starts, runs.ends) == (plain_runs.starts, plain_runs.ends), text
    assert matches > 3000


def test_digits_before_in_or_out_are_found_as_the_search_finds_them(rules):
    """find() looks for "5 in", "3 out" only at the end of each run of digits: on random
    text and spans, the same answer as the search over the span."""
    import random

    from editlint.kinds._figures import Runs

    figures = rules[0].build().figures
    assert figures.in_after is not None
    pieces = ["5", "12", "1,0", " ", "  ", "\t", "in", "IN", "out", "into", "x", "\n", "-", "٣"]
    rnd = random.Random(10)
    hits = 0
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 14)))
        start = rnd.randint(0, len(text))
        end = rnd.randint(start, len(text))
        searched = figures.fold(text) if figures.folded else text
        want = figures.digits_in.search(searched, start, end) is not None
        assert figures._digits_in(text, start, end, Runs(text, 0, len(text))) == want, \
            (text, start, end)
        hits += want
    assert hits > 200


def test_sentences_skipped_after_a_carried_source_change_no_finding(rules, monkeypatch):
    """check() leaves unread a sentence a source carries into when the next one has no
    figure: on random paragraphs, the same findings as reading every sentence."""
    import random

    from editlint.kinds.attribution import Attribution

    pool = ["The bank said profits rose 5%.", "Sales fell 3% in May.", "Costs rose 4%.",
            "The weather was fine.", "Analysts expect growth of 2%.", "It was a quiet year.",
            '"We lost 7%," he said.', "The survey shows 40% of shops closed.",
            "Another 12% said they would move.", "Rents rose twice as fast as wages."]
    rnd = random.Random(12)
    texts = ["\n\n".join(" ".join(rnd.choice(pool) for _ in range(rnd.randint(1, 6)))
                         for _ in range(rnd.randint(1, 4))) for _ in range(300)]
    fast = [flagged(rules, text) for text in texts]
    monkeypatch.setattr(Attribution, "_skip_carried", staticmethod(lambda *a: False))
    assert [flagged(rules, text) for text in texts] == fast
    assert sum(map(len, fast)) > 100


def test_hot_is_a_key_word_or_a_digit_in_the_span():
    """Scan.hot answers words() or digits() with one bisection of the keys and runs merged;
    on random texts and keys (some inside runs of digits, where the merge does not hold)
    it must answer as the two tests do, for every span."""
    import random

    from editlint.kinds._figures import Runs, Scan

    rnd = random.Random(7)
    for trial in range(400):
        text = "".join(rnd.choice("ab 12.") for _ in range(rnd.randint(0, 30)))
        if trial % 2:  # keys where letters start a word, as the scan finds them
            keys = [i for i, c in enumerate(text) if c.isalpha() and (i == 0 or text[i - 1] == " ")]
        else:  # anywhere, digits included
            keys = sorted(rnd.sample(range(len(text)), rnd.randint(0, len(text))))
        scan = Scan(text, keys, Runs(text, 0, len(text)))
        for start in range(len(text) + 1):
            for end in range(start, len(text) + 1):
                assert scan.hot(start, end) == (scan.words(start, end) or scan.digits(start, end)), \
                    (text, keys, start, end)


def test_first_class_holds_every_first_character_of_a_match():
    """first_class(source) is a class every match of the source starts with (None when it
    cannot tell): on random texts, every match found at any position starts with a
    character of the class."""
    import random
    import re

    from editlint.kinds._fastmatch import first_class

    sources = [r"(?:one|two)\s+x", r"(?<![\w-])half", r"(?:a)?b", r"[a-c]x|\dy", r"\.|-fold",
               r"(?:(?:x|)y)?z", r"(?:ab)*c", r"(?:ab)+c", r"\b(?:in|out)[ \t]+of",
               r"(?:a|b?)c", r"a{0,2}b", r"[\d,]+%"]
    none = [r"a*", r"(?i)ab", r"(?i:a)b", r"(?=x)y", r"x?", r"[^a]", r".b", r"\wx", r"(?<=a)b"]
    assert all(first_class(s) is None for s in none)
    rnd = random.Random(14)
    alphabet = "abcxyz01 ,.-%\tofnuhlé٣"
    for source in sources:
        cls = first_class(source)
        assert cls is not None, source
        pattern, firsts = re.compile(source), re.compile(cls)
        for _ in range(3000):
            text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 8)))
            for pos in range(len(text) + 1):
                m = pattern.match(text, pos)
                if m is not None:
                    assert firsts.match(text, pos), (source, cls, text, pos)


def _spelled_texts(rnd, n: int) -> list[str]:
    pieces = ["two", "Two", "million", "a", "third", "of", "half", "twice", "as", "one", "in",
              "ten", "times", "the", "5", "12", "fold", "-", "per", "cent", "to", "thirty",
              "five", "x", "é", "’", "(", ",", ".", "\n", "hundred", "and", "out", "every",
              "two million", "a third of", "one in ten", "twice as", "5 times the", "fourfold",
              "half of", "ten per cent", "two to one", "Three Quarters"]
    return ["".join(rnd.choice((" ", " ", "", "-", "\t")) + rnd.choice(pieces)
                    for _ in range(rnd.randint(1, 12))) for _ in range(n)]


def test_the_spelled_starts_are_where_the_nine_patterns_match(rules):
    """_spelled_starts holds every position of the span where some spelled-figure pattern
    matches, and trying each pattern only there finds what its finditer over the span
    finds; on random text and spans, the same as trying each pattern everywhere."""
    import random

    from editlint.kinds._figures import _matches_at

    figures = rules[0].build().figures
    rnd = random.Random(15)
    hits = 0
    for text in _spelled_texts(rnd, 20000):
        start = rnd.randint(0, len(text))
        end = rnd.randint(start, len(text))
        searched = figures.fold(text)
        where = [p for p in range(start, end + 1)
                 if any(pattern.match(searched, p, end) for pattern, _ in figures.spelled)]
        starts = figures._spelled_starts(searched, start, end)
        assert starts == where, (text, start, end)
        for pattern, _ in figures.spelled:
            assert [m.span() for m in _matches_at(pattern, searched, starts, end)] == \
                [m.span() for m in pattern.finditer(searched, start, end)], (text, start, end)
        hits += bool(starts)
    assert hits > 1500


def test_source_searches_with_their_first_characters_find_what_they_found(rules):
    """source_after tests the characters a source phrase can start with before trying the
    phrases: on random text and spans, the same answer as the search without that test."""
    import random
    import re

    from editlint.kinds._fastmatch import WORD_START_ASCII, WORD_START_WIDE

    kind = rules[0].build()
    body = kind.source_at.pattern
    plain = re.compile(WORD_START_ASCII + "(?=" + body + ")", kind.source_at.flags)
    plain_wide = re.compile(WORD_START_WIDE + "(?=" + body + ")", kind.source_at.flags)
    assert plain.pattern != kind.source_after.pattern  # the test is in place
    pieces = ["according to", "figures from", "the", "ONS", "a survey by", "in its", "annual",
              "report", "under the plan", "said", "in", "on", "the bank's", "data", "x", "5",
              "é", "’", "(", ",", ".", "\n", "-", "estimates"]
    rnd = random.Random(16)
    hits = 0
    for _ in range(20000):
        text = "".join(rnd.choice((" ", " ", "", "-", "\t", "«")) + rnd.choice(pieces)
                       for _ in range(rnd.randint(1, 10)))
        searched = kind.figures.fold(text)
        start = rnd.randint(0, len(text))
        end = rnd.randint(start, len(text))
        for fast, slow in ((kind.source_after, plain), (kind.source_after_wide, plain_wide)):
            want = slow.search(searched, start, end)
            assert (fast.search(searched, start, end) is not None) == (want is not None), \
                (text, start, end)
            hits += want is not None
    assert hits > 800


def test_a_letter_after_a_number_is_alphanumeric():
    """_digits tries _ATTACHED (a letter: [^\\W\\d_]) after a number only when str.isalnum()
    holds for the next character: every character the class matches must pass that test."""
    import re

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert all(c.isalnum() for c in re.findall(r"[^\W\d_]", every))


def test_how_much_is_quoted_is_measured_only_for_a_source_that_reports(rules, monkeypatch):
    """_sources measures how much of a sentence is quoted only when it reports indirectly
    (_carry reads it only then): on random paragraphs with quotes, the same findings as
    measuring it for every sentence."""
    import random

    from editlint.kinds import attribution

    pool = ['"Sales fell 5% and we lost 3,000 jobs in May," the bank said.', "Costs rose 4%.",
            'The survey shows "40% of shops closed" last year.', "It was a quiet year.",
            '"We lost 7%," he said.', "Analysts expect growth of 2%.", 'He said: "Only 3%."',
            "The bank said profits rose 5%.", '"Profits rose" by 12%, the firm reported.',
            'The minister said profits were "far higher than anyone in the industry expected".',
            'The report found sales "fell sharply in every region over the year, by 9%".']
    rnd = random.Random(21)
    texts = ["\n\n".join(" ".join(rnd.choice(pool) for _ in range(rnd.randint(1, 5)))
                         for _ in range(rnd.randint(1, 3))) for _ in range(300)]
    lazy = [flagged(rules, text) for text in texts]
    sources = attribution.Attribution._sources

    def eager(self, text, searched, start, end, quotes):
        analysis = sources(self, text, searched, start, end, quotes)
        analysis.mostly_quoted = quotes.overlap(start, end) * 2 >= (end - start)
        return analysis

    monkeypatch.setattr(attribution.Attribution, "_sources", eager)
    assert [flagged(rules, text) for text in texts] == lazy
    assert sum(map(len, lazy)) > 100


def test_a_figure_inside_a_quote_lies_where_its_sentence_overlaps_a_quote():
    """check() looks for figures inside quotes only in a sentence that overlaps some quote
    (_QuoteSpans.overlap): on random quote spans (by start, some nested or overlapping) and
    spans within a sentence, inside() never holds where overlap() finds nothing."""
    import random

    from editlint.kinds.attribution import _QuoteSpans

    rnd = random.Random(22)
    held = 0
    for _ in range(3000):
        spans = sorted((s, s + rnd.randint(0, 12)) for s in rnd.sample(range(40), rnd.randint(0, 6)))
        quotes = _QuoteSpans(spans, [s for s, _ in spans])
        start = rnd.randint(0, 40)
        end = rnd.randint(start, 45)
        for a in range(start, end):
            for b in range(a + 1, end + 1):
                if quotes.inside(a, b):
                    assert quotes.overlap(start, end) > 0, (spans, start, end, a, b)
                    held += 1
    assert held > 1000


def test_the_token_pattern_finds_the_tokens_of_the_plain_one():
    """_TOKEN is written with every alternative led by a class or a literal (fast to reject);
    on random text and spans it must find exactly the tokens of the plain pattern."""
    import random
    import re

    from editlint.kinds.attribution import _TOKEN

    plain = re.compile(r"[^\W\d_](?:[\w'’.-]*[^\W_])?|[£$€¥₹]?\d+(?:[.,]\d+)*[^\W_]*%?|"
                       r"[,;:()—–]|(?<=\s)-(?=\s)|[.!?]")
    pieces = ["said", "I'm", "U.S.", "5", "£5", "$", "3.5m", "1,000", "20%", "-", " - ", "—",
              " ", "\t", "\n", ",", ".", "!", "(", ")", "’", "'", "é", "٣", "_", "x-y", "%", "€"]
    rnd = random.Random(23)
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12)))
        start = rnd.randint(0, len(text))
        end = rnd.randint(start, len(text))
        assert [m.span() for m in _TOKEN.finditer(text, start, end)] == \
            [m.span() for m in plain.finditer(text, start, end)], (text, start, end)


def test_the_numbers_of_a_span_are_those_finditer_finds_in_it():
    """Runs.numbers matches a text's numbers once and hands each span those that start in
    it (the last matched again when the span's end cuts it): on random text, for many
    spans asked of the same Runs in turn (and of another text between), the numbers must
    be _NUMBER.finditer's over the span."""
    import random

    from editlint.kinds._figures import _NUMBER, Runs

    pieces = ["1", "23", "1,000", "3.5", ",", ".", "/", ":", "a", " ", "-", "0.25", "12,34",
              "٣", "x9", "$", "\n"]
    rnd = random.Random(31)
    cut = 0
    for _ in range(3000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 20)))
        other = text + "5"
        runs = Runs(text, 0, len(text))
        for _ in range(8):
            start = rnd.randint(0, len(text))
            end = rnd.randint(start, len(text))
            use = other if rnd.random() < 0.2 else text
            want = [(m.span(), m.group()) for m in _NUMBER.finditer(use, start, end)]
            assert [(m.span(), m.group()) for m in runs.numbers(use, start, end)] == want, \
                (use, start, end)
            whole = [m.span() for m in _NUMBER.finditer(use)]
            cut += any(s < end < e for s, e in whole)
    assert cut > 1000


def test_a_sentence_that_reports_findings_passes_the_pretest(rules):
    """_carries reads a sentence with no figure of its own (and none quoted) only where
    _may_report_findings finds a verb of findings: wherever _sources sets `findings`, on
    random sentences (those verbs and other cues, cased, glued to digits, letters and
    punctuation), the pretest must hold."""
    import random

    from editlint.kinds.attribution import _QuoteSpans

    kind = rules[0].build()
    assert kind.findings_after is not None
    words = ["the survey", "shows", "Shows", "found", "showed", "reports", "said", "says", "the",
             "bank", "it", "that", "profits", "rose", "5", "£5m", "x", "é", "\u212a", "I", "we",
             "by", "estimate", "estimated", "analysts", "an"]
    seps = [" ", " ", " ", " ", ", ", ". ", "-", "'", "_", "“", "", "5"]
    rnd = random.Random(43)
    no_quotes = _QuoteSpans([], [])
    found = 0
    for _ in range(20000):
        text = "".join(rnd.choice(words) + rnd.choice(seps) for _ in range(rnd.randint(0, 10)))
        start = rnd.randint(0, len(text))
        end = rnd.randint(start, len(text))
        searched = kind.figures.fold(text) if kind.folded else text
        if kind._sources(text, searched, start, end, no_quotes).findings:
            assert kind._may_report_findings(searched, start, end), (text, start, end)
            found += 1
    assert found > 500


def test_sentences_in_ascii_are_tokenised_as_by_the_unicode_pattern():
    """_Tokens reads a span of ASCII with _TOKEN_ASCII (classes spelled out): on random text
    and spans (ASCII spans among other characters, which the look-behind may read), it
    must find exactly the tokens of _TOKEN."""
    import random

    from editlint.kinds.attribution import _TOKEN, _TOKEN_ASCII, _Tokens

    pieces = ["said", "I'm", "U.S.", "5", "$5", "3.5m", "1,000", "20%", "-", " - ", "x_", "_y",
              " ", "\t", "\n", "\x1c", ",", ".", "!", "(", ")", "'", "a-b", "%", "Z9", "é", "’",
              "\xa0", "\u2009", "£5", "٣", "Ⅷ", "²", "—"]
    rnd = random.Random(29)
    ascii_spans = 0
    for _ in range(30000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12)))
        start = rnd.randint(0, len(text))
        end = rnd.randint(start, len(text))
        tokens = _Tokens(text, start, end)
        expected = list(_TOKEN.finditer(text, start, end))
        assert [(m.span(), m.group()) for m in tokens.matches] == \
            [(m.span(), m.group()) for m in expected], (text, start, end)
        if text[start:end].isascii():
            assert [m.span() for m in _TOKEN_ASCII.finditer(text, start, end)] == \
                [m.span() for m in expected], (text, start, end)
            ascii_spans += 1
    assert ascii_spans > 5000


def test_source_phrases_grouped_by_first_letter_match_where_the_plain_alternation_does(rules):
    """The source phrases are searched as one alternation regrouped by first letter
    (_by_first_letter): on random text and spans, a phrase is found at exactly the places
    the plain alternation of the same phrases finds one."""
    import random
    import re

    from editlint.kinds._fastmatch import WORD_START_ASCII, words_pattern
    from editlint.kinds.attribution import (
        _default_cues_path,
        _read_vocabulary,
        _source_alternatives,
    )

    kind = rules[0].build()
    plain = "|".join(words_pattern(words, after)
                     for words, after in _source_alternatives(_read_vocabulary(_default_cues_path(), {})))
    assert plain != kind.source_at.pattern  # the regrouping is in place
    flags = kind.source_at.flags
    slow_at = re.compile(plain, flags)
    slow_after = re.compile(WORD_START_ASCII + "(?=" + plain + ")", flags)
    pieces = ["according to", "figures from", "the", "ONS", "a survey by", "in its", "annual",
              "report", "under the plan", "said", "in", "on", "the bank's", "data", "x", "5",
              "é", "’", "(", ",", ".", "\n", "-", "estimates", "research", "by", "study",
              "under", "terms", "of", "deal", "official", "figures"]
    rnd = random.Random(24)
    hits = 0
    for _ in range(20000):
        text = "".join(rnd.choice((" ", " ", "", "-", "\t")) + rnd.choice(pieces)
                       for _ in range(rnd.randint(1, 10)))
        searched = kind.figures.fold(text)
        start = rnd.randint(0, len(text))
        end = rnd.randint(start, len(text))
        for fast, slow in ((kind.source_after, slow_after), (kind.source_at, slow_at)):
            want = [m.start() for m in slow.finditer(searched, start, end)]
            assert [m.start() for m in fast.finditer(searched, start, end)] == want, \
                (text, start, end)
            hits += bool(want)
    assert hits > 1000
