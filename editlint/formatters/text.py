"""Human output: path:line:col: severity rule message, the source line, the span underlined."""

from __future__ import annotations

import re
from collections import Counter

_LINES = re.compile(r"\r\n|\r|\n")
# control characters from an article must not reach a terminal (an ESC could recolour or
# retitle a CI log); each becomes one visible character, so the underline stays aligned
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _visible(text: str) -> str:
    return _CONTROL.sub("\ufffd", text)

COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def _style(text: str, color: bool, **kw) -> str:
    if not color:
        return text
    import click

    return click.style(text, **kw)


def render(report) -> str:
    out: list[str] = []
    color = report.color
    lines_of: dict[str, list[str]] = {}
    for f in report.findings:
        head = f"{f.path}:{f.line}:{f.column}: "
        sev = _style(f.severity, color, fg=COLOURS[f.severity], bold=True)
        rule = _style(f.rule, color, dim=True)
        fix = f" (fix: {f.fix!r})" if f.fix is not None else ""
        out.append(f"{_style(_visible(head), color, bold=True)}{sev} {rule} {_visible(f.message + fix)}")
        source = report.sources.get(f.path)
        if source is not None:
            if f.path not in lines_of:
                lines_of[f.path] = _LINES.split(source)  # the model's line breaks only
            out.extend(_excerpt(lines_of[f.path], f, color))
    out.append(summary(report, color))
    return "\n".join(out) + "\n"


def _excerpt(lines: list[str], f, color: bool) -> list[str]:
    if not (1 <= f.line <= len(lines)):
        return []
    line = lines[f.line - 1]
    start = f.column - 1
    end = f.end_column - 1 if f.end_line == f.line else len(line)
    # show at most ~100 characters around the span on very long lines (paragraph-per-line text)
    lo = max(0, start - 40) if len(line) > 120 else 0
    hi = min(len(line), max(end, start + 1) + 40) if len(line) > 120 else len(line)
    shown = _visible(line[lo:hi].replace("\t", " "))
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(line) else ""
    marks = " " * (len(prefix) + start - lo) + "^" * max(1, min(end, hi) - start)
    return ["    " + prefix + shown + suffix, "    " + _style(marks, color, fg="green")]


def summary(report, color: bool = False) -> str:
    sev = Counter(f.severity for f in report.findings)
    cats = Counter(f.category for f in report.findings)
    files = len({f.path for f in report.findings})

    def n(count: int, word: str) -> str:
        return f"{count} {word}{'' if count == 1 else 's'}"

    if not report.findings:
        text = f"no problems in {n(report.files_checked, 'file')}"
    else:
        text = (f"{n(sev['error'], 'error')}, {n(sev['warning'], 'warning')}, "
                f"{n(sev['info'], 'note')} in {n(files, 'file')} "
                f"({report.files_checked} checked)")
        text += " — " + ", ".join(f"{c}: {k}" for c, k in sorted(cats.items()))
    if report.errors:
        text += f"; {n(len(report.errors), 'file')} could not be checked"
    return _style(text, color, bold=True)
