"""Word tokens of an article, shared by the spelling and names kinds (computed once per
document and cached on it).

A token is a run of letters with inner apostrophes, read from `doc.mask` (code, URLs and
markup are already blanked). A possessive ('s, ’s) is cut off so "Rusia’s" is checked as
"Rusia"; hyphenated words are checked part by part. Tokens glued to digits, @, / or a dot
followed by a letter (file names, handles, domains) are skipped: they are not prose words.

`tokens()` reads every word in Python: it is the plain statement of what a token is, and the
reference the tests hold the faster readings to. The kinds use those: `capitals()` and
friends find the capitalised words with one regex split per block; the other words are
reached as the distinct words of the text between those (`other_words`), and only the few
rare ones are located again (`tokens_of`). A 1,000-word article has ~70 capitalised words
and a handful of rare ones, so little is done per word in Python.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from functools import partial
from itertools import repeat
from operator import itemgetter

TYPE_CHECKING = False  # not `from typing import ...`: typing costs ~2 ms of start-up
if TYPE_CHECKING:
    from collections.abc import Callable

    from editlint.document import Document

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_GLUE = set("0123456789_@/\\#&=+<>|~^")
_OPENERS = set("“‘\"'([«‹—–")
# the characters next to a word that may make tokens() skip it (see _keep)
_SUSPECT = frozenset(_GLUE | {"."})
_CLAIMED = "_editlint_spelling_claimed"
_TOKENS = "_editlint_spelling_tokens"


class Token:
    """A word of the article: start, text (the bare word, curly apostrophes made straight),
    shape (lower | cap | upper | mixed), initial (first word of a sentence, of a quote, or
    in a heading) and lower (the bare word in lower case).

    `initial` may be given as a function that works it out: it takes a search through the
    sentence, and most tokens a kind makes are never asked it."""

    __slots__ = ("start", "text", "shape", "_initial", "lower")

    def __init__(self, start: int, text: str, shape: str,
                 initial: bool | Callable[[], bool], lower: str) -> None:
        self.start = start
        self.text = text
        self.shape = shape
        self._initial = initial
        self.lower = lower

    @property
    def initial(self) -> bool:
        found = self._initial
        if found is not True and found is not False:
            found = self._initial = bool(found())
        return found

    @property
    def end(self) -> int:
        """The end of the bare word (possessive excluded): computed, not stored, as a
        100,000-paragraph article has millions of tokens."""
        return self.start + len(self.text)

    def _key(self) -> tuple:
        return self.start, self.text, self.shape, self.initial, self.lower

    def __eq__(self, other: object) -> bool:
        return self._key() == other._key() if isinstance(other, Token) else NotImplemented

    __hash__ = None  # mutable, as the dataclass it replaces

    def __repr__(self) -> str:
        return "Token(start={!r}, text={!r}, shape={!r}, initial={!r}, lower={!r})".format(
            *self._key())


def _shape(word: str) -> str:
    if word.islower():
        return "lower"
    if word.isupper():
        return "upper"
    if word[0].isupper() and sum(map(str.isupper, word)) <= 2 and not word[-1].isupper():
        return "cap"  # Russia, McDonald; not DeCSS
    return "mixed"


# raw word -> (bare word, shape, lower case): words repeat within
# and across articles, so each spelling is normalised once per process (bounded)
_FORMS: dict[str, tuple[str, str, str]] = {}
_FORMS_LIMIT = 50_000  # ~12 MB at most


def form(raw: str) -> tuple[str, str, str]:
    """(bare word, shape, lower case) of a word as written (see tokens); memoised."""
    return _FORMS.get(raw) or _form(raw)


def _form(raw: str) -> tuple[str, str, str]:
    if raw.isascii() and "'" not in raw:
        # most words (Smith, council): no apostrophe to straighten or possessive to cut,
        # and a shape that str methods tell at once (what _shape would answer)
        if raw.islower():
            return _remember(raw, (raw, "lower", raw))
        if raw[:1].isupper() and raw[1:].islower():
            return _remember(raw, (raw, "cap", raw.lower()))
    word = raw.replace("’", "'")
    if word.endswith("'s") or word.endswith("'S"):
        word = word[:-2]
    shape = _shape(word) if word else ""
    return _remember(raw, (word, shape, word if shape == "lower" else word.lower()))


def _remember(raw: str, form: tuple[str, str, str]) -> tuple[str, str, str]:
    """Memoise a word's form (the lower case is the word itself when equal: one string)."""
    if len(_FORMS) >= _FORMS_LIMIT:
        _FORMS.clear()
    _FORMS[raw] = form
    return form


def tokens(doc: Document) -> list[Token]:
    """Every prose word of the article (cached on the document): the reference reading
    (see the module's docstring)."""
    cached = doc.__dict__.get(_TOKENS)
    if cached is not None:
        return cached
    out: list[Token] = []
    append = out.append
    forms = _FORMS
    glue, openers = _GLUE, _OPENERS
    # two spaces after the text: the character after the last word, and (index -1, -2)
    # the characters "before" the first one, read as spaces without bounds checks
    mask = doc.mask + "  "
    for block in doc.blocks:
        starts = [sp.start for sp in block.sentences] or [block.start]
        heading = block.kind == "heading"
        # the sentence a word is in: the number of sentence starts at or before it, less
        # one; words come in order, so the count only grows (no search per word)
        passed, next_start, last_sentence = 0, starts[0], -2
        for m in _WORD.finditer(mask, block.start, block.end):
            s, e = m.span()
            if s >= next_start:
                passed += 1
                while passed < len(starts) and starts[passed] <= s:
                    passed += 1
                next_start = starts[passed] if passed < len(starts) else e + len(mask)
            first = passed != last_sentence
            last_sentence = passed
            before = mask[s - 1]
            after = mask[e]
            if before == " ":  # most words: the tests below that concern `before` all fail
                if after in glue or after == "." and mask[e + 1].isalpha():
                    continue
                raw = m[0]
                form = forms.get(raw) or _form(raw)
                if form[0]:
                    append(Token(s, form[0], form[1],
                                 heading or first or mask[s - 2] in "“\":", form[2]))
                continue
            if before in glue or after in glue:
                continue
            if after == "." and mask[e + 1].isalpha():
                continue  # a domain, file name or initialism such as e.g.
            if before == "." and mask[s - 2].isalpha():
                continue
            raw = m[0]
            form = forms.get(raw) or _form(raw)
            if not form[0]:
                continue
            append(Token(s, form[0], form[1], heading or first or before in openers, form[2]))
    doc.__dict__[_TOKENS] = out
    return out


_CAPS = "_editlint_spelling_capitals"
_LETTERS = r"[^\W\d_]"
_COMPILED: dict[str, re.Pattern[str]] = {}


def _pattern(name: str) -> re.Pattern[str]:
    """The scanning patterns, compiled on first use (compiling costs start-up time)."""
    found = _COMPILED.get(name)
    if found is None:
        L = _LETTERS  # noqa: N806 - reads like the regex class it is
        source = {
            # a word of _WORD that begins with a letter other than a-z (a capital, mostly;
            # the class lists a-z and white space first: most characters are those),
            # split out of a block's text: the capture group keeps the words and the text
            # between them, whose lengths give each word's offset. The lookbehinds (read after
            # the first letter) make it begin only where _WORD's scan begins a word: not after
            # a letter, nor after a letter and an apostrophe (O'Neill is one word)
            "caps": rf"([^a-z\s\W\d_](?<!{L}.)(?<!{L}['’].){L}*(?:['’]{L}+)*)",
            # the same over ASCII text, where the letters are A-Z and a-z: classes of
            # ranges, which sre tests faster than the categories of _LETTERS (most blocks)
            "caps_ascii": r"([A-Z](?<![A-Za-z].)(?<![A-Za-z]['’].)[A-Za-z]*(?:['’][A-Za-z]+)*)",
            "letter": L,
        }[name]
        found = _COMPILED[name] = re.compile(source)
    return found


def _is_letter(c: str) -> bool:
    r"""The regex class [^\W\d_] for one character: \w is isalnum() or "_", \d isdecimal()."""
    return c.isalnum() and not c.isdecimal()


def _word_starts_at(mask: str, q: int, block_start: int) -> bool:
    """Does _WORD's scan of the block (from block_start) begin a word at the letter at q?
    Not when q continues a run of letters, nor a word through an inner apostrophe."""
    if q == block_start:
        return True
    before = mask[q - 1]
    if _is_letter(before):
        return False
    return not (before in "'’" and q - 2 >= block_start and _is_letter(mask[q - 2]))


def _first_in_sentence(mask: str, block, s: int) -> bool:
    """Is the word at s the first word of its sentence, as tokens() reads it? Its sentence
    is the number of sentence starts at or before it; it is the first when no word of the
    block's scan begins between that sentence's start (the block's, before the first
    sentence) and s."""
    passed = bisect.bisect_right(block.sentences, s, key=_span_start)
    start = block.sentences[passed - 1].start if passed else block.start
    letter = _pattern("letter").search
    pos = max(start, block.start)
    while True:
        m = letter(mask, pos, s)
        if m is None:
            return True
        q = m.start()
        if _word_starts_at(mask, q, block.start):
            return False
        pos = _WORD.match(mask, q, block.end).end()  # the rest of a word begun before


def _span_start(span) -> int:
    return span.start


def _keep(mask: str, s: int, e: int) -> bool:
    """Not glued to digits, @, / and the like, nor part of a domain or file name."""
    before, after = mask[s - 1], mask[e]
    if before in _GLUE or after in _GLUE:
        return False
    if after == "." and mask[e + 1].isalpha():
        return False
    return not (before == "." and mask[s - 2].isalpha())


class _Scan:
    """The capitalised tokens of an article (what tokens() gives of shape "cap", in the same
    order), found without reading every word in Python: one regex split per block finds the
    words that begin with a capital, and only those are looked at. They are kept as parallel
    lists (start, form, block), with no object per word: Token objects are made only for the
    few words a kind asks for, and `initial` is worked out only for those."""

    __slots__ = ("doc", "mask", "starts", "forms", "block_of", "gaps", "_ordered", "_tokens")

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.mask = mask = doc.mask + "  "  # as in tokens(): room to read past either end
        self._ordered: bool | None = None
        self._tokens: list[Token] | None = None
        starts: list[int] = []  # where each capitalised word starts
        found: list[tuple[str, str, str]] = []  # its form (see _form): shared, not made
        block_of: list[int] = []  # the index of its block
        gaps: list[str] = []  # the text between them: every other word is in there
        forms = _FORMS
        suspect = _SUSPECT
        add_start, add_form = starts.append, found.append
        split, split_ascii = _pattern("caps").split, _pattern("caps_ascii").split
        for i, block in enumerate(doc.blocks):
            text = mask[block.start:block.end]
            pieces = split_ascii(text) if text.isascii() else split(text)
            gaps += pieces[::2]
            pos = block.start
            before = len(starts)
            words = iter(pieces)
            # (text before a word, the word); the text after the last word is left over
            for gap, raw in zip(words, words, strict=False):
                s = pos + len(gap)
                pos = s + len(raw)
                form = forms.get(raw) or _form(raw)
                if form[1] == "cap":
                    # what tokens() skips (see _keep), only asked of the few words with a
                    # character next to them that may make it skip them: this runs for
                    # every capital
                    if (mask[s - 1] in suspect or mask[pos] in suspect) and \
                            not _keep(mask, s, pos):
                        continue
                    add_start(s)
                    add_form(form)
                elif form[1] == "lower":
                    gaps.append(raw)  # élan: a lower-case word all the same
            block_of += repeat(i, len(starts) - before)
        self.starts, self.forms, self.block_of, self.gaps = starts, found, block_of, gaps

    def initial(self, n: int) -> bool:
        """The `initial` of the n-th capitalised word."""
        return self._initial_at(self.block_of[n], self.starts[n])

    def _initial_at(self, i: int, s: int) -> bool:
        """The `initial` of the word at s in block i (see tokens): first in a sentence, of a
        quote, or in a heading."""
        block = self.doc.blocks[i]
        if block.kind == "heading" or _first_in_sentence(self.mask, block, s):
            return True
        mask = self.mask
        before = mask[s - 1]
        return mask[s - 2] in "“\":" if before == " " else before in _OPENERS

    def token(self, n: int) -> Token:
        """The n-th capitalised word as a Token."""
        form = self.forms[n]
        return Token(self.starts[n], form[0], "cap", partial(self.initial, n), form[2])

    def tokens(self) -> list[Token]:
        if self._tokens is None:
            self._tokens = [self.token(n) for n in range(len(self.starts))]
        return self._tokens

    def tokens_with(self, texts: set[str]) -> list[Token]:
        """The capitalised tokens whose word (bare) is one of `texts`, in order."""
        if not texts:
            return []
        return [self.token(n) for n, form in enumerate(self.forms) if form[0] in texts]

    def inner_texts(self) -> list[str]:
        """The bare words of the capitalised words that are not `initial`."""
        forms, initial = self.forms, self.initial
        return [forms[n][0] for n in range(len(forms)) if not initial(n)]

    def ordered(self) -> bool:
        """Are the blocks in order and apart (as a parser makes them)? Then the block of an
        offset can be found by bisection."""
        if self._ordered is None:
            blocks = self.doc.blocks
            self._ordered = all(a.end <= b.start for a, b in zip(blocks, blocks[1:], strict=False))
        return self._ordered

    def tokens_of(self, raws: set[str]) -> list[Token]:
        """The tokens whose word as written (possessive included) is one of `raws`, in order:
        each word is found with str.find and checked to be a word of tokens()' scan."""
        blocks = self.doc.blocks
        if not raws or not blocks:
            return []
        if not self.ordered():
            return [t for i, b in enumerate(blocks) for m in _WORD.finditer(self.mask, b.start, b.end)
                    if m[0] in raws and (t := self._token(i, m.start(), m[0])) is not None]
        mask = self.mask
        block_starts = [b.start for b in blocks]
        out: list[Token] = []
        for raw in raws:
            p = mask.find(raw)
            while p >= 0:
                e = p + len(raw)
                i = bisect.bisect_right(block_starts, p) - 1
                if i >= 0 and e <= blocks[i].end and _word_starts_at(mask, p, blocks[i].start) \
                        and _WORD.match(mask, p, blocks[i].end).end() == e:
                    t = self._token(i, p, raw)
                    if t is not None:
                        out.append(t)
                p = mask.find(raw, p + 1)
        out.sort(key=lambda t: t.start)
        return out

    def _token(self, i: int, s: int, raw: str) -> Token | None:
        """The token of the word `raw` of _WORD's scan of block i at s (None when skipped)."""
        mask = self.mask
        if not _keep(mask, s, s + len(raw)):
            return None
        form = _FORMS.get(raw) or _form(raw)
        if not form[0]:
            return None
        return Token(s, form[0], form[1], partial(self._initial_at, i, s), form[2])


def _scan(doc: Document) -> _Scan:
    found = doc.__dict__.get(_CAPS)
    if found is None:
        found = doc.__dict__[_CAPS] = _Scan(doc)
    return found


def capitals(doc: Document) -> list[Token]:
    """The capitalised tokens of the article (shape "cap"), in order: tokens(doc) without the
    others, which only the spelling kind's rare lower-case words need (see `tokens_of`)."""
    return _scan(doc).tokens()


def capitals_with(doc: Document, texts: set[str]) -> list[Token]:
    """The capitalised tokens whose bare word is one of `texts`, in order."""
    return _scan(doc).tokens_with(texts)


def other_words(doc: Document) -> set[str]:
    """The distinct words (as written, possessives included) of the article's text outside
    its capitalised words: every token of tokens() that is not capitalised is one of these.
    (Each piece of text between two capitalised words is read alone, as the scan of its
    block reads it: a word never runs on into a capitalised word.) The spelling kind picks
    its rare lower-case words from these (through `piece_text`, whose pieces it can remember),
    then asks `tokens_of` for them."""
    return set(_WORD.findall(" ".join(_scan(doc).gaps)))


# bytes.translate table for piece_text: ASCII characters other than letters and the
# apostrophe become spaces; the bytes of other characters (UTF-8, >= 0x80) are kept
_PIECES = bytes(b if b >= 0x80 or b == 0x27 or chr(b).isalpha() else 0x20 for b in range(256))


def piece_text(doc: Document) -> bytes:
    """The text other_words reads (UTF-8), with a space for every ASCII character that is
    neither a letter nor an apostrophe: split at spaces, it falls into pieces where no word
    can be (a word of _WORD has none of these characters), so other_words(doc) is the union
    of words_of_piece over its pieces, and a kind that remembers what it made of each piece
    needs no regex scan of the article."""
    text = " ".join(_scan(doc).gaps).encode("utf-8", "surrogatepass")
    return text.translate(_PIECES)


def piece_list(doc: Document) -> list[bytes]:
    """The pieces of piece_text as they come, repeats and all."""
    return piece_text(doc).split()


def words_of_piece(piece: bytes) -> list[str]:
    """The words of a piece of piece_text (what _WORD finds in it)."""
    if piece.isalpha():  # ASCII letters only (most pieces): one word
        return [piece.decode("ascii")]
    return _WORD.findall(piece.decode("utf-8", "surrogatepass"))


def tokens_of(doc: Document, raws: set[str]) -> list[Token]:
    """The tokens of tokens(doc) whose word as written is one of `raws`, in order."""
    return _scan(doc).tokens_of(raws)


def capitals_before(doc: Document, starts: list[int]) -> dict[int, str]:
    """For each of these word starts: the lower case of the capitalised word right before
    it (at most two characters between them), when the word before it is one. (Between two
    words at most two characters apart there is never a third: each word is kept apart from
    the next by at least one character.)"""
    scan = _scan(doc)
    found = {}
    cap_starts, forms = scan.starts, scan.forms
    for start in starts:
        n = bisect.bisect_left(cap_starts, start) - 1
        if n >= 0 and 0 < start - cap_starts[n] - len(forms[n][0]) <= 2:
            found[start] = forms[n][2]
    return found


def capital_counts(doc: Document) -> Counter[str]:
    """How often each capitalised word occurs in the article (any position)."""
    key = "_editlint_spelling_caps"
    cached = doc.__dict__.get(key)
    if cached is None:
        cached = Counter(map(itemgetter(0), _scan(doc).forms))  # counted in C
        doc.__dict__[key] = cached
    return cached


def inner_capital_counts(doc: Document) -> Counter[str]:
    """How often each capitalised word occurs where capitals are not automatic (not at the
    start of a sentence or quote, not in a heading): there a capital means a name."""
    key = "_editlint_spelling_inner_caps"
    cached = doc.__dict__.get(key)
    if cached is None:
        cached = Counter(_scan(doc).inner_texts())
        doc.__dict__[key] = cached
    return cached


def capital_twins(doc: Document, min_length: int = 3) -> dict[str, set[str]]:
    """Capitalised words of the article one edit apart, with the same first letter
    (Takaichi / Takiachi). Each word maps to its twins. Words are compared only within
    their first letter's group and when their lengths allow one edit: a handful of checks
    per word, never all pairs."""
    key = f"_editlint_spelling_twins_{min_length}"
    cached = doc.__dict__.get(key)
    if cached is not None:
        return cached
    from editlint.kinds._distance import one_edit

    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for form in capital_counts(doc):
        if len(form) >= min_length:
            groups[form[0].lower()].append((form, form.lower()))
    twins: dict[str, set[str]] = {}
    for group in groups.values():
        if len(group) < 2:
            continue
        for a, la in group:
            for b, lb in group:
                # distance(la, lb, 1) == 1, without the call for the pairs it rules out
                if a < b and -1 <= len(la) - len(lb) <= 1 and la != lb and one_edit(la, lb):
                    twins.setdefault(a, set()).add(b)
                    twins.setdefault(b, set()).add(a)
    doc.__dict__[key] = twins
    return twins


def capital_twins_of(doc: Document, words, min_length: int = 3) -> dict[str, set[str]]:
    """capital_twins(doc, min_length) for these words only (each that has twins), for a kind
    to which only a few of the article's words matter (a couple of rare ones): each is
    compared with the article's words directly, with no table of all its words made."""
    counts = capital_counts(doc)
    wanted = [w for w in words if len(w) >= min_length and w in counts]
    if not wanted:
        return {}
    full = doc.__dict__.get(f"_editlint_spelling_twins_{min_length}")
    if full is None and not "".join(counts).isascii():
        # a first letter's lower case may then differ from the lower case's first letter
        # (İ): the whole table, as capital_twins groups the words
        full = capital_twins(doc, min_length)
    if full is not None:
        return {w: full[w] for w in wanted if w in full}
    from editlint.kinds._distance import one_edit

    # ASCII capitalised words: the same first letter in lower case is the same first letter.
    # One pass over the article's words, each compared with the wanted words of its letter
    by_first: dict[str, list[tuple[str, str]]] = {}
    for w in wanted:
        by_first.setdefault(w[0], []).append((w, w.lower()))
    twins: dict[str, set[str]] = {}
    for b in counts:
        group = by_first.get(b[0])
        if group is None or len(b) < min_length:
            continue
        lb = b.lower()
        for w, lw in group:
            if -1 <= len(lb) - len(lw) <= 1 and lb != lw and one_edit(lw, lb):
                twins.setdefault(w, set()).add(b)
    return twins


def claim(doc: Document, start: int) -> None:
    """Record that a word at `start` already has a spelling or name finding, so that a
    second kind does not report the same word twice."""
    doc.__dict__.setdefault(_CLAIMED, set()).add(start)


def claimed(doc: Document, start: int) -> bool:
    return start in doc.__dict__.get(_CLAIMED, ())


def match_case(suggestion: str, word: str) -> str:
    """Give a lower-case suggestion the capitalisation of the word it replaces."""
    if word.isupper() and len(word) > 1:
        return suggestion.upper()
    if word[:1].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion
