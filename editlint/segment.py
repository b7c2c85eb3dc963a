"""Sentences and direct quotes inside a block of prose.

Both work on offsets into the document's mask, so the spans they return are valid in the
original text. The sentence splitter is a regex plus an abbreviation list: "U.S. President",
"Mr. Kushner", "Nov. 23" and initials ("J. Smith") do not end a sentence; "85%. Next" does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """A range of code-point offsets [start, end) (editlint.document re-exports it)."""

    start: int
    end: int


# Span(start, end) for the ~20 sentences of an article, built with the slots' own setters: a
# frozen dataclass's __init__ sets each field through object.__setattr__, at twice the cost
_new_span = object.__new__
_set_start = Span.start.__set__  # type: ignore[attr-defined]
_set_end = Span.end.__set__  # type: ignore[attr-defined]


# A boundary: a run of terminal punctuation, optional closing quotes/brackets (group 1),
# white space (group 2), and (optionally an opening quote or bracket and) a capital letter or
# a digit. The run cannot be followed by a run character, so a match takes a run whole, and
# finditer yields each run that may end a sentence exactly once (a long run with no white
# space after it is read once, not once per character). The pattern leads with one
# character (a class or a literal): sre scans for it in C, while a leading repeat ("[.!?]+")
# or look-behind would have it try a match at every position. Most blocks hold no "!", "?"
# or "…": for them a lead of a literal "." is a faster scan still.
_AFTER_RUN = r"([\"”’')\]]*)(\s+)(?=[\"“‘'(\[]?(?:[^\W\d_]|\d))"
_BOUNDARY = re.compile(r"[.!?…][.!?…]*" + _AFTER_RUN)
_DOTS_BOUNDARY = re.compile(r"\.\.*" + _AFTER_RUN)
_RUN_CHARS = ".!?…"
_NEXT_WORD = re.compile(r"[\"“‘'(\[]?([\w'’-]+)")
# a token (see _token_before) without a dot
_PLAIN_WORD = re.compile(r"[\w'’-]+")
# longer than any word on the lists below
_WORD_WINDOW = 20

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
# a word before a period that may not end the sentence (see _period_ends)
_SPECIAL = ABBREVIATIONS | BEFORE_NUMBER


def split_sentences(text: str, start: int, end: int, dots_only: bool = False) -> list[Span]:
    """Sentence spans of text[start:end] (trimmed of surrounding white space).

    `dots_only`: the caller knows text[start:end] holds no "!", "?" or "…" (checked here
    otherwise).
    """
    # Only the block's own edges can be white space: every cut falls between a run or closer
    # and white space, and every sentence after a cut starts with the boundary's look-ahead.
    first, last = start, end
    while first < last and text[first].isspace():
        first += 1
    while last > first and text[last - 1].isspace():
        last -= 1
    if not dots_only:
        block = text[start:end]
        dots_only = not ("!" in block or "?" in block or "…" in block)
    spans: list[Span] = []
    pos = first
    for m in (_DOTS_BOUNDARY if dots_only else _BOUNDARY).finditer(text, start, end):
        at = m.start()
        if at == start and at > 0 and text[at - 1] in _RUN_CHARS:
            continue  # the run began before this block
        cut, after = m.span(2)  # the white space; the match ends with it
        # a lone period and no closer: an abbreviation or an initial may not end a sentence.
        # Most follow a plain word after a space (two characters or more, no dot, not on the
        # list): that one ends the sentence, as _period_ends would find, at less cost. The
        # word is looked for in the last _WORD_WINDOW characters only (linear however many
        # candidates a sentence rejects); a longer plain run cannot be on the list either
        if cut == at + 1 and text[at] == ".":
            word = text[max(pos, at - _WORD_WINDOW):at].rpartition(" ")[2]
            if not (len(word) > 1 and (word.isalpha() or _PLAIN_WORD.fullmatch(word))
                    and word.lower() not in _SPECIAL) and not _period_ends(
                        text, pos, at, after):
                continue
        span = _new_span(Span)  # Span(pos, cut)
        _set_start(span, pos)
        _set_end(span, cut)
        spans.append(span)
        pos = after
    if pos < last:
        spans.append(Span(pos, last))
    return spans


def _period_ends(text: str, sent_start: int, at: int, next_at: int) -> bool:
    """Does the lone period at `at` (white space, then what may start a sentence, from
    `next_at` on) end the sentence that began at `sent_start`?"""
    token = _token_before(text, sent_start, at + 1)
    bare = token.rstrip(".")
    if len(token) != 2 and "." not in bare and bare.lower() not in _SPECIAL:
        return True  # an ordinary word: neither an initial, an abbreviation nor an acronym
    nxt = _NEXT_WORD.match(text, next_at)
    next_word = nxt[1] if nxt else ""
    if _INITIAL.match(token) and token[0].isupper():
        return False  # "J. Smith"
    word = bare.lower()
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

# the marks that may open a quote: sre scans for the class in C
_QUOTE_MARK = re.compile("[“\"‘]")
_OPENERS_BEFORE = set(" \t\r\n([{—–-/:;")


def find_quotes(text: str, start: int, end: int) -> list[Span]:
    """Direct-quote spans in text[start:end], quote marks included.

    Curly double quotes pair “ with the next ”; straight double quotes pair in order. A quote
    left open runs to the end of the block (news style opens, but does not close, a quote that
    continues into the next paragraph). Curly single quotes (‘…’) count when ‘ opens a word and
    the closing ’ is not an apostrophe inside a word.
    """
    spans: list[Span] = []
    block = text[start:end]
    # the next mark at or after i: a literal search for '"' (faster than a class) when the
    # block holds no curly opener, which is most blocks that hold a quote at all
    curly = "“" in block or "‘" in block
    if not curly and '"' not in block:
        return spans
    next_mark = _QUOTE_MARK.search
    i = start
    # the first closing ’ at or after some offset; reused while it still lies ahead, so that
    # thousands of ‘ openers with no closer cost one scan, not one scan each (stays linear)
    single_from, single_close = -1, -1
    while True:
        if curly:
            mark = next_mark(text, i, end)
            if mark is None:
                break
            i = mark.start()
        else:
            i = text.find('"', i, end)
            if i == -1:
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
