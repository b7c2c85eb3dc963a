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

Speed (the answers are those of the plain definitions, which tests/test_stray.py checks):
an article's words are found in one pass over its text with bytes.translate and split, each
word is looked up once in a table of what it counts (learnt on first sight from what its
lower case counts; a run that meets many words reads what every background-table word
counts at once, from editlint's disk cache), a block's cosines are first bounded from
per-paragraph sums and only the blocks that may score below the threshold are judged
exactly, and what only those or a stray run need (each stem's weight, names, first
spellings) is worked out on first use.

The model lives in three modules: editlint/kinds/_wordforms.py (word patterns, the
background zipf table, stems, what each word counts, finding an article's words),
editlint/kinds/_profiles.py (Params, and paragraphs as weighted bags of stems: Profile,
Profiler) and this one (comparing blocks of paragraphs with the rest of the article, and
finding, extending and merging stray runs).
"""

from __future__ import annotations

import math
from collections import Counter
from functools import cached_property
from itertools import accumulate, chain
from operator import mul

from editlint.kinds._profiles import Params, Profile, _highest_weights


class Run:
    """Consecutive paragraphs (indices into the paragraph list) judged stray."""

    __slots__ = ("first", "last", "score", "foreign", "shared", "dangling")

    def __init__(self, first: int, last: int, score: float, foreign: list[str] | None = None,
                 shared: list[str] | None = None, dangling: bool = False) -> None:
        self.first = first
        self.last = last
        self.score = score
        self.foreign = [] if foreign is None else foreign  # informative words found nowhere else
        self.shared = [] if shared is None else shared  # the few words it shares with the story
        self.dangling = dangling  # extended over a "her" that refers to nobody in the story

    def __repr__(self) -> str:
        return (f"Run({self.first}, {self.last}, {self.score!r}, foreign={self.foreign!r}, "
                f"shared={self.shared!r}, dangling={self.dangling!r})")


# ---------------------------------------------------------------------------------------------
# judging blocks


class _Article:
    """What every block is compared with: sums over the whole article, computed once.

    The sums the cosines need are computed at once; what only an exactly judged block or a
    stray run needs, on first use (most articles have no block worth judging exactly).
    """

    def __init__(self, paragraphs: list[Profile], title: Profile, p: Params) -> None:
        self.paragraphs = paragraphs
        self.title = title
        self.p = p
        self.prose = [prof.prose for prof in paragraphs]
        self.prose_count = sum(self.prose)  # judging a block needs it every time
        self.words = sum(prof.words for prof in paragraphs)
        # filled by add_up()
        self.total: dict[str, float] = {}  # sum of paragraph vectors + title_weight x title
        self.total_norm2 = 0.0
        self.lede: dict[str, float] = {}  # first paragraph + title
        self.lede_norm = 0.0
        self.vectors: list[dict[str, float]] = []
        self.again: list[list[str]] = []  # per paragraph: its stems an earlier one has

    def add_up(self) -> None:
        # the sums as adding paragraph after paragraph makes them (same order of keys and
        # of additions): a stem's later uses are added to what the earlier ones made
        total: dict[str, float] = {}
        again = self.again
        vectors = self.vectors = [prof.vector for prof in self.paragraphs]
        for vector in vectors:
            shared = list(filter(total.__contains__, vector))
            again.append(shared)
            if shared:
                sums = {key: total[key] + vector[key] for key in shared}
                total.update(vector)
                total.update(sums)
            else:
                total.update(vector)
        title_weight = self.p.title_weight
        for key, value in self.title.vector.items():
            total[key] = total.get(key, 0.0) + title_weight * value
        self.total = total
        values = total.values()
        self.total_norm2 = sum(map(mul, values, values))
        lede = dict(vectors[0]) if vectors else {}
        for key, value in self.title.vector.items():
            lede[key] = lede.get(key, 0.0) + value
        self.lede = lede
        values = lede.values()
        self.lede_norm = sum(map(mul, values, values)) ** 0.5

    @cached_property
    def df(self) -> dict[str, int]:
        """paragraphs containing each stem"""
        return Counter(chain.from_iterable(prof.vector for prof in self.paragraphs))

    @cached_property
    def _weights(self) -> tuple[dict[str, float], dict[str, float]]:
        sources = [prof._source for prof in self.paragraphs]
        if sources and None not in sources and all(s[0] is sources[0][0] for s in sources):
            # the paragraphs' words in one list: the highest weight anywhere, and the zipf of
            # its first use, as taking the paragraphs' own weights in turn gives them
            shared, first, last = sources[0][0], sources[0][5], sources[-1][5]
            weight_of, zipf_of = _highest_weights(
                shared.counted, chain.from_iterable(shared.words[first:last + 1]))
        else:
            weight_of, zipf_of = {}, {}
            for prof in self.paragraphs:
                zipfs = prof.zipf
                for key, w in prof.weights.items():
                    if w > weight_of.get(key, 0.0):
                        weight_of[key] = w
                        zipf_of[key] = zipfs[key]
        for key, w in self.title.weights.items():
            if w > weight_of.get(key, 0.0):
                weight_of[key] = w
        return weight_of, zipf_of

    @property
    def weight_of(self) -> dict[str, float]:
        """each stem's weight anywhere in the article"""
        return self._weights[0]

    @property
    def zipf_of(self) -> dict[str, float]:
        """... and the background frequency of that spelling"""
        return self._weights[1]

    @cached_property
    def total_mass(self) -> float:
        return sum(self.weight_of.values())

    @cached_property
    def name_df(self) -> dict[str, int]:
        """paragraphs using each stem as a name"""
        name_df: dict[str, int] = {}
        for prof in self.paragraphs:
            for key in prof.names | set(prof.opening_name):
                name_df[key] = name_df.get(key, 0) + 1
        return name_df

    @cached_property
    def first_seen(self) -> dict[str, int]:
        """first paragraph using each stem"""
        first_seen: dict[str, int] = {}
        for k, prof in enumerate(self.paragraphs):
            for key in prof.vector:
                first_seen.setdefault(key, k)
        return first_seen

    @cached_property
    def judged(self) -> dict[str, tuple[float, float, float, int, bool, float]]:
        """per stem, what judging a block reads of it, in one look-up: (weight_of, total,
        lede, df, in the title, zipf_of)"""
        weight_of, zipf_of = self._weights
        total, lede, in_title = self.total, self.lede, self.title.vector
        return {key: (weight_of[key], total[key], lede.get(key, 0.0), n, key in in_title,
                      zipf_of[key]) for key, n in self.df.items()}


def find_stray_runs(paragraphs: list[Profile], title: Profile | None, params: Params) -> list[Run]:
    """Runs of consecutive paragraphs that do not belong to the story, in document order."""
    p = params
    n = len(paragraphs)
    if n == 0:
        return []
    art = _Article(paragraphs, title or Profile(), p)
    if art.prose_count < p.min_paragraphs or art.words < p.min_words:
        return []
    art.add_up()
    threshold, min_run, openers_belong = p.threshold, 1, False
    lengths = sorted(prof.sentences for k, prof in enumerate(paragraphs) if art.prose[k])
    if len(lengths) >= p.short_min_paragraphs and lengths[len(lengths) // 2] <= p.short_paragraph_sentences:
        threshold, min_run = min(threshold, p.short_threshold), max(1, p.short_min_run)
        openers_belong = p.short_quotes_belong
    candidates: list[tuple[float, int, int]] = []
    for i, j in _blocks_to_judge(art, p, threshold, min_run, openers_belong):
        judged = _judge_block(art, *_block(paragraphs, i, j), i, j, p)
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


# a block's cosines computed from per-paragraph sums differ from _judge_block's by rounding
# only (~1e-15 relative); a block is passed over when its floor clears the threshold by more
_FLOOR_MARGIN = 1e-9


def _blocks_to_judge(art: _Article, p: Params, threshold: float, min_run: int,
                     openers_belong: bool) -> list[tuple[int, int]]:
    """The blocks (first, last paragraph) judging every block would judge, in that order,
    less those that certainly score at or above the threshold.

    A block's score is rest_weight x cos(rest) + lede_weight x cos(lede) + a surprise term
    that is never negative, so the cosines are a floor under it, and both follow from
    per-paragraph dot products: block.total and block.lede are sums over the block's
    paragraphs, and |block|^2 is their squared norms plus twice their pairwise dot products
    (over the stems they share: few). Blocks left are judged by _judge_block, so the
    findings are those of judging every block. A block whose rest is nearly empty (the
    cosine is then ill-conditioned) is always judged, and every block when the surprise
    term has a negative weight. The lede term is never negative either (with a weight
    that is not): it is worked out only for a block whose rest term alone stays below the
    threshold (few do).
    """
    paragraphs, prose = art.paragraphs, art.prose
    n = len(paragraphs)
    first_judged = 0 if p.judge_lede else 1
    max_run = p.max_run
    screen = p.evidence_weight >= 0
    if screen:
        norm2, dots, cross = _paragraph_sums(art, first_judged, max_run)
        lede_dot = _LedeDots(art)
    rest_weight, lede_weight = p.rest_weight, p.lede_weight
    limit = threshold + _FLOOR_MARGIN * (1.0 + abs(rest_weight) + abs(lede_weight))
    total_norm2, lede_norm = art.total_norm2, art.lede_norm
    least_rest2 = 1e-6 * total_norm2
    sqrt = math.sqrt
    blocks = []
    for i in range(first_judged, n):
        if openers_belong and (paragraphs[i].quoted or paragraphs[i].anaphoric):
            continue
        block2 = block_total = 0.0
        with_lede = i > 0 and lede_norm > 0.0
        for j in range(i, min(n, i + max_run)):
            if not prose[j]:
                break
            if screen:
                # paragraph j adds |v_j|^2 and twice its dot products with the block's others
                block2 += norm2[j] + 2.0 * cross[j][j - i]
                block_total += dots[j]
            if j - i + 1 < min_run:
                continue
            if screen:
                rest2 = total_norm2 - 2.0 * block_total + block2
                if block2 > 0.0 and rest2 >= least_rest2:
                    norm = sqrt(block2)
                    floor = rest_weight * (block_total - block2) / (norm * sqrt(rest2))
                    if with_lede and (floor < limit or lede_weight < 0.0):
                        block_lede = sum(map(lede_dot, range(i, j + 1)))
                        floor += lede_weight * block_lede / (norm * lede_norm)
                    if floor >= limit:
                        continue
            blocks.append((i, j))
    return blocks


def _paragraph_sums(art: _Article, first: int, max_run: int
                    ) -> tuple[list[float], list[float], list[list[float]]]:
    """Per prose paragraph v from the first judged on: |v|^2, v.total, and its dot products
    with the paragraphs before it added up: [0, v.v(-1), v.v(-1) + v.v(-2), ...] (max_run - 1
    of them)."""
    vectors, prose, total, again = art.vectors, art.prose, art.total, art.again
    n = len(vectors)
    norm2 = [0.0] * n
    dots = [0.0] * n
    zeros = [0.0] * max(1, max_run)
    cross = [zeros] * n
    for j in range(first, n):
        if not prose[j]:
            continue
        vector = vectors[j]
        values = vector.values()
        norm2[j] = sum(map(mul, values, values))
        dots[j] = sum(map(mul, values, map(total.__getitem__, vector)))
        shared_keys = again[j]  # its stems an earlier paragraph has
        if shared_keys:
            shared = list(zeros)
            for d in range(1, min(max_run, j - first + 1)):
                other = vectors[j - d]
                for key in filter(other.__contains__, shared_keys):
                    shared[d] += vector[key] * other[key]
            cross[j] = list(accumulate(shared))
    return norm2, dots, cross


class _LedeDots:
    """Paragraph k's dot product with the lede (first paragraph + title), worked out on first
    use (the screen needs it for few blocks)."""

    def __init__(self, art: _Article) -> None:
        self.art = art
        self.dots: dict[int, float] = {}
        # the lede's stems a later paragraph has: the first paragraph's are among those it
        # shares with earlier paragraphs (again), the title's others are few
        vectors = art.vectors
        self.title_only = [key for key in art.title.vector if not vectors or key not in vectors[0]]

    def __call__(self, k: int) -> float:
        dot = self.dots.get(k)
        if dot is None:
            dot = self.dots[k] = self._dot(k)
        return dot

    def _dot(self, k: int) -> float:
        art = self.art
        vector, lede = art.vectors[k], art.lede
        if k:
            in_lede = set(filter(lede.__contains__, art.again[k]))
            in_lede.update(filter(vector.__contains__, self.title_only))
        else:
            in_lede = set(vector) & lede.keys()
        return sum(map(mul, map(vector.__getitem__, in_lede), map(lede.__getitem__, in_lede)))


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
