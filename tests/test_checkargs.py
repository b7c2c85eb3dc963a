"""The fast reader of `editlint check` command lines agrees with click's, or defers to it."""

from __future__ import annotations

import click
import pytest

from editlint.checkargs import parse_plain
from editlint.cli import cli
from editlint.formatters import FORMATS

PLAIN = [
    ["check"],
    ["check", "a.md"],
    ["check", "a.md", "b.txt", "-"],
    ["check", "--format", "json", "a.md"],
    ["check", "--format=sarif", "--fail-on", "never", "a.md"],
    ["check", "a.md", "--min-severity", "error", "b.md"],  # options after file names
    ["check", "--as-of", "2025-12-04", "--as-of=2024-01-01", "x.md"],  # the last one wins
    ["check", "--config", "conf.yaml", "--rules", "r1.yaml", "--rules=r2", "a.md"],
    ["check", "--select", "typo,name", "--select", "titles", "--ignore", "stray"],
    ["check", "--fix", "--quiet", "--force-exclude", "a.md"],
    ["check", "-q", "-j", "2", "--jobs=16", "a.md"],
    ["check", "--color", "a.md"],
    ["check", "--no-color", "--color", "a.md"],
    ["check", "--diff", "origin/main", "--stdin-filename", "story.md", "-"],
    ["check", "--", "--odd-name.md", "-q"],
    ["check", "--select", "", "a.md"],
    ["check", "--as-of", "not a date", "a.md"],  # run_check refuses it, not the parser
]

DEFERRED = [
    [],
    ["--version"],
    ["rules"],
    ["check", "--help"],
    ["check", "-h"],
    ["check", "--frmat", "json"],  # unknown: click suggests --format
    ["check", "--format", "xml"],
    ["check", "--format"],
    ["check", "--fail-on", "-q"],
    ["check", "-j", "0"],
    ["check", "-j", "257"],
    ["check", "-j", "two"],
    ["check", "-j2"],
    ["check", "-qj2"],
    ["check", "--fix=yes"],
    ["check", "--config", "."],  # a folder: click says so
]


def click_params(argv: list[str]) -> dict[str, object]:
    command = cli.commands["check"]
    with command.make_context("check", list(argv[1:])) as ctx:
        return dict(ctx.params)


@pytest.mark.parametrize("argv", PLAIN, ids=" ".join)
def test_plain_command_lines_read_as_click_reads_them(argv):
    fast = parse_plain(argv, FORMATS)
    assert fast is not None
    assert fast == click_params(argv)


@pytest.mark.parametrize("argv", DEFERRED, ids=" ".join)
def test_anything_else_is_left_to_click(argv):
    assert parse_plain(argv, FORMATS) is None


REFUSED = [a for a in DEFERRED if a[:1] == ["check"] and a[1] not in ("-h", "--help", "-j2", "-qj2")]


@pytest.mark.parametrize("argv", REFUSED, ids=" ".join)
def test_deferred_lines_that_click_refuses(argv):
    with pytest.raises(click.UsageError):
        click_params(argv)


def test_bundled_short_options_are_left_to_click_which_reads_them():
    assert click_params(["check", "-qj2"])["jobs"] == 2
    assert click_params(["check", "-j2"])["quiet"] is False


def test_every_check_option_is_in_the_table():
    """An option added to the click command only would make the fast reader defer forever."""
    from editlint.checkargs import check_options

    declared = {flag for opt in check_options(FORMATS) for flag in opt.flags}
    clicked = {flag for p in cli.commands["check"].params if isinstance(p, click.Option)
               for flag in (*p.opts, *p.secondary_opts)}
    assert clicked == declared
