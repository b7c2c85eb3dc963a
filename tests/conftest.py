from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def run_cli(tmp_path):
    """Run the CLI in-process: (exit code, stdout, stderr)."""
    from click.testing import CliRunner

    from editlint.cli import cli

    def run(*args: str, input: str | bytes | None = None, cwd: Path | None = None):
        import os

        runner = CliRunner()
        old = os.getcwd()
        os.chdir(cwd or tmp_path)
        try:
            result = runner.invoke(cli, list(args), input=input, catch_exceptions=False)
        finally:
            os.chdir(old)
        return result.exit_code, result.stdout, result.stderr

    return run


sys.path.insert(0, str(ROOT))
