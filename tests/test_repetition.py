"""repetition: the quick pre-test never hides a repeat the full pattern finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from editlint.kinds.repetition import _REPEAT, may_repeat
from editlint.testing import rules_from_yaml, run_rules

RULE = """
id: t.repeat
kind: repetition
category: style
severity: warning
message: "'{word}' is repeated"
"""

CASES = [
    "the the", "The the plan", "(the the)", "“the the”", "x“the the", "don't don't",
    "Don’t don’t stop", "rock'n'roll rock'n'roll", "été Été", "ſun sun", "KELVIN kelvin",
    "the them", "the. the", "1the the", "_the the", "-the the", "the\tthe\nthe", "a a b b",
]


def test_pre_test_passes_every_repeat_of_known_cases():
    for text in CASES:
        for start in range(len(text) + 1):
            if _REPEAT.search(text, start, len(text)):
                assert may_repeat(text, start, len(text)), (text, start)


def test_pre_test_clears_prose_without_repeats():
    assert not may_repeat("The minister said the plan would go ahead.", 0, 43)
    assert not may_repeat("It was, was it not?", 0, 19)  # a comma between: no repeat


LETTERS = "aAbBéÉſsSK'’-_1 .,“\"\n\t(ı"


@settings(max_examples=600, deadline=None)
@given(text=st.text(alphabet=LETTERS, max_size=30), cut=st.integers(0, 30))
def test_pre_test_never_hides_a_repeat(text, cut):
    start = min(cut, len(text))
    if _REPEAT.search(text, start, len(text)):
        assert may_repeat(text, start, len(text))


@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.sampled_from(["the", "The", "THE", "plan", "don't", "été", "Été", "a"]),
                      min_size=1, max_size=8),
       seps=st.lists(st.sampled_from([" ", "  ", "\n", ", ", ". ", " (", "“", "-"]),
                     min_size=8, max_size=8))
def test_pre_test_never_hides_a_repeat_in_word_sequences(words, seps):
    text = "".join(w + s for w, s in zip(words, seps[:len(words)], strict=True))
    if _REPEAT.search(text):
        assert may_repeat(text, 0, len(text))


# every ASCII character, and non-ASCII marks the fast path makes ASCII (white space, dashes,
# curly quotes, ’, currency): segments made only of these never reach the regexes
ASCII_AND_MARKS = "".join(map(chr, range(128))) + "\u00a0\u2028\u2014–…“”‘’£€«»·"


@settings(max_examples=1500, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(ASCII_AND_MARKS + "aAbBtThHeE" * 6), max_size=40),
       cut=st.integers(0, 40), trim=st.integers(0, 4))
def test_fast_path_never_hides_a_repeat(text, cut, trim):
    start = min(cut, len(text))
    end = max(start, len(text) - trim)
    if _REPEAT.search(text, start, end):
        assert may_repeat(text, start, end), (text, start, end)


@settings(max_examples=500, deadline=None)
@given(words=st.lists(st.sampled_from(["the", "The", "THE", "don't", "don’t", "Don’T", "a", "it"]),
                      min_size=1, max_size=8),
       seps=st.lists(st.sampled_from([" ", "\u00a0", "\t", "\x1c", " “", "” ", "—", "…", ", ",
                                      "'", "’", "-", "_", "1"]), min_size=8, max_size=8))
def test_fast_path_never_hides_a_repeat_between_marks(words, seps):
    text = "".join(w + s for w, s in zip(words, seps[:len(words)], strict=True))
    if _REPEAT.search(text):
        assert may_repeat(text, 0, len(text)), text


def test_fast_path_clears_prose_with_marks():
    text = "“The minister’s plan” — he said — “would go ahead”, costing £5m… the end."
    assert not may_repeat(text, 0, len(text))
    assert may_repeat("He said “the the” plan", 0, 22)
    assert not may_repeat("He said “the” the plan", 0, 22)  # ” before the space: no repeat


def test_the_rule_still_flags_and_fixes():
    rules = rules_from_yaml(RULE)
    found = run_rules(rules, "He said the the plan, and “no no” in quotes, was was fine.\n")
    assert [f.text for f in found] == ["the the", "was was"]
