"""Sentences and direct quotes inside a block of prose.

Both work on offsets into the document's mask, so the spans they return are valid in the
original text. The sentence splitter is a regex plus an abbreviation list: "U.S. President",
"Mr. Kushner", "Nov. 23" and initials ("J. Smith") do not end a sentence; "85%. Next" does.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False  # not `from typing import ...`: typing costs ~2 ms of start-up
if TYPE_CHECKING:
    from editlint.document import Span

# A candidate boundary: a run of terminal punctuation, then optional closing quotes/brackets,
# white space, and (optionally an opening quote or bracket and) a capital letter or a digit.
# The run is found first, the rest matched right after it: a pattern that opened with a
# look-behind ("where a run starts") made sre try every position of the text; this one
# starts with a character class, which sre scans for. finditer yields each run once, whole,
# so a long run with no white space after it is still read once, not once per character.
_RUN = re.compile(r"[.!?…]+")
_AFTER_RUN = re.compile(r"([\"”’')\]]*)(\s+)(?=[\"“‘'(\[]?(?:[^\W\d_]|\d))")
_NEXT_WORD = re.compile(r"[\"“‘'(\[]?([\w'’-]+)")

# Never the end of a sentence when followed by a capitalised word.
ABBREVIATIONS = frozenset("""
mr mrs ms mx dr prof st sr jr gen lt col maj capt cpt sgt cpl adm cmdr gov sen rep rev hon
pres supt insp det fr messrs mme mlle sec amb atty vs v etc cf al approx dept est fig no nos
vol op pp ca
""".split())
# Abbreviations that end a sentence only when no number follows ("Nov. 23", "No. 10").
BEFORE_NUMBER = frozenset("""
jan feb mar apr jun jul aug sep sept oct nov dec no nos vol pp p art
""".split())
# After a dotted acronym ("U.S.", "U.N.") a new sentence starts only with one of these.
SENTENCE_STARTERS = frozenset("""
the a an it he she they we i you this that these those there his her their its our but and
so yet in on at for after before when while if as however meanwhile mr mrs ms dr officials
some many most one no not what who why how where
""".split())
_DOTTED_ACRONYM = re.compile(r"^(?:[^\W\d_]\.){2,}$")
_INITIAL = re.compile(r"^[^\W\d_]\.$")


def split_sentences(text: str, start: int, end: int) -> list[Span]:
    """Sentence spans of text[start:end] (trimmed of surrounding white space)."""
    from editlint.document import Span

    cuts: list[tuple[int, int]] = []
    pos = start
    after_run = _AFTER_RUN.match
    for run in _RUN.finditer(text, start, end):
        at = run.start()
        if at == start and at > 0 and text[at - 1] in ".!?…":
            continue  # the run began before this block
        after = after_run(text, run.end(), end)
        if after is None or not _is_boundary(text, pos, run, after):
            continue
        cut = after.start(2)
        if cut > pos:
            cuts.append((pos, cut))
        pos = after.end()
    if pos < end:
        cuts.append((pos, end))
    spans = []
    for a, b in cuts:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            spans.append(Span(a, b))
    return spans


def _is_boundary(text: str, sent_start: int, run: re.Match, after: re.Match) -> bool:
    """Does the run of terminal punctuation (and what follows it) end a sentence?"""
    if run[0] != ".":
        return True
    token = _token_before(text, sent_start, run.start() + 1)
    if not token:
        return True
    if after[1]:  # a closing quote or bracket after the period: the sentence ends
        return True
    word = token.rstrip(".").lower()
    nxt = _NEXT_WORD.match(text, after.end())
    next_word = nxt[1] if nxt else ""
    if _INITIAL.match(token) and token[0].isupper():
        return False  # "J. Smith"
    if word in ABBREVIATIONS and "." not in word:
        return False
    if word in BEFORE_NUMBER and next_word[:1].isdigit():
        return False
    if _DOTTED_ACRONYM.match(token):
        return next_word.lower() in SENTENCE_STARTERS
    return True


def _token_before(text: str, start: int, end: int) -> str:
    """The run of word characters, dots, apostrophes and hyphens ending at `end`.

    A backward scan, not a regex search anchored with `$`: that one tries every start
    position from the sentence start and turns a long run of rejected candidates ("Mr. Mr.
    Mr. ...") quadratic.
    """
    i = end
    while i > start and (text[i - 1].isalnum() or text[i - 1] in "_.'’-"):
        i -= 1
    return text[i:end]


# ---------------------------------------------------------------------------------------------
# quotes

_QUOTE_MARKS = ("“", '"', "‘")
_OPENERS_BEFORE = set(" \t\r\n([{—–-/:;")


def find_quotes(text: str, start: int, end: int) -> list[Span]:
    """Direct-quote spans in text[start:end], quote marks included.

    Curly double quotes pair “ with the next ”; straight double quotes pair in order. A quote
    left open runs to the end of the block (news style opens, but does not close, a quote that
    continues into the next paragraph). Curly single quotes (‘…’) count when ‘ opens a word and
    the closing ’ is not an apostrophe inside a word.
    """
    from editlint.document import Span

    spans: list[Span] = []
    i = start
    # the first closing ’ at or after some offset; reused while it still lies ahead, so that
    # thousands of ‘ openers with no closer cost one scan, not one scan each (stays linear)
    single_from, single_close = -1, -1
    # the next “, " and ‘ at or after i (end when there is none), each found with str.find
    # and kept until i passes it: faster than a regex that tests every character
    ahead = {mark: start - 1 for mark in _QUOTE_MARKS}
    while i < end:
        for mark, at in ahead.items():
            if at < i:
                at = text.find(mark, i, end)
                ahead[mark] = end if at == -1 else at
        i = min(ahead.values())
        if i >= end:
            break
        c = text[i]
        if c == "“" or (c == '"' and _opens(text, i, start)):
            close = "”" if c == "“" else '"'
            j = text.find(close, i + 1, end)  # a nested opener before the close: still pair
            if c == '"' and j != -1 and _reopens(text, j, end):
                # a straight quote left open (continued in a later paragraph) and a new one
                # opening ('... live. "And with ...'): end the first before the second
                spans.append(Span(i, j))
                i = j
                continue
            stop = end if j == -1 else j + 1
            spans.append(Span(i, stop))
            i = stop
            continue
        if c == "‘" and (i == start or text[i - 1] in _OPENERS_BEFORE or text[i - 1] == "“"):
            if single_from == -1 or single_close != -1 and single_close < i + 1:
                single_from, single_close = i + 1, _closing_single(text, i + 1, end)
            j = single_close
            if j != -1:
                spans.append(Span(i, j + 1))
                i = j + 1
                continue
        i += 1
    return spans


def _reopens(text: str, j: int, end: int) -> bool:
    """Is the straight quote at j shaped like an opener (space before, a word after) rather
    than a closer? Then the quote before it was left open."""
    return text[j - 1] in " \t" and j + 1 < end and (text[j + 1].isalnum() or text[j + 1] in "‘'")


def _opens(text: str, i: int, start: int) -> bool:
    return i == start or text[i - 1] in _OPENERS_BEFORE or not text[i - 1].isalnum()


def _closing_single(text: str, i: int, end: int) -> int:
    while True:
        j = text.find("’", i, end)
        if j == -1:
            return -1
        after = text[j + 1] if j + 1 < end else " "
        if not after.isalpha():
            return j
        i = j + 1
