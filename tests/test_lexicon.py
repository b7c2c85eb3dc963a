"""The lexicon's faster paths answer as the plain ones do."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editlint.kinds._lexicon import (
    DEFAULT_PATH,
    Lexicon,
    _is_own_edit,
    _letters,
    edits1_keeping_first,
    get_lexicon,
)

WORDS = ["goverment", "rusia", "staet", "pepole", "takiachi", "cafe", "naive", "élan", "dont",
         "the", "thé", "zoë", "ßa", "aab", "ab", "polititian", "recieve", "wich"]


@pytest.mark.parametrize("at_least", [4.0, 4.5, 5.0, 6.0])
def test_frequent_neighbours_are_the_common_words_among_the_edits(at_least):
    lex = get_lexicon()
    common = lex._common
    for word in WORDS:
        expected = {w: common[w] for w in edits1_keeping_first(word)
                    if w in common and common[w] >= at_least}
        assert lex._frequent_near(word, at_least) == expected, word


def test_near_remembers_the_least_zipf_it_was_asked_for():
    lex = Lexicon()
    high = lex.near("goverment", 6.0)
    low = lex.near("goverment", 4.1)  # asked again for more: not the answer kept for 6.0
    assert set(high) <= set(low)
    assert {w: z for w, z in low.items() if z >= 6.0} == \
        {w: z for w, z in high.items() if z >= 6.0}


def test_one_statement_and_a_list_of_keys_answer_alike():
    json, plain = Lexicon(), Lexicon()
    plain._json = False  # as on an SQLite without json_each
    keys = ["the", "government", "qzxqzx", "café", "london", "russia", "rusia", "d'arcy"]
    assert json.zipf(keys) == plain.zipf(keys)
    assert json.dictionary(keys) == plain.dictionary(keys)
    assert json.proper(keys) == plain.proper(keys)
    assert json.rare_words(keys) == plain.rare_words(keys)
    assert json.near("goverment") == plain.near("goverment")
    assert json.oddness(["strchan", "strachan"]) == plain.oddness(["strchan", "strachan"])


def test_prefetch_leaves_a_key_json_would_escape_to_the_lookups():
    fetched = Lexicon()
    fetched.prefetch(['say "hi"'])
    assert fetched.zipf(['say "hi"']) == {'say "hi"': 0.0}


def _in_child(_):
    from editlint.kinds._lexicon import get_lexicon

    lex = get_lexicon()
    return id(lex._db), lex.zipf(["government", "qzxqzx", "takaichi"])


def test_a_forked_worker_has_its_own_connection():
    multiprocessing = pytest.importorskip("multiprocessing")
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork here")
    lex = get_lexicon()
    expected = lex.zipf(["government", "qzxqzx", "takaichi"])
    with multiprocessing.get_context("fork").Pool(1) as pool:
        child_db, found = pool.map(_in_child, [0])[0]
    assert found == expected
    assert child_db != id(lex._db)  # reopened in the child (os.register_at_fork)


def test_capitalised_forms_are_those_of_their_keys():
    """The spelling kind relies on it: a suggestion made from a gazetteer or dictionary form
    is a word one edit from the suspect, so the article's having it makes the two twins."""
    db = get_lexicon()._db
    for table in ("proper", "dictionary"):
        bad = [(k, f) for k, f in db.execute(f"SELECT key, form FROM {table} WHERE form != ''")
               if f.lower() != k]
        assert bad == [], (table, bad[:5])


def _plain_near(lex: Lexicon, word: str) -> dict[str, float]:
    """near(word) the plain way: every edit looked up."""
    rows = lex._query("SELECT word, zipf FROM words WHERE word IN ({})",
                      sorted(edits1_keeping_first(word)))
    return {w: z / 100 for w, z in rows if z > 0}


def test_the_deletion_index_finds_the_neighbours_every_edit_finds():
    """On thousands of words and slips: the index gives every neighbour it files (zipf over
    index.below, or any when the word is long) with its zipf, and nothing that is not one."""
    import random

    lex = Lexicon()
    index = lex._read_index()
    assert index, "lexicon.sqlite has no deletion index: run scripts/build_data.py"
    rng = random.Random(9)
    known = [w for (w,) in lex._db.execute("SELECT word FROM words")]
    words = rng.sample(known, 1500) + WORDS

    def slip(w: str) -> str:
        i = rng.randrange(len(w))
        return w[:i] + rng.choice("abcdefghijklmnopqrstuvwxyzéß'") + w[i + 1:]

    words += [slip(w) for w in rng.sample(known, 1500)]
    words += [w[:1] + w[2:] + w[1:2] for w in rng.sample(known, 300) if len(w) > 2]
    for word in words:
        plain = _plain_near(lex, word)
        found = lex._indexed_near(word, index)
        filed = {w: z for w, z in plain.items() if z > index.below
                 or len(word) > index.long_length}
        assert {w: z for w, z in found.items() if w in filed} == filed, word
        assert all(plain.get(w) == z for w, z in found.items()), word


def test_near_asks_the_index_only_for_what_it_files():
    lex = Lexicon()
    index = lex._read_index()
    assert lex.near("takiachi", index.below + 0.001).items() <= \
        _plain_near(lex, "takiachi").items()
    assert "takiachi" in lex._near_indexed and "takiachi" not in lex._near
    lex.near("takiachi", 0.0)  # rarer words asked for: every edit is looked up
    assert lex._near["takiachi"] == _plain_near(lex, "takiachi")
    long = "mcconnaughey"  # longer than long_length: every neighbour is filed
    assert lex.near(long, 0.0) == _plain_near(lex, long)
    assert long in lex._near_indexed


@pytest.mark.parametrize("at_least", [0.0, 2.0, 4.0, 5.0])
def test_gazetteer_neighbours_are_those_of_near(at_least):
    lex = get_lexicon()
    places = [k for (k,) in lex._db.execute("SELECT key FROM proper ORDER BY key LIMIT 400")]
    for word in WORDS + places + [p[:1] + p[2:] for p in places] + [p + "s" for p in places]:
        near = lex.near(word)
        gazetteer = lex.proper(near)
        assert lex.near_proper(word, at_least) == \
            {w: z for w, z in near.items() if w in gazetteer and z >= at_least}, word


def test_gazetteer_neighbours_from_data_without_their_table(tmp_path):
    import shutil
    import sqlite3

    copy = tmp_path / "lexicon.sqlite"
    shutil.copy(DEFAULT_PATH, copy)
    with sqlite3.connect(copy) as db:
        db.execute("DROP TABLE known_places")
    assert Lexicon(copy).near_proper("rusia", 0.0) == get_lexicon().near_proper("rusia", 0.0)


def test_the_common_words_read_by_zipf_are_the_common_table(tmp_path):
    import shutil
    import sqlite3

    lex = get_lexicon()
    table = dict(lex._db.execute("SELECT word, zipf / 100.0 FROM common"))
    assert lex.common == table
    # the order _frequent_near sorts them in (most frequent first, then by word)
    assert sorted(lex.common.items(), key=lambda wz: -wz[1]) == \
        sorted(table.items(), key=lambda wz: -wz[1])
    copy = tmp_path / "lexicon.sqlite"
    shutil.copy(DEFAULT_PATH, copy)
    with sqlite3.connect(copy) as db:
        db.execute("DROP TABLE common_by_zipf")
    assert Lexicon(copy).common == table


def test_the_band_read_whole_gives_the_zipf_the_queries_give(tmp_path):
    import shutil
    import sqlite3

    band = Lexicon()
    band._read_band()
    words = [w for (w,) in band._db.execute(
        "SELECT word FROM words WHERE zipf >= 280 AND zipf < 420 ORDER BY word")]
    assert len(band._zipf) > 20_000
    assert band.zipf(words) == Lexicon().zipf(words)
    asked = Lexicon()
    for i in range(0, 3000, 50):  # a long run reads the band once it has asked enough
        asked.zipf(words[i:i + 50])
    assert asked._asked is None and len(asked._zipf) > 20_000
    copy = tmp_path / "lexicon.sqlite"
    shutil.copy(DEFAULT_PATH, copy)
    with sqlite3.connect(copy) as db:
        db.execute("DROP TABLE band_by_zipf")
    old = Lexicon(copy)
    old._read_band()  # data without the table: every word is still looked up
    assert old.zipf(words) == Lexicon().zipf(words)


def test_preload_reads_what_a_long_run_reads_and_answers_alike():
    loaded, plain = Lexicon(), Lexicon()
    loaded.preload()
    assert loaded._asked is None and loaded._places is not None and loaded._index
    words = ["the", "goverment", "rusia", "takiachi", "mcconnaughey", "qzxqzx", "chian"]
    assert loaded.zipf(words) == plain.zipf(words)
    for word in words:
        assert loaded.near(word, 2.5) == plain.near(word, 2.5)
        assert loaded.near_proper(word, 1.0) == plain.near_proper(word, 1.0)
    queries = []
    loaded._db.set_trace_callback(queries.append)
    loaded.preload()  # once is enough
    assert queries == []


def test_frequent_gives_the_words_held_and_says_when_they_are_all():
    lex = Lexicon()
    table = dict(lex._db.execute("SELECT word, zipf / 100.0 FROM words WHERE zipf >= 250"))
    # before the band is read: the everyday words only, all of them from their least zipf
    least = min(lex.common.values())
    assert lex.frequent(least) == ({w for w, z in table.items() if z >= least}, True)
    words, complete = lex.frequent(3.0)
    assert words == set(lex.common) and not complete
    lex.preload()
    for at_least in (3.0, 3.27, 4.0, 5.5):
        assert lex.frequent(at_least) == ({w for w, z in table.items() if z >= at_least}, True)
    words, complete = lex.frequent(2.99)
    assert words == {w for w, z in table.items() if z >= 3.0} and not complete


@given(st.text(alphabet="aabz-'.éß9 ", max_size=6))
def test_a_word_is_its_own_edit_as_edits1_keeping_first_makes_it(word):
    assert _is_own_edit(word, _letters(word)) == (word in edits1_keeping_first(word))


def test_the_gazetteer_keys_read_whole_give_the_hits_the_lookups_give(tmp_path):
    import shutil
    import sqlite3

    loaded, plain = Lexicon(), Lexicon()
    loaded.preload()
    keys = {k for (k,) in plain._db.execute("SELECT key FROM proper")}
    assert loaded._proper_keys == keys
    words = sorted(keys)[::7] + ["russia", "rusia", "london", "goverment", "the", "qzxqzx"]
    assert loaded.proper(words) == plain.proper(words) and len(plain.proper(words)) > 800
    fresh = Lexicon()
    fresh.preload()
    fresh.prefetch(words)
    assert fresh.proper(words) == plain.proper(words)
    assert set(fresh._proper) <= keys  # the other words were never asked
    copy = tmp_path / "lexicon.sqlite"
    shutil.copy(DEFAULT_PATH, copy)
    with sqlite3.connect(copy) as db:  # a key holding the separator: read row by row
        db.execute("INSERT INTO proper VALUES ('new\nline', 'New\nLine', 'city')")
    assert Lexicon(copy)._read_proper_keys() == keys | {"new\nline"}


@pytest.fixture(params=[True, False], ids=["cache", "no cache"])
def cache(request, tmp_path, monkeypatch) -> bool:
    """Is there a disk cache (a fresh one in tmp_path)?"""
    if request.param:
        monkeypatch.setenv("EDITLINT_CACHE_DIR", str(tmp_path))
    else:
        monkeypatch.setenv("EDITLINT_NO_CACHE", "1")
    return request.param


def test_the_dictionary_names_read_whole_are_those_the_lookups_find(cache):
    plain = Lexicon()
    db = plain._db
    keys = [k for (k,) in db.execute("SELECT key FROM dictionary WHERE key GLOB 'b*'")]
    keys += [w for (w,) in db.execute("SELECT word FROM common")] + ["qzxqzx", "mr", "sidney"]
    expected = {k for k, (lower, form) in plain.dictionary(keys).items() if form and not lower}
    assert plain.names_only(keys) == expected and len(expected) > 500
    for _ in range(2):  # the second from the disk cache, when there is one
        loaded = Lexicon()
        loaded.preload()  # maps the dictionary's rows, when there is a cache folder
        assert (loaded._dictionary_rows is not None) == cache
        assert loaded.names_only(keys) == expected


@pytest.mark.parametrize("tables", [(1, 0, 0), (0, 1, 0), (0, 0, 1), (1, 1, 0), (1, 0, 1),
                                    (0, 1, 1), (1, 1, 1)])
def test_prefetch_fills_the_memos_of_its_tables_with_what_the_lookups_find(tables):
    keys = ["the", "government", "goverment", "qzxqzx", "café", "london", "russia", "rusia",
            "faming", "smith", "thailand"]
    plain, fetched = Lexicon(), Lexicon()
    fetched.prefetch(keys, *map(bool, tables))  # one statement (prefetch_tables)
    queries = []
    fetched._db.set_trace_callback(queries.append)
    assert fetched.zipf(keys) == plain.zipf(keys)
    assert fetched.dictionary(keys) == plain.dictionary(keys)
    assert fetched.rare_words(keys) == plain.rare_words(keys)
    assert fetched.proper(keys) == plain.proper(keys)
    assert len(queries) == 3 - sum(tables)  # one lookup for each table not prefetched


def test_the_deletion_rows_read_whole_are_those_the_statements_read(tmp_path, cache):
    plain = Lexicon()
    buckets = plain._read_index().buckets
    wanted = set(range(0, buckets, 5)) | {0, buckets - 1}
    by_statement = plain._bucket_rows(wanted)
    for _ in range(2):  # the second from the disk cache, when there is one
        loaded = Lexicon()
        loaded.preload()
        assert (loaded._deletes is not None) == cache
        rows = loaded._bucket_rows(wanted)
        assert {b: e for b, e in rows.items() if e} == by_statement  # "" for an empty row
        assert len(by_statement) > buckets // 6 and not rows.keys() - wanted
        for word in ["goverment", "takiachi", "mcconnaughey", "élysée", "strchan", "qzxqzx",
                     "govenrment", "departmnet", "loondon", "thialand"]:
            for at_least in (2.0, 1.0):  # from the index; from it for the long words only
                # (near may answer more than asked: the candidates asked for must agree)
                assert {w: z for w, z in loaded.near(word, at_least).items() if z >= at_least} \
                    == {w: z for w, z in plain.near(word, at_least).items() if z >= at_least}
    for damage in (b"", b"\x05\x00\x00\x00other", None):  # empty, another's, cut short
        for made in tmp_path.glob("lexicon-deletes-*.bin"):
            made.write_bytes(made.read_bytes()[:-1] if damage is None else damage)
        again = Lexicon()
        again._read_deletes()  # made anew
        assert (again._deletes is not None) == cache and again._bucket_rows(wanted) == rows


def test_the_word_rows_read_whole_answer_as_the_statements(tmp_path, cache):
    """zipf(), dictionary(), rare_words(), proper(), oddness() and prefetch() from the
    words, dictionary, gazetteer, trigram and bigram tables' rows in memory (once preload read them) answer as the
    SQLite statements: every key of the tables, and keys they lack."""
    plain = Lexicon()
    words = [w for (w,) in plain._db.execute("SELECT word FROM words")]
    keys = [k for (k,) in plain._db.execute("SELECT key FROM dictionary")]
    places = [k for (k,) in plain._db.execute("SELECT key FROM proper")] + keys[::50]
    absent = ["qzxqzx", "takiachi", "élyséee", "x", "don't", "ǅ", "a\x1fb", "a\nb", ""]
    expected = plain.zipf(words + absent)
    entries = (plain.dictionary(keys + absent), plain.rare_words(keys + absent))
    gazetteer = plain.proper(places + absent)
    odd = plain.oddness(words[::13] + absent)  # from the letter-trigram and bigram tables
    some = absent + words[::97] + keys[::89]
    sample = set(keys[::29] + absent)
    for _ in range(2):  # the second from the disk cache, when there is one
        loaded = Lexicon()
        loaded.preload()
        assert (loaded._word_rows is not None) == (loaded._dictionary_rows is not None) == \
            (loaded._proper_rows is not None) == cache
        queries = []
        loaded._db.set_trace_callback(queries.append)
        assert loaded.zipf(words + absent) == expected
        assert (loaded.dictionary(keys + absent), loaded.rare_words(keys + absent)) == entries
        assert loaded.proper(places + absent) == gazetteer
        assert loaded.oddness(words[::13] + absent) == odd
        fetched = Lexicon()
        fetched.preload()
        fetched._db.set_trace_callback(queries.append)
        fetched.prefetch(some + places[::7])  # from the rows: no statement either
        assert fetched.zipf(some) == plain.zipf(some)
        assert fetched.dictionary(some) == plain.dictionary(some)
        assert fetched.proper(some + places[::7]) == plain.proper(some + places[::7])
        assert not queries or not cache  # no statement: the rows answered
    for damage in (b"", b"\x05\x00\x00\x00other", None):  # empty, another's, cut short
        for made in tmp_path.glob("lexicon-*.bin"):
            made.write_bytes(made.read_bytes()[:-1] if damage is None else damage)
        again = Lexicon()
        again._read_word_rows()  # made anew
        assert (again._word_rows is not None) == (again._proper_rows is not None) == cache
        assert again.proper(places[::3]) == {k: v for k, v in gazetteer.items()
                                             if k in set(places[::3])}
        assert again.zipf(words[::31] + absent) == {w: expected[w] for w in words[::31] + absent}
        assert again.dictionary(sample) == {k: v for k, v in entries[0].items() if k in sample}
