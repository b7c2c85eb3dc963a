"""literal_pattern: the fast whole-word search finds exactly what the look-behind regex finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editlint.kinds._patterns import literal_pattern

CASES = [
    (["US", "U.S."], "The U.S. and US. Not USA, not aUS, not .US or _US; US!"),
    (["per cent", "cent"], "xper cent, per  cent, per\ncent and cent"),
    (['"', "US"], 'He said "US" and xUS"'),  # a bare literal right after a guarded word
    (["%", "per cent"], "50% and 5 per cent.%"),
    (["Kyiv", "Kiev"], "KYIV kyiv Kiev's Kievan Kyiv"),
    (["é", "ée"], "café ée é"),
]


def spans(pattern, text, start=0, end=None):
    end = len(text) if end is None else end
    return [(m.start(), m.end(), m[0]) for m in pattern.finditer(text, start, end)]


def reference(words, ignorecase):
    return re.compile(literal_pattern(words, ignorecase).pattern, re.I if ignorecase else 0)


def test_known_cases_agree_with_the_lookbehind_regex():
    for words, text in CASES:
        for ic in (False, True):
            fast = literal_pattern(words, ic)
            assert spans(fast, text) == spans(reference(words, ic), text), (words, text, ic)


def test_guards_hold():
    fast = literal_pattern(["US"], False)
    assert [m[0] for m in fast.finditer("aUS .US _US US")] == ["US"]
    assert fast.search("aUS") is None
    assert fast.search("x US", 2) is not None  # the guard looks before the start, as re does


WORD = st.text(alphabet="aUS. %\"é-_'’", min_size=1, max_size=4).filter(str.strip)


@settings(max_examples=400, deadline=None)
@given(words=st.lists(WORD, min_size=1, max_size=4),
       text=st.text(alphabet="aAuUsS. %\"é-_'’1\n", max_size=40),
       ignorecase=st.booleans(), cut=st.integers(0, 40))
def test_same_matches_as_the_lookbehind_regex(words, text, ignorecase, cut):
    fast = literal_pattern(words, ignorecase)
    ref = reference(words, ignorecase)
    start, end = min(cut, len(text)), len(text)
    assert spans(fast, text, start, end) == spans(ref, text, start, end)
    ref_match = ref.search(text, start, end)
    fast_match = fast.search(text, start, end)
    assert (fast_match and fast_match.span()) == (ref_match and ref_match.span())


@pytest.mark.parametrize("inner", ["_'’.", "_'’.-"])
def test_word_before_blanks_finds_what_the_regex_finds(inner):
    """The word before closing blanks, its ASCII tail stripped in C and the rest walked, is
    the regex's group 1 on random text (non-ASCII letters, digits and marks among ASCII)."""
    import random

    from editlint.kinds._fastmatch import word_before_blanks

    word = re.compile(r"([^\W\d_][\w" + re.escape(inner) + r"]*)[ \t]+$")
    rnd = random.Random(11)
    chars = list("aZ9_'’.-é١Ⅷ²xß") + [" ", "\t", "\n", "ab", "Ωé"]
    found = 0
    for _ in range(40000):
        text = "".join(rnd.choice(chars) for _ in range(rnd.randint(0, 12)))
        m, w = word.search(text), word_before_blanks(text, inner)
        assert (m and (m[1], m.start(1), m.end())) == (w and (w[1], w.start(1), w.end())), text
        found += m is not None
    assert found > 2000
