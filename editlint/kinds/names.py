"""names: people's names (and other proper nouns) spelt wrong or spelt two ways.

Two checks, one finding per word:
* Known people: the names authority (the rule's people files, plus the titles roster when
  it exists) gives canonical spellings and accepted variants. A capitalised word one edit
  away from a known surname or given name, and not itself a known word, is a near miss:
  "'Sybhia' looks like a misspelling of 'Sybiha' (Andrii Sybiha)". House-style variants
  (Zelensky / Zelenskyy) are accepted, never flagged.
* Two spellings in one article: capitalised words one edit apart with the same first letter
  ("Takaichi" five times, "Takiachi" once) are the same name spelt two ways: the minority
  spelling is flagged with the majority one as the fix, for anyone, listed or not, and for
  places and organisations too. Real pairs (Iran / Iraq, Russia / Russian, Austria /
  Australia) are told apart by the dictionary, the gazetteer and word frequency.

Known surnames near a word come from a symmetric-deletion index (each surname and its
one-letter deletions), kept with the authority in an SQLite table in editlint's cache and
looked up only for the rare words that need it; two spellings are compared only within a
first letter's group (see capital_twins). Whether a word is near a known name depends on the
word alone, so each is judged once per process.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
import zlib
from collections import defaultdict
from pathlib import Path

from editlint.findings import Match
from editlint.kinds._distance import distance
from editlint.kinds._lexicon import DEFAULT_PATH, deletes1, get_lexicon, open_readonly
from editlint.kinds._rows import in_rows, table_rows
from editlint.kinds._words import (
    Token,
    capital_counts,
    capital_twins_of,
    capitals,
    capitals_with,
    claim,
    claimed,
    inner_capital_counts,
)
from editlint.kinds.base import Kind, Opt

_MEMO_LIMIT = 100_000  # words whose near misses are remembered before the memo starts afresh
_PARTICLES = frozenset({"de", "da", "del", "della", "der", "den", "di", "du", "van", "von",
                        "la", "le", "al", "el", "bin", "ibn", "dos", "das", "y", "mac"})


# words around a name that are not part of it
_SUFFIXES = frozenset({"Jr", "Sr", "II", "III", "IV", "V", "VI", "XIV", "XVI"})
# a person known by one name is a near-miss target when the name is this long (Shakira,
# Ronaldinho); shorter ones (Bono, Kaka) have too many real neighbours
_MIN_MONONYM = 6
# a surname after a particle (de Villiers, van Persie) is a target from this length on
_MIN_PARTICLE_SURNAME = 6
_HONOURS = frozenset({"King", "Queen", "Prince", "Princess", "Pope", "Sheikh", "Emir", "Sultan",
                      "Crown", "Grand", "Duke", "Duchess", "Lord", "Lady", "Sir", "Dame"})


class Names(Kind):
    name = "names"
    default_quotes = "include"  # a misspelt name in a quote is still misspelt
    whole_article = True  # two spellings are judged over the whole article
    options = {
        "people": Opt("path-list", [], doc="YAML files with a top-level `people:` list of "
                                           "{name, variants}"),
        "titles_roster": Opt("bool", True, doc="also read the titles pack's roster of "
                                               "office-holders, when it is installed"),
        "known": Opt("bool", True, doc="check near misses of known people"),
        "consistency": Opt("bool", True, doc="check one name spelt two ways in an article"),
        "min_length": Opt("int", 4, minimum=3, doc="shorter words are never near misses"),
        "pair_min_length": Opt("int", 3, minimum=2,
                               doc="shorter words are never one of two spellings"),
        "known_zipf": Opt("float", 3.0, doc="a word at least this frequent is a word, not a "
                                           "misspelt name"),
        "near_miss_zipf": Opt("float", 1.0,
                              doc="a near miss of a known person must be rarer than this"),
        "near_miss_oddness": Opt("float", 0.3,
                                 doc="a near miss with no given name before it must have a "
                                     "least likely letter step at most this much above the "
                                     "known name's (log-probability, letter trigrams)"),
        "short_surname": Opt("int", 6, doc="surnames shorter than this need ..."),
        "short_near_miss_oddness": Opt("float", -1.5, doc="... a clearly stranger near miss"),
        "pair_known_zipf": Opt("float", 2.0, doc="when both spellings are at least this "
                                                 "frequent, both are real words"),
        "max_minority": Opt("int", 2, minimum=1,
                            doc="a spelling used more often than this is never the slip"),
        "tie_margin": Opt("float", 1.0, doc="with equal counts, the slip must be rarer than "
                                            "the other spelling by this zipf"),
        "tie_oddness": Opt("float", 1.0, doc="... or its least likely letter step must be "
                                             "this much less likely (log-probability)"),
        "data": Opt("path", None, doc="an alternative lexicon.sqlite (built by build_data.py)"),
    }

    def __init__(self, rule) -> None:
        super().__init__(rule)
        lex_path = Path(self.opts["data"]) if self.opts["data"] else DEFAULT_PATH
        self.lex = get_lexicon(lex_path)
        files = [Path(p) for p in self.opts["people"]]
        if self.opts["titles_roster"]:
            roster = _titles_roster()
            if roster is not None:
                files.append(roster)
        # the names authority, looked up (in an SQLite table) only for the few words that
        # need it: loading it whole would cost every run ~10 ms
        self.authority = _authority(files, self.opts["min_length"], self.lex, lex_path)
        self._judged: set[str] = set()  # words _judge has judged
        self._frequent: set[str] = set()  # those at least pair_known_zipf frequent
        self._near_found: dict[str, tuple[tuple[int, str], ...]] = {}  # those near a name

    def preload(self) -> None:
        """Before a run of many files forks its workers: the lexicon's tables such a run
        reads (Lexicon.preload) and the names authority's rows (_Authority.preload), read
        once here for every worker."""
        self.lex.preload()
        self.authority.preload()

    # -- checking --------------------------------------------------------------------------

    def check(self, doc, ctx):
        accept = ctx.accept_folded
        quotes = self.rule.quotes
        shortest = min(self.opts["min_length"], self.opts["pair_min_length"])
        counts = capital_counts(doc)
        words: list[Token] | None = None  # made only when something may be flagged
        if quotes == "include":
            forms = {w for w in counts if len(w) >= shortest and "'" not in w}
            if accept:
                forms = {w for w in forms if w.lower() not in accept}
        else:
            words = [t for t in capitals(doc) if len(t.text) >= shortest and "'" not in t.text
                     and t.lower not in accept
                     and doc.in_quote(t.start, t.end) == (quotes == "only")]
            forms = {t.text for t in words}
        if not forms:
            return
        # what may be flagged: pairs of spellings one edit apart, and words near a known
        # person's name (judged per word, once per process). Most articles have neither
        pairs = self._pairs(doc, forms) if self.opts["consistency"] else []
        near = self._near(forms) if self.opts["known"] else {}
        if not pairs and not near:
            return
        flagged: dict[str, Match] = {}
        if pairs:
            facts = _Facts(self.lex, {w for pair in pairs for w in pair}, counts, doc)
            flagged.update(self._two_spellings(pairs, facts))
        if not flagged and not near:
            return
        if words is None:
            words = capitals_with(doc, forms)
        if near:
            for form, match in self._near_misses(near, words, doc.text, counts).items():
                flagged.setdefault(form, match)
        if not flagged:
            return
        for t in words:
            template = flagged.get(t.text)
            if template is None or claimed(doc, t.start):
                continue
            claim(doc, t.start)
            yield Match(t.start, t.end, fix=template.fix, fix_safe=template.fix_safe,
                        values=template.values, message=template.message)

    def _pairs(self, doc, forms: set[str]) -> list[tuple[str, str]]:
        """The article's pairs of words (a < b) one edit apart that _pair may take, sorted
        (a fixed order: twins come in the order of string hashes, which changes from run to
        run). Two words both at least pair_known_zipf frequent are never one name spelt two
        ways (Iran, Iraq), so only the twins of the rarer words are looked for."""
        rarer = self._rarer(forms)
        if not rarer:
            return []
        twins = capital_twins_of(doc, rarer, self.opts["pair_min_length"])
        return sorted({(a, b) if a < b else (b, a)
                       for a, found in twins.items() for b in found if b in forms})

    def _rarer(self, forms: set[str]) -> set[str]:
        """The words rarer than pair_known_zipf (see _judge)."""
        self._judge(forms)
        return forms.difference(self._frequent)

    def _judge(self, forms: set[str]) -> None:
        """Judge the words not judged before: whether each is at least pair_known_zipf
        frequent (see _rarer), and which known surnames it is near (see _near). Both depend
        on the word alone, so each word is judged once per process, and both start from its
        frequency: one look-up serves both."""
        new = forms.difference(self._judged)
        if not new:
            return
        if len(self._judged) + len(new) > _MEMO_LIMIT:
            self._judged.clear()
            self._frequent.clear()
            self._near_found.clear()
            new = set(forms)
        if not self.opts["consistency"]:  # only _near asks: its words are min_length long
            new = {w for w in new if len(w) >= self.opts["min_length"]}
        lowers = {w: w.lower() for w in new}
        zipf = self.lex.zipf(set(lowers.values()))
        floor = self.opts["pair_known_zipf"]
        self._frequent.update([w for w, lower in lowers.items() if zipf[lower] >= floor])
        if self.opts["known"]:
            self._near_found.update(self._near_surnames_of(lowers, zipf))
        self._judged.update(forms)

    def _two_spellings(self, pairs: list[tuple[str, str]], f: _Facts) -> dict[str, Match]:
        """Minority spellings of a word spelt two ways in the article."""
        out: dict[str, Match] = {}
        # the most frequent right spelling wins when a slip has two ("Stoy" for "Stop" and
        # "Story")
        for a, b in pairs:
            verdict = self._pair(a, b, f)
            if verdict is not None:
                slip, right = verdict
                n = f.counts[right]
                if slip in out and out[slip].values["count"] >= n:
                    continue
                out[slip] = Match(0, 0, fix=right, fix_safe=False, values={
                    "other": right, "count": n},
                    message=f"'{slip}' looks like a misspelling of '{right}', as it is "
                            f"spelt {_times(n)} elsewhere in this article")
        return out

    def _pair(self, a: str, b: str, f: _Facts) -> tuple[str, str] | None:
        """(slip, right spelling) when a and b look like one name spelt two ways."""
        o = self.opts
        if a[0].lower() != b[0].lower() or distance(a.lower(), b.lower(), 1) != 1:
            return None
        counts = f.counts
        za, zb = f.zipf(a), f.zipf(b)
        if za >= o["pair_known_zipf"] and zb >= o["pair_known_zipf"]:
            return None  # Iran and Iraq
        if f.known(a) and f.known(b):
            return None  # Austria and Australia, Slovakia and Slovenia
        if _fold(a) == _fold(b):
            return None  # Papé and Pape: an accent, not a slip
        shorter, longer = sorted((a, b), key=len)
        if len(longer) == len(shorter) + 1 and longer.startswith(shorter) and \
                longer[-1] in "sn" and shorter[-1] != longer[-1] and \
                (counts[longer] <= counts[shorter] or f.zipf(shorter) >= o["pair_known_zipf"]):
            return None  # Russia and Russian, AutoLink and AutoLinks (not Galla for Gallas)
        ca, cb = counts[a], counts[b]
        if ca == cb:
            slip, right = (a, b) if f.score(a) < f.score(b) else (b, a)
            if f.score(right) - f.score(slip) < o["tie_margin"]:
                # frequency cannot tell: a slip is the one with the stranger letters
                odd = self.lex.oddness([a.lower(), b.lower()])
                slip, right = (a, b) if odd[a.lower()] < odd[b.lower()] else (b, a)
                if odd[right.lower()] - odd[slip.lower()] < o["tie_oddness"]:
                    return None  # nothing tells which one is right
        else:
            slip, right = (a, b) if ca < cb else (b, a)
        if counts[slip] > o["max_minority"] or f.zipf(slip) >= o["known_zipf"]:
            return None
        if f.common_word(right) and f.zipf(slip) > 0 and not f.inner.get(right):
            return None  # "Being" opening a sentence is no spelling of the name "Bening"
        if f.known(slip) and not f.known(right):
            return None  # the rarer spelling is the dictionary's: leave it to people
        # (asked last: the other tests need no look-up in the names authority)
        if len(self.authority.people([a, b])) == 2:
            return None  # both accepted spellings (Zelensky, Zelenskyy): a house-style choice
        return slip, right

    def _near(self, forms: set[str]) -> dict[str, tuple[tuple[int, str], ...]]:
        """The words near a known surname: word -> ((distance, surname), ...) (see _judge);
        the few that are near one are remembered apart, and picked out of an article's
        words in C."""
        self._judge(forms)
        found = self._near_found
        return {form: found[form] for form in found.keys() & forms}

    def _near_surnames_of(self, lowers: dict[str, str],
                          zipf: dict[str, float]) -> dict[str, tuple[tuple[int, str], ...]]:
        """The words (-> their lower case, with its frequency in `zipf`) near a known
        surname, with the surnames they may be a slip of and their distance: one edit away
        with the same first letter (two when the word is long), when the word is not a
        dictionary or gazetteer word, nor a frequent word, nor itself a known name."""
        out: dict[str, tuple[tuple[int, str], ...]] = {}
        min_length = self.opts["min_length"]
        floor = self.opts["near_miss_zipf"]
        # the lexicon first: it rules out most words, and then the authority is not asked;
        # frequency first (most words are frequent), the dictionary for the rest
        rare = {form for form, lower in lowers.items()
                if len(form) >= min_length and zipf[lower] < floor}
        if not rare:
            return out
        f = _Facts(self.lex, rare, {}, None)
        rare = {form for form in rare if not f.known(form)}
        if not rare:
            return out
        keys = {form: deletes1(lowers[form]) for form in rare}
        # both tables in one query: the deletion keys of every rare word (those of the
        # known names among them are not needed, and few)
        self.authority.prefetch(rare, set().union(*keys.values()))
        unknown = rare.difference(self.authority.people(rare))
        if not unknown:
            return out
        index = self.authority.surnames(set().union(*(keys[form] for form in unknown)))
        for form in unknown:
            near = keys[form] & index.keys()
            found = tuple(self._near_surnames(form, near, index)) if near else ()
            if found:
                out[form] = found
        return out

    def _near_surnames(self, form: str, keys: set[str],
                       index: dict[str, str]) -> list[tuple[int, str]]:
        """The known surnames one edit from the word with the same first letter (two when
        the word is long), with their distance."""
        lower, first = form.lower(), form[0].lower()
        limit = 2 if len(form) >= 8 else 1
        found = []
        for key in keys:
            for cand in index[key].split():
                if cand[0].lower() == first:
                    d = distance(lower, cand.lower(), limit)
                    if d <= limit:
                        found.append((d, cand))
        return found

    def _near_misses(self, near: dict[str, tuple[tuple[int, str], ...]], words: list[Token],
                     text: str, counts) -> dict[str, Match]:
        """Words one edit from a known person's name (and not known themselves)."""
        o = self.opts
        cands = {cand for found in near.values() for _, cand in found}
        given_of = self.authority.given(cands)
        people = self.authority.people(cands)
        mentions = [t for t in words if t.text in near]
        befores = self._words_before(words, near)
        initials_of = _initials_before(text, mentions)
        out: dict[str, Match] = {}
        for form, found in near.items():
            before = befores.get(form, set())
            # (distance, not preceded by the person's given name, name): Sidney Poiter is
            # Sidney Poitier, not Graham Potter
            best = min((d, before.isdisjoint(given_of.get(cand, "").split()), cand)
                       for d, cand in found)
            cand = best[2]
            if counts[form] > o["max_minority"] and counts.get(cand, 0) == 0:
                continue  # spelt this way throughout: probably someone else
            given = not best[1]
            initials = initials_of.get(form)
            if initials and not given and initials.isdisjoint(
                    g[0] for g in given_of.get(cand, "").split()):
                continue  # Y Delaigue is someone else than Clément Delangue
            if best[0] > 1 and not given:
                continue  # two slips in one name, and not the person's given name before it:
                # more likely someone else (Avery Shenfeld is not Jerry Seinfeld)
            if not given:
                # without the person's given name, only a clearly malformed word is a slip:
                # a short surname has many well-formed neighbours that are other people
                odd = self.lex.oddness([form.lower(), cand.lower()])
                needed = o["near_miss_oddness"] if len(cand) >= o["short_surname"] \
                    else o["short_near_miss_oddness"]
                if odd[form.lower()] - odd[cand.lower()] > needed:
                    continue
            person = people[cand]
            named = before.intersection(given_of.get(cand, "").split())
            if named and person.split()[0] not in named:
                # several people share the surname: name the one whose given name is here
                # (Jonny Wilkinson, not Howard Wilkinson)
                person = f"{min(named)} {cand}"
            safe = best[0] == 1 and given
            out[form] = Match(0, 0, fix=cand, fix_safe=safe, values={"other": cand, "person": person},
                              message=f"'{form}' looks like a misspelling of '{cand}' ({person})")
        return out

    @staticmethod
    def _words_before(words: list[Token], wanted) -> dict[str, set[str]]:
        """word -> the capitalised words that come right before it somewhere (for the
        `wanted` words)."""
        before: dict[str, set[str]] = defaultdict(set)
        for prev, t in zip(words, words[1:], strict=False):
            if t.text in wanted and t.start - prev.end <= 2:
                before[t.text].add(prev.text)
        return before


class _Facts:
    """What one article tells about its capitalised words, with their frequency and
    dictionary facts (looked up in one batch)."""

    def __init__(self, lex, forms: set[str], counts, doc) -> None:
        self.counts = counts  # word -> occurrences
        self._doc = doc
        keys = {f.lower() for f in forms}
        lex.prefetch(keys)
        self._zipf = lex.zipf(keys)
        self._dict = lex.dictionary(keys)
        self._gaz = lex.proper(keys)

    @property
    def inner(self):
        """word -> occurrences not at the start of a sentence (worked out when asked)."""
        return inner_capital_counts(self._doc)

    def zipf(self, form: str) -> float:
        return self._zipf.get(form.lower(), 0.0)

    def known(self, form: str) -> bool:
        """A dictionary word (any case) or a gazetteer word."""
        key = form.lower()
        return key in self._dict or key in self._gaz

    def common_word(self, form: str) -> bool:
        """An everyday lower-case word (capitalised only because a sentence starts with it)."""
        entry = self._dict.get(form.lower())
        return entry is not None and entry[0] and self.zipf(form) >= 3.0

    def score(self, form: str) -> float:
        """How established a spelling is: frequency, plus a bonus for dictionary words."""
        return self.zipf(form) + (2.0 if self.known(form) else 0.0)


_INITIAL = re.compile(r"(?:^|[\s(\[])([A-Z])\.? ?$")


def _initials_before(text: str, words: list[Token]) -> dict[str, set[str]]:
    """word -> the initials written right before it somewhere ("Y Delaigue", "J. Smith")."""
    out: dict[str, set[str]] = defaultdict(set)
    for t in words:
        m = _INITIAL.search(text, max(0, t.start - 4), t.start)
        if m:
            out[t.text].add(m[1])
    return out


def _fold(word: str) -> str:
    """The word without accents: Papé -> pape."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", word.lower())
                   if not unicodedata.combining(c))


_Table = dict[str, str]
# the authority table's layout: change it whenever _build_authority's tables change shape
_CACHE_FORMAT = "names.authority.3"
_TABLES = ("people", "given", "surnames")  # name word -> person; surname -> given names;
# deletion key -> surnames (space-separated)
_AUTHORITY_MEMO = 100_000  # answers remembered per table before the memo starts afresh


class _Authority:
    """The names authority of a set of people files, in an SQLite file in editlint's cache
    (built at first use, rebuilt when a file changes), looked up word by word: an article
    needs a handful of its entries, and a process memoises what it has asked."""

    def __init__(self, db: sqlite3.Connection, path: Path | None, key: str = "") -> None:
        self._db = db
        self._path = path  # None: in memory
        self._key = key  # the version of the files it was built from
        self._lock = threading.Lock()
        self._memo: dict[str, dict[str, str | None]] = {t: {} for t in _TABLES}
        # each table's rows by hash, once preload read them (see _rows.table_rows):
        # lookups then read them rather than ask SQLite
        self._rows: dict[str, tuple] = {}

    def preload(self) -> None:
        """Map each table's rows into memory from a file in editlint's cache folder (~0.1
        ms; made when the folder lacks it for this authority): a cold worker's lookups then
        cost no SQLite statement. Not for an authority without a file of its own."""
        if self._rows or self._path is None:
            return
        for table in _TABLES:
            def read(table: str = table) -> list[tuple]:
                with self._lock:
                    return self._db.execute(f"SELECT k, v FROM {table}").fetchall()

            rows = table_rows(f"names-{table}", f"{self._key}\x1f{table}", read, _entry)
            if rows is None:
                self._rows = {}
                return
            self._rows[table] = rows

    def reopen(self) -> None:
        """A connection of this process's own (after a fork: SQLite connections must not
        be shared with the parent). An in-memory table was copied with the process."""
        if self._path is not None:
            self._db = open_readonly(self._path)
        self._lock = threading.Lock()

    def people(self, words) -> _Table:
        """Known name words among `words` -> the person each belongs to."""
        return self._lookup("people", words)

    def given(self, surnames) -> _Table:
        """Known surnames among these -> their given names, space-separated."""
        return self._lookup("given", surnames)

    def surnames(self, keys) -> _Table:
        """Deletion keys among these that known surnames have -> the surnames."""
        return self._lookup("surnames", keys)

    def prefetch(self, words, keys) -> None:
        """Look these name words up in `people` and these deletion keys in `surnames` in one
        query (people() and surnames() then answer from the memo): an article's new rare
        words cost one query, not two. Only a speed-up: those answer the same without it."""
        if self._rows:
            return  # the lookups read the rows in memory
        wanted = [[k for k in set(words) if k not in self._memo["people"]],
                  [k for k in set(keys) if k not in self._memo["surnames"]]]
        if not wanted[0] or not wanted[1]:
            return  # one table's lookup is one query anyway
        joined = "".join(wanted[0]) + "".join(wanted[1])
        if '"' in joined or "\\" in joined or not joined.isprintable():
            return  # the keys would not make plain JSON strings: the lookups will ask
        arrays = ['["' + '","'.join(ks) + '"]' for ks in wanted]
        memos = [self._memo["people"], self._memo["surnames"]]
        for memo, ks in zip(memos, wanted, strict=True):
            if len(memo) + len(ks) > _AUTHORITY_MEMO:
                memo.clear()
        with self._lock:
            try:
                rows = self._db.execute(_PREFETCH, arrays).fetchall()
            except sqlite3.Error:  # an SQLite without json_each
                return
        for memo, ks in zip(memos, wanted, strict=True):
            memo.update(dict.fromkeys(ks))
        for table, k, v in rows:
            memos[table][k] = v

    def _lookup(self, table: str, keys) -> _Table:
        memo = self._memo[table]
        missing = [k for k in set(keys) if k not in memo]
        if missing:
            if len(memo) + len(missing) > _AUTHORITY_MEMO:
                memo.clear()
                missing = list(set(keys))
            rows = self._rows.get(table)
            if rows is not None:
                memo.update(in_rows(rows, missing, _text))
                return {k: v for k in keys if (v := memo.get(k)) is not None}
            memo.update(dict.fromkeys(missing))
            with self._lock:
                for i in range(0, len(missing), 900):
                    chunk = missing[i:i + 900]
                    memo.update(self._db.execute(
                        f"SELECT k, v FROM {table} WHERE k IN ({','.join('?' * len(chunk))})",
                        chunk))
        return {k: v for k in keys if (v := memo.get(k)) is not None}


# _Authority.prefetch: people rows (0) and surnames rows (1) of two JSON arrays of keys
_PREFETCH = ("SELECT 0, t.k, t.v FROM json_each(?1) AS j CROSS JOIN people AS t ON t.k = j.value "
             "UNION ALL "
             "SELECT 1, t.k, t.v FROM json_each(?2) AS j CROSS JOIN surnames AS t "
             "ON t.k = j.value")
_AUTHORITIES: dict[str, _Authority] = {}  # one per version of the files, per process


def _entry(row: tuple[str, str]) -> bytes | None:
    """An authority row's entry in its table's rows (see _Authority.preload)."""
    return row[1].encode("utf-8", "surrogatepass") if type(row[1]) is str else None


def _text(entry: bytes) -> str:
    return entry.decode("utf-8", "surrogatepass")


def _authority(files: list[Path], min_length: int, lex, lex_path: Path) -> _Authority:
    """The authority of these people files, from editlint's cache when it holds the current
    version (its key: the files' and the lexicon's paths, sizes and times, and min_length),
    else built and stored there (in memory when there is no cache folder)."""
    from editlint import __version__

    try:
        stamps = [f"{os.path.abspath(p)}:{(st := os.stat(p)).st_size}:{st.st_mtime_ns}"
                  for p in [*files, lex_path]]
    except OSError:
        stamps = None  # a missing file: building names it in its error
    key = "\x1f".join([_CACHE_FORMAT, __version__, str(min_length), *(stamps or ["?"])])
    found = _AUTHORITIES.get(key)
    if found is None:
        def build() -> tuple[_Table, _Table, _Table]:
            return _build_authority(files, min_length, lex)

        found = _AUTHORITIES[key] = _Authority(*_authority_db(key, stamps is not None, build),
                                               key)
    return found


def _after_fork() -> None:
    for authority in _AUTHORITIES.values():
        authority.reopen()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork)


def _authority_db(key: str, cacheable: bool, build) -> tuple[sqlite3.Connection, Path | None]:
    """A read-only connection to the cached authority file for `key` (built when missing or
    stale) and its path; an in-memory database when there is no usable cache folder."""
    from editlint.cache import cache_dir

    folder = cache_dir() if cacheable else None
    if folder is not None:
        raw = key.encode("utf-8", "surrogatepass")
        path = folder / f"names-{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}.sqlite"
        try:
            db = _open_authority(path, key)
            if db is not None:
                return db, path
            folder.mkdir(parents=True, exist_ok=True)
            import tempfile  # only when building: its import costs start-up time

            fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
            os.close(fd)
            try:
                out = sqlite3.connect(tmp)
                try:
                    _write_authority(out, key, build())
                finally:
                    out.close()
                os.replace(tmp, path)  # atomic: another process may be building it too
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
            from editlint.cache import keep_newest

            keep_newest(path, "names-*.sqlite")
            db = _open_authority(path, key)
            if db is not None:
                return db, path
        except (OSError, sqlite3.Error):
            pass  # no usable cache: build in memory
    db = sqlite3.connect(":memory:", check_same_thread=False)
    _write_authority(db, key, build())
    return db, None


def _open_authority(path: Path, key: str) -> sqlite3.Connection | None:
    """The cached authority at `path` if it is there and was built for `key`. It is only
    ever replaced whole (os.replace), and an open connection keeps reading the file it
    opened."""
    if not path.is_file():
        return None
    db = open_readonly(path)
    try:
        row = db.execute("SELECT v FROM meta WHERE k = 'key'").fetchone()
    except sqlite3.Error:
        row = None  # damaged, or another kind of file: rebuild it
    if row is None or row[0] != key:
        db.close()
        return None
    return db


def _write_authority(db: sqlite3.Connection, key: str,
                     tables: tuple[_Table, _Table, _Table]) -> None:
    with db:
        db.execute("CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL) WITHOUT ROWID")
        for name, table in zip(_TABLES, tables, strict=True):
            db.execute(f"CREATE TABLE {name} (k TEXT PRIMARY KEY, v TEXT NOT NULL) WITHOUT ROWID")
            db.executemany(f"INSERT INTO {name} VALUES (?, ?)", table.items())
        db.execute("INSERT INTO meta VALUES ('key', ?)", (key,))


def _build_authority(files: list[Path], min_length: int,
                     lex) -> tuple[_Table, _Table, _Table]:
    known: dict[str, str] = {}  # name word -> the person it belongs to
    given: dict[str, set[str]] = defaultdict(set)  # surname -> given names
    # near misses are looked for among surnames only: given names (Bart, Jacob, Paul)
    # are shared by too many people to tell a slip from someone else
    surnames: set[str] = set()
    mononyms: set[str] = set()  # people known by one name
    for path in files:
        for person, spellings in _read_people(path):
            _add_person(person, spellings, known, given, surnames, mononyms)
    # a one-word name that is also a word or a place (Prince, Madonna, Jordan) is no
    # near-miss target: its neighbours are words, not the person
    keys = {m.lower() for m in mononyms}
    common = set(lex.dictionary(keys)) | set(lex.proper(keys))
    surnames.update(m for m in mononyms if m.lower() not in common)
    index: dict[str, list[str]] = defaultdict(list)
    for word in sorted(surnames):
        if len(word) >= min_length:
            for key in deletes1(word.lower()):
                index[key].append(word)
    return (known, {k: " ".join(sorted(v)) for k, v in given.items()},
            {k: " ".join(v) for k, v in index.items()})


def _add_person(person: str, spellings: list[str], known: dict[str, str],
                given: dict[str, set[str]], surnames: set[str], mononyms: set[str]) -> None:
    # the spelling without its accents is accepted too (Arsène / Arsene Wenger): news
    # copy often drops them, and an accent is no misspelling
    spellings = list(dict.fromkeys(spellings + [_plain(s) for s in spellings]))
    for spelling in spellings:
        words = [w for w in spelling.replace("-", " ").split()
                 if w[:1].isupper() and w.lower().strip(".") not in _PARTICLES]
        for w in words:
            known.setdefault(w, person)
        while words and words[-1].strip(".") in _SUFFIXES:
            words = words[:-1]  # Ferdinand Marcos Jr: the surname is Marcos
        while words and words[0] in _HONOURS:
            words = words[1:]  # King Charles III, Prince William: no surname at all
        after_particle = bool(words) and _after_particle(spelling, words[-1])
        if len(words) >= 2 and " of " not in f" {spelling} " and \
                not (after_particle and len(words[-1]) < _MIN_PARTICLE_SURNAME):
            # nor Henri of Luxembourg; nor a short word after a particle (del Toro,
            # van der Sar): alone it is a word of its language, not the name
            surnames.add(words[-1])
        elif len(words) == 1 == len(spelling.split()) and len(words[0]) >= _MIN_MONONYM:
            mononyms.add(words[0])  # known by one name: Ronaldinho, Shakira
        if len(words) >= 2:
            given[words[-1]].update(words[:-1])


def _after_particle(spelling: str, surname: str) -> bool:
    """Whether the surname comes right after a particle in the name (Guillermo del Toro)."""
    raw = spelling.replace("-", " ").split()
    at = len(raw) - 1 - raw[::-1].index(surname) if surname in raw else 0
    return at > 0 and raw[at - 1].lower().strip(".") in _PARTICLES


def _plain(text: str) -> str:
    """The text without accents, case kept: Arsène Wenger -> Arsene Wenger."""
    if text.isascii():
        return text
    import unicodedata

    return unicodedata.normalize("NFC", "".join(
        c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)))


def _times(n: int) -> str:
    return "once" if n == 1 else "twice" if n == 2 else f"{n} times"


def _titles_roster() -> Path | None:
    from editlint.engine import builtin_rules_dir

    try:
        path = builtin_rules_dir() / "titles" / "data" / "roster.yaml"
    except Exception:  # noqa: BLE001 - no built-in rules: no roster
        return None
    return path if path.is_file() else None


def _read_people(path: Path) -> list[tuple[str, list[str]]]:
    """(canonical name, [all accepted spellings]) for each person of a people file.

    Tolerant: the roster is written by another pack and may grow fields; anything that is
    not a person with a string `name` is skipped rather than failing the run. People files
    are read by a line scanner (a full YAML parse of a 1,500-line roster costs ~80 ms on
    every run); anything it does not understand sends the file to the YAML parser.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"cannot read people file {path}: {exc}") from None
    fast = _scan_people(text)
    if fast is not None:
        return fast
    from editlint import yamlio

    try:
        # the fast loader when there is one, else the positional loader (slower)
        data = yamlio.load_plain(text) if hasattr(yamlio, "load_plain") else \
            yamlio.load_text(text).data
    except yamlio.YamlSyntaxError as exc:
        raise ValueError(f"cannot read people file {path}: {exc}") from None
    people = data.get("people") if isinstance(data, dict) else None
    out = []
    for item in people or []:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            continue
        variants = item.get("variants") or []
        spellings = [item["name"]] + [v for v in variants if isinstance(v, str)]
        out.append((item["name"], spellings))
    return out


_BLOCK_PERSON = re.compile(r"^(\s*)-\s+name:\s*(.*?)\s*$")
_FLOW_PERSON = re.compile(r"^(\s*)-\s*\{(.*)\}\s*$")
_VARIANTS = re.compile(r"^\s+variants:\s*\[(.*)\]\s*$")
_FLOW_NAME = re.compile(r"(?:^|,)\s*name:\s*(\"[^\"]*\"|'[^']*'|[^,\[\]{}]+)")
_FLOW_VARIANTS = re.compile(r"(?:^|,)\s*variants:\s*\[([^\]]*)\]")
_ITEM = re.compile(r"\"([^\"]*)\"|'([^']*)'|([^,]+)")


def _scan_people(text: str) -> list[tuple[str, list[str]]] | None:
    """The people of a simply written file (block items `- name: X` with `variants: [...]`,
    or flow items `- {name: X, variants: [...]}`), or None when the file is written in a
    way this scanner does not cover."""
    out: list[tuple[str, list[str]]] = []
    in_people = False
    item_indent: int | None = None  # the indentation of the people list's dashes
    current: list[str] | None = None
    for raw in text.splitlines():
        line = _strip_comment(raw)
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        if indent == 0:
            in_people = line.rstrip() == "people:"
            current = None
            continue
        if not in_people:
            continue
        if item_indent is None and line.lstrip().startswith("-"):
            item_indent = indent
        if indent == item_indent:
            m = _FLOW_PERSON.match(line)
            if m:
                name = _FLOW_NAME.search(m[2])
                if name is None:
                    return None
                spellings = [_unquote(name[1])]
                variants = _FLOW_VARIANTS.search(m[2])
                if variants:
                    spellings += _items(variants[1])
                out.append((spellings[0], spellings))
                current = None
                continue
            m = _BLOCK_PERSON.match(line)
            if m is None or not m[2] or m[2][:1] in "[{|>&*!":
                return None  # an item this scanner does not read: let YAML read the file
            current = [_unquote(m[2])]
            out.append((current[0], current))
        elif line.lstrip().startswith("variants:") and current is not None and \
                item_indent is not None and indent == item_indent + 2:
            m = _VARIANTS.match(line)
            if m is None:
                return None  # a block list or something else: let YAML read it
            current.extend(_items(m[1]))
    return out or None


def _strip_comment(line: str) -> str:
    if "#" not in line:
        return line
    quote = None
    for i, c in enumerate(line):
        if quote:
            if c == quote:
                quote = None
        elif c in "\"'":
            quote = c
        elif c == "#" and (i == 0 or line[i - 1].isspace()):
            return line[:i].rstrip()
    return line


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _items(body: str) -> list[str]:
    return [v for m in _ITEM.finditer(body) if (v := (m[1] or m[2] or m[3] or "").strip())]
