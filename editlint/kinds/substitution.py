"""substitution: a wrong word or phrase and its right replacement (carries a fix)."""

from __future__ import annotations

from editlint.findings import Match
from editlint.kinds._patterns import finditer, literal_pattern, match_case
from editlint.kinds.base import Kind, Opt


class Substitution(Kind):
    name = "substitution"
    default_safe_fix = True
    options = {
        "swap": Opt("map[str,str]", doc="wrong -> right; keys are literal words or phrases"),
        "ignorecase": Opt("bool", True),
    }

    @classmethod
    def validate(cls, options):
        if not options["swap"]:
            yield "swap", "'swap' needs at least one entry"

    def __init__(self, rule) -> None:
        super().__init__(rule)
        swap = self.opts["swap"]
        self.ignorecase = self.opts["ignorecase"]
        self.lookup = {(k.lower() if self.ignorecase else k): v for k, v in swap.items()}
        self.lookup = {" ".join(k.split()): v for k, v in self.lookup.items()}
        # IGNORECASE matches more than lower() maps back ("realiſe", "REALİSE"): look those
        # up by their case fold, so an odd letter is a finding, never a KeyError
        self.folded = {k.casefold(): v for k, v in self.lookup.items()}
        self.pattern = literal_pattern(list(swap), self.ignorecase)

    def check(self, doc, ctx):
        for text, start, end in self.segments(doc):
            for m in finditer(self.pattern, text, start, end):
                found = " ".join(m[0].split())
                right = self.lookup.get(found.lower() if self.ignorecase else found)
                if right is None:
                    right = self.folded.get(found.casefold()) if self.ignorecase else None
                    if right is None:
                        continue  # matched only through a case rule lower() cannot follow
                if found == right:
                    continue
                fix = match_case(right, m[0]) if self.ignorecase else right
                yield Match(m.start(), m.end(), fix=fix)
