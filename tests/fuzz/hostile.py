"""Shared by the hostile-input, property and fuzz tests: run editlint, check what it says.

Every check here recomputes positions from the bytes on disk (not from editlint's own
model), so a finding whose line/column/text disagree with the file is caught.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINE_BREAK = re.compile(r"\r\n|\r|\n")  # the only line breaks the JSON contract counts

# Prose I wrote for these tests: no word repeats across a boundary, no U.S./US-style pairs.
FILLER = (
    "Officials in the northern province said on Tuesday that repairs to the bridge would "
    "take several weeks. Engineers found cracks in two supporting pillars after the floods. "
    "Traffic is being diverted through a village road, adding an hour to most journeys. "
    "Local traders say business has fallen by half since the closure began."
)


def decode(raw: bytes) -> str:
    """The text as editlint's contract counts it: BOM removed, line endings kept."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    if raw.startswith(b"\xff\xfe"):
        return raw[2:].decode("utf-16-le")
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be")
    return raw.decode("utf-8")


def line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in LINE_BREAK.finditer(text)]


def offset_of(text: str, starts: list[int], line: int, column: int) -> int:
    """The code-point offset of a 1-based (line, column); asserts that it lies in the file."""
    assert 1 <= line <= len(starts), f"line {line} outside the file ({len(starts)} lines)"
    line_end = starts[line] if line < len(starts) else len(text)
    offset = starts[line - 1] + column - 1
    assert column >= 1 and offset <= line_end, f"column {column} outside line {line}"
    return offset


def assert_findings_match_file(findings: list[dict], texts: dict[str, str]) -> None:
    """Every finding's span lies inside its file and its `text` is exactly the file's
    characters there (computed from line/column against the file)."""
    starts_of: dict[str, list[int]] = {}
    for f in findings:
        text = texts[f["path"]]
        starts = starts_of.setdefault(f["path"], line_starts(text))
        start = offset_of(text, starts, f["line"], f["column"])
        end = offset_of(text, starts, f["end_line"], f["end_column"])
        assert start <= end, f
        assert text[start:end] == f["text"], (f, text[start:end])


def assert_one_line_errors(stderr: str) -> None:
    """Errors are single `editlint: ...` lines, never a traceback."""
    assert "Traceback" not in stderr, stderr
    for line in stderr.splitlines():
        assert line.startswith("editlint"), line


def run_cli_subprocess(args: list[str], cwd: Path, timeout: float = 300,
                       env: dict | None = None) -> tuple[int, dict | None, str]:
    """Run `python -m editlint check ARGS --format json` in a child: (status, json, stderr)."""
    proc = subprocess.run([sys.executable, "-m", "editlint", "check", "--format", "json", *args],
                          cwd=cwd, capture_output=True, timeout=timeout,
                          env={**os.environ, **(env or {})})
    out = proc.stdout.decode("utf-8")
    data = json.loads(out) if out.strip() else None
    return proc.returncode, data, proc.stderr.decode("utf-8", "replace")


def write_filler_article(path: Path, paragraphs: int, plant: dict[int, str],
                         sentences_per_paragraph: int = 1) -> None:
    """An article of `paragraphs` clean paragraphs; paragraph i is replaced by plant[i]."""
    body = " ".join([FILLER] * sentences_per_paragraph)
    sep = "\n" if path.suffix == ".txt" else "\n\n"
    with path.open("w", encoding="utf-8", newline="") as handle:
        chunk: list[str] = []
        for i in range(paragraphs):
            chunk.append(plant.get(i, body))
            if len(chunk) >= 1000:
                handle.write(sep.join(chunk) + sep)
                chunk = []
        if chunk:
            handle.write(sep.join(chunk) + sep)
