"""The fast readings of an article's words (editlint/kinds/_words.py) give exactly what the
plain reading, tokens(), gives: the names and spelling kinds rely on it for their findings."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editlint.document import Document
from editlint.kinds import _words as W
from editlint.kinds._distance import distance
from editlint.kinds._lexicon import deletes1

TEXTS = [
    "O'Neill's ’Bob d’Artagnan x'Yy McDonald DeCSS Web3 3Web @Bob bob.Com e.g. Mr. Smith "
    "met Sybiha. The Government said: “Goverment Officials” (Rusia) —Takaichi –Takiachi.",
    "“Hello” said Ámbar. ½Xy Ⅻab Zoë’s. abc'Def. 'Tis. Ab-Cd ab_Cd #Tag a/Bc Bc/a x=Yz "
    "élan ñandú’s Ábc ébc'Dé. éa.Bc iPhone Phone",
    "# Heading Word\n\nPara one. Two Three: Four “Five” (Six) —Seven –Eight «Nine ‹Ten\n\n"
    "- List Item. Another One\n\n> Quoted Block. Here We Go\n\n## Second Heading Again\n\n"
    "Iran and Iraq; Austria, Australia; Stop, Stoy, Story. Papé Pape. J. Smith and J Smith.",
    "Mr Smith’s view. Dr. Jones said “Yes.” Then Jones left.\nNew line. The end\n\n\n"
    "A. B. C. Dotted U.S. and U.K. Words like e-mail, co-operate, rock'n'roll, don't, it’s.",
]


def _docs():
    for text in TEXTS:
        for path in ("a.md", "a.txt"):
            yield Document(text, path)


def _reference(doc):
    ref = W.tokens(doc)
    del doc.__dict__[W._TOKENS]  # the fast readings must not lean on the plain one
    return ref


@pytest.mark.parametrize("doc", list(_docs()), ids=lambda d: d.path)
def test_capitals_are_the_capitalised_tokens(doc):
    ref = _reference(doc)
    caps = [t for t in ref if t.shape == "cap"]
    assert W.capitals(doc) == caps
    assert W.capital_counts(doc) == Counter(t.text for t in caps)
    assert W.inner_capital_counts(doc) == Counter(t.text for t in caps if not t.initial)
    texts = {t.text for t in caps[::2]}
    assert W.capitals_with(doc, texts) == [t for t in caps if t.text in texts]


@pytest.mark.parametrize("doc", list(_docs()), ids=lambda d: d.path)
def test_lower_case_words_and_their_tokens(doc):
    ref = _reference(doc)
    exact = set()
    for b in doc.blocks:
        exact.update(W._WORD.findall(doc.mask, b.start, b.end))
    exact = {raw for raw in exact if W.form(raw)[1] == "lower"}
    found = {raw for raw in W.other_words(doc) if W.form(raw)[1] == "lower"}
    assert found == exact
    assert W.tokens_of(doc, found) == [t for t in ref if t.shape == "lower"]


@pytest.mark.parametrize("doc", list(_docs()) + [
    Document("a\udcffb c\u00a0d e\u2009f g\u3000h i\u2028j k\x85l m\x0bn 1ab2 _ab_ ''ab'' "
             "ab'' 'ab ab' a'b'c a''b ab’ ’ab a’’b ﬁne ǅa ß x²y xⅫy 𝔊𝔬𝔳 Ωmega ωmega", "a.txt")],
    ids=lambda d: d.path)
def test_the_pieces_cut_in_c_hold_the_same_words(doc):
    pieces = W.piece_text(doc).split()
    assert set().union(*map(W.words_of_piece, pieces)) == W.other_words(doc)


@pytest.mark.parametrize("doc", list(_docs()), ids=lambda d: d.path)
def test_the_capital_before(doc):
    ref = _reference(doc)
    expected = {}
    for i, t in enumerate(ref):
        prev = ref[i - 1] if i else None
        if prev is not None and prev.shape == "cap" and 0 < t.start - prev.end <= 2:
            expected[t.start] = prev.lower
    assert W.capitals_before(doc, [t.start for t in ref]) == expected


def _twins_by_deletion_keys(doc, min_length):
    """capital_twins as first written: a symmetric-deletion index over the words."""
    buckets: dict[str, list[str]] = {}
    for form in W.capital_counts(doc):
        if len(form) >= min_length:
            for k in deletes1(form.lower()):
                buckets.setdefault(k, []).append(form)
    twins: dict[str, set[str]] = {}
    for group in buckets.values():
        for a in group:
            for b in group:
                if a < b and a[0].lower() == b[0].lower() and \
                        distance(a.lower(), b.lower(), 1) == 1:
                    twins.setdefault(a, set()).add(b)
                    twins.setdefault(b, set()).add(a)
    return twins


@pytest.mark.parametrize("min_length", [2, 3, 4])
def test_twins_are_those_of_a_deletion_index(min_length):
    text = ("Takaichi Takiachi Takaichi Iran Iraq Austria Australia Russia Russian Stop "
            "Stoy Story Sybiha Sybhia Anna Ann Ana Zelensky Zelenskyy Papé Pape Ab Ac")
    doc = Document(text, "a.txt")
    assert W.capital_twins(doc, min_length) == _twins_by_deletion_keys(doc, min_length)


def test_distance_one_is_the_table_answer():
    """distance(a, b, 1) answers without the table: the same as the table (asked with a
    larger limit, then capped at 2), on every pair of short strings over a small alphabet."""
    from itertools import product

    strings = ["".join(p) for n in range(5) for p in product("abc", repeat=n)]
    for a in strings:
        for b in strings:
            if abs(len(a) - len(b)) <= 1:
                assert distance(a, b, 1) == min(distance(a, b, 4), 2), (a, b)


def _form_as_first_written(raw):
    """form() without its shortcut for plain ASCII words: the reference."""
    word = raw.replace("’", "'")
    if word.endswith("'s") or word.endswith("'S"):
        word = word[:-2]
    shape = W._shape(word) if word else ""
    return word, shape, word if shape == "lower" else word.lower()


def test_the_form_of_a_plain_word_is_that_of_the_full_reading():
    import random

    rng = random.Random(7)
    letters = "aAbBzZ'’1 éÉ"
    raws = ["Smith", "smith", "SMITH", "McDonald", "DeCSS", "iPhone", "A", "a", "Ab", "aB",
            "O'Neill", "Bob's", "BOB'S", "Zoë", "élan", "Ámbar", "A1b", "'s", "s", "", "x'Yy"]
    raws += ["".join(rng.choice(letters) for _ in range(rng.randint(1, 6))) for _ in range(3000)]
    for raw in raws:
        W._FORMS.pop(raw, None)
        assert W.form(raw) == _form_as_first_written(raw), raw


@pytest.mark.parametrize("min_length", [2, 3, 4])
def test_twins_of_some_words_are_those_of_all(min_length):
    texts = [*TEXTS, "Takaichi Takiachi Takaichi Iran Iraq Austria Australia Russia Russian Stop "
             "Stoy Story Sybiha Sybhia Anna Ann Ana Zelensky Zelenskyy Papé Pape Ab Ac AB Abc",
             "İstanbul Istanbul Istanbl Kelvin \u212aelvin Ölsen Olsen Ölsan",
             # ASCII only (the comparison without the table)
             "Takaichi Takiachi Takaichi Iran Iraq Austria Australia Russia Russian Stop Stoy "
             "Story Sybiha Sybhia Anna Ann Ana Zelensky Zelenskyy Ab Ac AB Abc Abcd Abdc Bacd",
             "Mr Smith met Mr Smyth, Smiths and Smit. Jones, Jonse and Jone's Joness."]
    for text in texts:
        for path in ("a.md", "a.txt"):
            doc = Document(text, path)
            full = W.capital_twins(doc, min_length)
            for k in [k for k in doc.__dict__ if "twins" in k]:
                del doc.__dict__[k]  # capital_twins_of must not lean on the table
            words = set(W.capital_counts(doc)) | {"Nowhere"}
            assert W.capital_twins_of(doc, words, min_length) == full
            some = set(list(words)[::2])
            for k in [k for k in doc.__dict__ if "twins" in k]:
                del doc.__dict__[k]
            assert W.capital_twins_of(doc, some, min_length) == \
                {w: full[w] for w in some if w in full}


def _scan_as_first_written(doc):
    """_Scan's lists as first written (one pattern, every test inline): the reference."""
    mask = doc.mask + "  "
    starts, found, block_of, gaps = [], [], [], []
    for i, block in enumerate(doc.blocks):
        pieces = W._pattern("caps").split(mask[block.start:block.end])
        gaps += pieces[::2]
        pos = block.start
        for k in range(1, len(pieces), 2):
            s = pos + len(pieces[k - 1])
            raw = pieces[k]
            pos = s + len(raw)
            form = W.form(raw)
            if form[1] != "cap":
                if form[1] == "lower":
                    gaps.append(raw)
                continue
            before, after = mask[s - 1], mask[pos]
            if before in W._GLUE or after in W._GLUE or after == "." and \
                    mask[pos + 1].isalpha() or before == "." and mask[s - 2].isalpha():
                continue
            starts.append(s)
            found.append(form)
            block_of.append(i)
    return starts, found, block_of, gaps


# letters (ASCII and not, cased and not), apostrophes, glue characters, full stops, quotes,
# white space and paragraph breaks: what decides where a capitalised word is and whether
# tokens() keeps it
_SCAN_TEXT = st.lists(st.sampled_from(
    ["A", "B", "a", "b", "É", "é", "ß", "Ⅻ", "²", "'", "’", ".", "1", "_", "@", "/", "#",
     "-", " ", " ", "\n\n", "“", "(", ":", "Ab", "Mc", "Don", "ald", "\u00a0", "\t"]),
    max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(_SCAN_TEXT, st.sampled_from(["a.md", "a.txt"]))
def test_the_scan_is_the_scan_as_first_written(text, path):
    doc = Document(text, path)
    scan = W._Scan(doc)
    assert (scan.starts, scan.forms, scan.block_of, scan.gaps) == _scan_as_first_written(doc)


@settings(max_examples=400, deadline=None)
@given(st.text(st.characters(max_codepoint=127), max_size=40))
def test_the_ascii_pattern_splits_ascii_text_as_the_full_one(text):
    assert W._pattern("caps_ascii").split(text) == W._pattern("caps").split(text)
