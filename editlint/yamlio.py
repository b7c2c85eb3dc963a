"""Safe YAML loading with positions.

Rule files and configs are data, never code: any explicit tag that is not a plain YAML type
is rejected, duplicate keys are errors, and every value's line and column is kept (in a side
table keyed by its path) so that validation errors can name file:line:col. ruamel.yaml is
imported only here, and only when a YAML file actually has to be parsed.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

Path_ = tuple  # a path into the data: keys and list indices

# tags a data file may spell out explicitly (everything else could build objects)
_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in
               ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")}


class YamlSyntaxError(Exception):
    def __init__(self, problem: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line  # 1-based, relative to the parsed text
        self.column = column


@dataclass
class Loaded:
    data: object
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path_) -> tuple[int, int] | None:
        """(line, column) of the value at path, else of its nearest ancestor."""
        while True:
            if path in self.positions:
                return self.positions[path]
            if not path:
                return None
            path = path[:-1]

    def key_where(self, path: Path_) -> tuple[int, int] | None:
        """(line, column) of the key that holds the value at path."""
        return self.positions.get(("<key>",) + tuple(path)) or self.where(path)


# The round-trip loader that keeps positions is pure Python (about 50 s for a 10 MB word
# list); above this size the C safe loader parses the data and errors name the file only.
FAST_PARSE_CHARS = 1_000_000


def load_text(text: str) -> Loaded:
    """Parse YAML with positions (round-trip loader), converted to plain Python data."""
    if len(text) > FAST_PARSE_CHARS:
        data = load_plain(text)
        _check_plain(data)
        return Loaded(data)
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        node = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        problem = " ".join(str(problem).split())
        if mark is not None:
            raise YamlSyntaxError(problem, mark.line + 1, mark.column + 1) from None
        raise YamlSyntaxError(problem) from None
    except YAMLError as exc:
        raise YamlSyntaxError(" ".join(str(exc).split())[:200]) from None
    except RecursionError:
        raise YamlSyntaxError("nested too deeply") from None
    except Exception as exc:  # noqa: BLE001 - the parser's own bugs on hostile input (fuzzing
        # found "!!set " -> AttributeError) must be a one-line error, not a traceback
        raise YamlSyntaxError(f"unreadable YAML ({type(exc).__name__}: {exc})"[:200]) from None
    loaded = Loaded(None)
    try:
        loaded.data = _convert(node, (), loaded.positions, (1, 1), _Budget())
    except RecursionError:
        raise YamlSyntaxError("nested too deeply") from None
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        # a construct the converter does not know (found by fuzzing: !!omap): an error, not
        # a traceback
        raise YamlSyntaxError(f"unsupported YAML ({type(exc).__name__}: {exc})") from None
    return loaded


def load_plain(text: str):
    """Parse YAML quickly (C loader when installed), without positions."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="safe", pure=False)
    try:
        return yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        raise YamlSyntaxError(problem, mark.line + 1 if mark else None,
                              mark.column + 1 if mark else None) from None
    except (YAMLError, ValueError, TypeError) as exc:
        raise YamlSyntaxError(" ".join(str(exc).split())[:200]) from None
    except RecursionError:
        raise YamlSyntaxError("nested too deeply") from None
    except Exception as exc:  # noqa: BLE001 - as in load_text: never a traceback
        raise YamlSyntaxError(f"unreadable YAML ({type(exc).__name__}: {exc})"[:200]) from None


# Aliases are expanded when the data is converted, so a few lines of nested aliases ("billion
# laughs") would build 10**9 values and hang the run. Values reached again through an alias
# are counted, and a file may expand only this many of them (a list reused a few times is
# fine; exponential reuse is not).
MAX_ALIAS_VALUES = 100_000


class _Budget:
    def __init__(self) -> None:
        self.seen: set[int] = set()  # containers converted so far (the node tree stays alive)
        self.inside_alias = 0
        self.left = MAX_ALIAS_VALUES

    def spend(self, here: tuple[int, int]) -> None:
        if self.inside_alias:
            self.left -= 1
            if self.left < 0:
                raise YamlSyntaxError(f"aliases expand to more than {MAX_ALIAS_VALUES} values",
                                      *here)

    def enter(self, node) -> bool:
        """Start converting a container; True when it was reached before (an alias)."""
        again = id(node) in self.seen
        self.seen.add(id(node))
        self.inside_alias += again
        return again


def _convert(node, path: Path_, positions: dict, here: tuple[int, int], budget: _Budget):
    from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar

    budget.spend(here)
    positions[path] = here
    tag = getattr(getattr(node, "tag", None), "value", None)
    if isinstance(node, TaggedScalar) or (tag is not None and tag not in _PLAIN_TAGS):
        raise YamlSyntaxError(f"tag {tag or node.tag!s} is not allowed: rule and config files "
                              "are plain data", *here)
    if isinstance(node, (CommentedMap, CommentedSeq)):
        again = budget.enter(node)
        try:
            if isinstance(node, CommentedMap):
                return _convert_map(node, path, positions, here, budget)
            return _convert_seq(node, path, positions, budget)
        finally:
            budget.inside_alias -= again
    if isinstance(node, (bytes, bytearray)):
        raise YamlSyntaxError("binary values are not allowed", *here)
    if isinstance(node, str):
        return str(node)
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, (_dt.date, _dt.datetime)):
        return node
    raise YamlSyntaxError(f"unsupported value of type {type(node).__name__}", *here)


def _convert_map(node, path: Path_, positions: dict, here: tuple[int, int], budget: _Budget):
    out = {}
    for key in node:
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise YamlSyntaxError("mapping keys must be plain scalars", *here)
        try:
            kline, kcol = node.lc.key(key)
            vline, vcol = node.lc.value(key)
        except KeyError:  # a key brought in by a merge (<<: *defaults) has no position here
            (kline, kcol), (vline, vcol) = (here[0] - 1, here[1] - 1), (here[0] - 1, here[1] - 1)
        positions[("<key>",) + path + (key,)] = (kline + 1, kcol + 1)
        out[key] = _convert(node[key], path + (key,), positions, (vline + 1, vcol + 1), budget)
    return out


def _convert_seq(node, path: Path_, positions: dict, budget: _Budget):
    out = []
    for i, item in enumerate(node):
        line, col = node.lc.item(i)
        out.append(_convert(item, path + (i,), positions, (line + 1, col + 1), budget))
    return out


def _check_plain(data) -> None:
    """The safe loader's output holds only plain data, and its aliases do not explode.

    The safe loader shares aliased values instead of copying them, so nothing is built twice
    here; but whatever walks the data later would see every copy, so the expanded size is
    computed (memoised per container) and held to MAX_ALIAS_VALUES beyond the values the
    file itself spells out. An alias inside itself is refused: walking it never ends.
    """
    sizes: dict[int, int] = {}
    spelled = 0

    def size(value) -> int:
        nonlocal spelled
        if isinstance(value, (dict, list)):
            key = id(value)
            if key in sizes:
                if sizes[key] < 0:
                    raise YamlSyntaxError("an alias refers to the value that contains it")
                return sizes[key]
            sizes[key] = -1
            if isinstance(value, dict):
                for k in value:
                    if not isinstance(k, (str, int, float, bool)) and k is not None:
                        raise YamlSyntaxError("mapping keys must be plain scalars")
                items = list(value.values())
            else:
                items = value
            spelled += 1 + len(items)
            sizes[key] = 1 + sum(size(item) for item in items)
            return sizes[key]
        if not isinstance(value, (str, int, float, bool, _dt.date)) and value is not None:
            raise YamlSyntaxError(f"unsupported value of type {type(value).__name__}")
        return 1

    try:
        total = size(data)
    except RecursionError:
        raise YamlSyntaxError("nested too deeply") from None
    if total > spelled + 1 + MAX_ALIAS_VALUES:
        raise YamlSyntaxError(f"aliases expand to more than {MAX_ALIAS_VALUES} values")
