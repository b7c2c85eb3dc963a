"""What every rule kind shares: the option spec, the Kind base class, scoped text views."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

# typing costs ~2 ms of start-up; annotations are strings here, so it is needed only by checkers
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, ClassVar

    from editlint.document import Document
    from editlint.findings import Match
    from editlint.rules import Rule

REQUIRED = object()


@dataclass(frozen=True)
class Opt:
    """A typed option of a rule kind, validated when the rule file is loaded.

    type: str, int, float, bool, list[str], map[str,str], list, map, path (a file relative to
    the rule file that must exist and stay inside the rule's folder) or any.
    """

    type: str
    default: Any = REQUIRED
    choices: tuple | None = None
    doc: str = ""
    minimum: float | None = None
    maximum: float | None = None


@dataclass
class Context:
    """Per-article facts every kind may read."""

    date: _dt.date
    date_source: str  # "front matter", "--as-of", "config as_of" or "today"
    accept: frozenset[str] = frozenset()
    reject: frozenset[str] = frozenset()
    settings: dict = field(default_factory=dict)
    accept_folded: frozenset[str] = frozenset()  # `accept` in lower case


class Kind:
    """Base of every rule kind. Subclasses set `name` and `options` and implement `check`.

    The engine builds one instance per rule (after validating the options), then calls
    `check(doc, ctx)` for each article; it turns each Match into a Finding using the rule's
    header (id, category, severity, message template).
    """

    name: ClassVar[str] = ""
    options: ClassVar[dict[str, Opt]] = {}
    default_quotes: ClassVar[str] = "skip"
    default_safe_fix: ClassVar[bool] = False
    # whole-article judgements (stray paragraphs, consistency) that --diff must not narrow
    whole_article: ClassVar[bool] = False

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.opts: dict[str, Any] = rule.options

    @classmethod
    def validate(cls, options: dict[str, Any]) -> Iterator[tuple[str, str]]:
        """Extra checks after type validation: yield (option, problem) pairs."""
        return iter(())

    def check(self, doc: Document, ctx: Context) -> Iterable[Match]:
        raise NotImplementedError

    def preload(self) -> None:
        """Before a run of many files forks its workers: load whole what one article would
        look up piecemeal (the workers share what is loaded here). One article never pays
        for it. Kinds with big tables override this."""

    # -- helpers for kinds that scan text -------------------------------------------------

    def segments(self, doc: Document) -> Iterator[tuple[str, int, int]]:
        """(text, start, end) units of the rule's scope, with quotes masked per `quotes`."""
        scope = self.rule.scope
        if scope == "title":
            if doc.title_span is not None:
                yield doc.text, doc.title_span.start, doc.title_span.end
            return
        quotes = self.rule.quotes
        text = doc.mask if quotes == "include" else doc.quote_mask(only=quotes == "only")
        for block in doc.blocks:
            if scope == "heading":
                if block.kind == "heading":
                    yield text, block.start, block.end
            elif scope == "sentence":
                if block.kind != "heading":
                    for s in block.sentences:
                        yield text, s.start, s.end
            elif scope == "paragraph":
                if block.kind != "heading":
                    yield text, block.start, block.end
            else:  # text: every block, headings included
                yield text, block.start, block.end
