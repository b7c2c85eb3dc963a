"""Edit distance shared by the spelling, names and titles kinds."""

from __future__ import annotations


def distance(a: str, b: str, limit: int = 2) -> int:
    """Optimal-string-alignment distance (Damerau-Levenshtein with adjacent transpositions),
    returning limit + 1 as soon as it is certain to exceed `limit`."""
    if a == b:
        return 0
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    if limit == 1:  # the usual question (one slip or not), answered without the table
        return 1 if one_edit(a, b) else 2
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return min(prev[-1], limit + 1)


def one_edit(a: str, b: str) -> bool:
    """Are two different strings, at most one character apart in length, one substitution,
    insertion, deletion or transposition of neighbours apart?"""
    if len(a) > len(b):
        a, b = b, a
    i = 0
    n = len(a)
    while i < n and a[i] == b[i]:
        i += 1  # the first difference
    if len(a) < len(b):
        return a[i:] == b[i + 1:]  # b has one more character, at i
    if a[i + 1:] == b[i + 1:]:
        return True  # one substitution at i
    return a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:]
