"""`--diff REF`: which lines of which files changed since a git ref (what a reviewer can act on).

Files are still checked whole (stray paragraphs and two spellings of a name need the whole
article); only the findings are narrowed to the changed lines.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from editlint.errors import EditlintError

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


class Changes:
    """Changed line numbers per file (absolute paths); None means every line (new file)."""

    def __init__(self, top: Path) -> None:
        self.top = top
        self.lines: dict[Path, set[int] | None] = {}

    def touches(self, path: Path, first: int, last: int) -> bool:
        try:
            key = path.resolve()
        except (OSError, RuntimeError):
            return False
        if key not in self.lines:
            return False
        changed = self.lines[key]
        return changed is None or any(n in changed for n in range(first, last + 1))

    def changed_files(self) -> list[Path]:
        return sorted(self.lines)


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                              encoding="utf-8", errors="replace", timeout=120)
    except FileNotFoundError:
        raise EditlintError("--diff needs git, which is not installed") from None
    except subprocess.TimeoutExpired:
        raise EditlintError("--diff: git did not answer within 120 s") from None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise EditlintError(f"--diff: git {' '.join(a for a in args if not a.startswith('-'))[:40]} "
                            f"failed: {last}")
    return done.stdout


def changes_since(ref: str, cwd: Path | None = None) -> Changes:
    cwd = cwd or Path.cwd()
    try:
        top = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
    except EditlintError:
        raise EditlintError("--diff: not inside a git repository") from None
    if ref.startswith("-"):
        raise EditlintError(f"--diff: {ref!r} is not a git ref")
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], top)
    except EditlintError:
        raise EditlintError(f"--diff: unknown git ref {ref!r}") from None
    changes = Changes(top)
    # the working tree against REF: committed, staged and unstaged changes; renames followed
    diff = _git(["-c", "core.quotepath=off", "diff", "--no-color", "--no-ext-diff", "--unified=0",
                 "-M", ref, "--"], top)
    current: Path | None = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            name = line[4:]
            current = None if name == "/dev/null" else (top / _unquote(name)[2:]).resolve()
            if current is not None:
                changes.lines.setdefault(current, set())
        elif line.startswith("@@") and current is not None:
            m = _HUNK.match(line)
            if m:
                start, count = int(m[1]), int(m[2]) if m[2] is not None else 1
                lines = changes.lines[current]
                if lines is not None:
                    # a pure deletion (count 0) touches the line where the text was removed
                    lines.update(range(start, start + count) if count else (max(start, 1),))
    for name in _git(["ls-files", "--others", "--exclude-standard", "-z"], top).split("\0"):
        if name:
            changes.lines[(top / name).resolve()] = None  # untracked: new, every line changed
    return changes


def _unquote(name: str) -> str:
    """git quotes unusual paths as C strings: "b/caf\\303\\251.md"."""
    if not (name.startswith('"') and name.endswith('"')):
        return name
    raw = name[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape")
    return raw.encode("latin-1").decode("utf-8", "replace")
