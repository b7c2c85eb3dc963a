"""The article model: parse a file once; every rule reads the same Document.

All positions are code-point offsets into `Document.text` (the decoded file, BOM excluded,
line endings exactly as on disk), so a finding's span always maps back to the characters on
disk. `Document.mask` has the same length as `text`, with everything that is never linted
(front matter, code, HTML, URLs, link targets, markup characters) replaced by spaces: rules
scan the mask and report offsets that are valid in `text`.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import re
from dataclasses import dataclass, field
from functools import cached_property

from editlint.segment import Span, find_quotes, split_sentences

TYPE_CHECKING = False  # not `from typing import ...`: typing costs ~2 ms of start-up
if TYPE_CHECKING:
    from collections.abc import Iterator

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")

# ---------------------------------------------------------------------------------------------
# low-level patterns (stdlib re: the hot path never imports the regex module)

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# most files have no "\r": a literal is a faster scan than _LINE_BREAK's alternation
_NEWLINE = re.compile("\n")
_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)")
_BLOCKQUOTE = re.compile(r"^ {0,3}>[ \t]?")
_LIST_ITEM = re.compile(r"^( {0,3}|[ \t]*)([-*+]|\d{1,9}[.)])[ \t]+")
_THEMATIC = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S")
_HTML_BLOCK = re.compile(r"^ {0,3}</?[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$)")
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
# [^<>] (not [^>]): an unclosed directive scans only to the next tag, so thousands of them
# in one file stay linear
_DIRECTIVE = re.compile(
    r"<!--\s*editlint-(disable-next-line|disable-line|disable|enable)\b([^<>]*?)-->")
# inline things that are never prose
_INLINE_CODE = re.compile(r"(`+)(?:.+?)\1", re.S)
# inline patterns that could rescan the rest of a block from every start position (quadratic
# on hostile input) stop at the next opener or start only where a run starts
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^<>\s]*>")
_URL = re.compile(r"\b(?:https?://|ftp://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"”’]")
_EMAIL = re.compile(r"(?<![\w.+-])[.+-]*(\b[\w.+-]+@[\w-]+\.[\w.-]+\b)")  # hide group 1
_LINK_TARGET = re.compile(r"\]\((?:[^()\s\]]|\([^()\s\]]*\))*(?:\s+\"[^\"]*\")?\)")
_LINK_REF = re.compile(r"\]\[[^\]]*\]")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_EMPHASIS = re.compile(r"(?<!\w)[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?!\w)|~~")
_IMAGE_OPEN = re.compile(r"!\[")
_CLOSING_HASHES = re.compile(r"(?<![ \t])[ \t]+#+[ \t]*$")
_FRONT_MATTER_FIELD = re.compile(r"^([A-Za-z_][\w-]*):[ \t]*(.*?)[ \t]*$")
_ISO_DATE = re.compile(r"^\s*['\"]?(\d{4})-(\d{2})-(\d{2})")


@dataclass(slots=True)
class Block:
    """A unit of prose: a paragraph, heading, list item or blockquote paragraph.

    `start`/`end` delimit its content (markers and surrounding blanks excluded).
    """

    kind: str
    start: int
    end: int
    index: int = 0
    sentences: list[Span] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Directive:
    """An inline suppression comment: <!-- editlint-disable rule.id -->."""

    action: str  # disable | enable | disable-next-line | disable-line
    rules: frozenset[str]  # empty: every rule
    line: int  # line of the comment's end


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with the article's own structure (e.g. front matter), not its prose."""

    start: int
    end: int
    message: str


class Document:
    """One article, parsed once."""

    def __init__(self, text: str, path: str = "-", fmt: str | None = None,
                 bom: bool = False, encoding: str = "utf-8") -> None:
        self.path = path
        self.text = text
        self.bom = bom
        self.encoding = encoding
        self.format = fmt or guess_format(path)
        self.front_matter: dict = {}
        self.front_matter_span: Span | None = None
        self.title_span: Span | None = None
        self.problems: list[Problem] = []
        self.directives: list[Directive] = []
        self._hidden: list[tuple[int, int]] = []
        self.blocks: list[Block] = []
        breaks = _LINE_BREAK if "\r" in text else _NEWLINE
        self._line_starts = [0] + [m.end() for m in breaks.finditer(text)]
        body_start = self._parse_front_matter()
        self._parse_directives()
        if self.format == "markdown":
            self._parse_markdown(body_start)
        else:
            self._parse_plain(body_start)
        self.mask = mask = self._build_mask()
        dots_only = not ("!" in mask or "?" in mask or "…" in mask)
        for i, block in enumerate(self.blocks):
            block.index = i
            block.sentences = split_sentences(mask, block.start, block.end, dots_only)

    # -- positions -------------------------------------------------------------------------

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset, as on disk (BOM excluded)."""
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def line_span(self, line: int) -> Span:
        """The offsets of a 1-based line, without its line break."""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] if line < len(self._line_starts) else len(self.text)
        while end > start and self.text[end - 1] in "\r\n":
            end -= 1
        return Span(start, end)

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    # -- derived views ---------------------------------------------------------------------

    @property
    def title(self) -> str | None:
        value = self.front_matter.get("title")
        return str(value) if value is not None else None

    @cached_property
    def date(self) -> _dt.date | None:
        """The article's date from front matter `date` (None when absent or not a date)."""
        value = self.front_matter.get("date")
        if value is None:
            return None
        if isinstance(value, _dt.datetime):
            return value.date()
        if isinstance(value, _dt.date):
            return value
        m = _ISO_DATE.match(str(value))
        if m:
            try:
                return _dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                pass
        return None

    @cached_property
    def quotes(self) -> list[Span]:
        """Direct-quote spans (quote marks included), in document order."""
        spans: list[Span] = []
        for block in self.blocks:
            spans.extend(find_quotes(self.mask, block.start, block.end))
        return spans

    @cached_property
    def _quote_starts(self) -> list[int]:
        return [q.start for q in self.quotes]

    def in_quote(self, start: int, end: int | None = None) -> bool:
        """True when the span [start, end) lies inside a direct quote."""
        end = start + 1 if end is None else end
        i = bisect.bisect_right(self._quote_starts, start) - 1
        return i >= 0 and self.quotes[i].end >= end

    @cached_property
    def sentences(self) -> list[Span]:
        return [s for block in self.blocks for s in block.sentences]

    @cached_property
    def paragraphs(self) -> list[Block]:
        """Prose blocks (headings excluded)."""
        return [b for b in self.blocks if b.kind != "heading"]

    def block_at(self, offset: int) -> Block | None:
        starts = self._block_starts
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and offset < self.blocks[i].end:
            return self.blocks[i]
        return None

    @cached_property
    def _block_starts(self) -> list[int]:
        return [b.start for b in self.blocks]

    def quote_mask(self, only: bool) -> str:
        """The mask with quotes blanked (only=False) or with everything but quotes blanked."""
        key = "_mask_quotes_only" if only else "_mask_no_quotes"
        cached = self.__dict__.get(key)
        if cached is not None:
            return cached
        spans = [(q.start, q.end) for q in self.quotes]
        if only:
            spans = _complement(spans, len(self.text))
        masked = _blank(self.mask, spans)
        self.__dict__[key] = masked
        return masked

    # -- parsing ---------------------------------------------------------------------------

    def _hide(self, start: int, end: int) -> None:
        if end > start:
            self._hidden.append((start, end))

    def _lines(self, start: int) -> Iterator[tuple[int, int, int]]:
        """(line_start, line_end_without_break, next_line_start) from offset `start` on."""
        text = self.text
        n = len(text)
        starts = self._line_starts
        first = bisect.bisect_right(starts, start) - 1
        begins = starts[first:]
        begins[0] = max(begins[0], start)
        nexts = starts[first + 1:]
        nexts.append(n)
        if "\r" in text:
            ends = [_content_end(text, s, nxt) for s, nxt in zip(begins, nexts, strict=True)]
        else:  # every line but the last ends with one "\n" (at or after `start`)
            ends = [nxt - 1 for nxt in nexts]
            ends[-1] = n
        return zip(begins, ends, nexts, strict=True)

    def _parse_front_matter(self) -> int:
        text = self.text
        if text[:3] != "---" or text[3:4] not in ("\r", "\n"):
            return 0
        lines = self._lines(0)
        next(lines)
        for s, e, nxt in lines:
            if text[s:e] in ("---", "..."):
                self.front_matter_span = Span(0, nxt)
                self._hide(0, nxt)
                self._read_front_matter(self._line_starts[1], s)
                return nxt
        self.problems.append(Problem(0, 3, "front matter is not closed: no '---' line ends it"))
        return 0

    def _read_front_matter(self, start: int, end: int) -> None:
        """Parse front matter: a fast path for flat `key: value` lines, YAML for the rest."""
        text = self.text
        simple: dict = {}
        spans: dict[str, Span] = {}
        for s, e, _ in self._lines(start):
            if s >= end:
                break
            line = text[s:e]
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            m = _FRONT_MATTER_FIELD.match(line)
            value = m and m[2]
            if not m or not value or value[0] in "[{|>&*!%@`" or (
                    value[0] in "'\"" and (len(value) < 2 or value[-1] != value[0])):
                simple = None  # type: ignore[assignment]
                break
            vstart = s + m.start(2)
            if value[0] in "'\"":
                inner = value[1:-1]
                if value[0] == "'":
                    inner = inner.replace("''", "'")
                elif "\\" in inner:
                    simple = None  # type: ignore[assignment]
                    break
                simple[m[1]] = inner
                spans[m[1]] = Span(vstart + 1, vstart + len(value) - 1)
            else:
                if " #" in value:
                    value = value.split(" #", 1)[0].rstrip()
                simple[m[1]] = value
                spans[m[1]] = Span(vstart, vstart + len(value))
        if simple is None:
            simple = self._yaml_front_matter(start, end)
            spans = {}
            if isinstance(simple, dict) and isinstance(simple.get("title"), str):
                m = re.search(r"^title:[ \t]*['\"]?", text[start:end], re.M)
                if m:
                    vstart = start + m.end()
                    spans["title"] = Span(vstart, vstart + len(simple["title"]))
                    if text[spans["title"].start:spans["title"].end] != simple["title"]:
                        del spans["title"]
        if not isinstance(simple, dict):
            if simple is not None:
                self.problems.append(Problem(0, 3, "front matter is not a mapping of keys to values"))
            return
        self.front_matter = simple
        self.title_span = spans.get("title")
        if "date" in simple and self.date is None:
            where = spans.get("date", Span(0, 3))
            self.problems.append(Problem(where.start, max(where.end, where.start + 1),
                                         f"front matter date {str(simple['date'])!r} is not a "
                                         "date (expected YYYY-MM-DD)"))

    def _yaml_front_matter(self, start: int, end: int):
        from editlint.yamlio import YamlSyntaxError, load_plain

        try:
            return load_plain(self.text[start:end])
        except YamlSyntaxError as exc:
            # the whole line the parser stopped on (exc.line is 1-based within the front
            # matter), kept inside the front matter: a span that ends before it starts or
            # lies outside the file would break every formatter
            first = self.position(start)[0]
            last = self.position(max(start, end - 1))[0]
            span = self.line_span(min(first + max(exc.line or 1, 1) - 1, last))
            self.problems.append(Problem(span.start, max(span.end, span.start + 1),
                                         f"front matter is not valid YAML: {exc.problem}"))
            return None

    def _parse_directives(self) -> None:
        if "editlint-" not in self.text:
            return
        for m in _DIRECTIVE.finditer(self.text):
            rules = frozenset(r for r in re.split(r"[\s,]+", m[2].strip()) if r)
            self.directives.append(Directive(m[1], rules, self.position(m.end())[0]))

    def _parse_plain(self, body_start: int) -> None:
        """Plain text: paragraphs one per line, or separated by blank lines (hard-wrapped)."""
        text = self.text
        for m in _HTML_COMMENT.finditer(text, body_start):
            self._hide(m.start(), m.end())
        groups: list[list[tuple[int, int]]] = [[]]
        for s, e, _ in self._lines(body_start):
            if text[s:e].strip():
                groups[-1].append((s, e))
            elif groups[-1]:
                groups.append([])
        groups = [g for g in groups if g]
        # Blank-line separated with several lines per group means hard-wrapped paragraphs;
        # otherwise every non-blank line is a paragraph of its own.
        wrapped = any(len(g) > 1 for g in groups) and sum(len(g) for g in groups) <= 3 * len(groups) + 1 \
            and all(len(g) > 1 or (e - s) < 120 for g in groups for s, e in g[:1])
        if wrapped and len(groups) > 1 or (len(groups) == 1 and _looks_wrapped(text, groups[0])):
            units = [(g[0][0], g[-1][1]) for g in groups]
        else:
            units = [line for g in groups for line in g]
        for s, e in units:
            self._add_block("paragraph", s, e)

    def _parse_markdown(self, body_start: int) -> None:
        text = self.text
        for m in _HTML_COMMENT.finditer(text, body_start):
            self._hide(m.start(), m.end())
        hidden_comments = _merge(self._hidden)
        para: list[int] | None = None  # [start, end, kind]
        kind = "paragraph"
        fence: str | None = None
        fence_start = 0
        in_html = False
        prev_blank = True
        in_list = False
        lines = list(self._lines(body_start))
        i = 0

        def flush() -> None:
            nonlocal para
            if para is not None:
                self._add_block(kind, para[0], para[1])
                para = None

        while i < len(lines):
            s, e, nxt = lines[i]
            i += 1
            line = text[s:e]
            if _inside(hidden_comments, s) and _inside(hidden_comments, max(s, e - 1)):
                flush()
                prev_blank = True
                continue
            if fence is not None:
                m = _FENCE.match(line)
                if m and m[2][0] == fence[0] and len(m[2]) >= len(fence) and not line[m.end():].strip():
                    self._hide(fence_start, e)
                    fence = None
                continue
            if not line.strip():
                flush()
                in_html = False
                prev_blank = True
                continue
            if in_html:
                self._hide(s, e)
                continue
            m = _FENCE.match(line)
            if m:
                flush()
                fence, fence_start = m[2], s
                in_list = False
                continue
            if prev_blank and not in_list and (line.startswith("    ") or line.startswith("\t")):
                self._hide(s, e)  # indented code
                continue
            if _HTML_BLOCK.match(line):
                flush()
                self._hide(s, e)
                in_html = True
                in_list = False
                continue
            if _REF_DEF.match(line):
                flush()
                self._hide(s, e)
                continue
            m = _HEADING.match(line)
            if m:
                flush()
                content_end = e
                closing = _CLOSING_HASHES.search(line)
                if closing:
                    content_end = s + closing.start()
                self._hide(s, s + m.end())
                self._add_block("heading", s + m.end(), content_end)
                prev_blank = True
                in_list = False
                continue
            if _THEMATIC.match(line) and para is None:
                self._hide(s, e)
                prev_blank = True
                continue
            if para is not None and kind == "paragraph" and _SETEXT.match(line):
                self._hide(s, e)
                kind = "heading"
                flush()
                kind = "paragraph"
                prev_blank = True
                continue
            bq = _BLOCKQUOTE.match(line)
            if bq:
                content = s
                while bq:  # nested quotes: strip every marker
                    content += bq.end()
                    bq = _BLOCKQUOTE.match(text, content, e) if content < e else None
                self._hide(s, content)
                in_list = False
                if para is not None and kind != "blockquote":
                    flush()
                if content >= e or not text[content:e].strip():
                    flush()
                    continue
                if para is None:
                    para, kind = [content, e], "blockquote"
                else:
                    para[1] = e
                prev_blank = False
                continue
            li = _LIST_ITEM.match(line)
            if li and (prev_blank or para is None or kind == "list" or li[2] in "-*+"):
                flush()
                self._hide(s, s + li.end())
                para, kind = [s + li.end(), e], "list"
                in_list = True
                prev_blank = False
                continue
            # continuation of the current block, or a new paragraph
            lead = len(line) - len(line.lstrip())
            if para is None:
                if not (in_list and lead >= 2):
                    in_list = False
                para, kind = [s + lead, e], ("list" if in_list else "paragraph")
            else:
                para[1] = e
            prev_blank = False
        flush()
        if fence is not None:
            self._hide(fence_start, len(text))  # an unclosed fence runs to the end of the file

    def _add_block(self, kind: str, start: int, end: int) -> None:
        text = self.text
        while start < end and text[start] in " \t":
            start += 1
        while end > start and text[end - 1] in " \t\r\n":
            end -= 1
        if end <= start:
            return
        if self.format == "markdown":
            self._hide_inline(start, end)
        self.blocks.append(Block(kind, start, end))

    def _hide_inline(self, start: int, end: int) -> None:
        text = self.text
        segment = text[start:end]
        if "`" in segment:
            for m in _INLINE_CODE.finditer(text, start, end):
                self._hide(m.start(), m.end())
        if "<" in segment:
            for pattern in (_AUTOLINK, _HTML_TAG):
                for m in pattern.finditer(text, start, end):
                    self._hide(m.start(), m.end())
        if "://" in segment or "www." in segment:
            for m in _URL.finditer(text, start, end):
                self._hide(m.start(), m.end())
        if "@" in segment:
            for m in _EMAIL.finditer(text, start, end):
                self._hide(m.start(1), m.end(1))
        if "]" in segment:
            for pattern in (_LINK_TARGET, _LINK_REF):
                for m in pattern.finditer(text, start, end):
                    self._hide(m.start(), m.end())
            for m in _IMAGE_OPEN.finditer(text, start, end):
                self._hide(m.start(), m.end())
            for i in range(start, end):
                if text[i] in "[]":
                    self._hide(i, i + 1)
        if "*" in segment or "_" in segment or "~~" in segment:
            for m in _EMPHASIS.finditer(text, start, end):
                self._hide(m.start(), m.end())

    def _build_mask(self) -> str:
        if not self._hidden:
            return self.text
        text = self.text
        out: list[str] = []
        pos = 0
        for start, end in _merge(self._hidden):
            if start > pos:
                out.append(text[pos:start])
            start = max(start, pos)
            if end > start:
                out.append(_spaces(text[start:end]))
                pos = end
        out.append(text[pos:])
        return "".join(out)


# ---------------------------------------------------------------------------------------------
# helpers


def guess_format(path: str) -> str:
    return "markdown" if path.lower().endswith(MARKDOWN_SUFFIXES) else "text"


def _looks_wrapped(text: str, group: list[tuple[int, int]]) -> bool:
    """One blank-free group of lines: wrapped prose when lines end mid-sentence."""
    if len(group) < 3:
        return False
    mid_sentence = sum(1 for _, e in group[:-1] if text[e - 1:e].isalpha() or text[e - 1:e] == ",")
    return mid_sentence >= 0.6 * (len(group) - 1)


def _content_end(text: str, start: int, end: int) -> int:
    """`end` moved back over the line break that ends text[start:end]."""
    while end > start and text[end - 1] in "\r\n":
        end -= 1
    return end


def _spaces(chunk: str) -> str:
    """Blank a chunk but keep its line breaks, so the mask keeps the file's line structure."""
    if "\n" not in chunk and "\r" not in chunk:
        return " " * len(chunk)
    return "".join(c if c in "\r\n" else " " for c in chunk)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _complement(spans: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for start, end in _merge(spans):
        if start > pos:
            out.append((pos, start))
        pos = max(pos, end)
    if pos < length:
        out.append((pos, length))
    return out


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    out: list[str] = []
    pos = 0
    for start, end in _merge(spans):
        out.append(text[pos:start])
        out.append(_spaces(text[start:end]))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    """Is offset inside one of the sorted, non-overlapping spans?"""
    i = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]
