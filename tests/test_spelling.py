"""The spelling kind: ordinary-word and place/organisation typos, never rare names."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editlint.config import Settings
from editlint.kinds._distance import distance
from editlint.kinds._lexicon import edits1, edits1_keeping_first, get_lexicon
from editlint.testing import rules_from_yaml, run_rules

RULE = """
id: test.typo
kind: spelling
category: typo
severity: error
message: "'{match}' looks like a misspelling of '{fix}'"
safe_fix: true
"""


@pytest.fixture(scope="module")
def rules():
    return rules_from_yaml(RULE)


def found(rules, text, fmt="markdown", **settings):
    return [(f.text, f.fix) for f in run_rules(rules, text, fmt, settings=Settings(**settings))]


def test_ordinary_word_typo_gets_the_frequent_neighbour(rules):
    assert found(rules, "The goverment said the plan was aproximately ready.") == [
        ("goverment", "government"), ("aproximately", "approximately")]


def test_fix_is_safe_when_unique(rules):
    (finding,) = run_rules(rules, "Police made a siezure of weapons at the port.")
    assert finding.fix == "seizure" and finding.fix_safe


def test_rare_real_words_are_not_typos(rules):
    text = "The livid minister launched a tirade; the dented car was notching up miles."
    assert found(rules, text) == []


@pytest.mark.parametrize("text", ["Rusia’s envoy spoke.", "Later Rusia's army moved.",
                                  "The envoys of Rusia spoke."])
def test_place_typo_with_possessives_and_apostrophes(rules, text):
    assert found(rules, text) == [("Rusia", "Russia")]


def test_span_excludes_the_possessive(rules):
    (finding,) = run_rules(rules, "He said Rusia’s army had moved.")
    assert finding.text == "Rusia"


def test_rare_names_are_never_flagged_for_being_unknown(rules):
    text = ("Steve Witkoff met Yuri Ushakov and Jared Kushner in Moscow. Officials in Kyiv "
            "and the Donbas said Zelensky had spoken to Stubb and Merz at the Élysée. "
            "Ms Okonkwo-Baptiste and Dr Wanjiru Kamau of Nairobi agreed.")
    assert found(rules, text) == []


def test_sentence_initial_typo_is_checked_as_a_word(rules):
    assert found(rules, "Goverment officials said so.") == [("Goverment", "Government")]
    assert found(rules, "Olly Murs sang. Herve Renard coached.") == []  # names, not slips
    # a short capitalised word elsewhere is a name's slip or none, whatever word it is near
    assert found(rules, "Wtaer said so.") == [("Wtaer", "Water")]
    assert found(rules, "Officials met Wtaer today.") == []


def test_title_case_headings(rules):
    text = "# Goverment Unveils Budget\n\n## Witkoff Meets Ushakov In Moscow\n\nText.\n"
    assert found(rules, text) == [("Goverment", "Government")]


def test_a_name_spelt_the_same_way_throughout_is_taken_as_real(rules):
    # 'Brutain' alone looks like a slip of Britain; repeated, it is somebody's name
    assert found(rules, "Officials in Brutain said so.") == [("Brutain", "Britain")]
    assert found(rules, "Mr Brutain said so. Brutain later left. Brutain is 54.") == []


def test_hyphenated_parts_are_checked(rules):
    assert found(rules, "It was a well-knwon fact.") == [("knwon", "known")]


def test_quotes_are_checked_but_can_be_skipped():
    text = "“We will not accept this goverment,” she said."
    include = rules_from_yaml(RULE)
    skip = rules_from_yaml(RULE + "quotes: skip\n")
    assert found(include, text) == [("goverment", "government")]
    assert found(skip, text) == []


def test_code_and_urls_are_not_prose(rules):
    text = "Run `goverment --help` or see https://example.com/goverment for details."
    assert found(rules, text) == []


def test_accept_list_silences_a_word(rules):
    assert found(rules, "Officials in Rusia said so.", accept=frozenset({"Rusia"})) == []


def test_acronyms_short_words_and_digits_are_skipped(rules):
    assert found(rules, "The NATOO summit, the teh 5km run and the Q3 rsults.") == [
        ("rsults", "results")]


def test_bad_input_does_not_crash(rules):
    assert found(rules, "") == []
    assert found(rules, "\u200b\ufeff ́́ 𝔊𝔬𝔳𝔢𝔯𝔪𝔢𝔫𝔱 ﬁnance ß ǅ", "text") == []
    huge = ("The government said the plan was fine. " * 5000) + "goverment"
    assert found(rules, huge, "text") == [("goverment", "government")]


def test_thresholds_come_from_the_rule():
    strict = rules_from_yaml(RULE + "min_length: 12\n")
    assert found(strict, "The goverment said so.") == []


def test_edit_helpers():
    assert "russia" in edits1("rusia") and "rusia" not in edits1("rusia") - {"rusia"} | set()
    assert distance("sybhia", "sybiha") == 1  # one transposition
    assert distance("takiachi", "takaichi") == 1
    assert distance("rusia", "russian") == 2
    assert distance("abc", "xyzw", 1) == 2  # capped at limit + 1


def test_lexicon_lookups():
    lex = get_lexicon()
    z = lex.zipf(["the", "government", "qzxqzx"])
    assert z["the"] > z["government"] > 3 and z["qzxqzx"] == 0
    assert lex.proper(["russia"])["russia"][0] == "Russia"
    assert lex.proper(["rusia"]) == {}  # the tiny GeoNames place is filtered out
    odd = lex.oddness(["strchan", "strachan"])
    assert odd["strchan"] < odd["strachan"]


@pytest.mark.parametrize("word", ["goverment", "rusia", "a", "ab", "aab", "élan", "zoë", "ßa",
                                  "d'arcy", "x-y"])
def test_edits_keeping_the_first_letter_are_those_of_edits1(word):
    assert edits1_keeping_first(word) == {w for w in edits1(word) if w[:1] == word[:1]}


def test_known_neighbours_match_one_lookup_per_candidate():
    lex = get_lexicon()
    for word in ["goverment", "takiachi", "qzxqzx", "the"]:
        cands = {w for w in edits1(word) if w[:1] == word[:1]}
        expected = {w: z for w, z in lex.zipf(cands).items() if z > 0}
        assert lex.near(word) == expected
        assert lex.near(word) == expected  # the memoised answer is the same
    assert "government" in lex.near("goverment") and "the" in lex.near("the")


def test_known_neighbours_above_the_common_words_need_no_query():
    lex = get_lexicon()
    for word in ["goverment", "rusia", "staet", "pepole"]:
        full = get_lexicon().near(word)
        lex._near.pop(word, None)  # as if never seen: the common-word path answers
        frequent = lex.near(word, 4.5)
        assert {w: z for w, z in full.items() if z >= 4.5} == \
            {w: z for w, z in frequent.items() if z >= 4.5}
        assert word not in lex._near and all(w in full for w in frequent)


def test_the_deletion_index_leaves_the_findings_as_every_edit_finds_them():
    """Capitalised slips of places, names and words, long and short: the same findings from
    a lexicon whose near() asks the deletion index for the candidates a word can take
    (see Spelling._proper_floor) as from one that looks every edit up."""
    import random

    from editlint.kinds._lexicon import Lexicon

    rng = random.Random(5)
    db = get_lexicon()._db
    forms = [f for (f,) in db.execute("SELECT form FROM proper WHERE length(form) >= 4")]
    forms += [f for (f,) in db.execute(
        "SELECT form FROM dictionary WHERE form != '' AND lower = 0 AND length(form) >= 4")]
    forms += [w.capitalize() for (w,) in db.execute(
        "SELECT word FROM common WHERE length(word) >= 6")]
    forms += [w.capitalize() for (w,) in db.execute(
        "SELECT word FROM words WHERE length(word) >= 9 AND zipf < 200 AND word GLOB '[a-z]*'")]

    def slip(w: str) -> str:
        i = rng.randrange(1, len(w) - 1)
        return w[:i] + w[i + 1] + w[i] + w[i + 2:] if rng.random() < 0.5 else \
            w[:i] + rng.choice("aeioulnrst") + w[i + 1:]

    sentences = [f"Officials said {slip(f)} was ready. {slip(f)} officials agreed."
                 for f in rng.sample(forms, 1500)]
    text = "\n\n".join(" ".join(sentences[i:i + 5]) for i in range(0, len(sentences), 5))
    answers = []
    for way in ("rows in memory", "statements", "every edit"):
        rules = rules_from_yaml(RULE)
        lex = Lexicon()  # fresh memos
        if way == "rows in memory":
            lex._read_deletes()  # as preload reads them (when there is a disk cache)
        if way == "every edit":
            lex._index = False  # as for data built without the index
        for rule in rules:
            rule.build().lex = lex
        answers.append(found(rules, text))
    assert answers[0] == answers[1] == answers[2] and len(answers[0]) > 100


def test_preload_leaves_the_findings_alone():
    rules = rules_from_yaml(RULE)
    text = "The goverment met Rusia's envoy in Thialand and Takiachi spoke."
    before = found(rules, text)
    for rule in rules:
        rule.build().preload()
    assert found(rules, text) == before == [("goverment", "government"), ("Rusia", "Russia"),
                                            ("Thialand", "Thailand")]


@pytest.mark.parametrize("options", ["", "proper_known_zipf: 3.4\n", "known_zipf: 3.6\n",
                                     "known_zipf: 2.8\n"])
def test_preloaded_frequent_words_leave_the_suspects_alone(options):
    """With the band below the everyday words read (preload), the words at least as frequent
    as known_zipf are passed without a lookup and, when they are every such word, the others
    judged without their frequency: the same suspects as word-by-word lookups find."""
    import random

    from editlint.kinds._lexicon import Lexicon

    rng = random.Random(7)
    db = get_lexicon()._db
    words = [w for (w,) in db.execute("SELECT word FROM words WHERE zipf >= 150 AND zipf < 450")]
    words = rng.sample(words, 4000)
    words += [w for (w,) in db.execute("SELECT key FROM dictionary WHERE lower != 1 LIMIT 500")]
    words += ["goverment", "rusia", "thialand", "takiachi", "qzxqzx", "king's", "don't", "élan"]
    slips = [w[:i] + w[i + 1:] for w in words[:1500] if len(w) > 4 for i in [len(w) // 2]]
    lower = set(words + slips + [w + "'s" for w in words[:300]])
    caps = {w.capitalize() for w in lower if w.isalpha()}
    judged = []
    for preload in (True, False):
        spelling = rules_from_yaml(RULE + options)[0].build()
        spelling.lex = Lexicon()  # fresh memos
        if preload:
            spelling.preload()
        spelling._judge_new(Counter(caps), [w.encode() for w in lower])
        judged.append((spelling._typos, spelling._rare_caps))
        # every word of known_zipf or more is held from zipf 3 (the band's least) up
        assert spelling._all_frequent == (preload and "2.8" not in options)
    assert judged[0] == judged[1]
    assert len(judged[0][0]) > 200 and len(judged[0][1]) > 200
    # what check() and _judge take for granted of a suspect: nothing the word alone passes
    lex = get_lexicon()
    typos, rare_caps = judged[0]
    assert lex.rare_words(typos) == set()
    assert not any(entry[0] for entry in lex.dictionary(typos).values())
    assert lex.dictionary({w.lower() for w in rare_caps}) == {}
    assert lex.proper({w.lower() for w in rare_caps}) == {}


def test_suggestions_remembered_across_articles_are_those_of_a_fresh_rule():
    """Spelling._options remembers a suspect's suggestions per word, checked as a word or
    not, after a title or a given name or not: articles with the same slips in every such
    place get the findings a rule that never saw them gives."""
    places = ["{w} said so.", "Officials met {w} today.", "Mr {w} spoke.",
              "Officials met Sidney {w} today.", "The {l} was ready. Dr {w} agreed."]
    slips = ["Goverment", "Departmnet", "Thialand", "Rusia", "Takiachi", "Loondon",
             "Mcconnaughey", "Strchan", "Amerca", "Aproximately"]
    # each slip once an article, in each place in turn
    texts = [" ".join(places[(i + j) % 5].format(w=w, l=w.lower()) for j, w in enumerate(slips))
             for i in range(5)]
    texts += [t.replace("Officials", "Officals") for t in texts]
    shared = rules_from_yaml(RULE)
    seen = [found(shared, text) for text in texts + texts[::-1]]
    fresh = [found(rules_from_yaml(RULE), text) for text in texts + texts[::-1]]
    assert seen == fresh
    assert sum(map(len, seen)) > 40


def test_a_slip_first_seen_repeated_is_judged_where_it_is_not():
    """A capitalised word an article repeats is spared there unjudged (_new_capitals): the
    first article that has it once judges it."""
    spelling = rules_from_yaml(RULE)
    assert found(spelling, "Thialand won. Thialand lost.") == []
    assert found(spelling, "Officials in Thialand agreed.") == [("Thialand", "Thailand")]
    assert found(spelling, "Thialand won. Thialand lost.") == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZé'’ .,-\n\t\x0b1_Ω\udcff𝔊ﬁ", max_size=40), st.integers(2, 6))
def test_the_long_pieces_are_those_of_piece_list(text, shortest):
    """Spelling._long_pieces, one regex, gives piece_list's pieces of at least min_length
    bytes, in order."""
    from editlint.document import Document
    from editlint.kinds._words import piece_list

    spelling = rules_from_yaml(RULE + f"min_length: {shortest}\n")[0].build()
    for path in ("a.txt", "a.md"):
        doc = Document(text + " Sam " + text, path)
        assert spelling._long_pieces(doc) == \
            [p for p in piece_list(doc) if len(p) >= shortest]


def test_the_words_with_apostrophes_are_found_in_their_joined_text():
    from editlint.kinds._lexicon import Lexicon
    from editlint.kinds.spelling import _with_apostrophes

    lex = Lexicon()
    lex.preload()
    words, _ = lex.frequent(0.0)
    words |= {"a'b", "d’e'f", "'", "’", "x'", "'x", "’s"}
    expected = {w for w in words if "'" in w or "’" in w}
    assert _with_apostrophes(words) == expected and len(expected) > 400
    assert _with_apostrophes([]) == set()


@settings(max_examples=300, deadline=None)
@given(st.sets(st.text(alphabet="AΣσaΟδİß'’ .ǅ\u0345", min_size=1, max_size=7), max_size=8))
def test_capitalised_words_lowered_at_once_are_those_lowered_one_by_one(words):
    spelling = rules_from_yaml(RULE + "min_length: 3\n")[0].build()
    words |= {"The", "Government", "Goverment", "ΟΔΥΣΣΕΥΣ", "Οδυσσευσ"}
    assert spelling._capitals_keys(set(words)) == spelling._keys(zip(words, words, strict=True))
