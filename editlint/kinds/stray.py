"""stray: paragraphs that do not belong to the story (pasted from another article).

Each block of 1..max_run consecutive paragraphs is compared with the rest of the article
and its title by lexical cohesion, with words weighted by how informative they are in
general English (editlint/kinds/_cohesion.py has the model). A run of stray paragraphs is
reported as one finding spanning the run; the message names the words that tie it to nothing
else in the article.
"""

from __future__ import annotations

import dataclasses
from operator import attrgetter
from pathlib import Path

from editlint.findings import Match
from editlint.kinds import _cohesion, _profiles, _wordforms
from editlint.kinds.base import Kind, Opt

_PARAMS = _profiles.Params()
_START = attrgetter("start")


def _opt(name: str, doc: str, minimum: float | None = 0.0, maximum: float | None = None) -> Opt:
    """An option whose default is the model's default (one source of truth: Params)."""
    default = getattr(_PARAMS, name)
    kind = {bool: "bool", int: "int", float: "float"}[type(default)]
    if kind == "bool":
        return Opt(kind, default, doc=doc)
    return Opt(kind, default, doc=doc, minimum=minimum, maximum=maximum)


class Stray(Kind):
    name = "stray"
    whole_article = True
    default_quotes = "include"
    options = {
        "threshold": _opt("threshold", "a block scoring below this is stray"),
        "rest_weight": _opt("rest_weight", "weight of the cosine with the rest of the article"),
        "lede_weight": _opt("lede_weight", "weight of the cosine with the first paragraph and title"),
        "evidence_weight": _opt("evidence_weight",
                                "weight of the surprising shared words per unit of weight"),
        "max_run": _opt("max_run", "longest block judged as one unit", 1, 50),
        "extend_threshold": _opt("extend_threshold",
                                 "a run takes in a neighbour while the whole block scores below this"),
        "weak_threshold": _opt("weak_threshold",
                               "a neighbour below this joins a run when it refers to nothing in the story"),
        "short_paragraph_sentences": _opt(
            "short_paragraph_sentences", "an article whose median paragraph has at most this many "
            "sentences is judged by runs only", 0),
        "short_min_paragraphs": _opt("short_min_paragraphs",
                                     "... if it has at least this many paragraphs", 1),
        "short_min_run": _opt("short_min_run", "shortest run judged in such an article", 1, 50),
        "short_threshold": _opt("short_threshold", "threshold in such an article"),
        "short_quotes_belong": _opt("short_quotes_belong", "in such an article, a run opening "
                                    "with a quote or with 'He', 'It', 'They' is never stray"),
        "min_paragraphs": _opt("min_paragraphs", "prose paragraphs an article needs to be judged", 2),
        "min_words": _opt("min_words", "words an article needs to be judged"),
        "min_block_weight": _opt("min_block_weight", "least informative weight of a judged block"),
        "min_rest_weight": _opt("min_rest_weight", "least informative weight of the rest of the article"),
        "max_block_share": _opt("max_block_share", "largest share of the article's weight a stray "
                                "block may hold", 0.0, 1.0),
        "weight_cap": _opt("weight_cap", "weight of a word = weight_cap - its zipf frequency"),
        "rare_zipf": _opt("rare_zipf", "zipf frequency assumed for a word the table lacks"),
        "name_weight": _opt("name_weight", "least weight of a capitalised word inside a sentence"),
        "title_weight": _opt("title_weight", "how many paragraphs the title counts for"),
        "stem_length": _opt("stem_length", "stems are cut to this many letters", 3, 20),
        "judge_lede": _opt("judge_lede", "judge the first paragraph too (it defines the story)"),
        "dangling_female": _opt("dangling_female", "extend a run over a next paragraph whose "
                                "'she/her' has no referent in the story"),
        "function_words": Opt("path", None, doc="YAML list of words that never count as topic words"),
        "frequencies": Opt("path", None, doc="background frequency table (default: the shipped one)"),
    }

    def __init__(self, rule) -> None:
        super().__init__(rule)
        fields = {f.name for f in dataclasses.fields(_profiles.Params)}
        self.params = _profiles.Params(**{k: v for k, v in self.opts.items() if k in fields})
        table = self.opts["frequencies"]
        background = _wordforms.Background(Path(table)) if table else _wordforms.Background()
        self.profiler = _profiles.Profiler(self.params, background,
                                           _load_words(self.opts["function_words"]))

    def preload(self) -> None:
        """Before a run of many files forks its workers: what every background-table word
        counts, which each worker would otherwise load (or learn word by word) on its own."""
        self.profiler.preload()

    def check(self, doc, ctx):
        paragraphs = doc.paragraphs
        if len(paragraphs) < self.params.min_paragraphs:
            return
        # quotes carry the story's words too, so they count unless the rule says otherwise
        quotes = self.rule.quotes
        text = doc.mask if quotes == "include" else doc.quote_mask(only=quotes == "only")
        profiles, title_profile = self.profiler.profiles(
            text, [(b.start, b.end, map(_START, b.sentences)) for b in paragraphs], doc.title or None)
        for run in _cohesion.find_stray_runs(profiles, title_profile, self.params):
            first, last = paragraphs[run.first], paragraphs[run.last]
            yield Match(first.start, last.end, message=_message(run))


def _message(run: _cohesion.Run) -> str:
    count = run.last - run.first + 1
    what = "this paragraph" if count == 1 else f"these {count} paragraphs"
    verb = "shares" if count == 1 else "share"
    amount = "no" if not run.shared else "almost no"
    why = f"{verb} {amount} people, places or topic words with the rest of the article"
    detail = []
    if run.foreign:
        detail.append("its own: " + ", ".join(run.foreign))
    if run.dangling:
        detail.append("'she/her' refers to nobody in the story")
    tail = f" ({'; '.join(detail)})" if detail else ""
    return f"{what} {why}{tail}: pasted from another story?"


def _load_words(path: str | None) -> list[str]:
    if not path:
        return []
    from editlint.cache import cached

    # parsed once per version of the file (YAML parsing costs more than an article's check)
    data = cached(Path(path), "stray-words", lambda: _parse_yaml(Path(path)))
    if isinstance(data, dict):
        data = data.get("words", [])
    if isinstance(data, str):
        data = data.split()
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a list of words")
    return [str(w) for w in data]


def _parse_yaml(path: Path):
    from editlint.yamlio import load_plain

    return load_plain(path.read_text(encoding="utf-8"))
