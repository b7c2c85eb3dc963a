"""repetition: the same word twice in a row ("the the")."""

from __future__ import annotations

import re

from editlint.findings import Match
from editlint.kinds.base import Kind, Opt

_REPEAT = re.compile(r"(?<![\w'’-])([^\W\d_]+(?:['’][^\W\d_]+)?)(\s+)(\1)(?![\w'’-])", re.IGNORECASE)


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
            for m in _REPEAT.finditer(text, start, end):
                word = m[1]
                if word.lower() in self.allow:
                    continue
                if text is not doc.mask and not doc.mask[m.start(2):m.end(2)].isspace():
                    continue  # the "gap" is a blanked quote: the words are not adjacent
                # the span covers both words; the fix keeps the first
                yield Match(m.start(1), m.end(3), fix=word, values={"word": word})
