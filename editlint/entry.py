"""The `editlint` command's entry point.

A plain `editlint check ...` is read by `checkargs.parse_plain` and run without importing
click (about 15 ms of a one-article run); everything else goes to the click command line in
`cli.py`, which reads the same option table.
"""

from __future__ import annotations

import sys


def main() -> None:
    import gc

    # start-up makes only objects that live as long as the process (modules, rules, tables):
    # the collector would walk them again and again for nothing; `check` turns it on when
    # the checking starts (runner._check_from_here)
    gc.disable()
    from editlint.checkargs import parse_plain
    from editlint.formatters import FORMATS

    params = parse_plain(sys.argv[1:], FORMATS)
    if params is None:
        from editlint.cli import main as click_main

        click_main()
        return
    from editlint.checkargs import run_command

    try:
        run_command(**params)
    except SystemExit as done:
        _leave(done.code)
    except KeyboardInterrupt:
        print("editlint: interrupted", file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:
        # the reader went away (editlint check | head): as click does, exit 1 quietly;
        # point stdout at devnull so that the flush at exit does not fail again
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)


def _leave(code: object) -> None:
    """End the process once its output is out, without tearing the interpreter down: freeing
    every module, rule and table one by one takes longer than a one-article check's own
    work (~10 ms of ~70; ~35 ms after 1,000 articles). Nothing is left to do at exit: the
    output is flushed here, cache files are written whole when made, and no atexit handler
    of ours is pending."""
    import contextlib
    import os

    status = code if isinstance(code, int) else 0 if code is None else 1
    if isinstance(code, str):
        print(code, file=sys.stderr)
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (editlint check | head): as click does
        status = 1
    with contextlib.suppress(OSError):
        sys.stderr.flush()
    os._exit(status)
