"""titles: a title next to a person's name, checked against a dated roster of officeholders.

"former U.S. President Donald Trump" in December 2025 is wrong (he took office again on
2025-01-20); "German Chancellor Olaf Scholz" after 2025-05-06 needs "former"; "French
President Vladimir Putin" names an office he never held. The article's date is ctx.date.

Forms read: [modifier] [place] ROLE [of PLACE] [,] NAME ("former U.S. President Donald
Trump", "France's President Macron", "President of Finland Alexander Stubb",
"Secretary [Marco] Rubio") and the apposition NAME, [the] [modifier] [place] ROLE
("Merz, the German chancellor,"). Names match the roster exactly (folded: case, accents,
initials), by surname alone, or with a surname one or two edits away.

A rule with `report: verify` says instead "verify this title" (info) for a title the roster
cannot judge (unknown person, or an office the roster does not list for them), and only
when the config switches it on (settings: titles_verify_unknown: true).
"""

from __future__ import annotations

import bisect
import datetime as _dt
import re
from pathlib import Path

from editlint.findings import Match
from editlint.kinds import _fastmatch
from editlint.kinds._distance import distance as edit_distance
from editlint.kinds._fastmatch import (
    FoldMemo,
    ascii_fold,
    classes_spaced,
    code_version,
    compiled_table,
    foldable,
    module_table,
    trie_source,
    word_before_blanks,
)
from editlint.kinds._roster import (
    PARTICLES,
    Person,
    Roster,
    Term,
    cached_roster,
    fold,
    name_key,
)
from editlint.kinds.base import Kind, Opt

# modifiers before a title, by what they claim
_PAST = {"former", "ex", "erstwhile", "one-time", "onetime", "previous"}
_PRESENT = {"current", "sitting", "incumbent", "serving", "new"}
# historical, transitional or provisional: the roster cannot judge these, stay quiet
_SKIP = {"then", "late", "acting", "interim", "caretaker", "outgoing", "incoming", "future",
         "designate", "designated", "deputy", "vice", "junior", "shadow", "assistant", "under",
         "lord", "first", "prime", "press", "chief", "permanent", "parliamentary", "cabinet",
         "private", "general", "executive", "principal", "senior", "dr", "mr", "ms", "mrs"}
_MODIFIERS = sorted(_PAST | _PRESENT | {"then", "late", "acting", "interim", "caretaker",
                                        "outgoing", "incoming", "future"}, key=len, reverse=True)
_HONORIFICS = {"sir", "dame", "dr", "lord", "lady", "baroness", "baron", "mr", "mrs", "ms",
               "sheikh", "king", "queen", "general", "gen"}
# compiled from sre programs kept in the disk cache (parsing them would cost start-up time)
_P = module_table(__file__, {
    "name_token": r"\[?([^\W\d_][\w'’\-]*)(\.?)\]?",
    "gap": r",?[ \t\u00a0]+",
    "space": r"[ \t\u00a0]+|\s",
    "after_role_bad": (r"(?:['’]s\b|-(?:elect|designate|in-waiting)\b|\s+(?:of|for|to)\b)",
                       re.IGNORECASE),
    "sentence_start": r"(?:^|[.!?:;\"“”‘(]\s*)$",
    "letter_run": r"[a-z]+",
})
_NAME_TOKEN = _P["name_token"]
_GAP = _P["gap"]
_SPACE = _P["space"]
_AFTER_ROLE_BAD = _P["after_role_bad"]
_SENTENCE_START = _P["sentence_start"]
_LETTER_RUN = _P["letter_run"]


class Claim:
    """One title + name found in the text (written out: a dataclass costs start-up time)."""

    __slots__ = ("start", "end", "modifier", "mod_start", "mod_end", "title_start", "title_end",
                 "title_text_start", "place", "role", "tokens", "apposition")

    def __init__(self, start: int, end: int, modifier: str | None, mod_start: int, mod_end: int,
                 title_start: int, title_end: int, title_text_start: int, place: str | None,
                 role: str, tokens: list[tuple[str, int, int]], apposition: bool = False) -> None:
        self.start = start  # span of the whole phrase
        self.end = end
        self.modifier = modifier  # folded: "former", "then", ...
        self.mod_start = mod_start  # span of the modifier (with its hyphen or space)
        self.mod_end = mod_end
        self.title_start = title_start  # where "former" would go (before the place
        # adjective, after "X's")
        self.title_end = title_end  # end of role (and "of PLACE")
        self.title_text_start = title_text_start  # start of place adjective / role, for
        # replacing the title
        self.place = place
        self.role = role
        self.tokens = tokens  # name tokens (raw text, start, end)
        self.apposition = apposition

    def __repr__(self) -> str:
        inner = ", ".join(f"{f}={getattr(self, f)!r}" for f in self.__slots__)
        return f"Claim({inner})"


class Titles(Kind):
    name = "titles"
    default_quotes = "skip"
    options = {
        "offices": Opt("path", None, doc="offices file (roles, places, offices); default: built-in"),
        "roster": Opt("path", None, doc="roster file (people with dated terms); default: built-in"),
        "extra_roster": Opt("path-list", [], doc="more roster/offices files merged into the "
                                                  "built-in ones (a newsroom's own people)"),
        "builtin": Opt("bool", True, doc="load the built-in offices and roster too"),
        "report": Opt("str", "judge", choices=("judge", "verify"),
                      doc="judge: errors against the roster; verify: 'verify this title' infos "
                          "for what the roster cannot judge (needs settings: "
                          "titles_verify_unknown: true)"),
        "fuzzy": Opt("bool", True, doc="match misspelt surnames (1-2 edits) to the roster"),
    }

    def __init__(self, rule) -> None:
        super().__init__(rule)
        office_files: list[Path] = []
        roster_files: list[Path] = []
        if self.opts["builtin"]:
            from editlint.engine import builtin_rules_dir  # rules/ or, installed, editlint/rules

            data = builtin_rules_dir() / "titles" / "data"
            office_files.append(data / "offices.yaml")
            roster_files.append(data / "roster.yaml")
        if self.opts["offices"]:
            office_files.append(Path(self.opts["offices"]))
        if self.opts["roster"]:
            roster_files.append(Path(self.opts["roster"]))
        roster_files.extend(Path(p) for p in self.opts["extra_roster"])
        # the roster is read when an article first needs it (most have no title to judge):
        # a pattern table found in the cache was built from these very files, so they read
        # without error; on a miss, building the table reads (and validates) them now
        self._files = (office_files, roster_files)
        self._roster: Roster | None = None
        self._runs: int | None = None
        self._tail_words: tuple[tuple[str, ...], tuple[str, ...], int] | None = None
        # the patterns are built and compiled once per version of the files (and of the code
        # that builds them), then read from the disk cache: building them costs more than
        # checking an article
        files = [*office_files, *roster_files]
        if files:
            key = repr([(str(p.resolve()), p.stat().st_mtime_ns, p.stat().st_size)
                        for p in files]) + code_version(__file__, _fastmatch.__file__)
            patterns = compiled_table(files[-1], key, lambda: _pattern_sources(self.roster))
        else:
            patterns = {name: re.compile(source, flags)
                        for name, (source, flags) in _pattern_sources(self.roster).items()}
        self.pattern: re.Pattern = patterns["title"]
        self.role_gate: re.Pattern | None = patterns.get("gate")
        # where role phrasings start in a whole article (see _role_starts), and how many
        # runs of white space can stand between a title match's start and its role
        self._role_scans: tuple[re.Pattern, re.Pattern] | None = \
            (patterns["role_after"], patterns["role_at"]) if "role_after" in patterns else None
        self._role_spaced: re.Pattern | None = patterns.get("role_spaced")
        self._roles_of: tuple[str, list[int]] = ("", [])
        self._close: dict[str, list[list[int]]] = {}
        self._surnames_by_letter: dict[str, list[tuple[str, list[int], int, frozenset[str]]]] | None = None
        self._fold = FoldMemo()
        self._doc_text = ""
        self._folded_text: str | None = None

    def preload(self) -> None:
        """Before a run forks its workers: the roster and what is built from it. A roster that
        fails to load is left to the check, which reports it as before."""
        try:
            self._prefix_runs  # noqa: B018 - loads the roster too
            self._tails  # noqa: B018
        except Exception:  # noqa: BLE001
            pass

    @property
    def roster(self) -> Roster:
        roster = self._roster
        if roster is None:
            roster = self._roster = cached_roster(*self._files)
        return roster

    @property
    def _prefix_runs(self) -> int:
        if self._runs is None:
            self._runs = _prefix_runs(self.roster)
        return self._runs

    # -- finding claims --------------------------------------------------------------------

    def check(self, doc, ctx):
        verify = self.opts["report"] == "verify"
        if verify and not _verify_on(doc, ctx):
            return
        self._folded_text = None
        self._doc_text = doc.text
        for text, start, end in self.segments(doc):
            roles = self._role_starts(text)  # (one scan per article: the text is the same)
            if roles is not None:
                i = bisect.bisect_left(roles, start)
                if i == len(roles) or roles[i] >= end:
                    continue  # no role starts in the segment: _title_matches finds nothing
            for claim in self._claims(text, start, end):
                match = self._judge(doc.text, claim, ctx, verify)
                if match is not None:
                    yield match

    def _may_hold_title(self, text: str, start: int, end: int) -> bool:
        """False when no role phrasing occurs in the span, so the title pattern cannot match.

        A title match contains a role phrasing ("Prime Minister", "Vice-President") whose
        letter runs stand as whole runs of ASCII letters in the folded text (the pattern puts
        a non-word character or a gap before the role and none after it), so looking for
        the runs is exact, and far cheaper than searching the pattern in every paragraph.
        """
        return self.role_gate is None or \
            self.role_gate.search(self._fold(text), start, end) is not None

    def _role_starts(self, text: str) -> list[int] | None:
        """Every place in the text where a role phrasing may start (a superset: the role
        gate's letter runs after a non-letter, without its closing boundary), from one scan
        of the folded text; None when there is no role gate. Kept for the last text."""
        if self._role_scans is None:
            return None
        last = self._roles_of
        if last[0] is text:
            return last[1]
        after, at_start = self._role_scans
        folded = self._fold(text)
        spaced = classes_spaced(folded, "letters") if self._role_spaced is not None else None
        if spaced is not None:
            # the same scan over a copy with every non-letter a space (exactly the same
            # starts: the role runs are letters and [^a-z]+ gaps), led by a literal: fast
            starts = [m.end() for m in self._role_spaced.finditer(spaced)]
        else:
            starts = [m.end() for m in after.finditer(folded)]
        if at_start.match(folded):
            starts.insert(0, 0)
        self._roles_of = (text, starts)
        return starts

    def _title_matches(self, text: str, start: int, end: int):
        """pattern.finditer(text, start, end), searched only from a little before each role.

        Every title match holds a role phrasing, which starts at one of _role_starts, with
        at most _prefix_runs runs of white space between the match's start and the role. So
        no match starts before the window of the first role at or after the place the
        search would start from, and searching from that window finds the same match (see
        _search_from for a closer start).
        """
        roles = self._role_starts(text)
        if roles is None:
            if self._may_hold_title(text, start, end):
                yield from self.pattern.finditer(text, start, end)
            return
        pattern = self.pattern
        pos = start
        i = bisect.bisect_left(roles, start)
        while True:
            i = bisect.bisect_left(roles, pos, i)  # the first role at or after pos
            if i == len(roles) or roles[i] >= end:
                return
            first = self._search_from(text, roles, i, pos, end)
            if first == roles[i]:
                # a match can start at the role and nowhere before: try there alone (a role
                # start in "kingdom" would otherwise send the search on to the next title)
                m = pattern.match(text, first, end)
                if m is None:
                    pos = first + 1
                    continue
            else:
                m = pattern.search(text, first, end)
                if m is None:
                    return
            yield m
            pos = m.end()  # a match is never empty

    def _search_from(self, text: str, roles: list[int], i: int, pos: int, end: int) -> int:
        """Where the search for the next title match can start: no match starts between pos
        and there. A match with its role at roles[i] starts at _start_bound; one with a later
        role starts no earlier than that role's window, and the windows only move on."""
        first = self._start_bound(text, roles[i], pos)
        for later in range(i + 1, len(roles)):
            role = roles[later]
            if role >= end or first == pos or \
                    _window_start(text, role, pos, self._prefix_runs) >= first:
                break
            first = min(first, self._start_bound(text, role, pos))
        return first

    def _start_bound(self, text: str, role: int, pos: int) -> int:
        """The earliest start (from pos) of a title match whose role starts at `role`: the
        role itself when nothing a title puts before its role (a modifier and its gap, a
        place's "'s", an adjective, each closed by blanks or a hyphen) can end right before
        it, else the window of the role (_window_start)."""
        if role <= pos:
            return role
        before = text[role - 1]
        if before == "-":
            return _window_start(text, role, pos, self._prefix_runs)
        if before not in " \t":
            return role
        low = max(pos, role - 64)
        head = text[low:role].rstrip(" \t")
        if not head:  # blanks back to pos, or more than 64 of them: look at the window
            return role if low == pos else _window_start(text, role, pos, self._prefix_runs)
        exact, folded, reach = self._tails
        if head[-1].isspace() or not (head.endswith(exact) or
                                      ascii_fold(head[-reach:]).endswith(folded)):
            return role
        return _window_start(text, role, pos, self._prefix_runs)

    @property
    def _tails(self) -> tuple[tuple[str, ...], tuple[str, ...], int]:
        """How what stands before a role in a title can end: the last words of the places
        used as adjectives (as written), and folded (re.IGNORECASE) the modifiers, a hyphen
        and the possessive; with the length of the longest folded one."""
        if self._tail_words is None:
            roster = self.roster
            places = [*roster.adjectives, *(n for n in roster.place_names if not n.startswith("the "))]
            exact = tuple(sorted({n.split()[-1] for n in places if n.split()}))
            folded = tuple(sorted({ascii_fold(w) for w in [*_MODIFIERS, "ex-", "-", "'s", "’s"]}))
            self._tail_words = (exact, folded, max(map(len, folded)))
        return self._tail_words

    def _claims(self, text: str, start: int, end: int):
        roster = self.roster
        for m in self._title_matches(text, start, end):
            role = roster.phrase_role.get(" ".join(fold(m["role"]).split()))
            # "President's", "President-elect", "Secretary of Defense" when not a known
            # phrasing, "Prime Minister for Europe": some other title
            if role is None or _AFTER_ROLE_BAD.match(text, m.end(), end):
                continue
            if self._extends_other_title(text, m, start):
                continue
            place = None
            for group in ("adj", "poss", "of"):
                if m[group]:
                    words = " ".join(m[group].split())
                    place = roster.adjectives.get(words) or roster.place_names.get(words)
            modifier = m["mod"] or m["mod2"]
            mod_group = "mod" if m["mod"] else "mod2"
            mod_key = fold(modifier).rstrip("- ").strip() if modifier else None
            title_start = m.start("role") if m["poss"] else (m.start("adj") if m["adj"]
                                                             else m.start("role"))
            claim = Claim(m.start(), m.end(), mod_key,
                          m.start(mod_group) if modifier else -1,
                          m.end(mod_group) if modifier else -1,
                          title_start, m.end(), m.start("adj") if m["adj"] else m.start("role"),
                          place, role, [])
            tokens, via_comma = _name_after(text, m.end(), end)
            # "Macron, the French president, Merz, the German chancellor, ...": after a
            # comma, a name belongs to the next item of a list of appositions
            before = _name_before(text, m.start(), start) if not tokens or via_comma else []
            if tokens and not before:
                claim.tokens = tokens
                claim.end = tokens[-1][2]
                yield claim
                continue
            if before and _apposition_end(text, m.end(), end):
                claim.tokens = before
                claim.start = before[0][1]
                claim.apposition = True
                yield claim

    def _extends_other_title(self, text: str, m: re.Match, seg_start: int) -> bool:
        """'Deputy Prime Minister', 'Press Secretary', 'Vice President': not this title."""
        if m["mod"] or m["poss"]:
            return False
        first = m.start()
        if first > seg_start and text[first - 1] == "-":
            return True  # "Vice-President"
        # re.search(r"([^\W\d_][\w'’.]*)[ \t]+$", window), without trying every start
        w = word_before_blanks(text[max(seg_start, first - 30):first], "_'’.")
        if not w:
            return False
        word = w[1]
        folded = fold(word).rstrip(".")
        if folded in _SKIP:
            return True
        if word[:1].isupper() and word not in self.roster.adjectives:
            # a capitalised word before a title is part of a longer title ("Health
            # Secretary"), unless it simply starts the sentence
            before = text[max(seg_start, first - 30 - 2):first - (w.end() - w.start(1))]
            return not _SENTENCE_START.search(before) and folded not in {"the", "a", "an"}
        return False

    # -- judging ---------------------------------------------------------------------------

    def _judge(self, text: str, claim: Claim, ctx, verify: bool) -> Match | None:
        roster = self.roster
        if claim.modifier in {"then", "late", "acting", "interim", "caretaker", "outgoing",
                              "incoming", "future"}:
            return None
        if claim.place is not None:
            offices = roster.by_place_role.get((claim.place, claim.role), frozenset())
        else:
            offices = roster.by_role.get(claim.role, frozenset())
        specific = claim.place is not None
        people = self._resolve(claim, offices)
        day = ctx.date
        if len(people) > 1:
            # one surname, several people ("President Bush"): a plain title fits whoever
            # holds the office that day; otherwise the one the article names in full
            terms = [t for p in people for t in p.terms_in(offices)]
            if claim.modifier in _PAST and any(t.end is not None and t.end <= day for t in terms):
                return None
            if claim.modifier not in _PAST and any(t.holds_on(day) for t in terms):
                return None
            people = self._named_in_article(people)
        if len(people) != 1 or not offices:
            if verify and not people and self._looks_like_name(claim):
                return self._verify(claim, "the roster does not know this person", ctx)
            if verify and len(people) == 1:
                return self._verify(claim, "the roster does not list this office", ctx)
            return None
        person = people[0]
        terms = person.terms_in(offices)
        holds = [t for t in terms if t.holds_on(day)]
        past = [t for t in terms if t.end is not None and t.end <= day]
        future = [t for t in terms if t.start > day]
        former = claim.modifier in _PAST
        if verify:
            if not terms and not specific:
                return self._verify(claim, f"the roster lists no such office for {person.name}", ctx)
            return None
        when = f"on {day}{_date_note(ctx)}"
        if former:
            if holds and not any(t.end == day for t in holds):
                current = holds[0]
                fix = self._phrase(text, claim, drop_former=True)
                return Match(claim.start, claim.end, fix=fix, message=(
                    f"not 'former' {when}: {person.name} has been {self._label(current)} "
                    f"since {current.start}; write '{fix}'"))
            if past or holds:
                return None
        elif holds:
            return None
        elif past and all(roster.offices[t.office].lifelong for t in past):
            return None  # "Pope Benedict XVI", "Queen Beatrix" after the reign
        elif past:
            last = max(past, key=lambda t: t.end)
            fix = self._phrase(text, claim, add_former=True)
            return Match(claim.start, claim.end, fix=fix, message=(
                f"out of date {when}: {person.name} left office as {self._label(last)} on "
                f"{last.end}{self._now(person, day)}; write '{fix}'"))
        if future:
            first = min(future, key=lambda t: t.start)
            return self._wrong(text, claim, person, day, f"wrong title {when}: {person.name} "
                               f"became {self._label(first)} only on {first.start}")
        if not specific and not person.offices_on(day):
            # "President X" may name an office the roster does not list; judge it only
            # when the roster knows what X was on that date
            return None
        wanted = self._office_words(offices) if specific else \
            " ".join(text[claim.title_text_start:claim.title_end].split())
        return self._wrong(text, claim, person, day, f"wrong title {when}: {person.name} was "
                           f"never {wanted}")

    def _wrong(self, text: str, claim: Claim, person: Person, day: _dt.date, why: str) -> Match:
        """An office the person did not hold then: name the one they did hold, as the fix."""
        held = person.offices_on(day)
        fix = None
        if len(held) == 1:
            fix = self._phrase(text, claim, label=self.roster.offices[held[0].office].label)
        message = why + self._now(person, day) + (f"; write '{fix}'" if fix else "")
        return Match(claim.start, claim.end, fix=fix, message=message)

    def _verify(self, claim: Claim, why: str, ctx) -> Match:
        return Match(claim.start, claim.end, message=f"verify this title for {ctx.date}"
                     f"{_date_note(ctx)}: {why}")

    def _label(self, term: Term) -> str:
        return self.roster.offices[term.office].label

    def _office_words(self, offices: frozenset[str]) -> str:
        return " or ".join(sorted({self.roster.offices[o].label for o in offices}))

    def _now(self, person: Person, day: _dt.date) -> str:
        """' (on that date: Russian Prime Minister)' when the roster knows an office then."""
        held = person.offices_on(day)
        if not held:
            return ""
        return " (on that date: " + " and ".join(self._label(t) for t in held) + ")"

    # -- names -----------------------------------------------------------------------------

    def _resolve(self, claim: Claim, offices: frozenset[str]) -> list[Person]:
        """The roster people the name can mean (more than one: ambiguous)."""
        if claim.apposition:
            return self._resolve_before(claim, offices)
        roster = self.roster
        raw = [t[0] for t in claim.tokens]
        while len(raw) > 1 and fold(raw[0]).rstrip(".") in _HONORIFICS:
            raw = raw[1:]
        key = name_key(" ".join(raw))
        if not key:
            return []
        people = roster.people

        def relevant(ids):
            return [people[i] for i in ids if people[i].terms_in(offices)]

        # longest full name at the start of the run ("Emmanuel Macron Monday"); with its
        # initials first ("George W. Bush" is not "George H. W. Bush")
        for k in dict.fromkeys((name_key(" ".join(raw), initials=True), key)):
            for n in range(min(len(k), 6), 1, -1):
                ids = roster.full.get(k[:n])
                if ids:
                    return [people[i] for i in ids] if len(ids) == 1 else relevant(ids)
        # surname alone: "President Macron", "President von der Leyen"
        for n in range(min(len(key), 3), 0, -1):
            ids = roster.surnames.get(key[:n])
            if ids and (n == len(key) or not _capitalised_name(raw, n)):
                return relevant(ids)
        if not self.opts["fuzzy"]:
            return []
        return self._fuzzy(key, raw, offices)

    def _resolve_before(self, claim: Claim, offices: frozenset[str]) -> list[Person]:
        """'Yesterday Emmanuel Macron, the French president': the name is the longest
        known tail of the capitalised words before the comma. A surname alone counts only
        when nothing but an honorific stands before it ('Mr Macron, the president')."""
        roster = self.roster
        people = roster.people
        tokens = claim.tokens
        for i in range(len(tokens) - 1):
            raw = " ".join(t[0] for t in tokens[i:])
            for key in dict.fromkeys((name_key(raw, initials=True), name_key(raw))):
                ids = roster.full.get(key)
                if ids:
                    claim.start = tokens[i][1]
                    found = [people[j] for j in ids]
                    return found if len(found) == 1 else \
                        [p for p in found if p.terms_in(offices)]
        for n in range(min(3, len(tokens)), 0, -1):
            head = tokens[:-n]
            if head and not all(fold(t[0]).rstrip(".") in _HONORIFICS for t in head):
                continue
            ids = roster.surnames.get(name_key(" ".join(t[0] for t in tokens[-n:])))
            if ids:
                claim.start = tokens[-n][1] if not head else tokens[0][1]
                return [people[j] for j in ids if people[j].terms_in(offices)]
        return []

    def _named_in_article(self, people: list[Person]) -> list[Person]:
        """'Prime Minister Rasmussen' after 'Lars Løkke Rasmussen' earlier in the article:
        of several people with one surname, those whose full name the article uses."""
        if self._folded_text is None:
            self._folded_text = " ".join(fold(self._doc_text).replace(".", "").split())
        named = [p for p in people if any(" ".join(fold(n).replace(".", "").split())
                                          in self._folded_text for n in (p.name, *p.variants))]
        return named if len(named) == 1 else people

    def _fuzzy(self, key: tuple[str, ...], raw: list[str], offices) -> list[Person]:
        roster = self.roster
        people = roster.people
        if len(key) >= 2:
            # first names exact, surname one or two edits away ("Andrii Sybhia")
            for n in range(min(len(key), 4), 1, -1):
                last = key[n - 1]
                found = [people[i] for i in roster.by_given.get(key[:n - 1], ())
                         if _close(last, name_key(people[i].name)[-1:] or ("",), roster, people[i])]
                if len(found) == 1:
                    return found
            return []
        # surname alone, misspelt: only when the title corroborates (held an office it names)
        word = key[0]
        if len(word) < 5:
            return []
        found = [people[i] for ids in self._close_surnames(word) for i in ids
                 if people[i].terms_in(offices)]
        unique = {id(p): p for p in found}
        return list(unique.values()) if len(unique) == 1 else []

    @property
    def _one_word_surnames(self) -> dict[str, list[tuple[str, list[int], int, frozenset[str]]]]:
        """The roster's one-word surnames (with their people, their edit limit and their
        letters), by first letter, in roster order: _close_surnames reads only those of
        its word's letter."""
        if self._surnames_by_letter is None:
            by_letter: dict[str, list[tuple[str, list[int], int, frozenset[str]]]] = {}
            for skey, ids in self.roster.surnames.items():
                if len(skey) == 1:
                    surname = skey[0]
                    by_letter.setdefault(surname[:1], []).append(
                        (surname, ids, _limit(surname), frozenset(surname)))
            self._surnames_by_letter = by_letter
        return self._surnames_by_letter

    def _close_surnames(self, word: str) -> list[list[int]]:
        """The roster's one-word surnames one or two edits from `word` (same first letter),
        as their lists of people; memoised (one roster per rule).

        Each letter of the word that the surname lacks takes an edit of its own (a
        substitution or a deletion; a transposition keeps the letters), so a surname that
        lacks more of the word's letters than its limit is too far without the table."""
        close = self._close.get(word)
        if close is None:
            letters = frozenset(word)
            close = [ids for surname, ids, limit, has in self._one_word_surnames.get(word[:1], ())
                     if len(letters - has) <= limit
                     and edit_distance(word, surname, limit) <= limit]
            if len(self._close) >= 4096:
                self._close.clear()
            self._close[word] = close
        return close

    def _looks_like_name(self, claim: Claim) -> bool:
        return len(claim.tokens) >= 2 and all(t[0][:1].isupper() for t in claim.tokens[-1:])

    # -- fixes -----------------------------------------------------------------------------

    def _phrase(self, text: str, claim: Claim, drop_former: bool = False,
                add_former: bool = False, label: str | None = None) -> str:
        """The claim's phrase rewritten: 'former' dropped or added, or the title replaced."""
        s, e = claim.start, claim.end
        if drop_former and claim.mod_start >= 0:
            head, tail = text[s:claim.mod_start], text[claim.mod_end:e]
            if text[claim.mod_start].isupper() and tail[:1].islower():
                tail = tail[:1].upper() + tail[1:]
            return head + tail
        if add_former:
            word = "Former " if _starts_sentence(text, claim.title_start) and \
                not claim.apposition else "former "
            if claim.mod_start >= 0 and claim.modifier in _PRESENT:
                return text[s:claim.mod_start] + word + text[claim.mod_end:e]
            return text[s:claim.title_start] + word + text[claim.title_start:e]
        if label is not None:
            cut = claim.mod_start if claim.mod_start >= 0 and claim.modifier in _PAST | _PRESENT \
                else claim.title_text_start
            return text[s:cut] + label + text[claim.title_end:e]
        return text[s:e]


# ---------------------------------------------------------------------------------------------
# helpers


def _title_source(roster: Roster) -> str:
    """[modifier] [Place's [modifier]] [adjective] ROLE [of Place].

    Roles and modifiers match in any case ("Russian president"), except all-capital
    abbreviations ("PM", not "pm" as in "5 pm"); places are proper nouns and match as written.
    Built with tries (see _fastmatch): it matches exactly what the plain pattern below
    matches, faster; the plain one is used when the words do not allow that.
    """
    mods = [*_MODIFIERS, "ex-"]
    roles = [p for ps in roster.roles.values() for p in ps]
    upper = [r for r in roles if r.isupper()]
    lower = [r for r in roles if not r.isupper()]
    folded_upper = {" ".join(ascii_fold(u).split()) for u in upper}
    folded_lower = {" ".join(ascii_fold(w).split()) for w in lower}
    # an all-capital role and another role that could match at one place (one's letters a
    # prefix of the other's) must be tried longest first, which two tries cannot promise
    clash = any(a.startswith(b) or b.startswith(a) for a in folded_upper for b in folded_lower)
    if clash or not foldable(mods + lower):
        return _plain_title_source(roster)

    def phrases(words) -> list[str]:
        return [" ".join(w.split()) for w in words]

    def trie(words, ignorecase: bool) -> str:
        # under re.I, the folded words: letters that differ only in case are one branch
        words = [ascii_fold(w) for w in words] if ignorecase else words
        return "(?:" + trie_source(phrases(words)) + ")" if words else "(?!x)x"

    # places match as written: tries too (sre tries every alternative of a plain
    # alternation at every position, a few hundred here)
    names = trie(roster.place_names, False)
    adjs = trie([*roster.adjectives, *(n for n in roster.place_names if not n.startswith("the "))],
                False)
    roles = trie(lower, True) if not upper else f"(?:{trie(lower, True)}|(?-i:{trie(upper, False)}))"
    mods = trie(mods, True)
    gap = r"(?:[ \t]*-[ \t]*|[ \t]+)"
    return (
        rf"(?i:(?<![\w\-])(?P<mod>{mods}{gap})?(?:(?-i:(?P<poss>{names}))['’]s[ \t]+"
        rf"(?P<mod2>{mods}{gap})?)?(?:(?-i:(?P<adj>{adjs}))[ \t]+)?(?P<role>{roles})"
        rf"(?:[ \t]+of[ \t]+(?-i:(?P<of>{names})))?(?![\w\-]))")


def _plain_title_source(roster: Roster) -> str:
    """The title pattern as plain sorted alternations (see _title_source)."""

    def phrase(words: str) -> str:
        return r"\s+".join(re.escape(w) for w in words.split())

    def alt(words, ignorecase: bool) -> str:
        parts = sorted(set(words), key=lambda w: (-len(w), w))
        if not ignorecase:
            return "(?:" + "|".join(phrase(p) for p in parts) + ")"
        return "(?:" + "|".join(f"(?-i:{phrase(p)})" if p.isupper() else phrase(p)
                                for p in parts) + ")"

    mods = alt([*_MODIFIERS, "ex-"], True)
    names = alt(roster.place_names, False)
    # "Ukraine President Zelensky": a place name used as an adjective
    adjs = alt([*roster.adjectives, *(n for n in roster.place_names if not n.startswith("the "))],
               False)
    roles = alt([p for ps in roster.roles.values() for p in ps], True)
    gap = r"(?:[ \t]*-[ \t]*|[ \t]+)"
    return (
        rf"(?i:(?<![\w\-])(?P<mod>{mods}{gap})?(?:(?-i:(?P<poss>{names}))['’]s[ \t]+"
        rf"(?P<mod2>{mods}{gap})?)?(?:(?-i:(?P<adj>{adjs}))[ \t]+)?(?P<role>{roles})"
        rf"(?:[ \t]+of[ \t]+(?-i:(?P<of>{names})))?(?![\w\-]))")




def _pattern_sources(roster: Roster) -> dict[str, tuple[str, int]]:
    """The kind's regexes as (source, flags): the title pattern, and when the roster's
    role phrasings allow it the role gate and the scan for role starts (see _role_starts)."""
    sources = {"title": (_title_source(roster), 0)}
    gate = _role_gate_source(roster)
    if gate is not None:
        sources["gate"] = (gate, 0)
        scan = _role_scan_source(gate)
        if scan is not None:
            sources["role_after"], sources["role_at"] = (scan[0], 0), (scan[1], 0)
            # role_after over classes_spaced(folded, "letters"): its [^a-z] is a space there;
            # a class of the roles' first letters first, which fails faster than the trie
            # (gate is not None: every phrasing folds to a-z letters first)
            firsts = "".join(sorted({ascii_fold(p)[0] for ps in roster.roles.values()
                                     for p in ps}))
            sources["role_spaced"] = (f" (?=[{firsts}])" + scan[0][len("[^a-z]"):], 0)
    return sources


def _role_gate_source(roster: Roster) -> str | None:
    """The letter runs of every role phrasing, folded, as a pattern over folded text
    ("prime[^a-z]+minister"); None when some phrasing cannot be looked for that way (a
    cased letter outside ASCII, or no ASCII letter to start with)."""
    phrasings = [p for ps in roster.roles.values() for p in ps]
    if not phrasings or not foldable(phrasings):
        return None
    runs = []
    for phrasing in phrasings:
        folded = ascii_fold(phrasing)
        words = _LETTER_RUN.findall(folded)
        if not words or not folded.startswith(words[0]):
            return None
        runs.append(" ".join(words))
    return r"(?<![a-z])(?:" + trie_source(runs, gap="[^a-z]+") + r")(?![a-z])"


def _role_scan_source(gate: str | None) -> tuple[str, str] | None:
    """From the role gate "(?<![a-z])(?:RUNS)(?![a-z])": a pattern that matches a non-letter
    followed by RUNS (its end is where a role may start; sre skips letters fast) and RUNS for
    the start of the text. None when the gate has another shape."""
    head, tail = "(?<![a-z])(?:", ")(?![a-z])"
    if gate is None or not gate.startswith(head) or not gate.endswith(tail):
        return None
    runs = gate[len(head):-len(tail)]
    return f"[^a-z](?=(?:{runs}))", f"(?:{runs})"


def _prefix_runs(roster: Roster) -> int:
    """How many runs of white space a title match can hold before its role: two in each
    modifier with its gap ("ex - "), and one after each word of the place's name ("France's
    ") and of the adjective ("South African ") (see _title_source)."""
    def words(names) -> int:
        return max((len(n.split()) for n in names), default=0)

    adjectives = [*roster.adjectives, *(n for n in roster.place_names if not n.startswith("the "))]
    return 2 + words(roster.place_names) + 2 + words(adjectives)


_RUNS_BACK: dict[int, re.Pattern] = {}


def _window_start(text: str, role: int, floor: int, runs: int) -> int:
    """The earliest place (from floor) with at most `runs` runs of white space between it
    and `role`: where the text after the runs+1-th run back from role starts."""
    back = _RUNS_BACK.get(runs)
    if back is None:  # over the reversed text: a word (or none) and the white space before it
        back = _RUNS_BACK[runs] = re.compile(r"(?:\S*\s+){0," + str(runs) + r"}\S*")
    low = max(floor, role - 400)
    while True:
        reach = back.match(text[low:role][::-1]).end()
        if reach < role - low:
            return role - reach  # the next character back is white space: the runs+1-th run
        if low == floor:
            return floor
        low = floor  # fewer runs than that in the last 400 characters: look further back


def _name_after(text: str, pos: int, end: int) -> tuple[list[tuple[str, int, int]], bool]:
    """The name words right after a title (' Donald Trump', ', Emmanuel Macron,'), and
    whether a comma stood between."""
    m = _GAP.match(text, pos, end)
    if not m:
        return [], False
    run = _name_run(text, m.end(), end)
    via_comma = m[0].startswith(",")
    if run and via_comma:
        # "the German chancellor, Friedrich Merz, said": the name must close like an
        # apposition; "... as US President, Tony Blair said" is two clauses
        after = text[run[-1][2]:run[-1][2] + 1]
        if after and after not in ",;.:)!?—–":
            return [], True
    return run, via_comma


_ABBREVIATIONS = frozenset({"jr", "sr", "th", "st"})  # "Robert F. Kennedy Jr.", "Guðni Th."


def _name_run(text: str, pos: int, end: int) -> list[tuple[str, int, int]]:
    """Name words from pos: capitalised words, particles ("von der"), initials ("W."),
    bracketed insertions ("[Marco]"); a possessive or a full stop after a word ends it."""
    tokens: list[tuple[str, int, int]] = []
    while pos < end and len(tokens) < 6:
        m = _NAME_TOKEN.match(text, pos, end)
        if not m:
            break
        word = m[1]
        lower = fold(word)
        if not word[0].isupper() and lower not in PARTICLES and not lower.startswith(("al-", "el-")):
            break
        start = m.start() if m[0].startswith("[") else m.start(1)
        if word.endswith(("'s", "’s")) and len(word) > 2:
            tokens.append((word[:-2], start, m.start(1) + len(word) - 2))
            break
        word = word.rstrip("'’")
        abbreviation = bool(m[2]) and (len(word) == 1 or lower in _ABBREVIATIONS)
        stop = m.end() if m[0].endswith("]") or abbreviation else m.start(1) + len(word)
        tokens.append((word + (m[2] if abbreviation else ""), start, stop))
        if m[2] and not abbreviation:
            break  # a full stop after a word: end of sentence
        s = _SPACE.match(text, m.end(), end)
        if not s or "\n" in s[0] and "\n\n" in text[m.end():s.end() + 1]:
            break
        pos = s.end()
    while tokens and fold(tokens[-1][0]) in PARTICLES:
        tokens.pop()
    return tokens


def _name_before(text: str, pos: int, seg_start: int) -> list[tuple[str, int, int]]:
    """For 'Merz, the German chancellor': the name words that end at the comma before it."""
    base = max(seg_start, pos - 90)
    if not _ends_with_comma_gap(text[base:pos]):
        return []  # the search below cannot match (and it tries every start, slowly)
    m = re.search(r"([^\W\d_][\w'’\-. ]{0,80}?),[ \t]+(?:(?:the|a)[ \t]+)?$", text[base:pos])
    if not m:
        return []
    chunk_start, chunk_end = base + m.start(1), base + m.end(1)
    run: list[tuple[str, int, int]] = []
    for w in reversed(list(re.finditer(r"[^\W\d_][\w'’\-]*\.?", text[chunk_start:chunk_end]))):
        word = w[0]
        if not (word[:1].isupper() or fold(word) in PARTICLES) or len(run) == 6:
            break
        if word.endswith(".") and len(word) > 2 and fold(word[:-1]) not in _ABBREVIATIONS:
            break  # "... said so. Merz, the" : the sentence before is not part of the name
        run.insert(0, (word, chunk_start + w.start(), chunk_start + w.end()))
    if not run or run[-1][2] != chunk_end:
        return []
    while run and fold(run[0][0]) in PARTICLES:
        run.pop(0)
    return run


def _ends_with_comma_gap(window: str) -> bool:
    """Does the window end as _name_before's pattern needs: ',[ \\t]+(?:(?:the|a)[ \\t]+)?'
    at the end, or before a final newline ($)?"""
    if window.endswith("\n"):
        window = window[:-1]
    head = window.rstrip(" \t")
    if len(head) == len(window):
        return False  # no blank at the end
    if head.endswith(","):
        return True
    for article in ("the", "a"):
        if head.endswith(article):
            rest = head[:-len(article)]
            if rest.rstrip(" \t") != rest and rest.rstrip(" \t").endswith(","):
                return True
    return False


def _apposition_end(text: str, pos: int, end: int) -> bool:
    """After 'Merz, the German chancellor': punctuation or 'who'. ("He called Biden, the
    president said" is no apposition: there the title is the subject of 'said'.)"""
    rest = text[pos:min(end, pos + 5)]
    return not rest or rest[0] in ",;.:)!?—–" or rest.startswith(" who")


def _capitalised_name(raw: list[str], n: int) -> bool:
    """Is there a further name word after the first n (then it is someone else's full name)?"""
    if n >= len(raw):
        return False
    nxt = raw[n]
    return nxt[:1].isupper() and fold(nxt) not in _WEEKDAYS


_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def _close(word: str, target: tuple[str, ...], roster: Roster, person: Person) -> bool:
    t = target[0]
    if len(word) < 4 or word[:1] != t[:1] or word == t:
        return False
    return edit_distance(word, t, _limit(t)) <= _limit(t)


def _limit(word: str) -> int:
    return 1 if len(word) <= 6 else 2


def _starts_sentence(text: str, pos: int) -> bool:
    """Does a sentence (or the text, or a quote) start at pos?"""
    before = text[max(0, pos - 6):pos].rstrip(" \t\u00a0")
    return not before or before[-1] in ".!?\n\"“‘(:"


def _date_note(ctx) -> str:
    """Where the date came from, when it is not the article's own front matter."""
    if ctx.date_source == "front matter":
        return ""
    if ctx.date_source == "today":
        return " (no article date: checked against today)"
    return f" (article date from {ctx.date_source})"


def _verify_on(doc, ctx) -> bool:
    """'verify this title' infos: on by the config switch, or for one article by its front
    matter (titles_verify_unknown: true); the config's explicit false wins."""
    setting = ctx.settings.get("titles_verify_unknown")
    if setting is not None:
        return setting is True
    return doc.front_matter.get("titles_verify_unknown") in (True, "true", "yes")
