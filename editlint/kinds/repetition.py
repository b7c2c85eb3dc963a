"""repetition: the same word twice in a row ("the the")."""

from __future__ import annotations

import re

from editlint.findings import Match
from editlint.kinds.base import Kind, Opt

# "the the the" is one finding over all three (fixed to one "the"): matching only the first
# pair would leave "the the" after --fix, and a second run would change the file again
_REPEAT = re.compile(r"(?<![\w'’-])([^\W\d_]+(?:['’][^\W\d_]+)?)(\s+)(\1)(?:\s+\1)*(?![\w'’-])",
                     re.IGNORECASE)


# A quick test, exact in one direction, that a segment has no repeated word; the full pattern
# runs only where it says there may be one (in news copy: one segment in ~80). The full
# pattern opens with a look-behind, so sre tries it at every character; these open with a
# class sre scans for (white space, or a mark that is neither word nor space) and take the
# word there whole (an atomic group: no backtracking into it). A repeat the full pattern
# finds has white space, such a mark, or the segment's start just before its first word.
_WORD_TWICE = r"(?>([^\W\d_]+(?:['’][^\W\d_]+)?))\s+\1"
_AFTER_SPACE = re.compile(r"\s" + _WORD_TWICE, re.IGNORECASE)
_AFTER_MARK = re.compile(r"[^\w\s'’-]" + _WORD_TWICE, re.IGNORECASE)
_AT_START = re.compile(_WORD_TWICE, re.IGNORECASE)


def may_repeat(text: str, start: int, end: int) -> bool:
    """False only if _REPEAT finds nothing in text[start:end] (tests/test_repetition.py)."""
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
