"""`editlint check`: collect files, find configs, load rules once per config, check, report.

Files are checked one by one, or by `--jobs N` processes (this one and forked workers, see
pool.py; spawned workers off Linux); either way the output is identical and in the same order.
"""

from __future__ import annotations

import gc
import os
import stat
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from editlint.config import Config, default_config, find_config, load_config, parse_date
from editlint.engine import (
    Options,
    RuleSet,
    check_document,
    load_ruleset,
    read_article,
    rule_selected,
)
from editlint.errors import EditlintError
from editlint.findings import SEVERITY_RANK, Finding

ARTICLE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".txt")
SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox"}
# below this many files, starting worker processes costs more than it saves
PARALLEL_MIN_FILES = 24
PROGRESS_AFTER_S = 2.0
# --fix re-checks and fixes again while fixes uncover more (e.g. a repeated word, then spelling)
MAX_FIX_ROUNDS = 4


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
        try:
            folder = stat.S_ISDIR(os.stat(raw).st_mode)  # one system call per file named
        except (OSError, ValueError):
            folder = False
        if folder:
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
                for name in sorted(files):
                    if name.lower().endswith(ARTICLE_SUFFIXES):
                        full = Path(root) / name
                        targets.append(Target(str(full), full, False))
        elif os.path.lexists(raw):  # a broken link too: reading it gives the error
            targets.append(Target(raw, p, True))
        else:
            errors.append(f"{raw}: no such file or folder")
    return targets


class Configs:
    """Config and rule set per folder, each loaded once per run (per process)."""

    def __init__(self, forced: Path | None, extra_rules: list[Path],
                 options: Options | None = None) -> None:
        self.forced = forced
        self.extra = extra_rules
        self.options = options
        self.by_file: dict[Path | None, Config] = {}
        self.rulesets: dict[Path | None, RuleSet] = {}
        self.dir_cache: dict[Path, Path | None] = {}

    def config_for(self, path: Path | None) -> Config:
        if self.forced is not None:
            where = self.forced
        elif path is None:
            where = find_config(Path.cwd())
        else:
            # keyed by the folder as given: resolving it costs a system call per component,
            # and the files of a folder share it
            folder = path.parent
            if folder not in self.dir_cache:
                self.dir_cache[folder] = find_config(folder.resolve())
            where = self.dir_cache[folder]
        if where not in self.by_file:
            self.by_file[where] = load_config(where) if where else default_config()
        return self.by_file[where]

    def ruleset_for(self, config: Config) -> RuleSet:
        if config.path not in self.rulesets:
            options = self.options

            def wanted(rule) -> bool:  # active for this config's articles (overrides aside)
                if rule_selected(rule, config.base.disable):
                    return False
                if options is not None and options.select and not rule_selected(rule, options.select):
                    return False
                return options is None or not (options.ignore and rule_selected(rule, options.ignore))

            self.rulesets[config.path] = load_ruleset(config, self.extra, wanted)
        return self.rulesets[config.path]


@dataclass
class Job:
    """Everything a worker needs to check files (picklable)."""

    options: Options
    config_path: Path | None
    extra_rules: list[Path]
    fix: bool
    stdin_filename: str | None
    keep_source: str  # "all", "with-findings" or "none"
    changes: object = None  # gitdiff.Changes or None
    force_exclude: bool = False  # apply `exclude` to files named on the command line too


@dataclass
class Outcome:
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    checked: bool = False
    skipped: bool = False
    source: str | None = None
    path: str | None = None  # as reported in findings
    config_error: bool = False
    config_key: Path | None = None


class Checker:
    def __init__(self, job: Job, configs: Configs | None = None) -> None:
        self.job = job
        self.configs = configs or Configs(job.config_path, job.extra_rules, job.options)

    def check(self, target: Target) -> Outcome:
        out = Outcome()
        try:
            config = self.configs.config_for(target.path)
            explicit = target.explicit and not self.job.force_exclude
            if target.path is not None and not explicit and config.excluded(target.path):
                out.skipped = True
                return out
            ruleset = self.configs.ruleset_for(config)
        except EditlintError as exc:
            out.errors.append(str(exc))
            out.config_error = True
            return out
        out.config_key = config.path
        settings = config.for_file(target.path or Path.cwd() / (self.job.stdin_filename or "stdin"))
        try:
            doc = _read(target, self.job.stdin_filename)
            found = self._findings(target, doc, ruleset, settings)
            if self.job.fix and target.path is not None:
                doc, found = self._fix_until_settled(target, doc, found, ruleset, settings, out)
        except EditlintError as exc:
            out.errors.append(str(exc))
            return out
        out.checked = True
        out.path = doc.path
        out.findings = found
        keep = self.job.keep_source
        if keep == "all" or (keep == "with-findings" and found):
            out.source = doc.text
        return out

    def _findings(self, target: Target, doc, ruleset: RuleSet, settings) -> list[Finding]:
        found = check_document(doc, ruleset, settings, self.job.options)
        changes = self.job.changes
        if changes is not None and target.path is not None:
            found = [f for f in found if changes.touches(target.path, f.line, f.end_line)]
        return found

    def _fix_until_settled(self, target: Target, doc, found: list[Finding], ruleset: RuleSet,
                           settings, out: Outcome):
        """Apply safe fixes, re-check, and again while a fix uncovers another (a few rounds):
        one --fix run leaves the file as a second run would."""
        from editlint.fix import fix_file

        skipped: list[Finding] = []
        for _ in range(MAX_FIX_ROUNDS):
            try:
                applied, skipped = fix_file(target.path, doc, found)
            except OSError as exc:
                out.errors.append(f"{target.display}: cannot write fixes: {exc.strerror or exc}")
                return doc, found
            if not applied:
                break
            doc = _read(target, self.job.stdin_filename)
            found = self._findings(target, doc, ruleset, settings)
        for f in skipped:
            if f in found:
                out.notes.append(f"{f.path}:{f.line}:{f.column}: fix for {f.rule} not applied "
                                 "(it overlaps another fix)")
        return doc, found


# worker processes: one Checker each, built on first use
_WORKER: Checker | None = None


def _worker_init(job: Job) -> None:
    global _WORKER
    _WORKER = Checker(job)


def _worker_check(target: Target) -> Outcome:
    assert _WORKER is not None
    try:
        return _WORKER.check(target)
    except Exception as exc:  # noqa: BLE001 - report, never a traceback
        return Outcome(errors=[f"{target.display}: internal error: {type(exc).__name__}: {exc}"])


def run_check(paths, fmt, fail_on, min_severity, as_of, config_path, extra_rules, select,
              ignore, fix, stdin_filename, color, diff_ref=None, jobs=None, quiet=False,
              force_exclude=False) -> int:
    collecting = gc.isenabled()
    # start-up makes objects that live as long as the run (modules, rules, tables): the
    # collector would walk them again and again for nothing (~10 ms); it starts with the
    # checking (_check_from_here)
    gc.disable()
    try:
        return _run_check(paths, fmt, fail_on, min_severity, as_of, config_path, extra_rules,
                          select, ignore, fix, stdin_filename, color, diff_ref, jobs, quiet,
                          force_exclude)
    finally:
        gc.unfreeze()
        if collecting:
            gc.enable()
        else:
            gc.disable()


def _run_check(paths, fmt, fail_on, min_severity, as_of, config_path, extra_rules, select,
               ignore, fix, stdin_filename, color, diff_ref, jobs, quiet, force_exclude) -> int:
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
    configs = Configs(config_path, extra_rules, options)
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
        targets = [t for t in targets if t.path is None or _resolved(t.path) in changed]
    keep = "all" if fmt == "html" else "with-findings" if fmt == "text" else "none"
    job = Job(options, config_path, list(extra_rules), fix, stdin_filename, keep, changes,
              force_exclude)
    show_progress = (fmt == "text" and not quiet and sys.stderr.isatty()
                     and "EDITLINT_NO_PROGRESS" not in os.environ)

    findings: list[Finding] = []
    sources: dict[str, str] = {}
    checked = 0
    config_failed = False
    config_keys: set[Path | None] = set()
    progress = Progress(len(targets), enabled=show_progress)
    for outcome in _outcomes(job, configs, targets, jobs):
        progress.step()
        for msg in outcome.errors:
            if msg not in errors:
                errors.append(msg)
                _error(msg)
        for note in outcome.notes:
            _error(note, level="note")
        config_failed |= outcome.config_error
        if not outcome.checked:
            continue
        checked += 1
        config_keys.add(outcome.config_key)
        findings.extend(outcome.findings)
        if outcome.source is not None:
            sources[outcome.path] = outcome.source
    progress.done()
    findings.sort(key=lambda f: (f.path, f.line, f.column, f.rule, f.end_line, f.end_column))
    used_rules: dict[str, object] = {}
    for key in config_keys:
        for rule in configs.rulesets.get(key, RuleSet([])).rules:
            used_rules.setdefault(rule.id, rule)
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


def _outcomes(job: Job, configs: Configs, targets: list[Target], jobs: int | None):
    """Outcomes in target order, from this process or from worker processes."""
    if jobs is None:
        jobs = (os.cpu_count() or 1) if len(targets) >= PARALLEL_MIN_FILES else 1
    jobs = max(1, min(jobs, len(targets)))
    stdin = any(t.path is None for t in targets)
    if jobs == 1 or stdin:
        checker = Checker(job, configs)
        _check_from_here()
        for target in targets:
            yield checker.check(target)
        return
    if sys.platform.startswith("linux"):
        yield from _forked_outcomes(job, configs, targets, jobs)
        return
    # macOS and Windows: fork is unsafe or missing, so each worker starts afresh
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from editlint.pool import chunk_size

    context = multiprocessing.get_context("spawn")
    _check_from_here()
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_worker_init,
                             initargs=(job,)) as pool:
        yield from pool.map(_worker_check, targets, chunksize=chunk_size(len(targets), jobs))


def _forked_outcomes(job: Job, configs: Configs, targets: list[Target], jobs: int):
    """Outcomes in target order from this process and `jobs - 1` forked ones (pool.py).
    The forks start with the rules and their data already built here (no second start-up);
    modules that hold a database handle reopen it in a child (os.register_at_fork). This
    process runs no other thread, so no lock is held at the fork."""
    from editlint.pool import chunk_size, forked_map

    global _WORKER
    _WORKER = Checker(job, configs)
    _preload(configs)
    _check_from_here()
    try:
        yield from forked_map(_worker_check, targets, jobs, chunk_size(len(targets), jobs))
    finally:
        _WORKER = None


def _check_from_here() -> None:
    """Start collecting garbage, as checking makes short-lived objects. What start-up made
    (rules, tables) lives as long as the run: frozen, the collector never walks it again, nor
    touches its pages in forked workers (copy-on-write); run_check unfreezes it at the end."""
    gc.freeze()
    gc.enable()


def _preload(configs: Configs) -> None:
    """Let the built rules load their big tables whole once, here, for every worker."""
    for ruleset in configs.rulesets.values():
        for rule in ruleset.rules:
            if rule.checker is not None:
                rule.checker.preload()


class Progress:
    """A progress line on stderr (files done, files/s, time left), shown once a run is slow."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total = total
        self.enabled = enabled and total > 1
        self.done_count = 0
        self.started = time.monotonic()
        self.shown = False
        self.last = 0.0

    def step(self) -> None:
        self.done_count += 1
        if not self.enabled:
            return
        now = time.monotonic()
        elapsed = now - self.started
        if elapsed < PROGRESS_AFTER_S or now - self.last < 0.2:
            return
        self.last = now
        rate = self.done_count / elapsed
        left = (self.total - self.done_count) / rate if rate else 0
        width = 30
        filled = int(width * self.done_count / self.total)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done_count}/{self.total} "
                         f"files, {rate:.0f}/s, {left:.0f}s left ")
        sys.stderr.flush()
        self.shown = True

    def done(self) -> None:
        if self.shown:
            sys.stderr.write("\r" + " " * 70 + "\r")
            sys.stderr.flush()


def _resolved(path: Path) -> Path | None:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return None


def _read(target: Target, stdin_filename: str | None):
    from editlint.document import Document, guess_format
    from editlint.engine import decode_article

    if target.path is None:
        data = sys.stdin.buffer.read()
        text, bom, encoding = decode_article(data, "-")
        return Document(text, "-", guess_format(stdin_filename or "stdin.txt"), bom, encoding)
    return read_article(target.path, target.display)


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

        config.packs = {name: True for name in builtin_packs()}
    ruleset = load_ruleset(config, extra_rules)
    return ruleset, config
