"""SARIF 2.1.0 for GitHub code scanning (columns in Unicode code points)."""

from __future__ import annotations

import hashlib
import json

from editlint import __version__

LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _rule_entry(rule) -> dict:
    summary = (rule.description or rule.message).strip().splitlines()[0][:1000] or rule.id
    entry = {
        "id": rule.id,
        "name": rule.id,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": (rule.description or rule.message)[:1000]},
        "help": {"text": rule.description or rule.message},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"tags": [rule.category, rule.kind]},
    }
    if rule.link:
        entry["helpUri"] = rule.link
    return entry


def render(report) -> str:
    rules = {r.id: r for r in report.rules}
    ids = sorted({f.rule for f in report.findings} | set(rules))
    index = {rule_id: i for i, rule_id in enumerate(ids)}
    driver_rules = []
    for rule_id in ids:
        if rule_id in rules:
            driver_rules.append(_rule_entry(rules[rule_id]))
        else:  # engine-made findings (front matter, reject list)
            driver_rules.append({"id": rule_id, "name": rule_id,
                                 "shortDescription": {"text": rule_id},
                                 "fullDescription": {"text": rule_id},
                                 "help": {"text": rule_id}})
    results = []
    for f in report.findings:
        line_hash = hashlib.sha256(f"{f.rule}\x1f{' '.join(f.text.split())}".encode()).hexdigest()
        result = {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": f.path.replace("\\", "/")},
                "region": {"startLine": f.line, "startColumn": f.column,
                           "endLine": f.end_line, "endColumn": f.end_column,
                           "snippet": {"text": f.text[:2000]}},
            }}],
            "partialFingerprints": {"primaryLocationLineHash": line_hash[:32],
                                    "editlintFingerprint/v1": f.fingerprint()},
            "properties": {"category": f.category},
        }
        if f.fix is not None:
            result["fixes"] = [{"description": {"text": f"replace with {f.fix!r}"},
                                "artifactChanges": [{
                                    "artifactLocation": {"uri": f.path.replace("\\", "/")},
                                    "replacements": [{
                                        "deletedRegion": {"startLine": f.line,
                                                          "startColumn": f.column,
                                                          "endLine": f.end_line,
                                                          "endColumn": f.end_column},
                                        "insertedContent": {"text": f.fix}}]}]}]
        results.append(result)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "editlint", "version": __version__,
                                "semanticVersion": __version__,
                                "informationUri": "https://pypi.org/project/editlint/",
                                "rules": driver_rules}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=1) + "\n"
