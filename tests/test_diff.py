"""--diff REF: only findings on changed lines; whole articles still read; git edge cases."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

OLD = "---\ntitle: T\ndate: 2025-12-04\n---\n\nThe the first paragraph.\n\nA second paragraph.\n"
NEW = "---\ntitle: T\ndate: 2025-12-04\n---\n\nThe the first paragraph.\n\nA second second paragraph.\n"
SAME = "---\ntitle: S\ndate: 2025-12-04\n---\n\nThe the unchanged article.\n"


def git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path):
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "d@example.com")
    git(tmp_path, "config", "user.name", "D")
    (tmp_path / "changed.md").write_text(OLD)
    (tmp_path / "same.md").write_text(SAME)
    (tmp_path / "gone.md").write_text(SAME)
    (tmp_path / "old-name.md").write_text(SAME.replace("unchanged", "renamed"))
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "base")
    (tmp_path / "changed.md").write_text(NEW)
    (tmp_path / "gone.md").unlink()
    git(tmp_path, "mv", "old-name.md", "new-name.md")
    (tmp_path / "fresh.md").write_text("The the new article.\n")
    return tmp_path


def findings(run_cli, repo, *args):
    code, out, err = run_cli("check", "--format", "json", "--select", "core", *args, cwd=repo)
    return code, json.loads(out)["findings"] if out else [], err


def test_only_changed_lines_are_reported(run_cli, repo):
    code, found, _ = findings(run_cli, repo, "--diff", "HEAD", ".")
    assert sorted((f["path"], f["line"]) for f in found) == [("changed.md", 8), ("fresh.md", 1)]
    assert code == 1
    # without --diff every finding is there
    _, everything, _ = findings(run_cli, repo, ".")
    assert len(everything) == 5  # changed.md twice, same.md, new-name.md, fresh.md


def test_renamed_and_deleted_files(run_cli, repo):
    _, found, err = findings(run_cli, repo, "--diff", "HEAD", "new-name.md", "same.md")
    assert found == [] and err == ""  # a pure rename changes no line


def test_outside_git_repository(run_cli, tmp_path):
    (tmp_path / "a.md").write_text(OLD)
    code, _, err = run_cli("check", "--diff", "HEAD", "a.md", cwd=tmp_path)
    assert code == 2 and "not inside a git repository" in err


def test_unknown_ref(run_cli, repo):
    code, _, err = run_cli("check", "--diff", "no-such-branch", ".", cwd=repo)
    assert code == 2 and "unknown git ref 'no-such-branch'" in err
