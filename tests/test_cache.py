"""The on-disk YAML cache: same data as a fresh parse, invalidated by edits, optional."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from editlint.cache import cached
from editlint.errors import ConfigError
from editlint.rules import read_yaml


@pytest.fixture(autouse=True)
def cache_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("EDITLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("EDITLINT_NO_CACHE", raising=False)


def test_cached_parse_equals_fresh_parse(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text("id: x\nexamples:\n  flag: [{text: a, as_of: 2025-12-04}]\n")
    first = read_yaml(path)
    assert list((tmp_path / "cache").iterdir())
    second = read_yaml(path)
    assert second.data == first.data and second.positions == first.positions
    assert second.data["examples"]["flag"][0]["as_of"] == dt.date(2025, 12, 4)


def test_edit_invalidates(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text("a: 1\n")
    assert read_yaml(path).data == {"a": 1}
    path.write_text("a: 22\n")
    os.utime(path, ns=(1, 1))
    assert read_yaml(path).data == {"a": 22}


def test_errors_are_not_cached(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text("a: [1\n")
    for _ in range(2):
        with pytest.raises(ConfigError):
            read_yaml(path)


def test_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv("EDITLINT_NO_CACHE", "1")
    calls = []
    for _ in range(2):
        cached(tmp_path, "k", lambda: calls.append(1))
    assert len(calls) == 2


def test_an_entry_of_another_key_is_a_miss_and_is_replaced(tmp_path):
    import marshal

    path = tmp_path / "r.yaml"
    path.write_text("a: 1\n")
    assert read_yaml(path).data == {"a": 1}
    (entry,) = list((tmp_path / "cache").rglob("*.marshal"))
    entry.write_bytes(marshal.dumps(("some other key", False, ({"a": 2}, {}))))
    assert read_yaml(path).data == {"a": 1}
    entry.write_bytes(b"garbage")
    assert read_yaml(path).data == {"a": 1}
    assert marshal.loads(entry.read_bytes())[2][0] == {"a": 1}


def test_the_entry_for_the_file_as_it_is_replaces_the_older_ones(tmp_path):
    """One slot per (file, kind of value): editing the file, or a new clone giving it a new
    mtime, replaces the entry instead of adding one, so the cache does not grow without end."""
    path = tmp_path / "r.yaml"
    for n in range(5):
        path.write_text(f"a: {n}\n")
        os.utime(path, ns=(n + 1, n + 1))
        assert read_yaml(path).data == {"a": n}
    entries = list((tmp_path / "cache").rglob("*.marshal"))
    assert len(entries) == 1
    other = tmp_path / "s.yaml"
    other.write_text("b: 1\n")
    read_yaml(other)
    assert len(list((tmp_path / "cache").rglob("*.marshal"))) == 2


def test_entries_kept_side_by_side_before_slots_are_removed_once(tmp_path):
    """editlint 0.1 kept its entries flat in the cache folder: the first entry written in a
    slot removes them (they would never be read again), and nothing else there."""
    folder = tmp_path / "cache"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n:016x}.marshal").write_bytes(b"old")
    (folder / "lexicon-deletes-0001.bin").write_bytes(b"kept")
    path = tmp_path / "r.yaml"
    path.write_text("a: 1\n")
    read_yaml(path)
    assert sorted(p.name for p in folder.iterdir() if p.is_file()) == \
        ["lexicon-deletes-0001.bin", "slots-v1"]
    (folder / "0000000000000009.marshal").write_bytes(b"written by an old editlint later")
    path.write_text("a: 2\n")
    os.utime(path, ns=(5, 5))
    read_yaml(path)
    assert (folder / "0000000000000009.marshal").exists()  # swept once, not on every miss


def test_a_write_leaves_another_writers_temporary_file_alone(tmp_path):
    from editlint.cache import cache_dir, slot, write_entry

    target = slot(cache_dir(), str(tmp_path / "x"), "k") / "0123.marshal"
    target.parent.mkdir(parents=True)
    (target.parent / "busy.tmp").write_bytes(b"half")
    (target.parent / "old.marshal").write_bytes(b"old")
    write_entry(target, b"new")
    assert sorted(p.name for p in target.parent.iterdir()) == ["0123.marshal", "busy.tmp"]
    assert target.read_bytes() == b"new"


def test_a_family_of_files_keeps_its_newest_few(tmp_path):
    """keep_newest: after a table file for a new version of the data is made, the family
    keeps its newest three (two installs share a folder without rebuilding each other's
    files), other families and files are left alone."""
    from editlint.cache import keep_newest

    for n in range(6):
        made = tmp_path / f"lexicon-words-{n:08x}.bin"
        made.write_bytes(b"rows")
        os.utime(made, ns=(n + 1, n + 1))
    (tmp_path / "lexicon-deletes-00000001.bin").write_bytes(b"other family")
    (tmp_path / "lexicon-words-00000009.bin.tmp").write_bytes(b"being written")
    keep_newest(tmp_path / "lexicon-words-00000005.bin", "lexicon-words-*.bin")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "lexicon-deletes-00000001.bin", "lexicon-words-00000003.bin",
        "lexicon-words-00000004.bin", "lexicon-words-00000005.bin",
        "lexicon-words-00000009.bin.tmp"]
