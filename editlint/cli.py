"""The command line: editlint check | rules | explain | init.

Only click is imported at start-up; everything else is imported inside the commands so that
`editlint check one-article.md` pays only for what it uses.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from editlint import __version__
from editlint.formatters import FORMATS


def _fail(message: str) -> None:
    """A one-line error on stderr."""
    click.echo(f"editlint: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="editlint")
def cli() -> None:
    """An editorial linter for news articles: typos, names, titles, unattributed figures,
    stray paragraphs and house style."""


def main() -> None:
    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        _fail("interrupted")
        sys.exit(130)


# ---------------------------------------------------------------------------------------------
# check


def _check_command(params: list[click.Parameter]) -> click.Command:
    """`check`, with the options declared in `checkargs` (shared with the fast reader)."""
    from editlint.checkargs import MAX_JOBS, check_options, run_command

    for opt in check_options(FORMATS):
        common = {"help": opt.help, "metavar": opt.metavar}
        if opt.kind == "choice":
            option = click.Option([*opt.flags, opt.dest], type=click.Choice(opt.choices),
                                  default=opt.default, show_default=True, **common)
        elif opt.kind in ("value", "multiple"):
            option = click.Option([*opt.flags, opt.dest], multiple=opt.kind == "multiple", **common)
        elif opt.kind in ("path", "paths"):
            option = click.Option([*opt.flags, opt.dest], multiple=opt.kind == "paths",
                                  type=click.Path(dir_okay=opt.kind == "paths", path_type=Path),
                                  **common)
        elif opt.kind == "jobs":
            option = click.Option([*opt.flags, opt.dest], type=click.IntRange(1, MAX_JOBS), **common)
        elif opt.kind == "flag":
            option = click.Option([*opt.flags, opt.dest], is_flag=True, **common)
        else:  # switch: --color/--no-color, None when neither is given
            option = click.Option([f"{opt.flags[0]}/{opt.flags[1]}", opt.dest], default=None,
                                  **common)
        params.append(option)
    return click.Command("check", params=params, callback=run_command,
                         help="Check articles (files, folders, or - for stdin).")


cli.add_command(_check_command([click.Argument(["paths"], nargs=-1,
                                               type=click.Path(path_type=str))]))


# ---------------------------------------------------------------------------------------------
# rules, explain, init


@cli.command("rules")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--rules", "extra_rules", multiple=True, type=click.Path(path_type=Path))
@click.option("--all", "show_all", is_flag=True, help="Include rules of packs that are off.")
def rules_cmd(config_path, extra_rules, show_all) -> None:
    """List the active rules."""
    from editlint.runner import load_for_listing

    ruleset, _ = _or_exit(lambda: load_for_listing(config_path, list(extra_rules), show_all))
    width = max((len(r.id) for r in ruleset.rules), default=4)
    click.echo(f"{'RULE'.ljust(width)}  KIND          CATEGORY     SEVERITY  SCOPE")
    for r in ruleset.rules:
        click.echo(f"{r.id.ljust(width)}  {r.kind:<12}  {r.category:<11}  {r.severity:<8}  {r.scope}")
    packs = ", ".join(f"{name} ({'on' if on else 'off'})" for name, on in ruleset.packs.items())
    click.echo(f"\n{len(ruleset.rules)} rules; packs: {packs}")


@cli.command()
@click.argument("rule_id")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--rules", "extra_rules", multiple=True, type=click.Path(path_type=Path))
def explain(rule_id, config_path, extra_rules) -> None:
    """Explain one rule: what it checks, why, and examples."""
    from editlint.runner import load_for_listing

    ruleset, _ = _or_exit(lambda: load_for_listing(config_path, list(extra_rules), True))
    rule = ruleset.by_id(rule_id)
    if rule is None:
        import difflib

        close = difflib.get_close_matches(rule_id, [r.id for r in ruleset.rules], n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        _fail(f"no rule '{rule_id}'{hint}")
        sys.exit(2)
    click.echo(f"{rule.id}  ({rule.kind}, {rule.category}, {rule.severity})")
    click.echo(f"defined in {rule.source}:{rule.line}")
    if rule.description:
        click.echo("\n" + rule.description.strip())
    click.echo(f"\nmessage: {rule.message}")
    click.echo(f"scope: {rule.scope}; quotes: {rule.quotes}; fixes applied by --fix: "
               f"{'yes' if rule.safe_fix else 'no'}")
    if rule.link:
        click.echo(f"more: {rule.link}")
    for key, title in (("flag", "flagged"), ("ok", "not flagged")):
        items = rule.examples.get(key) or []
        if items:
            click.echo(f"\n{title}:")
            for ex in items:
                click.echo(f"  - {ex if isinstance(ex, str) else ex['text']}")


STARTER = """\
# editlint configuration: https://pypi.org/project/editlint/ (see the README)
# Every key is optional. Unknown keys are errors, so typos here never pass silently.

# Built-in packs: on or off. `editlint rules --all` lists them.
packs:
{packs}
# Extra rule files or folders of your own, relative to this file.
rules: []

# Rule ids or categories to switch off, e.g. [style, house.per-cent].
disable: []

# Per-rule severity: error, warning or info.
severity: {{}}

# Words and names never flagged as typos or misspelt names (inline, or files of one per line).
accept:
  words: []
  files: []

# Words always flagged.
reject: []

# The date title checks use when an article has no `date` in its front matter.
# as_of: 2025-12-04

# Paths never checked (globs, relative to this file).
exclude: [drafts/**]

# Settings read by rule kinds.
settings:
  titles_verify_unknown: false   # "verify this title" notes for people the roster lacks

# Settings for some paths only.
overrides: []
#  - files: ["opinion/**"]
#    disable: [attribution]
"""


@cli.command()
@click.option("--style", type=click.Choice(["ap", "bbc"]), help="Switch on a house-style pack.")
@click.option("--force", is_flag=True, help="Overwrite an existing .editlint.yaml.")
def init(style, force) -> None:
    """Write a commented starter .editlint.yaml in the current folder."""
    from editlint.engine import builtin_packs
    from editlint.rules import pack_meta

    target = Path(".editlint.yaml")
    if target.exists() and not force:
        _fail(f"{target} exists; use --force to overwrite it")
        sys.exit(2)
    lines = []
    for name, folder in _or_exit(builtin_packs).items():
        meta = _or_exit(lambda folder=folder: pack_meta(folder))
        on = meta["default"] if style is None or name not in ("ap", "bbc") else name == style
        lines.append(f"  {name}: {'true' if on else 'false'}"
                     + (f"   # {meta['description']}" if meta["description"] else ""))
    target.write_text(STARTER.format(packs="\n".join(lines) + "\n"), encoding="utf-8")
    click.echo(f"wrote {target}")


def _or_exit(fn):
    from editlint.errors import EditlintError

    try:
        return fn()
    except EditlintError as exc:
        _fail(str(exc))
        sys.exit(2)
