"""repetition: the same word twice in a row ("the the")."""

from __future__ import annotations

import re

from editlint.findings import Match
from editlint.kinds.base import Kind, Opt

# "the the the" is one finding over all three (fixed to one "the"): matching only the first
# pair would leave "the the" after --fix, and a second run would change the file again
_REPEAT = re.compile(r"(?<![\w'’-])([^\W\d_]+(?:['’][^\W\d_]+)?)(\s+)(\1)(?:\s+\1)*(?![\w'’-])",
                     re.IGNORECASE)


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
                if text is not doc.mask and doc.mask[m.start():m.end()] != m[0]:
                    continue  # a "gap" is a blanked quote: the words are not adjacent
                # the span covers every repeat; the fix keeps the first, unless markup hides
                # between them ("the **the**": replacing the span would break the emphasis)
                fix = word if doc.text[m.start():m.end()] == m[0] else None
                yield Match(m.start(1), m.end(), fix=fix, values={"word": word})
