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
    (entry,) = list((tmp_path / "cache").iterdir())
    entry.write_bytes(marshal.dumps(("some other key", False, ({"a": 2}, {}))))
    assert read_yaml(path).data == {"a": 1}
    entry.write_bytes(b"garbage")
    assert read_yaml(path).data == {"a": 1}
    assert marshal.loads(entry.read_bytes())[2][0] == {"a": 1}
