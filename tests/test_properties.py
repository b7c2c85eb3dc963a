"""Property tests over generated articles and Markdown (hypothesis).

- parsing never raises, and the model's own invariants hold (mask as long as the text, spans
  ordered and inside the text);
- every finding's span lies inside the file, and its `text` is the file's characters at its
  line/column (computed here from the bytes on disk, not from editlint's model);
- --fix is idempotent, and every byte outside the fixed spans is kept as it was.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editlint.config import Settings
from editlint.document import Document
from editlint.engine import Options, RuleSet, check_document, decode_article
from editlint.fix import apply_fixes, fix_file
from editlint.rules import load_rule_file, rule_files
from editlint.testing import rules_from_yaml
from tests.fuzz.hostile import ROOT, line_starts, offset_of

AS_OF = _dt.date(2025, 12, 4)
PROPERTY_SETTINGS = settings(max_examples=500, deadline=None,
                             suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# the pieces articles are made of: prose, repeats, quotes, Unicode, markup, odd line breaks
WORDS = ["the", "The", "THE", "plan", "was", "Was", "U.S.", "US", "Kyiv", "Kiev", "per cent",
         "percent", "Mr.", "Dr.", "J.", "minister", "said", "85%", "1,200", "café", "cafe\u0301",
         "naïve", "Zelensky", "Zelenskyy", "e-mail", "email", "it’s", "don't", "co-operation",
         "مرحبا", "שלום", "日本", "👍🏽", "👩‍👩‍👧", "\u202e", "\u200b", "Ⅻ", "ǅ", "ß", "İ"]
PUNCT = [" ", " ", " ", "  ", ".", ". ", ", ", "; ", "! ", "? ", "…", "—", "-", "'", '"', "“",
         "”", "‘", "’", "(", ")", "[", "]", "\t"]
BREAKS = ["\n", "\n\n", "\r\n", "\r\n\r\n", "\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x85", "\x1c"]
MARKUP = ["# ", "## ", "> ", ">> ", "- ", "* ", "1. ", "    ", "```", "```\n", "~~~\n", "`", "**",
          "*", "_", "~~", "[", "](http://x.org/a_b)", "![", "<div>", "</div>", "<br/>", "<!--",
          "-->", "<!-- editlint-disable -->", "<!-- editlint-enable -->", "---\n", "===\n",
          "<https://a.b/c>", "a@b.org", "www.example.com/x.", "\\", "|", "&amp;"]
FRONT = ["", "---\ntitle: A title\ndate: 2025-12-04\n---\n", "---\ntitle: 'Q''s'\n---\n",
         "---\ndate: soon\n---\n", "---\n- a\n---\n", "---\ntitle: [x\n---\n", "---\nopen\n",
         "---\r\ntitle: T\r\n---\r\n", "---\ntitle: >\n  folded\n---\n"]

# a word said two to four times, the way a slip repeats it ("the the", "was Was was")
repeats = st.builds(lambda words, sep: sep.join(words),
                    st.sampled_from(WORDS).flatmap(lambda w: st.lists(
                        st.sampled_from([w, w.upper(), w.capitalize()]), min_size=2, max_size=4)),
                    st.sampled_from([" ", "  ", "\n", " \t", "\r\n"]))
piece = st.one_of(st.sampled_from(WORDS), st.sampled_from(PUNCT), st.sampled_from(BREAKS),
                  st.sampled_from(MARKUP), repeats, st.text(max_size=4))
articles = st.builds(lambda fm, parts: fm + "".join(parts), st.sampled_from(FRONT),
                     st.lists(piece, max_size=80))
formats = st.sampled_from(["markdown", "text"])


def _core_rules():
    rules = []
    for path in rule_files(ROOT / "rules" / "core"):
        rules.extend(load_rule_file(path))
    return rules


# house rules written here exercise the other regex kinds: phrases across line breaks, user
# patterns, case carried over to the fix
HOUSE = """
- id: house.swap
  kind: substitution
  message: m
  swap: {e-mail: email, co-operation: cooperation, Kiev: Kyiv, per cent: percent, cafe: café}
- id: house.flag
  kind: existence
  message: m
  tokens: [naïve, big plan]
  patterns: ['\\bMr\\.', 'U\\.S\\.(?=\\s)', '(?<=\\d)%']
"""
CORE_RULES = _core_rules() + rules_from_yaml(HOUSE)


def findings_of(doc: Document):
    return check_document(doc, RuleSet(CORE_RULES), Settings(), Options(as_of=AS_OF))


@PROPERTY_SETTINGS
@given(text=articles, fmt=formats)
def test_parsing_never_raises_and_spans_are_inside(text, fmt):
    doc = Document(text, "a.md" if fmt == "markdown" else "a.txt", fmt)
    n = len(text)
    assert len(doc.mask) == n
    for i, ch in enumerate(doc.mask):  # the mask only ever blanks characters
        assert ch == text[i] or ch == " " or (ch in "\r\n" and ch == text[i])
    last = 0
    for block in doc.blocks:
        assert last <= block.start < block.end <= n
        last = block.end
        for s in block.sentences:
            assert block.start <= s.start < s.end <= block.end
    for q in doc.quotes:
        assert 0 <= q.start < q.end <= n
    for p in doc.problems:
        assert 0 <= p.start < p.end <= n
    for offset in {0, n // 2, n}:
        line, col = doc.position(offset)
        starts = line_starts(text)
        assert offset_of(text, starts, line, col) == offset


ENCODINGS = [(b"", "utf-8"), (b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"),
             (b"\xfe\xff", "utf-16-be")]


@PROPERTY_SETTINGS
@given(text=articles, fmt=formats, enc=st.sampled_from(ENCODINGS))
def test_findings_match_the_file_on_disk(text, fmt, enc):
    bom, codec = enc
    try:
        raw = bom + text.encode(codec)
    except UnicodeEncodeError:  # lone surrogates from st.text cannot be written to a file
        return
    if b"\x00" in raw and codec == "utf-8":
        return  # refused as binary: covered by the hostile-input tests
    decoded, had_bom, encoding = decode_article(raw, "a")
    doc = Document(decoded, "a", fmt, bom=had_bom, encoding=encoding)
    on_disk = raw[len(bom):].decode(codec)
    starts = line_starts(on_disk)
    for f in findings_of(doc):
        start = offset_of(on_disk, starts, f.line, f.column)
        end = offset_of(on_disk, starts, f.end_line, f.end_column)
        assert (start, end) == (f.start, f.end)
        assert on_disk[start:end] == f.text


FIXING_RULES = [r for r in CORE_RULES if r.safe_fix]


def findings_of_rule(rule, doc: Document):
    return check_document(doc, RuleSet([rule]), Settings(), Options(as_of=AS_OF))


@PROPERTY_SETTINGS
@given(text=articles, fmt=formats)
def test_fix_is_idempotent(text, fmt):
    """Each rule's fixes settle in one run. (Across rules they may not: a substitution can
    make a repeat, "co-operation co-operation" -> "cooperation cooperation"; see
    test_fix_chain_across_rules_settles_in_one_run.)"""
    for rule in FIXING_RULES:
        once, applied, skipped = apply_fixes(text, findings_of_rule(rule, Document(text, "a", fmt)))
        again, applied_again, _ = apply_fixes(once, findings_of_rule(rule, Document(once, "a", fmt)))
        if not skipped:  # overlapping fixes are applied one run at a time, by design
            assert (again, applied_again) == (once, []), rule.id
        if not applied:
            assert once == text


def test_fix_chain_across_rules_settles_in_one_run(run_cli, tmp_path):
    (tmp_path / "house.yaml").write_text(HOUSE, encoding="utf-8")
    path = tmp_path / "a.md"
    path.write_text("Talks on co-operation co-operation resumed.\n", encoding="utf-8")
    args = ("check", "--fix", "--select", "core,house", "--rules", "house.yaml", "a.md")
    run_cli(*args)
    first = path.read_bytes()
    run_cli(*args)
    assert path.read_bytes() == first == b"Talks on cooperation resumed.\n"


@pytest.fixture(scope="module")
def fix_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fix")


@PROPERTY_SETTINGS
@given(text=articles, fmt=formats, enc=st.sampled_from(ENCODINGS), newline=st.sampled_from(["\n", "\r\n"]))
def test_fix_keeps_every_untouched_byte(fix_dir, text, fmt, enc, newline):
    bom, codec = enc
    text = text.replace("\n", newline)
    try:
        raw = bom + text.encode(codec)
    except UnicodeEncodeError:
        return
    if b"\x00" in raw and codec == "utf-8":
        return
    path = fix_dir / ("a.md" if fmt == "markdown" else "a.txt")
    path.write_bytes(raw)
    decoded, had_bom, encoding = decode_article(raw, "a")
    doc = Document(decoded, "a", fmt, bom=had_bom, encoding=encoding)
    applied, _ = fix_file(path, doc, findings_of(doc))
    new = path.read_bytes()
    if not applied:
        assert new == raw
        return
    assert new.startswith(bom)
    # walk the original bytes: every region between fixes is copied byte for byte
    pos_char, pos_byte, out = 0, len(bom), len(bom)
    for f in sorted(applied, key=lambda f: f.start):
        gap = len(decoded[pos_char:f.start].encode(codec))
        assert new[out:out + gap] == raw[pos_byte:pos_byte + gap]
        fixed = f.fix.encode(codec)
        assert new[out + gap:out + gap + len(fixed)] == fixed
        out += gap + len(fixed)
        pos_byte += gap + len(decoded[f.start:f.end].encode(codec))
        pos_char = f.end
    assert new[out:] == raw[pos_byte:]
