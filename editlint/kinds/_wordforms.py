"""Word forms and the background table of the stray kind's model (editlint/kinds/_cohesion.py).

What a single word is and what general English says of it, independent of any article:
the word patterns (_WORD and the openings and pronouns a paragraph is read for), the
background zipf table shipped in editlint/data/stray_idf.txt (opened lazily, `Background`),
the stemmer, the table of what each word counts (`_Counted`: stem, weight, zipf), and
finding an article's words in one pass over its text (`_article_words`) with the helpers
that tell a sentence's first word from a name. Kept apart from the profiles
(editlint/kinds/_profiles.py) because none of it depends on how paragraphs are weighed.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable
from itertools import repeat
from operator import sub, truediv
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "stray_idf.txt"

# _WORD, _LETTER and the _OPENING_ patterns are sources compiled where first used (re caches
# them): most articles never need them, and a run of one article should not pay for them.
# words: letters with inner apostrophes; hyphenated compounds count as their parts
_WORD = r"[^\W\d_]+(?:['’][^\W\d_]+)*"
_LETTER = r"[^\W\d_]"  # a character _WORD takes as a letter
_QUOTE_MARKS = "\"“‘'«„"
_ANAPHORIC = re.compile(r"(?:He|She|They|It|His|Her|Their|Its|This|These|Those)\b")
_OPENING_THE = r"The ((?:[a-z]+ ){1,3})"
_OPENING_NAME = r"(The )?([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3})"
_POSSESSIVE = re.compile(r"['’]s?$")
_OPENERS = "\"“‘'([*_-–—"  # what may stand before a sentence's first word
# a paragraph "points to nothing" when it refers to a woman and nobody before it is one;
# the female side only, because English news defaults to "he" far more often (a male
# referent is almost always around) and a female pronoun with no referent is the tell-tale
# sign of a sentence lifted from a story about someone else
_FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
_FEMALE_MARKERS = frozenset("""
she her hers herself mrs ms miss lady dame madam madame queen princess duchess countess
baroness woman women girl girls mother mothers daughter daughters wife wives sister sisters
grandmother aunt niece widow bride girlfriend actress actresses chairwoman spokeswoman
businesswoman congresswoman policewoman sportswoman mum mom
""".split())


class Background:
    """Zipf frequencies of general English words (opened once per process, read on demand).

    `zipf[word]` is the word's zipf frequency, or None when the table lacks it.
    """

    _cache: dict[Path, _Table] = {}

    def __init__(self, path: Path = DATA_FILE) -> None:
        table = self._cache.get(path)
        if table is None:
            table = self._cache[path] = _open_table(path)
        self.zipf = table


# a long run over many different articles stops remembering new words past this many
_MEMO_LIMIT = 200_000
_LOAD_ALL_AFTER = 2_000


class _Table(dict):
    """word -> zipf (None: not in the table), filled on demand.

    The shipped table is sorted and indexed (scripts/build_stray_data.py): a lookup bisects
    the index of every 128th word and searches one block of lines, so a run parses only the
    words its articles use instead of all 52,000 (most of the start-up cost otherwise).
    A run that looks up very many words (a big batch of articles) reads the rest in one go
    after _LOAD_ALL_AFTER look-ups (~20 ms parsed, ~8 ms from editlint's disk cache, where
    the parsed words are kept per version of the file). A table in the older bucketed form
    is loaded whole (complete=True).
    """

    def __init__(self, text: str | bytes = "", base: int = 0, index_words: list[str] | None = None,
                 offsets: list[int] | None = None, complete: bool = True,
                 path: Path | None = None) -> None:
        super().__init__()
        # an ASCII table stays bytes (reading it costs 20 us; decoding 600 KB, 450 us)
        self.text, self.base, self.path = text, base, path
        self.index_words, self.offsets = index_words or [], offsets or []
        self.complete = complete
        self.lookups = 0

    def __missing__(self, word: str) -> float | None:
        if self.complete:
            return None
        self.lookups += 1
        if self.lookups == _LOAD_ALL_AFTER and self._load_all():
            return self.get(word)
        value = self._find(word)
        if len(self) < _MEMO_LIMIT:
            self[word] = value
        return value

    def _find(self, word: str) -> float | None:
        block = bisect.bisect_right(self.index_words, word) - 1
        if block < 0 or "\n" in word or "\t" in word:
            return None
        text, base = self.text, self.base
        start = base + self.offsets[block]
        end = base + self.offsets[block + 1] if block + 1 < len(self.offsets) else len(text)
        line = f"\n{word}\t"
        newline: str | bytes = "\n"
        if isinstance(text, bytes):
            line, newline = line.encode(), b"\n"
        at = text.find(line, start, end)  # type: ignore[arg-type]
        if at < 0:
            return None
        value = at + len(line)
        try:
            return int(text[value:text.find(newline, value)]) / 10  # type: ignore[arg-type]
        except ValueError:
            return None

    def _load_all(self) -> bool:
        """Read every word, when that finds what _find finds: one `word<TAB>digits` line
        each, strictly sorted, the index pointing at its words. Otherwise stay lazy."""
        from editlint.cache import cached

        # (only _open_table makes a lazy table, and gives it its path)
        words = cached(self.path, "stray-zipf", self._read_all)
        if not isinstance(words, dict):
            return False
        self.update(words)
        self.complete = True
        self.text = ""  # no longer needed
        return True

    def _read_all(self) -> dict[str, float] | None:
        """Every word of the table and its zipf, or None when that would not find what
        _find finds."""
        body = self.text[self.base:]
        if isinstance(body, bytes):
            body = body.decode("ascii")
        tokens = body.split()
        words, values = tokens[0::2], tokens[1::2]
        digits = "".join(values)
        lines = body.count("\n") - body.endswith("\n")
        if not (len(words) == len(values) == lines == body.count("\t") and digits.isascii()
                and digits.isdigit() and all(map(str.__lt__, words, words[1:]))
                and all(body.startswith(f"\n{w}\t", at)
                        for w, at in zip(self.index_words, self.offsets, strict=True))):
            return None
        return dict(zip(words, map(truediv, map(int, values), repeat(10)), strict=True))

    def get(self, word: str, default=None):  # type: ignore[override]
        value = self[word]
        return default if value is None else value

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self[word] is not None


def _open_table(path: Path) -> _Table:
    try:
        data = path.read_bytes()
    except OSError:  # a broken install degrades to "every word is rare", never a crash
        return _Table()
    text: str | bytes = data if data.isascii() else data.decode("utf-8")
    marker = text.find("\n#body\n" if isinstance(text, str) else b"\n#body\n")  # type: ignore[arg-type]
    if marker < 0:
        table = _Table()
        table.update(_load_table(data.decode("utf-8")))
        return table
    head = text[:marker]
    if isinstance(head, bytes):
        head = head.decode("ascii")
    header = dict(line[1:].split("\t", 1) for line in head.splitlines()
                  if line.startswith("#index-"))
    try:
        words = header["index-words"].split()
        offsets = [int(n) for n in header["index-offsets"].split()]
    except (KeyError, ValueError):
        return _Table()
    if len(words) != len(offsets) or words != sorted(words):
        return _Table()
    return _Table(text, marker + len("\n#body"), words, offsets, complete=False, path=path)


def _load_table(text: str) -> dict[str, float]:
    """A table in the bucketed form: `<zipf x 10><TAB><word> <word> ...` per line."""
    table: dict[str, float] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        bucket, _, words = line.partition("\t")
        try:
            zipf = int(bucket) / 10
        except ValueError:
            continue
        table.update(dict.fromkeys(words.split(), zipf))
    return table


def stem(word: str, length: int) -> str:
    """A crude, fast stemmer: plural and -ing/-ed endings off, then cut to `length` letters.

    Crude on purpose: conflating "negotiators" with "negotiations" helps cohesion, and a
    false conflation of two rare words in one article is rare.
    """
    if word.endswith("s"):
        if len(word) > 4 and word.endswith("ies"):
            word = word[:-3] + "y"
        elif len(word) > 3 and not word.endswith(("ss", "us", "is")):
            word = word[:-1]
    if word.endswith("ing"):
        if len(word) > 6:
            word = word[:-3]
            if word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]  # blogging -> blog
    elif word.endswith("ed") and len(word) > 5:
        word = word[:-2]
        if word[-1] == word[-2] and word[-1] not in "lsz":
            word = word[:-1]  # planned -> plan
    return word[:length]


# Words, fast. _WORD's words are what bytes.split() leaves of ASCII text once every
# character that is not a letter or an apostrophe is a space, and so is every apostrophe
# that does not join two letters (tests/test_stray.py checks this against _WORD). The regex
# costs ~20 ns a character, translate and split ~2. Text with non-ASCII characters other
# than the common ones in _NON_ASCII_BLANKS (none of them a letter) goes through _WORD.
# Words are kept as bytes (UTF-8), cheaper to split and look up; details decode them.
_SEPARATOR = b"\x01"  # ends each piece of an article's text once they are joined
_ASCII_WORDS = bytes(c if chr(c).isascii() and (chr(c).isalpha() or chr(c) in "'\x01") else 32
                     for c in range(256))
_LOOSE_APOSTROPHE = re.compile(rb"'(?:(?<![A-Za-z]')|(?![A-Za-z]))")
_NON_ASCII_BLANKS = ("£", "€", "“", "”", "‘", "—", "–", "…", "\xa0", "•", "°", "´")
# the words (letters, apostrophes, spaces) with each capital an "A": a word with a capital
# initial is an "A" after a space (every word starts with a letter)
_CAPITALS = bytes(65 if chr(c).isascii() and chr(c).isupper() else c if c in (1, 32) else 97
                  for c in range(256))


class _Counted(dict):
    """word (bytes) -> what a profile counts of it: (stem, weight, zipf), or () when it does
    not count (a function word, too short, no weight). Filled on first look-up, from what
    the word's lower case counts (learnt once for "Police", "police", "police's"); the
    tuples are shared by the words that make the same one."""

    __slots__ = ("lowers", "count")

    def __init__(self, count: Callable[[str], tuple]) -> None:
        super().__init__()
        # lower-case word -> what it counts, and what works that out
        self.lowers: dict[str, tuple] = {}
        self.count = count

    def __missing__(self, word: bytes) -> tuple:
        text = word.decode()
        lower = (_POSSESSIVE.sub("", text) if "'" in text else text).lower()  # _bare(text)
        counted = self.lowers.get(lower)
        if counted is None:
            counted = self.lowers[lower] = self.count(lower)
        # as Profiler._word_info has it: a word of one or two letters only in capitals
        if counted and len(lower) < 3 and not text.isupper():
            counted = ()
        self[word] = counted
        return counted


def _article_words(pieces: list[str]) -> tuple[list[list[bytes]], list[int]]:
    """Per piece of text, the words _WORD finds in it, each ’ written ' (’ and ' play the
    same part in _WORD, and _word_info reads a word the same either way), and how many of
    them have a lower-case initial."""
    joined = " " + " \x01 ".join(pieces) + " \x01"
    if "’" in joined:
        joined = joined.replace("’", "'")
    if not joined.isascii():
        for char in _NON_ASCII_BLANKS:
            if char in joined:
                joined = joined.replace(char, " ")
    if not joined.isascii():
        return _article_words_by_regex(pieces)
    clean = joined.encode().translate(_ASCII_WORDS)
    if clean.count(_SEPARATOR) != len(pieces):  # a piece of its own has one
        return _article_words_by_regex(pieces)
    if b"'" in clean:
        clean = _LOOSE_APOSTROPHE.sub(b" ", clean)
    # each piece ends with a separator (the last of the split is what follows: nothing)
    words = list(map(bytes.split, clean.split(_SEPARATOR)))
    words.pop()
    # a piece's words with a lower-case initial: all but those with a capital one, " A"
    # from the space before it to its end (counting the rare " A" is faster than " a")
    capitals = map(bytes.count, clean.translate(_CAPITALS).split(_SEPARATOR), repeat(b" A"))
    lower_words = list(map(sub, map(len, words), capitals))
    return words, lower_words


def _article_words_by_regex(pieces: list[str]) -> tuple[list[list[bytes]], list[int]]:
    words: list[list[bytes]] = []
    lower_words = []
    for piece in pieces:
        found = re.findall(_WORD, piece.replace("’", "'"))
        lower_words.append(sum(1 for word in found if word[0].islower()))
        words.append([word.encode() for word in found])
    return words, lower_words


def _female(lower: str) -> int:
    """2 for a female pronoun, 1 for another word that marks a woman, else 0."""
    return (2 if lower in _FEMALE_PRONOUNS else 1) if lower in _FEMALE_MARKERS else 0


def _bare(word: str) -> str:
    """The word without a possessive ending, with a straight apostrophe."""
    if "’" in word:
        word = word.replace("’", "'")
    return _POSSESSIVE.sub("", word) if "'" in word else word


def _sentence_initial(text: str, pos: int, starts: set[int]) -> bool:
    i = pos
    while i > 0 and text[i - 1] in _OPENERS:
        i -= 1
    while i > 0 and text[i - 1].isspace():
        i -= 1
        if i in starts:
            return True
    return i in starts or pos in starts


def _sentence_openers(text: str, start: int, end: int, starts: set[int]) -> dict[str, int]:
    """How often each word (’ written ') of text[start:end] is _sentence_initial.

    Only the first word at or after a sentence start can be: the check walks back from a
    word over openers and white space only, never over a letter."""
    found: dict[int, str] = {}
    word = re.compile(_WORD)
    for s in starts:
        m = word.search(text, s, end)
        if m is None or m.start() < start or m.start() in found:
            continue
        pos = m.start()
        if not _word_starts(text, pos, start):
            continue  # inside a word (a start in the middle of "don't")
        if _sentence_initial(text, pos, starts):
            found[pos] = m.group().replace("’", "'")
    return Counter(found.values())


def _word_starts(text: str, pos: int, start: int) -> bool:
    """Does a word _WORD.finditer(text, start, ...) finds start at pos?"""
    if pos == start:
        return True
    letter = re.compile(_LETTER)
    before = text[pos - 1]
    if letter.match(before):
        return False
    return not (before in "'’" and pos - 2 >= start and letter.match(text, pos - 2))
