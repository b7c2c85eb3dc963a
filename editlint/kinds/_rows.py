"""Tables mapped into memory from files in editlint's cache folder, for runs of many files.

A worker forked by such a run would otherwise send an SQLite statement for each word it has
not met yet. Instead, before the fork, a table's rows are laid out by a hash of their key in
one file (made once per version of the data, then mapped: ~0.2 ms), and a key is found with
`bytes.find` in the row of its hash (in_rows). Without a cache folder nothing is mapped, and
callers ask SQLite as before. Used by the lexicon (_lexicon.py) and the names authority
(names.py).
"""

from __future__ import annotations

import os
import sys
import zlib
from collections.abc import Iterable
from itertools import accumulate
from pathlib import Path

TYPE_CHECKING = False  # array and mmap are imported when rows are mapped: not at start-up
if TYPE_CHECKING:
    from array import array
    from mmap import mmap

# rows of a table by hash (see in_rows): ~5 keys a row for the lexicon's biggest tables
TABLE_BUCKETS = 1 << 16


def _map_rows(path: Path, key: bytes, buckets: int) -> tuple[mmap, array, int] | None:
    """Rows from their file (see _write_rows), mapped into memory, or None when the file is
    missing, another's or damaged."""
    import mmap as _mmap
    from array import array

    try:
        with open(path, "rb") as f:
            mapped = _mmap.mmap(f.fileno(), 0, access=_mmap.ACCESS_READ)
    except (OSError, ValueError):  # missing, or empty
        return None
    spans = array("I")
    head = 4 + len(key)
    base = head + spans.itemsize * (buckets + 1)
    if len(mapped) < base or mapped[:head] != len(key).to_bytes(4, "little") + key:
        return None
    spans.frombytes(mapped[head:base])
    if len(mapped) != base + spans[-1]:
        return None
    return mapped, spans, base


def _write_rows(path: Path, key: bytes, blob: bytes, spans: array) -> None:
    """The file _map_rows reads: the key's length and the key, where each row starts (and
    the end), the rows. Written whole under another name, then renamed: a reader sees no
    half-written file. A folder that cannot be written leaves the rows in memory only."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(len(key).to_bytes(4, "little") + key)
            handle.write(spans.tobytes())
            handle.write(blob)
        os.replace(tmp, path)
        from editlint.cache import keep_newest

        keep_newest(path, path.name.rsplit("-", 1)[0] + "-*.bin")
    except OSError:
        pass


def table_rows(name: str, key: str, read, entry) -> tuple[bytes | mmap, array, int] | None:
    """A table's rows by the hash of their key (read with in_rows), made from read() (rows,
    key first) when their file is missing or damaged (see mapped_rows). None without a
    cache folder, or when some row has no entry (see _rows_table). `key` names the table's
    version."""
    return mapped_rows(name, key, TABLE_BUCKETS, lambda: _rows_table(read(), entry))


def mapped_rows(name: str, key: str, buckets: int,
                make) -> tuple[bytes | mmap, array, int] | None:
    """Rows (blob, where each of the `buckets` rows starts and the end, where the blob
    starts) from their file in editlint's cache folder (see _map_rows), mapped into memory:
    pages are read as rows are asked. Made from make() ((blob, starts) or None) when the
    file is missing or damaged; None without a cache folder or when make() gives None.
    `key` names the rows' version."""
    from editlint.cache import cache_dir

    folder = cache_dir()
    if folder is None:
        return None
    raw = f"{key}\x1f{buckets}\x1f{sys.byteorder}".encode("utf-8", "surrogatepass")
    path = folder / f"{name}-{zlib.crc32(raw):08x}.bin"
    rows = _map_rows(path, raw, buckets)
    if rows is None:
        table = make()
        if table is not None:
            _write_rows(path, raw, *table)
            rows = _map_rows(path, raw, buckets) or (table[0], table[1], 0)
    return rows


def _rows_table(rows: list[tuple], entry) -> tuple[bytes, array] | None:
    """(the rows of in_rows in UTF-8, one after the other; where each starts, and the end)
    of these rows (key first): each as a line break, the key, a unit separator and
    entry(row) (which holds no line break), in the row of the key's hash. None when some
    key holds a line break or unit separator, or some row has no entry."""
    from array import array

    parts: list[list[bytes]] = [[] for _ in range(TABLE_BUCKETS)]
    crc32 = zlib.crc32
    for row in rows:
        key = row[0].encode("utf-8", "surrogatepass")
        value = entry(row)
        if b"\n" in key or b"\x1f" in key or value is None:
            return None
        parts[crc32(key) % TABLE_BUCKETS].append(b"\n%s\x1f%s" % (key, value))
    joined = [b"".join(part) for part in parts]
    return b"".join(joined), array("I", accumulate(map(len, joined), initial=0))


def in_rows(rows: tuple[bytes | mmap, array, int], keys: Iterable[str],
             value) -> dict:
    """value(entry) of each of these keys' entries, None for a key without one, from a
    table's rows by hash (see table_rows): a key's entry is found in the row of
    its hash, after a line break, the key and a unit separator (no key holds either), and
    runs to the next line break."""
    blob, spans, base = rows
    buckets = len(spans) - 1
    crc32 = zlib.crc32
    found = {}
    for k in keys:
        key = k.encode("utf-8", "surrogatepass")
        bucket = crc32(key) % buckets
        row = blob[base + spans[bucket]:base + spans[bucket + 1]]
        i = row.find(b"\n" + key + b"\x1f")
        if i < 0:
            found[k] = None
        else:
            i += len(key) + 2
            j = row.find(b"\n", i)
            found[k] = value(row[i:] if j < 0 else row[i:j])
    return found
