"""GitHub Actions workflow commands (::error file=...::message), escaped as @actions/core does."""

from __future__ import annotations

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def render(report) -> str:
    lines = []
    for f in report.findings:
        props = ",".join([
            f"file={escape_property(f.path)}", f"line={f.line}", f"endLine={f.end_line}",
            f"col={f.column}", f"endColumn={f.end_column}",
            f"title={escape_property(f'editlint {f.rule} ({f.category})')}",
        ])
        message = f.message + (f" (fix: {f.fix})" if f.fix else "")
        lines.append(f"::{LEVEL[f.severity]} {props}::{escape_data(message)}")
    return "".join(line + "\n" for line in lines)
