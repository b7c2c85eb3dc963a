"""repetition: the same word twice in a row ("the the")."""

from __future__ import annotations

import functools
import operator
import re

from editlint.findings import Match
from editlint.kinds.base import Kind, Opt

# "the the the" is one finding over all three (fixed to one "the"): matching only the first
# pair would leave "the the" after --fix, and a second run would change the file again
_REPEAT = re.compile(r"(?<![\w'’-])([^\W\d_]+(?:['’][^\W\d_]+)?)(\s+)(\1)(?:\s+\1)*(?![\w'’-])",
                     re.IGNORECASE)


# A quick test, exact in one direction, that a segment has no repeated word; the full pattern
# runs only where it says there may be one (in news copy: one segment in ~50).
#
# In C: characters that _REPEAT's look-arounds reject (all but [\w'’-]) become spaces, the
# rest is lowered and split at white space, and neighbouring words are compared. A repeat
# _REPEAT finds is two such neighbours: its first word follows a rejected character, white
# space or the segment's start, its second follows white space and precedes white space (a
# third repeat), a rejected character or the segment's end. Equal lowered words is exact for
# ASCII only (sre's IGNORECASE folds characters one by one, str.lower() does not: "İ", final
# "Σ"), so that test runs on segments that are ASCII once their other marks are (dashes,
# curly quotes, currency signs: spaces; ’: an apostrophe, which can only make more words
# equal); a segment with a non-ASCII letter or digit is tested with the regexes below, and
# so is one with equal neighbours (they rule out more: "was, was" is no repeat).
#
# The full pattern opens with a look-behind, so sre tries it at every character; these open
# with a class sre scans for (white space, or a mark that is neither word nor space) and take
# the word there whole (an atomic group: no backtracking into it). A repeat the full pattern
# finds has white space, such a mark, or the segment's start just before its first word.
_WORD_TWICE = r"(?>([^\W\d_]+(?:['’][^\W\d_]+)?))\s+\1"
_AFTER_SPACE = re.compile(r"\s" + _WORD_TWICE, re.IGNORECASE)
_AFTER_MARK = re.compile(r"[^\w\s'’-]" + _WORD_TWICE, re.IGNORECASE)
_AT_START = re.compile(_WORD_TWICE, re.IGNORECASE)
# a character that is neither ASCII nor in a word (\w); ’ is made an apostrophe before
_NON_ASCII_MARK = re.compile(r"[^\x00-\x7f\w]")


@functools.cache
def _ascii_words() -> bytes:
    """A bytes.translate table: ASCII characters other than [\\w'-] to spaces (built on first
    use: no import-time work)."""
    keep = re.compile(r"[\w'-]", re.ASCII)
    return bytes(c if keep.match(chr(c)) else 0x20 for c in range(256))


def may_repeat(text: str, start: int, end: int) -> bool:
    """False only if _REPEAT finds nothing in text[start:end] (tests/test_repetition.py)."""
    segment = text[start:end]
    if not segment.isascii():
        segment = _NON_ASCII_MARK.sub(" ", segment.replace("’", "'"))
    if segment.isascii():  # else it holds a non-ASCII letter or digit
        words = segment.encode("ascii").translate(_ascii_words()).lower().split()
        if not any(map(operator.eq, words, words[1:])):
            return False
    return _may_repeat_sre(text, start, end)


def _may_repeat_sre(text: str, start: int, end: int) -> bool:
    """may_repeat with sre's own case folding, for any segment (and, where equal neighbours
    were found, to rule out more: "was, was" is no repeat)."""
    if _AFTER_SPACE.search(text, start, end) or _AFTER_MARK.search(text, start, end):
        return True
    before = text[start - 1] if start else " "
    if before.isalnum() or before in "_'’-":  # the look-behind fails at the start
        return False
    return _AT_START.match(text, start, end) is not None


class Repetition(Kind):
    name = "repetition"
    default_safe_fix = True
    options = {
        "allow": Opt("list[str]", ["had", "that", "is", "bye", "very", "no", "yes"],
                     doc="words that may legitimately repeat"),
    }

    def __init__(self, rule) -> None:
        super().__init__(rule)
        self.allow = {w.lower() for w in self.opts["allow"]}

    def check(self, doc, ctx):
        for text, start, end in self.segments(doc):
            if not may_repeat(text, start, end):
                continue
            for m in _REPEAT.finditer(text, start, end):
                word = m[1]
                if word.lower() in self.allow:
                    continue
                if text is not doc.mask and doc.mask[m.start():m.end()] != m[0]:
                    continue  # a "gap" is a blanked quote: the words are not adjacent
                # the span covers every repeat; the fix keeps the first, unless markup hides
                # between them ("the **the**": replacing the span would break the emphasis)
                fix = word if doc.text[m.start():m.end()] == m[0] else None
                yield Match(m.start(1), m.end(), fix=fix, values={"word": word})
