"""Word tokens of an article, shared by the spelling and names kinds (computed once per
document and cached on it).

A token is a run of letters with inner apostrophes, read from `doc.mask` (code, URLs and
markup are already blanked). A possessive ('s, ’s) is cut off so "Rusia’s" is checked as
"Rusia"; hyphenated words are checked part by part. Tokens glued to digits, @, / or a dot
followed by a letter (file names, handles, domains) are skipped: they are not prose words.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from editlint.document import Document

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_GLUE = set("0123456789_@/\\#&=+<>|~^")
_OPENERS = set("“‘\"'([«‹—–")
_CLAIMED = "_editlint_spelling_claimed"
_TOKENS = "_editlint_spelling_tokens"


@dataclass(slots=True)
class Token:
    start: int
    text: str  # the bare word, curly apostrophes made straight
    shape: str  # lower | cap | upper | mixed
    initial: bool  # first word of a sentence, of a quote, or in a heading
    lower: str  # the bare word in lower case

    @property
    def end(self) -> int:
        """The end of the bare word (possessive excluded): computed, not stored, as a
        100,000-paragraph article has millions of tokens."""
        return self.start + len(self.text)


def _shape(word: str) -> str:
    if word.islower():
        return "lower"
    if word.isupper():
        return "upper"
    if word[0].isupper() and sum(c.isupper() for c in word) <= 2 and not word[-1].isupper():
        return "cap"  # Russia, McDonald; not DeCSS
    return "mixed"


# raw word -> (bare word, shape, lower case): words repeat within
# and across articles, so each spelling is normalised once per process (bounded)
_FORMS: dict[str, tuple[str, str, str]] = {}
_FORMS_LIMIT = 50_000  # ~12 MB at most


def _form(raw: str) -> tuple[str, str, str]:
    word = raw.replace("’", "'")
    if word.endswith("'s") or word.endswith("'S"):
        word = word[:-2]
    shape = _shape(word) if word else ""
    form = (word, shape, word if shape == "lower" else word.lower())  # one string if equal
    if len(_FORMS) >= _FORMS_LIMIT:
        _FORMS.clear()
    _FORMS[raw] = form
    return form


def tokens(doc: Document) -> list[Token]:
    """Every prose word of the article (cached on the document)."""
    cached = doc.__dict__.get(_TOKENS)
    if cached is not None:
        return cached
    out: list[Token] = []
    append = out.append
    forms = _FORMS
    glue, openers = _GLUE, _OPENERS
    # two spaces after the text: the character after the last word, and (index -1, -2)
    # the characters "before" the first one, read as spaces without bounds checks
    mask = doc.mask + "  "
    for block in doc.blocks:
        starts = [sp.start for sp in block.sentences] or [block.start]
        heading = block.kind == "heading"
        # the sentence a word is in: the number of sentence starts at or before it, less
        # one; words come in order, so the count only grows (no search per word)
        passed, next_start, last_sentence = 0, starts[0], -2
        for m in _WORD.finditer(mask, block.start, block.end):
            s, e = m.span()
            if s >= next_start:
                passed += 1
                while passed < len(starts) and starts[passed] <= s:
                    passed += 1
                next_start = starts[passed] if passed < len(starts) else e + len(mask)
            first = passed != last_sentence
            last_sentence = passed
            before = mask[s - 1]
            after = mask[e]
            if before == " ":  # most words: the tests below that concern `before` all fail
                if after in glue or after == "." and mask[e + 1].isalpha():
                    continue
                raw = m[0]
                form = forms.get(raw) or _form(raw)
                if form[0]:
                    append(Token(s, form[0], form[1],
                                 heading or first or mask[s - 2] in "“\":", form[2]))
                continue
            if before in glue or after in glue:
                continue
            if after == "." and mask[e + 1].isalpha():
                continue  # a domain, file name or initialism such as e.g.
            if before == "." and mask[s - 2].isalpha():
                continue
            raw = m[0]
            form = forms.get(raw) or _form(raw)
            if not form[0]:
                continue
            append(Token(s, form[0], form[1], heading or first or before in openers, form[2]))
    doc.__dict__[_TOKENS] = out
    return out


def capital_counts(doc: Document) -> Counter[str]:
    """How often each capitalised word occurs in the article (any position)."""
    key = "_editlint_spelling_caps"
    cached = doc.__dict__.get(key)
    if cached is None:
        cached = Counter(t.text for t in tokens(doc) if t.shape == "cap")
        doc.__dict__[key] = cached
    return cached


def inner_capital_counts(doc: Document) -> Counter[str]:
    """How often each capitalised word occurs where capitals are not automatic (not at the
    start of a sentence or quote, not in a heading): there a capital means a name."""
    key = "_editlint_spelling_inner_caps"
    cached = doc.__dict__.get(key)
    if cached is None:
        cached = Counter(t.text for t in tokens(doc) if t.shape == "cap" and not t.initial)
        doc.__dict__[key] = cached
    return cached


def capital_twins(doc: Document, min_length: int = 3) -> dict[str, set[str]]:
    """Capitalised words of the article one edit apart, with the same first letter
    (Takaichi / Takiachi), found through a symmetric-deletion index: linear in the number of
    distinct words, not quadratic. Each word maps to its twins."""
    key = f"_editlint_spelling_twins_{min_length}"
    cached = doc.__dict__.get(key)
    if cached is not None:
        return cached
    from editlint.kinds._distance import distance
    from editlint.kinds._lexicon import deletes1

    buckets: dict[str, list[str]] = {}
    for form in capital_counts(doc):
        if len(form) >= min_length:
            for k in deletes1(form.lower()):
                group = buckets.get(k)
                if group is None:
                    buckets[k] = [form]
                else:
                    group.append(form)
    twins: dict[str, set[str]] = {}
    for group in buckets.values():  # in this order: names keeps the last pair's verdict
        if len(group) < 2:
            continue
        for a in group:
            for b in group:
                if a < b and a[0].lower() == b[0].lower() and b not in twins.get(a, ()) \
                        and distance(a.lower(), b.lower(), 1) == 1:
                    twins.setdefault(a, set()).add(b)
                    twins.setdefault(b, set()).add(a)
    doc.__dict__[key] = twins
    return twins


def claim(doc: Document, start: int) -> None:
    """Record that a word at `start` already has a spelling or name finding, so that a
    second kind does not report the same word twice."""
    doc.__dict__.setdefault(_CLAIMED, set()).add(start)


def claimed(doc: Document, start: int) -> bool:
    return start in doc.__dict__.get(_CLAIMED, ())


def match_case(suggestion: str, word: str) -> str:
    """Give a lower-case suggestion the capitalisation of the word it replaces."""
    if word.isupper() and len(word) > 1:
        return suggestion.upper()
    if word[:1].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion
