"""--fix: apply the safe fixes rules carry, writing atomically and byte-faithfully."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from editlint.document import Document
from editlint.findings import Finding


def apply_fixes(text: str, findings: list[Finding]) -> tuple[str, list[Finding], list[Finding]]:
    """(new text, applied, skipped): overlapping fixes apply the first, skip the rest."""
    fixable = sorted((f for f in findings if f.fix is not None and f.fix_safe),
                     key=lambda f: (f.start, f.end))
    applied: list[Finding] = []
    skipped: list[Finding] = []
    out: list[str] = []
    pos = 0
    for f in fixable:
        if f.start < pos or text[f.start:f.end] != f.text:
            skipped.append(f)
            continue
        out.append(text[pos:f.start])
        out.append(f.fix)
        pos = f.end
        applied.append(f)
    out.append(text[pos:])
    return "".join(out), applied, skipped


def encode(doc: Document, text: str) -> bytes:
    data = text.encode(doc.encoding)
    if doc.bom:
        bom = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}
        data = bom[doc.encoding] + data
    return data


def write_atomic(path: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder and rename it over the original."""
    # through a symlink, replace the file it names (renaming over the link would turn the
    # link into a copy)
    path = Path(os.path.realpath(path))
    folder = path.parent
    mode = path.stat().st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".editlint-tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def fix_file(path: Path, doc: Document, findings: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    new_text, applied, skipped = apply_fixes(doc.text, findings)
    if applied and new_text != doc.text:
        # an editor may have saved the file while it was checked: fix only what was read
        if path.read_bytes() != encode(doc, doc.text):
            raise OSError(errno.EAGAIN, "changed on disk while it was checked; not fixed")
        write_atomic(path, encode(doc, new_text))
    return applied, skipped
