"""GitLab Code Quality: the subset of the Code Climate issue format GitLab reads.

A JSON array of {description, check_name, fingerprint, severity, location: {path, lines}}.
GitLab keys issues by fingerprint when it compares a merge request with its target branch,
so two findings of one rule on the same text in one file (Finding.fingerprint() is the same
for both: it ignores position, to survive line shifts) get an occurrence number mixed in.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter

# editlint severity -> Code Quality severity (info, minor, major, critical, blocker)
SEVERITY = {"error": "major", "warning": "minor", "info": "info"}
# Code Climate categories (GitLab shows none of them, other Code Climate readers do)
CATEGORY = {"style": "Style"}


def _fingerprint(base: str, occurrence: int) -> str:
    if occurrence == 0:
        return base
    return hashlib.sha256(f"{base}\x1f{occurrence}".encode()).hexdigest()[:32]


def _path(path: str) -> str:
    # GitLab matches paths relative to the repository root, with forward slashes
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def render(report) -> str:
    seen: Counter[str] = Counter()
    issues = []
    for f in report.findings:
        base = f.fingerprint()
        fingerprint = _fingerprint(base, seen[base])
        seen[base] += 1
        description = f.message + (f" (fix: {f.fix})" if f.fix else "")
        issues.append({
            "type": "issue",
            "check_name": f.rule,
            "description": description,
            "categories": [CATEGORY.get(f.category, "Clarity")],
            "fingerprint": fingerprint,
            "severity": SEVERITY[f.severity],
            "location": {"path": _path(f.path),
                         "lines": {"begin": f.line, "end": f.end_line}},
        })
    return json.dumps(issues, ensure_ascii=False, indent=1) + "\n"
