"""segment: the fast sentence splitter and quote finder give exactly the spans of the plain
implementations they replaced (kept here as the reference: the code of commit 0ed07e2, before
issue 9's speed work, with tuples for Spans; the helpers that work left as they were are
imported, not copied)."""

from __future__ import annotations

import bisect
import dataclasses
import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editlint.document import Document
from editlint.segment import (
    _DOTTED_ACRONYM,
    _INITIAL,
    _NEXT_WORD,
    _OPENERS_BEFORE,
    _QUOTE_MARK,
    ABBREVIATIONS,
    BEFORE_NUMBER,
    SENTENCE_STARTERS,
    Span,
    _closing_single,
    _opens,
    _reopens,
    _token_before,
    find_quotes,
    split_sentences,
)

# ---------------------------------------------------------------------------------------------
# the reference: the splitter and quote finder as they were before the fast paths

_BOUNDARY = re.compile(
    r"(?<![.!?…])([.!?…]+)([\"”’')\]]*)(\s+)(?=[\"“‘'(\[]?(?:[^\W\d_]|\d))"
)


def ref_split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = start
    for m in _BOUNDARY.finditer(text, start, end):
        if not ref_is_boundary(text, pos, m):
            continue
        cut = m.start(3)
        if cut > pos:
            spans.append((pos, cut))
        pos = m.end()
    if pos < end:
        spans.append((pos, end))
    return [s for s in (ref_trim(text, a, b) for a, b in spans) if s is not None]


def ref_is_boundary(text: str, sent_start: int, m: re.Match) -> bool:
    punct = m[1]
    if punct != ".":
        return True
    token = _token_before(text, sent_start, m.start(1) + 1)
    if not token:
        return True
    word = token.rstrip(".").lower()
    nxt = _NEXT_WORD.match(text, m.end())
    next_word = nxt[1] if nxt else ""
    if m[2]:
        return True
    if _INITIAL.match(token) and token[0].isupper():
        return False
    if word in ABBREVIATIONS and "." not in word:
        return False
    if word in BEFORE_NUMBER and next_word[:1].isdigit():
        return False
    if _DOTTED_ACRONYM.match(token):
        return next_word.lower() in SENTENCE_STARTERS
    return True


def ref_trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def ref_find_quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    i = start
    single_from, single_close = -1, -1
    while i < end:
        found = _QUOTE_MARK.search(text, i, end)
        if found is None:
            break
        i = found.start()
        c = text[i]
        if c == "“" or (c == '"' and _opens(text, i, start)):
            close = "”" if c == "“" else '"'
            j = text.find(close, i + 1, end)
            if c == '"' and j != -1 and _reopens(text, j, end):
                spans.append((i, j))
                i = j
                continue
            stop = end if j == -1 else j + 1
            spans.append((i, stop))
            i = stop
            continue
        if c == "‘" and (i == start or text[i - 1] in _OPENERS_BEFORE or text[i - 1] == "“"):
            if single_from == -1 or single_close != -1 and single_close < i + 1:
                single_from, single_close = i + 1, _closing_single(text, i + 1, end)
            j = single_close
            if j != -1:
                spans.append((i, j + 1))
                i = j + 1
                continue
        i += 1
    return spans


# ---------------------------------------------------------------------------------------------
# the comparisons


def pairs(spans) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in spans]


CASES = [
    "He met Mr. Kushner. Then he left.", "It rose 85%. Next came more.",
    "On Nov. 23 they met. On Nov. The end.", "The U.S. President spoke. The U.S. It was late.",
    "J. Smith said so. A. B. Jones agreed.", "Really?! Yes... “Quite.” (Indeed.) [Sure.] Done",
    "“He said no.” She said yes.", "Wait…  What? «No». ‘Fine.’ Ok", "e.g. This. i.e. That.",
    "   leading. And trailing.   ", "İ. Something. ǅ. Title.", "No. 10 Downing St. It is.",
    "x.  Y", "end.\nNext line.", "a.b.c. The end", "v. Smith", "Ⅷ. Roman. ² Sq.",
    '"Go." He went. "Stop," she said. "Now." Then', "Mr. Mr. Mr. Mr. Mr. Mr.",
    "Dots.... More text. Run?!. Again", "Q. A.B. Company. Ltd. Co.", "tab.\tTab. nbsp.\u00a0Nbsp",
]
PROSE = "aAbBzZ. .!?…\"“”‘’'()[]-_12 \t\nİǅMrNovUSdrno"


def test_token_chars_pattern_is_the_backward_scan():
    # \w is isalnum() or "_" over all of Unicode: a plain word split_sentences clears with
    # _PLAIN_WORD ([\w'’-]) is the token _token_before's backward scan would read
    for cp in range(0x110000):
        c = chr(cp)
        if 0xD800 <= cp <= 0xDFFF:
            continue
        assert (re.match(r"\w", c) is not None) == (c.isalnum() or c == "_"), hex(cp)


def test_known_cases_split_as_before():
    for text in CASES:
        for start in range(len(text) + 1):
            for end in (len(text), max(start, len(text) - 3)):
                assert pairs(split_sentences(text, start, end)) == \
                    ref_split_sentences(text, start, end), (text, start, end)


def test_spans_built_with_slot_setters_are_plain_spans():
    spans = split_sentences("One here. Two there. Three.", 0, 27)
    assert spans == [Span(0, 9), Span(10, 20), Span(21, 27)]
    for span in spans:
        assert type(span) is Span and hash(span) == hash(Span(span.start, span.end))
        assert repr(span) == f"Span(start={span.start}, end={span.end})"
        with pytest.raises(dataclasses.FrozenInstanceError):
            span.start = 0


def test_known_cases_quote_as_before():
    for text in CASES + ['She said “no” and "yes" and ‘maybe’ too', 'a "b "c" d" e ‘f’s g’ h']:
        for start in range(len(text) + 1):
            assert pairs(find_quotes(text, start, len(text))) == \
                ref_find_quotes(text, start, len(text)), (text, start)


@settings(max_examples=1500, deadline=None)
@given(text=st.text(alphabet=PROSE, max_size=60), cut=st.integers(0, 60), trim=st.integers(0, 8))
def test_sentences_match_the_reference(text, cut, trim):
    start = min(cut, len(text))
    end = max(start, len(text) - trim)
    expected = ref_split_sentences(text, start, end)
    assert pairs(split_sentences(text, start, end)) == expected
    if not any(mark in text[start:end] for mark in "!?…"):  # as Document.__init__ may say
        assert pairs(split_sentences(text, start, end, dots_only=True)) == expected


WORDS = sorted(ABBREVIATIONS | BEFORE_NUMBER | {"U.S", "e.g", "J", "said", "it", "I", "A.B"})


@settings(max_examples=800, deadline=None)
@given(words=st.lists(st.sampled_from(WORDS + ["The", "the", "23", "“Go", "(and", "x"]),
                      min_size=1, max_size=10),
       seps=st.lists(st.sampled_from([". ", ".  ", ".\n", " ", "? ", ".” ", "... ", "."]),
                     min_size=10, max_size=10))
def test_abbreviations_and_acronyms_split_as_before(words, seps):
    text = "".join(w + s for w, s in zip(words, seps[:len(words)], strict=True))
    assert pairs(split_sentences(text, 0, len(text))) == ref_split_sentences(text, 0, len(text))


@settings(max_examples=1500, deadline=None)
@given(text=st.text(alphabet="ab \t.“”\"‘’'(-", max_size=40), cut=st.integers(0, 40),
       trim=st.integers(0, 5))
def test_quotes_match_the_reference(text, cut, trim):
    start = min(cut, len(text))
    end = max(start, len(text) - trim)
    assert pairs(find_quotes(text, start, end)) == ref_find_quotes(text, start, end)


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet="a \n\r\x0b\x85\u2028", max_size=30))
def test_line_starts_are_after_every_line_break(text):
    # without "\r" the line starts come from a literal "\n" scan
    expected = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    assert Document(text, "a.txt")._line_starts == expected


def ref_lines(doc: Document, start: int):
    first = bisect.bisect_right(doc._line_starts, start) - 1
    text = doc.text
    starts = doc._line_starts
    for i in range(first, len(starts)):
        s = max(starts[i], start)
        nxt = starts[i + 1] if i + 1 < len(starts) else len(text)
        e = nxt
        while e > s and text[e - 1] in "\r\n":
            e -= 1
        yield s, e, nxt


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet="a -\n\r", max_size=30), cut=st.integers(0, 30))
def test_lines_as_before(text, cut):
    doc = Document(text, "a.txt")
    start = min(cut, len(text))
    assert list(doc._lines(start)) == list(ref_lines(doc, start))


@pytest.mark.parametrize("unit", ["Mr.\t", "Mr.\n", "Jan.\u00a0"])
def test_rejected_candidates_stay_linear(unit):
    # a sentence that rejects every candidate: each costs the same however long it has grown
    # (looking back to the sentence's start for the word made 320,000 of them take seconds)
    def cost(n: int) -> float:
        text = "Mr. x\t" + unit * n
        t = time.process_time()
        split_sentences(text, 0, len(text))
        return time.process_time() - t
    small, big = min(cost(20000) for _ in range(2)), min(cost(160000) for _ in range(2))
    assert big < 20 * max(small, 1e-3), (small, big)  # 8x the text: linear is ~8x


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.text(alphabet="abMrNo.-'", min_size=1, max_size=30), max_size=6),
       seps=st.lists(st.sampled_from([". ", ".\t", ". “", ".  "]), min_size=6, max_size=6))
def test_long_words_split_as_before(words, seps):
    # words longer than the window the plain-word test looks back over
    text = "".join(w + s for w, s in zip(words, seps[:len(words)], strict=True)) + "The end"
    assert pairs(split_sentences(text, 0, len(text))) == ref_split_sentences(text, 0, len(text))


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet="aA. !?…\n\r\t“”\"#*-1>Mr", max_size=80),
       fmt=st.sampled_from(["a.md", "a.txt"]))
def test_document_sentences_and_quotes_as_before(text, fmt):
    # whole articles: the "!?…" test made once per article, the line spans, the mask
    doc = Document(text, fmt)
    for block in doc.blocks:
        assert pairs(block.sentences) == ref_split_sentences(doc.mask, block.start, block.end)
    assert pairs(doc.quotes) == [q for b in doc.blocks
                                 for q in ref_find_quotes(doc.mask, b.start, b.end)]
