"""End to end: whole articles of our own against golden output (every built-in default rule).

Regenerate after a deliberate change: EDITLINT_UPDATE_GOLDEN=1 python -m pytest tests/test_e2e.py
and read the diff before committing it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
E2E = Path(__file__).resolve().parent / "e2e"
ARTICLES = sorted([*E2E.glob("*.md"), *E2E.glob("*.txt"), ROOT / "examples" / "ceasefire-talks.md"])


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.name)
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_golden(article, fmt):
    args = [sys.executable, "-m", "editlint", "check", "--no-color", "--format", fmt,
            "--as-of", "2025-12-04", article.name]
    done = subprocess.run(args, cwd=article.parent, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "EDITLINT_NO_PROGRESS": "1"})
    assert done.returncode in (0, 1), done.stderr
    assert done.stderr == ""
    golden = E2E / "golden" / f"{article.stem}.{fmt}"
    if os.environ.get("EDITLINT_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(done.stdout, encoding="utf-8")
    assert done.stdout == golden.read_text(encoding="utf-8")
