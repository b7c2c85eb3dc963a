"""The engine: load the active rules once, read each article, run every rule, make findings."""

from __future__ import annotations

import datetime as _dt
import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from editlint.config import Config, Settings
from editlint.document import Document
from editlint.errors import ConfigError, EditlintError, InputError
from editlint.findings import SEVERITY_RANK, Finding, Match
from editlint.rules import Rule, load_rule_file, pack_meta, rule_files

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
MAX_ARTICLE_BYTES = 256 * 1024 * 1024


def builtin_rules_dir() -> Path:
    """rules/ ships inside the package as editlint/packs; a source checkout has it at the top."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "packs", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise ConfigError("the built-in rules folder is missing from this installation")


def builtin_packs() -> dict[str, Path]:
    root = builtin_rules_dir()
    return {p.name: p for p in sorted(root.iterdir()) if p.is_dir() and not p.name.startswith((".", "_"))}


@dataclass
class RuleSet:
    rules: list[Rule]
    packs: dict[str, bool] = field(default_factory=dict)

    def by_id(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)


def load_ruleset(config: Config, extra: list[Path] = (), want=None) -> RuleSet:
    """Every rule of the active packs and extra files, validated.

    Rules for which `want(rule)` is true are built now (so a rule that cannot load is an
    error before any file is checked); the others are built on first use, so that
    `--select core` does not pay for loading the data of other kinds.
    """
    packs = builtin_packs()
    for name in config.packs:
        if name not in packs:
            raise ConfigError(f"packs: unknown pack '{name}' (built-in packs: {', '.join(packs)})",
                              str(config.path))
    files: list[Path] = []
    seen: set[Path] = set()
    active: dict[str, bool] = {}
    for name, folder in packs.items():
        on = config.packs.get(name, pack_meta(folder)["default"])
        active[name] = on
        if on:
            files.extend(rule_files(folder, seen))
    for path in [*config.rules, *extra]:
        files.extend(rule_files(Path(path), seen))
    rules: list[Rule] = []
    where: dict[str, Rule] = {}
    for path in files:
        for rule in load_rule_file(path, build=False):
            if rule.id in where:
                first = where[rule.id]
                raise ConfigError(f"duplicate rule id '{rule.id}' (first defined in "
                                  f"{first.source}:{first.line})", rule.source, rule.line)
            where[rule.id] = rule
            rules.append(rule)
    for rule in rules:
        if want is None or want(rule):
            rule.build()
    return RuleSet(rules, active)


# ---------------------------------------------------------------------------------------------
# reading articles


def decode_article(data: bytes, path: str) -> tuple[str, bool, str]:
    """(text, had_bom, encoding); raises InputError for binary or undecodable input."""
    if data.startswith(b"\xef\xbb\xbf"):
        data, bom, encoding = data[3:], True, "utf-8"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
        try:
            return data[2:].decode(encoding), True, encoding
        except UnicodeDecodeError as exc:
            raise InputError(f"invalid UTF-16 at byte {exc.start + 2}", path) from None
    else:
        bom, encoding = False, "utf-8"
    if b"\x00" in data[:8192]:
        raise InputError("binary file (contains NUL bytes), not checked", path)
    try:
        return data.decode("utf-8"), bom, encoding
    except UnicodeDecodeError as exc:
        offset = exc.start + (3 if bom else 0)
        raise InputError(f"not valid UTF-8 at byte {offset}: only UTF-8 (or UTF-16 with a BOM) "
                         "articles are checked", path) from None


def read_article(path: Path, display: str, fmt: str | None = None) -> Document:
    data = _read_bytes(path, display)
    text, bom, encoding = decode_article(data, display)
    return Document(text, display, fmt or _format_for(path.name), bom=bom, encoding=encoding)


# non-blocking: opening a FIFO must not wait for a writer (reads of a regular file ignore it)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def _read_bytes(path: Path, display: str) -> bytes:
    """The file's bytes, read through one descriptor (open, fstat, read: half the system
    calls of stat() then read_bytes()); only a regular file of at most MAX_ARTICLE_BYTES."""
    import stat

    try:
        fd = os.open(path, _OPEN_FLAGS)
    except IsADirectoryError:
        raise InputError("is a folder, not a file", display) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", display) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):  # opening a folder read-only succeeds on Linux
            raise InputError("is a folder, not a file", display)
        if not stat.S_ISREG(st.st_mode):  # a FIFO or device would block or never end
            raise InputError("not a regular file, not checked", display)
        if st.st_size > MAX_ARTICLE_BYTES:
            raise InputError(f"file is too large to check ({st.st_size} bytes)", display)
        chunks = []
        read = 0
        # until the end of the file, which may have grown since fstat, but not past the limit
        while chunk := os.read(fd, max(st.st_size + 1 - read, 1 << 16)):
            chunks.append(chunk)
            read += len(chunk)
            if read > MAX_ARTICLE_BYTES:
                raise InputError(f"file is too large to check (over {MAX_ARTICLE_BYTES} bytes)",
                                 display)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", display) from None
    finally:
        os.close(fd)


def _format_for(name: str) -> str:
    from editlint.document import guess_format

    return guess_format(name)


# ---------------------------------------------------------------------------------------------
# checking


@dataclass
class Options:
    """Run-wide choices from the command line."""

    as_of: _dt.date | None = None
    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    min_severity: str = "info"


def rule_selected(rule: Rule, names: frozenset[str]) -> bool:
    return any(n == rule.id or n == rule.category or rule.id.startswith(n + ".") or n == rule.kind
               for n in names)


def active_rules(ruleset: RuleSet, settings: Settings, options: Options) -> list[Rule]:
    rules = []
    for rule in ruleset.rules:
        if rule_selected(rule, settings.disable):
            continue
        if options.select and not rule_selected(rule, options.select):
            continue
        if options.ignore and rule_selected(rule, options.ignore):
            continue
        rules.append(rule)
    return rules


def article_date(doc: Document, settings: Settings, options: Options) -> tuple[_dt.date, str]:
    if doc.date is not None:
        return doc.date, "front matter"
    if options.as_of is not None:
        return options.as_of, "--as-of"
    if settings.as_of is not None:
        return settings.as_of, "config as_of"
    return _dt.date.today(), "today"


def check_document(doc: Document, ruleset: RuleSet, settings: Settings,
                   options: Options) -> list[Finding]:
    """Every finding for one article, suppressions and filters applied, sorted."""
    from editlint.kinds.base import Context

    date, source = article_date(doc, settings, options)
    ctx = Context(date, source, settings.accept, settings.reject, settings.settings,
                  settings.accept_folded)
    findings: list[Finding] = []
    for rule in active_rules(ruleset, settings, options):
        severity = settings.severity.get(rule.id, rule.severity)
        try:
            for match in rule.build().check(doc, ctx):
                findings.append(make_finding(doc, rule, match, severity))
        except EditlintError:
            raise
        except Exception as exc:  # noqa: BLE001 - a kind's bug must not become a traceback
            from editlint.kinds._patterns import PatternTimeout

            if isinstance(exc, PatternTimeout):
                raise ConfigError(f"rule '{rule.id}': pattern {exc} took too long (catastrophic "
                                  "backtracking?); fix or remove it", rule.source, rule.line) from None
            raise EditlintError(f"internal error in rule '{rule.id}': "
                                f"{type(exc).__name__}: {exc}", doc.path) from None
    findings.extend(_structure_findings(doc))
    if settings.reject:
        findings.extend(_reject_findings(doc, settings.reject))
    if settings.accept:
        accepted = settings.accept_folded
        findings = [f for f in findings if not (f.category in ("typo", "name") and
                                                _bare(f.text).lower() in accepted)]
    findings = suppress(doc, findings)
    floor = SEVERITY_RANK[options.min_severity]
    findings = [f for f in findings if SEVERITY_RANK[f.severity] >= floor]
    return sorted(set(findings), key=lambda f: (f.line, f.column, f.rule, f.end_line,
                                                f.end_column, f.message))


def make_finding(doc: Document, rule: Rule, match: Match, severity: str) -> Finding:
    start, end = match.start, max(match.end, match.start)
    line, col = doc.position(start)
    end_line, end_col = doc.position(end)
    text = doc.text[start:end]
    values = {"match": text, "fix": match.fix if match.fix is not None else ""}
    if match.values:
        values.update(match.values)
    message = match.message or _PLACEHOLDER.sub(
        lambda m: str(values[m[1]]) if m[1] in values else m[0], rule.message)
    safe = rule.safe_fix if match.fix_safe is None else (match.fix_safe and rule.safe_fix)
    return Finding(doc.path, line, col, end_line, end_col, rule.id, rule.category, severity,
                   message, text, match.fix, start, end, safe and match.fix is not None, rule.link)


def _bare(word: str) -> str:
    for suffix in ("'s", "’s", "'", "’"):
        if word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _structure_findings(doc: Document) -> list[Finding]:
    out = []
    for p in doc.problems:
        line, col = doc.position(p.start)
        end_line, end_col = doc.position(p.end)
        out.append(Finding(doc.path, line, col, end_line, end_col, "editlint.front-matter",
                           "style", "warning", p.message, doc.text[p.start:p.end], None,
                           p.start, p.end))
    return out


@functools.lru_cache(maxsize=8)
def _reject_pattern(words: frozenset[str]):
    from editlint.kinds._patterns import literal_pattern

    return literal_pattern(sorted(words), ignorecase=False)


def _reject_findings(doc: Document, words: frozenset[str]) -> list[Finding]:
    pattern = _reject_pattern(words)
    out = []
    for m in pattern.finditer(doc.mask):
        line, col = doc.position(m.start())
        end_line, end_col = doc.position(m.end())
        out.append(Finding(doc.path, line, col, end_line, end_col, "editlint.reject", "typo",
                           "error", f"'{m[0]}' is on the config's reject list", m[0], None,
                           m.start(), m.end()))
    return out


def suppress(doc: Document, findings: list[Finding]) -> list[Finding]:
    """Apply <!-- editlint-disable ... --> comments (by the line a finding starts on)."""
    if not doc.directives or not findings:
        return findings
    # for each directive: (first line, last line, rules); rules empty = every rule
    ranges: list[tuple[int, float, frozenset[str]]] = []
    open_ranges: dict[frozenset[str], int] = {}
    for d in doc.directives:
        if d.action == "disable-next-line":
            ranges.append((d.line + 1, d.line + 1, d.rules))
        elif d.action == "disable-line":
            ranges.append((d.line, d.line, d.rules))
        elif d.action == "disable":
            open_ranges.setdefault(d.rules, d.line)
        else:  # enable: closes the matching disable, or all when no ids are given
            for key in list(open_ranges):
                if not d.rules or key == d.rules or (key and key <= d.rules):
                    ranges.append((open_ranges.pop(key), d.line, key))
    for key, first in open_ranges.items():
        ranges.append((first, float("inf"), key))

    def hidden(f: Finding) -> bool:
        return any(lo <= f.line <= hi and (not ids or f.rule in ids or f.category in ids or
                                          any(f.rule.startswith(i + ".") for i in ids))
                   for lo, hi, ids in ranges)

    return [f for f in findings if not hidden(f)]
