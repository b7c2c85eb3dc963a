"""The real pre-commit, installing this repository's hook, fails a bad article and passes a good one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOOD = "---\ntitle: Council meeting\ndate: 2025-12-04\n---\n\nThe council met on Tuesday to discuss the new library.\n"
BAD = "---\ntitle: Council meeting\ndate: 2025-12-04\n---\n\nThe the council met on Tuesday to discuss the new library.\n"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def pre_commit(cwd: Path, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "editlint", "--all-files",
         "--verbose"], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def test_pre_commit_hook_fails_bad_article_and_passes_good(tmp_path):
    pytest.importorskip("pre_commit")
    repo = tmp_path / "newsroom"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "desk@example.com")
    git(repo, "config", "user.name", "Desk")
    article = repo / "council.md"
    article.write_text(BAD, encoding="utf-8")
    git(repo, "add", "council.md")
    home = tmp_path / "pre-commit-home"

    bad = pre_commit(repo, home)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "core.repeated-word" in bad.stdout

    article.write_text(GOOD, encoding="utf-8")
    git(repo, "add", "council.md")
    good = pre_commit(repo, home)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
