"""Hostile rule files and configs: one-line errors naming file:line:col, never a traceback or
a hang; YAML is plain data; no rule or config executes code, reads files outside the paths
given and the config's own folder, or reaches the network."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from editlint.errors import ConfigError, EditlintError
from editlint.kinds import _patterns
from editlint.testing import rules_from_yaml, run_rules
from tests.fuzz.hostile import ROOT, assert_one_line_errors, run_cli_subprocess

ARTICLE = "The minister said the the plan would go ahead.\n"
RULE = "id: house.x\nkind: existence\nmessage: m\ntokens: [plan]\n"


@pytest.fixture(autouse=True)
def _no_shared_cache(monkeypatch, tmp_path):
    """Parsed YAML is cached on disk: keep these hostile files out of the user's cache."""
    monkeypatch.setenv("EDITLINT_CACHE_DIR", str(tmp_path / ".cache"))


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


BAD_RULES = {
    "syntax": ("id: a\nkind: existence\nmessage: m\ntokens: [a\n", "bad.yaml:5:1: invalid YAML"),
    "tab-indent": ("id: a\nkind: existence\n\tmessage: m\n", "bad.yaml:3:1: invalid YAML"),
    "not-a-mapping": ("just a string\n", "a rule must be a mapping"),
    "list-of-numbers": ("- 1\n- 2\n", "bad.yaml:1:3: a rule must be a mapping"),
    "wrong-type": ("id: a\nkind: existence\nmessage: m\ntokens: plan\n", "bad.yaml:4:9: 'tokens' must be a list"),
    "wrong-type-bool": ("id: a\nkind: existence\nmessage: m\ntokens: [a]\nignorecase: maybe\n",
                        "'ignorecase' must be true or false"),
    "unknown-kind": ("id: a\nkind: existance\nmessage: m\n", "unknown kind 'existance' (did you mean 'existence'?)"),
    "no-kind": ("id: a\nmessage: m\n", "a rule needs 'kind'"),
    "unknown-key": ("id: a\nkind: existence\nmessage: m\ntokens: [a]\ntoken: [b]\n", "bad.yaml:5:1: unknown key 'token'"),
    "bad-id": ("id: 'a b/../c'\nkind: existence\nmessage: m\ntokens: [a]\n", "may hold only letters"),
    "bad-pattern": ("id: a\nkind: existence\nmessage: m\npatterns: ['(unclosed']\n", "bad pattern"),
    "python-tag": ("id: a\nkind: existence\nmessage: !!python/object/apply:os.system ['touch pwned']\ntokens: [a]\n",
                   "is not allowed"),
    "python-name": ("id: !!python/name:os.system a\nkind: existence\nmessage: m\ntokens: [a]\n", "is not allowed"),
    "custom-tag": ("id: a\nkind: existence\nmessage: !shell m\ntokens: [a]\n", "is not allowed"),
    "binary": ("id: a\nkind: existence\nmessage: !!binary aGVsbG8=\ntokens: [a]\n", "not allowed"),
    "set": ("id: a\nkind: existence\nmessage: m\ntokens: !!set {a, b}\n", "invalid YAML"),
    "duplicate-key": ("id: a\nid: b\nkind: existence\nmessage: m\ntokens: [a]\n", "duplicate key"),
    "billion-laughs": ("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 9)), "aliases expand"),
    "self-alias": ("id: a\nkind: existence\nmessage: m\ntokens: &t [*t]\n", "bad.yaml"),
    "deep-nesting": ("id: a\nkind: existence\nmessage: m\ntokens: " + "[" * 1200 + "]" * 1200 + "\n", "nested too deeply"),
    "merge-key": ("base: &b {kind: existence, message: m}\nrule:\n  <<: *b\n  id: a\n", "bad.yaml"),
    "omap": ("id: a\nkind: existence\nmessage: m\ntokens: !!omap [{a: 1}]\n", "bad.yaml"),
    "not-utf8": ("", "not UTF-8"),
    "path-escape": ("id: a\nkind: spelling\nmessage: m\nwords: ../../etc/passwd\n", "bad.yaml"),
}


@pytest.mark.parametrize("name", list(BAD_RULES))
def test_bad_rule_file_is_a_one_line_error(run_cli, tmp_path, name):
    source, expected = BAD_RULES[name]
    if name == "not-utf8":
        (tmp_path / "bad.yaml").write_bytes(b"id: caf\xe9\n")
    else:
        (tmp_path / "bad.yaml").write_text(source, encoding="utf-8")
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    code, out, err = run_cli("check", "--select", "core", "--rules", "bad.yaml", "a.md")
    assert code == 2, (code, out, err)
    assert_one_line_errors(err)
    assert len(err.strip().splitlines()) == 1 and expected in err, err
    assert not (tmp_path / "pwned").exists()


def test_bad_config_is_a_one_line_error(run_cli, tmp_path):
    for source, expected in (
            ("packs: {core: !!python/object/apply:os.system ['touch pwned']}\n", "not allowed"),
            ("packs: [core]\n", "'packs' must be a mapping"),
            ("as_of: 'not a date'\n", "as_of must be a date"),
            ("pakcs: {}\n", "did you mean 'packs'"),
            ("accept: {files: ['../../etc/passwd']}\n", "outside the config's folder")):
        write(tmp_path / ".editlint.yaml", source)
        write(tmp_path / "a.md", ARTICLE)
        code, _, err = run_cli("check", "a.md")
        assert code == 2 and expected in err and ".editlint.yaml" in err, (source, err)
        assert_one_line_errors(err)
    assert not (tmp_path / "pwned").exists()


def test_duplicate_rule_ids_across_files(run_cli, tmp_path):
    write(tmp_path / "r1.yaml", RULE)
    write(tmp_path / "r2.yaml", RULE)
    write(tmp_path / "a.md", ARTICLE)
    code, _, err = run_cli("check", "--rules", "r1.yaml", "--rules", "r2.yaml", "a.md")
    assert code == 2 and "duplicate rule id 'house.x'" in err and "r1.yaml" in err


def test_duplicate_rule_ids_in_one_file(run_cli, tmp_path):
    write(tmp_path / "r.yaml", f"- {RULE.replace(chr(10), chr(10) + '  ')}\n- {RULE.replace(chr(10), chr(10) + '  ')}")
    write(tmp_path / "a.md", ARTICLE)
    code, _, err = run_cli("check", "--rules", "r.yaml", "a.md")
    assert code == 2 and "duplicate rule id 'house.x'" in err


def test_pack_that_includes_itself_is_read_once(run_cli, tmp_path):
    write(tmp_path / "pack" / "pack.yaml", "include: ['.', './', '../pack', 'other']\n")
    write(tmp_path / "pack" / "r.yaml", RULE)
    write(tmp_path / "pack" / "other" / "pack.yaml", "include: ['../../pack']\n")
    write(tmp_path / "pack" / "other" / "o.yaml", RULE.replace("house.x", "house.y"))
    write(tmp_path / "a.md", ARTICLE)
    code, out, err = run_cli("check", "--format", "json", "--select", "house", "--rules", "pack", "a.md")
    assert code == 1 and err == ""
    assert sorted(f["rule"] for f in json.loads(out)["findings"]) == ["house.x", "house.y"]


def test_pack_include_cannot_climb_out(run_cli, tmp_path):
    write(tmp_path / "secret" / "s.yaml", RULE)
    write(tmp_path / "rules" / "pack" / "pack.yaml", "include: ['../../secret']\n")
    write(tmp_path / "a.md", ARTICLE)
    code, _, err = run_cli("check", "--rules", "rules/pack", "a.md")
    assert code == 2 and "outside" in err


def test_symlink_in_pack_cannot_smuggle_a_file(run_cli, tmp_path):
    write(tmp_path / "elsewhere" / "r.yaml", RULE)
    (tmp_path / "pack").mkdir()
    (tmp_path / "pack" / "r.yaml").symlink_to(tmp_path / "elsewhere" / "r.yaml")
    write(tmp_path / "a.md", ARTICLE)
    code, _, err = run_cli("check", "--rules", "pack", "a.md")
    assert code == 2 and "links outside its pack" in err


def test_config_rules_cannot_point_outside_its_folder(run_cli, tmp_path):
    write(tmp_path / "outside.yaml", RULE)
    write(tmp_path / "project" / ".editlint.yaml", "rules: ['../outside.yaml']\n")
    write(tmp_path / "project" / "a.md", ARTICLE)
    code, _, err = run_cli("check", "a.md", cwd=tmp_path / "project")
    assert code == 2 and "outside" in err


def test_config_word_list_symlink_out_is_refused(run_cli, tmp_path):
    write(tmp_path / "secret.txt", "hidden\n")
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "words.txt").symlink_to(tmp_path / "secret.txt")
    write(tmp_path / "project" / ".editlint.yaml", "accept: {files: [words.txt]}\n")
    write(tmp_path / "project" / "a.md", ARTICLE)
    code, _, err = run_cli("check", "a.md", cwd=tmp_path / "project")
    assert code == 2 and "outside the config's folder" in err


# ---------------------------------------------------------------------------------------------
# patterns: catastrophic, slow, and slow many times over

CATASTROPHIC = "id: house.slow\nkind: existence\nmessage: m\npatterns: ['(a|aa)+b']\n"


def test_catastrophic_pattern_is_an_error_naming_the_rule(tmp_path):
    """Bounded by the regex timeout: a one-line error naming the rule and its file (a broken
    rule is an error for the whole run, as a broken rule file is)."""
    write(tmp_path / "slow.yaml", CATASTROPHIC)
    write(tmp_path / "a.md", "a" * 40 + "\n")
    write(tmp_path / "b.md", ARTICLE)
    code, data, err = run_cli_subprocess(["--rules", "slow.yaml", "--select", "core,house",
                                          "a.md", "b.md"], tmp_path, timeout=120,
                                         env={"EDITLINT_CACHE_DIR": str(tmp_path / ".c")})
    assert code == 2
    assert_one_line_errors(err)
    assert "house.slow" in err and "took too long" in err and "slow.yaml" in err
    assert len(err.strip().splitlines()) == 1


def test_slow_pattern_over_many_paragraphs_is_bounded(monkeypatch):
    """Each search is under the per-search timeout, but 3,000 of them would take minutes:
    the rule's time budget for the article stops it with the same error."""
    monkeypatch.setattr(_patterns, "RULE_TIME_BUDGET", 0.5)
    (rule,) = rules_from_yaml(CATASTROPHIC)
    article = "\n\n".join(["a" * 21] * 3000)
    with pytest.raises(ConfigError) as exc:
        run_rules([rule], article)
    assert "house.slow" in str(exc.value) and "took too long" in str(exc.value)
    # the rule remembers: the next article fails at once instead of burning its budget again
    with pytest.raises(ConfigError):
        run_rules([rule], "a" * 21)


def test_ordinary_user_pattern_is_unaffected():
    (rule,) = rules_from_yaml("id: house.p\nkind: existence\nmessage: m\npatterns: ['\\bpl[a-z]+\\b']\n")
    found = run_rules([rule], "\n\n".join([ARTICLE] * 2000))
    assert len(found) == 2000 and {f.text for f in found} == {"plan"}


def test_ten_megabyte_word_list(tmp_path, run_cli):
    """A config accept list of 10 MB and a rule whose token list is 10 MB both load."""
    words = [f"w{i:07d}x" for i in range(1_000_000)]
    (tmp_path / "words.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
    assert (tmp_path / "words.txt").stat().st_size >= 10_000_000
    write(tmp_path / ".editlint.yaml", "accept: {files: [words.txt]}\n")
    write(tmp_path / "a.md", ARTICLE)
    code, out, err = run_cli("check", "--format", "json", "--select", "core", "a.md")
    assert code == 1 and err == "" and len(json.loads(out)["findings"]) == 1


def test_ten_megabyte_rule_file_loads(tmp_path):
    from editlint.rules import load_rule_file

    tokens = "".join(f"  - w{i:07d}x\n" for i in range(720_000))
    path = write(tmp_path / "big.yaml", f"id: big.words\nkind: existence\nmessage: m\ntokens:\n{tokens}")
    assert path.stat().st_size >= 10_000_000
    # a short rule id list is enough to prove it parsed; the regex is compiled lazily
    from editlint.yamlio import load_text

    data = load_text(path.read_text(encoding="utf-8")).data
    assert len(data["tokens"]) == 720_000
    # a broken big file (over the fast-parser threshold) is still an error, not a crash
    path.write_text(f"id: big.words\nkind: existence\nmessage: m\ntokens:\n{tokens[:14 * 150_000]}"
                    "tokens: [again]\n", encoding="utf-8")
    with pytest.raises(EditlintError, match="duplicate key"):
        load_rule_file(path)


# ---------------------------------------------------------------------------------------------
# no code, no network, no reading outside: audited in a child process

AUDIT = r"""
import json, os, sys
allowed = json.loads(sys.argv[1])
seen = {"open": [], "forbidden": []}
FORBIDDEN = ("socket.connect", "socket.getaddrinfo", "subprocess.Popen", "os.system", "os.exec",
             "os.posix_spawn", "os.spawn", "ctypes.dlopen", "urllib.Request")

def hook(event, args):
    if event == "open" and isinstance(args[0], (str, bytes)):
        path = os.path.realpath(os.fsdecode(args[0]))
        if not any(path == a or path.startswith(a.rstrip("/") + "/") for a in allowed):
            seen["open"].append(path)
    elif event.startswith(FORBIDDEN):
        seen["forbidden"].append(event)

sys.addaudithook(hook)
sys.argv = ["editlint", *sys.argv[2:]]
from editlint.cli import cli
try:
    cli()
except SystemExit as exc:
    code = exc.code
sys.stderr.write("AUDIT " + json.dumps(seen) + "\n")
"""


def test_run_reads_only_given_paths_and_runs_nothing(tmp_path):
    """With every built-in pack on, a hostile config and rule folder: files opened lie in the
    project, the installed code/data, or the cache; no socket, no subprocess, no exec."""
    import site
    import sysconfig

    project = tmp_path / "project"
    write(project / ".editlint.yaml", "rules: [house]\naccept: {files: [words.txt]}\n")
    write(project / "words.txt", "Zelenskyy\n")
    write(project / "house" / "r.yaml", RULE)
    write(project / "a.md", "---\ntitle: !!python/object/apply:os.system ['touch pwned']\n---\n\n" + ARTICLE)
    allowed = [str(project), str(ROOT), sys.prefix, sys.base_prefix, sysconfig.get_paths()["stdlib"],
               *site.getsitepackages(), str(tmp_path / ".cache"), "/dev/null", "/proc/self",
               "/usr/lib", "/usr/share/zoneinfo", "/etc/localtime"]
    allowed = [str(Path(a).resolve()) for a in allowed]
    proc = subprocess.run([sys.executable, "-c", AUDIT, json.dumps(allowed), "check", "--format", "json",
                           "--as-of", "2025-12-04", "a.md"], cwd=project, capture_output=True,
                          text=True, timeout=300, env={"EDITLINT_CACHE_DIR": str(tmp_path / ".cache"),
                                                      "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    audit = json.loads(proc.stderr.rsplit("AUDIT ", 1)[1])
    assert audit == {"open": [], "forbidden": []}
    assert proc.returncode in (0, 1) and json.loads(proc.stdout)["files_checked"] == 1
    assert not (project / "pwned").exists()


def test_substitution_with_letters_lower_cannot_map_back():
    """IGNORECASE matches 'ſ' (long s) and 'İ' to plain letters; lower() does not map them
    back, which was a KeyError (an internal error for the whole file)."""
    (rule,) = rules_from_yaml("id: house.s\nkind: substitution\nmessage: m\nswap: {realise: realize}\n")
    found = run_rules([rule], "They realiſe it. REALİSE. Kilo\u212a. We realise.")
    assert [(f.text, f.fix) for f in found] == [("realiſe", "realize"), ("realise", "realize")]
