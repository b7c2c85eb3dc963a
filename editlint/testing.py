"""Running rules on snippets: the rule `examples` check and helpers for unit tests."""

from __future__ import annotations

import datetime as _dt
import tempfile
from pathlib import Path

from editlint.config import Settings
from editlint.document import Document
from editlint.engine import Options, RuleSet, check_document
from editlint.findings import Finding
from editlint.rules import Rule, load_rule_file

DEFAULT_EXAMPLE_DATE = _dt.date(2025, 12, 4)


def run_rules(rules: list[Rule], text: str, fmt: str = "markdown", as_of: _dt.date | None = None,
              path: str = "example.md", settings: Settings | None = None) -> list[Finding]:
    """All findings of these rules on one article given as a string."""
    doc = Document(text, path, fmt)
    return check_document(doc, RuleSet(rules), settings or Settings(),
                          Options(as_of=as_of or DEFAULT_EXAMPLE_DATE))


def rules_from_yaml(source: str, folder: Path | None = None) -> list[Rule]:
    """Load rules from YAML text (written to a temporary file so positions and paths work)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(folder or tmp) / "inline-rule.yaml"
        path.write_text(source, encoding="utf-8")
        try:
            return load_rule_file(path)
        finally:
            if folder is not None:
                path.unlink()


def example_failures(rule: Rule) -> list[str]:
    """What is wrong with a rule's own examples (empty when they all behave)."""
    problems = []
    for key in ("flag", "ok"):
        for ex in rule.examples.get(key) or []:
            spec = {"text": ex} if isinstance(ex, str) else ex
            as_of = spec.get("as_of")
            if as_of is not None and not isinstance(as_of, _dt.date):
                as_of = _dt.date.fromisoformat(str(as_of))
            fmt = spec.get("format", "markdown")
            settings = Settings(settings=dict(spec.get("settings") or {}))
            found = [f for f in run_rules([rule], spec["text"], fmt, as_of, settings=settings)
                     if f.rule == rule.id]
            label = f"{rule.id} {key} example {spec['text'][:60]!r}"
            if key == "ok" and found:
                problems.append(f"{label}: flagged {[f.text for f in found]} ({found[0].message})")
            if key == "flag":
                if not found:
                    problems.append(f"{label}: not flagged")
                elif "count" in spec and len(found) != spec["count"]:
                    problems.append(f"{label}: {len(found)} findings, expected {spec['count']}")
                elif "fix" in spec and spec["fix"] not in [f.fix for f in found]:
                    problems.append(f"{label}: fixes {[f.fix for f in found]}, expected {spec['fix']!r}")
    return problems
