"""A small on-disk cache of what editlint makes from its files (parsed YAML, tables, compiled
patterns), so that it is not made again on every run.

Entries are keyed by editlint's version and the file's path, size and mtime; values are
`marshal` data (fast to load, and unlike pickle it cannot build arbitrary objects). The cache
lives in $EDITLINT_CACHE_DIR, else $XDG_CACHE_HOME/editlint, else ~/.cache/editlint; set
EDITLINT_NO_CACHE=1 to switch it off. Any problem with the cache silently falls back to making
the value afresh.

The cache does not grow without end: each (file, kind of value) has a folder of its own (a
slot), and the entry made for the file as it is now replaces the slot's older entries (made
for an earlier version of the file, or of editlint: a fresh clone in CI gives every rule file
a new mtime, an upgrade a new version). A slot holds one entry, so the cache holds about one
entry per file and kind of value that is still in use.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import marshal
import os
import zlib
from collections.abc import Callable
from pathlib import Path

from editlint import __version__

TYPE_CHECKING = False  # typing costs ~2 ms of start-up; only checkers need it here
if TYPE_CHECKING:
    from typing import Any

_DATE = "\x00date"


def cache_dir() -> Path | None:
    if os.environ.get("EDITLINT_NO_CACHE"):
        return None
    root = os.environ.get("EDITLINT_CACHE_DIR")
    if root:
        return Path(root)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return Path(xdg) / "editlint" if xdg else Path.home() / ".cache" / "editlint"


def cached(path: Path, kind: str, build: Callable[[], Any]) -> Any:
    """build() for this file, or the value cached for the file's current version."""
    folder = cache_dir()
    if folder is None:
        return build()
    try:
        st = path.stat()
    except OSError:
        return build()
    where = os.path.abspath(path)
    key = f"{__version__}\x1fv3\x1f{kind}\x1f{where}\x1f{st.st_size}\x1f{st.st_mtime_ns}"
    entry = slot(folder, where, kind) / f"{_checksum(key)}.marshal"
    try:
        if entry.is_file():
            stored_key, has_dates, payload = marshal.loads(entry.read_bytes())
            if stored_key != key:
                raise ValueError("another file's entry")
            # most values hold no dates: then marshal's own data is the value (no walk)
            return _decode(payload) if has_dates else payload
    except (OSError, ValueError, EOFError, TypeError):  # damaged or another file's: rebuild
        pass
    value = build()
    try:
        encoded = _encode(value)
        data = marshal.dumps((key, _DATE_SEEN[0], encoded))
        write_entry(entry, data)
    except (OSError, ValueError, TypeError):
        pass  # an unwritable cache or an unmarshallable value: just don't cache
    return value


def _checksum(text: str) -> str:
    """A short file name for a key (zlib is already loaded; hashlib would cost start-up
    time). The full key is kept inside the entry and checked on reading, so a clash of two
    names is only a miss."""
    raw = text.encode("utf-8", "surrogatepass")
    return f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}"


def slot(folder: Path, source: str, kind: str) -> Path:
    """The folder of the entries of this kind made from the file at `source` (absolute)."""
    return folder / f"{_checksum(kind + chr(0x1F) + source)}.d"


def write_entry(entry: Path, data: bytes) -> None:
    """Write an entry whole (a reader never sees half of one), then remove the older
    entries of its slot: they were made for another version of the file or of editlint,
    and no run asks for them again. Raises OSError if the entry cannot be written."""
    entry.parent.mkdir(parents=True, exist_ok=True)
    _forget_flat_entries(entry.parent.parent)
    import tempfile  # only on a cache miss: its import costs start-up time

    fd, tmp = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, entry)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    for other in os.scandir(entry.parent):
        # .tmp files are another process's entries being written: theirs to finish
        if other.name != entry.name and not other.name.endswith(".tmp"):
            with contextlib.suppress(OSError):
                os.unlink(other.path)


def keep_newest(made: Path, family: str, keep: int = 3) -> None:
    """After `made` (a file of editlint's own beside the slots: a table mapped into memory,
    the names authority) was written: remove all but the `keep` newest files of its family
    (a glob of names in its folder, e.g. "lexicon-words-*.bin"). Each is made for one
    version of its data files; keeping a few lets two installs (a venv and pre-commit's)
    share the folder without rebuilding each other's files, and the folder stops growing
    with every upgrade or fresh install."""
    from fnmatch import fnmatchcase

    others = []
    for other in os.scandir(made.parent):
        if other.name != made.name and fnmatchcase(other.name, family):
            with contextlib.suppress(OSError):
                others.append((other.stat(follow_symlinks=False).st_mtime_ns, other.path))
    others.sort(reverse=True)
    for _, path in others[keep - 1:]:
        with contextlib.suppress(OSError):
            os.unlink(path)


_FLAT_GONE = "slots-v1"


def _forget_flat_entries(folder: Path) -> None:
    """Once per cache folder: remove the entries editlint 0.1 kept side by side in it, before
    slots (they would never be read again, nor replaced)."""
    marker = folder / _FLAT_GONE
    if marker.exists():
        return
    for old in os.scandir(folder):
        if old.is_file(follow_symlinks=False) and old.name.endswith((".marshal", ".tmp")):
            with contextlib.suppress(OSError):
                os.unlink(old.path)
    with contextlib.suppress(OSError):
        marker.touch()


_DATE_SEEN = [False]  # set by _encode when the value holds a date (the reader must decode)


def _encode(value: Any, top: bool = True) -> Any:
    if top:
        _DATE_SEEN[0] = False
    if isinstance(value, dict):
        return {_encode(k, False): _encode(v, False) for k, v in value.items()}
    if isinstance(value, list):
        return [_encode(v, False) for v in value]
    if isinstance(value, tuple):
        return tuple(_encode(v, False) for v in value)
    if isinstance(value, _dt.datetime):
        _DATE_SEEN[0] = True
        return (_DATE, value.isoformat(), "datetime")
    if isinstance(value, _dt.date):
        _DATE_SEEN[0] = True
        return (_DATE, value.isoformat(), "date")
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        return {_decode(k): _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if isinstance(value, tuple):
        if len(value) == 3 and value[0] == _DATE:
            cls = _dt.datetime if value[2] == "datetime" else _dt.date
            return cls.fromisoformat(value[1])
        return tuple(_decode(v) for v in value)
    return value
