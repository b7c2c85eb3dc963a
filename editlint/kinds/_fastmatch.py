"""Fast, exact matching of big word alternations (used by the attribution and titles kinds).

Four tricks, each giving exactly the matches of the plain pattern (or, for a scan that only
says where to look, a superset of them):
- Case-insensitive search made case-sensitive: sre skips an alternative at its first
  literal only when the match is case-sensitive, so a big case-insensitive alternation is
  slow to search. A lower-case ASCII pattern matched case-sensitively against
  ascii_fold(text) finds exactly what it finds case-insensitively in the text, positions
  unchanged (tests/test_attribution.py checks the fold against re.IGNORECASE over every
  code point).
- Alternations as tries: "(?:million|millions|milliard)" becomes "milli(?:ard|on(?:s)?)",
  which compiles 3-5x faster and fails faster. Trying the longest phrase first is what the
  plain alternation (sorted longest first) does too: at one position, the phrases that
  match are prefixes of one another, and the trie tries the longer continuation first.
- Compiled once per machine: parsing and compiling a big pattern costs milliseconds on
  every start; sre's compiled program (a list of integers) is kept in editlint's disk cache
  and handed straight to sre, which validates it (compiled_table, module_table).
- Scans led by a literal: a whole-article scan for "a non-word character, then a key word"
  runs over a copy with every such character a space (classes_spaced), where sre skips to
  the next space in a memchr-like loop instead of testing a class at every character.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

# characters that re.IGNORECASE matches with an ASCII letter (A-Z, and four more: the
# dotted and dotless i, the long s, the Kelvin sign), mapped to the lower-case letter
_ASCII_FOLD = {**{c: c + 32 for c in range(ord("A"), ord("Z") + 1)},
               0x130: ord("i"), 0x131: ord("i"), 0x17F: ord("s"), 0x212A: ord("k")}


# A-Z to a-z in UTF-8 bytes, where no byte of a longer character is ASCII
_UPPER_BYTES = bytes.maketrans(bytes(range(ord("A"), ord("Z") + 1)),
                               bytes(range(ord("a"), ord("z") + 1)))
_FOLD_SPECIALS = tuple(chr(c) for c in _ASCII_FOLD if c > 0x7F)


# A character after which (?<![\w-]) lets a word start, split for speed: the ASCII ones as
# a class (sre tests it against a bitmap, far faster than a Unicode category) and the rest
# (rarer), to search for apart. "SEP(?=WORD)" searched from pos - 1 finds where WORD starts
# at pos or later, as "(?<![\w-])WORD" from pos does, except at the very start of the text.
WORD_START_ASCII = r"[\x00-,./:-@\[-^`{-\x7f]"
WORD_START_WIDE = r"[^\x00-\x7f](?<=\W)"


# Classes of characters as one byte each, for scans of a whole article. sre searches a
# pattern that starts with a class by testing the class at every character (~6 ns each, the
# bulk of a scan), but one that starts with a literal character by a memchr-like loop. So a
# scan for "a non-word character, then WORD" runs on a copy of the text where each
# character of the class is one literal (" "), same length: "[^\w](?=WORD)" becomes
# " (?=WORD)". Only for text within Latin-1 (one byte a character: bytes.translate, ~1 ns a
# character); other text is scanned as written.
_CLASS_TABLES: dict[str, bytes] = {}


def _class_table(kind: str) -> bytes:
    """"words": every non-word character (\\W) to a space, every digit (\\d) to "0", the
    rest kept; "letters": every character but a-z to a space."""
    table = _CLASS_TABLES.get(kind)
    if table is None:
        chars = [chr(c) for c in range(256)]
        if kind == "words":
            out = ["0" if c.isdecimal() else c if c.isalnum() or c == "_" else " " for c in chars]
        else:
            out = [c if "a" <= c <= "z" else " " for c in chars]
        table = _CLASS_TABLES[kind] = "".join(out).encode("latin-1")
    return table


def classes_spaced(text: str, kind: str) -> str | None:
    """The text with its characters mapped by _class_table(kind) (same length), or None when
    some character is beyond Latin-1 (typographic punctuation aside: a space in both)."""
    try:
        raw = text.encode("latin-1")
    except UnicodeEncodeError:
        # typographic punctuation (non-word, so a space in both tables) is the usual reason
        for char in _TYPOGRAPHIC:
            if char in text:
                text = text.replace(char, " ")
        try:
            raw = text.encode("latin-1")
        except UnicodeEncodeError:
            return None
    return raw.translate(_class_table(kind)).decode("latin-1")


_TYPOGRAPHIC = "’‘“”–—…•€‹›‚„′″"


def ascii_fold(text: str) -> str:
    """The text with every character that re.IGNORECASE equates with an ASCII letter turned
    into that lower-case letter; same length, same positions."""
    if text.isascii():
        return text.lower()
    if any(c in text for c in _FOLD_SPECIALS):
        return text.translate(_ASCII_FOLD)
    # str.translate with a dict costs ~30 ns a character; bytes.translate ~1
    return text.encode("utf-8", "surrogatepass").translate(_UPPER_BYTES).decode(
        "utf-8", "surrogatepass")


def foldable(words) -> bool:
    """Can these words be matched through ascii_fold (no cased letter outside ASCII)?"""
    words = list(words)
    if "".join(words).isascii():
        return True
    return all(c.isascii() or (not c.isalpha() and c.lower() == c == c.upper())
               for w in words for c in w)


class FoldMemo:
    """ascii_fold of the last text seen: kinds look at one article span by span."""

    def __init__(self) -> None:
        self._last: tuple[str, str] = ("", "")

    def __call__(self, text: str) -> str:
        last = self._last  # one read: another thread may be folding another article
        if last[0] is not text:
            last = self._last = (text, ascii_fold(text))
        return last[1]


def words_pattern(words, suffix: str = r"(?![\w-])") -> str:
    """An alternation of literal words/phrases for case-insensitive matching (re.I, or
    case-sensitively against ascii_fold(text)): longest first, spaces match any white space.

    Built as a trie of the lower-case words; the plain sorted alternation when some word
    could make the two differ (a cased letter outside ASCII, or white space that is not one
    space between words)."""
    alts = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    if not alts:
        return r"(?!x)x"
    if all(w == " ".join(w.split()) for w in alts) and foldable(alts):
        body = trie_source([ascii_fold(w) for w in alts])
    else:
        body = "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in alts)
    return f"(?:{body}){suffix}"


def trie_source(phrases, gap: str = r"\s+") -> str:
    """Regex source matching any of the phrases (literal words joined by single spaces, which
    match `gap`: any run of white space), the longest first, built as a trie."""
    root: dict = {}
    for phrase in phrases:
        node = root
        for n, word in enumerate(phrase.split(" ")):
            if n:
                node = node.setdefault(_SPACE, {})
            for char in word:
                node = node.setdefault(char, {})
        node[_END] = {}
    return _emit(root, gap)


_SPACE = " "  # a trie key: any run of white space
_END = ""  # a trie key: a phrase ends here


def _emit(node: dict, gap: str) -> str:
    out = []
    while len(node) == 1 and _END not in node:  # a chain: no choice to make
        ((key, node),) = node.items()
        out.append(gap if key == _SPACE else _escape(key))
    alts = [(gap if key == _SPACE else _escape(key)) + _emit(child, gap)
            for key, child in sorted(node.items()) if key != _END]
    if alts:
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        # a phrase ending here is tried after every longer one through this node (greedy ?)
        out.append(f"(?:{body})?" if _END in node else body)
    return "".join(out)


_ESCAPED: dict[str, str] = {}


def _escape(char: str) -> str:
    escaped = _ESCAPED.get(char)
    if escaped is None:
        escaped = _ESCAPED[char] = re.escape(char)
    return escaped


def first_class(source: str, flags: int = 0) -> str | None:
    """A character class holding every character a match of `source` can start with
    ("[\\dafo]"), or None when that cannot be told simply (the match may be empty, start
    with any character, ignore case, ...). Put as "(?=CLASS)" before a lookahead of the
    source, it lets a search fail at a character no alternative starts with before
    entering the alternatives (the same matches: a condition every match meets)."""
    from re import _parser

    if flags & re.IGNORECASE:
        return None
    try:
        parsed = _parser.parse(source, flags)
        found = None if parsed.state.flags & re.IGNORECASE else _firsts(parsed)
    except Exception:  # noqa: BLE001 - a parser that changed: no class, as for any doubt
        return None
    if found is None or found[1] or not found[0]:
        return None
    return "[" + "".join(sorted(found[0])) + "]"


def _firsts(items) -> tuple[set[str], bool] | None:
    """(the class items the first character of a match comes from, whether the match can be
    empty) for a parsed sequence; None when unknown."""
    from re import _parser as P

    out: set[str] = set()
    for op, av in items:
        if op is P.LITERAL:
            out.add(_escape(chr(av)))
            return out, False
        if op is P.IN:
            for o, a in av:
                if o is P.LITERAL:
                    out.add(_escape(chr(a)))
                elif o is P.RANGE:
                    out.add(_escape(chr(a[0])) + "-" + _escape(chr(a[1])))
                elif o is P.CATEGORY and a is P.CATEGORY_DIGIT:
                    out.add(r"\d")
                else:  # a negated class, other categories
                    return None
            return out, False
        if op is P.BRANCH or op is P.SUBPATTERN or op in (P.MAX_REPEAT, P.MIN_REPEAT):
            if op is P.BRANCH:
                parts, may_skip = av[1], False
            elif op is P.SUBPATTERN:
                if av[1] & re.IGNORECASE:
                    return None
                parts, may_skip = [av[3]], False
            else:
                parts, may_skip = [av[2]], av[0] == 0
            empty = may_skip
            for part in parts:
                found = _firsts(part)
                if found is None:
                    return None
                out |= found[0]
                empty = empty or found[1]
            if not empty:
                return out, False
            continue  # the next item may give the first character
        if op is P.ASSERT_NOT or op is P.AT:
            continue  # zero-width: the first character comes after it
        return None  # anything else (a lookahead, a group reference, any character ...)
    return out, True


def compiled_table(data: Path, key: str,
                   build: Callable[[], dict[str, tuple[str, int]]]) -> dict[str, re.Pattern]:
    """Named patterns, {name: (source, flags)} from build(), compiled: the sources and sre's
    compiled programs are kept together in one entry of editlint's disk cache, filed under
    `data` (the file the sources are built from) and `key` (whatever else they depend on:
    options, the code that builds them), so a warm start neither builds nor compiles them.
    Any surprise (a private sre interface that changed, a damaged entry) falls back to
    building and compiling them the ordinary way."""
    import _sre
    import marshal
    import sys

    from editlint.cache import cached

    def make() -> bytes:
        return marshal.dumps({name: (source, _sre_program(source, flags))
                              for name, (source, flags) in build().items()})

    memo = (str(data), key)
    patterns = _TABLES.get(memo)  # two rules of one kind share the table
    if patterns is not None:
        return patterns
    from editlint.cache import cache_dir

    if cache_dir() is None:  # no disk cache: compiling the programs to keep would be waste
        patterns = {name: re.compile(source, flags) for name, (source, flags) in build().items()}
        _TABLES[memo] = patterns
        return patterns
    try:
        table = marshal.loads(cached(data, f"sre-table\x1f{sys.version}\x1f{_sre.MAGIC}\x1f{key}",
                                     make))
        patterns = {name: _sre.compile(source, *program) for name, (source, program) in table.items()}
    except Exception:  # noqa: BLE001 - any failure: build and compile the ordinary way
        patterns = {name: re.compile(source, flags) for name, (source, flags) in build().items()}
    _TABLES[memo] = patterns
    return patterns


_TABLES: dict[tuple[str, str], dict[str, re.Pattern]] = {}


def module_table(module_file: str, sources: dict[str, str | tuple[str, int]]) -> dict[str, re.Pattern]:
    """A module's own fixed regexes, {name: source or (source, flags)}, compiled through
    compiled_table, filed under the module's file (editing it starts afresh): importing the
    module then reads sre's programs instead of parsing and compiling the regexes."""
    table = {name: (src, 0) if isinstance(src, str) else src for name, src in sources.items()}
    return compiled_table(Path(module_file), "module", lambda: table)


def code_version(*modules: str) -> str:
    """The size and modification time of these files (modules' __file__): part of a cache
    key, so that editing the code that builds the cached value is seen at once."""
    import os

    return repr([(os.path.basename(m), os.stat(m).st_size, os.stat(m).st_mtime_ns)
                 for m in modules])


def _sre_program(source: str, flags: int) -> tuple:
    """What re.compile hands to _sre.compile after parsing and compiling (as in
    re._compiler.compile, Python 3.10-3.13), as marshal-able data."""
    try:
        from re import _compiler, _parser
    except ImportError:  # Python 3.10
        import sre_compile as _compiler  # type: ignore[no-redef]
        import sre_parse as _parser  # type: ignore[no-redef]
    parsed = _parser.parse(source, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex,
            tuple(indexgroup))


class Word:
    """What word_before_blanks finds, as a match would give it (group 1, its start, the
    match's end)."""

    __slots__ = ("word", "begin", "stop")

    def __init__(self, word: str, begin: int, stop: int) -> None:
        self.word, self.begin, self.stop = word, begin, stop

    def __getitem__(self, group: int) -> str:
        return self.word

    def start(self, group: int = 0) -> int:
        return self.begin

    def end(self) -> int:
        return self.stop


_WORD_CHARS: dict[str, str] = {}


def _word_chars(inner: str) -> str:
    import string

    chars = _WORD_CHARS[inner] = string.ascii_letters + string.digits + inner
    return chars


def word_before_blanks(before: str, inner: str) -> Word | None:
    """re.search(r"([^\\W\\d_][\\w<inner>]*)[ \\t]+$", before), without trying every start:
    the word (a letter, then letters, digits and the characters of `inner`, which holds "_"
    when the class is \\w plus some) that ends where the blanks closing the text begin
    (before a final newline, as $ matches there too)."""
    stop = len(before) - 1 if before.endswith("\n") else len(before)
    end = len(before.rstrip(" \t")) if stop == len(before) else len(before[:stop].rstrip(" \t"))
    if end == stop:
        return None  # no blank before the end
    # the ASCII letters and digits and the inner characters of the word, stripped in C; the
    # loop then walks any other letters (the word goes on while they do)
    run = len(before[:end].rstrip(_WORD_CHARS.get(inner) or _word_chars(inner)))
    while run > 0 and (before[run - 1].isalnum() or before[run - 1] in inner):
        run -= 1
    for begin in range(run, end):
        char = before[begin]
        if char.isalnum() and not char.isdecimal():  # [^\\W\\d_]
            return Word(before[begin:end], begin, stop)
    return None
