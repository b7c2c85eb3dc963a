"""The GitHub Action's shell logic (scripts/action.sh) on a temporary git repository:
a base branch, then a pull-request branch that changes one article, leaves one alone,
deletes one, renames one and touches a file that is not an article."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from editlint.engine import builtin_packs

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "action.sh"

pytestmark = pytest.mark.skipif(shutil.which("git") is None or shutil.which("bash") is None,
                                reason="needs git and bash")

# only the core pack's house style runs, so other packs (in flux) cannot change these tests
CONFIG = ("packs: {" + ", ".join(f"{name}: {'true' if name == 'core' else 'false'}"
                                 for name in builtin_packs()) + "}\n"
          "disable: [typo, name, title, attribution, stray]\n")
CLEAN = "The council met on Monday.\n\nIt agreed the plan.\n"
REPEATED = "The council met on Monday.\n\nIt was was agreed.\n"


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com"}
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                          env=env, check=True)
    return done.stdout


def write(repo: Path, name: str, text: str) -> None:
    path = repo / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path):
    """main: four articles; branch `story`: one changed, one deleted, one renamed (and
    changed), one new, one untouched (with a finding that must not be reported)."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    write(repo, ".editlint.yaml", CONFIG)
    write(repo, "articles/changed.md", CLEAN)
    write(repo, "articles/unchanged.md", REPEATED)
    write(repo, "articles/deleted.md", CLEAN)
    write(repo, "articles/old-name.md", CLEAN)
    write(repo, "tools/build.py", "print('x')\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "checkout", "-q", "-b", "story")
    write(repo, "articles/changed.md", REPEATED)
    (repo / "articles/deleted.md").unlink()
    git(repo, "mv", "articles/old-name.md", "articles/new-name.md")
    write(repo, "articles/new-name.md", CLEAN + "\nThe the end.\n")
    write(repo, "wire/new story.txt", "A new wire story arrived.\nIt was was late.\n")
    write(repo, "tools/build.py", "print('y')\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "story")
    return repo


def run_action(repo: Path, tmp_path: Path, **inputs: str) -> tuple[int, str, str, str, dict]:
    """Run the script: (status, stdout, stderr, job summary, outputs)."""
    summary, output = tmp_path / "summary.md", tmp_path / "output.txt"
    summary.write_text("", encoding="utf-8")
    output.write_text("", encoding="utf-8")
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("INPUT_", "GITHUB_")) and k != "SARIF_FILE"}
    env.update({
        "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_OUTPUT": str(output),
        "SARIF_FILE": str(tmp_path / "out" / "editlint.sarif"),
        "EDITLINT": f"{sys.executable} -m editlint", "EDITLINT_PYTHON": sys.executable,
    })
    env.update({f"INPUT_{k.upper()}": v for k, v in inputs.items()})
    done = subprocess.run(["bash", str(SCRIPT)], cwd=repo, capture_output=True, text=True,
                          env=env, timeout=300, check=False)
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines() if "=" in line)
    return done.returncode, done.stdout, done.stderr, summary.read_text(), outputs


def annotations(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if line.startswith("::")]


def test_pull_request_checks_only_changed_articles(repo, tmp_path):
    status, out, err, summary, outputs = run_action(repo, tmp_path, base_ref="main")
    notes = annotations(out)
    assert status == 1, err
    files = sorted(n.split("file=", 1)[1].split(",", 1)[0] for n in notes)
    assert files == ["articles/changed.md", "articles/new-name.md", "wire/new story.txt"]
    changed = next(n for n in notes if "articles/changed.md" in n)
    assert changed.startswith("::warning file=articles/changed.md,line=3,endLine=3,col=4,")
    assert "core.repeated-word" in changed
    assert "unchanged.md" not in out and "deleted.md" not in out + err
    assert "no such file" not in err
    # the summary table: one row per article with findings, and the totals
    assert "### editlint" in summary
    assert "3 findings in 3 of 3 articles changed since main: failed" in summary
    assert "| `articles/changed.md` |  | 1 |  |  |  |  |  |  | 1 |" in summary
    assert "| **total** |  | 3 |  |  |  |  |  |  | 3 |" in summary
    assert "unchanged" not in summary
    assert outputs["files"] == "3" and outputs["findings"] == "3"
    assert outputs["exit-code"] == "1"
    sarif = json.loads(Path(outputs["sarif-file"]).read_text(encoding="utf-8"))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in sarif["runs"][0]["results"]}
    assert uris == {"articles/changed.md", "articles/new-name.md", "wire/new story.txt"}


def test_fail_on_never_passes_and_sarif_can_be_off(repo, tmp_path):
    status, out, err, summary, outputs = run_action(repo, tmp_path, base_ref="main",
                                                    fail_on="never", sarif="false")
    assert status == 0, err
    assert len(annotations(out)) == 3
    assert "passed" in summary
    assert "sarif-file" not in outputs
    assert not (tmp_path / "out").exists()


def test_paths_input_narrows_the_articles(repo, tmp_path):
    status, out, _, summary, outputs = run_action(repo, tmp_path, base_ref="main",
                                                  paths="wire/\n  articles/new-*.md")
    assert status == 1
    files = sorted(n.split("file=", 1)[1].split(",", 1)[0] for n in annotations(out))
    assert files == ["articles/new-name.md", "wire/new story.txt"]
    assert outputs["files"] == "2"
    status, out, _, _, outputs = run_action(repo, tmp_path, base_ref="main",
                                            paths="articles/**/*.md")
    assert outputs["files"] == "2"  # changed.md and new-name.md: ** also matches no folder


def test_no_changed_article_passes_with_a_note(repo, tmp_path):
    git(repo, "checkout", "-q", "-b", "code-only", "main")
    write(repo, "tools/build.py", "print('z')\n")
    git(repo, "commit", "-q", "-am", "code only")
    status, out, _, summary, outputs = run_action(repo, tmp_path, base_ref="main")
    assert status == 0
    assert annotations(out) == []
    assert "No articles changed since main to check." in summary
    assert outputs["files"] == "0" and outputs["findings"] == "0"


def test_without_a_base_every_article_is_checked(repo, tmp_path):
    status, out, _, summary, outputs = run_action(repo, tmp_path)
    assert status == 1
    files = {n.split("file=", 1)[1].split(",", 1)[0] for n in annotations(out)}
    assert "articles/unchanged.md" in files
    assert outputs["files"] == "4"
    assert "in the repository" in summary


def test_config_input_and_failure_level(repo, tmp_path):
    write(repo, "quiet.yaml", "disable: [typo, name, title, attribution, stray, style]\n")
    status, out, err, _, outputs = run_action(repo, tmp_path, base_ref="main",
                                              config="quiet.yaml")
    assert status == 0, err
    assert annotations(out) == [] and outputs["findings"] == "0"
    status, *_ = run_action(repo, tmp_path, base_ref="main", fail_on="error")
    assert status == 0  # the repeated words are warnings


def test_unknown_base_ref_is_an_error(repo, tmp_path):
    status, out, _, _, _ = run_action(repo, tmp_path, base_ref="no-such-branch")
    assert status == 2
    assert "::error::editlint: base ref 'no-such-branch' not found" in out


def test_bad_input_is_an_error(repo, tmp_path):
    status, out, _, _, _ = run_action(repo, tmp_path, base_ref="main", fail_on="sometimes")
    assert status == 2 and "::error::fail-on" in out


def test_a_broken_config_fails_the_step(repo, tmp_path):
    write(repo, "broken.yaml", "disable: [typo\n")
    status, _, err, summary, outputs = run_action(repo, tmp_path, base_ref="main",
                                                  config="broken.yaml")
    assert status == 2
    assert outputs["exit-code"] == "2" and "could not run" in summary
    assert "sarif-file" not in outputs  # nothing half-written is uploaded
    assert err.count("broken.yaml") == 1  # the error is reported once, by the annotated run
