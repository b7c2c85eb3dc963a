"""Hostile article input: every case gives correct findings or a clear one-line error, never a
traceback or a hang; positions lie inside the file; exit 2 only for errors, and the other
files are still checked. Large inputs are generated once per session."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from tests.fuzz.hostile import (
    FILLER,
    assert_findings_match_file,
    assert_one_line_errors,
    decode,
    run_cli_subprocess,
    write_filler_article,
)

CORE = ["--select", "core", "--as-of", "2025-12-04"]
REPEAT = "The minister said the the plan would go ahead."  # one core.repeated-word finding

# name -> (bytes on disk, expected: ("error", text in stderr) or ("findings", [texts]) or
# ("any", None): no crash, findings consistent with the file)
SMALL_CASES: dict[str, tuple[bytes, tuple]] = {
    "empty.md": (b"", ("findings", [])),
    "whitespace.md": (b"  \n\t\n \r\n\n   ", ("findings", [])),
    "whitespace.txt": (b"\t\t\n\n\r\n  ", ("findings", [])),
    "binary.md": (bytes(range(256)) * 8, ("error", "binary file")),
    "invalid-utf8.md": (b"Good start.\n\xc3\x28 bad byte\n", ("error", "not valid UTF-8 at byte 12")),
    "invalid-utf8-late.txt": (FILLER.encode() * 3 + b"\n\xff\n",
                              ("error", f"not valid UTF-8 at byte {len(FILLER.encode()) * 3 + 1}")),
    "latin1.txt": ("caf\xe9 au lait\n".encode("latin-1"), ("error", "not valid UTF-8 at byte 3")),
    "utf16le-bom.md": (b"\xff\xfe" + f"Intro.\n\n{REPEAT}\n".encode("utf-16-le"), ("findings", ["the the"])),
    "utf16be-bom.md": (b"\xfe\xff" + f"{REPEAT}\n".encode("utf-16-be"), ("findings", ["the the"])),
    "utf16-odd-length.md": (b"\xff\xfe" + "Hi.".encode("utf-16-le") + b"\x00\xd8",
                            ("error", "invalid UTF-16")),
    "utf8-bom.md": (b"\xef\xbb\xbf" + f"{REPEAT}\n".encode(), ("findings", ["the the"])),
    "crlf.md": (f"---\r\ntitle: T\r\n---\r\n\r\nIntro.\r\n\r\n{REPEAT}\r\n".encode(), ("findings", ["the the"])),
    "lone-cr.txt": (f"Intro line.\r{REPEAT}\rLast line.\r".encode(), ("findings", ["the the"])),
    "mixed-breaks.md": (f"A.\r\nB.\rC.\n\n{REPEAT}\r\n".encode(), ("findings", ["the the"])),
    "nested-lists.md": ("".join("  " * i + f"- item {i}\n" for i in range(1000)).encode()
                        + f"\n{REPEAT}\n".encode(), ("findings", ["the the"])),
    "nested-blockquotes.md": ((">" * 50000 + f" {REPEAT}\n").encode(), ("findings", ["the the"])),
    "blockquote-ladder.md": ("".join(">" * i + f" Line {i} here.\n" for i in range(1, 1500)).encode(),
                             ("findings", [])),
    "unterminated-front-matter.md": (f"---\ntitle: Open\n\n{REPEAT}\n".encode(),
                                     ("findings", ["---", "the the"])),
    "front-matter-list.md": (f"---\n- a\n- b\n---\n\n{REPEAT}\n".encode(), ("findings", ["---", "the the"])),
    "front-matter-scalar.md": (f"---\njust words\n---\n\n{REPEAT}\n".encode(), ("findings", ["---", "the the"])),
    "front-matter-bad-yaml.md": (f"---\ntitle: [unclosed\n---\n\n{REPEAT}\n".encode(), ("any", None)),
    "front-matter-python-tag.md": (b"---\ntitle: !!python/object/apply:os.system ['touch pwned']\n---\n\nBody.\n",
                                   ("any", None)),
    "date-not-a-date.md": (f"---\ntitle: T\ndate: yesterday\n---\n\n{REPEAT}\n".encode(),
                           ("findings", ["yesterday", "the the"])),
    "date-impossible.md": (b"---\ndate: 2025-13-45\n---\n\nBody text.\n", ("findings", ["2025-13-45"])),
    "date-a-list.md": (b"---\ndate: [2025, 12, 4]\n---\n\nBody text.\n", ("any", None)),
    "unclosed-fence.md": (f"{REPEAT}\n\n```\nthe the code is never linted\n".encode(), ("findings", ["the the"])),
    "html.md": (f"<div>\nthe the inside html\n</div>\n\n<p>the the</p>\n\n{REPEAT}\n".encode(),
                ("findings", ["the the"])),
    "html-comment-unclosed.md": (f"{REPEAT}\n\n<!-- the the never closed\n\nthe the\n".encode(),
                                 ("findings", ["the the"])),
    "emoji.md": ("👍🏽 Crowds 🎉 cheered. 👩‍👩‍👧 The the family waved 🇺🇦.\n".encode(), ("findings", ["The the"])),
    "combining.md": ("Cafe\u0301 owners said the the caf\u00e9 would reopen.\n".encode(), ("findings", ["the the"])),
    "rtl.md": ("قال الوزير إن إن الخطة ستمضي قدما.\n\n\u202eThe the\u202c reversed.\n".encode(),
               ("findings", ["إن إن", "The the"])),
    "exotic-breaks.md": (f"One.\u2028Two.\u2029Three.\x0bFour.\x0cFive.\x85 {REPEAT}\n".encode(),
                         ("findings", ["the the"])),
    "nul-late.txt": (FILLER.encode() * 200 + b"\x00 the the\n", ("any", None)),
    "control-chars.md": (b"Alarm \x07 and escape \x1b[31m red the the.\n", ("findings", ["the the"])),
    "odd-case-letters.md": ("Officials in İstanbul realiſe ǅemal's ﬁnal STRAẞE plan; the the Kelvin ΣΑΣ.\n".encode(),
                            ("findings", ["the the"])),
    "quote-between-words.md": (b'The crowd shouted "stop" stop all night.\n', ("findings", [])),
    "only-markup.md": (b"# \n\n---\n\n* \n\n> \n\n```\n```\n\n[]()\n", ("findings", [])),
}


def _check_small(run_cli, tmp_path, name: str, raw: bytes, expected: tuple, extra: list[str]):
    (tmp_path / name).write_bytes(raw)
    code, out, err = run_cli("check", "--format", "json", *extra, name)
    assert_one_line_errors(err)
    kind, what = expected
    if kind == "error":
        assert code == 2 and what in err and name in err, (code, err)
        assert len(err.strip().splitlines()) == 1
        assert json.loads(out)["findings"] == []
        return
    data = json.loads(out)
    assert data["files_checked"] == 1
    assert code in (0, 1), (code, err)
    assert_findings_match_file(data["findings"], {name: decode(raw)})
    if kind == "findings" and extra == CORE + ["--fail-on", "warning"]:
        assert sorted(f["text"] for f in data["findings"]) == sorted(what), data["findings"]


@pytest.mark.parametrize("name", list(SMALL_CASES))
def test_small_hostile_input_core(run_cli, tmp_path, name):
    raw, expected = SMALL_CASES[name]
    _check_small(run_cli, tmp_path, name, raw, expected, CORE + ["--fail-on", "warning"])
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize("name", list(SMALL_CASES))
def test_small_hostile_input_all_rules(run_cli, tmp_path, name):
    """Every built-in rule (others' kinds included) survives every hostile input."""
    raw, expected = SMALL_CASES[name]
    _check_small(run_cli, tmp_path, name, raw, expected, ["--as-of", "2025-12-04"])


def test_front_matter_problems_are_positioned_in_the_front_matter(run_cli, tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: T\ndate: next week\n---\n\nBody.\n", encoding="utf-8")
    _, out, _ = run_cli("check", "--format", "json", *CORE, "a.md")
    (f,) = json.loads(out)["findings"]
    assert (f["line"], f["column"], f["text"]) == (3, 7, "next week") and "not a date" in f["message"]


def test_python_tag_in_front_matter_is_rejected_not_run(run_cli, tmp_path):
    (tmp_path / "a.md").write_bytes(SMALL_CASES["front-matter-python-tag.md"][0])
    _, out, _ = run_cli("check", "--format", "json", *CORE, "a.md")
    (f,) = json.loads(out)["findings"]
    assert "front matter is not valid YAML" in f["message"]
    assert not (tmp_path / "pwned").exists()


def test_bad_files_do_not_stop_the_others(run_cli, tmp_path):
    """Exit 2 for the unreadable ones, and every good file is still checked and reported."""
    names = []
    for i in range(3):
        (tmp_path / f"good{i}.md").write_text(f"{REPEAT}\n", encoding="utf-8")
        names.append(f"good{i}.md")
    for name in ("binary.md", "invalid-utf8.md", "utf16-odd-length.md"):
        (tmp_path / name).write_bytes(SMALL_CASES[name][0])
        names.insert(2, name)
    names += ["missing.md"]
    code, out, err = run_cli("check", "--format", "json", *CORE, *names)
    assert code == 2
    data = json.loads(out)
    assert data["files_checked"] == 3
    assert [f["path"] for f in data["findings"]] == ["good0.md", "good1.md", "good2.md"]
    assert_one_line_errors(err)
    for bad in ("binary.md", "invalid-utf8.md", "utf16-odd-length.md", "missing.md"):
        assert bad in err


def test_clean_hostile_files_exit_zero(run_cli, tmp_path):
    """Exit 2 is for errors only: odd but valid files with nothing wrong exit 0."""
    names = []
    for name in ("empty.md", "whitespace.md", "only-markup.md", "blockquote-ladder.md"):
        (tmp_path / name).write_bytes(SMALL_CASES[name][0])
        names.append(name)
    code, out, err = run_cli("check", "--format", "json", *CORE, *names)
    assert (code, err) == (0, "") and json.loads(out)["files_checked"] == 4


def test_text_format_agrees_with_the_model_on_exotic_line_breaks(run_cli, tmp_path):
    """Only \\r\\n, \\r and \\n break lines: the excerpt is the model's line, the caret under
    the finding's column, even with U+2028, U+0085, \\v and \\f on the line."""
    raw, _ = SMALL_CASES["exotic-breaks.md"]
    (tmp_path / "a.md").write_bytes(raw)
    code, out, _ = run_cli("check", "--no-color", *CORE, "a.md")
    lines = out.split("\n")
    head = re.match(r"a\.md:(\d+):(\d+): ", lines[0])
    assert head and head.groups() == ("1", str(raw.decode().index("the the") + 1))
    # C0/C1 controls (\v, \f, U+0085) show as U+FFFD, one column each, so the caret lines up
    visible = re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", "\ufffd", raw.decode().rstrip("\n"))
    assert lines[1] == "    " + visible
    assert lines[2] == "    " + " " * raw.decode().index("the the") + "^" * 7


def test_non_regular_file_does_not_hang(tmp_path):
    """A FIFO named like an article (a folder walk finds it) must be skipped or refused."""
    os.mkfifo(tmp_path / "pipe.md")
    (tmp_path / "good.md").write_text(f"{REPEAT}\n", encoding="utf-8")
    code, data, err = run_cli_subprocess([*CORE, "."], tmp_path, timeout=10)
    assert code == 2 and [f["path"] for f in data["findings"]] == ["good.md"]
    assert "pipe.md: not a regular file" in err


def test_read_article_refuses_what_is_not_an_article(tmp_path, monkeypatch):
    """One descriptor is opened, checked and read (engine._read_bytes): a folder, a file over
    the size limit and an unreadable file give one-line errors naming them; an empty file and
    a file of 200 KB give all their bytes."""
    from editlint import engine
    from editlint.errors import InputError

    folder = tmp_path / "folder.md"
    folder.mkdir()
    with pytest.raises(InputError, match="folder.md: is a folder"):
        engine.read_article(folder, "folder.md")
    big = tmp_path / "big.md"
    big.write_text("word " * 40_000, encoding="utf-8")
    assert engine.read_article(big, "big.md").text == "word " * 40_000
    monkeypatch.setattr(engine, "MAX_ARTICLE_BYTES", 1000)
    with pytest.raises(InputError, match=r"big.md: file is too large to check \(200000 bytes\)"):
        engine.read_article(big, "big.md")
    (tmp_path / "empty.md").write_bytes(b"")
    assert engine.read_article(tmp_path / "empty.md", "empty.md").text == ""
    with pytest.raises(InputError, match="gone.md: cannot read: No such file"):
        engine.read_article(tmp_path / "gone.md", "gone.md")


# ---------------------------------------------------------------------------------------------
# large inputs (generated once per session)

PLANTED = {0: REPEAT, 777: REPEAT}


@pytest.fixture(scope="session")
def big_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("big")
    write_filler_article(folder / "paras100k.md", 100_000, {**PLANTED, 99_999: REPEAT})
    write_filler_article(folder / "paras100k.txt", 100_000, {**PLANTED, 99_999: REPEAT})
    words = (FILLER + " ") * (5_000_000 // (len(FILLER) + 1))
    (folder / "line5mb.txt").write_text(f"{words}{REPEAT}", encoding="utf-8")
    # 50 MB in 10,000 paragraphs of about 5 KB: a long article, not a pile of one-liners
    write_filler_article(folder / "article50mb.md", 10_000, {5000: REPEAT, 9999: REPEAT},
                         sentences_per_paragraph=16)
    return folder


@pytest.mark.parametrize("name, lines", [
    ("paras100k.md", [1, 1555, 199_999]), ("paras100k.txt", [1, 778, 100_000]),
    ("line5mb.txt", [1]), ("article50mb.md", [10_001, 19_999])])
def test_large_input_core(big_dir, name, lines):
    """Large inputs in a child process (the 50 MB one must not bloat the test process): the
    planted slips, and only they, are found on their exact lines."""
    path = big_dir / name
    if name == "article50mb.md":
        assert path.stat().st_size > 50_000_000
    code, data, err = run_cli_subprocess([*CORE, name], big_dir, timeout=300)
    assert code == 1 and err == ""
    assert [f["line"] for f in data["findings"]] == lines
    assert {f["text"] for f in data["findings"]} == {"the the"}
    assert_findings_match_file(data["findings"], {name: path.read_text(encoding="utf-8")})


@pytest.mark.parametrize("name", ["paras100k.md", "line5mb.txt"])
def test_large_input_all_rules_no_crash(big_dir, name, tmp_path):
    """All built-in rules on the 5 MB line and on paragraphs (10,000 here to keep the suite
    fast; all 100,000 take about a minute with every rule, measured by hand)."""
    src = big_dir / name
    if name == "paras100k.md":
        target = tmp_path / "paras10k.md"
        write_filler_article(target, 10_000, PLANTED)
    else:
        target = tmp_path / name
        target.write_bytes(src.read_bytes())
    code, data, err = run_cli_subprocess(["--as-of", "2025-12-04", target.name], tmp_path, timeout=300)
    assert_one_line_errors(err)
    assert code in (0, 1)
    assert_findings_match_file(data["findings"], {target.name: target.read_text(encoding="utf-8")})


def test_huge_front_matter(tmp_path, run_cli):
    fm = "".join(f"key{i}: value {i}\n" for i in range(100_000))
    (tmp_path / "a.md").write_text(f"---\ntitle: T\n{fm}---\n\n{REPEAT}\n", encoding="utf-8")
    code, out, err = run_cli("check", "--format", "json", *CORE, "a.md")
    (f,) = json.loads(out)["findings"]
    assert f["line"] == 100_005 and f["text"] == "the the"


def test_huge_yaml_front_matter_and_many_quotes(tmp_path, run_cli):
    """Front matter that needs the YAML parser, then thousands of unmatched quote marks."""
    fm = "".join(f"key{i}: [a, b]\n" for i in range(20_000))
    body = "\n\n".join(('“open ' * 5000, '"straight ' * 5000, "‘single ’s " * 5000, REPEAT)) + "\n"
    (tmp_path / "a.md").write_text(f"---\n{fm}---\n\n{body}", encoding="utf-8")
    code, out, err = run_cli("check", "--format", "json", *CORE, "a.md")
    found = json.loads(out)["findings"]
    assert [f["text"] for f in found if f["rule"] != "core.mixed-quotes"] == ["the the"]
    # as many curly as straight quotes: the kind used first wins, every straight one is flagged
    assert [f["text"] for f in found if f["rule"] == "core.mixed-quotes"] == ['"'] * 5000


def test_stdin_hostile(tmp_path):
    """Binary and BOM'd input on stdin: one-line error or findings, never a traceback."""
    for raw, want in ((bytes(range(256)), 2), (b"\xef\xbb\xbf" + REPEAT.encode(), 1)):
        proc = subprocess.run([sys.executable, "-m", "editlint", "check", *CORE, "-"], input=raw,
                              capture_output=True, timeout=60, cwd=tmp_path)
        assert proc.returncode == want and b"Traceback" not in proc.stderr


def test_odd_paths_named_explicitly(run_cli, tmp_path):
    """A symlink loop, a dangling link and odd names: one-line errors, the rest checked."""
    (tmp_path / "loop.md").symlink_to("loop.md")
    (tmp_path / "dangling.md").symlink_to("nowhere.md")
    (tmp_path / "sp ace é.md").write_text(f"{REPEAT}\n", encoding="utf-8")
    code, out, err = run_cli("check", "--format", "json", *CORE, "loop.md", "dangling.md", "sp ace é.md")
    assert code == 2 and json.loads(out)["files_checked"] == 1
    assert_one_line_errors(err)
    assert "loop.md: cannot read" in err and "dangling.md: cannot read" in err


def test_symlink_loop_in_a_folder_walk(run_cli, tmp_path):
    (tmp_path / "loop.md").symlink_to("loop.md")
    (tmp_path / "good.md").write_text(f"{REPEAT}\n", encoding="utf-8")
    code, out, err = run_cli("check", "--format", "json", *CORE, ".")
    assert code == 2 and "loop.md" in err and json.loads(out)["files_checked"] == 1


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif", "gitlab", "html"])
def test_every_format_survives_the_whole_corpus(run_cli, tmp_path, fmt):
    """All small hostile files in one run, every output format: no traceback, exit 2 (some
    files are unreadable), and the machine formats stay parseable."""
    for name, (raw, _) in SMALL_CASES.items():
        (tmp_path / name).write_bytes(raw)
    code, out, err = run_cli("check", "--format", fmt, "--no-color", "--as-of", "2025-12-04", *SMALL_CASES)
    assert code == 2
    assert_one_line_errors(err)
    if fmt in ("json", "sarif", "gitlab"):
        json.loads(out)


def test_text_output_does_not_pass_terminal_escapes(run_cli, tmp_path):
    (tmp_path / "a.md").write_bytes(SMALL_CASES["control-chars.md"][0])
    _, out, _ = run_cli("check", "--no-color", *CORE, "a.md")
    assert "the the" in out
    assert "\x1b" not in out and "\x07" not in out
