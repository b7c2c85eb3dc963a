"""Figures in a sentence: money, percentages, counts, quantities, rates and proportions.

Used by the `attribution` kind. Every word it looks for comes from the cue vocabulary
(rules/attribution/data/cues.yaml); this module holds only the shapes. A number is a figure
unless its shape or its neighbours make it something else: a year, a date, a time of day,
an age, a duration, an ordinal or rank, part of a name ("G20", "Windows 11", "Section 404"),
a score ("won 2-0"). Spelled-out numbers count only with a scale word or as a proportion
("two million", "a fifth of", "one in three", "twice as many"), so "three nominations" and
"hundreds of" are not figures.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Callable, Mapping
from itertools import repeat

from editlint.kinds._fastmatch import (
    WORD_START_ASCII,
    WORD_START_WIDE,
    FoldMemo,
    Word,
    ascii_fold,
    classes_spaced,
    first_class,
    foldable,
    module_table,
    word_before_blanks,
    words_pattern,
)


class Figure:
    """A figure found (equal by value; written out, as a dataclass costs start-up time)."""

    __slots__ = ("start", "end", "_text", "_shown")

    def __init__(self, start: int, end: int, text: str | None = None,
                 shown: tuple | None = None) -> None:
        """text: what the message shows; or shown: the arguments of FigureFinder._with_hedge
        that make it (the finder first), called on first need (most figures are never
        shown: a source covers them)."""
        self.start = start
        self.end = end
        self._text = text
        self._shown = shown

    @property
    def text(self) -> str:
        """What the message shows, hedge included ("approximately 85%")."""
        text = self._text
        if text is None:
            finder, *args = self._shown
            text = self._text = finder._with_hedge(*args)
        return text

    def __eq__(self, other: object) -> bool:
        if other.__class__ is Figure:
            return (self.start, self.end, self.text) == \
                (other.start, other.end, other.text)  # type: ignore[attr-defined]
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.text))

    def __repr__(self) -> str:
        return f"Figure(start={self.start!r}, end={self.end!r}, text={self.text!r})"


# compiled from sre programs kept in the disk cache (parsing them would cost start-up time)
_P = module_table(__file__, {
    "_NUMBER": r"(?<![\w.,/:])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?",
    "_PREV_WORD": r"([^\W\d_][\w'’.-]*)[ \t]+$",
    "_NEXT_WORD": r"[ \t]*-?[ \t]*([^\W\d_][\w'’/-]*|%)",
    "_ATTACHED": r"[^\W\d_][\w/°-]*",
    "_SECOND_NUMBER": r"-(\d+(?:\.\d+)?)",
    "_APPOSITION_AFTER": r"[ \t]*(?:,|\)|and\b|or\b)",
    "_AGE_NEAR": (r"\bage[sd]?\b(?:\W+\w+){0,4}\W+$", re.I),
    "_NAME_AFTER": r"[ \t]+(?:[A-Z]|\w*\d\w*[A-Za-z])",
    "_JOINED": r"[ \t]*(?:to|and|or|-|–|and[ \t]+then)[ \t]*",
    "_DATE_LIST": r"(?:[ \t]*(?:,|and|or|to|-|–)[ \t]*\d{1,2}(?!\d))+[ \t]+([A-Z][a-z]+)",
    "_CAPITALISED_RUN": r"(?:[ \t]+([A-Z][\w.'’-]*)){0,3}",
    # (\d+ written so that it starts with a class: sre then skips to a digit in a C loop
    # instead of trying the pattern at every position; 1.5x faster on an article)
    "_DIGITS": r"\d\d*",
    "_ZEROS": r"00*",  # a run of digits in classes_spaced(text, "words")
    "_WORD_AFTER": r"[ \t]+([^\W\d_]+)",
})
_NUMBER = _P["_NUMBER"]
_PREV_WORD = _P["_PREV_WORD"]
_NEXT_WORD = _P["_NEXT_WORD"]
_ATTACHED = _P["_ATTACHED"]
_SECOND_NUMBER = _P["_SECOND_NUMBER"]
_APPOSITION_AFTER = _P["_APPOSITION_AFTER"]
_AGE_NEAR = _P["_AGE_NEAR"]
_NAME_AFTER = _P["_NAME_AFTER"]
_JOINED = _P["_JOINED"]
_DATE_LIST = _P["_DATE_LIST"]
_CAPITALISED_RUN = _P["_CAPITALISED_RUN"]
_DIGITS = _P["_DIGITS"]
_ZEROS = _P["_ZEROS"]
_ORDINAL = frozenset(("st", "nd", "rd", "th"))


def figure_sources(vocab: dict) -> dict[str, tuple[str, int]]:
    """The regexes of FigureFinder, by name, as (source, flags): built from the vocabulary
    (building them costs more than compiling; see attribution's pattern table)."""
    sources = {
        "percent_phrase": (r"[ \t]*(?:" + words_pattern(vocab["percent_words"], "") + ")", re.I),
        "hedge": ("(?:" + words_pattern(vocab["hedges"], "") + r")[ \t]+$", re.I),
    }
    # spelled-out figures are searched in every sentence: case-sensitively in the folded
    # text when the words allow (lower-case words; see _fastmatch), else case-insensitively
    folded = _spelled_folded(vocab)
    if folded:
        vocab = {**vocab, **{key: [w.lower() for w in vocab[key]] for key in _SPELLED_KEYS}}
    flags = 0 if folded else re.I
    spelled = _spelled_sources(vocab)
    sources.update((f"spelled{n}", (source, flags)) for n, source in enumerate(spelled))
    sources["after_time"] = (rf"[ \t]+(?:an?[ \t]+)?{words_pattern(vocab['time_units'])}", re.I)
    # where any of them matches (one search instead of nine finditer in most sentences):
    # they all start a word, so a character before a word followed by one (see
    # WORD_START_ASCII), or one at the start of the text
    head = r"(?<![\w-])"
    if all(source.startswith(head) for source in spelled):
        bodies = _spelled_union(vocab)
        # (the characters the bodies can start with, tested first: most words start with
        # none of them, and the search then moves on without trying nine alternatives)
        firsts = first_class(bodies, flags)
        ahead = ("" if firsts is None else f"(?={firsts})") + "(?=" + bodies + ")"
        sources["spelled_after"] = (WORD_START_ASCII + ahead, flags)
        sources["spelled_after_wide"] = (WORD_START_WIDE + ahead, flags)
        sources["spelled_at"] = (bodies, flags)
    else:
        sources["spelled_any"] = ("(?=" + "|".join(f"(?:{s})" for s in spelled) + ")", flags)
    # spelled-out figures need one of these words: skip the patterns when none occurs
    gate = list(vocab["scale_words"]) + list(vocab["fraction_words"]) + \
        list(vocab["multiplier_words"]) + ["twice", "times", "one", "per cent", "percent"]
    counts = [w for w in vocab["number_words"] if " " not in w and len(w) > 2]
    sources["spelled_gate"] = (words_pattern(gate, "") + r"|fold\b|(?:\d|" +
                               words_pattern(counts, "") + r")[ \t]+(?:in|out|to)\b", flags)
    # the words one of those patterns cannot match without, each right after a non-word
    # character: one scan of the article for them (see Scan) skips most sentences
    keys = words_pattern(_spelled_keys(vocab), "")
    # (\W written as its ASCII characters: sre tests those against a bitmap, far faster than
    # a Unicode category; the other non-word characters are looked for apart, and rarely)
    sources["keys"] = (r"[\x00-/:-@\[-^`{-\x7f](?=" + keys + ")", flags)
    sources["keys_wide"] = (WORD_START_WIDE + "(?=" + keys + ")", flags)  # (\W beyond ASCII)
    sources["keys_at_start"] = (keys, flags)
    # the same scan over classes_spaced(text, "words") (each non-word character a space),
    # with stricter keys (_spaced_keys: "two million" where the text reads "million"), found
    # there wherever a pattern matches (the text's letters, and blanks where it has white
    # space or a hyphen), when they are words of letters between single spaces (the trie's
    # first letters lead its alternatives: sre rejects each at a glance after a space)
    spaced_keys = _spaced_keys(vocab)
    if all(re.fullmatch(r"[^\W\d_]+(?: [^\W\d_]+)*", w) for w in spaced_keys):
        spaced_keys_source = words_pattern(spaced_keys, "")
        sources["keys_spaced"] = (" (?=" + spaced_keys_source + ")", flags)
        sources["keys_spaced_at_start"] = (spaced_keys_source, flags)
        # digits then "in"/"out of" and a number ("5 in 10", "1 out of every four"; pattern
        # 4 read in the spaced copy, where a run of digits reads as a run of "0" and blanks
        # as spaces): a literal-led scan, fast (digits are rare)
        numbers = words_pattern(_basic_numbers(vocab), "")
        sources["zeros_in"] = (rf"0 +(?:in|out +of) +(?:every +)?(?:0|{numbers})", flags)
    # "5 in 10", "1 out of 4": the key after digits, looked for in sentences with digits
    sources["digits_in"] = (r"\d[ \t]+(?:in|out)", flags)
    # what follows the digit there: tried at the end of each run of digits (see Runs.before)
    sources["in_after"] = (r"[ \t]+(?:in|out)", flags)
    return sources


def _spelled_folded(vocab: dict) -> bool:
    return foldable(w for key in _SPELLED_KEYS for w in vocab[key])


class FigureFinder:
    """Finds the figures in a span of text; built once per rule from the vocabulary."""

    def __init__(self, vocab: dict, patterns: Mapping[str, re.Pattern] | None = None) -> None:
        """patterns: figure_sources(vocab) compiled (compiled here when not given)."""
        if patterns is None:
            patterns = {name: re.compile(source, flags)
                        for name, (source, flags) in figure_sources(vocab).items()}
        low = _lower_set
        self.months = frozenset(w.capitalize() for w in vocab["months"])
        self.time_units = low(vocab["time_units"])
        self.fillers = low(vocab["time_unit_fillers"])
        self.time_markers = low(vocab["time_markers"])
        self.identifier_words = low(vocab["identifier_words"])
        self.age_words = low(w for w in vocab["age_words"] if " " not in w)
        self.age_suffixes = tuple(s.lower() for s in vocab["age_suffixes"])
        self.age_heads = tuple(a.lstrip("-") for a in self.age_suffixes)
        self.not_name_words = low(vocab["not_name_words"])
        self.event_nouns = low(vocab["event_nouns"])
        self.event_context = low(vocab["event_context"])
        self.currency_words = low(vocab["currency_words"])
        self.street_words = low(vocab["street_words"])
        self.clock_words = low(vocab["clock_words"])
        self.scale_suffixes = low(vocab["scale_suffixes"])
        self.units = low(vocab["units"])
        self.currency_symbols = "".join(vocab["currency_symbols"])
        self.currency_prefixes = frozenset(vocab["currency_prefixes"])
        self.prefix_tails = tuple(p for p in self.currency_prefixes if isinstance(p, str))
        # words after a number that make it a figure whatever else is near
        self.after_words = low(vocab["scale_words"]) | low(vocab["currency_words"]) | \
            low(w for w in vocab["percent_words"] if " " not in w)
        self.percent_phrase = patterns["percent_phrase"]
        self.hedge = patterns["hedge"]
        # the last words of the hedges, folded: a hedge before a figure ends with one (None:
        # some hedge does not allow that test)
        self.hedge_tails = _tails(vocab["hedges"])
        self.folded = _spelled_folded(vocab)
        self.spelled = [(patterns[f"spelled{n}"], check)
                        for n, check in enumerate(_spelled_checks(patterns["after_time"]))]
        self.spelled_any = patterns.get("spelled_any")
        self.spelled_after = patterns.get("spelled_after")
        self.spelled_after_wide = patterns.get("spelled_after_wide")
        self.spelled_at = patterns.get("spelled_at")
        self.spelled_gate = patterns["spelled_gate"]
        self.keys = patterns["keys"]
        self.keys_wide = patterns["keys_wide"]
        self.keys_at_start = patterns["keys_at_start"]
        self.keys_spaced = patterns.get("keys_spaced")
        self.keys_spaced_at_start = patterns.get("keys_spaced_at_start")
        self.zeros_in = patterns.get("zeros_in")
        self.digits_in = patterns["digits_in"]
        self.in_after = patterns.get("in_after")
        self.fold = FoldMemo()  # find() is called once per sentence: fold the article once

    # -- public ------------------------------------------------------------------------------

    def scan(self, text: str) -> Scan:
        """Where in this article figures can be: one scan for all its sentences."""
        searched = self.fold(text) if self.folded else text
        spaced = classes_spaced(searched, "words") if self.keys_spaced is not None else None
        runs = None
        if spaced is not None:
            # one scan for the keys after any non-word character (the two below together;
            # it may find more: the keys' blanks match punctuation there), and the runs of
            # digits as runs of "0" (folding keeps digits): literal-led scans, fast
            keys = [m.end() for m in self.keys_spaced.finditer(spaced)]
            runs = Runs(spaced, 0, len(spaced), _ZEROS)
            at_start = self.keys_spaced_at_start.match(spaced)
            # where a run of digits ends before "in 10", "out of four", as a key too: find()
            # then needs no _digits_in (these come after a digit, the others after a space:
            # all differ)
            ins = [m.start() + 1 for m in self.zeros_in.finditer(spaced)]
            if ins:
                keys = sorted(keys + ins)
        else:
            keys = [m.end() for m in self.keys.finditer(searched)]
            if not searched.isascii():
                wide = [m.end() for m in self.keys_wide.finditer(searched)]
                if wide:
                    keys = sorted(keys + wide)
            at_start = self.keys_at_start.match(searched)
        if at_start:
            keys.insert(0, 0)
        return Scan(text, keys, runs, digits_in=spaced is not None)

    def find(self, text: str, start: int, end: int, scan: Scan | None = None,
             runs: Runs | None = None) -> list[Figure]:
        """The figures in text[start:end]; `scan` (of this text) skips what cannot hold one,
        and `runs` are the runs of digits of a span around this one (by default the scan's,
        of the whole article)."""
        if runs is None:
            runs = Runs(text, start, end) if scan is None else scan.runs
        numbers = runs.numbers(text, start, end)
        if scan is None:
            spelled = True
        else:
            digits = bool(numbers) or runs.any(start, end)
            spelled = scan.words(start, end) or (digits and not scan.digits_in and
                                                 self._digits_in(text, start, end, runs))
            if not spelled and not digits:
                return []
        found: list[Figure] = []
        last_end = -1
        last_kept = True
        for m in numbers:
            fig = self._digits(text, m, start, end)
            if fig is not None and not last_kept and _JOINED.fullmatch(text, last_end, m.start()) \
                    and not self._figure_after(text[m.end():m.end() + 16]):
                fig = None  # "from 60 to 65", "in 1998 and 2004": the first number decides
            if fig is not None:
                found.append(fig)
            last_end, last_kept = m.end(), fig is not None
        if not spelled:
            return found  # the numbers' figures, in order
        searched = self.fold(text) if self.folded else text
        starts = self._spelled_starts(searched, start, end)
        if not starts or not self.spelled_gate.search(searched, start, end):
            return found
        for pattern, check in self.spelled:
            for m in _matches_at(pattern, searched, starts, end):
                if searched is not text:
                    m = _Span(text, m.start(), m.end())  # the checks read the text as written
                if m.start() > start and any(w[:1].isupper() for w in m.group().split()[1:]):
                    continue  # the Ford Five Hundred: a name
                if check is None or check(text, m, start, end):
                    found.append(Figure(m.start(), m.end(),
                                        shown=(self, text, m.start(), m.end(), start)))
        found.sort(key=lambda f: f.start)
        return found

    def _digits_in(self, text: str, start: int, end: int, runs: Runs) -> bool:
        """digits_in.search(searched, start, end) is not None ("5 in 10"), tried only at the
        end of each run of digits in the span: the digit before the blanks ends its run
        (folding keeps digits), and it lies in the span when its run ends after start."""
        searched = self.fold(text) if self.folded else text
        if self.in_after is None:
            return self.digits_in.search(searched, start, end) is not None
        ends = runs.ends
        for i in range(bisect.bisect_right(ends, start), len(ends)):
            if ends[i] >= end:
                return False
            if self.in_after.match(searched, ends[i], end) is not None:
                return True
        return False

    def _spelled_starts(self, searched: str, start: int, end: int) -> list[int]:
        """Where any spelled-figure pattern matches in searched[start:end], increasing (the
        patterns' matches can start nowhere else: see _matches_at). Each pattern starts with
        (?<![\\w-]): spelled_after (a character before a word, ASCII) or spelled_after_wide
        (the others) ends where a pattern matches, spelled_at at the start of the text."""
        if self.spelled_any is not None:  # (zero-width: one match at each such position)
            return [m.start() for m in self.spelled_any.finditer(searched, start, end)]
        pos = max(start - 1, 0)
        found = [m.end() for m in self.spelled_after.finditer(searched, pos, end)]
        # a character before a word that is not ASCII only where there is one (str.isascii()
        # reads a flag of the string: asking the whole article first costs nothing)
        if not searched.isascii() and not searched[pos:end].isascii():
            wide = [m.end() for m in self.spelled_after_wide.finditer(searched, pos, end)]
            if wide:
                found = sorted(found + wide)  # (disjoint: the characters before differ)
        if start == 0 and self.spelled_at.match(searched, 0, end):
            found.insert(0, 0)
        return found

    # -- digits ------------------------------------------------------------------------------

    def _digits(self, text: str, m: re.Match, start: int, end: int) -> Figure | None:
        s, e = m.span()
        raw = m.group()
        base = s - 48 if s - 48 > start else start  # the words just before matter, no more
        before = text[base:s]
        prev_char = before[-1:]
        money = prev_char != "" and prev_char in self.currency_symbols
        if not money and prev_char in ("'", "’"):
            return None  # '90s
        if prev_char in "-–" and (before[-2:-1].isdigit() or before[-2:-1] == "%"):
            return None  # the second number of a range or score: the first one decides
        if not money and (prev_char.isalpha() or (prev_char == "-" and before[-2:-1].isalpha())):
            return None  # MP3, F-16, Covid-19
        # _prev_word(before), called straight (the regex was slow: it tried every start), only
        # after a blank ("£5", "(5": no word before blanks), and only when read: here when it
        # can be a currency prefix (see _may_end_in_prefix), else after the refusals that need
        # no word (a year, a date, a duration: a third of all numbers)
        unread = prev_char in " \t\n"
        pw = None
        if unread and not money and self._may_end_in_prefix(before):
            pw, unread = word_before_blanks(before, "_'’.-"), False
            money = pw is not None and pw[1] in self.currency_prefixes
        cut = e  # end of the figure as shown
        # (a letter after the number or none: \w minus digits and _ is within str.isalnum())
        attached = _ATTACHED.match(text, e, end) if text[e:e + 1].isalnum() else None
        unit = False
        if attached:
            suffix = attached.group().lower()
            head = suffix.split("-")[0].split("/")[0]
            if suffix.startswith(self.age_heads):
                return None
            if head in _ORDINAL or head == "s":
                return None  # 21st, 1990s, over-50s
            if head in ("am", "pm") or head in self.time_markers and head not in self.units:
                return None
            if head not in self.scale_suffixes and head not in self.units or \
                    (len(head) == 1 and attached.group()[0].isupper() and head not in "kcf"):
                return None  # 3G, 4x4
            unit = True
            cut = e + len(head)
            if head == "m" and not money and "." not in raw and self._sport_event(
                    text, word_before_blanks(before, "_'’.-") if unread else pw, cut, end):
                return None  # the 800m final, Olympic 200m silver
        nxt_char = text[e:e + 1]
        if not unit and nxt_char in "-–":
            compound = _ATTACHED.match(text, e + 1, end)
            if compound:
                word = compound.group().lower()
                if word.split("-")[0] in self.time_units or ("-" + word).startswith(self.age_suffixes):
                    return None  # a 24-hour strike, a 71-year-old
            second = _SECOND_NUMBER.match(text, e, end)
            if second and not money:
                after2 = text[second.end():second.end() + 12]
                if not self._figure_after(after2):
                    return None  # a score (2-0, 6-4) or a season (2004-05)
        if not unit and nxt_char in ("/", ":"):
            return None  # 9/11, 24/7, 10:30
        nw = _NEXT_WORD.match(text, cut, end)
        pm = self.percent_phrase.match(text, cut, end)
        next_word = nw[1] if nw else ""
        nlow = next_word.lower()
        # a quantity follows: _figure_after(text[cut:end]), from the matches made here
        strong = money or unit or text[cut:cut + 1] == "%" or pm is not None or (
            nw is not None and (nlow in self.after_words or (nlow in self.units and len(nlow) > 1)))
        is_int = raw.isdigit()
        # the shape-only refusals first (a year is the commonest number that is no figure);
        # every refusal below returns None too, so their order does not change the result
        if is_int and not strong and (
                (len(raw) == 4 and 1000 <= int(raw) <= 2099)  # a year
                or (len(raw) > 1 and raw[0] == "0")  # '03 Bonnie and Clyde, 007
                or (text[e:e + 1] in "-/" and text[e + 1:e + 3].isdigit())):  # 2004-05, 2004/05
            return None
        if nlow in self.time_markers and not money:
            return None  # 1300 GMT, 9 am
        if next_word in self.months or (not strong and next_word[:3].capitalize() in self.months
                                        and next_word.istitle() and len(next_word) <= 4):
            return None  # 23 March
        if not money and not strong and len(raw) <= 2:
            listed = _DATE_LIST.match(text, e, end)
            if listed and listed[1] in self.months:
                return None  # on 14, 20 and 27 April
        if not money and next_word[:1].isupper() and nw.start(1) == e + 1 and not unit:
            if nlow in self.currency_words or next_word.endswith(("'s", "’s")):
                return None  # 50 Cent, 50 Cent's album
            street = _CAPITALISED_RUN.match(text, nw.end(), end)
            last = street[1] if street and street[1] else next_word
            if last.lower().rstrip(".") in self.street_words:
                return None  # 10 Downing Street
        if unread:
            pw = word_before_blanks(before, "_'’.-")
        prev_word = pw[1] if pw else ""
        if not money and prev_word.rstrip(".").capitalize() in self.months and prev_word[:1].isupper():
            return None  # March 23, Nov. 23, March 2005
        if is_int and len(raw) == 4 and not strong and int(raw[:2]) < 24 and int(raw[2:]) < 60 \
                and prev_word.lower() in self.clock_words:
            return None  # a curfew between 2200 and 0700
        # (_is_duration, read from the next word already lower-cased, unless it is a filler)
        if not money and nw is not None and (nlow.rstrip("'’") in self.time_units
                                             if nlow not in self.fillers else
                                             self._is_duration(text, nw, end)):
            return None
        if not strong:
            plow = prev_word.lower().rstrip(".") if prev_word else ""
            if plow in self.identifier_words or prev_word.lower() in self.identifier_words:
                return None  # page 12, No 10, section 404
            if plow in self.age_words or ("age" in before[-30:].lower()
                                          and _AGE_NEAR.search(before[-30:])):
                return None  # aged 44, the pension age from 60 to 65
            apposition = _apposition(before) if is_int and len(raw) <= 3 else None
            if apposition and int(raw) < 120 and (
                    text[e:e + 1] == "," or (apposition.isupper()
                                             and _APPOSITION_AFTER.match(text, e, end))):
                return None  # Dawn Sturgess, 44, / the film-maker, 68,
            if is_int and before.endswith("(") and text[e:e + 1] == ")" and int(raw) < 120 and \
                    re.search(r"[A-Z][\w'’-]*\s*\($", before):
                return None  # Jane Smith (44)
            if prev_word and prev_word[0].isupper() and "," not in raw and \
                    prev_word.lower() not in self.not_name_words and pw.end() == len(before):
                if not prev_word.endswith(("'s", "’s", "s'")):
                    return None  # Windows 11, Radio 1, TFC 101 Tower
                if _NAME_AFTER.match(text, e, end):
                    return None  # Sharp's 902 3G phone, Boeing's 787 Dreamliner
        shown_end = cut
        if nw and (nlow in self.after_words or (not strong and next_word.islower()
                                                 and nlow not in self.time_units)):
            shown_end = nw.end()
        if pm:
            shown_end = max(shown_end, pm.end())
        shown_start = s - 1 if money else s
        if money and pw and pw[1] in self.currency_prefixes and pw.end() == len(before) - 1:
            shown_start = base + pw.start(1)
        return Figure(s, e, shown=(self, text, shown_start, shown_end, start))

    def _may_end_in_prefix(self, before: str) -> bool:
        """May the word before the blanks closing `before` (word_before_blanks) be a currency
        prefix? It ends where those blanks (and a final newline) begin, so `before` stripped
        of them ends with it."""
        return before.rstrip(" \t\n").endswith(self.prefix_tails)

    def _sport_event(self, text: str, pw: Word | None, cut: int, end: int) -> bool:
        nw = _NEXT_WORD.match(text, cut, end)
        if nw and nw[1].lower() in self.event_nouns:
            return True
        return bool(pw) and pw[1].lower() in self.event_context

    def _figure_after(self, after: str) -> bool:
        """Does the text right after a number make it a quantity (%, million, dollars ...)?"""
        if after[:1] == "%":
            return True
        if self.percent_phrase.match(after):
            return True
        nw = _NEXT_WORD.match(after)
        if not nw:
            return False
        word = nw[1].lower()
        return word in self.after_words or (word in self.units and len(word) > 1)

    def _is_duration(self, text: str, nw: re.Match | None, end: int) -> bool:
        """Does a time unit follow (nw: the next word's match)?"""
        if not nw:
            return False
        word = nw[1].lower()
        if word in self.fillers:
            nw2 = _NEXT_WORD.match(text, nw.end(), end)
            word = nw2[1].lower() if nw2 else ""
        word = word.rstrip("'’")
        return word in self.time_units

    def _with_hedge(self, text: str, s: int, e: int, start: int) -> str:
        # a hedge ends at s only after a blank, with one of the hedge tails before that
        if s > start and text[s - 1] in " \t" and (self.hedge_tails is None or ascii_fold(
                text[max(start, s - 30):s].rstrip(" \t")).endswith(self.hedge_tails)):
            h = self.hedge.search(text, max(start, s - 30), s)
            if h and h.end() == s:
                s = h.start()
        return " ".join(text[s:e].split())


def _prev_word(before: str) -> Word | None:
    """_PREV_WORD.search(before), without trying every start (see word_before_blanks)."""
    return word_before_blanks(before, "_'’.-")


def _apposition(before: str) -> str | None:
    """The first character of re.search(r"[^\\W\\d_][\\w'’-]*,[ \\t]+$", before) ("Dawn
    Sturgess, "), or None: found as _prev_word finds its word, with a comma before the
    blanks."""
    stop = len(before) - 1 if before.endswith("\n") else len(before)
    comma = len(before[:stop].rstrip(" \t"))
    if comma == stop or comma == 0 or before[comma - 1] != ",":
        return None  # no blank before the end, or no comma before the blanks
    end = comma - 1
    run = end
    while run > 0 and (before[run - 1].isalnum() or before[run - 1] in "_'’-"):
        run -= 1
    for begin in range(run, end):
        char = before[begin]
        if char.isalnum() and not char.isdecimal():  # [^\\W\\d_]
            return char
    return None


class Scan:
    """Where in one article figures can be, from one pass over the whole article.

    A figure in digits has a digit. Each spelled-figure pattern holds one of its key words
    (_spelled_keys; _spaced_keys in the spaced copy of the article), or a digit and
    "in"/"out" ("5 in 10": a key too where the digits end, with digits_in), and every key
    stands right after a non-word character, where the scan finds it: a sentence holding no
    key start (and no digit) holds no spelled figure. The runs of digits are found once for
    the whole article too (on first need), instead of once per paragraph.
    """

    __slots__ = ("text", "keys", "digits_in", "_runs", "_hot")

    def __init__(self, text: str, keys: list[int], runs: Runs | None = None,
                 digits_in: bool = False) -> None:
        """digits_in: the keys hold too where each run of digits followed by blanks and
        "in"/"out" ends (else find() looks for those sentence by sentence)."""
        self.text = text
        self.keys = keys  # where key words start, increasing
        self.digits_in = digits_in
        self._runs = runs  # found on first need when not given
        self._hot: Callable[[int, int], bool] | None = None  # see hot

    @property
    def runs(self) -> Runs:
        """The runs of digits of the whole article. For a span inside it, numbers() and any()
        answer as with the span's own runs: numbers() refuses a run cut by the span's start
        as it refuses one that starts before it, and the span's end cuts the match."""
        runs = self._runs
        if runs is None:
            runs = self._runs = Runs(self.text, 0, len(self.text))
        return runs

    def digits(self, start: int, end: int) -> bool:
        """Is there a digit in text[start:end]?"""
        return self.runs.any(start, end)

    def words(self, start: int, end: int) -> bool:
        """Does a key word start in text[start:end]?"""
        i = bisect.bisect_left(self.keys, start)
        return i < len(self.keys) and self.keys[i] < end

    @property
    def hot(self) -> Callable[[int, int], bool]:
        """hot(start, end): words(start, end) or digits(start, end), with one bisection: the
        key starts (as spans of one character) and the runs of digits are disjoint spans,
        so sorted by start they are sorted by end too, and the first span ending after
        start is the first that can reach into [start, end). (Should some key start inside
        a run, the two tests are made apart.) Made once per article, its lists bound to it:
        it answers each of an article's paragraphs and sentences."""
        hot = self._hot
        if hot is None:
            hot = self._hot = self._make_hot()
        return hot

    def _make_hot(self) -> Callable[[int, int], bool]:
        runs = self.runs
        keys = self.keys
        # the starts and the ends sorted apart (each list merges two sorted ones: C-level):
        # when every start is at or after the end before it, the spans (none empty) are
        # disjoint and paired in order; else some span would end before it starts (map
        # pairs each start with the end before it)
        starts = sorted(keys + runs.starts)
        ends = sorted([*map(_NEXT, keys), *runs.ends])
        if not all(map(operator.ge, starts[1:], ends)):
            return lambda start, end: self.words(start, end) or self.digits(start, end)
        n = len(starts)
        bisect_right = bisect.bisect_right

        def hot(start: int, end: int) -> bool:
            i = bisect_right(ends, start)
            return i < n and starts[i] < end

        return hot


_NEXT = (1).__add__
_START = re.Match.start
_END = re.Match.end


class Runs:
    """The runs of digits in text[start:end] (an article), found once for its sentences."""

    __slots__ = ("starts", "ends", "_numbers")

    def __init__(self, text: str, start: int, end: int, digits: re.Pattern | None = None) -> None:
        """digits: the pattern of a run (_DIGITS; _ZEROS over classes_spaced text)."""
        found = list((digits or _DIGITS).finditer(text, start, end))
        self.starts = list(map(_START, found))
        self.ends = list(map(_END, found))  # increasing too: runs do not overlap
        # every number of the text numbers() was last asked about, and their starts
        self._numbers: tuple[str, list[re.Match], list[int]] | None = None

    def any(self, start: int, end: int) -> bool:
        """Is there a digit in [start, end)?"""
        i = bisect.bisect_right(self.ends, start)  # the first run that ends after start
        return i < len(self.starts) and self.starts[i] < end

    def numbers(self, text: str, start: int, end: int) -> list[re.Match]:
        """_NUMBER.finditer(text, start, end), tried only where a run of digits starts: a
        number starts a run (its look-behind refuses a digit before it), and the runs that
        start inside a number follow a digit, a comma or a point, which the look-behind
        refuses too. (A run cut by `start` is refused the same way.)

        The numbers of the whole text are matched once (a text's sentences ask in turn) and
        each span takes those that start in it: the look-behind reads the same characters
        whatever the end, and a match that ends by `end` is the one made with the text cut
        there (cutting only takes away what it did not match); only the last number of the
        span can run past its end, and is matched again, cut."""
        every = self._numbers
        if every is None or every[0] is not text:
            found = list(filter(None, map(_NUMBER.match, repeat(text), self.starts)))
            every = self._numbers = (text, found, list(map(_START, found)))
        _, found, starts = every
        first = bisect.bisect_left(starts, start)
        numbers = found[first:bisect.bisect_left(starts, end, first)]
        if numbers and numbers[-1].end() > end:
            numbers[-1] = _NUMBER.match(text, numbers[-1].start(), end)
        return numbers


# ---------------------------------------------------------------------------------------------
# spelled-out figures


class _Span:
    """A match found in the folded text, read in the text as written (start, end, group)."""

    __slots__ = ("text", "_start", "_end")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self._start, self._end = text, start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self) -> str:
        return self.text[self._start:self._end]


def _matches_at(pattern: re.Pattern, searched: str, starts: list[int], end: int):
    """pattern.finditer(searched, starts[0], end), trying the pattern only at `starts`
    (where every match of it starts): each match at a start, the next tried from its end,
    as finditer moves on (the patterns match no empty string)."""
    last = 0
    for pos in starts:
        if pos >= last:
            m = pattern.match(searched, pos, end)
            if m is not None:
                last = m.end()
                yield m


_SPELLED_KEYS = ("number_words", "scale_words", "percent_words", "fraction_words",
                 "multiplier_words")


def _basic_numbers(vocab: dict) -> list[str]:
    """The number words that can join others ("twenty-one"): one word, not "a"."""
    return [w for w in vocab["number_words"] if " " not in w and w not in ("a", "an")]


def _spelled_keys(vocab: dict) -> list[str]:
    """Words (or phrases) one of which every match of a spelled-figure pattern holds, each
    right after a non-word character (see _spelled_patterns, pattern by pattern): the scale
    word; the per-cent word; the fraction (after a space or hyphen); "half"; a number word
    then "in"/"out" (after digits: Scan leaves those to FigureFinder.digits_in); "to one";
    "twice"; "times"; the multiplier word, or "fold" after a hyphen."""
    return [*vocab["scale_words"], *(w for w in vocab["percent_words"] if w != "%"),
            *vocab["fraction_words"], "half",
            *(f"{b} {w}" for b in _basic_numbers(vocab) for w in ("in", "out")), "to one",
            "twice", "times", *(w for w in vocab["multiplier_words"] if w != "twice"), "fold"]


def _spaced_keys(vocab: dict) -> list[str]:
    """_spelled_keys made stricter where a pattern fixes the word next to its key, for the
    scan over classes_spaced text, where a hyphen reads as a space: the scale word with the
    number word (or "hundred", "hundred and") before it; the fraction with the number word
    (or "a") before it, the last part of a compound ("twenty-one thirds") standing right
    after its hyphen; "twice" and "times" with the word after. (Most articles say "$5
    million", "the third quarter", "at times": no sentence to search for these.)"""
    scale = [f"{n} {w}" for n in [*vocab["number_words"], "hundred", "hundred and"]
             for w in vocab["scale_words"]]
    fractions = [f"{n} {w}" for n in [*_basic_numbers(vocab), "a"] for w in vocab["fraction_words"]]
    made_strict = {*vocab["scale_words"], *vocab["fraction_words"], "twice", "times"} - {"half"}
    return [*(k for k in _spelled_keys(vocab) if k not in made_strict), *scale, *fractions,
            *(f"twice {w}" for w in _TWICE_FOLLOWERS), *(f"times {w}" for w in _TIMES_FOLLOWERS)]


# the words after "twice" and "N times" that make them a proportion
_TWICE_FOLLOWERS = ("as", "the", "that", "its", "their", "his", "her", "what", "this", "these",
                    "those", "than", "more", "over")
_TIMES_FOLLOWERS = ("as", "more", "less", "higher", "lower", "bigger", "larger", "greater",
                    "smaller", "faster", "slower", "the", "that", "what", "its", "their")


def _spelled_pieces(vocab: dict) -> dict[str, str]:
    """The parts the spelled-figure patterns are made of (see _spelled_sources)."""
    basic = words_pattern(_basic_numbers(vocab), "")
    return {
        "num": words_pattern(list(vocab["number_words"]), ""),
        "nc": f"(?:{basic})(?:-(?:{basic}))?",  # a number word, or two joined ("twenty-one")
        "scale": words_pattern(vocab["scale_words"], r"(?![\w-])"),
        "percent": words_pattern([w for w in vocab["percent_words"] if w != "%"]),
        "fractions": words_pattern(vocab["fraction_words"], ""),
        "mult": words_pattern([w for w in vocab["multiplier_words"] if w != "twice"]),
        "twice": "|".join(_TWICE_FOLLOWERS),
        "times": "|".join(_TIMES_FOLLOWERS),
    }


def _spelled_sources(vocab: dict) -> list[str]:
    """The sources of the patterns for figures written in words (their checks: see
    _spelled_checks, in the same order).

    Every pattern starts at a non-word character's end and holds a key (_spelled_keys, and
    _spaced_keys as the spaced text reads it): keep the three in step, and _spelled_union."""
    p = _spelled_pieces(vocab)
    num, nc = p["num"], p["nc"]
    return [
        # two million, a billion, one and a half million, five hundred thousand
        rf"(?<![\w-])(?:{num}|{nc})[ \t]+(?:hundred[ \t]+(?:and[ \t]+)?)?{p['scale']}",
        # five per cent
        rf"(?<![\w-])(?:{nc})[ \t]+{p['percent']}",
        # two-thirds, three quarters of, a fifth of
        rf"(?<![\w-])(?:{nc}|a)[ \t-]+(?:{p['fractions']})(?![\w-])",
        # half of the staff, more than half
        r"(?<![\w-])half(?![\w-])",
        # one in three, 1 in 4, one out of every five
        rf"(?<![\w-])(?:{nc}|\d+)[ \t]+(?:in|out[ \t]+of)[ \t]+(?:every[ \t]+)?"
        rf"(?:{nc}|\d+)(?![\w-])",
        # two to one
        rf"(?<![\w-])(?:{nc})[ \t]+to[ \t]+one(?![\w-])",
        # twice as many, twice the size (not "twice a week")
        rf"(?<![\w-])twice[ \t]+(?:{p['twice']})(?![\w-])",
        # three times as many, ten times the
        rf"(?<![\w-])(?:{nc}|\d+)[ \t]+times[ \t]+(?:{p['times']})"
        r"(?![\w-])",
        # fourfold, 10-fold
        rf"(?<![\w-])(?:{p['mult']}|\d+-fold|(?:{nc})-fold)",
    ]


def _spelled_union(vocab: dict) -> str:
    """What follows (?<![\\w-]) in any of _spelled_sources' patterns, as one alternation
    with the number word read once: a match of it starts exactly where some pattern
    matches (sre walks the number-word trie once instead of once per pattern)."""
    p = _spelled_pieces(vocab)
    nc = p["nc"]
    hundred_scale = rf"[ \t]+(?:hundred[ \t]+(?:and[ \t]+)?)?{p['scale']}"
    in_every = rf"[ \t]+(?:in|out[ \t]+of)[ \t]+(?:every[ \t]+)?(?:{nc}|\d+)(?![\w-])"
    times = rf"[ \t]+times[ \t]+(?:{p['times']})(?![\w-])"
    after_nc = "|".join((hundred_scale, rf"[ \t]+{p['percent']}",
                         rf"[ \t-]+(?:{p['fractions']})(?![\w-])", in_every,
                         r"[ \t]+to[ \t]+one(?![\w-])", times, "-fold"))
    return "|".join((
        f"{nc}(?:{after_nc})",  # patterns 0, 1, 2, 4, 5, 7, 8 after a number word
        f"{p['num']}{hundred_scale}",  # 0 after the other number words ("half a", "a")
        rf"a[ \t-]+(?:{p['fractions']})(?![\w-])",  # 2
        r"half(?![\w-])",  # 3
        rf"\d+(?:{in_every}|{times}|-fold)",  # 4, 7, 8 after digits
        rf"twice[ \t]+(?:{p['twice']})(?![\w-])",  # 6
        p["mult"],  # 8
    ))


def _spelled_checks(after_time: re.Pattern) -> list:
    """The extra check (or None) of each spelled-figure pattern, in _spelled_sources' order."""
    return [None, None, _fraction_ok, _half_checker(after_time), None,
            lambda t, m, s, e: not m.group().lower().startswith("one"), None, None, None]


_FRACTION_FOLLOWERS = frozenset(
    "of the more less fewer as than were are was is its their his her".split())
_WORD_AFTER = _P["_WORD_AFTER"]


def _fraction_ok(text: str, m: re.Match, start: int, end: int) -> bool:
    """'a third of', 'two-thirds' yes; 'a third time', 'the fourth quarter' no."""
    words = re.split(r"[ \t-]+", m.group().lower())
    if words[-1].endswith("s") and words[0] not in ("a", "one"):
        return True  # two-thirds, three quarters
    nw = _WORD_AFTER.match(text, m.end(), end)
    if nw and nw[1].lower() in _FRACTION_FOLLOWERS:
        return True
    pw = _PREV_WORD.search(text, start, m.start())
    return bool(pw) and pw[1].lower() in ("by", "than", "almost", "nearly", "about", "around",
                                          "roughly", "just", "only")  # cut by a third


_HALF_BEFORE = frozenset(
    "first second latter former other back front top bottom lower upper this that a and "
    "one each every".split())
_HALF_AFTER_OK = frozenset("of the a its their his her all them those these".split())


def _half_checker(after_time: re.Pattern):

    def check(text: str, m: re.Match, start: int, end: int) -> bool:
        pw = _PREV_WORD.search(text, start, m.start())
        if pw and pw[1].lower() in _HALF_BEFORE:
            return False  # second half, a half, one and a half
        if after_time.match(text, m.end(), end):
            return False  # half an hour, half a season
        nw = _WORD_AFTER.match(text, m.end(), end)
        if nw and nw[1].lower() in _HALF_AFTER_OK:
            return True
        # "by half", "more than half." ; "cut in half"
        return bool(pw) and pw[1].lower() in ("than", "by", "almost", "nearly", "about",
                                              "around", "over", "under", "roughly", "in")

    return check


def _tails(words) -> tuple[str, ...] | None:
    """The last word of each phrase, ASCII-folded (what re.IGNORECASE equates, when the
    words are ASCII and end in a letter); None when some phrase does not allow that."""
    words = [w for w in words if isinstance(w, str)]
    tails = tuple(ascii_fold(w.split()[-1]) for w in words if w.split())
    if len(tails) < len(words) or not foldable(words) or \
            not all(t.isascii() and t[-1:].isalpha() for t in tails):
        return None
    return tails


def _lower_set(words) -> frozenset[str]:
    return frozenset(w.lower() for w in words if isinstance(w, str))
