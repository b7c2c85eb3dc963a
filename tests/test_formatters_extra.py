"""--format gitlab (Code Quality JSON) and --format html (the editors' page)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from editlint.findings import Finding
from editlint.formatters import Report, gitlab
from editlint.formatters import html as html_format


def _finding(text: str, start: int, end: int, rule: str = "house.x", category: str = "style",
             severity: str = "warning", path: str = "a.md", message: str = "m",
             fix: str | None = None, link: str | None = None) -> Finding:
    """A finding at text[start:end], with line and column computed as the model does."""
    def pos(offset: int) -> tuple[int, int]:
        before = re.split(r"\r\n|\r|\n", text[:offset])
        return len(before), len(before[-1]) + 1

    (line, col), (end_line, end_col) = pos(start), pos(end)
    return Finding(path, line, col, end_line, end_col, rule, category, severity, message,
                   text[start:end], fix, start, end, link=link)


def _span(text: str, needle: str, **kw) -> Finding:
    start = text.index(needle)
    return _finding(text, start, start + len(needle), **kw)


class _Page(HTMLParser):
    """Reads the rendered page back: per article, its text and each mark's pieces."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.in_text = 0
        self.text = ""
        self.articles: list[str] = []
        self.open_marks: list[tuple[str, int]] = []
        self.pieces: dict[str, list[tuple[int, int]]] = {}  # finding -> [(start, end)]
        self.attrs: dict[str, dict] = {}
        self.scripts: list[str] = []
        self.in_script = False
        self.open_details: list[bool] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "details" and "article" in (a.get("class") or ""):
            self.open_details.append("open" in a)
        if tag == "script":
            self.in_script = True
            self.scripts.append("")
        if tag == "div" and a.get("class") == "text":
            self.in_text += 1
            self.text = ""
        if tag == "mark":
            assert self.in_text, "a mark outside the article text"
            fid = a["data-finding"]
            self.attrs.setdefault(fid, a)
            self.open_marks.append((fid, len(self.text)))
        self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1:]}>"
        self.stack.pop()
        if tag == "mark":
            fid, start = self.open_marks.pop()
            self.pieces.setdefault(fid, []).append((start, len(self.text)))
        if tag == "div" and self.in_text:
            self.in_text -= 1
            self.articles.append(self.text)
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_text:
            self.text += data
        if self.in_script:
            self.scripts[-1] += data


VOID = ("meta", "br", "input", "img", "link")


def _parse(page: str) -> _Page:
    parser = _Page()
    # void elements never close; drop them so the stack check stays simple
    parser.feed(re.sub(r"<(?:" + "|".join(VOID) + r")\b[^>]*>", "", page))
    parser.close()
    assert parser.stack == [], parser.stack
    return parser


def _marked(parser: _Page, fid: str) -> tuple[int, int, str]:
    """A finding's highlighted range, from its pieces (which must be contiguous)."""
    pieces = sorted(parser.pieces[fid])
    for (_, end), (start, _) in zip(pieces, pieces[1:], strict=False):
        assert end == start, f"pieces of {fid} are not contiguous: {pieces}"
    start, end = pieces[0][0], pieces[-1][1]
    return start, end, parser.articles[0][start:end]


# ---------------------------------------------------------------------------------------------
# gitlab


def test_gitlab_code_quality_shape():
    text = "The US plan.\nThe US view.\n"
    findings = [
        _span(text, "US", severity="error", path="./news/a.md", fix="U.S."),
        _finding(text, 17, 19, severity="info", path="./news/a.md"),
        _span(text, "plan", severity="warning", rule="house.y", path="news/b.md"),
    ]
    issues = json.loads(gitlab.render(Report(findings, 2)))
    assert isinstance(issues, list) and len(issues) == 3
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert re.fullmatch(r"[0-9a-f]{32}", issue["fingerprint"])
        assert set(issue["location"]) == {"path", "lines"}
    first, second, third = issues
    assert first["location"] == {"path": "news/a.md", "lines": {"begin": 1, "end": 1}}
    assert second["location"]["lines"] == {"begin": 2, "end": 2}
    assert (first["severity"], second["severity"], third["severity"]) == ("major", "info", "minor")
    assert first["check_name"] == "house.x" and "U.S." in first["description"]
    # the same rule on the same text twice in one file: still two distinct issues
    assert len({i["fingerprint"] for i in issues}) == 3
    assert first["fingerprint"] == findings[0].fingerprint()


def test_gitlab_fingerprint_survives_a_line_shift():
    before = "The US plan.\n"
    after = "A new first line.\n\nThe US plan.\n"
    one = json.loads(gitlab.render(Report([_span(before, "US")], 1)))
    two = json.loads(gitlab.render(Report([_span(after, "US")], 1)))
    assert one[0]["fingerprint"] == two[0]["fingerprint"]
    assert one[0]["location"]["lines"] != two[0]["location"]["lines"]


def test_gitlab_empty_run_is_an_empty_array():
    assert json.loads(gitlab.render(Report([], 3))) == []


def test_gitlab_from_the_cli(run_cli, tmp_path):
    (tmp_path / "a.md").write_text("It was was late.\n", encoding="utf-8")
    code, out, _ = run_cli("check", "--format", "gitlab", "--select", "core.repeated-word",
                           "a.md")
    assert code == 1
    (issue,) = json.loads(out)
    assert issue["check_name"] == "core.repeated-word"
    assert issue["location"] == {"path": "a.md", "lines": {"begin": 1, "end": 1}}


# ---------------------------------------------------------------------------------------------
# html


def test_html_escapes_article_text_messages_and_paths():
    text = 'Officials <script>alert("x")</script> & <b>bold</b> claims.\n'
    path = 'news/<img src=x onerror=alert(1)>.md'
    f = _span(text, "<script>", path=path, message="<i>bad</i> \"quote\"",
              fix="</mark><script>", link="javascript:alert(1)")
    page = html_format.render(Report([f], 1, ["<err>"], sources={path: text}))
    parser = _parse(page)
    # the only script is the page's own; no markup from the article survives as markup
    assert len(parser.scripts) == 1 and "alert" not in parser.scripts[0]
    assert "<script>alert" not in page and "<b>bold" not in page and "<img" not in page
    assert "<i>bad" not in page and "</mark><script>" not in page and "<err>" not in page
    assert "alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold" in page
    assert 'href="javascript' not in page
    assert parser.articles == [text]
    assert _marked(parser, "0-0")[2] == "<script>"


def test_html_marks_carry_position_attributes_and_hover_text():
    text = "Intro line.\nThe US plan was set.\n"
    f = _span(text, "US", rule="house.us", category="style", message="say U.S.", fix="U.S.")
    parser = _parse(html_format.render(Report([f], 1, sources={"a.md": text})))
    a = parser.attrs["0-0"]
    assert (a["data-rule"], a["data-category"], a["data-line"], a["data-column"],
            a["data-end-line"], a["data-end-column"]) == ("house.us", "style", "2", "5", "2", "7")
    assert "say U.S." in a["title"] and "fix: U.S." in a["title"]
    assert _marked(parser, "0-0") == (16, 18, "US")


def test_html_overlapping_findings_all_render():
    text = ("A calm first paragraph.\n\nThe stray part mentions Rusia and more. "
            "It says 85% of them agree.\n")
    stray_start = text.index("The stray")
    findings = [
        _finding(text, stray_start, len(text) - 1, rule="stray.x", category="stray"),
        _span(text, "Rusia", rule="typo.x", category="typo"),
        # crosses the typo's end and the stray paragraph is around both
        _span(text, "Rusia and more. It says 85%", rule="attr.x", category="attribution"),
        _span(text, "sia and", rule="style.x"),  # crosses the start of the attribution span
        _finding(text, text.index("85%"), text.index("85%"), rule="point.x"),  # zero length
    ]
    findings.sort()
    page = html_format.render(Report(findings, 1, sources={"a.md": text}))
    parser = _parse(page)
    assert parser.articles == [text]
    assert len(parser.pieces) == len(findings)
    for k, f in enumerate(findings):
        start, end, marked = _marked(parser, f"0-{k}")
        assert (start, end, marked) == (f.start, f.end, f.text), f.rule
    assert max(len(p) for p in parser.pieces.values()) >= 2  # a crossing span was split


def test_html_crlf_split_by_a_mark_stays_one_line_break():
    text = "First line\r\nSecond US line\r\n"
    f = _finding(text, 0, 11)  # ends between CR and LF
    g = _span(text, "US")
    parser = _parse(html_format.render(Report([f, g], 1, sources={"a.md": text})))
    assert parser.articles == [text.replace("\r\n", "\n")]
    # the CR is inside the mark, its LF outside: the page shows one break, after the mark
    assert _marked(parser, "0-0") == (0, 10, "First line")
    assert _marked(parser, "0-1")[2] == "US"


def test_html_odd_characters_do_not_shift_positions():
    text = "A\x00B \U0001F600 the US \ud800 plan.\n"
    f = _span(text, "US")
    page = html_format.render(Report([f], 1, sources={"a.md": text}))
    page.encode("utf-8")  # no lone surrogate reaches the output
    parser = _parse(page)
    start, end, marked = _marked(parser, "0-0")
    assert (start, end, marked) == (f.start, f.end, "US")


def test_html_finding_whose_offsets_do_not_match_is_listed_not_misplaced():
    text = "The plan.\n"
    stale = Finding("a.md", 1, 5, 1, 9, "house.x", "style", "warning", "m", "gone", None, 4, 8)
    parser = _parse(html_format.render(Report([stale], 1, sources={"a.md": text})))
    assert parser.pieces == {}
    assert parser.articles == [text]


def test_html_summary_counts_by_category_and_severity():
    text = "One two three four.\n"
    findings = [_span(text, "One", category="typo", severity="error"),
                _span(text, "two", category="typo", severity="warning"),
                _span(text, "four", category="style", severity="info")]
    page = html_format.render(Report(findings, 4, sources={"a.md": text, "b.md": "ok\n"}))
    summary = page[page.index('id="summary"'):page.index("</table>")]
    rows = {m[1]: re.findall(r'<td class="n">(\d*)</td>', m[0])
            for m in re.finditer(r"<tr><td><span[^>]*>(\w+)</span></td>.*?</tr>", summary)}
    assert rows["typo"] == ["1", "1", "", "2"]
    assert rows["style"] == ["", "", "1", "1"]
    assert rows["name"] == ["", "", "", ""]
    assert "3 findings in 1 article (4 checked)" in page
    assert "1 article with no findings" in page and "b.md" in page


def test_html_large_run_collapses_articles():
    articles = {f"news/{i:04d}.md": f"Story {i} has a US angle.\n" for i in range(1000)}
    findings = [_span(t, "US", path=p) for p, t in articles.items()]
    page = html_format.render(Report(findings, 1000, sources=articles))
    parser = _parse(page)
    assert len(parser.open_details) == 1000
    assert sum(parser.open_details) == html_format.OPEN_ARTICLES
    assert len(parser.pieces) == 1000
    assert "http" not in page.replace("http-equiv", "")  # nothing is fetched


def test_html_from_the_cli(run_cli, tmp_path):
    (tmp_path / "a.md").write_text("It was was late <b>here</b>.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("Nothing to see.\n", encoding="utf-8")
    code, out, _ = run_cli("check", "--format", "html", "--select", "core.repeated-word",
                           "a.md", "b.md")
    assert code == 1
    parser = _parse(out)
    assert _marked(parser, "0-0")[2] == "was was"
    assert "1 article with no findings" in out
