"""consistency: one thing spelt two ways in the same article; flag the minority spelling."""

from __future__ import annotations

from editlint.findings import Match
from editlint.kinds._patterns import finditer, literal_pattern
from editlint.kinds.base import Kind, Opt


class Consistency(Kind):
    name = "consistency"
    whole_article = True
    options = {
        "either": Opt("list", doc="groups of variants, e.g. [[U.S., US], [Kyiv, Kiev]]; a variant "
                                  "may itself be a list of forms of one style, e.g. ['\"', ['“', '”']]"),
        "ignorecase": Opt("bool", False),
    }

    @classmethod
    def validate(cls, options):
        groups = options["either"]
        if not groups:
            yield "either", "'either' needs at least one group of variants"
        for group in groups:
            if not (isinstance(group, list) and len(group) >= 2 and all(
                    isinstance(v, str) and v.strip() or isinstance(v, list) and v and all(
                        isinstance(f, str) and f.strip() for f in v) for v in group)):
                yield "either", ("each group in 'either' is a list of two or more spellings "
                                 "(a spelling may be a list of its forms)")

    def __init__(self, rule) -> None:
        super().__init__(rule)
        ic = self.opts["ignorecase"]
        self.groups = []
        for group in self.opts["either"]:
            # a variant is one spelling, or a list of the forms of one style ("“" and "”"
            # are one style of quotes): every form maps to its variant's number
            style_of: dict[str, int] = {}
            styles: list[tuple[str, str | None]] = []  # (name for the message, fix or None)
            forms: list[str] = []
            for n, variant in enumerate(group):
                own = variant if isinstance(variant, list) else [variant]
                styles.append((" ".join(own), own[0] if len(own) == 1 else None))
                for form in own:
                    style_of[self._key(form)] = n
                forms.extend(own)
            # a case-sensitive variant occurs only where its first word occurs verbatim:
            # a substring test (fast) rules most groups out before the regex search, whose
            # leading look-behind makes it try every position of the article
            needles = None if ic else tuple({f.split()[0] for f in forms})
            self.groups.append((style_of, styles, literal_pattern(forms, ic), needles))

    def _key(self, text: str) -> str:
        text = " ".join(text.split())
        return text.lower() if self.opts["ignorecase"] else text

    def check(self, doc, ctx):
        mask = doc.mask
        for style_of, styles, pattern, needles in self.groups:
            # one C-level search of the whole article first: most groups never occur, and
            # scanning 100,000 paragraphs one by one for each of them is what costs time
            # (a title lives in the front matter, which the mask blanks)
            if self.rule.scope != "title" and (
                    needles is not None and not any(n in mask for n in needles)
                    or pattern.search(mask) is None):
                continue
            seen: dict[int, list[tuple[int, int]]] = {}
            for text, start, end in self.segments(doc):
                for m in finditer(pattern, text, start, end):
                    seen.setdefault(style_of[self._key(m[0])], []).append((m.start(), m.end()))
            if len(seen) < 2:
                continue
            # the majority wins; on a tie, the spelling the article used first
            winner = max(seen, key=lambda k: (len(seen[k]), -seen[k][0][0]))
            name, fix = styles[winner]
            for style, spans in seen.items():
                if style == winner:
                    continue
                for s, e in spans:
                    yield Match(s, e, fix=fix, values={"other": name, "count": len(seen[winner])})
