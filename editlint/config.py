"""The newsroom config (.editlint.yaml): found by walking up from each checked file.

Top-level keys (all optional):
  packs:     {pack: true|false}  built-in packs on or off (see `editlint rules`)
  rules:     [path, ...]         extra rule files or folders, relative to the config
  disable:   [rule id or category, ...]
  severity:  {rule id: error|warning|info}
  accept:    [word, ...] or {words: [...], files: [...]}   never flagged as typo/name
  reject:    [word, ...] or {words: [...], files: [...]}   always flagged
  as_of:     YYYY-MM-DD          the article date when front matter has none
  exclude:   [glob, ...]         paths never checked (relative to the config)
  settings:  {name: value}       switches read by rule kinds (e.g. titles_verify_unknown)
  overrides: [{files: [glob], disable, severity, accept, reject, as_of, settings}]
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from editlint.errors import ConfigError
from editlint.kinds.base import Opt
from editlint.rules import _Reporter, check_mapping, read_yaml

# typing costs ~2 ms of start-up; annotations are strings here, so it is needed only by checkers
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

CONFIG_NAMES = (".editlint.yaml", ".editlint.yml", "editlint.yaml")

_WORDS = Opt("any", None)
_SHARED = {
    "disable": Opt("list[str]", []),
    "severity": Opt("map[str,str]", {}),
    "accept": _WORDS,
    "reject": _WORDS,
    "as_of": Opt("any", None),
    "settings": Opt("map", {}),
}
SPEC: dict[str, Opt] = {
    "packs": Opt("map", {}),
    "rules": Opt("list[str]", []),
    "exclude": Opt("list[str]", []),
    "overrides": Opt("list", []),
    **_SHARED,
}
OVERRIDE_SPEC: dict[str, Opt] = {"files": Opt("list[str]"), **_SHARED}


@dataclass
class Settings:
    """What applies to one article: the config's settings merged with matching overrides."""

    disable: frozenset[str] = frozenset()
    severity: dict[str, str] = field(default_factory=dict)
    accept: frozenset[str] = frozenset()
    reject: frozenset[str] = frozenset()
    as_of: _dt.date | None = None
    settings: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # accepted words are compared case-insensitively by every kind: fold them once here,
        # not once per article
        self.accept_folded = frozenset(w.lower() for w in self.accept)


@dataclass
class Config:
    path: Path | None
    root: Path
    packs: dict[str, bool] = field(default_factory=dict)
    rules: list[Path] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    base: Settings = field(default_factory=Settings)
    overrides: list[tuple[list[str], dict]] = field(default_factory=list)

    def for_file(self, path: Path) -> Settings:
        if not self.overrides:
            return self.base
        rel = _relative(path, self.root)
        out = self.base
        for globs, values in self.overrides:
            if any(_glob_match(rel, g) for g in globs):
                out = replace(
                    out,
                    disable=out.disable | values["disable"],
                    severity={**out.severity, **values["severity"]},
                    accept=out.accept | values["accept"],
                    reject=out.reject | values["reject"],
                    as_of=values["as_of"] or out.as_of,
                    settings={**out.settings, **values["settings"]},
                )
        return out

    def excluded(self, path: Path) -> bool:
        if not self.exclude:  # the common case: no path resolved (a system call per folder)
            return False
        rel = _relative(path, self.root)
        return any(_glob_match(rel, g) for g in self.exclude)


def default_config(root: Path | None = None) -> Config:
    return Config(None, (root or Path.cwd()).resolve())


def find_config(start: Path) -> Path | None:
    """The nearest config file in `start` or a folder above it."""
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            if path.is_file():
                return path
    return None


def load_config(path: Path) -> Config:
    loaded = read_yaml(path)
    report = _Reporter(str(path), loaded)
    data = loaded.data if loaded.data is not None else {}
    values = check_mapping(data, SPEC, "the config", report)
    root = path.parent.resolve()
    packs = {}
    for name, on in values["packs"].items():
        if not isinstance(on, bool):
            report.fail(f"packs: '{name}' must be true or false", ("packs", name))
        packs[str(name)] = on
    config = Config(path, root, packs=packs, exclude=values["exclude"])
    for i, rel in enumerate(values["rules"]):
        target = (root / rel).resolve()
        if target != root and root not in target.parents:
            report.fail(f"rules: '{rel}' is outside the config's folder {root}", ("rules", i))
        if not target.exists():
            report.fail(f"rules: '{rel}' does not exist (relative to {root})", ("rules", i))
        config.rules.append(target)
    config.base = _settings(values, report, (), root)
    for i, item in enumerate(values["overrides"]):
        ov = check_mapping(item, OVERRIDE_SPEC, "an override", report, ("overrides", i))
        s = _settings(ov, report, ("overrides", i), root)
        config.overrides.append((ov["files"], {
            "disable": s.disable, "severity": s.severity, "accept": s.accept,
            "reject": s.reject, "as_of": s.as_of, "settings": s.settings}))
    return config


def _settings(values: dict, report: _Reporter, at: tuple, root: Path) -> Settings:
    from editlint.findings import SEVERITIES

    for rule_id, level in values["severity"].items():
        if level not in SEVERITIES:
            report.fail(f"severity of '{rule_id}' must be one of {', '.join(SEVERITIES)}",
                        at + ("severity", rule_id))
    as_of = values["as_of"]
    if as_of is not None:
        as_of = parse_date(as_of)
        if as_of is None:
            report.fail("as_of must be a date (YYYY-MM-DD)", at + ("as_of",))
    return Settings(
        disable=frozenset(values["disable"]),
        severity=dict(values["severity"]),
        accept=_word_list(values["accept"], report, at + ("accept",), root),
        reject=_word_list(values["reject"], report, at + ("reject",), root),
        as_of=as_of,
        settings=dict(values["settings"]),
    )


def _word_list(value: Any, report: _Reporter, at: tuple, root: Path) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return frozenset(v.strip() for v in value if v.strip())
    if isinstance(value, dict) and set(value) <= {"words", "files"}:
        words = set(_word_list(value.get("words") or [], report, at + ("words",), root))
        for i, rel in enumerate(value.get("files") or []):
            if not isinstance(rel, str):
                report.fail("files: entries must be paths", at + ("files", i))
            target = (root / rel).resolve()
            if root not in target.parents:
                report.fail(f"'{rel}' is outside the config's folder", at + ("files", i))
            try:
                text = target.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as exc:
                report.fail(f"cannot read word list '{rel}': {exc}", at + ("files", i))
            words.update(line.split("#", 1)[0].strip() for line in text.splitlines())
        words.discard("")
        return frozenset(words)
    report.fail("must be a list of words, or a mapping with 'words' and 'files'", at)
    raise AssertionError  # unreachable: fail raises


def parse_date(value: Any) -> _dt.date | None:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def _relative(path: Path, root: Path) -> str:
    import os

    try:
        full = path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: judge the path as written
        full = Path(os.path.abspath(path))
    try:
        return full.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _glob_match(rel: str, pattern: str) -> bool:
    """fnmatch with '**' spanning folders and a bare name matching at any depth."""
    import fnmatch  # only when a config has globs: keeps it off the start-up path
    pattern = pattern.rstrip("/")
    if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(rel, pattern + "/*"):
        return True
    if "/" not in pattern:
        return any(fnmatch.fnmatch(part, pattern) for part in rel.split("/"))
    if pattern.startswith("**/"):
        return _glob_match(rel, pattern[3:]) or any(
            fnmatch.fnmatch("/".join(rel.split("/")[i:]), pattern[3:])
            for i in range(len(rel.split("/"))))
    return False


def raise_config(message: str, path: Path | None = None) -> None:
    raise ConfigError(message, str(path) if path else None)
