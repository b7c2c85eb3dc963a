"""attribution: flag sentences that state a figure with nobody standing behind it.

A sentence is flagged when it holds a figure (money, a percentage, a count, a quantity, a
proportion; see _figures.py) that no source covers:
- the figure sits inside a direct quote (someone is speaking), or
- the sentence names a source that covers it: "according to", "figures from ...", "in its
  annual report", "under the plan", or a reporting verb with a subject ("the bank said",
  "analysts estimate", "said a spokesman", "announced by the minister"). A verb covers
  what follows it; a figure before it only when the verb ends the sentence (", the OECD
  said.") or the figure is in its subject ("Another 7% said ..."). Passives without an agent
  ("is estimated to"), adjectives ("an estimated $5m"), nouns ("newspaper reports") and
  negated or infinitive verbs ("declined to say") name nobody; or
- the previous sentence of the same paragraph sets up a source for an indirect report that
  this one continues (a reporting cue that only introduces a direct quote does not carry).

The vocabulary comes from YAML (rules/attribution/data/cues.yaml); the rule's `add` option
extends it inline. One finding per sentence, spanning the sentence.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Callable
from itertools import compress, count
from pathlib import Path

from editlint.findings import Match
from editlint.kinds import _fastmatch, _figures
from editlint.kinds._fastmatch import (
    WORD_START_ASCII,
    WORD_START_WIDE,
    ascii_fold,
    code_version,
    compiled_table,
    first_class,
    foldable,
    module_table,
    trie_source,
    words_pattern,
)
from editlint.kinds._figures import FigureFinder, figure_sources
from editlint.kinds.base import Kind, Opt

# the keys of the vocabulary file: word lists, verb lists (one list of forms per verb), numbers
_LIST_KEYS = (
    "noun_like_forms", "transitive_only", "source_phrases", "source_nouns", "source_links",
    "research_nouns", "research_links",
    "document_determiners", "under_nouns", "determiners", "noun_modifiers",
    "passive_auxiliaries", "adverbs", "clause_breaks", "tail_blockers", "currency_symbols",
    "currency_prefixes", "currency_words", "scale_words", "scale_suffixes", "percent_words",
    "units", "hedges", "number_words", "fraction_words", "multiplier_words", "months",
    "time_units", "time_unit_fillers", "time_markers", "identifier_words", "age_words",
    "age_suffixes", "not_name_words", "event_nouns", "event_context",
    "street_words", "clock_words", "results_verbs", "results_nouns",
    "document_nouns", "carry_verbs",
)
_VERB_KEYS = ("reporting_verbs", "speech_only_verbs")
# the keys whose words the source patterns match
_PATTERN_KEYS = ("source_phrases", "source_nouns", "source_links", "research_nouns",
                 "research_links", "document_determiners", "under_nouns", "document_nouns")
_INT_KEYS = ("max_tail_words",)

# tokens: words (with inner apostrophes, hyphens, dots), numbers with what is attached,
# and the punctuation that separates clauses
# (each alternative written to start with a class or a literal: sre then rejects it at a
# glance where the text does not start with one, as at every blank between tokens)
_TOKENS = module_table(__file__, {  # from sre's programs in the disk cache
    "token": (
        r"[^\W\d_](?:[\w'’.-]*[^\W_])?|[£$€¥₹]\d+(?:[.,]\d+)*[^\W_]*%?|\d+(?:[.,]\d+)*[^\W_]*%?"
        r"|[,;:()—–]|-(?<=\s-)(?=\s)|[.!?]"),
    # the same tokens where the characters matched are ASCII (most sentences): the classes
    # spelled out, which sre tests against a bitmap instead of a Unicode category (the
    # look-behind, which can read the character before the span, keeps \s)
    "token_ascii": (
        r"[A-Za-z](?:[A-Za-z0-9_'’.-]*[A-Za-z0-9])?|[£$€¥₹][0-9]+(?:[.,][0-9]+)*[A-Za-z0-9]*%?"
        r"|[0-9]+(?:[.,][0-9]+)*[A-Za-z0-9]*%?|[,;:()—–]|-(?<=\s-)(?=\s)|[.!?]"),
})
_TOKEN, _TOKEN_ASCII = _TOKENS["token"], _TOKENS["token_ascii"]
_CLAUSE_PUNCT = frozenset(",;:()—–-")
_NEGATORS = frozenset(("not", "never", "n't", "to", "without", "cannot", "didn't", "won't",
                       "wouldn't", "couldn't", "doesn't", "don't", "refused", "declined"))
# after a noun-like form, these show it is a noun ("reports of", "shows on", "estimates are")
_NOUN_FOLLOWERS = frozenset(
    "of for on about from in by with at and or as are is were was have has had will would "
    "could should may might can say says said show showed suggest suggests put puts".split())


class _Tokens:
    """The tokens of a sentence as parallel lists (texts, lower-case forms), built with C-level
    calls; offsets only when asked for."""

    __slots__ = ("matches", "texts", "lows", "_starts", "_ends")

    def __init__(self, text: str, start: int, end: int) -> None:
        ascii = text.isascii() or text[start:end].isascii()
        self.matches = list((_TOKEN_ASCII if ascii else _TOKEN).finditer(text, start, end))
        self.texts: list[str] = list(map(_GROUP, self.matches))
        self.lows: list[str] = list(map(str.lower, self.texts))
        self._starts: list[int] | None = None
        self._ends: list[int] | None = None

    def __len__(self) -> int:
        return len(self.texts)

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = list(map(_START, self.matches))
        return self._starts

    @property
    def ends(self) -> list[int]:
        if self._ends is None:
            self._ends = list(map(_END, self.matches))
        return self._ends


_GROUP = re.Match.group
_SPAN = operator.attrgetter("start", "end")
_FIRST = operator.itemgetter(0)
_START = re.Match.start
_END = re.Match.end


def _default_cues_path() -> Path:
    from editlint.engine import builtin_rules_dir

    return builtin_rules_dir() / "attribution" / "data" / "cues.yaml"


def _parse_vocabulary(path: Path):
    """The parsed file, as one marshal blob when it can be (the cache hands bytes back
    without walking them item by item)."""
    import marshal

    from editlint.yamlio import load_plain

    data = load_plain(path.read_text(encoding="utf-8"))
    try:
        return marshal.dumps(data)
    except ValueError:  # dates and the like: cached item by item
        return data


def _read_vocabulary(path: Path, add: dict) -> dict:
    from editlint.cache import cached

    # parsed once per version of the file: YAML parsing (and importing the YAML library)
    # would otherwise cost more than checking an article
    data = cached(path, "attribution-cues-blob", lambda: _parse_vocabulary(path))
    if isinstance(data, bytes):
        import marshal

        data = marshal.loads(data)
    data = data or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: the cue vocabulary must be a mapping")
    vocab: dict = {}
    for key in _LIST_KEYS + _VERB_KEYS:
        value = list(data.get(key) or []) + list(add.get(key) or [])
        vocab[key] = value
    for key in _INT_KEYS:
        vocab[key] = int(add.get(key, data.get(key, 6)))
    return vocab


def _sources_folded(vocab: dict) -> bool:
    return foldable([w for key in _PATTERN_KEYS for w in vocab[key]])


def _source_alternatives(vocab: dict) -> list[tuple[list[str], str]]:
    """The source phrases, as (words, what follows): each matches words_pattern(words,
    what follows)."""
    nouns = words_pattern(vocab["source_nouns"], "")
    links = words_pattern(vocab["source_links"])
    research_links = words_pattern(vocab["research_links"])
    dets = words_pattern(vocab["document_determiners"], "")
    owner = rf"(?:{dets}|(?:the[ \t]+)?[\w-]+['’]s?)"
    under = words_pattern(vocab["under_nouns"])
    under_dets = words_pattern(list(vocab["document_determiners"]) + ["the", "this", "these"], "")
    return [
        (vocab["source_phrases"], r"(?![\w-])"),
        # figures from the ONS, a survey by YouGov, data released by the bank
        (vocab["source_nouns"], rf"[ \t]+{links}"),
        (vocab["research_nouns"], rf"[ \t]+{research_links}"),
        # in a statement, in its annual report, on the agency's list
        (["in", "on"], rf"[ \t]+{owner}[ \t]+(?:[\w'’-]+[ \t]+){{0,3}}?(?:{nouns})(?![\w-])"),
        # under the plan, under the terms of the deal
        (["under"], rf"[ \t]+(?:{under_dets})[ \t]+(?:[\w'’-]+[ \t]+){{0,2}}?{under}"),
    ]


def _by_first_letter(alternatives: list[tuple[list[str], str]]) -> str:
    """The alternation of words_pattern(words, what follows) over the alternatives, regrouped
    by the words' first letter (folded): each group starts with one literal, which sre
    tests at a glance, instead of each alternative descending into its own trie at every
    word. It matches wherever the plain alternation matches (the same words, each with
    the same continuation)."""
    def first(word: str) -> str:
        return ascii_fold(word[:1])

    groups = []
    for letter in sorted({first(w) for words, _ in alternatives for w in words if w}):
        groups.append("|".join(words_pattern([w for w in words if w and first(w) == letter], after)
                               for words, after in alternatives
                               if any(w and first(w) == letter for w in words)))
    return "|".join(f"(?:{group})" for group in groups) or r"(?!x)x"


def _source_patterns(vocab: dict) -> dict[str, tuple[str, int]]:
    """The regexes that find sources, by name, as (source, flags)."""
    under_dets = words_pattern(list(vocab["document_determiners"]) + ["the", "this", "these"], "")
    flags = 0 if _sources_folded(vocab) else re.I
    sources = _by_first_letter(_source_alternatives(vocab))
    document_nouns = words_pattern(vocab["document_nouns"])
    # the characters a source phrase can start with, tested before the alternatives (most
    # words start with none of them)
    firsts = first_class(sources, flags)
    ahead = ("" if firsts is None else f"(?={firsts})") + "(?=" + sources + ")"
    return {**_cue_patterns(vocab),
        # a source phrase starts a word: (?<![\w-])(?:...) searched in a sentence, written
        # as a character before a word followed by one (sre then skips letters fast; see
        # WORD_START_ASCII), and at the start of the text
        "source_after": (WORD_START_ASCII + ahead, flags),
        "source_after_wide": (WORD_START_WIDE + ahead, flags),
        "source_at": (sources, flags),
        # "their own proposals to raise it to £150,000": a named document gives the figures
        # that follow it
        "document": (rf"(?<![\w-])(?:{under_dets}|[\w-]+['’]s?)[ \t]+(?:[\w'’-]+[ \t]+){{0,2}}?"
                     rf"({document_nouns})", flags),
        # which the document noun, after a blank, cannot be missing from
        "document_noun": (rf"[ \t]{document_nouns}", flags),
    }


# the first-person words a token of _FIRST_PERSON starts with, folded: "I'm" is "i" then "'"
_FIRST_PERSON_HEADS = ("i", "me", "my", "we", "our", "us")


def _cue_words(vocab: dict) -> set[str]:
    """The lower-case words a cue can start with (see Attribution.cue_words)."""
    words = {str(w).lower() for w in vocab["results_verbs"]}
    for key in _VERB_KEYS:
        for group in vocab[key]:
            for form in group if isinstance(group, list) else [group]:
                first = str(form).lower().split()[:1]
                words.update(first)
    return words


def _cue_patterns(vocab: dict) -> dict[str, tuple[str, int]]:
    """The patterns that tell, without tokenising a sentence, that none of its tokens is a
    cue word or a first-person word (see Attribution._may_need_tokens), or a cue word that
    is a verb of findings (see Attribution._may_report_findings); none when some cue word is
    not plain ASCII letters (then every sentence is tokenised)."""
    cue_words = _cue_words(vocab)
    words = cue_words | set(_FIRST_PERSON_HEADS)
    if not _sources_folded(vocab) or \
            not all(w.isascii() and w.isalpha() and w.islower() for w in words):  # [a-z]+
        return {}
    # a token starts after a non-letter (or where the sentence starts) and ends before a
    # character that is no letter or digit; folding keeps both kinds of character
    patterns = {}
    for name, some in (("cue", words), ("findings", cue_words & _lower(vocab["carry_verbs"]))):
        body = "(?:" + trie_source(sorted(some)) + ")(?![a-z0-9])" if some else r"(?!x)x"
        patterns[f"{name}_after"] = ("[^a-z](?=" + body + ")", 0)
        patterns[f"{name}_at"] = (body, 0)
    return patterns


class Attribution(Kind):
    name = "attribution"
    options = {
        "cues": Opt("path", None, doc="vocabulary YAML (default: the built-in cues.yaml)"),
        "add": Opt("map", {}, doc="words added to the vocabulary, same keys as the cues file"),
        "carry": Opt("str", "with-figure", choices=("with-figure", "any", "never"),
                     doc="when a source in the previous sentence covers this one: when that "
                         "sentence attributes a figure too or sets up findings ('the survey "
                         "shows ...') (with-figure), whenever it reports indirectly (any), "
                         "or never"),
    }
    default_quotes = "include"

    @classmethod
    def validate(cls, options):
        known = set(_LIST_KEYS) | set(_VERB_KEYS) | set(_INT_KEYS)
        for key, value in (options.get("add") or {}).items():
            if key not in known:
                yield "add", f"unknown vocabulary key '{key}' (known: {', '.join(sorted(known))})"
            elif key in _INT_KEYS:
                if not isinstance(value, int):
                    yield "add", f"'{key}' must be a whole number"
            elif not isinstance(value, list):
                yield "add", f"'{key}' must be a list"

    def __init__(self, rule) -> None:
        super().__init__(rule)
        path = Path(self.opts["cues"]) if self.opts["cues"] else _default_cues_path()
        add = self.opts["add"] or {}
        vocab = _read_vocabulary(path, add)
        # the patterns are built and compiled once per version of the vocabulary (and of the
        # code that builds them), then read from the disk cache
        patterns = compiled_table(path, repr(add) + code_version(__file__, _figures.__file__,
                                                                 _fastmatch.__file__),
                                  lambda: {**figure_sources(vocab), **_source_patterns(vocab)})
        self.figures = FigureFinder(vocab, patterns)
        self.carry = self.opts["carry"]
        self.verbs: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
        for key in _VERB_KEYS:
            for group in vocab[key]:
                for form in group if isinstance(group, list) else [group]:
                    words = tuple(str(form).lower().split())
                    if words:
                        self.verbs.setdefault(words[0], []).append((words, key == "speech_only_verbs"))
        for forms in self.verbs.values():
            forms.sort(key=lambda o: -len(o[0]))
        self.noun_like = _lower(vocab["noun_like_forms"])
        self.results_verbs = _lower(vocab["results_verbs"])
        self.carry_verbs = _lower(vocab["carry_verbs"])
        self.results_nouns = _lower(vocab["results_nouns"])
        # the tokens a cue can start with: the rest of a sentence is read no further
        self.cue_words = frozenset(self.verbs) | self.results_verbs
        self.source_heads = _lower(w for w in vocab["source_nouns"] if " " not in w)
        self.transitive_only = _lower(vocab["transitive_only"])
        self.determiners = _lower(vocab["determiners"])
        self.noun_modifiers = _lower(vocab["noun_modifiers"])
        self.passive = _lower(vocab["passive_auxiliaries"])
        self.adverbs = _lower(vocab["adverbs"])
        self.clause_breaks = _lower(vocab["clause_breaks"])
        self.tail_blockers = _lower(vocab["tail_blockers"])
        self.max_tail = vocab["max_tail_words"]
        # matched case-sensitively against the folded article when the words allow (fast)
        self.folded = _sources_folded(vocab)
        self.source_after = patterns["source_after"]
        self.source_after_wide = patterns["source_after_wide"]
        self.source_at = patterns["source_at"]
        self.document = patterns["document"]
        self.document_noun = patterns["document_noun"]
        self.cue_after: re.Pattern | None = patterns.get("cue_after")
        self.cue_at: re.Pattern | None = patterns.get("cue_at")
        self.findings_after: re.Pattern | None = patterns.get("findings_after")
        self.findings_at: re.Pattern | None = patterns.get("findings_at")

    # -- the check ---------------------------------------------------------------------------

    def check(self, doc, ctx):
        text = doc.mask
        unquoted = _Unquoted(doc, self.figures.fold if self.folded else None)
        scan = self.figures.scan(text)
        runs = scan.runs  # the article's runs of digits
        find = self.figures.find
        hot = scan.hot  # a key word or a digit in the span
        for block in doc.paragraphs:
            if not hot(block.start, block.end):
                continue  # no figure can be in it
            sentences = block.sentences
            # a sentence with no key word of a spelled figure and no digit has no figure
            found = [find(text, s.start, s.end, scan, runs) if hot(s.start, s.end) else []
                     for s in sentences]
            if not any(found):
                continue
            quotes = unquoted.quotes(block)
            # does the previous sentence carry a source into this one: a bool, or the
            # previous sentence itself when it holds no figure of its own outside quotes
            # (then it is read only if this sentence has a bare figure)
            prev: bool | tuple = False
            for n, sent in enumerate(sentences):
                figures = found[n]
                if not figures and (n + 1 == len(sentences) or not found[n + 1]):
                    prev = False  # nothing here and nothing next: no need to read it
                    continue
                spoken = []
                # (most paragraphs quote nobody, and a figure inside a quote lies where the
                # sentence overlaps some quote)
                if quotes.spans and quotes.overlap(sent.start, sent.end):
                    spoken = [f for f in figures if quotes.inside(f.start, f.end)]
                    figures = [f for f in figures if not quotes.inside(f.start, f.end)]
                if not figures:
                    prev = (sent, bool(spoken))
                    continue
                if self._skip_carried(prev, found, n):
                    prev = False
                    continue
                analysis = self._sources(*unquoted.texts(), sent.start, sent.end, quotes)
                bare = self._bare(figures, analysis)
                if bare and not (prev if isinstance(prev, bool) else
                                 self._carries(unquoted, quotes, *prev)):
                    yield Match(sent.start, sent.end, values={"figure": bare[0].text})
                prev = self._carry(analysis, len(bare) < len(figures), bool(spoken))

    @staticmethod
    def _skip_carried(prev: bool | tuple, found: list, n: int) -> bool:
        """May sentence n (with a figure outside quotes) go unread? Yes when a source carries
        into it (so no finding here) and the next sentence has no figure (that one sets prev
        afresh without reading this one's)."""
        return prev is True and (n + 1 == len(found) or not found[n + 1])

    def _carry(self, analysis: _Analysis, covered: bool, spoken: bool) -> bool:
        """Does a sentence's source carry into the next one? covered: it attributes some
        figure of its own; spoken: it has a figure inside a direct quote."""
        if self.carry == "never" or not analysis.indirect or analysis.mostly_quoted:
            return False
        if self.carry == "any":
            return True
        return covered or analysis.findings or (spoken and analysis.whole)

    def _carries(self, unquoted: _Unquoted, quotes, sent, spoken: bool) -> bool:
        """_carry for a sentence with no figure outside quotes, read now."""
        if self.carry == "never":
            return False
        text, searched = unquoted.texts()
        if self.carry == "with-figure" and not spoken and \
                not self._may_report_findings(searched, sent.start, sent.end):
            return False  # only a verb of findings could carry ("the survey shows ...")
        analysis = self._sources(text, searched, sent.start, sent.end, quotes)
        return self._carry(analysis, False, spoken)

    # -- sources -----------------------------------------------------------------------------

    def _sources(self, text: str, searched: str, start: int, end: int, quotes) -> _Analysis:
        """The sources in text[start:end] (quotes blanked); the patterns search `searched`
        (the same text, folded when self.folded)."""
        if not self._may_need_tokens(searched, start, end):
            # no cue, no first person, no document: the sources are the source phrases
            # alone, found without tokens (most sentences with a figure)
            analysis = _Analysis(None)
            if self._names_source(searched, start, end):
                analysis.whole = analysis.indirect = True
                analysis.mostly_quoted = quotes.overlap(start, end) * 2 >= (end - start)
            return analysis
        tokens = _Tokens(text, start, end)
        lows = tokens.lows
        analysis = _Analysis(tokens)
        if self._names_source(searched, start, end):
            analysis.whole = analysis.indirect = True
        if not self.cue_words.isdisjoint(lows):
            # (the cue words' positions picked with C-level calls)
            for i in compress(count(), map(self.cue_words.__contains__, lows)):
                low = lows[i]
                forms = self.verbs.get(low)
                if low in self.results_verbs and self._cue(tokens, i, 1, False) and \
                        not self.results_nouns.isdisjoint(lows[i + 1:i + 5]):
                    analysis.cues.append((i, i))  # the firm posted pre-tax profits of £5m
                    analysis.indirect = True
                    continue
                if not forms:
                    continue
                for words, speech_only in forms:
                    k = len(words)
                    if tuple(lows[i:i + k]) != words:
                        continue
                    cue = self._cue(tokens, i, k, speech_only)
                    # a cue that frames a direct quote vouches for the quote, not for figures
                    # outside it ("...," the mayor said, as debts reached £3m)
                    if cue and not self._introduces_quote(tokens, i, k, text, start, end, quotes):
                        analysis.cues.append((i, i + k - 1))
                        analysis.indirect = True
                        analysis.findings = analysis.findings or low in self.carry_verbs
                        analysis.whole = analysis.whole or cue == "agent"
                    break
        if not _FIRST_PERSON.isdisjoint(tokens.texts):
            analysis.whole = True  # a first-person account (a Q&A, a guest column) speaks for itself
        for m in self.document.finditer(searched, start, end) \
                if self.document_noun.search(searched, start, end) else ():
            at = bisect.bisect_left(tokens.starts, m.start(1))  # the first token from there
            if at < len(tokens):
                analysis.cues.append((at, at))
        if analysis.indirect:
            analysis.mostly_quoted = quotes.overlap(start, end) * 2 >= (end - start)
        return analysis

    def _may_need_tokens(self, searched: str, start: int, end: int) -> bool:
        """False when no token of searched[start:end] can be a cue word or a first-person
        word and no document noun occurs: then _sources needs no tokens.

        A token (see _TOKEN) that lower-cased is a cue word (plain ASCII letters) is the same
        letters in the folded text, after a non-letter or at the start, and before no letter
        or digit (the token would go on); cue_after and cue_at look for exactly that, so
        they miss no such token (they may find a word that is no token: then the sentence
        is tokenised, as before)."""
        if self.cue_after is None or not self.folded:
            return True
        return self.cue_at.match(searched, start, end) is not None or \
            self.cue_after.search(searched, start, end) is not None or \
            self.document_noun.search(searched, start, end) is not None

    def _may_report_findings(self, searched: str, start: int, end: int) -> bool:
        """False when no token of searched[start:end] can be a cue word that is a verb of
        findings (carry_verbs): then _sources cannot set `findings` (only such a cue sets
        it). Found as _may_need_tokens finds cue words."""
        if self.findings_after is None or not self.folded:
            return True
        return self.findings_at.match(searched, start, end) is not None or \
            self.findings_after.search(searched, start, end) is not None

    def _names_source(self, searched: str, start: int, end: int) -> bool:
        """Does a source phrase start in searched[start:end] (after a non-word character)?"""
        if start == 0 and self.source_at.match(searched, 0, end):
            return True
        pos = max(start - 1, 0)
        if self.source_after.search(searched, pos, end) is not None:
            return True
        return not searched.isascii() and \
            self.source_after_wide.search(searched, pos, end) is not None

    def _cue(self, tokens: _Tokens, i: int, k: int, speech_only: bool) -> str:
        """'' when tokens[i:i+k] is no reporting verb with a subject, else 'verb' or 'agent'."""
        lows = tokens.lows
        form = lows[i] if k == 1 else " ".join(lows[i:i + k])
        has_prev = i > 0
        plow = lows[i - 1] if has_prev else ""
        after = i + k
        nxt = lows[after] if after < len(lows) else ""
        ing = form.endswith("ing")
        if not has_prev and not ing:
            return ""  # "Estimates vary", "Reports say" (a source noun phrase may follow)
        if has_prev and tokens.texts[i][:1].isupper():
            return ""  # part of a name: "Just Add Monsters", "Tells Records"
        if nxt in _REFLEXIVES:
            return ""  # "firms could find themselves"
        if plow in self.determiners or plow in _NEGATORS:
            return ""  # an estimated $5m, declined to say
        if form in self.noun_like:
            noun = plow in self.noun_modifiers or plow[:1].isdigit() or plow[:1] in "£$€¥₹" \
                or plow.endswith(("'s", "’s", "s'", "s’")) or nxt in _NOUN_FOLLOWERS
            if not noun and nxt == "to" and not form.endswith(("s", "ed", "ing")):
                # "they claim to have", but "the biggest project to be halted"
                noun = not (plow in _PERSON_PRONOUNS or (plow.endswith("s") and plow.isalpha()))
            if not noun and (nxt in _END_PUNCT or nxt == ""):
                # "the accounts show." / "the survey shows." are verbs; "member states -",
                # "the Dam project," are nouns
                noun = plow not in self.source_heads if form.endswith("s") else \
                    not (plow in _PERSON_PRONOUNS or (plow.endswith("s") and plow.isalpha()))
            if noun and not (nxt == "that" and plow not in self.noun_modifiers) and \
                    not (ing and plow == ","):
                return ""  # newspaper reports, a £5m pledge, last year's list
        if ing and plow not in _BEFORE_PARTICIPLE:
            return ""  # a profit warning, its secondary listing
        # passive: "is estimated to", "was announced" name a source only with "by"
        j = i - 1
        while j >= 0 and lows[j] in self.adverbs:
            j -= 1
        aux = lows[j] if j >= 0 else ""
        agent = nxt == "by" or (nxt in self.adverbs and after + 1 < len(lows)
                                and lows[after + 1] == "by")
        if aux in self.passive and not ing:
            return "agent" if agent else ""
        if agent and form in self.transitive_only:
            return "agent"  # proposals announced by the minister
        if form in self.transitive_only and nxt in _PREPOSITIONS and aux not in _PERFECT:
            return ""  # a deal expected to close, accused of fraud, listed in London
        if speech_only and not (nxt in _SPEECH_FOLLOWERS or self._tail(tokens, after, True) or
                                _clause_follows(tokens, after) or
                                plow in _PERSON_PRONOUNS or
                                (has_prev and tokens.texts[i - 1][:1].isupper() and i > 1)):
            return ""  # "added 300 jobs" is no report
        return "verb"

    def _tail(self, tokens: _Tokens, after: int, to_end: bool = False) -> bool:
        """Do the tokens after a verb end the clause quickly (', the bank said on Monday.')?

        to_end: only the end of the sentence ends the tail, not a comma.
        """
        for words, low in enumerate(tokens.lows[after:], 1):
            if low in _ENDS or (low in _CLAUSE_PUNCT and not to_end):
                break
            if low in self.tail_blockers or low[:1].isdigit() or low[:1] in "£$€¥₹" or \
                    words > self.max_tail:
                return False
        return True

    def _introduces_quote(self, tokens, i, k, text, start, end, quotes) -> bool:
        """Does this cue only frame a direct quote (said: "...", "...," he said)?"""
        lows = tokens.lows
        pos = tokens.matches[i + k - 1].end()
        # (quotes are blanked in text: stop at the first quoted character)
        while pos < end and text[pos] in " \t,:;—–-" and not quotes.inside(pos, pos + 1):
            pos += 1
        if pos < end and quotes.inside(pos, pos + 1):
            return True
        # '"...," said Smith' / '"...," Smith said': a quote ends just before the source
        j = i - 1
        while j >= 0 and lows[j] not in _CLAUSE_PUNCT and i - j <= 5:
            j -= 1
        if j >= 0 and lows[j] != ",":
            return False
        pos = tokens.matches[max(j, 0)].start() - 1
        while pos >= start and text[pos] in " \t,:;—–-" and not quotes.inside(pos, pos + 1):
            pos -= 1
        return pos >= start and quotes.inside(pos, pos + 1)

    def _bare(self, figures: list, analysis: _Analysis) -> list:
        """The figures no source of the sentence covers."""
        if analysis.whole:
            return []
        if not analysis.cues:
            return figures
        return [f for f in figures if not self._covered(f, analysis)]

    def _covered(self, figure, analysis: _Analysis) -> bool:
        """Does a cue of the sentence (a reporting verb) cover this figure?"""
        tokens = analysis.tokens
        lows = tokens.lows
        fig = bisect.bisect_right(tokens.ends, figure.start)  # the first token ending after it
        for first, last in analysis.cues:
            if fig > last:
                return True  # the verb's content holds the figure
            between = lows[fig + 1:first]
            if self._tail(tokens, last + 1) and not _CLAUSE_PUNCT.isdisjoint(between):
                return True  # "..., the OECD said."  ", said a spokesman."
            if first - fig <= 8 and _CLAUSE_PUNCT.isdisjoint(between) and \
                    self.clause_breaks.isdisjoint(between):
                return True  # the figure is in the subject: "Another 7% said ..."
        return False


class _Analysis:
    __slots__ = ("tokens", "cues", "whole", "indirect", "mostly_quoted", "findings")

    def __init__(self, tokens: _Tokens | None) -> None:
        self.tokens = tokens  # None when there are no cues (nothing reads them then)
        self.cues: list[tuple[int, int]] = []
        self.whole = False  # a source for every figure of the sentence
        self.indirect = False  # a source that reports, not only frames a direct quote
        self.mostly_quoted = False  # set only when indirect (_carry reads it only then)
        self.findings = False  # a verb that sets up an account of findings ("shows", "found")


class _Unquoted:
    """The article with the direct quotes of every paragraph blanked, built once (on first
    need) instead of once per paragraph, which made long articles quadratic.

    Paragraphs are lines apart, and no quote spans the line break between them, so every
    paragraph reads the same characters here as in a copy with only its own quotes blanked.
    """

    def __init__(self, doc, fold: Callable[[str], str] | None) -> None:
        self.doc = doc
        self.fold = fold  # ascii_fold (memoised) when the patterns search folded text
        self._spans: dict[int, _QuoteSpans] = {}
        self._texts: tuple[str, str] | None = None
        self._all: tuple[list[tuple[int, int]], list[int]] | None = None

    def quotes(self, block) -> _QuoteSpans:
        spans = self._spans.get(block.start)
        if spans is None:
            every, starts = self._every()
            i, j = bisect.bisect_left(starts, block.start), bisect.bisect_left(starts, block.end)
            spans = self._spans[block.start] = _QuoteSpans(every[i:j], starts[i:j])
        return spans

    def _every(self) -> tuple[list[tuple[int, int]], list[int]]:
        """Every quote, by start (each block takes its own slice), and their starts."""
        if self._all is None:
            every = sorted(map(_SPAN, self.doc.quotes))
            self._all = (every, list(map(_FIRST, every)))
        return self._all

    def texts(self) -> tuple[str, str]:
        """The blanked text, and the same ASCII-folded when the patterns are matched folded
        (what _sources reads and searches)."""
        if self._texts is None:
            # the quotes that start in each paragraph, as quotes(block) takes them (without
            # making a _QuoteSpans for every paragraph)
            every, starts = self._every()
            spans = []
            if every:
                left = bisect.bisect_left
                for block in self.doc.paragraphs:
                    spans += every[left(starts, block.start):left(starts, block.end)]
            blanked = _blank(self.doc.mask, spans)
            # folding and blanking commute: blank the folded article instead of folding again
            self._texts = (blanked, _blank(self.fold(self.doc.mask), spans) if self.fold else blanked)
        return self._texts


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with these spans (sorted) blanked to spaces (same length); a span that
    starts inside the one before is skipped."""
    if not spans:
        return text
    out = []
    pos = 0
    for s, e in spans:
        if s < pos:
            continue
        out.append(text[pos:s])
        out.append(" " * (e - s))
        pos = e
    out.append(text[pos:])
    return "".join(out)


class _QuoteSpans:
    """The document model's direct quotes that start inside one block (by start), with
    look-ups by offset."""

    __slots__ = ("spans", "starts")

    def __init__(self, spans: list[tuple[int, int]], starts: list[int]) -> None:
        """starts: the spans' starts."""
        self.spans = spans
        self.starts = starts

    def inside(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start) - 1
        return i >= 0 and self.spans[i][1] >= end and self.spans[i][0] <= start

    def overlap(self, start: int, end: int) -> int:
        """How many characters of [start, end) are quoted."""
        total = 0
        i = max(0, bisect.bisect_right(self.starts, start) - 1)
        while i < len(self.spans) and self.spans[i][0] < end:
            s, e = self.spans[i]
            total += max(0, min(e, end) - max(s, start))
            i += 1
        return total



_PREPOSITIONS = frozenset(
    "at in on as for to under with from into over up of about against among between".split())
_PERFECT = frozenset(("has", "have", "had", "having", "'s", "’s"))
_PERSON_PRONOUNS = frozenset(("he", "she", "it", "they", "we", "i", "who", "you"))
_REFLEXIVES = frozenset(("themselves", "itself", "himself", "herself", "ourselves", "myself",
                         "yourself", "yourselves", "oneself"))
_SPEECH_FOLLOWERS = frozenset(("", ".", ",", ":", ";", "that", "-", "—", "–"))
_BEFORE_PARTICIPLE = frozenset((",", "while", "after", "before", "when", "and", "by", "also",
                                "is", "are", "was", "were", "been", "be", "—", "–", "-"))
_ENDS = frozenset((".", "!", "?"))
_END_PUNCT = frozenset((".", "!", "?", ",", ";", ":", ")", "-", "—", "–"))


_FIRST_PERSON = frozenset(("I", "I'm", "I’m", "I've", "I’ve", "I'd", "I’d", "I'll", "I’ll", "me",
                           "my", "we", "We", "we're", "We're", "we’re", "We’re", "we've", "We've",
                           "we’ve", "We’ve", "our", "Our", "us", "My"))
_FINITE = frozenset("should would could will can must may might shall was were is are had has "
                    "have".split())


def _clause_follows(tokens: _Tokens, after: int) -> bool:
    """Does a content clause follow the verb ('ruled the inventor should get ...')?"""
    for low in tokens.lows[after:after + 5]:
        if low in _FINITE:
            return True
        if low in _CLAUSE_PUNCT or low in _ENDS:
            return False
    return False


def _lower(words) -> frozenset[str]:
    return frozenset(str(w).lower() for w in words)
