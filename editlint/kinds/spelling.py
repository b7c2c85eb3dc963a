"""spelling: ordinary-word and proper-noun typos, judged by word frequency.

A word is suspect when it is unknown or very rare in general English (wordfreq's table,
shipped as editlint/data/lexicon.sqlite) and one edit away from a much more frequent word
("goverment" -> "government"). Capitalised words need more: a rare capitalised word is
usually a name nobody put in a dictionary, so it is flagged only when its neighbour is a
gazetteer word (a country, capital, large city, organisation) or a very frequent word, and
never when the article itself keeps spelling it that way. A rare name with no close known
neighbour is never flagged.
"""

from __future__ import annotations

import operator
import re
from collections import Counter, namedtuple
from collections.abc import Iterable
from itertools import compress, filterfalse
from pathlib import Path

from editlint.findings import Match
from editlint.kinds._lexicon import DEFAULT_PATH, get_lexicon
from editlint.kinds._words import (
    Token,
    capital_counts,
    capital_twins_of,
    capitals_before,
    capitals_with,
    claim,
    claimed,
    form,
    match_case,
    piece_text,
    tokens_of,
    words_of_piece,
)
from editlint.kinds.base import Kind, Opt

# What one article tells about its capitalised words: caps (capitalised word ->
# occurrences), twins (capitalised suspect -> words one edit away in it), after_name (starts
# of words right after a title or a given name), top (the most occurrences of any capitalised
# word). A namedtuple, not typing.NamedTuple: importing typing costs ~2 ms of start-up.
_Article = namedtuple("_Article", "caps twins after_name top")


class Spelling(Kind):
    name = "spelling"
    default_quotes = "include"  # a typo in a quote is still a typo
    options = {
        "min_length": Opt("int", 4, minimum=2, doc="shorter words are never checked"),
        "known_zipf": Opt("float", 3.0, doc="a word at least this frequent is right"),
        "fix_zipf": Opt("float", 3.0, doc="a suggestion must be at least this frequent"),
        "rare_zipf": Opt("float", 2.0, doc="below this a word counts as rare"),
        "margin": Opt("float", 2.0, doc="a suggestion for a rare word must be this much more "
                                       "frequent (zipf); words wordfreq never saw need none"),
        "strong_margin": Opt("float", 2.8,
                             doc="margin for words between rare_zipf and known_zipf"),
        "proper_known_zipf": Opt("float", 2.5,
                                 doc="a capitalised word at least this frequent is right"),
        "proper_margin": Opt("float", 3.0, doc="margin for rare capitalised words"),
        "gazetteer_zipf": Opt("float", 2.0,
                              doc="a place or organisation suggested for a capitalised word "
                                  "wordfreq never saw must be at least this frequent"),
        "proper_fix_zipf": Opt("float", 2.5,
                               doc="a dictionary name suggested for it, at least this frequent"),
        "proper_word_zipf": Opt("float", 4.0,
                                doc="or an ordinary word at least this frequent ..."),
        "proper_word_length": Opt("int", 6, doc="... when the word has this many letters"),
        "long_name_length": Opt("int", 6, doc="a word nobody uses of this many letters may "
                                              "also be a slip for any word of wordfreq's"),
        "oddness": Opt("float", -0.7,
                       doc="a capitalised word wordfreq never saw is a slip of a dictionary "
                           "name or a rarer word only when its least likely letter step "
                           "(log-probability, letter trigrams) is at least this much below "
                           "the other word's"),
        "long_name_oddness": Opt("float", -1.5, doc="the same, for a slip of a word that only "
                                                    "wordfreq knows (usually a name)"),
        "very_long_name_length": Opt("int", 9, doc="words this long have few neighbours ..."),
        "very_long_name_zipf": Opt("float", 1.0, doc="... so a rarer name will do"),
        "initial_length": Opt("int", 6, doc="a capitalised word at the start of a sentence "
                                            "that wordfreq knows is checked as an everyday "
                                            "word only from this many letters"),
        "repeated_names": Opt("int", 2, minimum=1,
                              doc="a capitalised word spelt the same way this often in the "
                                  "article is taken as a real name"),
        "safe_margin": Opt("float", 1.0, doc="the fix is safe when no other suggestion comes "
                                             "within this zipf of the best"),
        "data": Opt("path", None, doc="an alternative lexicon.sqlite (built by build_data.py)"),
    }

    def __init__(self, rule) -> None:
        super().__init__(rule)
        self.lex = get_lexicon(Path(self.opts["data"]) if self.opts["data"] else DEFAULT_PATH)
        # a word at least this frequent is never a suspect
        self.known_zipf = max(self.opts["known_zipf"], self.opts["proper_known_zipf"])
        # the words judged per distinct word, once per process (see _judge_new)
        self._judged: set[str] = set()  # words of other_words() judged so far
        self._pieces: set[bytes] = set()  # pieces of _long_pieces() read so far
        self._piece_typos: dict[bytes, list[str]] = {}  # those with typos -> the typos
        self._typos: set[str] = set()  # those that may be typos (lower-case words)
        self._caps_judged: set[str] = set()  # capitalised words judged so far
        self._rare_caps: set[str] = set()  # those that may be suspects
        self._everyday_words: set[str] | None = None  # see _everyday (never changed)
        self._options_of: dict[str | tuple[str, bool], dict[str, float]] = {}  # see _options
        self._pieces_re: re.Pattern[bytes] | None = None  # see _long_pieces
        self._all_frequent = False  # are they every word of known_zipf or more? (_everyday)

    def preload(self) -> None:
        """Before a run of many files forks its workers: the lexicon's tables that such a run
        reads (Lexicon.preload) and the everyday words, read once here for every worker."""
        self.lex.preload()
        self._everyday()

    def check(self, doc, ctx):
        accept = ctx.accept_folded
        quotes = self.rule.quotes
        # the suspects: words rarer than known_zipf, capitalised or lower-case, judged per
        # distinct word; Token objects are made for these only
        caps = capital_counts(doc)
        pieces = self._long_pieces(doc)
        self._judge_new(caps, pieces)
        # a capitalised word spelt the same way repeated_names times with an ASCII first
        # letter is spared before its tokens are made: _judge would spare it unless the
        # article had one of its suggestions more often, and a suggestion is a word one edit
        # from it with its first letter (the lexicon's capitalised forms are those of their
        # lower-case keys), so one the article has would be a twin of it, which _judge spares
        repeated = self.opts["repeated_names"]
        rare_caps = {w for w in self._rare_caps.intersection(caps) if w.lower() not in accept
                     and not _spared(w, caps[w], repeated)}
        suspects = capitals_with(doc, rare_caps)
        lower = [t for t in tokens_of(doc, self._typos_in(pieces)) if t.lower not in accept]
        if lower:
            suspects = sorted(suspects + lower, key=_start)
        if quotes != "include":
            suspects = [t for t in suspects
                        if doc.in_quote(t.start, t.end) == (quotes == "only")]
        if not suspects:
            return
        # what the word alone says was asked when it was judged (_may_be_typos): a suspect
        # has no dictionary or gazetteer entry that passes it, and is no rare real word
        zipf = self.lex.zipf({t.lower for t in suspects})
        # twins matter for capitalised suspects only (see _judge)
        twins = capital_twins_of(doc, {t.text for t in suspects if t.shape == "cap"})
        article = _Article(caps, twins,
                           self._name_followers(doc, suspects),
                           max(caps.values(), default=0))
        verdicts: dict[tuple[str, bool], tuple[str, bool] | None] = {}
        for t in suspects:
            if claimed(doc, t.start):
                continue
            key = (t.text, t.start in article.after_name)
            if key not in verdicts:
                verdicts[key] = self._judge(t, zipf[t.lower], article)
            verdict = verdicts[key]
            if verdict is not None:
                fix, safe = verdict
                claim(doc, t.start)
                yield Match(t.start, t.end, fix=fix, fix_safe=safe)

    def _judge(self, t: Token, z: float, article: _Article) -> tuple[str, bool] | None:
        """(suggestion, safe) when the suspect (see _may_be_typos) looks like a typo, else
        None."""
        o = self.opts
        proper = t.shape == "cap"  # sentence-initial too: it may be a name
        if proper:
            # no dictionary entry passed it ("Rose" and "Bolton" would have: any will do);
            # at the start of a sentence the capital may be automatic, so the word's
            # threshold applies (t.initial is asked only when it matters: it takes a search
            # through the sentence)
            if z >= min(o["known_zipf"], o["proper_known_zipf"]) and \
                    z >= (o["known_zipf"] if t.initial else o["proper_known_zipf"]):
                return None
        elif z >= o["known_zipf"]:
            return None
        caps = article.caps
        if proper and article.twins.get(t.text):
            return None  # spelt two ways in the article: the names kind judges the pair
        if proper and caps[t.text] >= o["repeated_names"] and caps[t.text] >= article.top:
            return None  # a real name (see below), whatever the suggestions: spare them
        if z >= o["rare_zipf"]:
            margin = o["strong_margin"]  # a word of its own, unless the neighbour dwarfs it
        elif z > 0:
            margin = o["proper_margin" if proper else "margin"]
        else:
            margin = 0.0  # wordfreq never saw it: any frequent enough neighbour will do
        options = self._options(t, z, margin, t.start in article.after_name)
        if not options:
            return None
        if proper and caps[t.text] >= o["repeated_names"] and \
                caps[t.text] >= max(caps.get(form, 0) for form in options):
            return None  # the article keeps spelling it this way: a real name
        ranked = sorted(options.items(), key=lambda kv: (-kv[1], kv[0]))
        best, best_z = ranked[0]
        safe = len(ranked) == 1 or best_z - ranked[1][1] >= o["safe_margin"]
        return best, safe

    def _options(self, t: Token, z: float, margin: float, after_name: bool) -> dict[str, float]:
        """The suggestions for `t` (word -> zipf). Those of the word check depend on its word
        (and so its zipf and margin) only, those of the name check on whether it follows a
        title or a given name too, nothing else of the article: each is remembered per
        process, as a suspect recurs across articles."""
        if t.shape != "cap":
            return self._remembered(t.text, self._word_options, t, z, margin)
        # at the start of a sentence the word check comes first, but a short word there
        # that wordfreq knows is more often a name (Olly) than a slip. t.initial takes a
        # search through the sentence: for a word wordfreq never saw it is asked last, when
        # the word check found something (its near() is the one _proper_options reads
        # anyway); for the others first (their word check reads the common words)
        if z == 0:
            found = self._remembered(t.text, self._word_options, t, z, margin)
            if found and t.initial:
                return found
        elif len(t.text) >= self.opts["initial_length"] and t.initial:
            found = self._remembered(t.text, self._word_options, t, z, margin)
            if found:
                return found
        # a capital at the start of a sentence may be automatic: the word check comes first
        # there ("Goverment officials said"); elsewhere it is a name's
        return self._remembered((t.text, after_name), self._proper_options, t, z, margin,
                                after_name)

    def _remembered(self, key: str | tuple[str, bool], make, *args) -> dict[str, float]:
        """make(*args), remembered under `key` (see _options)."""
        found = self._options_of.get(key)
        if found is None:
            if len(self._options_of) > _MEMO_LIMIT // 10:
                self._options_of.clear()
            found = self._options_of[key] = make(*args)
        return found

    def _long_pieces(self, doc) -> list[bytes]:
        """The article's pieces of other text (piece_list) of at least min_length bytes, as
        they come: a shorter one has no word long enough to judge (a character takes a byte
        at least). Found by one regex led by a literal (sre skips to each space in C) in the
        text piece_list splits, rather than all pieces split and the short ones (most)
        remembered and looked up."""
        if self._pieces_re is None:
            self._pieces_re = re.compile(rb" ([^ ]{%d,})" % self.opts["min_length"])
        return self._pieces_re.findall(b" " + piece_text(doc))

    def _judge_new(self, caps: Counter[str], pieces: list[bytes]) -> None:
        """Judge the article's words that no article before judged in this process: its
        capitalised words, and the lower-case words of its pieces of other text (see
        _long_pieces: each piece is read once per process). Those that may be typos (see
        _may_be_typos) join self._rare_caps and self._typos."""
        new_caps = self._new_capitals(caps)
        caps_keys = self._capitals_keys(new_caps) if new_caps else {}
        # a word this article repeats is spared here whatever it is (see check): judged in
        # the first article that does not repeat it
        repeated = self.opts["repeated_names"]
        spared = {w for w in caps_keys if _spared(w, caps[w], repeated)}
        if spared:
            self._caps_judged.difference_update(spared)
            caps_keys = {w: key for w, key in caps_keys.items() if w not in spared}
        new_pieces = self._new_pieces(pieces)
        lower_keys: dict[str, str] = {}
        if new_pieces:
            simple, others, words = _read_pieces(new_pieces)
            new = words.difference(self._judged)
            lower_keys = self._keys((raw, f[0]) for raw in new.difference(self._everyday())
                                    if (f := form(raw))[1] == "lower")
            self._judged.update(new)
        rare_caps, typos = self._may_be_typos(caps_keys, lower_keys)
        self._rare_caps.update(rare_caps)
        self._typos.update(typos)
        if new_pieces:
            self._file_pieces(new_pieces, simple, others, words)

    def _new_capitals(self, caps: Counter[str]) -> set[str]:
        """The article's capitalised words not judged before, now taken as judged."""
        # picked in C without a set of all the article's capitalised words
        new = set(filterfalse(self._caps_judged.__contains__, caps))
        if new and len(self._caps_judged) + len(new) > _MEMO_LIMIT:
            self._caps_judged.clear()
            self._rare_caps.clear()
            new = set(caps)
        self._caps_judged.update(new)
        return new

    def _new_pieces(self, pieces: list[bytes]) -> set[bytes]:
        """The article's pieces not read before (see _file_pieces)."""
        # picked in C without a set of all the article's pieces
        new = set(filterfalse(self._pieces.__contains__, pieces))
        if new and (len(self._pieces) + len(new) > _MEMO_LIMIT or len(self._judged) > _MEMO_LIMIT):
            for memo in (self._pieces, self._piece_typos, self._judged, self._typos):
                memo.clear()  # all at once: the pieces' typos are in self._typos
            new = set(pieces)
        return new

    def _file_pieces(self, new: set[bytes], simple: set[bytes], others: dict[bytes, list[str]],
                     words: set[str]) -> None:
        """Remember these pieces (read by _read_pieces) as read, and those with a typo (in
        self._typos, judged) with their typos."""
        hits = words.intersection(self._typos)
        if hits:
            found = self._piece_typos
            for raw in hits:
                if raw.isascii() and raw.encode() in simple:
                    found[raw.encode()] = [raw]  # the piece of that word alone
            for piece, raws in others.items():
                if not hits.isdisjoint(raws):
                    found[piece] = [raw for raw in raws if raw in hits]
        self._pieces.update(new)

    def _typos_in(self, pieces: list[bytes]) -> set[str]:
        """The words (as written) of these pieces, all read before, that may be typos."""
        found = self._piece_typos
        if not found:
            return set()
        return {raw for piece in found.keys() & pieces for raw in found[piece]}

    def _everyday(self) -> set[str]:
        """Words as written that are never typos whatever the article: the words the
        lexicon holds in memory (Lexicon.frequent: the band below the everyday words too
        once preload read it) at least as frequent as known_zipf, without an apostrophe
        (their bare word is themselves). Lower-case: a capitalised word is one of these
        when its lower case is."""
        if self._everyday_words is None:
            words, self._all_frequent = self.lex.frequent(self.known_zipf)
            words.difference_update(_with_apostrophes(words))
            self._everyday_words = words
        return self._everyday_words

    def _may_be_typos(self, caps_keys: dict[str, str],
                      lower_keys: dict[str, str]) -> tuple[set[str], set[str]]:
        """Of these words (as written -> key, see _keys), capitalised and lower-case, those
        that check() judges: rarer than known_zipf and not passed by what _judge and check
        first ask of the word alone (a dictionary or gazetteer entry, a rare real word).
        These depend on the word only. They are looked up in every table they need at once
        (one statement)."""
        if not caps_keys and not lower_keys:
            return set(), set()
        # when the everyday words are all the words of known_zipf or more, the others are
        # rarer than the known_zipf that applies: their frequency need not be asked
        zipf_caps = not self._all_frequent
        zipf_lower = zipf_caps or self.opts["known_zipf"] < self.known_zipf
        caps_set, lower_set = set(caps_keys.values()), set(lower_keys.values())
        self.lex.prefetch_tables(
            words=(caps_set if zipf_caps else set()) | (lower_set if zipf_lower else set()),
            dictionary=caps_set | lower_set, proper=caps_set)
        return (self._not_passed(caps_keys, caps_set, zipf_caps, True),
                self._not_passed(lower_keys, lower_set, zipf_lower, False))

    def _keys(self, bare: Iterable[tuple[str, str]]) -> dict[str, str]:
        """Word as written -> lower-case key, of these (word as written, bare word) those
        that check() may judge: long enough, without an apostrophe and not everyday."""
        shortest, everyday = self.opts["min_length"], self._everyday()
        return {raw: key for raw, w in bare if len(w) >= shortest and "'" not in w
                and (key := w.lower()) not in everyday}

    def _capitals_keys(self, words: set[str]) -> dict[str, str]:
        """_keys of these capitalised words (their own bare words), lower-cased all at once
        in C and the everyday ones (most) left out in C: a word's lower case is the same
        alone or among others joined by spaces (a space is neither cased nor
        case-ignorable, so the final sigma rule reads no further)."""
        raws = list(words)
        lows = " ".join(raws).lower().split(" ")
        if len(lows) != len(raws):  # a word with a space: one by one
            return self._keys(zip(raws, raws, strict=True))
        rest = compress(zip(raws, lows, strict=True),
                        map(operator.not_, map(self._everyday().__contains__, lows)))
        shortest = self.opts["min_length"]
        return {raw: key for raw, key in rest if len(raw) >= shortest and "'" not in raw}

    def _not_passed(self, keys: dict[str, str], rarer: set[str], ask_zipf: bool,
                    proper: bool) -> set[str]:
        """Those of these words (as written -> key, see _keys) that the frequency (when
        `ask_zipf`) and the tables do not pass (see _may_be_typos); looked up already."""
        if ask_zipf:
            zipf = self.lex.zipf(rarer)
            known = self.known_zipf if proper else self.opts["known_zipf"]
            rarer = {w for w in rarer if zipf[w] < known}
            keys = {raw: w for raw, w in keys.items() if w in rarer}
        if not keys:
            return set()
        entries = self.lex.dictionary(rarer)
        if proper:  # any dictionary entry will do: see _judge
            gazetteer = self.lex.proper(rarer)
            return {raw for raw, w in keys.items() if w not in gazetteer and w not in entries}
        rare = self.lex.rare_words(rarer)  # faming, courters: real words
        return {raw for raw, w in keys.items() if w not in rare
                and not ((e := entries.get(w)) is not None and e[0])}

    def _name_followers(self, doc, suspects: list[Token]) -> set[int]:
        """Starts of suspect words right after a title (Mr, Dr) or a given name (Sidney):
        there a capitalised word is a surname, not an everyday word with a capital."""
        # capitalised suspects only: a lower-case word's verdict does not depend on it
        prev_keys = capitals_before(doc, [t.start for t in suspects if t.shape == "cap"])
        if not prev_keys:
            return set()
        names = self.lex.names_only(set(prev_keys.values()).difference(_TITLES))
        return {start for start, key in prev_keys.items() if key in _TITLES or key in names}

    def _word_options(self, t: Token, z: float, margin: float) -> dict[str, float]:
        """Lower-case neighbours: frequent dictionary words with the same first letter."""
        word, fix_zipf = t.lower, self.opts["fix_zipf"]
        if fix_zipf > 0:  # the usual case: only words wordfreq knows can be suggested
            near = {w: zw for w, zw in self.lex.near(word, max(fix_zipf, z + margin) - _SLACK)
                    .items() if w != word and zw >= fix_zipf and zw - z >= margin
                    and _plausible(word, w, z)}
        else:
            near = {w: zw for w, zw in self.lex.neighbours(word, fix_zipf).items()
                    if zw - z >= margin and w[:1] == word[:1] and _plausible(word, w, z)}
        if not near:
            return {}
        entries = self.lex.dictionary(near)
        return {match_case(w, t.text): zw for w, zw in near.items()
                if (e := entries.get(w)) is not None and e[0]}

    def _proper_options(self, t: Token, z: float, margin: float,
                        after_name: bool) -> dict[str, float]:
        """Capitalised neighbours: gazetteer words, dictionary names, very frequent words."""
        o = self.opts
        first = t.lower[:1]
        # the known words one edit away, with their zipf (those that can pass, at least):
        # for a word wordfreq knows, gazetteer words only (see the loop below)
        floor = self._proper_floor(t, z, margin) - _SLACK
        zn = self.lex.near(t.lower, floor) if z == 0 else self.lex.near_proper(t.lower, floor)
        cands = {w for w, zw in zn.items() if w[:1] == first and zw - z >= margin
                 and _plausible(t.lower, w, z)}
        if not cands:
            return {}
        options: dict[str, float] = {}
        self.lex.prefetch(cands, words=False)
        gazetteer = self.lex.proper(cands)
        entries = self.lex.dictionary(cands)
        unseen = z == 0  # wordfreq never saw the word: a name would usually be there
        odd = self._odder(t.lower)
        for w in cands:
            entry = entries.get(w)
            if w in gazetteer:
                if zn[w] >= (o["gazetteer_zipf"] if unseen else 0.0):
                    options[gazetteer[w][0]] = zn[w]
            elif not unseen:
                continue  # a rare name near a known one is usually another name
            elif entry is not None and entry[1] and not entry[0]:
                if zn[w] >= o["proper_fix_zipf"] and odd(w):
                    options[entry[1]] = zn[w]  # a name the dictionary knows: Thailand
            elif entry is not None and entry[0]:
                if len(t.text) >= o["proper_word_length"] and zn[w] >= o["proper_word_zipf"] \
                        and not after_name:
                    options[match_case(w, t.text)] = zn[w]  # a capitalised word: Department
            elif len(t.text) >= o["long_name_length"] and \
                    zn[w] >= (o["gazetteer_zipf"] if len(t.text) < o["very_long_name_length"]
                              else o["very_long_name_zipf"]) and odd(w, o["long_name_oddness"]):
                options[match_case(w, t.text)] = zn[w]  # a name only wordfreq knows
        return options

    def _proper_floor(self, t: Token, z: float, margin: float) -> float:
        """The least zipf of a candidate that _proper_options can take for `t`: those below
        it make no option, so near() need not find them."""
        o = self.opts
        if z > 0:
            return z + margin  # only gazetteer words, with no further floor
        # wordfreq never saw it: the least over the kinds of option the word may get
        floors = [o["gazetteer_zipf"], o["proper_fix_zipf"]]
        if len(t.text) >= o["proper_word_length"]:
            floors.append(o["proper_word_zipf"])
        if len(t.text) >= o["long_name_length"]:
            floors.append(o["gazetteer_zipf"] if len(t.text) < o["very_long_name_length"]
                          else o["very_long_name_zipf"])
        return max(z + margin, min(floors))

    def _odder(self, word: str):
        """A test: is `word` clearly less well-formed than the candidate it may be a slip of?
        (Scores are computed only for the candidates that get that far.)"""
        default = self.opts["oddness"]
        oddness = self.lex.oddness

        def odd(cand: str, threshold: float = default) -> bool:
            if _doubled(word, cand):
                return True  # a doubled letter is a slip of the fingers, not a new name
            scores = oddness([word, cand])
            return scores[word] - scores[cand] <= threshold
        return odd


def _spared(word: str, count: int, repeated: int) -> bool:
    """Is this capitalised word, `count` times in the article, spared whatever its spelling
    (see check)?"""
    return count >= repeated and word[:1].isascii()


def _read_pieces(pieces: set[bytes]) -> tuple[set[bytes], dict[bytes, list[str]], set[str]]:
    """(the pieces of one word of ASCII letters, the others with their words, every word)"""
    # most pieces are one word of ASCII letters, decoded all at once; the others (accents,
    # apostrophes) are read one by one
    simple = set(filter(bytes.isalpha, pieces))
    words = set(b" ".join(simple).decode("ascii").split())
    others = {piece: words_of_piece(piece) for piece in pieces.difference(simple)}
    for raws in others.values():
        words.update(raws)
    return simple, others, words


def _with_apostrophes(words: Iterable[str]) -> set[str]:
    """The words holding an apostrophe (' or ’), found with str.find in their text joined
    by newlines (no word holds one) rather than by a test of every word: few have one."""
    text = "\n" + "\n".join(words) + "\n"
    found = set()
    for mark in ("'", "’"):
        i = text.find(mark)
        while i >= 0:
            end = text.find("\n", i)
            found.add(text[text.rfind("\n", 0, i) + 1:end])
            i = text.find(mark, end)
    return found


def _doubled(word: str, cand: str) -> bool:
    """Is `word` the candidate with one letter typed twice (Peircee, Simmss)?"""
    if len(word) != len(cand) + 1:
        return False
    return any(word[i] == word[i + 1] and word[:i] + word[i + 1:] == cand
               for i in range(len(word) - 1))


def _plausible(word: str, neighbour: str, z: float) -> bool:
    """Is `word` plausibly a slip for `neighbour` rather than a word of its own?"""
    # an inflection or derivation is a word of its own: Imprezas, bests, Britains, phoney
    return not (len(word) == len(neighbour) + 1 and word.startswith(neighbour) and (
        word[-1] == "s" and neighbour[-1] != "s" or z > 0 and word[-1] in _SUFFIXES))


_MEMO_LIMIT = 200_000  # words remembered per rule before the memo starts afresh


def _start(t: Token) -> int:
    return t.start


# below the least zipf a candidate needs, against float rounding in `zw - z >= margin`
_SLACK = 1e-6

# words before a surname
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof",
                     "professor", "president", "minister", "senator", "judge", "rev",
                     "father", "sister", "brother", "captain", "general", "colonel"})

# one-letter endings that make a real word from a real word
_SUFFIXES = frozenset("sdrynl")
