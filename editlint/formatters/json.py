"""The findings contract (../shared/spec/findings-json.md): one JSON object on stdout.

One finding per line: readable in a diff, and each line is encoded by json's C encoder (an
indented dump goes through the pure-Python one, which was a tenth of an archive run's
main-process time).
"""

from __future__ import annotations

import json

from editlint import __version__


def render(report) -> str:
    head = json.dumps({"version": __version__, "files_checked": report.files_checked},
                      ensure_ascii=False)
    lines = ",\n".join(json.dumps(f.to_json(), ensure_ascii=False) for f in report.findings)
    return f'{head[:-1]}, "findings": [{chr(10) + lines + chr(10) if lines else ""}]}}\n'
