"""Fuzz targets for the article parser and the rule/config loader (hypothesis).

In the suite each target runs a bounded number of examples (a few seconds). To fuzz longer
by hand, raise the count (and keep hypothesis's database, which replays what it found):

    EDITLINT_FUZZ_EXAMPLES=200000 python -m pytest tests/fuzz -p no:cacheprovider -x

Every input a run found to crash or hang is pinned below with @example, so it stays a
regression test (see the report of issue 7 for what each one was).
"""

from __future__ import annotations

import datetime as _dt
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from editlint.config import Settings, load_config
from editlint.document import Document
from editlint.engine import Options, RuleSet, check_document, decode_article
from editlint.errors import EditlintError
from editlint.rules import load_rule_file, rule_files
from tests.fuzz.hostile import ROOT, line_starts, offset_of

EXAMPLES = int(os.environ.get("EDITLINT_FUZZ_EXAMPLES", "300"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
CORE = RuleSet([r for p in rule_files(ROOT / "rules" / "core") for r in load_rule_file(p)])

# ---------------------------------------------------------------------------------------------
# the article parser: bytes in, findings or a one-line InputError out

ARTICLE_BITS = [b"---\n", b"---\r\n", b"title: ", b"date: ", b"2025-12-04", b"\n", b"\r\n", b"\r",
                b"\n\n", b"# ", b"> ", b"- ", b"1. ", b"```", b"~~~", b"    ", b"\t", b"<div>",
                b"<!--", b"-->", b"<!-- editlint-disable-line -->", b"`", b"*", b"_", b"[", b"](",
                b")", b"the the ", b"The the ", b"U.S. ", b"US ", b"Mr. ", b"\xe2\x80\x9c",
                b"\xe2\x80\x9d", b"\xe2\x80\x98", b"\xe2\x80\x99", b'"', b"\xe2\x80\xa8", b"\x0b",
                b"\xc2\x85", b"\xef\xbb\xbf", b"\xff\xfe", b"\xcc\x81", b"\xf0\x9f\x91\x8d",
                b"\xd9\x85\xd8\xb1", b"\xff", b"\xc3", b"\x00", b"http://a.b/c ", b"a@b.co ",
                b"... ", b"\xe2\x80\xa6", b"!", b"?", b". ", b"word "]
article_bytes = st.one_of(
    st.binary(max_size=300),
    st.lists(st.sampled_from(ARTICLE_BITS), max_size=60).map(b"".join),
    st.tuples(st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]),
              st.text(max_size=200), st.sampled_from(["utf-8", "utf-16-le", "utf-16-be"]))
    .map(lambda t: t[0] + t[1].encode(t[2], "surrogatepass")),
)


def parse_article(data: bytes, fmt: str) -> None:
    """The target: decode, parse, run the core rules; check every finding against the text."""
    try:
        text, bom, encoding = decode_article(data, "fuzz")
    except EditlintError as exc:
        assert "\n" not in str(exc)
        return
    doc = Document(text, "fuzz", fmt, bom=bom, encoding=encoding)
    assert len(doc.mask) == len(text)
    starts = line_starts(text)
    for f in check_document(doc, CORE, Settings(), Options(as_of=_dt.date(2025, 12, 4))):
        start = offset_of(text, starts, f.line, f.column)
        end = offset_of(text, starts, f.end_line, f.end_column)
        assert text[start:end] == f.text == text[f.start:f.end]


@FUZZ
@given(data=article_bytes, fmt=st.sampled_from(["markdown", "text"]))
@example(data=b"---\ntitle: [unclosed\n---\n\nBody.\n", fmt="markdown")  # span ended before it began
@example(data=b"The crowd shouted \"stop\" stop.", fmt="markdown")  # repeat across a quote
@example(data=b"It was was was late.", fmt="text")  # --fix was not idempotent
def test_fuzz_article_parser(data, fmt):
    parse_article(data, fmt)


# ---------------------------------------------------------------------------------------------
# the rule and config loader: YAML in, rules or a one-line ConfigError out

YAML_BITS = ["id: ", "kind: ", "existence", "substitution", "consistency", "repetition",
             "spelling", "names", "stray", "titles", "attribution", "message: ", "m", "tokens: ",
             "patterns: ", "swap: ", "either: ", "scope: ", "quotes: ", "severity: ", "category: ",
             "examples: ", "flag: ", "ok: ", "safe_fix: ", "ignorecase: ", "allow: ", "words: ",
             "packs: ", "rules: ", "accept: ", "reject: ", "as_of: ", "exclude: ", "overrides: ",
             "settings: ", "disable: ", "files: ", "[", "]", "{", "}", ", ", ": ", "- ", "\n", "  ",
             "\t", "'", '"', "&a ", "*a", "<<: ", "!!python/object/apply:os.system ", "!!set ",
             "!!omap ", "!!binary ", "!!str ", "!custom ", "? ", "| ", "> ", "# c", "---\n",
             "...\n", "(a|aa)+b", "\\b", "x", "true", "null", "1", "-1", "1e999", "2025-12-04",
             "../", "/etc/passwd", "~", "%YAML 1.1\n", "\x00", "\u2028", "\ufeff", "é"]
yaml_text = st.one_of(st.text(max_size=200),
                      st.lists(st.sampled_from(YAML_BITS), max_size=50).map("".join))


def load_rules(source: str, as_config: bool) -> None:
    """The target: a rule file or a config is either loaded or refused with a ConfigError."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / (".editlint.yaml" if as_config else "fuzz.yaml")
        path.write_bytes(source.encode("utf-8", "surrogatepass"))
        try:
            load_config(path) if as_config else load_rule_file(path)
        except EditlintError as exc:
            assert str(exc).count("\n") == 0 and str(path.name) in str(exc), str(exc)


@FUZZ
@given(source=yaml_text, as_config=st.booleans())
@example(source="a: !!omap [{b: 1}]\n", as_config=False)  # TypeError traceback
@example(source="!!set ", as_config=False)  # AttributeError inside ruamel
@example(source="base: &b {x: 1}\nd:\n  <<: *b\n", as_config=True)  # KeyError traceback
@example(source="a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 9)), as_config=True)  # hang
@example(source="id: a\nkind: existence\nmessage: m\ntokens: " + "[" * 1200 + "]" * 1200, as_config=False)
def test_fuzz_rule_loader(monkeypatch, source, as_config):
    monkeypatch.setenv("EDITLINT_NO_CACHE", "1")  # thousands of files must not fill the cache
    load_rules(source, as_config)
