"""The dated roster of officeholders behind the `titles` kind: loading, validation, indexes.

Two kinds of YAML file, both plain data:
- offices (`rules/titles/data/offices.yaml`): `roles` (office words: "President",
  "Foreign Minister"), `places` (the qualifiers a title takes: adjectives "French", names
  "France"), `offices` (id, place, roles, label, single).
- roster (`rules/titles/data/roster.yaml`): `people`, each with `name`, optional `variants`
  (other full names), `short` (how the person is called alone: "Lula", "Xi") and `terms`
  ({office, start, end}; end empty while in office). A roster file may also carry
  `roles`/`places`/`offices` of its own, which is how a newsroom adds offices.

Files are parsed with the fast C loader; only when the validator finds a problem is the file
parsed again with positions, so the error can name file:line.
"""

from __future__ import annotations

import datetime as _dt
import marshal
import unicodedata
from pathlib import Path

from editlint.errors import ConfigError

# words between a first name and a surname that belong to the surname ("von der Leyen")
PARTICLES = frozenset("von van der den de da das do dos di del della la le du bin ibn al el ter ten zu"
                      .split())
# tokens ignored when matching a name ("Donald J. Trump", "Joseph R. Biden Jr.")
_SUFFIXES = frozenset({"jr", "sr"})


# letters that NFKD does not split into a base letter and an accent
_LETTERS = str.maketrans({"ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "æ": "ae", "Æ": "Ae",
                          "ø": "o", "Ø": "O", "ß": "ss", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
                          "ı": "i", "œ": "oe", "’": "'", "‘": "'", "‐": "-", "–": "-"})


def fold(word: str) -> str:
    """Case-, accent- and apostrophe-insensitive form of a word or name."""
    if word.isascii():
        return word.lower()  # nothing to translate or decompose; casefold is lower here
    folded = _FOLDED.get(word)
    if folded is None:
        decomposed = unicodedata.normalize("NFKD", word.translate(_LETTERS))
        folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
        if len(word) <= 64:  # words and names, not whole articles
            if len(_FOLDED) >= 20000:
                _FOLDED.clear()
            _FOLDED[word] = folded
    return folded


_FOLDED: dict[str, str] = {}  # fold of the non-ASCII words seen (a process meets few)


def name_key(name: str, initials: bool = False) -> tuple[str, ...]:
    """The tokens of a name that matching uses: folded, Jr./Sr. dropped, and initials
    ("George W. Bush") dropped too unless asked for."""
    out = []
    for raw in name.replace("[", " ").replace("]", " ").split():
        tok = fold(raw).rstrip(".,")
        if not tok or tok in _SUFFIXES or (len(tok) == 1 and not initials):
            continue
        out.append(tok)
    return tuple(out)


def surname_of(name: str) -> tuple[str, ...]:
    """The surname part of a full name: the last word, with particles before it."""
    key = name_key(name)
    if not key:
        return ()
    i = len(key) - 1
    while i > 1 and key[i - 1] in PARTICLES:
        i -= 1
    return key[i:]


class _Record:
    """Equality and repr by fields, as a dataclass has them (written out: creating
    dataclasses costs start-up time)."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()

    def _values(self) -> tuple:
        return tuple(getattr(self, f) for f in self._fields)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values() == other._values()  # type: ignore[attr-defined]
        return NotImplemented

    def __repr__(self) -> str:
        inner = ", ".join(f"{f}={getattr(self, f)!r}" for f in self._fields)
        return f"{type(self).__name__}({inner})"


class Office(_Record):
    """An office (read-only once made, hashable)."""

    __slots__ = ("id", "label", "places", "roles", "single", "lifelong")
    _fields = __slots__

    def __init__(self, id: str, label: str, places: tuple[str, ...], roles: tuple[str, ...],
                 single: bool = True, lifelong: bool = False) -> None:
        self.id = id
        self.label = label  # how the office is written before a name: "German Chancellor"
        self.places = places
        self.roles = roles
        self.single = single  # one holder at a time: overlapping terms are an error
        # the title stays with the name after the term (popes, monarchs): never "add former"
        self.lifelong = lifelong

    def __hash__(self) -> int:
        return hash(self._values())


class Term(_Record):
    """A term in an office (read-only once made, hashable)."""

    __slots__ = ("office", "start", "end")
    _fields = __slots__

    def __init__(self, office: str, start: _dt.date, end: _dt.date | None) -> None:
        self.office = office
        self.start = start
        self.end = end

    def __hash__(self) -> int:
        return hash(self._values())

    def holds_on(self, day: _dt.date) -> bool:
        # both ends inclusive: on a handover day the outgoing and the incoming holder are
        # both described correctly
        return self.start <= day and (self.end is None or day <= self.end)


class Person(_Record):
    __slots__ = ("name", "variants", "short", "terms")
    _fields = __slots__
    __hash__ = None  # type: ignore[assignment]  # mutable, like a dataclass with eq

    def __init__(self, name: str, variants: tuple[str, ...] = (), short: tuple[str, ...] = (),
                 terms: list[Term] | None = None) -> None:
        self.name = name
        self.variants = variants
        self.short = short
        self.terms: list[Term] = [] if terms is None else terms

    def terms_in(self, offices: frozenset[str]) -> list[Term]:
        return [t for t in self.terms if t.office in offices]

    def offices_on(self, day: _dt.date) -> list[Term]:
        return [t for t in self.terms if t.holds_on(day)]


class Roster(_Record):
    __slots__ = ("roles", "adjectives", "place_names", "offices", "people", "full", "surnames",
                 "by_given", "by_role", "by_place_role", "phrase_role")
    _fields = __slots__
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, roles: dict[str, list[str]] | None = None,
                 adjectives: dict[str, str] | None = None,
                 place_names: dict[str, str] | None = None,
                 offices: dict[str, Office] | None = None,
                 people: list[Person] | None = None,
                 full: dict[tuple[str, ...], list[int]] | None = None,
                 surnames: dict[tuple[str, ...], list[int]] | None = None,
                 by_given: dict[tuple[str, ...], list[int]] | None = None,
                 by_role: dict[str, frozenset[str]] | None = None,
                 by_place_role: dict[tuple[str, str], frozenset[str]] | None = None,
                 phrase_role: dict[str, str] | None = None) -> None:
        self.roles = {} if roles is None else roles  # role id -> phrasings
        self.adjectives = {} if adjectives is None else adjectives  # "French" -> "fr"
        self.place_names = {} if place_names is None else place_names  # "France" -> "fr"
        self.offices = {} if offices is None else offices
        self.people = [] if people is None else people
        # indexes (built by `index()`)
        self.full = {} if full is None else full
        self.surnames = {} if surnames is None else surnames
        self.by_given = {} if by_given is None else by_given
        self.by_role = {} if by_role is None else by_role
        self.by_place_role = {} if by_place_role is None else by_place_role
        self.phrase_role = {} if phrase_role is None else phrase_role  # folded phrasing -> role id

    def index(self) -> None:
        by_name: dict[str, int] = {}
        for i, p in enumerate(self.people):
            by_name.setdefault(p.name, i)
            keys = {k for n in (p.name, *p.variants) for k in (name_key(n), name_key(n, True))}
            for key in keys:
                if len(key) >= 2:
                    self.full.setdefault(key, []).append(i)
                    self.by_given.setdefault(key[:-1], []).append(i)
            shorts = {name_key(s) for s in p.short} or {surname_of(n) for n in (p.name, *p.variants)}
            for key in shorts:
                if key:
                    self.surnames.setdefault(key, []).append(i)
        for d in (self.full, self.surnames, self.by_given):
            for key, ids in d.items():
                d[key] = sorted(set(ids))
        role_map: dict[str, set[str]] = {}
        place_role: dict[tuple[str, str], set[str]] = {}
        for office in self.offices.values():
            for role in office.roles:
                role_map.setdefault(role, set()).add(office.id)
                for place in office.places:
                    place_role.setdefault((place, role), set()).add(office.id)
        self.by_role = {k: frozenset(v) for k, v in role_map.items()}
        self.by_place_role = {k: frozenset(v) for k, v in place_role.items()}
        for role, phrasings in self.roles.items():
            for ph in phrasings:
                self.phrase_role[" ".join(fold(ph).split())] = role


# ---------------------------------------------------------------------------------------------
# loading and validation


class _Problems:
    """Collects validation problems as (path in the data, message)."""

    def __init__(self) -> None:
        self.items: list[tuple[tuple, str]] = []

    def add(self, at: tuple, message: str) -> None:
        self.items.append((at, message))


def _read(path: Path) -> object:
    """The parsed file: from the on-disk cache when the file is unchanged, else the C loader."""
    from editlint.cache import cached

    return cached(path, "titles-roster", lambda: _parse(path))


def _parse(path: Path) -> object:
    from editlint.yamlio import YamlSyntaxError, load_plain

    text = _text(path)
    try:
        return load_plain(text)
    except YamlSyntaxError as exc:
        raise ConfigError(f"invalid YAML: {exc.problem}", str(path), exc.line, exc.column) from None


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read roster file: {exc}", str(path)) from None


def _fail(path: Path, problems: _Problems) -> None:
    """Raise one ConfigError naming every problem with its line (parsed again, with positions)."""
    from editlint.yamlio import load_text

    loaded = load_text(_text(path))
    lines = []
    first_line = None
    for at, message in problems.items[:20]:
        where = loaded.where(at)
        line = where[0] if where else None
        first_line = first_line or line
        lines.append(f"{path}:{line or '?'}: {message}")
    more = len(problems.items) - 20
    if more > 0:
        lines.append(f"... and {more} more")
    raise ConfigError("roster problems:\n  " + "\n  ".join(lines), str(path), first_line)


def _as_date(value) -> _dt.date | None:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _str_list(value, at: tuple, what: str, problems: _Problems) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.add(at, f"{what} must be a list of strings")
        return []
    return list(value)


def _merge_vocabulary(data: dict, roster: Roster, problems: _Problems) -> list[tuple[tuple, dict]]:
    """Roles and places go straight into the roster; offices are returned to check later."""
    roles = data.get("roles") or {}
    if not isinstance(roles, dict):
        problems.add(("roles",), "'roles' must be a mapping of role id to phrasings")
        roles = {}
    for role, phrasings in roles.items():
        roster.roles.setdefault(str(role), []).extend(
            _str_list(phrasings, ("roles", role), f"role '{role}'", problems))
    places = data.get("places") or {}
    if not isinstance(places, dict):
        problems.add(("places",), "'places' must be a mapping of place id to {adjectives, names}")
        places = {}
    for place, spec in places.items():
        if not isinstance(spec, dict) or set(spec) - {"adjectives", "names"}:
            problems.add(("places", place), f"place '{place}' must be a mapping with 'adjectives' "
                         "and/or 'names'")
            continue
        for adj in _str_list(spec.get("adjectives"), ("places", place, "adjectives"), "adjectives",
                             problems):
            roster.adjectives[adj] = str(place)
        for nm in _str_list(spec.get("names"), ("places", place, "names"), "names", problems):
            roster.place_names[nm] = str(place)
    offices = data.get("offices") or []
    if not isinstance(offices, list):
        problems.add(("offices",), "'offices' must be a list")
        return []
    return [(("offices", i), o) for i, o in enumerate(offices)]


_OFFICE_KEYS = {"id", "label", "place", "roles", "single", "lifelong"}
_PERSON_KEYS = {"name", "variants", "short", "terms"}
_TERM_KEYS = {"office", "start", "end"}


def _add_offices(items: list[tuple[tuple, dict]], roster: Roster, places: set[str],
                 problems: _Problems) -> None:
    for at, o in items:
        if not isinstance(o, dict) or not isinstance(o.get("id"), str) or \
                not isinstance(o.get("label"), str):
            problems.add(at, "an office needs 'id' and 'label' (strings)")
            continue
        extra = set(o) - _OFFICE_KEYS
        if extra:
            problems.add(at, f"unknown key(s) {sorted(extra)} in office '{o['id']}'")
        office_places = _str_list(o.get("place"), at + ("place",), "place", problems)
        for place in office_places:
            if place not in places:
                problems.add(at + ("place",), f"office '{o['id']}': unknown place '{place}'")
        roles = _str_list(o.get("roles"), at + ("roles",), "roles", problems)
        for role in roles:
            if role not in roster.roles:
                problems.add(at + ("roles",), f"office '{o['id']}': unknown role '{role}'")
        if o["id"] in roster.offices:
            problems.add(at + ("id",), f"office id '{o['id']}' is defined twice")
        roster.offices[o["id"]] = Office(o["id"], o["label"], tuple(office_places), tuple(roles),
                                         bool(o.get("single", True)), bool(o.get("lifelong", False)))


def _add_people(data: dict, roster: Roster, problems: _Problems,
                term_at: dict[int, tuple]) -> None:
    people = data.get("people") or []
    if not isinstance(people, list):
        problems.add(("people",), "'people' must be a list")
        return
    by_name = {p.name: p for p in roster.people}
    for i, item in enumerate(people):
        at = ("people", i)
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or \
                not item["name"].strip():
            problems.add(at, "a person needs a 'name'")
            continue
        extra = set(item) - _PERSON_KEYS
        if extra:
            problems.add(at, f"unknown key(s) {sorted(extra)} for {item['name']}")
        variants = _str_list(item.get("variants"), at + ("variants",), "variants", problems)
        short = _str_list(item.get("short"), at + ("short",), "short", problems)
        person = by_name.get(item["name"])
        if person is None:  # a second roster file may add terms to a known person
            person = Person(item["name"])
            roster.people.append(person)
            by_name[person.name] = person
        person.variants = tuple(dict.fromkeys((*person.variants, *variants)))
        person.short = tuple(dict.fromkeys((*person.short, *short)))
        terms = item.get("terms") or []
        if not isinstance(terms, list):
            problems.add(at + ("terms",), "'terms' must be a list")
            continue
        for j, t in enumerate(terms):
            tat = at + ("terms", j)
            if not isinstance(t, dict) or set(t) - _TERM_KEYS or "office" not in t:
                problems.add(tat, "a term is {office, start, end}")
                continue
            if t["office"] not in roster.offices:
                problems.add(tat + ("office",), f"{person.name}: unknown office id '{t['office']}'")
                continue
            start, end = _as_date(t.get("start")), _as_date(t.get("end"))
            if start is None:
                problems.add(tat + ("start",), f"{person.name}: term start must be a date "
                             "(YYYY-MM-DD)")
                continue
            if t.get("end") not in (None, "") and end is None:
                problems.add(tat + ("end",), f"{person.name}: term end must be a date or empty")
                continue
            if end is not None and end < start:
                problems.add(tat + ("end",), f"{person.name}: {t['office']} term ends ({end}) "
                             f"before it starts ({start})")
                continue
            term = Term(t["office"], start, end)
            person.terms.append(term)
            term_at[id(term)] = tat


def _check_overlaps(roster: Roster, term_at: dict[int, tuple], problems: _Problems) -> None:
    """Two people in one single-holder office at once (a shared handover day is fine)."""
    by_office: dict[str, list[tuple[Term, Person]]] = {}
    for p in roster.people:
        for t in p.terms:
            by_office.setdefault(t.office, []).append((t, p))
    far = _dt.date.max
    for office, terms in by_office.items():
        if not roster.offices[office].single:
            continue
        terms.sort(key=lambda tp: tp[0].start)
        latest: tuple[Term, Person] | None = None
        for t, p in terms:
            if latest is not None and t.start < (latest[0].end or far):
                lt, lp = latest
                if id(t) in term_at:
                    problems.add(term_at[id(t)],
                                 f"{office}: {p.name} from {t.start} overlaps {lp.name} "
                                 f"({lt.start} to {lt.end or 'now'})")
            if latest is None or (t.end or far) > (latest[0].end or far):
                latest = (t, p)


def load_roster(office_files: list[Path], roster_files: list[Path]) -> Roster:
    """Read, validate and index the offices and roster files (in order; later files add)."""
    roster = Roster()
    parsed: list[tuple[Path, dict]] = []
    for path in [*office_files, *roster_files]:
        data = _read(path)
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise ConfigError("a roster or offices file is a mapping (people:, offices: ...)",
                              str(path), 1)
        parsed.append((path, data))
    pending: list[tuple[Path, list]] = []
    for path, data in parsed:
        problems = _Problems()
        unknown = set(data) - {"roles", "places", "offices", "people"}
        for key in sorted(unknown):
            problems.add((key,), f"unknown top-level key '{key}' (roles, places, offices, people)")
        pending.append((path, _merge_vocabulary(data, roster, problems)))
        if problems.items:
            _fail(path, problems)
    places = set(roster.adjectives.values()) | set(roster.place_names.values())
    for path, items in pending:
        problems = _Problems()
        _add_offices(items, roster, places, problems)
        if problems.items:
            _fail(path, problems)
    for path, data in parsed:
        problems = _Problems()
        term_at: dict[int, tuple] = {}
        _add_people(data, roster, problems, term_at)
        if not problems.items:
            _check_overlaps(roster, term_at, problems)
        if problems.items:
            _fail(path, problems)
    roster.index()
    return roster


_CACHE: dict[tuple, Roster] = {}
# bump when the plain form below changes (the disk cache is keyed by editlint's version only)
_PLAIN_FORMAT = 1


def cached_roster(office_files: list[Path], roster_files: list[Path]) -> Roster:
    """One roster per set of files and their modification times, shared by every rule.

    Reading, validating and indexing the built-in files costs more than checking an
    article, so the indexed roster is kept on disk (editlint.cache) as one marshal blob,
    keyed by every file's path, size and mtime; a roster that fails validation is never cached.
    """
    from editlint.cache import cached

    files = [*office_files, *roster_files]
    key = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)
    roster = _CACHE.get(key)
    if roster is None and not files:
        roster = _CACHE[key] = load_roster(office_files, roster_files)
    elif roster is None:
        # the blob is bytes, so the cache hands it back without walking it item by item
        own = Path(__file__).stat()  # a changed loader or index is seen at once
        kind = f"titles-roster-index-{_PLAIN_FORMAT}-{own.st_mtime_ns}-{own.st_size}\x1f" + repr(
            [(str(Path(path).resolve()), mtime, size) for path, mtime, size in key])
        blob = cached(files[-1], kind,
                      lambda: marshal.dumps(_to_plain(load_roster(office_files, roster_files))))
        roster = _CACHE[key] = _without_gc(lambda: _from_plain(marshal.loads(blob)))
    return roster


def _without_gc(build):
    """build(), with the cyclic garbage collector paused: building the roster makes some
    ten thousand containers, which set off full collections that walk every object of
    the process (the articles read so far): 13 ms instead of 2 in a busy process."""
    import gc

    if not gc.isenabled():
        return build()
    gc.disable()
    try:
        return build()
    finally:
        gc.enable()


def _to_plain(roster: Roster) -> tuple:
    """The indexed roster as marshal-able data (dates as ordinals)."""
    offices = [(o.id, o.label, o.places, o.roles, o.single, o.lifelong)
               for o in roster.offices.values()]
    people = [(p.name, p.variants, p.short,
               [(t.office, t.start.toordinal(), t.end.toordinal() if t.end else None)
                for t in p.terms]) for p in roster.people]
    return (_PLAIN_FORMAT, roster.roles, roster.adjectives, roster.place_names, offices, people,
            roster.full, roster.surnames, roster.by_given,
            {k: tuple(v) for k, v in roster.by_role.items()},
            {k: tuple(v) for k, v in roster.by_place_role.items()}, roster.phrase_role)


def _from_plain(plain: tuple) -> Roster:
    (_, roles, adjectives, place_names, offices, people, full, surnames, by_given, by_role,
     by_place_role, phrase_role) = plain
    day = _dt.date.fromordinal
    return Roster(
        roles=roles, adjectives=adjectives, place_names=place_names,
        offices={o[0]: Office(*o) for o in offices},
        people=[Person(name, variants, short,
                       [Term(office, day(start), day(end) if end is not None else None)
                        for office, start, end in terms])
                for name, variants, short, terms in people],
        full=full, surnames=surnames, by_given=by_given,
        by_role={k: frozenset(v) for k, v in by_role.items()},
        by_place_role={k: frozenset(v) for k, v in by_place_role.items()},
        phrase_role=phrase_role)
