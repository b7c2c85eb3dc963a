"""The registry of rule kinds: one module per kind, imported only when a rule uses it."""

from __future__ import annotations

import importlib

from editlint.kinds.base import Kind

# kind name -> "module:Class". Kept as strings so that `editlint check` imports only the
# kinds its active rules use.
KINDS: dict[str, str] = {
    "existence": "editlint.kinds.existence:Existence",
    "substitution": "editlint.kinds.substitution:Substitution",
    "consistency": "editlint.kinds.consistency:Consistency",
    "repetition": "editlint.kinds.repetition:Repetition",
    "spelling": "editlint.kinds.spelling:Spelling",
    "names": "editlint.kinds.names:Names",
    "titles": "editlint.kinds.titles:Titles",
    "attribution": "editlint.kinds.attribution:Attribution",
    "stray": "editlint.kinds.stray:Stray",
}


def get_kind(name: str) -> type[Kind]:
    module, _, cls = KINDS[name].partition(":")
    return getattr(importlib.import_module(module), cls)
