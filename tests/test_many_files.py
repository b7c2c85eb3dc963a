"""Hundreds of files at once (pre-commit passes hundreds, CI thousands): one bad file does not
stop the run, output order is deterministic, and memory stays flat as the count grows."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fuzz.hostile import FILLER, assert_findings_match_file, assert_one_line_errors

CORE = ["--select", "core", "--as-of", "2025-12-04"]
SLIP = "The minister said the the plan would go ahead."


def make_tree(root: Path, count: int, bad_every: int = 0) -> list[str]:
    """`count` articles in nested folders, each with one slip; every `bad_every`-th is binary."""
    names = []
    for i in range(count):
        folder = root / f"section{i % 7}" / f"day{i % 13}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"story{i:05d}.{'md' if i % 2 else 'txt'}"
        if bad_every and i % bad_every == bad_every - 1:
            path.write_bytes(b"\x00\x01binary" * 100)
        else:
            path.write_text(f"{FILLER}\n\n{SLIP}\n\n{FILLER}\n", encoding="utf-8")
        names.append(str(path.relative_to(root)))
    return names


def run(args: list[str], cwd: Path) -> tuple[int, str, str]:
    proc = subprocess.run([sys.executable, "-m", "editlint", "check", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=600)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> tuple[Path, list[str]]:
    root = tmp_path_factory.mktemp("many")
    return root, make_tree(root, 400, bad_every=97)


def test_bad_files_do_not_stop_the_run(tree):
    root, names = tree
    code, out, err = run(["--format", "json", *CORE, *names], root)
    data = json.loads(out)
    bad = [n for i, n in enumerate(names) if i % 97 == 96]
    assert code == 2 and len(bad) == 4
    assert data["files_checked"] == 400 - len(bad)
    assert len(data["findings"]) == 400 - len(bad)
    assert_one_line_errors(err)
    assert all(b in err for b in bad)
    texts = {n: (root / n).read_text(encoding="utf-8") for n in names if n not in bad}
    assert_findings_match_file(data["findings"], texts)


def test_output_order_is_deterministic(tree):
    """Same output whatever order the files are given in, with one worker or several."""
    root, names = tree
    outputs = set()
    for args in (names, list(reversed(names)), names[1::2] + names[::2]):
        for jobs in ("1", "4"):
            code, out, _ = run(["--format", "json", *CORE, "--jobs", jobs, *args], root)
            outputs.add(out)
    code, out, _ = run(["--format", "json", *CORE, "."], root)  # a folder walk too
    data = json.loads(out)
    paths = [f["path"] for f in data["findings"]]
    assert paths == sorted(paths)
    assert len(outputs) == 1
    found = json.loads(outputs.pop())["findings"]
    assert [f["path"] for f in found] == sorted(f["path"] for f in found)


MEASURE = r"""
import resource, sys
sys.argv = ["editlint", *sys.argv[1:]]
from editlint.cli import cli
code = 0
try:
    cli()
except SystemExit as exc:
    code = exc.code
sys.stderr.write("MAXRSS %d\n" % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
sys.exit(code)
"""


def peak_rss_kb(root: Path) -> int:
    proc = subprocess.run([sys.executable, "-c", MEASURE, "check", "--format", "json", *CORE,
                           "--jobs", "1", "."], cwd=root, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 1, proc.stderr
    return int(proc.stderr.rsplit("MAXRSS ", 1)[1])


def test_memory_stays_flat(tmp_path):
    """Peak memory for 1,500 files stays within 40 MB of that for 300 (loose: only a leak
    that keeps every article would fail it)."""
    small, large = tmp_path / "small", tmp_path / "large"
    make_tree(small, 300)
    make_tree(large, 1500)
    # pad every article to ~25 KB: keeping each one (text, mask, blocks) after it is checked
    # would then cost the 1,500-file run 100 MB more than the 300-file one
    for path in [*small.rglob("story*"), *large.rglob("story*")]:
        path.write_text((FILLER + "\n\n") * 60 + SLIP + "\n", encoding="utf-8")
    rss_small, rss_large = peak_rss_kb(small), peak_rss_kb(large)
    print("peak RSS (KB) for 300 and 1,500 files:", rss_small, rss_large)
    assert rss_large < rss_small + 40_000, (rss_small, rss_large)


def test_kinds_preload_once_before_workers_are_forked(tmp_path, monkeypatch):
    """A kind's preload() runs once, in the parent, when a run forks workers (so they share
    what it loads); a run of a few files, which forks none, never pays for it."""
    import multiprocessing
    import os

    if "fork" not in multiprocessing.get_all_start_methods() or not sys.platform.startswith("linux"):
        pytest.skip("workers are forked on Linux only")
    from editlint.kinds.repetition import Repetition
    from editlint.runner import run_check

    calls: list[int] = []
    monkeypatch.setattr(Repetition, "preload", lambda self: calls.append(os.getpid()),
                        raising=False)
    names = make_tree(tmp_path, 30)
    monkeypatch.chdir(tmp_path)
    status = run_check(paths=names, fmt="json", fail_on="never", min_severity="info",
                       as_of="2025-12-04", config_path=None, extra_rules=[],
                       select=frozenset({"core"}), ignore=frozenset(), fix=False,
                       stdin_filename=None, color=False, jobs=2, quiet=True)
    assert status == 0
    assert calls == [os.getpid()]

    calls.clear()
    run_check(paths=names[:3], fmt="json", fail_on="never", min_severity="info",
              as_of="2025-12-04", config_path=None, extra_rules=[], select=frozenset({"core"}),
              ignore=frozenset(), fix=False, stdin_filename=None, color=False, jobs=None,
              quiet=True)
    assert calls == []  # a few files: no workers, no preload


@pytest.mark.parametrize("jobs", [1, 2])
def test_run_check_leaves_the_garbage_collector_as_it_found_it(tmp_path, monkeypatch, jobs):
    """Start-up runs without the collector and checking with it (start-up's objects frozen):
    an in-process caller gets the collector back as it was, nothing left frozen, and the
    articles were checked with the collector on."""
    import gc

    from editlint.kinds.repetition import Repetition
    from editlint.runner import run_check

    seen: list[bool] = []
    check = Repetition.check

    def spy(self, doc, ctx):
        seen.append(gc.isenabled())
        return check(self, doc, ctx)

    monkeypatch.setattr(Repetition, "check", spy)
    names = make_tree(tmp_path, 30)
    monkeypatch.chdir(tmp_path)
    for enabled in (True, False):
        (gc.enable if enabled else gc.disable)()
        try:
            run_check(paths=names, fmt="json", fail_on="never", min_severity="info",
                      as_of="2025-12-04", config_path=None, extra_rules=[],
                      select=frozenset({"core"}), ignore=frozenset(), fix=False,
                      stdin_filename=None, color=False, jobs=jobs, quiet=True)
            assert gc.isenabled() is enabled
            assert gc.get_freeze_count() == 0
        finally:
            gc.enable()
    assert seen and all(seen)
