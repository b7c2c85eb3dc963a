"""One self-contained HTML page for editors: a summary, then every article with its findings
highlighted in place (no network, no external assets; inline CSS and a few lines of JS).

Article text is untrusted: every piece of it goes through `_esc`. Findings may overlap (a
typo inside a stray paragraph): marks nest, and where two spans cross, the inner one is
closed and reopened as a second piece with the same `data-finding`, so the page is always
well-formed and every finding stays highlighted.
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from editlint import __version__
from editlint.findings import CATEGORIES, SEVERITIES, Finding

# articles with findings shown open; the rest start collapsed so 1,000 articles stay usable
OPEN_ARTICLES = 50
# highlights per article; past this a pathological article lists the rest without marks
MAX_MARKS = 2000

COLOURS = {
    "typo": "#d32f2f", "name": "#8e24aa", "title": "#ef6c00",
    "attribution": "#1e6fd9", "stray": "#6d7a2a", "style": "#00897b",
}

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SAFE_LINK = re.compile(r"^https?://", re.IGNORECASE)

CSS = """
:root{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1b1b;background:#fafafa}
body{margin:0 auto;max-width:70rem;padding:1rem 1.5rem 4rem}
h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
table{border-collapse:collapse;margin:.5rem 0}
th,td{border:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f0f0}td.n{text-align:right;font-variant-numeric:tabular-nums}
.chip{display:inline-block;padding:0 .4rem;border-radius:.6rem;color:#fff;font-size:.85em}
details.article{background:#fff;border:1px solid #ddd;border-radius:6px;margin:.8rem 0;padding:.3rem .8rem}
details.article>summary{cursor:pointer;font-weight:600;padding:.2rem 0}
.counts{font-weight:400;margin-left:.5rem}
.text{white-space:pre-wrap;overflow-wrap:anywhere;font:14px/1.6 ui-monospace,Menlo,Consolas,monospace;
 background:#fcfcfc;border:1px solid #eee;padding:.6rem;margin:.5rem 0;max-height:40rem;overflow:auto}
mark{color:inherit;background:color-mix(in srgb,var(--c) 16%,transparent);
 box-shadow:inset 0 -2px 0 var(--c);border-radius:2px;cursor:help}
mark:empty::before{content:"\\25B2";color:var(--c);font-size:.7em}
mark:target,mark.flash{outline:2px solid var(--c)}
.s-error{font-weight:600}
table.findings{font-size:.9em;width:100%}
.fix{font-family:ui-monospace,Menlo,Consolas,monospace;background:#eef7ee}
.note{color:#666;font-size:.9em}
.tools button{margin-right:.4rem}
"""

JS = """
function setAll(open){document.querySelectorAll('details.article').forEach(function(d){d.open=open;});}
"""


def _clean(text: str) -> str:
    """Text the browser keeps as is, code point for code point: NUL (dropped by HTML
    parsers) and lone surrogates (not encodable) become U+FFFD, one for one."""
    if "\x00" in text:
        text = text.replace("\x00", "\ufffd")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)
    return text


def _esc(text: str) -> str:
    return html.escape(_clean(text), quote=True)


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _colour_var(category: str) -> str:
    return f"--c:{COLOURS.get(category, '#555')}"


def _chip(category: str) -> str:
    return (f'<span class="chip" style="background:{COLOURS.get(category, "#555")}">'
            f"{_esc(category)}</span>")


# ---------------------------------------------------------------------------------------------
# locating and highlighting


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _LINE_BREAK.finditer(text)]


def _locate(text: str, f: Finding, starts: list[int] | None) -> tuple[int, int] | None:
    """The finding's offsets in the article text, checked against its flagged text."""
    if 0 <= f.start <= f.end <= len(text) and text[f.start:f.end] == f.text:
        return f.start, f.end
    if starts is not None and 1 <= f.line <= len(starts) and 1 <= f.end_line <= len(starts):
        s = starts[f.line - 1] + f.column - 1
        e = starts[f.end_line - 1] + f.end_column - 1
        if 0 <= s <= e <= len(text) and text[s:e] == f.text:
            return s, e
    return None


def _plain(text: str, a: int, b: int) -> str:
    """text[a:b] escaped, line breaks as \\n (a CR LF split by a mark must stay one break)."""
    seg = text[a:b]
    if seg.endswith("\r") and text[b:b + 1] == "\n":
        seg = seg[:-1]
    return _esc(seg.replace("\r\n", "\n").replace("\r", "\n"))


def highlight(text: str, spans: list[tuple[int, int]], open_tag: Callable[[int, int], str]) -> str:
    """Escaped text with <mark> elements around spans (start, end); open_tag(span index,
    piece number) gives each piece's opening tag."""
    if not spans:
        return _plain(text, 0, len(text))
    starting: dict[int, list[int]] = defaultdict(list)
    for i, (s, _e) in enumerate(spans):
        starting[s].append(i)
    points = sorted({0, len(text)} | {s for s, _ in spans} | {e for _, e in spans})
    pieces: Counter[int] = Counter()
    out: list[str] = []
    stack: list[int] = []

    def open_mark(i: int) -> None:
        out.append(open_tag(i, pieces[i]))
        pieces[i] += 1

    for k, pos in enumerate(points):
        # close what ends here; marks opened inside a closing one are closed and reopened
        first = next((j for j, i in enumerate(stack) if spans[i][1] <= pos), None)
        if first is not None:
            reopen = [i for i in stack[first:] if spans[i][1] > pos]
            out.append("</mark>" * (len(stack) - first))
            del stack[first:]
            for i in reopen:
                open_mark(i)
                stack.append(i)
        # open what starts here, the longest outermost
        for i in sorted(starting.get(pos, ()), key=lambda i: (-spans[i][1], i)):
            open_mark(i)
            if spans[i][1] == pos:
                out.append("</mark>")  # a point finding: an empty mark
            else:
                stack.append(i)
        if k + 1 < len(points):
            out.append(_plain(text, pos, points[k + 1]))
    out.append("</mark>" * len(stack))
    return "".join(out)


def _title(f: Finding) -> str:
    fix = f" — fix: {f.fix}" if f.fix is not None else ""
    return f"{f.rule} ({f.category}, {f.severity}): {f.message}{fix}"


def _mark_tag(f: Finding, fid: str, piece: int) -> str:
    # the first piece carries the id the findings list links to
    anchor = f'id="f{fid}" ' if piece == 0 else ""
    return (f'<mark {anchor}class="c-{_esc(f.category)} s-{_esc(f.severity)}" '
            f'style="{_colour_var(f.category)}" data-finding="{fid}" data-piece="{piece}" '
            f'data-rule="{_esc(f.rule)}" data-category="{_esc(f.category)}" '
            f'data-severity="{_esc(f.severity)}" data-line="{f.line}" data-column="{f.column}" '
            f'data-end-line="{f.end_line}" data-end-column="{f.end_column}" '
            f'title="{_esc(_title(f))}">')


# ---------------------------------------------------------------------------------------------
# page parts


def _summary(report) -> str:
    by = Counter((f.category, f.severity) for f in report.findings)
    files = len({f.path for f in report.findings})
    head = "".join(f"<th>{s}</th>" for s in SEVERITIES)
    rows = []
    for cat in CATEGORIES:
        cells = "".join(f'<td class="n">{by[(cat, s)] or ""}</td>' for s in SEVERITIES)
        total = sum(by[(cat, s)] for s in SEVERITIES)
        rows.append(f"<tr><td>{_chip(cat)}</td>{cells}<td class=\"n\">{total or ''}</td></tr>")
    sev = Counter(f.severity for f in report.findings)
    cells = "".join(f'<td class="n">{sev[s]}</td>' for s in SEVERITIES)
    rows.append(f"<tr><th>total</th>{cells}<th class=\"n\">{len(report.findings)}</th></tr>")
    line = (f"{_n(len(report.findings), 'finding')} in {_n(files, 'article')} "
            f"({report.files_checked} checked)" if report.findings
            else f"no problems in {_n(report.files_checked, 'article')}")
    return (f'<p id="summary-line">{_esc(line)}</p>'
            f'<table class="summary" id="summary"><tr><th>category</th>{head}<th>total</th></tr>'
            + "".join(rows) + "</table>")


def _counts(findings: list[Finding]) -> str:
    by = Counter(f.category for f in findings)
    return " ".join(f"{_chip(c)}&nbsp;{by[c]}" for c in CATEGORIES if by[c])


def _findings_table(findings: list[Finding], ids: list[str], located: list[bool]) -> str:
    rows = []
    for f, fid, ok in zip(findings, ids, located, strict=True):
        where = f"{f.line}:{f.column}"
        if ok:
            where = f'<a href="#f{fid}">{where}</a>'
        else:
            where += ' <span class="note">(not highlighted)</span>'
        rule = _esc(f.rule)
        if f.link and _SAFE_LINK.match(f.link):
            rule = f'<a href="{_esc(f.link)}" rel="noreferrer noopener">{rule}</a>'
        fix = f'<span class="fix">{_esc(f.fix)}</span>' if f.fix is not None else ""
        rows.append(f'<tr class="s-{_esc(f.severity)}"><td>{where}</td><td>{_esc(f.severity)}</td>'
                    f"<td>{_chip(f.category)}</td><td>{rule}</td>"
                    f"<td>{_esc(f.message)}<br><span class=\"note\">“{_esc(f.text[:200])}"
                    f"{'…' if len(f.text) > 200 else ''}”</span></td><td>{fix}</td></tr>")
    return ('<table class="findings"><tr><th>where</th><th>severity</th><th>category</th>'
            "<th>rule</th><th>message</th><th>fix</th></tr>" + "".join(rows) + "</table>")


def _article(n: int, path: str, findings: list[Finding], text: str | None, is_open: bool) -> str:
    ids = [f"{n}-{k}" for k in range(len(findings))]
    located = [False] * len(findings)
    body = ""
    if text is not None:
        starts: list[int] | None = None
        spans: list[tuple[int, int]] = []
        marked_findings: list[int] = []
        for k, f in enumerate(findings):
            if len(spans) >= MAX_MARKS:
                break
            where = _locate(text, f, None)
            if where is None:
                starts = starts if starts is not None else _line_starts(text)
                where = _locate(text, f, starts)
            if where is not None:
                located[k] = True
                spans.append(where)
                marked_findings.append(k)
        marked = highlight(text, spans, lambda i, piece: _mark_tag(
            findings[marked_findings[i]], ids[marked_findings[i]], piece))
        body = f'<div class="text" data-path="{_esc(path)}">{marked}</div>'
    else:
        body = '<p class="note">(article text not available: findings only)</p>'
    if len(findings) > MAX_MARKS:
        body += f'<p class="note">only the first {MAX_MARKS} findings are highlighted</p>'
    return (f'<details class="article" id="a{n}" data-path="{_esc(path)}"'
            f'{" open" if is_open else ""}><summary>{_esc(path)}'
            f'<span class="counts">{_counts(findings)}</span></summary>'
            f"{body}{_findings_table(findings, ids, located)}</details>")


def _contents(groups: list[tuple[str, list[Finding]]]) -> str:
    rows = "".join(f'<tr><td><a href="#a{n}">{_esc(path)}</a></td>'
                   f'<td class="n">{len(fs)}</td><td>{_counts(fs)}</td></tr>'
                   for n, (path, fs) in enumerate(groups))
    return ('<details class="contents" open><summary>articles with findings</summary>'
            '<table><tr><th>article</th><th>findings</th><th>by category</th></tr>'
            f"{rows}</table></details>")


def _grouped(findings: Iterable[Finding]) -> list[tuple[str, list[Finding]]]:
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.path, []).append(f)
    return sorted(groups.items())


def render(report) -> str:
    groups = _grouped(report.findings)
    clean = sorted(set(report.sources) - {path for path, _ in groups})
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # no network, ever: the page loads nothing and may run only its own inline script
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">",
        f"<title>editlint report</title><style>{CSS}</style></head><body>",
        f"<h1>editlint report</h1><p class=\"note\">editlint {_esc(__version__)}</p>",
        _summary(report),
    ]
    if report.errors:
        parts.append("<h2>could not be checked</h2><ul class=\"errors\">"
                     + "".join(f"<li>{_esc(e)}</li>" for e in report.errors) + "</ul>")
    if groups:
        parts.append(_contents(groups))
        parts.append('<h2>articles</h2><p class="tools"><button type="button" '
                     'onclick="setAll(true)">expand all</button><button type="button" '
                     'onclick="setAll(false)">collapse all</button>'
                     + (f'<span class="note">the first {OPEN_ARTICLES} articles are open</span>'
                        if len(groups) > OPEN_ARTICLES else "") + "</p>")
        for n, (path, findings) in enumerate(groups):
            parts.append(_article(n, path, findings, report.sources.get(path),
                                  n < OPEN_ARTICLES))
    if clean:
        parts.append(f'<details class="clean"><summary>{_n(len(clean), "article")} with no '
                     "findings</summary><ul>"
                     + "".join(f"<li>{_esc(p)}</li>" for p in clean) + "</ul></details>")
    parts.append(f"<script>{JS}</script></body></html>")
    return "\n".join(parts) + "\n"
