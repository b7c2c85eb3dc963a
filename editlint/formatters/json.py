"""The findings contract (../shared/spec/findings-json.md): one JSON object on stdout."""

from __future__ import annotations

import json

from editlint import __version__


def render(report) -> str:
    return json.dumps({
        "version": __version__,
        "files_checked": report.files_checked,
        "findings": [f.to_json() for f in report.findings],
    }, ensure_ascii=False, indent=1) + "\n"
