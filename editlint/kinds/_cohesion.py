"""Lexical cohesion of an article: which runs of paragraphs do not belong to its story.

The stray kind (editlint/kinds/stray.py) is a thin wrapper around `find_stray_runs`.

Model, in one breath: every paragraph becomes a bag of stems, each weighted by how
informative the word is in general English (background frequencies shipped in
editlint/data/stray_idf.txt, built from wordfreq -- never from the articles we judge).
A candidate block of 1..max_run consecutive paragraphs is compared with the rest of the
article (the other paragraphs plus the title): the share of informative weight they have in
common, measured against the smaller of the two sides. A pasted paragraph from another story
shares only generic words with the rest; a background paragraph or a quote shares the
story's people, places and topic words. Blocks matter because stray text comes in runs
whose paragraphs share words with each other (so each one alone looks less foreign).

Everything is linear in the article: document frequencies are counted once, a block's
"rest" is the whole article minus the block, and blocks are at most max_run paragraphs long.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "stray_idf.txt"

# words: letters with inner apostrophes; hyphenated compounds count as their parts
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_QUOTE_MARKS = "\"“‘'«„"
_ANAPHORIC = re.compile(r"(?:He|She|They|It|His|Her|Their|Its|This|These|Those)\b")
_OPENING_THE = re.compile(r"The ((?:[a-z]+ ){1,3})")
_OPENING_NAME = re.compile(r"(The )?([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3})")
_POSSESSIVE = re.compile(r"['’]s?$")
_OPENERS = "\"“‘'([*_-–—"  # what may stand before a sentence's first word
# a paragraph "points to nothing" when it refers to a woman and nobody before it is one;
# the female side only, because English news defaults to "he" far more often (a male
# referent is almost always around) and a female pronoun with no referent is the tell-tale
# sign of a sentence lifted from a story about someone else
_FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
_FEMALE_MARKERS = frozenset("""
she her hers herself mrs ms miss lady dame madam madame queen princess duchess countess
baroness woman women girl girls mother mothers daughter daughters wife wives sister sisters
grandmother aunt niece widow bride girlfriend actress actresses chairwoman spokeswoman
businesswoman congresswoman policewoman sportswoman mum mom
""".split())


@dataclass(frozen=True)
class Params:
    """Thresholds and weights (the rule YAML's options; defaults chosen on cases-dev)."""

    # a block is stray when rest_weight*cos(rest) + lede_weight*cos(lede) + evidence_weight *
    # (surprising shared words per unit of weight) stays below threshold
    threshold: float = 0.095
    rest_weight: float = 1.0
    lede_weight: float = 0.5
    evidence_weight: float = 0.3
    max_run: int = 5  # longest block judged as one unit
    # articles of short paragraphs (as most newsrooms write: the median paragraph has at
    # most short_paragraph_sentences sentences) give each paragraph too few words to judge
    # alone (a one- or two-sentence paragraph that introduces a new person or a new point
    # shares little with the rest by chance): there, only runs of at least short_min_run
    # paragraphs below short_threshold count
    short_paragraph_sentences: int = 2
    short_min_paragraphs: int = 5  # ... in articles of at least this many paragraphs
    short_min_run: int = 2
    short_threshold: float = 0.065
    extend_threshold: float = 0.085  # a run takes in a neighbour while the whole stays below this
    weak_threshold: float = 0.2  # ... or a neighbour scoring below this with a dangling reference
    min_paragraphs: int = 3  # prose paragraphs an article needs before anything is judged
    min_words: int = 80  # words an article needs before anything is judged
    min_block_weight: float = 6.0  # a block with less informative weight is not judged alone
    min_rest_weight: float = 12.0  # ... nor a block whose rest of the article says this little
    max_block_share: float = 0.7  # a block holding more of the article's weight is the story
    weight_cap: float = 7.5  # weight of a word = weight_cap - its zipf frequency (>= 0)
    rare_zipf: float = 2.0  # zipf assumed for a word missing from the background table
    name_weight: float = 0.0  # least weight of a capitalised word inside a sentence
    title_weight: float = 2.0  # the title counts this many times in the article's vector
    stem_length: int = 6  # stems are cut to this many letters ("Ukrain-e/-ian")
    judge_lede: bool = False  # the first paragraph defines the story: never judged
    # in articles of one-sentence paragraphs, a run that opens with a quote is someone in
    # the story speaking, and one that opens with "He", "It" or "They" continues the story
    short_quotes_belong: bool = True
    dangling_female: bool = True  # extend a run over a paragraph whose "she/her" has no referent


@dataclass
class Profile:
    """One paragraph (or the title) as weighted bags of stems."""

    vector: dict[str, float] = field(default_factory=dict)  # stem -> sum of its weights
    weights: dict[str, float] = field(default_factory=dict)  # stem -> weight of one use
    zipf: dict[str, float] = field(default_factory=dict)  # stem -> background zipf
    surface: dict[str, str] = field(default_factory=dict)  # stem -> first spelling seen
    names: set[str] = field(default_factory=set)  # stems of capitalised in-sentence words
    words: int = 0
    lower_words: int = 0
    sentences: int = 1
    quoted: bool = False  # opens with a quotation mark: someone speaking
    anaphoric: bool = False  # opens with a pronoun that points back ("He said ...")
    female_pronoun: bool = False
    female_marker: bool = False
    # stems of the words after an opening "The" ("The partnership aims ..."): a definite
    # description that should point back to something the story already mentioned
    opening_definite: list[str] = field(default_factory=list)
    # stems of a name the paragraph opens with ("Dawn Sturgess, 44, died ...")
    opening_name: list[str] = field(default_factory=list)

    @property
    def mass(self) -> float:
        return sum(self.weights.values())

    @property
    def prose(self) -> bool:
        """Running text, not a line-up, fixture list, time or caption of names."""
        return self.lower_words >= 4 and self.lower_words >= 0.4 * self.words


@dataclass
class Run:
    """Consecutive paragraphs (indices into the paragraph list) judged stray."""

    first: int
    last: int
    score: float
    foreign: list[str] = field(default_factory=list)  # informative words found nowhere else
    shared: list[str] = field(default_factory=list)  # the few words it shares with the story
    dangling: bool = False  # extended over a "her" that refers to nobody in the story


class Background:
    """Zipf frequencies of general English words (opened once per process, read on demand).

    `zipf[word]` is the word's zipf frequency, or None when the table lacks it.
    """

    _cache: dict[Path, _Table] = {}

    def __init__(self, path: Path = DATA_FILE) -> None:
        table = self._cache.get(path)
        if table is None:
            table = self._cache[path] = _open_table(path)
        self.zipf = table


# a long run over many different articles stops remembering new words past this many
_MEMO_LIMIT = 200_000


class _Table(dict):
    """word -> zipf (None: not in the table), filled on demand.

    The shipped table is sorted and indexed (scripts/build_stray_data.py): a lookup bisects
    the index of every 128th word and searches one block of lines, so a run parses only the
    words its articles use instead of all 52,000 (most of the start-up cost otherwise).
    A table in the older bucketed form is loaded whole (complete=True).
    """

    def __init__(self, text: str = "", base: int = 0, index_words: list[str] | None = None,
                 offsets: list[int] | None = None, complete: bool = True) -> None:
        super().__init__()
        self.text, self.base = text, base
        self.index_words, self.offsets = index_words or [], offsets or []
        self.complete = complete

    def __missing__(self, word: str) -> float | None:
        if self.complete:
            return None
        value = self._find(word)
        if len(self) < _MEMO_LIMIT:
            self[word] = value
        return value

    def _find(self, word: str) -> float | None:
        block = bisect.bisect_right(self.index_words, word) - 1
        if block < 0 or "\n" in word or "\t" in word:
            return None
        text, base = self.text, self.base
        start = base + self.offsets[block]
        end = base + self.offsets[block + 1] if block + 1 < len(self.offsets) else len(text)
        at = text.find(f"\n{word}\t", start, end)
        if at < 0:
            return None
        value = at + len(word) + 2
        try:
            return int(text[value:text.find("\n", value)]) / 10
        except ValueError:
            return None

    def get(self, word: str, default=None):  # type: ignore[override]
        value = self[word]
        return default if value is None else value

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self[word] is not None


def _open_table(path: Path) -> _Table:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:  # a broken install degrades to "every word is rare", never a crash
        return _Table()
    marker = text.find("\n#body\n")
    if marker < 0:
        table = _Table()
        table.update(_load_table(text))
        return table
    header = dict(line[1:].split("\t", 1) for line in text[:marker].splitlines()
                  if line.startswith("#index-"))
    try:
        words = header["index-words"].split()
        offsets = [int(n) for n in header["index-offsets"].split()]
    except (KeyError, ValueError):
        return _Table()
    if len(words) != len(offsets) or words != sorted(words):
        return _Table()
    return _Table(text, marker + len("\n#body"), words, offsets, complete=False)


def _load_table(text: str) -> dict[str, float]:
    """A table in the bucketed form: `<zipf x 10><TAB><word> <word> ...` per line."""
    table: dict[str, float] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        bucket, _, words = line.partition("\t")
        try:
            zipf = int(bucket) / 10
        except ValueError:
            continue
        table.update(dict.fromkeys(words.split(), zipf))
    return table


def stem(word: str, length: int) -> str:
    """A crude, fast stemmer: plural and -ing/-ed endings off, then cut to `length` letters.

    Crude on purpose: conflating "negotiators" with "negotiations" helps cohesion, and a
    false conflation of two rare words in one article is rare.
    """
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]  # planned -> plan, blogging -> blog
            break
    return word[:length]


_WORD_MEMO_LIMIT = 100_000


class Profiler:
    """Turns text spans into Profiles with the background table and a stop-word list."""

    def __init__(self, params: Params, background: Background, stop_words: Iterable[str]) -> None:
        self.params = params
        self.zipf = background.zipf
        self.stop = frozenset(w.lower() for w in stop_words)
        # what profile() needs of a word that does not depend on where it stands
        self._memo: dict[str, tuple] = {}

    def _word_info(self, word: str) -> tuple:
        """(lower-case initial, 1 female marker / 2 female pronoun / 0, stem or None when
        the word does not count, zipf, weight, capital initial, word without possessive)."""
        p = self.params
        bare = _bare(word)
        lower = bare.lower()
        female = (2 if lower in _FEMALE_PRONOUNS else 1) if lower in _FEMALE_MARKERS else 0
        if lower in self.stop or len(lower) < 2 or (len(lower) < 3 and not word.isupper()):
            info: tuple = (word[0].islower(), female, None, 0.0, 0.0, False, bare)
        else:
            zipf = self.zipf[lower]
            if zipf is None:
                zipf = p.rare_zipf
            info = (word[0].islower(), female, stem(lower, p.stem_length), zipf,
                    max(0.0, p.weight_cap - zipf), word[0].isupper(), bare)
        if len(self._memo) >= _WORD_MEMO_LIMIT:
            self._memo.clear()  # a run over very many articles: start afresh
        self._memo[word] = info
        return info

    def profile(self, text: str, start: int, end: int, sentence_starts: Iterable[int] = ()) -> Profile:
        p = self.params
        prof = Profile()
        starts = set(sentence_starts)
        starts.add(start)
        prof.sentences = len(starts)
        vector, weights, zipfs, surface = prof.vector, prof.weights, prof.zipf, prof.surface
        memo = self._memo
        words = lower_words = 0
        for m in _WORD.finditer(text, start, end):
            word = m.group()
            info = memo.get(word)
            if info is None:
                info = self._word_info(word)
            words += 1
            lower_initial, female, key, zipf, weight, capital, bare = info
            if lower_initial:
                lower_words += 1
            if female:
                prof.female_marker = True
                if female == 2:
                    prof.female_pronoun = True
            if key is None:
                continue  # a function word, or too short
            if capital and not _sentence_initial(text, m.start(), starts):
                weight = max(weight, p.name_weight)
                is_name = True
            else:
                is_name = False
            if weight <= 0:
                continue
            vector[key] = vector.get(key, 0.0) + weight
            if weight > weights.get(key, 0.0):
                weights[key] = weight
                zipfs[key] = zipf
            surface.setdefault(key, bare)
            if is_name:
                prof.names.add(key)
        prof.words, prof.lower_words = words, lower_words
        head = text[start:start + 12]
        prof.quoted = head[:1] in _QUOTE_MARKS
        prof.anaphoric = _ANAPHORIC.match(head) is not None
        prof.opening_definite = self._opening_definite(text, start, end)
        prof.opening_name = self._opening_name(text, start, end)
        return prof

    def _opening_name(self, text: str, start: int, end: int) -> list[str]:
        m = _OPENING_NAME.match(text, start, min(end, start + 120))
        if m is None:
            return []
        words = [_bare(w).lower() for w in m.group(2).split()]
        words = [w for w in words if w not in self.stop]
        if not words:
            return []
        if not m.group(1) and len(words) == 1 and self.zipf.get(words[0], 0.0) >= 3.5:
            return []  # a common word that is capitalised only because it opens the sentence
        return [stem(w, self.params.stem_length) for w in words]

    def _opening_definite(self, text: str, start: int, end: int) -> list[str]:
        m = _OPENING_THE.match(text, start, min(end, start + 80))
        if m is None:
            return []
        head = []
        for word in m.group(1).split():
            lower = word.lower()
            if not word[0].islower() or lower in self.stop:
                break
            head.append(stem(lower, self.params.stem_length))
        return head


def _bare(word: str) -> str:
    """The word without a possessive ending, with a straight apostrophe."""
    if "’" in word:
        word = word.replace("’", "'")
    return _POSSESSIVE.sub("", word) if "'" in word else word


def _sentence_initial(text: str, pos: int, starts: set[int]) -> bool:
    i = pos
    while i > 0 and text[i - 1] in _OPENERS:
        i -= 1
    while i > 0 and text[i - 1].isspace():
        i -= 1
        if i in starts:
            return True
    return i in starts or pos in starts


# ---------------------------------------------------------------------------------------------
# judging blocks


@dataclass
class _Article:
    """What every block is compared with: sums over the whole article, computed once."""

    paragraphs: list[Profile]
    title: Profile
    total: dict[str, float]  # sum of paragraph vectors + title_weight x title vector
    total_norm2: float
    lede: dict[str, float]  # first paragraph + title
    lede_norm: float
    df: dict[str, int]  # paragraphs containing each stem
    weight_of: dict[str, float]  # each stem's weight anywhere in the article
    zipf_of: dict[str, float]  # ... and the background frequency of that spelling
    total_mass: float
    words: int
    prose: list[bool]
    name_df: dict[str, int]  # paragraphs using each stem as a name
    first_seen: dict[str, int]  # first paragraph using each stem
    # per stem, what judging a block reads of it, in one look-up: (weight_of, total, lede,
    # df, in the title, zipf_of)
    judged: dict[str, tuple[float, float, float, int, bool, float]] = field(default_factory=dict)
    prose_count: int = 0  # sum(prose), counted once (judging a block needs it every time)


def _article(paragraphs: list[Profile], title: Profile, p: Params) -> _Article:
    total: dict[str, float] = {}
    df: dict[str, int] = {}
    weight_of: dict[str, float] = {}
    zipf_of: dict[str, float] = {}
    for prof in paragraphs:
        for key, value in prof.vector.items():
            total[key] = total.get(key, 0.0) + value
            df[key] = df.get(key, 0) + 1
        for key, w in prof.weights.items():
            if w > weight_of.get(key, 0.0):
                weight_of[key] = w
                zipf_of[key] = prof.zipf[key]
    for key, value in title.vector.items():
        total[key] = total.get(key, 0.0) + p.title_weight * value
    for key, w in title.weights.items():
        if w > weight_of.get(key, 0.0):
            weight_of[key] = w
    name_df: dict[str, int] = {}
    first_seen: dict[str, int] = {}
    for k, prof in enumerate(paragraphs):
        for key in prof.names | set(prof.opening_name):
            name_df[key] = name_df.get(key, 0) + 1
        for key in prof.vector:
            first_seen.setdefault(key, k)
    lede = dict(paragraphs[0].vector) if paragraphs else {}
    for key, value in title.vector.items():
        lede[key] = lede.get(key, 0.0) + value
    art = _Article(paragraphs, title, total, sum(v * v for v in total.values()), lede,
                   sum(v * v for v in lede.values()) ** 0.5, df, weight_of, zipf_of,
                   sum(weight_of.values()), sum(prof.words for prof in paragraphs),
                   [prof.prose for prof in paragraphs], name_df, first_seen)
    in_title = title.weights
    art.judged = {key: (weight_of[key], total[key], lede.get(key, 0.0), n, key in in_title,
                        zipf_of[key]) for key, n in df.items()}
    art.prose_count = sum(art.prose)
    return art


def find_stray_runs(paragraphs: list[Profile], title: Profile | None, params: Params) -> list[Run]:
    """Runs of consecutive paragraphs that do not belong to the story, in document order."""
    p = params
    n = len(paragraphs)
    if n == 0:
        return []
    art = _article(paragraphs, title or Profile(), p)
    if art.prose_count < p.min_paragraphs or art.words < p.min_words:
        return []
    threshold, min_run, openers_belong = p.threshold, 1, False
    lengths = sorted(prof.sentences for k, prof in enumerate(paragraphs) if art.prose[k])
    if len(lengths) >= p.short_min_paragraphs and lengths[len(lengths) // 2] <= p.short_paragraph_sentences:
        threshold, min_run = min(threshold, p.short_threshold), max(1, p.short_min_run)
        openers_belong = p.short_quotes_belong
    candidates: list[tuple[float, int, int]] = []
    for i in range(0 if p.judge_lede else 1, n):
        block: dict[str, float] = {}
        in_block: dict[str, int] = {}
        for j in range(i, min(n, i + p.max_run)):
            if not art.prose[j]:
                break
            for key, value in paragraphs[j].vector.items():
                block[key] = block.get(key, 0.0) + value
                in_block[key] = in_block.get(key, 0) + 1
            if j - i + 1 < min_run or openers_belong and (paragraphs[i].quoted
                                                          or paragraphs[i].anaphoric):
                continue
            judged = _judge_block(art, block, in_block, i, j, p)
            if judged is not None:
                candidates.append((judged[0], i, j))

    # lowest score first; a block overlapping a better one is dropped
    taken = [False] * n
    chosen: list[Run] = []
    for score, i, j in sorted(candidates, key=lambda c: (c[0], c[1] - c[2])):
        if score >= threshold or any(taken[i:j + 1]):
            continue
        for k in range(i, j + 1):
            taken[k] = True
        judged = _judge_block(art, *_block(paragraphs, i, j), i, j, p, want_shared=True)
        chosen.append(Run(i, j, score, shared=judged[1] if judged else []))
    if not chosen:
        return []
    runs = [_extend(run, art, p, taken) for run in sorted(chosen, key=lambda r: r.first)]
    runs = _merge_runs(runs)
    if p.dangling_female:
        runs = _merge_runs([_extend_dangling(run, art) for run in runs])
    for run in runs:
        run.foreign = _foreign_words(run, art)
    return runs


def _block(paragraphs: list[Profile], i: int, j: int) -> tuple[dict[str, float], dict[str, int]]:
    block: dict[str, float] = {}
    in_block: dict[str, int] = {}
    for k in range(i, j + 1):
        for key, value in paragraphs[k].vector.items():
            block[key] = block.get(key, 0.0) + value
            in_block[key] = in_block.get(key, 0) + 1
    return block, in_block


def _extend(run: Run, art: _Article, p: Params, taken: list[bool]) -> Run:
    """Grow a run over neighbours that belong with it.

    A neighbour joins when the grown block still scores below extend_threshold, or when it is
    weakly tied to the story on its own (below weak_threshold) and points to nothing in the
    story: a definite description never introduced ("The partnership aims ..."), or names
    that no other paragraph uses ("The Irish Defence Forces says ...").
    """
    n = len(art.paragraphs)
    first_judged = 0 if p.judge_lede else 1
    while run.last - run.first + 1 < p.max_run:
        best = None
        for k, i, j in ((run.first - 1, run.first - 1, run.last), (run.last + 1, run.first, run.last + 1)):
            if k < first_judged or k >= n or not art.prose[k] or taken[k]:
                continue
            judged = _judge_block(art, *_block(art.paragraphs, i, j), i, j, p)
            if judged is not None and judged[0] < p.extend_threshold:
                score = judged[0]
            else:
                alone = _judge_block(art, *_block(art.paragraphs, k, k), k, k, p)
                if alone is None or alone[0] >= p.weak_threshold or not _dangles(art, k, run):
                    continue
                score = p.extend_threshold  # joins, but after any neighbour that fits better
            if best is None or score < best[0]:
                best = (score, i, j)
        if best is None:
            break
        _, run.first, run.last = best
        for k in range(run.first, run.last + 1):
            taken[k] = True
    return run


def _dangles(art: _Article, k: int, run: Run) -> bool:
    """Does paragraph k refer to things the story (outside the run) never introduced?"""
    prof = art.paragraphs[k]
    if prof.opening_definite and not any(
            art.first_seen.get(head, k) < k or head in art.title.vector
            for head in prof.opening_definite):
        return True
    if prof.opening_name:
        own = set(prof.opening_name) | prof.names
        for key in own:
            in_run = sum(1 for m in range(run.first, run.last + 1)
                         if key in art.paragraphs[m].names or key in art.paragraphs[m].opening_name)
            if key in art.title.vector or art.name_df.get(key, 0) - in_run - 1 > 0:
                return False
        return True
    return False


def _judge_block(art: _Article, block: dict[str, float], in_block: dict[str, int], i: int, j: int,
                 p: Params, want_shared: bool = False) -> tuple[float, list[str]] | None:
    """(score, shared stems) of paragraphs i..j against the rest of the article, or None if
    the block cannot be judged (too little weight on either side). The shared stems (for the
    message) only when wanted: most blocks are judged only to be dropped."""
    paragraphs = art.paragraphs
    if art.prose_count - sum(art.prose[i:j + 1]) < 2:
        return None
    block_mass = 0.0
    only_here = 0.0  # weight of stems found nowhere outside the block
    dot_total = 0.0  # block . total
    block_norm2 = 0.0
    lede_dot = 0.0
    evidence = 0.0
    shared: list[tuple[float, str]] = []
    rest_words = art.words - sum(paragraphs[k].words for k in range(i, j + 1))
    judged = art.judged
    surprise: dict[float, float] = {}  # per zipf value: the table has a few dozen
    for key, value in block.items():
        weight, total, lede, df, in_title, zipf = judged[key]
        block_mass += weight
        block_norm2 += value * value
        dot_total += value * total
        lede_dot += value * lede
        if df > in_block[key] or in_title:
            # how surprising is it that the rest uses this word too? A word of background
            # frequency f turns up by chance in N words with probability 1 - exp(-N f).
            term = surprise.get(zipf)
            if term is None:
                chance = -math.expm1(-rest_words * 10.0 ** (zipf - 9.0))
                term = surprise[zipf] = -math.log10(max(chance, 1e-9))
            evidence += term
            if want_shared:
                shared.append((weight, key))
        else:
            only_here += weight
    if block_mass < p.min_block_weight:
        return None
    rest_mass = art.total_mass - only_here
    if rest_mass < p.min_rest_weight or block_mass > p.max_block_share * (block_mass + rest_mass):
        return None
    rest_norm2 = art.total_norm2 - 2 * dot_total + block_norm2
    block_norm = math.sqrt(block_norm2)
    cos_rest = (dot_total - block_norm2) / (block_norm * math.sqrt(max(rest_norm2, 1e-12)))
    cos_lede = lede_dot / (block_norm * art.lede_norm) if i > 0 and art.lede_norm else 0.0
    score = (p.rest_weight * cos_rest + p.lede_weight * cos_lede
             + p.evidence_weight * evidence / (block_mass + 1.0))
    shared.sort(reverse=True)
    return score, [key for _, key in shared]


def _merge_runs(runs: list[Run]) -> list[Run]:
    out: list[Run] = []
    for run in runs:
        if out and out[-1].last + 1 >= run.first:
            prev = out[-1]
            prev.last = max(prev.last, run.last)
            prev.score = max(prev.score, run.score)
            prev.shared = prev.shared + [k for k in run.shared if k not in prev.shared]
            prev.dangling = prev.dangling or run.dangling
        else:
            out.append(run)
    return out


def _foreign_words(run: Run, art: _Article) -> list[str]:
    """The run's most informative words that appear nowhere else (for the message)."""
    inside: dict[str, tuple[float, str]] = {}
    count: dict[str, int] = {}
    for k in range(run.first, run.last + 1):
        prof = art.paragraphs[k]
        for key, w in prof.weights.items():
            count[key] = count.get(key, 0) + 1
            if key not in inside or w > inside[key][0]:
                inside[key] = (w, prof.surface[key])
    foreign = [(w, word) for key, (w, word) in inside.items()
               if art.df[key] == count[key] and key not in art.title.vector]
    foreign.sort(key=lambda t: (-t[0], t[1]))
    return [word for _, word in foreign[:3]]


def _extend_dangling(run: Run, art: _Article) -> Run:
    """Take in the paragraph after a run when its "her" refers to nobody in the story.

    The story before the run never mentions a woman and the paragraph names nobody new, so
    "her death" can only continue the pasted text.
    """
    paragraphs = art.paragraphs
    nxt = run.last + 1
    if nxt >= len(paragraphs) or not art.prose[nxt] or not paragraphs[nxt].female_pronoun:
        return run
    if any(paragraphs[k].female_marker for k in range(run.first)):
        return run
    # a person named here for the first time may be the woman the pronoun means
    if any(art.name_df.get(key, 0) <= 1 and key not in art.title.vector
           for key in paragraphs[nxt].names):
        return run
    run.last = nxt
    run.dangling = True
    return run
