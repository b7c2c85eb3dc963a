"""Lexical cohesion of an article: which runs of paragraphs do not belong to its story.

The stray kind (editlint/kinds/stray.py) is a thin wrapper around `find_stray_runs`.

Model, in one breath: every paragraph becomes a bag of stems, each weighted by how
informative the word is in general English (background frequencies shipped in
editlint/data/stray_idf.txt, built from wordfreq -- never from the articles we judge).
A candidate block of 1..max_run consecutive paragraphs is compared with the rest of the
article (the other paragraphs plus the title): the share of informative weight they have in
common, measured against the smaller of the two sides. A pasted paragraph from another story
shares only generic words with the rest; a background paragraph or a quote shares the
story's people, places and topic words. Blocks matter because stray text comes in runs
whose paragraphs share words with each other (so each one alone looks less foreign).

Everything is linear in the article: document frequencies are counted once, a block's
"rest" is the whole article minus the block, and blocks are at most max_run paragraphs long.

Speed (the answers are those of the plain definitions, which tests/test_stray.py checks):
an article's words are found in one pass over its text with bytes.translate and split, each
word is looked up once in a table of what it counts (learnt on first sight from what its
lower case counts; a run that meets many words reads what every background-table word
counts at once, from editlint's disk cache), a block's cosines are first bounded from
per-paragraph sums and only the blocks that may score below the threshold are judged
exactly, and what only those or a stray run need (each stem's weight, names, first
spellings) is worked out on first use.
"""

from __future__ import annotations

import bisect
import math
import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from itertools import chain, repeat
from operator import mul, truediv
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


@dataclass(frozen=True)
class Params:
    """Thresholds and weights (the rule YAML's options; defaults chosen on cases-dev)."""

    # a block is stray when rest_weight*cos(rest) + lede_weight*cos(lede) + evidence_weight *
    # (surprising shared words per unit of weight) stays below threshold
    threshold: float = 0.095
    rest_weight: float = 1.0
    lede_weight: float = 0.5
    evidence_weight: float = 0.3
    max_run: int = 5  # longest block judged as one unit
    # articles of short paragraphs (as most newsrooms write: the median paragraph has at
    # most short_paragraph_sentences sentences) give each paragraph too few words to judge
    # alone (a one- or two-sentence paragraph that introduces a new person or a new point
    # shares little with the rest by chance): there, only runs of at least short_min_run
    # paragraphs below short_threshold count
    short_paragraph_sentences: int = 2
    short_min_paragraphs: int = 5  # ... in articles of at least this many paragraphs
    short_min_run: int = 2
    short_threshold: float = 0.065
    extend_threshold: float = 0.085  # a run takes in a neighbour while the whole stays below this
    weak_threshold: float = 0.2  # ... or a neighbour scoring below this with a dangling reference
    min_paragraphs: int = 3  # prose paragraphs an article needs before anything is judged
    min_words: int = 80  # words an article needs before anything is judged
    min_block_weight: float = 6.0  # a block with less informative weight is not judged alone
    min_rest_weight: float = 12.0  # ... nor a block whose rest of the article says this little
    max_block_share: float = 0.7  # a block holding more of the article's weight is the story
    weight_cap: float = 7.5  # weight of a word = weight_cap - its zipf frequency (>= 0)
    rare_zipf: float = 2.0  # zipf assumed for a word missing from the background table
    name_weight: float = 0.0  # least weight of a capitalised word inside a sentence
    title_weight: float = 2.0  # the title counts this many times in the article's vector
    stem_length: int = 6  # stems are cut to this many letters ("Ukrain-e/-ian")
    judge_lede: bool = False  # the first paragraph defines the story: never judged
    # in articles of one-sentence paragraphs, a run that opens with a quote is someone in
    # the story speaking, and one that opens with "He", "It" or "They" continues the story
    short_quotes_belong: bool = True
    dangling_female: bool = True  # extend a run over a paragraph whose "she/her" has no referent


class Profile:
    """One paragraph (or the title) as weighted bags of stems.

    The vector, the counts and how the paragraph opens are computed at once; what only a
    judged block (each stem's weight and zipf) or a stray run (first spellings, names, female
    references, an opening description or name) reads, on first use, from what
    Profiler.profiles kept: most articles need neither.
    """

    __slots__ = ("vector", "words", "lower_words", "sentences", "quoted", "anaphoric",
                 "_source", "_weights", "_details")

    def __init__(self, vector: dict[str, float] | None = None, words: int = 0,
                 lower_words: int = 0, sentences: int = 1, quoted: bool = False,
                 anaphoric: bool = False) -> None:
        self.vector = {} if vector is None else vector  # stem -> sum of its weights
        self.words = words
        self.lower_words = lower_words
        self.sentences = sentences
        self.quoted = quoted  # opens with a quotation mark: someone speaking
        self.anaphoric = anaphoric  # opens with a pronoun that points back ("He said ...")
        self._source: _Source | None = None  # what the rest is worked out from
        self._weights: tuple[dict[str, float], dict[str, float]] | None = None
        self._details: _Details | None = None

    @property
    def weights(self) -> dict[str, float]:
        """stem -> weight of one use"""
        return self._weighed()[0]

    @property
    def zipf(self) -> dict[str, float]:
        """stem -> background zipf (of the spelling with that weight)"""
        return self._weighed()[1]

    def _weighed(self) -> tuple[dict[str, float], dict[str, float]]:
        if self._weights is None:
            self._weights = ({}, {}) if self._source is None else _source_weights(self._source)
        return self._weights

    def details(self) -> _Details:
        if self._details is None:
            self._details = _Details() if self._source is None else _source_details(self._source)
        return self._details

    @property
    def surface(self) -> dict[str, str]:
        """stem -> first spelling seen"""
        return self.details().surface

    @property
    def names(self) -> set[str]:
        """stems of capitalised in-sentence words"""
        return self.details().names

    @property
    def female_pronoun(self) -> bool:
        return self.details().female_pronoun

    @property
    def female_marker(self) -> bool:
        return self.details().female_marker

    @property
    def opening_definite(self) -> list[str]:
        """stems of the words after an opening "The" ("The partnership aims ..."): a
        definite description that should point back to something the story already
        mentioned"""
        return self.details().opening_definite

    @property
    def opening_name(self) -> list[str]:
        """stems of a name the paragraph opens with ("Dawn Sturgess, 44, died ...")"""
        return self.details().opening_name

    @property
    def mass(self) -> float:
        return sum(self.weights.values())

    @property
    def prose(self) -> bool:
        """Running text, not a line-up, fixture list, time or caption of names."""
        return self.lower_words >= 4 and self.lower_words >= 0.4 * self.words


class _Details:
    """The parts of a Profile that only stray runs read."""

    __slots__ = ("surface", "names", "female_pronoun", "female_marker", "opening_definite",
                 "opening_name")

    def __init__(self) -> None:
        self.surface: dict[str, str] = {}
        self.names: set[str] = set()
        self.female_pronoun = False
        self.female_marker = False
        self.opening_definite: list[str] = []
        self.opening_name: list[str] = []


class Run:
    """Consecutive paragraphs (indices into the paragraph list) judged stray."""

    __slots__ = ("first", "last", "score", "foreign", "shared", "dangling")

    def __init__(self, first: int, last: int, score: float, foreign: list[str] | None = None,
                 shared: list[str] | None = None, dangling: bool = False) -> None:
        self.first = first
        self.last = last
        self.score = score
        self.foreign = [] if foreign is None else foreign  # informative words found nowhere else
        self.shared = [] if shared is None else shared  # the few words it shares with the story
        self.dangling = dangling  # extended over a "her" that refers to nobody in the story

    def __repr__(self) -> str:
        return (f"Run({self.first}, {self.last}, {self.score!r}, foreign={self.foreign!r}, "
                f"shared={self.shared!r}, dangling={self.dangling!r})")


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
# ... and a Profiler loads what every table word counts after learning this many words:
# before the table would load its words (a run then needs only the counts)
_LOAD_COUNTS_AFTER = 1_000


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
        if self.path is None:
            words = self._read_all()
        else:
            from editlint.cache import cached

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


_WORD_MEMO_LIMIT = 100_000

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
# the words (letters, apostrophes, spaces) with each lower-case letter an "a": a word with a
# lower-case initial is an "a" after a space
_CASES = bytes(97 if chr(c).isascii() and chr(c).islower() else c if c in (1, 32) else 120
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


class _Words:
    """An article's words, as Profiler.profiles found them (shared by its profiles)."""

    __slots__ = ("profiler", "words", "counted")

    def __init__(self, profiler: Profiler, words: list[bytes], counted: _Counted) -> None:
        self.profiler = profiler
        self.words = words
        self.counted = counted  # what a word counts


class Profiler:
    """Turns text spans into Profiles with the background table and a stop-word list."""

    def __init__(self, params: Params, background: Background, stop_words: Iterable[str]) -> None:
        self.params = params
        self.zipf = background.zipf
        self.stop = frozenset(w.lower() for w in stop_words)
        # what a word says that does not depend on where it stands, and what its lower case
        # says (shared by "Police", "police", "police's")
        self._memo: dict[str, tuple] = {}
        self._lowers: dict[str, tuple[int, str | None, float, float]] = {}
        self._same: dict = {}  # what _lower_counted gives: each value once
        self._counted = _Counted(self._lower_counted)
        # lower-case words learnt one by one, and whether the whole table's are loaded
        self._learnt = 0
        self._whole: bool | None = None

    def _word_info(self, word: str) -> tuple:
        """(lower-case initial, 1 female marker / 2 female pronoun / 0, stem or None when
        the word does not count, zipf, weight, capital initial, word without possessive)."""
        info = self._memo.get(word)
        if info is None:
            bare = _bare(word)
            lower = bare.lower()
            female, key, zipf, weight = self._describe(lower)
            if key is None or (len(lower) < 3 and not word.isupper()):
                info = (word[0].islower(), female, None, 0.0, 0.0, False, bare)
            else:
                info = (word[0].islower(), female, key, zipf, weight, word[0].isupper(), bare)
            self._memo[word] = info
        return info

    def _describe(self, lower: str) -> tuple[int, str | None, float, float]:
        """What _word_info reads of the lower-case word: (female, stem or None for a
        function word, zipf, weight)."""
        found = self._lowers.get(lower)
        if found is None:
            found = self._lowers[lower] = self._lower_info(lower)
        return found

    def _lower_info(self, lower: str) -> tuple[int, str | None, float, float]:
        female = _female(lower)
        if lower in self.stop or len(lower) < 2:
            return female, None, 0.0, 0.0
        # a word that counts was counted first (profiles): its stem, weight and zipf are
        # known without looking the word up in the frequency table again
        counted = self._counted.lowers.get(lower)
        if counted:
            key, weight, zipf = counted
            return female, key, zipf, weight
        p = self.params
        zipf = self.zipf[lower]
        if zipf is None:
            zipf = p.rare_zipf
        return female, stem(lower, p.stem_length), zipf, max(0.0, p.weight_cap - zipf)

    def preload(self) -> None:
        """Load what every background-table word counts now (see Stray.preload), as a run
        that learns many words does anyway (_lower_counted)."""
        if self._whole is None:
            self._whole = self._load_counted()

    def _lower_counted(self, lower: str) -> tuple:
        """What a profile counts of a lower-case word (_Counted): (stem, weight, zipf) as
        _lower_info has them, or () when it does not count.

        A run that learns many words reads what every word of the background table counts
        at once (_load_counted); from then on only words missing from the table come here,
        and they are rare by definition."""
        if self._whole is None:
            self._learnt += 1
            if self._learnt >= _LOAD_COUNTS_AFTER:
                self._whole = self._load_counted()
                if self._whole:
                    found = self._counted.lowers.get(lower)
                    if found is not None:
                        return found
        # a word the loaded table lacks is not in the background table at all
        return self._counts(lower, None if self._whole else self.zipf[lower])

    def _counts(self, lower: str, zipf: float | None) -> tuple:
        """_lower_counted for a word of this background zipf (None: not in the table)."""
        if lower in self.stop or len(lower) < 2:
            return ()
        p = self.params
        if zipf is None:
            zipf = p.rare_zipf
        weight = max(0.0, p.weight_cap - zipf)
        if weight <= 0:
            return ()
        # each stem, weight and zipf one shared object (fewer cold memory reads when the memo
        # is read word by word, and stems compare by identity); the tuples shared by the
        # words making them
        same = self._same
        key = stem(lower, p.stem_length)
        counted = (same.setdefault(key, key), same.setdefault(weight, weight),
                   same.setdefault(zipf, zipf))
        return same.setdefault(counted, counted)

    def _load_counted(self) -> bool:
        """Make what every word of the background table counts the lower-case memo of
        _Counted (kept with the words it learnt already), from editlint's disk cache: ~10 ms,
        where learning the ~18,000 table words a big run meets one by one costs ~50 ms.
        Computed (~50 ms) only when the cache lacks it for this table, stop-word list and
        these parameters; without a disk cache, words are learnt one by one."""
        from editlint.cache import cache_dir, cached

        path = getattr(self.zipf, "path", None)
        if path is None or cache_dir() is None:
            return False
        p = self.params
        what = repr((p.stem_length, p.weight_cap, sorted(self.stop)))
        kind = f"stray-counted-{zlib.crc32(what.encode()):08x}-{len(what)}"
        whole = cached(path, kind, self._count_table)
        if not isinstance(whole, dict):
            return False
        whole.update(self._counted.lowers)
        self._counted.lowers = whole
        return True

    def _count_table(self) -> dict[str, tuple] | None:
        """What each word of the background table counts (for _load_counted)."""
        table = self.zipf
        if not table.complete and not table._load_all():
            return None
        counts = self._counts
        return {word: counts(word, zipf) for word, zipf in table.items() if zipf is not None}

    def profile(self, text: str, start: int, end: int, sentence_starts: Iterable[int] = ()) -> Profile:
        """The profile of text[start:end]."""
        return self.profiles(text, [(start, end, sentence_starts)])[0][0]

    def profiles(self, text: str, spans: list[tuple[int, int, Iterable[int]]],
                 title: str | None = None) -> tuple[list[Profile], Profile | None]:
        """The profiles of an article's paragraphs, spans of text given as (start, end,
        sentence starts), and of its title (a text of its own, one sentence)."""
        # a run over very many articles starts afresh
        if max(len(self._counted), len(self._memo)) >= _WORD_MEMO_LIMIT:
            self._memo = {}
            self._lowers = {}
            self._same = {}
            self._counted = _Counted(self._lower_counted)
            self._learnt, self._whole = 0, None
        if self.params.name_weight > 0:
            # a name weighs more than the same word opening a sentence: word by word
            return ([self._profile_by_position(text, start, end, {start, *starts})
                     for start, end, starts in spans],
                    None if title is None else self._profile_by_position(title, 0, len(title), {0}))
        # All at once: the words are found in one go, each looked up once (see _Counted)
        # and added up word by word.
        pieces = [text[start:end] for start, end, _ in spans]
        if title is not None:
            pieces.append(title)
        words, lower_words = _article_words(pieces)
        shared = _Words(self, words, self._counted)
        vectors = _sum_weights(words, self._counted)
        out = [_new_profile(shared, text, start, end, sentence_starts, k, lower, vector)
               for k, ((start, end, sentence_starts), lower, vector)
               in enumerate(zip(spans, lower_words, vectors, strict=False))]
        if title is None:
            return out, None
        return out, _new_profile(shared, title, 0, len(title), (0,), len(pieces) - 1,
                                 lower_words[-1], vectors[-1])

    def _profile_by_position(self, text: str, start: int, end: int, starts: set[int]) -> Profile:
        """The model's definition, word by word (only needed when name_weight > 0)."""
        p = self.params
        details = _Details()
        vector: dict[str, float] = {}
        weights: dict[str, float] = {}
        zipfs: dict[str, float] = {}
        surface = details.surface
        words = lower_words = 0
        for m in re.compile(_WORD).finditer(text, start, end):
            word = m.group()
            lower_initial, female, key, zipf, weight, capital, bare = self._word_info(word)
            words += 1
            if lower_initial:
                lower_words += 1
            if female:
                details.female_marker = True
                if female == 2:
                    details.female_pronoun = True
            if key is None:
                continue  # a function word, or too short
            if capital and not _sentence_initial(text, m.start(), starts):
                weight = max(weight, p.name_weight)
                is_name = True
            else:
                is_name = False
            if weight <= 0:
                continue
            vector[key] = vector.get(key, 0.0) + weight
            if weight > weights.get(key, 0.0):
                weights[key] = weight
                zipfs[key] = zipf
            surface.setdefault(key, bare)
            if is_name:
                details.names.add(key)
        head = text[start:start + 12]
        prof = Profile(vector, words, lower_words, len(starts), head[:1] in _QUOTE_MARKS,
                       _ANAPHORIC.match(head) is not None)
        details.opening_definite = self._opening_definite(text, start, end)
        details.opening_name = self._opening_name(text, start, end)
        prof._weights = (weights, zipfs)
        prof._details = details
        return prof

    def _details(self, text: str, start: int, end: int, starts: set[int],
                 words: list[str]) -> _Details:
        """The rest of a profile, as the word-by-word definition has it. A capitalised
        word is a name where it does not open a sentence: where it is used more often
        than it opens one."""
        details = _Details()
        counts = Counter(words)  # first use order
        infos = list(map(self._word_info, counts))
        surface = details.surface
        initial: dict[str, int] | None = None
        for word, (_, female, key, _, weight, capital, bare) in zip(counts, infos, strict=True):
            if female:
                details.female_marker = True
                if female == 2:
                    details.female_pronoun = True
            if key is None or weight <= 0:
                continue
            surface.setdefault(key, bare)
            if capital:
                if initial is None:
                    initial = _sentence_openers(text, start, end, starts)
                if counts[word] > initial.get(word, 0):
                    details.names.add(key)
        details.opening_definite = self._opening_definite(text, start, end)
        details.opening_name = self._opening_name(text, start, end)
        return details

    def _opening_name(self, text: str, start: int, end: int) -> list[str]:
        m = re.compile(_OPENING_NAME).match(text, start, min(end, start + 120))
        if m is None:
            return []
        words = [_bare(w).lower() for w in m.group(2).split()]
        words = [w for w in words if w not in self.stop]
        if not words:
            return []
        if not m.group(1) and len(words) == 1 and self.zipf.get(words[0], 0.0) >= 3.5:
            return []  # a common word that is capitalised only because it opens the sentence
        return [stem(w, self.params.stem_length) for w in words]

    def _opening_definite(self, text: str, start: int, end: int) -> list[str]:
        m = re.compile(_OPENING_THE).match(text, start, min(end, start + 80))
        if m is None:
            return []
        head = []
        for word in m.group(1).split():
            lower = word.lower()
            if not word[0].islower() or lower in self.stop:
                break
            head.append(stem(lower, self.params.stem_length))
        return head


# Profile._source: (_Words, text, start, end, sentence starts, which piece of the article's
# words are its words)
_Source = tuple[_Words, str, int, int, set[int], int]


def _new_profile(shared: _Words, text: str, start: int, end: int, sentence_starts: Iterable[int],
                 piece: int, lower_words: int, vector: dict[str, float]) -> Profile:
    starts = set(sentence_starts)
    starts.add(start)
    # (the match stops where text[start:start + 12] would end: the same answer, no slice)
    prof = Profile(vector, len(shared.words[piece]), lower_words, len(starts),
                   text[start:start + 1] in _QUOTE_MARKS,
                   _ANAPHORIC.match(text, start, start + 12) is not None)
    prof._source = (shared, text, start, end, starts, piece)
    return prof


def _sum_weights(pieces: list[list[bytes]], counted: _Counted) -> list[dict[str, float]]:
    """Per piece of an article (its words): stem -> sum of the weights of its words, added
    up word by word in text order, as the model defines it."""
    vectors = []
    get = counted.__getitem__
    for words in pieces:
        vector: dict[str, float] = {}
        for key, weight, _ in filter(None, map(get, words)):
            if key in vector:
                vector[key] += weight
            else:
                vector[key] = weight  # == 0.0 + weight
        vectors.append(vector)
    return vectors


def _source_weights(source: _Source) -> tuple[dict[str, float], dict[str, float]]:
    """(stem -> weight of one use, stem -> its zipf), as adding word by word makes them: the
    first spelling with the highest weight."""
    shared, _, _, _, _, piece = source
    weights: dict[str, float] = {}
    zipfs: dict[str, float] = {}
    # each spelling once (bytes keep their hash; tuples would be hashed anew): a later
    # spelling counting what an earlier one counts changes nothing (not a higher weight)
    counted = map(shared.counted.__getitem__, dict.fromkeys(shared.words[piece]))
    for key, weight, zipf in filter(None, counted):
        if weight > weights.get(key, 0.0):
            weights[key] = weight
            zipfs[key] = zipf
    return weights, zipfs


def _source_details(source: _Source) -> _Details:
    shared, text, start, end, starts, piece = source
    words = [word.decode() for word in shared.words[piece]]
    return shared.profiler._details(text, start, end, starts, words)


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
    # each piece ends with a separator (the last of the split is what follows: nothing);
    # a piece's words with a lower-case initial: " a" from the space before it to its end
    cases = clean.translate(_CASES).split(_SEPARATOR)
    lower_words = list(map(bytes.count, cases, repeat(b" a", len(pieces))))
    words = list(map(bytes.split, clean.split(_SEPARATOR)))
    words.pop()
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


# ---------------------------------------------------------------------------------------------
# judging blocks


class _Article:
    """What every block is compared with: sums over the whole article, computed once.

    The sums the cosines need are computed at once; what only an exactly judged block or a
    stray run needs, on first use (most articles have no block worth judging exactly).
    """

    def __init__(self, paragraphs: list[Profile], title: Profile, p: Params) -> None:
        self.paragraphs = paragraphs
        self.title = title
        self.p = p
        self.prose = [prof.prose for prof in paragraphs]
        self.prose_count = sum(self.prose)  # judging a block needs it every time
        self.words = sum(prof.words for prof in paragraphs)
        # filled by add_up()
        self.total: dict[str, float] = {}  # sum of paragraph vectors + title_weight x title
        self.total_norm2 = 0.0
        self.lede: dict[str, float] = {}  # first paragraph + title
        self.lede_norm = 0.0
        self.vectors: list[dict[str, float]] = []
        self.again: list[list[str]] = []  # per paragraph: its stems an earlier one has

    def add_up(self) -> None:
        # the sums as adding paragraph after paragraph makes them (same order of keys and
        # of additions): a stem's later uses are added to what the earlier ones made
        total: dict[str, float] = {}
        again = self.again
        vectors = self.vectors = [prof.vector for prof in self.paragraphs]
        for vector in vectors:
            shared = list(filter(total.__contains__, vector))
            again.append(shared)
            if shared:
                sums = {key: total[key] + vector[key] for key in shared}
                total.update(vector)
                total.update(sums)
            else:
                total.update(vector)
        title_weight = self.p.title_weight
        for key, value in self.title.vector.items():
            total[key] = total.get(key, 0.0) + title_weight * value
        self.total = total
        values = total.values()
        self.total_norm2 = sum(map(mul, values, values))
        lede = dict(vectors[0]) if vectors else {}
        for key, value in self.title.vector.items():
            lede[key] = lede.get(key, 0.0) + value
        self.lede = lede
        values = lede.values()
        self.lede_norm = sum(map(mul, values, values)) ** 0.5

    @cached_property
    def df(self) -> dict[str, int]:
        """paragraphs containing each stem"""
        return Counter(chain.from_iterable(prof.vector for prof in self.paragraphs))

    @cached_property
    def _weights(self) -> tuple[dict[str, float], dict[str, float]]:
        weight_of: dict[str, float] = {}
        zipf_of: dict[str, float] = {}
        sources = [prof._source for prof in self.paragraphs]
        if sources and None not in sources and all(s[0] is sources[0][0] for s in sources):
            # the paragraphs' words in one list: the highest weight anywhere, and the zipf of
            # its first use, as taking the paragraphs' own weights in turn gives them
            shared, first, last = sources[0][0], sources[0][5], sources[-1][5]
            # each spelling once, as in _source_weights
            words = dict.fromkeys(chain.from_iterable(shared.words[first:last + 1]))
            for key, w, zipf in filter(None, map(shared.counted.__getitem__, words)):
                if w > weight_of.get(key, 0.0):
                    weight_of[key] = w
                    zipf_of[key] = zipf
        else:
            for prof in self.paragraphs:
                zipfs = prof.zipf
                for key, w in prof.weights.items():
                    if w > weight_of.get(key, 0.0):
                        weight_of[key] = w
                        zipf_of[key] = zipfs[key]
        for key, w in self.title.weights.items():
            if w > weight_of.get(key, 0.0):
                weight_of[key] = w
        return weight_of, zipf_of

    @property
    def weight_of(self) -> dict[str, float]:
        """each stem's weight anywhere in the article"""
        return self._weights[0]

    @property
    def zipf_of(self) -> dict[str, float]:
        """... and the background frequency of that spelling"""
        return self._weights[1]

    @cached_property
    def total_mass(self) -> float:
        return sum(self.weight_of.values())

    @cached_property
    def name_df(self) -> dict[str, int]:
        """paragraphs using each stem as a name"""
        name_df: dict[str, int] = {}
        for prof in self.paragraphs:
            for key in prof.names | set(prof.opening_name):
                name_df[key] = name_df.get(key, 0) + 1
        return name_df

    @cached_property
    def first_seen(self) -> dict[str, int]:
        """first paragraph using each stem"""
        first_seen: dict[str, int] = {}
        for k, prof in enumerate(self.paragraphs):
            for key in prof.vector:
                first_seen.setdefault(key, k)
        return first_seen

    @cached_property
    def judged(self) -> dict[str, tuple[float, float, float, int, bool, float]]:
        """per stem, what judging a block reads of it, in one look-up: (weight_of, total,
        lede, df, in the title, zipf_of)"""
        weight_of, zipf_of = self._weights
        total, lede, in_title = self.total, self.lede, self.title.vector
        return {key: (weight_of[key], total[key], lede.get(key, 0.0), n, key in in_title,
                      zipf_of[key]) for key, n in self.df.items()}


def find_stray_runs(paragraphs: list[Profile], title: Profile | None, params: Params) -> list[Run]:
    """Runs of consecutive paragraphs that do not belong to the story, in document order."""
    p = params
    n = len(paragraphs)
    if n == 0:
        return []
    art = _Article(paragraphs, title or Profile(), p)
    if art.prose_count < p.min_paragraphs or art.words < p.min_words:
        return []
    art.add_up()
    threshold, min_run, openers_belong = p.threshold, 1, False
    lengths = sorted(prof.sentences for k, prof in enumerate(paragraphs) if art.prose[k])
    if len(lengths) >= p.short_min_paragraphs and lengths[len(lengths) // 2] <= p.short_paragraph_sentences:
        threshold, min_run = min(threshold, p.short_threshold), max(1, p.short_min_run)
        openers_belong = p.short_quotes_belong
    candidates: list[tuple[float, int, int]] = []
    for i, j in _blocks_to_judge(art, p, threshold, min_run, openers_belong):
        judged = _judge_block(art, *_block(paragraphs, i, j), i, j, p)
        if judged is not None:
            candidates.append((judged[0], i, j))

    # lowest score first; a block overlapping a better one is dropped
    taken = [False] * n
    chosen: list[Run] = []
    for score, i, j in sorted(candidates, key=lambda c: (c[0], c[1] - c[2])):
        if score >= threshold or any(taken[i:j + 1]):
            continue
        for k in range(i, j + 1):
            taken[k] = True
        judged = _judge_block(art, *_block(paragraphs, i, j), i, j, p, want_shared=True)
        chosen.append(Run(i, j, score, shared=judged[1] if judged else []))
    if not chosen:
        return []
    runs = [_extend(run, art, p, taken) for run in sorted(chosen, key=lambda r: r.first)]
    runs = _merge_runs(runs)
    if p.dangling_female:
        runs = _merge_runs([_extend_dangling(run, art) for run in runs])
    for run in runs:
        run.foreign = _foreign_words(run, art)
    return runs


# a block's cosines computed from per-paragraph sums differ from _judge_block's by rounding
# only (~1e-15 relative); a block is passed over when its floor clears the threshold by more
_FLOOR_MARGIN = 1e-9


def _blocks_to_judge(art: _Article, p: Params, threshold: float, min_run: int,
                     openers_belong: bool) -> list[tuple[int, int]]:
    """The blocks (first, last paragraph) judging every block would judge, in that order,
    less those that certainly score at or above the threshold.

    A block's score is rest_weight x cos(rest) + lede_weight x cos(lede) + a surprise term
    that is never negative, so the cosines are a floor under it, and both follow from
    per-paragraph dot products: block.total and block.lede are sums over the block's
    paragraphs, and |block|^2 is their squared norms plus twice their pairwise dot products
    (over the stems they share: few). Blocks left are judged by _judge_block, so the
    findings are those of judging every block. A block whose rest is nearly empty (the
    cosine is then ill-conditioned) is always judged, and every block when the surprise
    term has a negative weight.
    """
    paragraphs, prose = art.paragraphs, art.prose
    n = len(paragraphs)
    first_judged = 0 if p.judge_lede else 1
    max_run = p.max_run
    screen = p.evidence_weight >= 0
    if screen:
        norm2, dots, ledes, cross = _paragraph_sums(art, first_judged, max_run)
    rest_weight, lede_weight = p.rest_weight, p.lede_weight
    limit = threshold + _FLOOR_MARGIN * (1.0 + abs(rest_weight) + abs(lede_weight))
    total_norm2, lede_norm = art.total_norm2, art.lede_norm
    blocks = []
    for i in range(first_judged, n):
        if openers_belong and (paragraphs[i].quoted or paragraphs[i].anaphoric):
            continue
        block2 = block_total = block_lede = 0.0
        for j in range(i, min(n, i + max_run)):
            if not prose[j]:
                break
            if screen:
                block2 += norm2[j]
                shared = cross[j]
                for d in range(1, j - i + 1):
                    block2 += 2.0 * shared[d]
                block_total += dots[j]
                block_lede += ledes[j]
            if j - i + 1 < min_run:
                continue
            if screen:
                rest2 = total_norm2 - 2.0 * block_total + block2
                if block2 > 0.0 and rest2 >= 1e-6 * total_norm2:
                    norm = math.sqrt(block2)
                    floor = rest_weight * (block_total - block2) / (norm * math.sqrt(rest2))
                    if i > 0 and lede_norm:
                        floor += lede_weight * block_lede / (norm * lede_norm)
                    if floor >= limit:
                        continue
            blocks.append((i, j))
    return blocks


def _paragraph_sums(art: _Article, first: int, max_run: int
                    ) -> tuple[list[float], list[float], list[float], list[list[float]]]:
    """Per prose paragraph v from the first judged on: |v|^2, v.total, v.lede, and
    [_, v.v(-1), v.v(-2), ...] with the paragraphs before it (max_run - 1 of them)."""
    vectors, prose, total, lede, again = art.vectors, art.prose, art.total, art.lede, art.again
    n = len(vectors)
    norm2 = [0.0] * n
    dots = [0.0] * n
    ledes = [0.0] * n
    zeros = [0.0] * max(1, max_run)
    cross = [zeros] * n
    lede_has = lede.__contains__
    # the lede's stems a later paragraph has: the first paragraph's are among those it shares
    # with earlier paragraphs (again), the title's others are few
    title_only = [key for key in art.title.vector if not vectors or key not in vectors[0]]
    for j in range(first, n):
        if not prose[j]:
            continue
        vector = vectors[j]
        values = vector.values()
        norm2[j] = sum(map(mul, values, values))
        dots[j] = sum(map(mul, values, map(total.__getitem__, vector)))
        if j:
            in_lede = set(filter(lede_has, again[j]))
            in_lede.update(filter(vector.__contains__, title_only))
        else:
            in_lede = set(vector) & lede.keys()
        if in_lede:
            ledes[j] = sum(map(mul, map(vector.__getitem__, in_lede), map(lede.__getitem__, in_lede)))
        shared_keys = again[j]  # its stems an earlier paragraph has
        if shared_keys:
            shared = cross[j] = list(zeros)
            for d in range(1, min(max_run, j - first + 1)):
                other = vectors[j - d]
                for key in filter(other.__contains__, shared_keys):
                    shared[d] += vector[key] * other[key]
    return norm2, dots, ledes, cross


def _block(paragraphs: list[Profile], i: int, j: int) -> tuple[dict[str, float], dict[str, int]]:
    block: dict[str, float] = {}
    in_block: dict[str, int] = {}
    for k in range(i, j + 1):
        for key, value in paragraphs[k].vector.items():
            block[key] = block.get(key, 0.0) + value
            in_block[key] = in_block.get(key, 0) + 1
    return block, in_block


def _extend(run: Run, art: _Article, p: Params, taken: list[bool]) -> Run:
    """Grow a run over neighbours that belong with it.

    A neighbour joins when the grown block still scores below extend_threshold, or when it is
    weakly tied to the story on its own (below weak_threshold) and points to nothing in the
    story: a definite description never introduced ("The partnership aims ..."), or names
    that no other paragraph uses ("The Irish Defence Forces says ...").
    """
    n = len(art.paragraphs)
    first_judged = 0 if p.judge_lede else 1
    while run.last - run.first + 1 < p.max_run:
        best = None
        for k, i, j in ((run.first - 1, run.first - 1, run.last), (run.last + 1, run.first, run.last + 1)):
            if k < first_judged or k >= n or not art.prose[k] or taken[k]:
                continue
            judged = _judge_block(art, *_block(art.paragraphs, i, j), i, j, p)
            if judged is not None and judged[0] < p.extend_threshold:
                score = judged[0]
            else:
                alone = _judge_block(art, *_block(art.paragraphs, k, k), k, k, p)
                if alone is None or alone[0] >= p.weak_threshold or not _dangles(art, k, run):
                    continue
                score = p.extend_threshold  # joins, but after any neighbour that fits better
            if best is None or score < best[0]:
                best = (score, i, j)
        if best is None:
            break
        _, run.first, run.last = best
        for k in range(run.first, run.last + 1):
            taken[k] = True
    return run


def _dangles(art: _Article, k: int, run: Run) -> bool:
    """Does paragraph k refer to things the story (outside the run) never introduced?"""
    prof = art.paragraphs[k]
    if prof.opening_definite and not any(
            art.first_seen.get(head, k) < k or head in art.title.vector
            for head in prof.opening_definite):
        return True
    if prof.opening_name:
        own = set(prof.opening_name) | prof.names
        for key in own:
            in_run = sum(1 for m in range(run.first, run.last + 1)
                         if key in art.paragraphs[m].names or key in art.paragraphs[m].opening_name)
            if key in art.title.vector or art.name_df.get(key, 0) - in_run - 1 > 0:
                return False
        return True
    return False


def _judge_block(art: _Article, block: dict[str, float], in_block: dict[str, int], i: int, j: int,
                 p: Params, want_shared: bool = False) -> tuple[float, list[str]] | None:
    """(score, shared stems) of paragraphs i..j against the rest of the article, or None if
    the block cannot be judged (too little weight on either side). The shared stems (for the
    message) only when wanted: most blocks are judged only to be dropped."""
    paragraphs = art.paragraphs
    if art.prose_count - sum(art.prose[i:j + 1]) < 2:
        return None
    block_mass = 0.0
    only_here = 0.0  # weight of stems found nowhere outside the block
    dot_total = 0.0  # block . total
    block_norm2 = 0.0
    lede_dot = 0.0
    evidence = 0.0
    shared: list[tuple[float, str]] = []
    rest_words = art.words - sum(paragraphs[k].words for k in range(i, j + 1))
    judged = art.judged
    surprise: dict[float, float] = {}  # per zipf value: the table has a few dozen
    for key, value in block.items():
        weight, total, lede, df, in_title, zipf = judged[key]
        block_mass += weight
        block_norm2 += value * value
        dot_total += value * total
        lede_dot += value * lede
        if df > in_block[key] or in_title:
            # how surprising is it that the rest uses this word too? A word of background
            # frequency f turns up by chance in N words with probability 1 - exp(-N f).
            term = surprise.get(zipf)
            if term is None:
                chance = -math.expm1(-rest_words * 10.0 ** (zipf - 9.0))
                term = surprise[zipf] = -math.log10(max(chance, 1e-9))
            evidence += term
            if want_shared:
                shared.append((weight, key))
        else:
            only_here += weight
    if block_mass < p.min_block_weight:
        return None
    rest_mass = art.total_mass - only_here
    if rest_mass < p.min_rest_weight or block_mass > p.max_block_share * (block_mass + rest_mass):
        return None
    rest_norm2 = art.total_norm2 - 2 * dot_total + block_norm2
    block_norm = math.sqrt(block_norm2)
    cos_rest = (dot_total - block_norm2) / (block_norm * math.sqrt(max(rest_norm2, 1e-12)))
    cos_lede = lede_dot / (block_norm * art.lede_norm) if i > 0 and art.lede_norm else 0.0
    score = (p.rest_weight * cos_rest + p.lede_weight * cos_lede
             + p.evidence_weight * evidence / (block_mass + 1.0))
    shared.sort(reverse=True)
    return score, [key for _, key in shared]


def _merge_runs(runs: list[Run]) -> list[Run]:
    out: list[Run] = []
    for run in runs:
        if out and out[-1].last + 1 >= run.first:
            prev = out[-1]
            prev.last = max(prev.last, run.last)
            prev.score = max(prev.score, run.score)
            prev.shared = prev.shared + [k for k in run.shared if k not in prev.shared]
            prev.dangling = prev.dangling or run.dangling
        else:
            out.append(run)
    return out


def _foreign_words(run: Run, art: _Article) -> list[str]:
    """The run's most informative words that appear nowhere else (for the message)."""
    inside: dict[str, tuple[float, str]] = {}
    count: dict[str, int] = {}
    for k in range(run.first, run.last + 1):
        prof = art.paragraphs[k]
        for key, w in prof.weights.items():
            count[key] = count.get(key, 0) + 1
            if key not in inside or w > inside[key][0]:
                inside[key] = (w, prof.surface[key])
    foreign = [(w, word) for key, (w, word) in inside.items()
               if art.df[key] == count[key] and key not in art.title.vector]
    foreign.sort(key=lambda t: (-t[0], t[1]))
    return [word for _, word in foreign[:3]]


def _extend_dangling(run: Run, art: _Article) -> Run:
    """Take in the paragraph after a run when its "her" refers to nobody in the story.

    The story before the run never mentions a woman and the paragraph names nobody new, so
    "her death" can only continue the pasted text.
    """
    paragraphs = art.paragraphs
    nxt = run.last + 1
    if nxt >= len(paragraphs) or not art.prose[nxt] or not paragraphs[nxt].female_pronoun:
        return run
    if any(paragraphs[k].female_marker for k in range(run.first)):
        return run
    # a person named here for the first time may be the woman the pronoun means
    if any(art.name_df.get(key, 0) <= 1 and key not in art.title.vector
           for key in paragraphs[nxt].names):
        return run
    run.last = nxt
    run.dangling = True
    return run
