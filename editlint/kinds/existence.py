"""existence: flag words, phrases or patterns that should not appear."""

from __future__ import annotations

from editlint.findings import Match
from editlint.kinds._patterns import Deadline, PatternTimeout, finditer, literal_pattern, user_pattern
from editlint.kinds.base import Kind, Opt


class Existence(Kind):
    name = "existence"
    options = {
        "tokens": Opt("list[str]", [], doc="words or phrases, matched as whole words"),
        "patterns": Opt("list[str]", [], doc="regular expressions (regex module syntax)"),
        "ignorecase": Opt("bool", True),
    }

    @classmethod
    def validate(cls, options):
        if not options["tokens"] and not options["patterns"]:
            yield "", "an existence rule needs 'tokens' or 'patterns'"
        # compile here too: a rule the run does not select is never built, and a broken
        # pattern must still be reported where it is written
        for pattern in options["patterns"]:
            try:
                user_pattern(pattern, options["ignorecase"])
            except ValueError as exc:
                yield "patterns", str(exc)

    def __init__(self, rule) -> None:
        super().__init__(rule)
        ic = self.opts["ignorecase"]
        self.compiled = [p for p in [literal_pattern(self.opts["tokens"], ic)] if p is not None]
        self.compiled += [user_pattern(p, ic) for p in self.opts["patterns"]]
        self.timed_out: str | None = None

    def check(self, doc, ctx):
        if self.timed_out is not None:
            # a pattern that ran out of time once would do so again on every file: fail
            # at once instead of spending the budget again per article
            raise PatternTimeout(self.timed_out)
        deadline = Deadline()
        try:
            for text, start, end in self.segments(doc):
                for pattern in self.compiled:
                    for m in finditer(pattern, text, start, end, deadline):
                        if m.end() > m.start():
                            yield Match(m.start(), m.end())
        except PatternTimeout as exc:
            self.timed_out = str(exc)
            raise
