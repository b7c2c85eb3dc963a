"""A small on-disk cache of parsed YAML, so rule files are not re-parsed on every run.

Entries are keyed by editlint's version and the file's path, size and mtime; values are
`marshal` data (fast to load, and unlike pickle it cannot build arbitrary objects). The cache
lives in $EDITLINT_CACHE_DIR, else $XDG_CACHE_HOME/editlint, else ~/.cache/editlint; set
EDITLINT_NO_CACHE=1 to switch it off. Any problem with the cache silently falls back to parsing.
"""

from __future__ import annotations

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
    key = f"{__version__}\x1fv3\x1f{kind}\x1f{os.path.abspath(path)}\x1f{st.st_size}\x1f{st.st_mtime_ns}"
    raw_key = key.encode("utf-8", "surrogatepass")
    # a short name (zlib is already loaded; hashlib would cost start-up time) and the full
    # key inside the entry, checked on reading, so a name clash is only a miss
    entry = folder / f"{zlib.crc32(raw_key):08x}{zlib.adler32(raw_key):08x}.marshal"
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
        folder.mkdir(parents=True, exist_ok=True)
        import tempfile  # only on a cache miss: its import costs start-up time

        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, entry)
    except (OSError, ValueError, TypeError):
        pass  # an unwritable cache or an unmarshallable value: just don't cache
    return value


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
