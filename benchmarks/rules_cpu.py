#!/usr/bin/env python3
"""CPU per rule, and every finding, over a folder of articles: for speed work on one kind.

    python benchmarks/rules_cpu.py --corpus ../shared/corpus/bbc/articles \
        --also ../shared/bench/cases-dev --out /tmp/now.jsonl

Runs in one process with every default rule, `--as-of` 2025-12-04. For each corpus article,
each rule is timed alone (time.process_time: steady on a busy machine) on its first sight of
the article, so memos start empty as in a real run ("cold"), then once more over all of them
("warm"). Every finding on the corpus and the extra folders goes to --out as sorted JSON lines:
diff two outputs to show that a change made editlint faster without changing what it finds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from pathlib import Path

from editlint.engine import Options, RuleSet, active_rules, check_document, read_article
from editlint.kinds.base import Context
from editlint.runner import ARTICLE_SUFFIXES, Configs

AS_OF = dt.date(2025, 12, 4)  # the seed article's date


def articles(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.name.lower().endswith(ARTICLE_SUFFIXES))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True, help="articles to time rules on")
    parser.add_argument("--also", type=Path, action="append", default=[],
                        help="more folders whose findings go to --out (not timed)")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    corpus = articles(args.corpus)
    files = corpus + [p for folder in args.also for p in articles(folder)]
    options = Options(as_of=AS_OF)
    _, ruleset, settings, rules = build_rules(options, files[0])
    clock = time.process_time
    cold: dict[str, float] = {}
    warm: dict[str, float] = {}
    parse = 0.0
    lines = []
    timed = set(corpus)
    for path in files:
        started = clock()
        doc = read_article(path, str(path))
        parse += clock() - started
        if path in timed:
            time_rules(rules, doc, options, settings, cold)
            doc = read_article(path, str(path))  # fresh: kinds keep per-document state
        for f in check_document(doc, ruleset, settings, options):
            lines.append(json.dumps([f.path, f.line, f.column, f.end_line, f.end_column, f.rule,
                                     f.category, f.severity, f.message, f.text, f.fix]))
    for path in corpus:
        time_rules(rules, read_article(path, str(path)), options, settings, warm)
    args.out.write_text("\n".join(sorted(lines)) + "\n", encoding="utf-8")
    print(f"{len(files)} files, {len(lines)} findings -> {args.out}")
    print(f"read and parse: {parse * 1000:.0f} ms for {len(files)} files")
    print(f"CPU per rule over {len(corpus)} articles (cold = first sight, as a run sees them):")
    for rule_id, seconds in sorted(cold.items(), key=lambda kv: -kv[1]):
        print(f"  {rule_id:38s} cold {seconds * 1000:7.0f} ms   warm {warm[rule_id] * 1000:7.0f} ms")
    print(f"  {'all rules':38s} cold {sum(cold.values()) * 1000:7.0f} ms   warm "
          f"{sum(warm.values()) * 1000:7.0f} ms")


def build_rules(options: Options, path: Path) -> tuple[Configs, RuleSet, object, list]:
    """(configs, rule set, settings, active rules, built) for the folder of `path`."""
    configs = Configs(None, [], options)
    config = configs.config_for(path)
    ruleset = configs.ruleset_for(config)
    settings = config.for_file(path)
    rules = active_rules(ruleset, settings, options)
    for rule in rules:
        rule.build()
    return configs, ruleset, settings, rules


def time_rules(rules, doc, options: Options, settings, into: dict[str, float]) -> None:
    ctx = Context(options.as_of, "--as-of", settings.accept, settings.reject, settings.settings,
                  settings.accept_folded)
    for rule in rules:
        started = time.process_time()
        list(rule.build().check(doc, ctx))
        into[rule.id] = into.get(rule.id, 0.0) + time.process_time() - started


if __name__ == "__main__":
    main()
