"""consistency: one thing spelt two ways in the same article; flag the minority spelling."""

from __future__ import annotations

import re

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
            # a case-sensitive variant occurs only where each of its words occurs verbatim:
            # a scan for a needle (_needles, _gates) rules most groups out before the
            # pattern's own search of the article, which costs more
            gates = None if ic else _gates(_needles(forms))
            self.groups.append((style_of, styles, literal_pattern(forms, ic), gates,
                                _one_char_marks(group, ic)))

    def _key(self, text: str) -> str:
        text = " ".join(text.split())
        return text.lower() if self.opts["ignorecase"] else text

    def check(self, doc, ctx):
        mask = doc.mask
        segments: list[tuple[str, int, int]] | None = None
        # (a title lives in the front matter, which the mask blanks)
        whole = self.rule.scope != "title"
        for style_of, styles, pattern, gates, marks in self.groups:
            # one C-level search of the whole article first: most groups never occur, and
            # scanning 100,000 paragraphs one by one for each of them is what costs time
            if whole and (gates is not None and not _occurs(gates, mask)
                          or pattern.search(mask) is None):
                continue
            if segments is None:
                segments = list(self.segments(doc))
            if marks is not None and _styles_present(marks, segments) < 2:
                continue  # one style throughout (most articles): nothing to flag
            seen: dict[int, list[tuple[int, int]]] = {}
            for text, start, end in segments:
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


def _one_char_marks(group: list, ignorecase: bool) -> list[str] | None:
    """Each variant's forms as one string, when every form is one character that is no word
    character (quote marks): then the group's pattern matches each such character wherever
    it stands, and no other text, so C-level str.find tells which variants occur."""
    variants = [v if isinstance(v, list) else [v] for v in group]
    forms = [f for own in variants for f in own]
    # a word character (\w: alphanumeric or "_") would be matched as a whole word only
    if ignorecase or not all(len(f) == 1 and not (f.isalnum() or f == "_") for f in forms):
        return None
    return ["".join(own) for own in variants]


def _styles_present(marks: list[str], segments: list[tuple[str, int, int]]) -> int:
    """How many of the variants (see _one_char_marks) occur in the segments."""
    return sum(1 for chars in marks
               if any(text.find(c, start, end) != -1
                      for text, start, end in segments for c in chars))


_MAX_NEEDLE = 32


def _needles(forms: list[str]) -> tuple[str, ...]:
    """Strings one of which occurs verbatim wherever (case-sensitively) a form matches: the
    fewer and longer, the faster a group is ruled out. Every match holds each word of its
    form, so one substring of a word of every form will do ("Zelensk", "mail", "cent"); else
    each form's longest word, from its first capital on (capitals are rare in prose: see
    _gates), minus any that holds another ("al-Qaeda": "Qaeda", held by "al Qaeda" too)."""
    words = [f.split() for f in forms]
    common = _longest_common(words)
    if len(common) >= 3:
        return (common,)
    longest = {_from_capital(max(w, key=len)) for w in words}
    return tuple(sorted(n for n in longest if not any(o != n and o in n for o in longest)))


def _from_capital(word: str) -> str:
    """The word from its first capital letter on, if that leaves three characters or more."""
    for i, c in enumerate(word[:-2]):
        if c.isupper():
            return word[i:]
    return word


def _gates(needles: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    """One alternation of the needles per first character: sre finds a shared literal
    prefix in C several times faster than `in` finds a short needle ("US": ~5x), and an
    alternation whose first characters differ would try it at each of them."""
    by_first: dict[str, list[str]] = {}
    for needle in needles:
        by_first.setdefault(needle[0], []).append(needle)
    return tuple(re.compile("|".join(map(re.escape, same))) for same in by_first.values())


def _occurs(gates: tuple[re.Pattern, ...], mask: str) -> bool:
    """Does a needle occur in the mask?"""
    for gate in gates:  # noqa: SIM110 (a loop: cheaper than any() over a generator)
        if gate.search(mask) is not None:
            return True
    return False


def _longest_common(words: list[list[str]]) -> str:
    """The longest string (of _MAX_NEEDLE characters at most: a longer one is no more
    selective, and a long word costs linear time, not cubic) that is a substring of some word
    of every form ("" if none)."""
    best = ""
    for word in words[0]:
        for i in range(len(word)):
            for j in range(min(len(word), i + _MAX_NEEDLE), i + len(best), -1):
                part = word[i:j]
                if all(any(part in w for w in other) for other in words[1:]):
                    best = part
                    break
    return best
