"""Output formats. Each module has `render(report) -> str`; looked up by name, imported lazily."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

from editlint.findings import Finding

FORMATS = ("text", "json", "github", "sarif", "gitlab", "html")


@dataclass
class Report:
    """What a run found, for a formatter to render."""

    findings: list[Finding]
    files_checked: int
    errors: list[str] = field(default_factory=list)
    rules: list = field(default_factory=list)  # the active Rule objects (for SARIF's driver)
    color: bool = False
    sources: dict[str, str] = field(default_factory=dict)  # path -> article text (text, html)


def render(fmt: str, report: Report) -> str:
    return importlib.import_module(f"editlint.formatters.{fmt}").render(report)
