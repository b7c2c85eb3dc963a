"""The command line end to end (in-process): exit codes, errors, formats, --fix, suppression."""

from __future__ import annotations

import json
import os

import pytest

ARTICLE = "---\ntitle: Test\ndate: 2025-12-04\n---\n\nThe the talks went on.\n"
CORE = ["--select", "core"]


def write(path, text, mode="w"):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


def test_json_contract(run_cli, tmp_path):
    write(tmp_path / "a.md", ARTICLE)
    code, out, err = run_cli("check", "--format", "json", *CORE, "a.md")
    assert code == 1 and err == ""
    data = json.loads(out)
    assert set(data) >= {"version", "files_checked", "findings"} and data["files_checked"] == 1
    (f,) = data["findings"]
    assert f == {"path": "a.md", "line": 6, "column": 1, "end_line": 6, "end_column": 8,
                 "rule": "core.repeated-word", "category": "style", "severity": "warning",
                 "message": "'The' is repeated", "text": "The the", "fix": "The"}


def test_text_format_underlines_and_summarises(run_cli, tmp_path):
    write(tmp_path / "a.md", ARTICLE)
    code, out, _ = run_cli("check", *CORE, "a.md")
    lines = out.splitlines()
    assert lines[0] == "a.md:6:1: warning core.repeated-word 'The' is repeated (fix: 'The')"
    assert lines[1] == "    The the talks went on." and lines[2] == "    ^^^^^^^"
    assert lines[-1].startswith("0 errors, 1 warning, 0 notes in 1 file")


@pytest.mark.parametrize("fail_on, code", [("error", 0), ("warning", 1), ("info", 1), ("never", 0)])
def test_fail_on(run_cli, tmp_path, fail_on, code):
    write(tmp_path / "a.md", ARTICLE)
    assert run_cli("check", *CORE, "--fail-on", fail_on, "a.md")[0] == code


def test_clean_article_exits_zero(run_cli, tmp_path):
    write(tmp_path / "a.md", "---\ntitle: T\ndate: 2025-12-04\n---\n\nA quiet day.\n")
    code, out, _ = run_cli("check", *CORE, "a.md")
    assert code == 0 and out.strip() == "no problems in 1 file"


def test_bad_files_are_named_and_others_still_checked(run_cli, tmp_path):
    write(tmp_path / "good.md", ARTICLE)
    write(tmp_path / "bin.md", b"\x00\x01\x02binary")
    write(tmp_path / "latin.txt", "caf\xe9 talks\n".encode("latin-1"))
    code, out, err = run_cli("check", "--format", "json", *CORE, "bin.md", "good.md", "latin.txt", "missing.md")
    assert code == 2
    assert json.loads(out)["files_checked"] == 1 and len(json.loads(out)["findings"]) == 1
    errs = err.strip().splitlines()
    assert "bin.md: binary file" in errs[1] or "bin.md: binary file" in err
    assert "latin.txt: not valid UTF-8 at byte 3" in err
    assert "missing.md: no such file or folder" in err
    assert "Traceback" not in err and all(line.startswith("editlint: ") for line in errs)


def test_malformed_rule_file_is_one_line_exit_2(run_cli, tmp_path):
    write(tmp_path / "a.md", ARTICLE)
    write(tmp_path / "bad.yaml", "id: x\nkind: existence\nmessage: m\ntokens: [a\n")
    code, out, err = run_cli("check", "--rules", "bad.yaml", "a.md")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("editlint: bad.yaml:5:1: invalid YAML")


def test_malformed_config_is_one_line_exit_2(run_cli, tmp_path):
    write(tmp_path / "a.md", ARTICLE)
    write(tmp_path / ".editlint.yaml", "packs: {core: yes-please}\n")
    code, _, err = run_cli("check", "a.md")
    assert code == 2 and err.count("\n") == 1 and ".editlint.yaml:1:15: packs: 'core' must be true or false" in err


def test_config_disable_and_unknown_pack(run_cli, tmp_path):
    write(tmp_path / "a.md", ARTICLE)
    write(tmp_path / ".editlint.yaml", "disable: [core.repeated-word]\n")
    assert run_cli("check", *CORE, "a.md")[0] == 0
    write(tmp_path / ".editlint.yaml", "packs: {nosuch: true}\n")
    code, _, err = run_cli("check", "a.md")
    assert code == 2 and "unknown pack 'nosuch'" in err


def test_stdin_with_filename(run_cli):
    code, out, _ = run_cli("check", "--format", "json", *CORE, "--stdin-filename", "x.md", "-",
                           input=ARTICLE)
    assert code == 1 and json.loads(out)["findings"][0]["path"] == "-"


def test_folders_are_recursed_by_extension_and_config_exclude(run_cli, tmp_path):
    write(tmp_path / "news" / "a.md", ARTICLE)
    write(tmp_path / "news" / "b.txt", "The the end.\n")
    write(tmp_path / "news" / "c.json", "{}")
    write(tmp_path / "drafts" / "d.md", ARTICLE)
    write(tmp_path / ".editlint.yaml", "exclude: ['drafts/**']\n")
    code, out, _ = run_cli("check", "--format", "json", *CORE, ".")
    data = json.loads(out)
    assert data["files_checked"] == 2
    assert sorted({f["path"] for f in data["findings"]}) == [os.path.join("news", "a.md"),
                                                            os.path.join("news", "b.txt")]


def test_inline_suppression(run_cli, tmp_path):
    write(tmp_path / "a.md", "<!-- editlint-disable-next-line core.repeated-word -->\nThe the one.\n\n"
          "The the two.\n\n<!-- editlint-disable -->\nThe the three.\n<!-- editlint-enable -->\n\nThe the four.\n")
    _, out, _ = run_cli("check", "--format", "json", *CORE, "a.md")
    assert [f["line"] for f in json.loads(out)["findings"]] == [4, 10]


def test_fix_is_atomic_idempotent_and_keeps_bytes(run_cli, tmp_path):
    original = "\ufeffThe the start.\r\nKeep “curly” and é.\r\nThe the end.\r\n".encode("utf-8")
    path = write(tmp_path / "a.txt", original)
    os.chmod(path, 0o640)
    code, _, _ = run_cli("check", "--fix", *CORE, "a.txt")
    fixed = path.read_bytes()
    assert fixed == "\ufeffThe start.\r\nKeep “curly” and é.\r\nThe end.\r\n".encode("utf-8")
    assert oct(path.stat().st_mode & 0o777) == "0o640" and code == 0
    before = path.stat().st_mtime_ns
    run_cli("check", "--fix", *CORE, "a.txt")
    assert path.read_bytes() == fixed and path.stat().st_mtime_ns == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_without_fix_nothing_is_written(run_cli, tmp_path):
    path = write(tmp_path / "a.md", ARTICLE)
    before = path.stat().st_mtime_ns
    run_cli("check", *CORE, "a.md")
    assert path.stat().st_mtime_ns == before and path.read_text() == ARTICLE


def test_github_format_escapes(run_cli, tmp_path):
    write(tmp_path / "we,ird:100%.md", ARTICLE)
    _, out, _ = run_cli("check", "--format", "github", *CORE, "we,ird:100%.md")
    assert out == ("::warning file=we%2Cird%3A100%25.md,line=6,endLine=6,col=1,endColumn=8,"
                   "title=editlint core.repeated-word (style)::'The' is repeated (fix: The)\n")


def test_sarif_is_valid_shape(run_cli, tmp_path):
    write(tmp_path / "a.md", ARTICLE)
    _, out, _ = run_cli("check", "--format", "sarif", *CORE, "a.md")
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    (result,) = run["results"]
    assert ids[result["ruleIndex"]] == result["ruleId"] == "core.repeated-word"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (6, 1, 8)
    assert result["partialFingerprints"]["primaryLocationLineHash"]
    for rule in run["tool"]["driver"]["rules"]:
        assert rule["shortDescription"]["text"] and rule["help"]["text"]


def test_bad_as_of(run_cli, tmp_path):
    write(tmp_path / "a.md", ARTICLE)
    code, _, err = run_cli("check", "--as-of", "04/12/2025", "a.md")
    assert code == 2 and "--as-of" in err


def test_rules_explain_init(run_cli, tmp_path):
    code, out, _ = run_cli("rules")
    assert code == 0 and "core.repeated-word" in out
    code, out, _ = run_cli("explain", "core.repeated-word")
    assert code == 0 and "flagged:" in out and "The minister said the the plan" in out
    code, _, err = run_cli("explain", "core.repeated-wrd")
    assert code == 2 and "did you mean core.repeated-word" in err
    code, out, _ = run_cli("init")
    assert code == 0 and (tmp_path / ".editlint.yaml").is_file()
    from editlint.config import load_config

    load_config(tmp_path / ".editlint.yaml")  # the starter config is itself valid
    assert run_cli("init")[0] == 2


def test_jobs_give_identical_output_in_the_same_order(run_cli, tmp_path):
    import subprocess
    import sys

    for i in range(30):
        write(tmp_path / f"a{i:02}.md", ARTICLE if i % 3 else "---\ntitle: T\n---\n\nFine.\n")
    write(tmp_path / "broken.md", b"\x00\x01binary")
    outs = []
    for jobs in ("1", "2"):
        done = subprocess.run([sys.executable, "-m", "editlint", "check", "--format", "json", "--select", "core",
                               "--jobs", jobs, str(tmp_path)], capture_output=True, text=True, timeout=300)
        outs.append((done.returncode, done.stdout, done.stderr))
    assert outs[0] == outs[1]
    assert outs[0][0] == 2 and json.loads(outs[0][1])["files_checked"] == 30


def test_force_exclude_applies_config_exclude_to_named_files(run_cli, tmp_path):
    write(tmp_path / "drafts" / "d.md", ARTICLE)
    write(tmp_path / ".editlint.yaml", "exclude: ['drafts/**']\n")
    assert run_cli("check", *CORE, "drafts/d.md")[0] == 1  # named on purpose: checked
    code, out, _ = run_cli("check", *CORE, "--force-exclude", "drafts/d.md")
    assert code == 0 and out.strip() == "no problems in 0 files"


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_output_is_whole_and_a_reader_that_leaves_early_gets_no_traceback(tmp_path, fmt):
    """The process ends without tearing the interpreter down (entry._leave): its output is
    flushed whole first; and when the reader goes away (editlint check | head), it exits 1
    quietly."""
    import subprocess
    import sys

    article = tmp_path / "long.md"
    article.write_text("The the minister spoke.\n\n" * 3000, encoding="utf-8")
    cmd = [sys.executable, "-m", "editlint", "check", "--select", "core", "--format", fmt,
           str(article)]
    whole = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert whole.returncode == 1 and whole.stderr == ""
    if fmt == "json":
        assert len(json.loads(whole.stdout)["findings"]) == 3000
    else:
        assert whole.stdout.count("core.repeated-word") == 3000
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.read(100)
    proc.stdout.close()  # as head does after its lines
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=300) == 1
    assert "Traceback" not in err and "Error" not in err
