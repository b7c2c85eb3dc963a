"""Case-insensitive matching made fast: fold the text once, match case-sensitively.

sre skips an alternative at its first literal only when the match is case-sensitive, so a
big case-insensitive alternation is slow to search. A lower-case ASCII pattern matched
case-sensitively against ascii_fold(text) finds exactly what it finds case-insensitively in
the text (tests/test_attribution.py checks the fold against re.IGNORECASE over every code
point), positions unchanged. Used by the attribution and titles kinds.
"""

from __future__ import annotations

# characters that re.IGNORECASE matches with an ASCII letter (A-Z, and four more: the
# dotted and dotless i, the long s, the Kelvin sign), mapped to the lower-case letter
_ASCII_FOLD = {**{c: c + 32 for c in range(ord("A"), ord("Z") + 1)},
               0x130: ord("i"), 0x131: ord("i"), 0x17F: ord("s"), 0x212A: ord("k")}


def ascii_fold(text: str) -> str:
    """The text with every character that re.IGNORECASE equates with an ASCII letter turned
    into that lower-case letter; same length, same positions."""
    return text.lower() if text.isascii() else text.translate(_ASCII_FOLD)


def foldable(words) -> bool:
    """Can these words be matched through ascii_fold (no cased letter outside ASCII)?"""
    return all(c.isascii() or (not c.isalpha() and c.lower() == c == c.upper())
               for w in words for c in w)


class FoldMemo:
    """ascii_fold of the last text seen: kinds look at one article span by span."""

    def __init__(self) -> None:
        self._last: tuple[str, str] = ("", "")

    def __call__(self, text: str) -> str:
        last = self._last  # one read: another thread may be folding another article
        if last[0] is not text:
            last = self._last = (text, ascii_fold(text))
        return last[1]
