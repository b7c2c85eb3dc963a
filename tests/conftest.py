from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config):
    """Every test, and every editlint a test starts, uses a cache folder of this session: the
    user's cache is neither read (a run sees what it sees on a fresh machine after its first
    run) nor filled with entries for the session's temporary rule files."""
    import os
    import tempfile

    if "EDITLINT_CACHE_DIR" not in os.environ:
        folder = tempfile.mkdtemp(prefix="editlint-test-cache-")
        os.environ["EDITLINT_CACHE_DIR"] = folder
        config._editlint_cache = folder


def pytest_unconfigure(config):
    import shutil

    folder = getattr(config, "_editlint_cache", None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


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
