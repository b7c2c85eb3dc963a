#!/usr/bin/env python3
"""CPU per rule as a run of many files spends it: rules built and preloaded once in the parent,
then forked workers that each check every other chunk of 8 articles, memos empty in each.

    python benchmarks/rules_forked.py --corpus ../shared/corpus/bbc/articles --count 1000

Prints the parent's build and preload time, and CPU per rule and for reading and parsing
summed over the workers (time.process_time: steady on a busy machine; repeat and take the
lowest, noise is a few per cent). Linux only (fork). rules_cpu.py gives every finding to
diff; this gives the cost where it falls in a real run.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import time
from pathlib import Path

from rules_cpu import AS_OF, articles, build_rules, time_rules

from editlint.engine import Options, read_article
from editlint.runner import _preload


def worker(files: list[Path], rules, options: Options, settings, results: int) -> None:
    """Check the files; write {rule id: CPU seconds} to the pipe; never return."""
    clock = time.process_time
    cpu: dict[str, float] = {"(reading and parsing)": 0.0}
    start = clock()
    for path in files:
        t = clock()
        doc = read_article(path, str(path))
        doc.blocks  # noqa: B018 - parse now, timed as parsing
        cpu["(reading and parsing)"] += clock() - t
        time_rules(rules, doc, options, settings, cpu)
    cpu["(worker)"] = clock() - start
    os.write(results, json.dumps(cpu).encode())
    os._exit(0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--count", type=int, default=1000, help="the first N articles")
    parser.add_argument("--jobs", type=int, default=2, help="forked workers")
    args = parser.parse_args()
    files = articles(args.corpus)[:args.count]
    clock = time.process_time
    t = clock()
    options = Options(as_of=AS_OF)
    configs, _, settings, rules = build_rules(options, files[0])
    built = clock() - t
    t = clock()
    _preload(configs)
    preloaded = clock() - t
    gc.freeze()  # as the runner does before it forks
    chunks = [files[i:i + 8] for i in range(0, len(files), 8)]
    running = []
    for n in range(args.jobs):
        read_end, write_end = os.pipe()
        if os.fork() == 0:
            os.close(read_end)
            worker([f for chunk in chunks[n::args.jobs] for f in chunk], rules, options,
                   settings, write_end)
        os.close(write_end)
        running.append(read_end)
    results = []
    for fd in running:
        data = b""
        while block := os.read(fd, 1 << 16):
            data += block
        results.append(json.loads(data))
        os.wait()
    total = {key: sum(r[key] for r in results) for key in results[0]}
    print(f"{len(files)} articles, {args.jobs} workers; parent: build {built * 1000:.0f} ms, "
          f"preload {preloaded * 1000:.0f} ms")
    for key, seconds in sorted(total.items(), key=lambda kv: -kv[1]):
        if key != "(worker)":
            print(f"  {key:36s} {seconds * 1000:7.0f} ms")
    print("  workers: " + ", ".join(f"{r['(worker)'] * 1000:.0f} ms" for r in results)
          + f"; together {total['(worker)'] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
