"""The names authority is an SQLite table in editlint's cache, looked up word by word: it
answers as the tables it is built from, is built once per version of the people files, and
works without a cache folder too."""

from __future__ import annotations

import os

import pytest

from editlint.kinds import names as N
from editlint.kinds._lexicon import DEFAULT_PATH, get_lexicon

PEOPLE = """\
people:
  - name: Andrii Sybiha
    variants: [Andriy Sybiha]
  - {name: Volodymyr Zelensky, variants: [Volodymyr Zelenskyy]}
  - name: Arsène Wenger
  - name: Jonny Wilkinson
  - name: Howard Wilkinson
"""


@pytest.fixture
def people(tmp_path, monkeypatch):
    monkeypatch.setenv("EDITLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("EDITLINT_NO_CACHE", raising=False)
    monkeypatch.setattr(N, "_AUTHORITIES", {})  # as in a new process
    path = tmp_path / "people.yaml"
    path.write_text(PEOPLE, encoding="utf-8")
    return path


def _authority(path):
    return N._authority([path], 4, get_lexicon(), DEFAULT_PATH)


def test_the_authority_answers_as_its_tables(people):
    known, given, index = N._build_authority([people], 4, get_lexicon())
    auth = _authority(people)
    assert auth.people([*known, "Nobody"]) == known
    assert auth.given([*given, "Nobody"]) == given
    assert auth.surnames([*index, "zzz"]) == index
    assert auth.people(["Sybiha"]) == {"Sybiha": "Andrii Sybiha"}
    assert auth.given(["Wilkinson"]) == {"Wilkinson": "Howard Jonny"}
    assert "Sybiha" in auth.surnames(["sybiha"])["sybiha"].split()


def test_built_once_then_read_from_the_cache(people, monkeypatch):
    _authority(people)
    files = list((people.parent / "cache").glob("names-*.sqlite"))
    assert len(files) == 1
    monkeypatch.setattr(N, "_AUTHORITIES", {})

    def no_build(*args):
        raise AssertionError("the cached authority should have been read")

    monkeypatch.setattr(N, "_build_authority", no_build)
    assert _authority(people).people(["Zelenskyy"]) == {"Zelenskyy": "Volodymyr Zelensky"}


def test_a_changed_people_file_is_built_again(people, monkeypatch):
    _authority(people)
    monkeypatch.setattr(N, "_AUTHORITIES", {})
    people.write_text(PEOPLE + "  - name: Steve Witkoff\n", encoding="utf-8")
    os.utime(people, ns=(1, 1))  # another version, whatever the clock's resolution
    assert _authority(people).people(["Witkoff"]) == {"Witkoff": "Steve Witkoff"}


def test_a_damaged_cache_file_is_built_again(people, monkeypatch):
    _authority(people)
    monkeypatch.setattr(N, "_AUTHORITIES", {})
    for path in (people.parent / "cache").glob("names-*.sqlite"):
        path.write_bytes(b"not a database")
    assert _authority(people).people(["Sybiha"]) == {"Sybiha": "Andrii Sybiha"}


def test_without_a_cache_folder_it_is_built_in_memory(people, monkeypatch):
    monkeypatch.setenv("EDITLINT_NO_CACHE", "1")
    assert _authority(people).people(["Wenger", "Arsene"]) == {
        "Wenger": "Arsène Wenger", "Arsene": "Arsène Wenger"}
    assert not (people.parent / "cache").exists()


def test_a_missing_people_file_is_named(tmp_path, monkeypatch):
    monkeypatch.setattr(N, "_AUTHORITIES", {})
    with pytest.raises(ValueError, match="missing.yaml"):
        _authority(tmp_path / "missing.yaml")


def _people_in_child(words):
    return [a.people(words) for a in N._AUTHORITIES.values()]


@pytest.mark.parametrize("cache", [True, False])
def test_a_forked_worker_reads_the_authority(people, monkeypatch, cache):
    multiprocessing = pytest.importorskip("multiprocessing")
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork here")
    if not cache:
        monkeypatch.setenv("EDITLINT_NO_CACHE", "1")
    _authority(people).people(["Sybiha"])
    with multiprocessing.get_context("fork").Pool(1) as pool:
        found = pool.map(_people_in_child, [["Sybiha", "Wenger", "Nobody"]])[0]
    assert found == [{"Sybiha": "Andrii Sybiha", "Wenger": "Arsène Wenger"}]


def test_prefetched_answers_are_the_looked_up_ones(people):
    """prefetch (people and surnames in one query) fills the memo as the lookups do; keys
    that would not make plain JSON strings are left to the lookups, which answer the same."""
    known, given, index = N._build_authority([people], 4, get_lexicon())
    plain_words, plain_keys = [*known, "Nobody", "Ünïcode"], [*index, "zzz"]
    words = [*plain_words, 'Quo"te', "Back\\slash", "Tab\there"]
    keys = [*plain_keys, 'a"b', "c\\d", "\x00"]
    expected = (_authority(people).people(words), _authority(people).surnames(keys))
    for some_words, some_keys in [(plain_words, plain_keys), (plain_words[:2], plain_keys[:2]),
                                  (words, keys), (words, []), ([], keys)]:
        N._AUTHORITIES.clear()  # as in a new process: nothing looked up yet
        auth = _authority(people)
        auth.prefetch(some_words, some_keys)
        if some_words == plain_words:  # the one query was made
            assert auth._memo["people"].keys() == set(plain_words)
            assert auth._memo["surnames"].keys() == set(plain_keys)
        assert (auth.people(words), auth.surnames(keys)) == expected


@pytest.mark.parametrize("cache", [True, False])
def test_the_rows_read_whole_answer_as_the_tables(people, monkeypatch, cache):
    """After preload the lookups read each table's rows in memory, with no statement, and
    answer as the tables (and a damaged rows file is made anew); without a cache folder
    the authority is in memory and asks SQLite as before."""
    if not cache:
        monkeypatch.setenv("EDITLINT_NO_CACHE", "1")
    known, given, index = N._build_authority([people], 4, get_lexicon())
    odd = ["Nobody", "Ünïcode", 'Quo"te', "Tab\there", "a\nb", "a\x1fb", ""]
    for damage in (None, b"", b"\x05\x00\x00\x00other"):  # made; then empty, another's
        for made in (people.parent / "cache").glob("names-*.bin") if damage is not None else ():
            made.write_bytes(damage)
        N._AUTHORITIES.clear()  # as in a new process
        auth = _authority(people)
        auth.preload()
        assert (set(auth._rows) == set(N._TABLES)) == cache
        queries = []
        auth._db.set_trace_callback(queries.append)
        auth.prefetch([*known, *odd], [*index, *odd])
        assert auth.people([*known, *odd]) == known
        assert auth.given([*given, *odd]) == given
        assert auth.surnames([*index, *odd]) == index
        assert not queries or not cache
        if not cache:
            break
