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


def load_text(text: str) -> Loaded:
    """Parse YAML with positions (round-trip loader), converted to plain Python data."""
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
    loaded = Loaded(None)
    loaded.data = _convert(node, (), loaded.positions, (1, 1))
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


def _convert(node, path: Path_, positions: dict, here: tuple[int, int]):
    from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar

    positions[path] = here
    tag = getattr(getattr(node, "tag", None), "value", None)
    if isinstance(node, TaggedScalar) or (tag is not None and tag not in _PLAIN_TAGS):
        raise YamlSyntaxError(f"tag {tag or node.tag!s} is not allowed: rule and config files "
                              "are plain data", *here)
    if isinstance(node, CommentedMap):
        out = {}
        for key in node:
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise YamlSyntaxError("mapping keys must be plain scalars", *here)
            kline, kcol = node.lc.key(key)
            vline, vcol = node.lc.value(key)
            positions[("<key>",) + path + (key,)] = (kline + 1, kcol + 1)
            out[key] = _convert(node[key], path + (key,), positions, (vline + 1, vcol + 1))
        return out
    if isinstance(node, CommentedSeq):
        out_list = []
        for i, item in enumerate(node):
            line, col = node.lc.item(i)
            out_list.append(_convert(item, path + (i,), positions, (line + 1, col + 1)))
        return out_list
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
