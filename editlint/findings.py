"""The finding: one problem at one span of one file (immutable, sortable, fingerprinted)."""

from __future__ import annotations

from dataclasses import dataclass, field

CATEGORIES = ("typo", "name", "title", "attribution", "stray", "style")
SEVERITIES = ("error", "warning", "info")
# higher is more severe; "never" (fail level only) sits above every severity
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2, "never": 3}


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """A problem found in a file.

    Offsets are code-point offsets into the decoded file (BOM excluded); line and column are
    1-based, the end is exclusive (SARIF's convention), exactly as in the JSON contract.
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    category: str = field(compare=False)
    severity: str = field(compare=False)
    message: str
    text: str = field(compare=False)
    fix: str | None = field(default=None, compare=False)
    start: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)
    # a fix is applied by --fix only when the rule marked it safe
    fix_safe: bool = field(default=False, compare=False)
    link: str | None = field(default=None, compare=False)

    def fingerprint(self) -> str:
        """Stable across line shifts: rule, path and the flagged text, not the position."""
        import hashlib

        key = "\x1f".join((self.rule, self.path, " ".join(self.text.split())))
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]

    def to_json(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "text": self.text,
            "fix": self.fix,
        }


@dataclass(frozen=True, slots=True)
class Match:
    """What a rule kind reports: a span of the document plus what to say about it.

    `values` fill the placeholders of the rule's message ({match} is always available);
    `message` overrides the rule's message entirely when a kind composes its own text.
    """

    start: int
    end: int
    fix: str | None = None
    values: dict | None = None
    message: str | None = None
    fix_safe: bool | None = None
