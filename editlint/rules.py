"""Rule files: the common header, strict validation with positions, pack loading.

A rule file holds one rule (a mapping) or several (a list of mappings). A pack is a folder
of rule files with an optional `pack.yaml` ({description, default, include}). Every error
names file:line:col; a near-miss key names the key that was probably meant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from editlint.errors import ConfigError
from editlint.findings import CATEGORIES, SEVERITIES
from editlint.kinds import KINDS, get_kind
from editlint.kinds.base import REQUIRED, Opt
from editlint.yamlio import Loaded, YamlSyntaxError, load_text

# typing costs ~2 ms of start-up; annotations are strings here, so it is needed only by checkers
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

SCOPES = ("text", "paragraph", "sentence", "heading", "title")
QUOTES = ("skip", "include", "only")
RULE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
MAX_RULE_FILE_BYTES = 32 * 1024 * 1024

HEADER: dict[str, Opt] = {
    "id": Opt("str", doc="unique rule id, e.g. house.us-spelling"),
    "kind": Opt("str", choices=tuple(KINDS), doc="which kind of check"),
    "category": Opt("str", "style", choices=CATEGORIES),
    "severity": Opt("str", "warning", choices=SEVERITIES),
    "message": Opt("str", doc="what to say; {match} and {fix} are filled in"),
    "scope": Opt("str", "text", choices=SCOPES),
    "quotes": Opt("str", None, choices=QUOTES),
    "link": Opt("str", None),
    "description": Opt("str", None),
    "safe_fix": Opt("bool", None, doc="may --fix apply this rule's fixes?"),
    "examples": Opt("map", None, doc="{flag: [...], ok: [...]} run by the test suite"),
}


@dataclass
class Rule:
    id: str
    kind: str
    category: str
    severity: str
    message: str
    scope: str
    quotes: str
    link: str | None
    description: str | None
    safe_fix: bool
    examples: dict
    options: dict[str, Any]
    source: str = ""
    line: int = 0
    folder: str = ""
    checker: Any = field(default=None, repr=False, compare=False)

    def build(self):
        """The kind instance that checks articles for this rule (built once, on first use)."""
        if self.checker is None:
            try:
                self.checker = get_kind(self.kind)(self)
            except ConfigError:
                raise
            except (ValueError, re.error, KeyError, TypeError, OSError) as exc:
                raise ConfigError(f"rule '{self.id}': {exc}", self.source, self.line) from None
        return self.checker


# ---------------------------------------------------------------------------------------------
# validation


class _Reporter:
    def __init__(self, path: str, loaded: Loaded) -> None:
        self.path = path
        self.loaded = loaded

    def fail(self, message: str, at: tuple = (), key: bool = False):
        where = self.loaded.key_where(at) if key else self.loaded.where(at)
        line, col = where if where else (None, None)
        raise ConfigError(message, self.path, line, col)


def check_value(value: Any, opt: Opt, name: str, report: _Reporter, at: tuple) -> Any:
    """Check one value against its spec; return it (normalised)."""
    t = opt.type
    ok = True
    if t == "str":
        ok = isinstance(value, str)
    elif t == "int":
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif t == "float":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        value = float(value) if ok else value
    elif t == "bool":
        ok = isinstance(value, bool)
    elif t in ("list[str]", "path-list"):
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
    elif t == "map[str,str]":
        ok = isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str)
                                             for k, v in value.items())
    elif t == "list":
        ok = isinstance(value, list)
    elif t == "map":
        ok = isinstance(value, dict)
    elif t == "path":
        ok = isinstance(value, str)
    if not ok:
        report.fail(f"'{name}' must be {_describe(t)}, not {_type_name(value)}", at)
    if opt.choices is not None and value is not None and value not in opt.choices:
        hint = _near(str(value), [str(c) for c in opt.choices])
        report.fail(f"'{name}' must be one of {', '.join(map(str, opt.choices))}, not "
                    f"{value!r}{hint}", at)
    if opt.minimum is not None and value < opt.minimum:
        report.fail(f"'{name}' must be at least {opt.minimum}", at)
    if opt.maximum is not None and value > opt.maximum:
        report.fail(f"'{name}' must be at most {opt.maximum}", at)
    return value


def check_mapping(data: Any, spec: dict[str, Opt], what: str, report: _Reporter,
                  at: tuple = ()) -> dict[str, Any]:
    """Validate a mapping against a spec: unknown keys, missing keys, types, choices."""
    if not isinstance(data, dict):
        report.fail(f"{what} must be a mapping, not {_type_name(data)}", at)
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key not in spec:
            hint = _near(str(key), list(spec))
            report.fail(f"unknown key '{key}' in {what}{hint}", at + (key,), key=True)
        out[key] = check_value(value, spec[key], str(key), report, at + (key,))
    for key, opt in spec.items():
        if key not in out:
            if opt.default is REQUIRED:
                report.fail(f"{what} is missing required key '{key}'", at)
            out[key] = opt.default
    return out


def _near(word: str, options: list[str]) -> str:
    import difflib  # only when a key is wrong

    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _describe(t: str) -> str:
    return {"str": "a string", "int": "a whole number", "float": "a number", "bool": "true or false",
            "list[str]": "a list of strings", "map[str,str]": "a mapping of strings to strings",
            "list": "a list", "map": "a mapping", "path": "a file path",
            "path-list": "a list of file paths"}.get(t, t)


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    return {str: "a string", int: "a number", float: "a number", bool: "true/false",
            list: "a list", dict: "a mapping"}.get(type(value), type(value).__name__)


# ---------------------------------------------------------------------------------------------
# loading


def read_yaml(path: Path) -> Loaded:
    """Parse a rule or config file with positions (cached on disk by path, size and mtime)."""
    from editlint.cache import cached

    data, positions = cached(path, "yaml-positions", lambda: _parse_yaml(path))
    return Loaded(data, positions)


def _parse_yaml(path: Path) -> tuple:
    try:
        size = path.stat().st_size
        if size > MAX_RULE_FILE_BYTES:
            raise ConfigError(f"file is too large ({size} bytes; at most {MAX_RULE_FILE_BYTES})",
                              str(path))
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not UTF-8 text (byte {exc.start})", str(path)) from None
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror or exc}", str(path)) from None
    try:
        loaded = load_text(text)
    except YamlSyntaxError as exc:
        raise ConfigError(f"invalid YAML: {exc.problem}", str(path), exc.line, exc.column) from None
    return loaded.data, loaded.positions


def load_rule_file(path: Path, build: bool = True) -> list[Rule]:
    """The rules of one file, validated; `build=False` leaves building the kinds to first use."""
    loaded = read_yaml(path)
    report = _Reporter(str(path), loaded)
    data = loaded.data
    if data is None:
        return []
    items = data if isinstance(data, list) else [data]
    base: tuple = () if isinstance(data, list) is False else ()
    rules = []
    for i, item in enumerate(items):
        at = (i,) if isinstance(data, list) else base
        rules.append(parse_rule(item, report, at, path, build))
    return rules


def parse_rule(item: Any, report: _Reporter, at: tuple, path: Path, build: bool = True) -> Rule:
    if not isinstance(item, dict):
        report.fail(f"a rule must be a mapping, not {_type_name(item)}", at)
    kind_name = item.get("kind")
    if not isinstance(kind_name, str):
        report.fail("a rule needs 'kind' (one of: " + ", ".join(KINDS) + ")", at)
    if kind_name not in KINDS:
        report.fail(f"unknown kind '{kind_name}'{_near(kind_name, list(KINDS))}; kinds: "
                    + ", ".join(KINDS), at + ("kind",))
    kind = get_kind(kind_name)
    spec = dict(HEADER)
    spec.update(kind.options)
    values = check_mapping(item, spec, f"rule of kind '{kind_name}'", report, at)
    if not RULE_ID.match(values["id"]):
        report.fail(f"rule id {values['id']!r} may hold only letters, digits, '.', '_' and '-'",
                    at + ("id",))
    options = {k: values[k] for k in kind.options}
    folder = path.parent.resolve()
    for name, opt in kind.options.items():
        if opt.type == "path" and options[name] is not None:
            options[name] = str(_contained(folder, options[name], report, at + (name,)))
        elif opt.type == "path-list" and options[name]:
            options[name] = [str(_contained(folder, p, report, at + (name, j)))
                             for j, p in enumerate(options[name])]
    for option, problem in kind.validate(options):
        report.fail(problem, at + (option,) if option else at)
    examples = values["examples"] or {}
    _check_examples(examples, report, at + ("examples",))
    line = (report.loaded.where(at) or (0, 0))[0]
    quotes = values["quotes"] or kind.default_quotes
    safe_fix = values["safe_fix"] if values["safe_fix"] is not None else kind.default_safe_fix
    rule = Rule(values["id"], kind_name, values["category"], values["severity"],
                values["message"], values["scope"], quotes, values["link"],
                values["description"], safe_fix, examples, options, str(path), line, str(folder))
    if build:
        try:
            rule.build()
        except ConfigError as exc:
            report.fail(exc.message, at)
    return rule


def _check_examples(examples: dict, report: _Reporter, at: tuple) -> None:
    for key, value in examples.items():
        if key not in ("flag", "ok"):
            report.fail(f"unknown key '{key}' in examples{_near(str(key), ['flag', 'ok'])}",
                        at + (key,), key=True)
        if not isinstance(value, list):
            report.fail(f"examples '{key}' must be a list", at + (key,))
        for j, ex in enumerate(value):
            if isinstance(ex, str):
                continue
            if not isinstance(ex, dict) or not isinstance(ex.get("text"), str) or \
                    set(ex) - {"text", "as_of", "fix", "format", "count", "settings"}:
                report.fail("an example is a string or a mapping with 'text' (and optionally "
                            "'as_of', 'fix', 'format', 'count', 'settings')", at + (key, j))


def _contained(folder: Path, relative: str, report: _Reporter, at: tuple) -> Path:
    """Resolve a data file named by a rule; it must stay inside the rule's folder."""
    target = (folder / relative).resolve()
    if target != folder and folder not in target.parents:
        report.fail(f"'{relative}' is outside the rule's folder {folder}", at)
    if not target.is_file():
        report.fail(f"file '{relative}' does not exist (looked in {folder})", at)
    return target


PACK_SPEC = {
    "description": Opt("str", ""),
    "default": Opt("bool", True, doc="on unless the config says otherwise"),
    "include": Opt("list[str]", [], doc="other pack folders or rule files, relative to this one"),
}


def pack_meta(folder: Path) -> dict:
    meta_path = folder / "pack.yaml"
    if not meta_path.is_file():
        return {"description": "", "default": True, "include": []}
    loaded = read_yaml(meta_path)
    return check_mapping(loaded.data or {}, PACK_SPEC, "pack.yaml", _Reporter(str(meta_path), loaded))


def rule_files(path: Path, seen: set[Path] | None = None) -> list[Path]:
    """The rule files of a file or a pack folder (following pack includes, each once)."""
    seen = set() if seen is None else seen
    real = path.resolve()
    if real in seen:
        return []  # a pack that includes itself (directly or in a cycle) is read once
    seen.add(real)
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise ConfigError("no such rule file or folder", str(path))
    files = sorted(p for p in path.iterdir()
                   if p.suffix in (".yaml", ".yml") and p.name not in ("pack.yaml", "pack.yml")
                   and p.is_file() and not p.name.startswith("."))
    for p in files:  # a symlink must not smuggle a file from elsewhere into the pack
        if not _inside(p.resolve(), real):
            raise ConfigError(f"rule file links outside its pack ({p.resolve()})", str(p))
    meta = pack_meta(path)
    for inc in meta["include"]:
        # a pack may include itself, its own subfolders or sibling packs, never files further
        # up the tree (a shared rule folder must not read /etc or a home folder)
        if not _inside((path / inc).resolve(), real.parent):
            raise ConfigError(f"include '{inc}' is outside {real.parent}",
                              str(path / "pack.yaml"))
        files.extend(rule_files(path / inc, seen))
    return files


def _inside(target: Path, folder: Path) -> bool:
    return target == folder or folder in target.parents
