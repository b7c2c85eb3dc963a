"""Errors that stop a file or a run with a one-line message (never a traceback)."""

from __future__ import annotations


class EditlintError(Exception):
    """A usage, configuration, rule-file or input error: exit status 2."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None,
                 column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = str(self.path)
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        return f"{where}{self.message}"


class ConfigError(EditlintError):
    """A broken config or rule file."""


class InputError(EditlintError):
    """An article that cannot be read or decoded."""
