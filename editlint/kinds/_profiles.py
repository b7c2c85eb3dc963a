"""Paragraph profiles of the stray kind's model (editlint/kinds/_cohesion.py judges them).

The model's parameters (`Params`), and how a paragraph or a title becomes a `Profile`: a
bag of stems weighted by how informative each word is, with its counts and how it opens
(`Profiler.profiles` does a whole article at once), plus what only a judged block or a stray
run reads (each stem's weight and zipf, first spellings, names, female references, opening
descriptions and names), worked out on first use from what the profiler kept. Words and
the background table come from editlint/kinds/_wordforms.py.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from operator import attrgetter

from editlint.kinds._wordforms import (
    _ANAPHORIC,
    _OPENING_NAME,
    _OPENING_THE,
    _QUOTE_MARKS,
    _WORD,
    Background,
    _article_words,
    _bare,
    _Counted,
    _female,
    _sentence_initial,
    _sentence_openers,
    stem,
)


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


def _detail(name: str, doc: str) -> property:
    """A Profile property read from its _Details (worked out on first use)."""
    get = attrgetter(name)
    return property(lambda prof: get(prof.details()), doc=doc)


class Profile:
    """One paragraph (or the title) as weighted bags of stems.

    The vector, the counts and how the paragraph opens are computed at once; what only a
    judged block (each stem's weight and zipf) or a stray run (first spellings, names, female
    references, an opening description or name) reads, on first use, from what
    Profiler.profiles kept: most articles need neither.
    """

    __slots__ = ("vector", "words", "lower_words", "sentences", "_opening", "_source",
                 "_weights", "_details")

    def __init__(self, vector: dict[str, float] | None = None, words: int = 0,
                 lower_words: int = 0, sentences: int = 1, quoted: bool = False,
                 anaphoric: bool = False) -> None:
        self.vector = {} if vector is None else vector  # stem -> sum of its weights
        self.words = words
        self.lower_words = lower_words
        self.sentences = sentences
        # (quoted, anaphoric), or None: work it out from _source (only articles of short
        # paragraphs read it)
        self._opening: tuple[bool, bool] | None = (quoted, anaphoric)
        self._source: _Source | None = None  # what the rest is worked out from
        self._weights: tuple[dict[str, float], dict[str, float]] | None = None
        self._details: _Details | None = None

    @property
    def quoted(self) -> bool:
        """opens with a quotation mark: someone speaking"""
        return self._opens()[0]

    @property
    def anaphoric(self) -> bool:
        """opens with a pronoun that points back ("He said ...")"""
        return self._opens()[1]

    def _opens(self) -> tuple[bool, bool]:
        if self._opening is None:
            _, text, start, _, _, _ = self._source  # type: ignore[misc]
            # (the match stops where text[start:start + 12] would end: the same answer, no slice)
            self._opening = (text[start:start + 1] in _QUOTE_MARKS,
                             _ANAPHORIC.match(text, start, start + 12) is not None)
        return self._opening

    @property
    def weights(self) -> dict[str, float]:
        """stem -> weight of one use"""
        return self._weighed()[0]

    @property
    def zipf(self) -> dict[str, float]:
        """stem -> background zipf (of the spelling with that weight)"""
        return self._weighed()[1]

    def _weighed(self) -> tuple[dict[str, float], dict[str, float]]:
        if self._weights is None:
            self._weights = ({}, {}) if self._source is None else _source_weights(self._source)
        return self._weights

    def details(self) -> _Details:
        if self._details is None:
            self._details = _Details() if self._source is None else _source_details(self._source)
        return self._details

    surface = _detail("surface", "stem -> first spelling seen")
    names = _detail("names", "stems of capitalised in-sentence words")
    female_pronoun = _detail("female_pronoun", "a female pronoun (she, her, hers, herself)")
    female_marker = _detail("female_marker", "a word that marks a woman (her, Mrs, mother ...)")
    opening_definite = _detail(
        "opening_definite", 'stems of the words after an opening "The" ("The partnership aims '
        '..."): a definite description that should point back to something the story '
        "already mentioned")
    opening_name = _detail("opening_name", 'stems of a name the paragraph opens with ("Dawn '
                           'Sturgess, 44, died ...")')

    @property
    def mass(self) -> float:
        return sum(self.weights.values())

    @property
    def prose(self) -> bool:
        """Running text, not a line-up, fixture list, time or caption of names."""
        return self.lower_words >= 4 and self.lower_words >= 0.4 * self.words


class _Details:
    """The parts of a Profile that only stray runs read."""

    __slots__ = ("surface", "names", "female_pronoun", "female_marker", "opening_definite",
                 "opening_name")

    def __init__(self) -> None:
        self.surface: dict[str, str] = {}
        self.names: set[str] = set()
        self.female_pronoun = False
        self.female_marker = False
        self.opening_definite: list[str] = []
        self.opening_name: list[str] = []


# (the table itself loads every word after _wordforms._LOAD_ALL_AFTER look-ups)
# ... and a Profiler loads what every table word counts after learning this many words:
# before the table would load its words (a run then needs only the counts)
_LOAD_COUNTS_AFTER = 1_000

_WORD_MEMO_LIMIT = 100_000


class _Words:
    """An article's words, as Profiler.profiles found them (shared by its profiles)."""

    __slots__ = ("profiler", "words", "counted")

    def __init__(self, profiler: Profiler, words: list[bytes], counted: _Counted) -> None:
        self.profiler = profiler
        self.words = words
        self.counted = counted  # what a word counts


class Profiler:
    """Turns text spans into Profiles with the background table and a stop-word list."""

    def __init__(self, params: Params, background: Background, stop_words: Iterable[str]) -> None:
        self.params = params
        self.zipf = background.zipf
        self.stop = frozenset(w.lower() for w in stop_words)
        # what a word says that does not depend on where it stands (_word_info)
        self._memo: dict[str, tuple] = {}
        self._same: dict = {}  # what _lower_counted gives: each value once
        self._counted = _Counted(self._lower_counted)
        # lower-case words learnt one by one, and whether the whole table's are loaded
        self._learnt = 0
        self._whole: bool | None = None

    def _word_info(self, word: str) -> tuple:
        """(lower-case initial, 1 female marker / 2 female pronoun / 0, stem or None when
        the word does not count, zipf, weight, capital initial, word without possessive)."""
        info = self._memo.get(word)
        if info is None:
            bare = _bare(word)
            lower = bare.lower()
            female, key, zipf, weight = self._lower_info(lower)
            if key is None or (len(lower) < 3 and not word.isupper()):
                info = (word[0].islower(), female, None, 0.0, 0.0, False, bare)
            else:
                info = (word[0].islower(), female, key, zipf, weight, word[0].isupper(), bare)
            self._memo[word] = info
        return info

    def _lower_info(self, lower: str) -> tuple[int, str | None, float, float]:
        """What _word_info reads of the lower-case word: (female, stem or None for a
        function word, zipf, weight)."""
        female = _female(lower)
        if lower in self.stop or len(lower) < 2:
            return female, None, 0.0, 0.0
        # a word that counts was counted first (profiles): its stem, weight and zipf are
        # known without looking the word up in the frequency table again
        counted = self._counted.lowers.get(lower)
        if counted:
            key, weight, zipf = counted
            return female, key, zipf, weight
        p = self.params
        zipf = self.zipf[lower]
        if zipf is None:
            zipf = p.rare_zipf
        return female, stem(lower, p.stem_length), zipf, max(0.0, p.weight_cap - zipf)

    def preload(self) -> None:
        """Load what every background-table word counts now (see Stray.preload), as a run
        that learns many words does anyway (_lower_counted)."""
        if self._whole is None:
            self._whole = self._load_counted()

    def _lower_counted(self, lower: str) -> tuple:
        """What a profile counts of a lower-case word (_Counted): (stem, weight, zipf) as
        _lower_info has them, or () when it does not count.

        A run that learns many words reads what every word of the background table counts
        at once (_load_counted); from then on only words missing from the table come here,
        and they are rare by definition."""
        if self._whole is None:
            self._learnt += 1
            if self._learnt >= _LOAD_COUNTS_AFTER:
                self._whole = self._load_counted()
                if self._whole:
                    found = self._counted.lowers.get(lower)
                    if found is not None:
                        return found
        # a word the loaded table lacks is not in the background table at all
        return self._counts(lower, None if self._whole else self.zipf[lower])

    def _counts(self, lower: str, zipf: float | None) -> tuple:
        """_lower_counted for a word of this background zipf (None: not in the table)."""
        if lower in self.stop or len(lower) < 2:
            return ()
        p = self.params
        if zipf is None:
            zipf = p.rare_zipf
        weight = max(0.0, p.weight_cap - zipf)
        if weight <= 0:
            return ()
        # each stem, weight and zipf one shared object (fewer cold memory reads when the memo
        # is read word by word, and stems compare by identity); the tuples shared by the
        # words making them
        same = self._same
        key = stem(lower, p.stem_length)
        counted = (same.setdefault(key, key), same.setdefault(weight, weight),
                   same.setdefault(zipf, zipf))
        return same.setdefault(counted, counted)

    def _load_counted(self) -> bool:
        """Make what every word of the background table counts the lower-case memo of
        _Counted (kept with the words it learnt already), from editlint's disk cache: ~10 ms,
        where learning the ~18,000 table words a big run meets one by one costs ~50 ms.
        Computed (~50 ms) only when the cache lacks it for this table, stop-word list and
        these parameters; without a disk cache, words are learnt one by one."""
        from editlint.cache import cache_dir, cached

        path = getattr(self.zipf, "path", None)
        if path is None or cache_dir() is None:
            return False
        p = self.params
        what = repr((p.stem_length, p.weight_cap, sorted(self.stop)))
        kind = f"stray-counted-{zlib.crc32(what.encode()):08x}-{len(what)}"
        whole = cached(path, kind, self._count_table)
        if not isinstance(whole, dict):
            return False
        whole.update(self._counted.lowers)
        self._counted.lowers = whole
        return True

    def _count_table(self) -> dict[str, tuple] | None:
        """What each word of the background table counts (for _load_counted)."""
        table = self.zipf
        if not table.complete and not table._load_all():
            return None
        counts = self._counts
        return {word: counts(word, zipf) for word, zipf in table.items() if zipf is not None}

    def profile(self, text: str, start: int, end: int, sentence_starts: Iterable[int] = ()) -> Profile:
        """The profile of text[start:end]."""
        return self.profiles(text, [(start, end, sentence_starts)])[0][0]

    def profiles(self, text: str, spans: list[tuple[int, int, Iterable[int]]],
                 title: str | None = None) -> tuple[list[Profile], Profile | None]:
        """The profiles of an article's paragraphs, spans of text given as (start, end,
        sentence starts), and of its title (a text of its own, one sentence)."""
        # a run over very many articles starts afresh
        if max(len(self._counted), len(self._memo)) >= _WORD_MEMO_LIMIT:
            self._memo = {}
            self._same = {}
            self._counted = _Counted(self._lower_counted)
            self._learnt, self._whole = 0, None
        if self.params.name_weight > 0:
            # a name weighs more than the same word opening a sentence: word by word
            return ([self._profile_by_position(text, start, end, {start, *starts})
                     for start, end, starts in spans],
                    None if title is None else self._profile_by_position(title, 0, len(title), {0}))
        # All at once: the words are found in one go, each looked up once (see _Counted)
        # and added up word by word.
        pieces = [text[start:end] for start, end, _ in spans]
        if title is not None:
            pieces.append(title)
        words, lower_words = _article_words(pieces)
        shared = _Words(self, words, self._counted)
        vectors = _sum_weights(words, self._counted)
        out = [_new_profile(shared, text, start, end, sentence_starts, k, lower, vector)
               for k, ((start, end, sentence_starts), lower, vector)
               in enumerate(zip(spans, lower_words, vectors, strict=False))]
        if title is None:
            return out, None
        return out, _new_profile(shared, title, 0, len(title), (0,), len(pieces) - 1,
                                 lower_words[-1], vectors[-1])

    def _profile_by_position(self, text: str, start: int, end: int, starts: set[int]) -> Profile:
        """The model's definition, word by word (only needed when name_weight > 0)."""
        p = self.params
        details = _Details()
        vector: dict[str, float] = {}
        weights: dict[str, float] = {}
        zipfs: dict[str, float] = {}
        surface = details.surface
        words = lower_words = 0
        for m in re.compile(_WORD).finditer(text, start, end):
            word = m.group()
            lower_initial, female, key, zipf, weight, capital, bare = self._word_info(word)
            words += 1
            if lower_initial:
                lower_words += 1
            if female:
                details.female_marker = True
                if female == 2:
                    details.female_pronoun = True
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
                details.names.add(key)
        head = text[start:start + 12]
        prof = Profile(vector, words, lower_words, len(starts), head[:1] in _QUOTE_MARKS,
                       _ANAPHORIC.match(head) is not None)
        details.opening_definite = self._opening_definite(text, start, end)
        details.opening_name = self._opening_name(text, start, end)
        prof._weights = (weights, zipfs)
        prof._details = details
        return prof

    def _details(self, text: str, start: int, end: int, starts: set[int],
                 words: list[str]) -> _Details:
        """The rest of a profile, as the word-by-word definition has it. A capitalised
        word is a name where it does not open a sentence: where it is used more often
        than it opens one."""
        details = _Details()
        counts = Counter(words)  # first use order
        infos = list(map(self._word_info, counts))
        surface = details.surface
        initial: dict[str, int] | None = None
        for word, (_, female, key, _, weight, capital, bare) in zip(counts, infos, strict=True):
            if female:
                details.female_marker = True
                if female == 2:
                    details.female_pronoun = True
            if key is None or weight <= 0:
                continue
            surface.setdefault(key, bare)
            if capital:
                if initial is None:
                    initial = _sentence_openers(text, start, end, starts)
                if counts[word] > initial.get(word, 0):
                    details.names.add(key)
        details.opening_definite = self._opening_definite(text, start, end)
        details.opening_name = self._opening_name(text, start, end)
        return details

    def _opening_name(self, text: str, start: int, end: int) -> list[str]:
        m = re.compile(_OPENING_NAME).match(text, start, min(end, start + 120))
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
        m = re.compile(_OPENING_THE).match(text, start, min(end, start + 80))
        if m is None:
            return []
        head = []
        for word in m.group(1).split():
            lower = word.lower()
            if not word[0].islower() or lower in self.stop:
                break
            head.append(stem(lower, self.params.stem_length))
        return head


# Profile._source: (_Words, text, start, end, sentence starts, which piece of the article's
# words are its words)
_Source = tuple[_Words, str, int, int, set[int], int]


def _new_profile(shared: _Words, text: str, start: int, end: int, sentence_starts: Iterable[int],
                 piece: int, lower_words: int, vector: dict[str, float]) -> Profile:
    starts = set(sentence_starts)
    starts.add(start)
    prof = Profile(vector, len(shared.words[piece]), lower_words, len(starts))
    prof._opening = None  # read from the source on first use
    prof._source = (shared, text, start, end, starts, piece)
    return prof


def _sum_weights(pieces: list[list[bytes]], counted: _Counted) -> list[dict[str, float]]:
    """Per piece of an article (its words): stem -> sum of the weights of its words, added
    up word by word in text order, as the model defines it."""
    vectors = []
    get = counted.__getitem__
    for words in pieces:
        vector: dict[str, float] = {}
        for key, weight, _ in filter(None, map(get, words)):
            if key in vector:
                vector[key] += weight
            else:
                vector[key] = weight  # == 0.0 + weight
        vectors.append(vector)
    return vectors


def _source_weights(source: _Source) -> tuple[dict[str, float], dict[str, float]]:
    shared, _, _, _, _, piece = source
    return _highest_weights(shared.counted, shared.words[piece])


def _highest_weights(counted: _Counted, words: Iterable[bytes]
                     ) -> tuple[dict[str, float], dict[str, float]]:
    """(stem -> weight of one use, stem -> its zipf) of these words, as adding word by word
    makes them: the first spelling with the highest weight."""
    weights: dict[str, float] = {}
    zipfs: dict[str, float] = {}
    # each spelling once (bytes keep their hash; tuples would be hashed anew): a later
    # spelling counting what an earlier one counts changes nothing (not a higher weight)
    for key, weight, zipf in filter(None, map(counted.__getitem__, dict.fromkeys(words))):
        if weight > weights.get(key, 0.0):
            weights[key] = weight
            zipfs[key] = zipf
    return weights, zipfs


def _source_details(source: _Source) -> _Details:
    shared, text, start, end, starts, piece = source
    words = [word.decode() for word in shared.words[piece]]
    return shared.profiler._details(text, start, end, starts, words)
