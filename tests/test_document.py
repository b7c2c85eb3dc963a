"""The article model: offsets, blocks, masking, sentences, quotes, front matter."""

from __future__ import annotations

import pytest

from editlint.document import Document
from editlint.engine import decode_article


def spans(doc, items):
    return [doc.text[s.start:s.end] for s in items]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_positions_survive_line_endings_tabs_and_curly_quotes(newline):
    text = newline.join(["---", "title: Élysée talks", "date: 2025-12-04", "---", "",
                         "\t“Élysée” said Rusia’s envoy."]) + newline
    doc = Document(text, "a.md")
    offset = text.index("Rusia")
    assert doc.position(offset) == (6, text.split(newline)[5].index("Rusia") + 1)
    assert doc.position(offset) == (6, 16)  # tab, curly quotes and É are one column each


def test_bom_is_not_a_column():
    text, bom, encoding = decode_article("Rusia is here.\n".encode("utf-8-sig"), "a.txt")
    assert bom and encoding == "utf-8"
    doc = Document(text, "a.txt")
    assert doc.position(text.index("Rusia")) == (1, 1)


def test_utf16_with_bom_decodes():
    text, bom, encoding = decode_article("Kyiv talks\n".encode("utf-16"), "a.txt")
    assert text == "Kyiv talks\n" and bom and encoding.startswith("utf-16")


def test_front_matter_title_date_and_span():
    doc = Document('---\ntitle: "Halo sells"\ndate: 2005-03-15\n---\n\nBody text.\n', "a.md")
    assert doc.title == "Halo sells"
    assert doc.text[doc.title_span.start:doc.title_span.end] == "Halo sells"
    assert str(doc.date) == "2005-03-15"
    assert doc.mask[:doc.front_matter_span.end].strip() == ""  # front matter never linted
    assert spans(doc, doc.blocks) == ["Body text."]


def test_complex_front_matter_uses_yaml():
    doc = Document("---\ntitle: Talks\ntags: [a, b]\ndate: 2025-01-02\n---\nBody.\n", "a.md")
    assert doc.front_matter["tags"] == ["a", "b"] and str(doc.date) == "2025-01-02"


@pytest.mark.parametrize("front, problem", [
    ("---\ntitle: x\n\nBody.\n", "not closed"),
    ("---\n- a\n- b\n---\nBody.\n", "not a mapping"),
    ("---\ndate: yesterday\n---\nBody.\n", "not a date"),
    ("---\ntitle: [unclosed\n---\nBody.\n", "not valid YAML"),
])
def test_bad_front_matter_is_a_problem_not_a_crash(front, problem):
    doc = Document(front, "a.md")
    assert any(problem in p.message for p in doc.problems)


def test_markdown_blocks_and_masks():
    text = (
        "# Heading here\n\n"
        "A paragraph with `code span` and a [link](https://example.com/x) and https://bbc.co.uk/news.\n\n"
        "- item one\n- item two\n\n"
        "> quoted block\n> continues\n\n"
        "```\nnot prose at all\n```\n\n"
        "<!-- a comment -->\n\n"
        "    indented code\n\n"
        "Last **bold** paragraph.\n"
    )
    doc = Document(text, "a.md")
    kinds = [b.kind for b in doc.blocks]
    assert kinds == ["heading", "paragraph", "list", "list", "blockquote", "paragraph"]
    masked = doc.mask
    assert len(masked) == len(text)
    for hidden in ("code span", "https://example.com/x", "bbc.co.uk", "not prose", "a comment",
                   "indented code", "**"):
        assert hidden not in masked
    assert "link" in masked and "bold" in masked
    assert "quoted block" in masked and ">" not in masked


def test_unclosed_fence_hides_the_rest():
    doc = Document("Before.\n\n```\ncode\nmore code\n", "a.md")
    assert spans(doc, doc.blocks) == ["Before."]
    assert "code" not in doc.mask


def test_plain_text_one_paragraph_per_line_and_wrapped():
    doc = Document("First para.\nSecond para.\nThird para.\n", "a.txt")
    assert len(doc.blocks) == 3
    wrapped = ("This paragraph is wrapped\nover several lines of\ntext here.\n\n"
               "Second paragraph also\nwraps onto a second line\nand a third.\n")
    doc = Document(wrapped, "a.txt")
    assert len(doc.blocks) == 2


@pytest.mark.parametrize("text, expected", [
    ("Former U.S. President Donald Trump spoke. Mr. Kushner was present.",
     ["Former U.S. President Donald Trump spoke.", "Mr. Kushner was present."]),
    ("Rebels hold approximately 40%. Next, talks resume on Nov. 23. The plan failed.",
     ["Rebels hold approximately 40%.", "Next, talks resume on Nov. 23.", "The plan failed."]),
    ("He flew to the U.S. The talks began. J. Smith agreed.",
     ["He flew to the U.S.", "The talks began.", "J. Smith agreed."]),
    ("He said: “It is over.” Then he left!", ["He said: “It is over.”", "Then he left!"]),
    ("Dr Smith, 44, died in 2018. It rose 2.5%. It fell.",
     ["Dr Smith, 44, died in 2018.", "It rose 2.5%.", "It fell."]),
])
def test_sentences(text, expected):
    doc = Document(text + "\n", "a.txt")
    assert spans(doc, doc.sentences) == expected


def test_quotes_curly_straight_and_open_ended():
    doc = Document('He said “we will win” and "never give up". She said ‘maybe’.\n'
                   "“This quote runs on to the next paragraph\n"
                   "Putin’s remarks were not quoted.\n", "a.txt")
    assert spans(doc, doc.quotes) == ["“we will win”", '"never give up"', "‘maybe’",
                                      "“This quote runs on to the next paragraph"]
    assert not doc.in_quote(doc.text.index("Putin"))
    assert doc.in_quote(doc.text.index("win"))
    only = doc.quote_mask(only=True)
    assert "we will win" in only and "He said" not in only


def test_suppression_directives_parsed():
    doc = Document("<!-- editlint-disable-next-line core.repeated-word -->\nThe the end.\n", "a.md")
    assert doc.directives[0].action == "disable-next-line"
    assert doc.directives[0].rules == frozenset({"core.repeated-word"})


@pytest.mark.parametrize("text", ["", "   \n\n  ", "\u202eRTL\u05d0\u05d1 text 😀 e\u0301\n",
                                  "> > > > deep\n" * 50, "- " * 200 + "x\n", "---\n", "# \n"])
def test_odd_input_never_crashes(text):
    doc = Document(text, "a.md")
    assert len(doc.mask) == len(text)
    for s in doc.sentences:
        assert 0 <= s.start < s.end <= len(text)


def test_straight_quote_left_open_then_a_new_one():
    doc = Document('He said "we will win. "And with 8,000 fans," she said. The "end" came.\n', "a.txt")
    assert spans(doc, doc.quotes) == ['"we will win. ', '"And with 8,000 fans,"', '"end"']
