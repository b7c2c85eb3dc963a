"""The options of `editlint check`, declared once, and a fast reader for plain command lines.

Importing click costs about 15 ms, a fifth of a pre-commit run on one article. `main()` first
hands the arguments to `parse_plain`; it answers only for the plain forms (`--opt value`,
`--opt=value`, flags, file names) with values it can check itself, and returns None for
anything else: help, version, other commands, an unknown option, a bad value, bundled short
flags. Those go to click, which parses them and writes its usual messages. The click command
in `cli.py` is built from the same table, and a test compares both readers on many command
lines, so the two cannot drift apart.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from editlint.findings import SEVERITIES  # loaded by every check anyway

FAIL_ON = (*SEVERITIES, "never")
MAX_JOBS = 256


class CheckOption:
    """One option of `check`: its spellings, where its value goes, and how it is read."""

    __slots__ = ("flags", "dest", "kind", "choices", "default", "metavar", "help")

    def __init__(self, flags: tuple[str, ...], dest: str, kind: str, help: str,
                 choices: tuple[str, ...] = (), default: object = None, metavar: str | None = None
                 ) -> None:
        self.flags = flags  # e.g. ("-j", "--jobs"); for kind "switch": ("--color", "--no-color")
        self.dest = dest
        self.kind = kind  # value | choice | path | paths | multiple | jobs | flag | switch
        self.help = help
        self.choices = choices
        self.default = default
        self.metavar = metavar


def check_options(formats: tuple[str, ...]) -> list[CheckOption]:
    """The options of `check` in the order `--help` lists them."""
    return [
        CheckOption(("--format",), "fmt", "choice", "Output format.", formats, "text"),
        CheckOption(("--fail-on",), "fail_on", "choice",
                    "Exit 1 when a finding is at or above this severity.", FAIL_ON, "warning"),
        CheckOption(("--min-severity",), "min_severity", "choice",
                    "Report only findings at or above this severity.", SEVERITIES, "info"),
        CheckOption(("--as-of",), "as_of", "value",
                    "Article date when the front matter has none (for title checks).",
                    metavar="YYYY-MM-DD"),
        CheckOption(("--config",), "config_path", "path",
                    "Use this config instead of looking for .editlint.yaml."),
        CheckOption(("--rules",), "extra_rules", "paths",
                    "Extra rule file or folder (repeatable).", default=()),
        CheckOption(("--select",), "select", "multiple", "Only these rule ids or categories.",
                    default=(), metavar="ID"),
        CheckOption(("--ignore",), "ignore", "multiple", "Skip these rule ids or categories.",
                    default=(), metavar="ID"),
        CheckOption(("--fix",), "fix", "flag", "Apply the safe fixes rules carry, in place.",
                    default=False),
        CheckOption(("--diff",), "diff_ref", "value",
                    "Report only findings on lines changed since the git ref REF.",
                    metavar="REF"),
        CheckOption(("--stdin-filename",), "stdin_filename", "value",
                    "With '-': the name to report and to pick the format by.", metavar="NAME"),
        CheckOption(("--color", "--no-color"), "color", "switch",
                    "Colour text output (default: on a tty)."),
        CheckOption(("-j", "--jobs"), "jobs", "jobs",
                    "Processes checking files (default: one per core when many files are given)."),
        CheckOption(("-q", "--quiet"), "quiet", "flag", "No progress bar.", default=False),
        CheckOption(("--force-exclude",), "force_exclude", "flag",
                    "Apply the config's exclude to files named on the command line too "
                    "(as pre-commit and CI pass them).", default=False),
    ]


def parse_plain(argv: list[str], formats: tuple[str, ...]) -> dict[str, object] | None:
    """The parameters of `check` as click would give them, or None to let click decide."""
    if not argv or argv[0] != "check":
        return None
    options = check_options(formats)
    by_flag: dict[str, tuple[CheckOption, object]] = {}
    for opt in options:
        if opt.kind == "switch":
            by_flag[opt.flags[0]], by_flag[opt.flags[1]] = (opt, True), (opt, False)
        else:
            for flag in opt.flags:
                by_flag[flag] = (opt, None)
    params: dict[str, object] = {opt.dest: opt.default for opt in options}
    paths: list[str] = []
    args = argv[1:]
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg == "--":
            paths.extend(args[i:])
            break
        if arg == "-" or not arg.startswith("-"):
            paths.append(arg)
            continue
        name, eq, attached = arg.partition("=")
        found = by_flag.get(name)
        if found is None:
            return None  # help, an unknown or bundled option: click explains
        opt, switch_value = found
        if opt.kind in ("flag", "switch"):
            if eq:
                return None
            params[opt.dest] = True if opt.kind == "flag" else switch_value
            continue
        if eq:
            value = attached
        elif i < len(args) and not (args[i].startswith("-") and args[i] != "-"):
            value = args[i]
            i += 1
        else:
            return None  # a missing value, or one that looks like an option
        read = _read_value(opt, value)
        if read is None:
            return None
        if opt.kind in ("paths", "multiple"):
            params[opt.dest] = (*params[opt.dest], read)  # type: ignore[misc]
        else:
            params[opt.dest] = read
    params["paths"] = tuple(paths)
    return params


def _read_value(opt: CheckOption, value: str) -> object | None:
    """The value click would pass, or None where click would refuse it (or might)."""
    if opt.kind == "choice":
        return value if value in opt.choices else None
    if opt.kind == "jobs":
        text = value.strip()
        if not text.isascii() or not text.isdigit():
            return None
        number = int(text)
        return number if 1 <= number <= MAX_JOBS else None
    if opt.kind in ("path", "paths"):
        if opt.kind == "path" and os.path.isdir(value):
            return None  # click says "is a directory"
        return Path(value)
    return value


def run_command(paths, fmt, fail_on, min_severity, as_of, config_path, extra_rules, select,
                ignore, fix, diff_ref, stdin_filename, color, jobs, quiet, force_exclude) -> None:
    """Run `check` with the parameters either reader produced; exits with its status."""
    from editlint.runner import run_check

    status = run_check(
        paths=list(paths) or ["."], fmt=fmt, fail_on=fail_on, min_severity=min_severity,
        as_of=as_of, config_path=config_path, extra_rules=list(extra_rules),
        select=_split(select), ignore=_split(ignore), fix=fix, stdin_filename=stdin_filename,
        color=color, diff_ref=diff_ref, jobs=jobs, quiet=quiet, force_exclude=force_exclude)
    sys.exit(status)


def _split(values: tuple[str, ...]) -> frozenset[str]:
    return frozenset(v.strip() for value in values for v in value.split(",") if v.strip())
