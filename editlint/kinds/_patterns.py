"""Compiling the words, phrases and patterns of regex-based kinds, with bounded run time."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

# user patterns run with the regex module and this timeout (seconds per search) so a
# catastrophic pattern fails with an error naming the rule instead of hanging a hook
PATTERN_TIMEOUT = 1.0
# ... and a pattern that is slow but under the per-search timeout must not add up to hours
# over 100,000 paragraphs: one rule's user patterns get this many seconds per article in all
RULE_TIME_BUDGET = 10.0


class PatternTimeout(Exception):
    pass


class Deadline:
    """The time one rule's user patterns may still spend on one article."""

    def __init__(self, seconds: float | None = None) -> None:
        self.at = time.monotonic() + (RULE_TIME_BUDGET if seconds is None else seconds)

    def remaining(self) -> float:
        return self.at - time.monotonic()


def literal_pattern(words: list[str], ignorecase: bool) -> WordsPattern | None:
    """Matches of any of the literal words/phrases as whole words (see WordsPattern).

    Literal alternatives cannot backtrack catastrophically, so the hot path keeps stdlib re.
    Longer alternatives come first so that "per cent" wins over "per".
    """
    if not words:
        return None
    # the engine asks again for every article (the config's reject list): building the
    # alternation of a 10 MB list takes seconds, so the pattern is kept per word list
    key = (tuple(words), ignorecase)
    cached = _LITERAL_CACHE.get(key)
    if cached is not None:
        return cached
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    worded = "|".join(_literal(w) for w in ordered if _WORDISH.search(w))
    bare = "|".join(_literal(w) for w in ordered if not _WORDISH.search(w))
    pattern = WordsPattern(worded, bare, re.IGNORECASE if ignorecase else 0)
    if len(_LITERAL_CACHE) >= 256:
        _LITERAL_CACHE.clear()
    _LITERAL_CACHE[key] = pattern
    return pattern


class WordsPattern:
    r"""Behaves as `(?<![\w.])(?:WORDED)(?![\w])|(?:BARE)` compiled, found ~15x faster.

    Words get whole-word guards; a literal with no letter or digit at all (a quote mark, "%")
    is matched wherever it stands. A pattern that starts with a look-behind makes sre try
    every position of the text; without it sre first scans for the alternatives' first
    characters. So the guard before a match is checked here, and where it fails the search
    goes on as the full pattern would: the bare alternatives are tried at that position,
    then the search resumes one character on. The results are the same matches.
    """

    __slots__ = ("pattern", "_scan", "_bare", "_guard")

    def __init__(self, worded: str, bare: str, flags: int) -> None:
        self.pattern = "|".join(filter(None, [worded and rf"(?<![\w.])(?:{worded})(?![\w])",
                                              bare and f"(?:{bare})"]))
        self._scan = re.compile("|".join(filter(None, [worded and rf"(?:{worded})(?![\w])",
                                                       bare and f"(?:{bare})"])), flags)
        self._bare = re.compile(bare, flags) if worded and bare else None
        self._guard = bool(worded)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        end = len(text) if endpos is None else endpos
        scan = self._scan.search
        while True:
            m = scan(text, pos, end)
            if m is None:
                return None
            at = m.start()
            if not self._guard or at == 0 or not _guarded(text[at - 1]):
                return m
            if self._bare is not None:
                bare = self._bare.match(text, at, end)
                if bare is not None:
                    return bare
            pos = at + 1

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match]:
        end = len(text) if endpos is None else endpos
        while pos <= end:
            m = self.search(text, pos, end)
            if m is None:
                return
            yield m
            pos = m.end() if m.end() > m.start() else m.end() + 1


def _guarded(before: str) -> bool:
    r"""The character before a word makes it part of a longer word (\w) or of an initialism."""
    return before.isalnum() or before in "_."


_LITERAL_CACHE: dict[tuple, WordsPattern] = {}
_WORDISH = re.compile(r"\w")


def _literal(word: str) -> str:
    # white space inside a phrase matches any run of white space (a phrase may wrap a line)
    return r"\s+".join(re.escape(part) for part in word.split())


def user_pattern(pattern: str, ignorecase: bool):
    """Compile a user regex with the regex module (raises ValueError on a bad pattern)."""
    import regex

    try:
        return regex.compile(pattern, regex.V0 | (regex.IGNORECASE if ignorecase else 0))
    except regex.error as exc:
        raise ValueError(f"bad pattern {pattern!r}: {exc}") from None


def finditer(pattern, text: str, start: int, end: int,
             deadline: Deadline | None = None) -> Iterator:
    """Matches of a compiled pattern in text[start:end]; user patterns run with a timeout.

    The timeout is PATTERN_TIMEOUT per search, cut to what is left of `deadline` (the
    rule's budget for the whole article) when one is given.
    """
    if isinstance(pattern, (re.Pattern, WordsPattern)):
        yield from pattern.finditer(text, start, end)
        return
    timeout = PATTERN_TIMEOUT
    if deadline is not None:
        timeout = min(timeout, deadline.remaining())
        if timeout <= 0:
            raise PatternTimeout(pattern.pattern)
    try:
        yield from pattern.finditer(text, start, end, timeout=timeout)
    except TimeoutError:
        raise PatternTimeout(pattern.pattern) from None


def match_case(replacement: str, matched: str) -> str:
    """Carry the matched text's capitalisation over to a replacement."""
    if matched.isupper() and len(matched) > 1 and not replacement.isupper():
        return replacement.upper() if replacement.islower() else replacement
    if matched[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement
