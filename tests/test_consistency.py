"""consistency: the shortcuts give exactly the findings of the plain search they skip."""

from __future__ import annotations

import functools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editlint.kinds import consistency
from editlint.testing import rules_from_yaml, run_rules

QUOTES = """
id: t.quotes
kind: consistency
category: style
severity: warning
message: "{match} here, but {other} elsewhere"
quotes: {quotes}
either:
  - ['"', ['“', '”']]
  - ["‘", "'"]
"""

SPELLING = """
id: t.spelling
kind: consistency
category: style
severity: warning
message: "'{match}' here, but '{other}' elsewhere"
either:
  - ["U.S.", "US"]
  - ["per cent", "percent"]
  - ["al-Qaeda", "al-Qaida", "al Qaeda"]
  - ["Zelensky", "Zelenskyy", "Zelenskiy"]
  - ["e-mail", "email"]
"""


@functools.cache
def built(source: str, plain: bool) -> list:
    """The rules of `source`, built (kinds made) once; `plain`: with every shortcut of this
    module off, the plain search the shortcuts must agree with."""
    with pytest.MonkeyPatch.context() as m:
        if plain:
            m.setattr(consistency, "_one_char_marks", lambda group, ignorecase: None)
            m.setattr(consistency, "_gates", lambda needles: None)
        rules = rules_from_yaml(source)
        for rule in rules:
            rule.build()
    return rules


def findings(source: str, text: str, fmt: str, plain: bool = False) -> list[tuple]:
    return [(f.line, f.column, f.end_line, f.end_column, f.text, f.message, f.fix)
            for f in run_rules(built(source, plain), text, fmt=fmt)]


def same(source: str, text: str, fmt: str) -> bool:
    return findings(source, text, fmt) == findings(source, text, fmt, plain=True)


def test_one_char_marks_are_only_taken_for_non_word_characters():
    assert consistency._one_char_marks(['"', ["“", "”"]], False) == ['"', "“”"]
    assert consistency._one_char_marks(['"', ["“", "”"]], True) is None
    assert consistency._one_char_marks(["x", "y"], False) is None  # whole words only
    assert consistency._one_char_marks(["_", "-"], False) is None
    assert consistency._one_char_marks(["--", "-"], False) is None


@pytest.mark.parametrize("text", [
    'She said “no” and then "yes".', 'Only "straight" here.', "Only “curly” here.",
    "It’s ‘fine’ and 'fine'.", '“a” "b" "c"\n\n“d”', "Nothing at all.",
])
@pytest.mark.parametrize("quotes", ["include", "skip", "only"])
def test_quote_marks_known_cases(text, quotes):
    source = QUOTES.replace("{quotes}", quotes)
    for fmt in ("markdown", "text"):
        assert same(source, text, fmt)


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet='ab “”"‘’\'\n`<>.', max_size=40),
       quotes=st.sampled_from(["include", "skip", "only"]), fmt=st.sampled_from(["markdown", "text"]))
def test_quote_marks_as_the_plain_search(text, quotes, fmt):
    assert same(QUOTES.replace("{quotes}", quotes), text, fmt)


WORDS = ["U.S.", "US", "USA", "per cent", "per", "percent", "al-Qaeda", "al Qaeda", "al-Qaida",
         "al", "Qaeda", "Zelensky", "Zelenskyy", "Zelenskiy", "e-mail", "email", "mail", "the"]


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.sampled_from(WORDS), max_size=10),
       seps=st.lists(st.sampled_from([" ", ". ", "\n\n", "-", "“", "” ", "x", "."]),
                     min_size=10, max_size=10))
def test_spellings_as_the_plain_search(words, seps):
    text = "".join(w + s for w, s in zip(words, seps[:len(words)], strict=True))
    for fmt in ("markdown", "text"):
        assert same(SPELLING, text, fmt)


@settings(max_examples=500, deadline=None)
@given(forms=st.lists(st.text(alphabet="abAB.- ", min_size=1, max_size=9).filter(str.strip),
                      min_size=2, max_size=4))
def test_every_form_holds_a_needle_in_each_match(forms):
    # a match holds every word of its form verbatim: it must hold a needle
    needles = consistency._needles(forms)
    for form in forms:
        assert any(any(n in word for word in form.split()) for n in needles), (form, needles)


def test_needles_are_few_and_long():
    assert consistency._needles(["Zelensky", "Zelenskyy", "Zelenskiy"]) == ("Zelensk",)
    assert consistency._needles(["per cent", "percent"]) == ("cent",)
    assert consistency._needles(["al-Qaeda", "al-Qaida", "al Qaeda"]) == ("Qaeda", "Qaida")
    assert consistency._needles(["U.S.", "US"]) == ("U.S.", "US")
