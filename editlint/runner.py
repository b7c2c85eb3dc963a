"""`editlint check`: collect files, find configs, load rules once per config, check, report."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from editlint.config import Config, default_config, find_config, load_config, parse_date
from editlint.engine import Options, RuleSet, check_document, load_ruleset, read_article
from editlint.errors import EditlintError
from editlint.findings import SEVERITY_RANK, Finding

ARTICLE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".txt")
SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox"}


@dataclass
class Target:
    display: str  # the path as given (or as found under a folder given)
    path: Path | None  # None for stdin
    explicit: bool  # named on the command line (not found by walking a folder)


def collect(paths: list[str], errors: list[str]) -> list[Target]:
    targets: list[Target] = []
    for raw in paths:
        if raw == "-":
            targets.append(Target("-", None, True))
            continue
        p = Path(raw)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
                for name in sorted(files):
                    if name.lower().endswith(ARTICLE_SUFFIXES):
                        full = Path(root) / name
                        targets.append(Target(str(full), full, False))
        elif p.exists() or p.is_symlink():
            targets.append(Target(raw, p, True))
        else:
            errors.append(f"{raw}: no such file or folder")
    return targets


class Configs:
    """Config and rule set per folder, each loaded once per run."""

    def __init__(self, forced: Path | None, extra_rules: list[Path]) -> None:
        self.forced = forced
        self.extra = extra_rules
        self.by_file: dict[Path | None, Config] = {}
        self.rulesets: dict[Path | None, RuleSet] = {}
        self.dir_cache: dict[Path, Path | None] = {}

    def config_for(self, path: Path | None) -> Config:
        if self.forced is not None:
            where = self.forced
        elif path is None:
            where = find_config(Path.cwd())
        else:
            folder = path.parent.resolve()
            if folder not in self.dir_cache:
                self.dir_cache[folder] = find_config(folder)
            where = self.dir_cache[folder]
        if where not in self.by_file:
            self.by_file[where] = load_config(where) if where else default_config()
        return self.by_file[where]

    def ruleset_for(self, config: Config) -> RuleSet:
        if config.path not in self.rulesets:
            self.rulesets[config.path] = load_ruleset(config, self.extra)
        return self.rulesets[config.path]


def run_check(paths, fmt, fail_on, min_severity, as_of, config_path, extra_rules, select,
              ignore, fix, stdin_filename, color, diff_ref=None) -> int:
    from editlint.formatters import Report, render

    errors: list[str] = []
    as_of_date = None
    if as_of is not None:
        as_of_date = parse_date(as_of)
        if as_of_date is None or len(as_of.strip()) != 10:
            _error(f"--as-of: {as_of!r} is not a date (YYYY-MM-DD)")
            return 2
    if config_path is not None and not config_path.is_file():
        _error(f"{config_path}: config file not found")
        return 2
    options = Options(as_of=as_of_date, select=select, ignore=ignore, min_severity=min_severity)
    configs = Configs(config_path, extra_rules)
    # load the config (and rules) that apply to the working folder up front: a broken rule
    # file is an error for the whole run, reported once
    try:
        configs.ruleset_for(configs.config_for(None if config_path else Path.cwd() / "x"))
    except EditlintError as exc:
        _error(str(exc))
        return 2
    changes = None
    if diff_ref is not None:
        from editlint.gitdiff import changes_since

        try:
            changes = changes_since(diff_ref)
        except EditlintError as exc:
            _error(str(exc))
            return 2
    targets = collect(paths, errors)
    for e in errors:
        _error(e)
    if changes is not None:  # unchanged files cannot have findings on changed lines
        changed = set(changes.changed_files())
        targets = [t for t in targets if t.path is None or t.path.resolve() in changed]
    findings: list[Finding] = []
    sources: dict[str, str] = {}
    checked = 0
    used_rules: dict[str, object] = {}
    config_failed = False
    for target in targets:
        try:
            config = configs.config_for(target.path)
            if target.path is not None and not target.explicit and config.excluded(target.path):
                continue
            ruleset = configs.ruleset_for(config)
        except EditlintError as exc:
            msg = str(exc)
            if msg not in errors:
                errors.append(msg)
                _error(msg)
            config_failed = True
            continue
        try:
            doc = _read(target, stdin_filename)
            settings = config.for_file(target.path or Path.cwd() / (stdin_filename or "stdin"))
            found = check_document(doc, ruleset, settings, options)
        except EditlintError as exc:
            errors.append(str(exc))
            _error(str(exc))
            continue
        checked += 1
        for rule in ruleset.rules:
            used_rules.setdefault(rule.id, rule)
        if changes is not None and target.path is not None:
            found = [f for f in found if changes.touches(target.path, f.line, f.end_line)]
        if fix and target.path is not None:
            found = _fix(target, doc, found, errors)
        findings.extend(found)
        if fmt == "html" or (fmt == "text" and found):
            sources[doc.path] = doc.text
    findings.sort(key=lambda f: (f.path, f.line, f.column, f.rule, f.end_line, f.end_column))
    if color is None:
        color = fmt == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    report = Report(findings, checked, errors, list(used_rules.values()), bool(color), sources)
    out = render(fmt, report)
    try:
        sys.stdout.write(out)
        sys.stdout.flush()
    except BrokenPipeError:
        pass
    if errors or config_failed:
        return 2
    if fail_on == "never":
        return 0
    floor = SEVERITY_RANK[fail_on]
    return 1 if any(SEVERITY_RANK[f.severity] >= floor for f in findings) else 0


def _read(target: Target, stdin_filename: str | None):
    from editlint.document import Document, guess_format
    from editlint.engine import decode_article

    if target.path is None:
        data = sys.stdin.buffer.read()
        text, bom, encoding = decode_article(data, "-")
        return Document(text, "-", guess_format(stdin_filename or "stdin.txt"), bom, encoding)
    return read_article(target.path, target.display)


def _fix(target: Target, doc, found: list[Finding], errors: list[str]) -> list[Finding]:
    """Apply safe fixes; the findings fixed are no longer reported."""
    from editlint.fix import fix_file

    try:
        applied, skipped = fix_file(target.path, doc, found)
    except OSError as exc:
        msg = f"{target.display}: cannot write fixes: {exc.strerror or exc}"
        errors.append(msg)
        _error(msg)
        return found
    done = set(applied)
    for f in skipped:
        _error(f"{f.path}:{f.line}:{f.column}: fix for {f.rule} not applied (overlaps another "
               "fix); run --fix again", level="note")
    return [f for f in found if f not in done]


def _error(message: str, level: str = "error") -> None:
    print(f"editlint: {level}: {message}" if level != "error" else f"editlint: {message}",
          file=sys.stderr)


def load_for_listing(config_path: Path | None, extra_rules: list[Path], show_all: bool):
    if config_path is not None:
        config = load_config(config_path)
    else:
        where = find_config(Path.cwd())
        config = load_config(where) if where else default_config()
    if show_all:
        from editlint.engine import builtin_packs

        config.packs = {name: True for name in builtin_packs()} | (
            {} if not show_all else {})
    ruleset = load_ruleset(config, extra_rules)
    return ruleset, config
