"""Every built-in rule carries `examples` (flag: and ok:), and they all behave."""

from __future__ import annotations

import pytest

from editlint.engine import builtin_packs
from editlint.rules import load_rule_file, rule_files
from editlint.testing import example_failures


def _all_rules():
    for name, folder in builtin_packs().items():
        for path in rule_files(folder):
            for rule in load_rule_file(path):
                yield pytest.param(rule, id=f"{name}:{rule.id}")


ALL_RULES = list(_all_rules())


def test_there_are_builtin_rules():
    assert len(ALL_RULES) >= 2


@pytest.mark.parametrize("rule", ALL_RULES)
def test_rule_has_examples_of_both_kinds(rule):
    assert rule.examples.get("flag"), f"{rule.id} has no 'flag' examples"
    assert rule.examples.get("ok"), f"{rule.id} has no 'ok' examples"


@pytest.mark.parametrize("rule", ALL_RULES)
def test_rule_examples(rule):
    assert example_failures(rule) == []
