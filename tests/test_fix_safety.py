"""--fix never damages an article: temp file in the same folder and an atomic rename; mode,
encoding, BOM and line endings kept; nothing touched when nothing is fixed; the same bytes
when run twice; the original intact when the write is interrupted; overlapping fixes apply
the first and report the rest."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from editlint import fix as fixmod
from editlint.document import Document
from editlint.findings import Finding

CORE = ["--select", "core"]
TEXT = "---\ntitle: T\n---\n\nThe minister said the the plan would go ahead.\n\nIt was was late.\n"
FIXED = "---\ntitle: T\n---\n\nThe minister said the plan would go ahead.\n\nIt was late.\n"

ENCODINGS = {
    "utf-8": (b"", "utf-8"),
    "utf-8-bom": (b"\xef\xbb\xbf", "utf-8"),
    "utf-16-le-bom": (b"\xff\xfe", "utf-16-le"),
    "utf-16-be-bom": (b"\xfe\xff", "utf-16-be"),
}


def encoded(text: str, encoding: str, newline: str) -> bytes:
    bom, codec = ENCODINGS[encoding]
    return bom + text.replace("\n", newline).encode(codec)


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if "editlint-tmp" in p.name]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_fix_keeps_encoding_bom_line_endings_and_mode(run_cli, tmp_path, encoding, newline):
    path = tmp_path / "a.md"
    path.write_bytes(encoded(TEXT, encoding, newline))
    path.chmod(0o640)
    code, out, err = run_cli("check", "--fix", *CORE, "a.md")
    assert code == 0 and err == "", (out, err)
    assert path.read_bytes() == encoded(FIXED, encoding, newline)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == []


def test_fix_writes_a_temp_file_in_the_same_folder_then_renames(run_cli, tmp_path, monkeypatch):
    renames = []
    real_replace = os.replace

    def recording_replace(src, dst):
        renames.append((Path(src), Path(dst), Path(src).read_bytes()))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", recording_replace)
    (tmp_path / "a.md").write_text(TEXT, encoding="utf-8")
    run_cli("check", "--fix", *CORE, "a.md")
    ((src, dst, data),) = renames
    assert src.parent == dst.parent == tmp_path and dst.name == "a.md" and src != dst
    assert data == FIXED.encode() and not src.exists()


def test_nothing_to_fix_touches_nothing(run_cli, tmp_path):
    """A clean file, and one whose only finding has no safe fix, keep their inode and mtime."""
    clean = tmp_path / "clean.md"
    clean.write_text("A quiet day in the capital.\n", encoding="utf-8")
    unsafe = tmp_path / "unsafe.md"  # core.consistent-spelling's fix is not safe
    unsafe.write_text("The U.S. plan. The U.S. envoy. The US reply.\n", encoding="utf-8")
    before = {}
    for p in (clean, unsafe):
        os.utime(p, ns=(1_000_000_000, 1_000_000_000))
        before[p] = (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes())
    code, _, _ = run_cli("check", "--fix", *CORE, "clean.md", "unsafe.md")
    assert code == 1  # the unsafe finding is still reported
    for p in (clean, unsafe):
        assert (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes()) == before[p]


def test_fix_twice_gives_the_same_bytes(run_cli, tmp_path):
    """Idempotent: a triple repeat is one fix, so a second and third run change nothing."""
    path = tmp_path / "a.md"
    path.write_text("It was was was late.\n\nThe the the THE plan.\n\nWe we agreed.\n", encoding="utf-8")
    run_cli("check", "--fix", *CORE, "a.md")
    first = path.read_bytes()
    assert first == b"It was late.\n\nThe plan.\n\nWe agreed.\n"
    mtime = path.stat().st_mtime_ns
    code, _, _ = run_cli("check", "--fix", *CORE, "a.md")
    assert code == 0 and path.read_bytes() == first and path.stat().st_mtime_ns == mtime


@pytest.mark.parametrize("failing", ["replace", "fsync", "chmod"])
def test_interrupted_write_leaves_the_original_intact(run_cli, tmp_path, monkeypatch, failing):
    path = tmp_path / "a.md"
    path.write_text(TEXT, encoding="utf-8")

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, boom)
    code, _, err = run_cli("check", "--fix", *CORE, "a.md")
    assert code == 2 and "a.md: cannot write fixes: No space left on device" in err
    assert path.read_text(encoding="utf-8") == TEXT
    assert leftovers(tmp_path) == []


def test_keyboard_interrupt_during_the_write_leaves_the_original(tmp_path, monkeypatch):
    path = tmp_path / "a.md"
    path.write_text(TEXT, encoding="utf-8")
    doc = Document(TEXT, "a.md")

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    finding = _finding(doc, TEXT.index("the the"), "the the", "the")
    with pytest.raises(KeyboardInterrupt):
        fixmod.fix_file(path, doc, [finding])
    assert path.read_text(encoding="utf-8") == TEXT and leftovers(tmp_path) == []


def _finding(doc: Document, start: int, text: str, fix: str, rule: str = "core.repeated-word") -> Finding:
    line, col = doc.position(start)
    end_line, end_col = doc.position(start + len(text))
    return Finding(doc.path, line, col, end_line, end_col, rule, "style", "warning", "m", text, fix,
                   start, start + len(text), True)


def test_overlapping_fixes_apply_the_first_then_recheck(run_cli, tmp_path):
    """Two fixes overlap: the first is applied; the file is checked again and the second,
    if it still applies to the new text, is applied in the next round of the same run."""
    from editlint.fix import apply_fixes

    (tmp_path / "swap.yaml").write_text(
        "id: house.scheme\nkind: substitution\nmessage: m\nswap: {the plan: the scheme}\n", encoding="utf-8")
    path = tmp_path / "a.md"
    text = "The minister said the the plan would go ahead.\n"
    path.write_text(text, encoding="utf-8")
    doc = Document(text, "a.md")
    first = _finding(doc, text.index("the the"), "the the", "the")
    second = _finding(doc, text.index("the plan"), "the plan", "the scheme", "house.scheme")
    new_text, applied, skipped = apply_fixes(text, [first, second])
    assert applied == [first] and skipped == [second]
    assert new_text == "The minister said the plan would go ahead.\n"
    code, out, err = run_cli("check", "--fix", "--select", "core,house", "--rules", "swap.yaml", "a.md")
    assert path.read_text(encoding="utf-8") == "The minister said the scheme would go ahead.\n"
    assert code == 0 and "house.scheme" not in out


def test_apply_fixes_skips_overlaps_and_stale_spans():
    text = "abc the the def"
    doc = Document(text, "a.txt")
    first = _finding(doc, 4, "the the", "the")
    overlapping = _finding(doc, 8, "the def", "X", rule="other")
    stale = _finding(doc, 0, "xyz", "Q", rule="stale")  # its text no longer matches the file
    new, applied, skipped = fixmod.apply_fixes(text, [overlapping, stale, first])
    assert new == "abc the def" and applied == [first] and set(skipped) == {overlapping, stale}


def test_fix_through_a_symlink_keeps_the_link(run_cli, tmp_path):
    real = tmp_path / "real.md"
    real.write_text(TEXT, encoding="utf-8")
    (tmp_path / "link.md").symlink_to(real)
    run_cli("check", "--fix", *CORE, "link.md")
    assert (tmp_path / "link.md").is_symlink()
    assert real.read_text(encoding="utf-8") == FIXED


def test_file_changed_while_checked_is_not_overwritten(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(TEXT, encoding="utf-8")
    doc = Document(TEXT, "a.md")
    path.write_text(TEXT + "\nA paragraph the editor just added.\n", encoding="utf-8")
    with pytest.raises(OSError, match="changed on disk"):
        fixmod.fix_file(path, doc, [_finding(doc, TEXT.index("the the"), "the the", "the")])
    assert path.read_text(encoding="utf-8").endswith("just added.\n")
