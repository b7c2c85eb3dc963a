"""The stray kind: paragraphs pasted from another story, and the ones that belong."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editlint.kinds import _cohesion, _profiles, _wordforms
from editlint.testing import rules_from_yaml, run_rules

ROOT = Path(__file__).resolve().parent.parent

RULE = """
id: test.stray
kind: stray
category: stray
message: stray paragraph
"""

FRONT = '---\ntitle: "{title}"\n---\n\n'

# A coherent story, written for these tests: a water utility and its price rise.
STORY = [
    "Customers of Northvale Water will pay nine per cent more for their water from April, "
    "after the regulator approved the utility's plan to replace ageing pipes across the valley. "
    "The decision ends a year of talks between the regulator and the utility.",
    "The regulator said the price rise would add about forty pounds a year to a typical "
    "household bill. It also said Northvale Water must cut leakage by a fifth within five years.",
    "Northvale Water loses roughly a quarter of the water it treats through cracked pipes, "
    "according to the utility's own figures. Many of the pipes were laid before 1950.",
    "Chief executive Helen Marsh said the pipe programme was the largest in the company's "
    "history. It would employ three hundred engineers across the valley, she said.",
    "Consumer groups said households already struggling with energy bills would find the "
    "water price rise hard to absorb. They asked the regulator to protect low-income customers.",
    "The utility has promised a discount scheme for low-income households. It says it will "
    "publish leakage figures for every town in the valley each quarter.",
]
TITLE = "Northvale Water bills to rise to pay for pipes"

# Paragraphs of other stories (also written for these tests).
FOREIGN_TAIL = [
    "The defending champion needed five sets to reach the quarter-finals, saving two match "
    "points before a tie-break on the centre court.",
    "Her opponent, ranked outside the top fifty, had knocked out the second seed in the "
    "previous round with a barrage of forehand winners.",
]
FOREIGN_MIDDLE = (
    "Astronomers have spotted a comet that will pass close enough to be seen with binoculars "
    "in the northern sky next month, the observatory said."
)


def article(paragraphs: list[str], title: str | None = TITLE) -> str:
    head = FRONT.format(title=title) if title else ""
    return head + "\n\n".join(paragraphs) + "\n"


@pytest.fixture(scope="module")
def rules():
    return rules_from_yaml(RULE)


def stray_lines(rules, text: str, fmt: str = "markdown") -> list[tuple[int, int]]:
    return [(f.line, f.end_line) for f in run_rules(rules, text, fmt) if f.category == "stray"]


def line_of(text: str, paragraph: str) -> int:
    return text[: text.index(paragraph)].count("\n") + 1


def test_coherent_article_is_quiet(rules):
    assert stray_lines(rules, article(STORY)) == []


def test_pasted_tail_is_one_finding_spanning_the_run(rules):
    text = article(STORY + FOREIGN_TAIL)
    findings = [f for f in run_rules(rules, text) if f.category == "stray"]
    assert len(findings) == 1
    found = findings[0]
    assert found.start == text.index(FOREIGN_TAIL[0])
    assert found.end == text.index(FOREIGN_TAIL[-1]) + len(FOREIGN_TAIL[-1])
    assert "these 2 paragraphs share no" in found.message or "share almost no" in found.message


@pytest.fixture(scope="module")
def long_paragraph_rules():
    """The rule as it judges articles of longer paragraphs: one paragraph alone may be stray."""
    return rules_from_yaml(RULE + "short_paragraph_sentences: 1\n")


def test_pasted_paragraph_in_the_middle(long_paragraph_rules):
    paragraphs = STORY[:3] + [FOREIGN_MIDDLE] + STORY[3:]
    text = article(paragraphs)
    line = line_of(text, FOREIGN_MIDDLE)
    assert stray_lines(long_paragraph_rules, text) == [(line, line)]


def test_short_paragraphs_need_a_run(rules):
    """In an article of one- and two-sentence paragraphs one paragraph is too little to judge
    alone (a new person or point shares little with the rest by chance); a run of two is not."""
    one = STORY[:3] + [FOREIGN_MIDDLE] + STORY[3:]
    assert stray_lines(rules, article(one)) == []
    two = STORY[:3] + FOREIGN_TAIL + STORY[3:]
    assert stray_lines(rules, article(two)) == [(line_of(article(two), FOREIGN_TAIL[0]),
                                                 line_of(article(two), FOREIGN_TAIL[1]))]


def test_background_quote_and_transition_stay_quiet(rules):
    background = ("Northvale Water was privatised in 1989, and its pipes have been the subject "
                  "of three regulator inquiries since then.")
    quote = '"We cannot keep patching pipes that are older than my grandmother," Ms Marsh said.'
    transition = "Not everyone agrees."
    paragraphs = STORY[:2] + [background] + STORY[2:4] + [quote, transition] + STORY[4:]
    assert stray_lines(rules, article(paragraphs)) == []


def test_short_article_is_not_judged(rules):
    text = article([STORY[0], FOREIGN_MIDDLE])
    assert stray_lines(rules, text) == []
    text = article([STORY[0][:60] + ".", STORY[1][:60] + ".", FOREIGN_TAIL[0]])
    assert stray_lines(rules, text) == []


def test_the_lede_is_never_judged(rules):
    # the first paragraph defines the story, however little the rest repeats it
    text = article([FOREIGN_MIDDLE] + STORY, title=None)
    assert all(start > line_of(text, STORY[0]) for start, _ in stray_lines(rules, text))


def test_plain_text_one_paragraph_per_line(rules):
    text = "\n".join(STORY + FOREIGN_TAIL) + "\n"
    start = line_of(text, FOREIGN_TAIL[0])
    assert stray_lines(rules, text, fmt="text") == [(start, start + 1)]


def test_dangling_her_joins_the_run(long_paragraph_rules):
    rules = long_paragraph_rules
    # the last paragraph shares "water" with the story, but "her" refers to no woman in it
    story = [p.replace("Chief executive Helen Marsh", "The chief executive").replace(", she said", "")
             for p in STORY]
    tail = FOREIGN_TAIL[:1] + [
        "An inquiry has concluded that the water company was not to blame for her death."]
    text = article(story + tail)
    start = line_of(text, tail[0])
    assert stray_lines(rules, text) == [(start, line_of(text, tail[1]))]


def test_threshold_comes_from_the_rule(rules):
    text = article(STORY + FOREIGN_TAIL)
    strict = rules_from_yaml(RULE + "threshold: 0.0\n")
    assert stray_lines(rules, text) and stray_lines(strict, text) == []


def test_bad_option_is_a_config_error():
    from editlint.errors import ConfigError

    with pytest.raises(ConfigError):
        rules_from_yaml(RULE + "threshold: -1\n")
    with pytest.raises(ConfigError):
        rules_from_yaml(RULE + "max_run: 0\n")


@pytest.mark.parametrize("text", [
    "",
    "---\ntitle: \"Only front matter\"\n---\n",
    "One line.",
    "\n\n\n",
    "word " * 20000,  # one huge paragraph
    "\n\n".join(["Ünïcödé ✓ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 — “quoted” ‘text’ ß ǅ İ"] * 6),
    "\n\n".join(["12 34 56 78 90"] * 10),
    "\n\n".join(["# Heading", "- a list item", "> a quote", "```\ncode\n```"] * 5),
])
def test_odd_input_never_crashes(rules, text):
    run_rules(rules, text)
    run_rules(rules, text, fmt="text")


def test_long_article_is_quiet_and_handled(rules):
    # 200 paragraphs of one story: nothing is stray, and the kind copes with the length
    paragraphs = [STORY[0]] + [STORY[1 + i % (len(STORY) - 1)] for i in range(199)]
    assert stray_lines(rules, article(paragraphs)) == []


def one_sentence_paragraphs(paragraphs: list[str]) -> list[str]:
    return [s.strip() + ("" if s.strip().endswith(".") else ".")
            for p in paragraphs for s in p.split(". ") if s.strip()]


def test_short_paragraph_articles_need_a_run(rules):
    # one sentence per paragraph: a lone sentence sharing nothing proves little ...
    story = one_sentence_paragraphs(STORY)
    lone = story[:6] + [FOREIGN_MIDDLE] + story[6:]
    assert stray_lines(rules, article(lone)) == []
    # ... but a run of foreign sentences at the end does
    tail = FOREIGN_TAIL + [FOREIGN_MIDDLE]
    text = article(story + tail)
    assert stray_lines(rules, text) == [(line_of(text, tail[0]), line_of(text, tail[-1]))]


def test_short_paragraph_quotes_belong(rules):
    story = one_sentence_paragraphs(STORY)
    quotes = ['"We have waited far too long for this," one resident told the meeting.',
              '"Every summer the hosepipe ban comes back," said another.']
    assert stray_lines(rules, article(story[:5] + quotes + story[5:])) == []


def test_stem_conflates_word_forms():
    assert _wordforms.stem("negotiators", 6) == _wordforms.stem("negotiations", 6)
    assert _wordforms.stem("planned", 6) == _wordforms.stem("plans", 6) == "plan"
    assert _wordforms.stem("blogging", 6) == "blog"
    assert _wordforms.stem("ukrainian", 6) == _wordforms.stem("ukraine", 6)


def test_background_table_weighs_common_words_low():
    zipf = _wordforms.Background().zipf
    assert zipf["the"] > 7 > zipf.get("undersea", 0.0) > 0
    assert "qxzvk" not in zipf
    assert zipf["qxzvk"] is None and zipf.get("qxzvk", 2.0) == 2.0


def test_indexed_table_finds_exactly_the_words_of_the_bucketed_form(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_stray_data",
                                                  ROOT / "scripts" / "build_stray_data.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    table = {"aardvark": 30, "bank": 60, "banker": 45, "bankers": 41, "banks": 55, "x-ray": 38,
             "zebra": 33, "zebras": 29, "don't": 61}
    build.INDEX_STEP = 3  # several blocks, so words at block edges are looked up too
    indexed = tmp_path / "indexed.txt"
    indexed.write_text(build.render(["# test table"], table), encoding="utf-8")
    buckets = tmp_path / "buckets.txt"
    by_zipf: dict[int, list[str]] = {}
    for word, zipf in table.items():
        by_zipf.setdefault(zipf, []).append(word)
    buckets.write_text("# old form\n" + "".join(f"{z}\t{' '.join(ws)}\n" for z, ws in by_zipf.items()),
                       encoding="utf-8")
    lazy = _wordforms.Background(indexed).zipf
    whole = _wordforms.Background(buckets).zipf
    assert not lazy.complete and whole.complete
    for word in [*table, "a", "ban", "bankerss", "zzz", "", "Bank", "x", "don"]:
        expected = table[word] / 10 if word in table else None
        assert lazy[word] == expected, word
        assert whole[word] == expected, word


def test_shipped_rule_uses_the_tuned_defaults():
    # the benchmark tunes _profiles.Params; the shipped rule must say the same
    import dataclasses

    from editlint.engine import builtin_packs
    from editlint.rules import load_rule_file

    rule = load_rule_file(builtin_packs()["stray"] / "stray-paragraph.yaml")[0]
    defaults = dataclasses.asdict(_profiles.Params())
    assert {k: rule.options[k] for k in defaults} == defaults


# --- the fast paths give exactly what the word-by-word definition gives -----------------------

TRICKY = [
    "Don't 'quote' me: it's the BBC's rock''n'roll, O'Neill's ’90s and Mr Smith’s 'hat'.",
    "a1b c_d e-f x'y' 'z ''w'' u'''v don’t ’tis’",
    "Zoë Ünal met Łukasz in São Paulo; £5m, €3, 50°, “quoted” ‘text’ — fine… ok\xa0go",
    "ǅemal İstanbul 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 Ⅻ ½ ² x²y Tab\there\x0bthere\x0cend",
    "She said her mother's sister's daughters were girls; SHE and HER and Her.",
    "The pipes, the pipe and Pipes: pipe pipe pipe pipe pipes PIPE piped piping.",
    "", "   ", "'", "''", "a", "I", "Us.", "x\x01y",
]


def _word_regex_words(text: str) -> list[str]:
    import re

    return re.findall(_wordforms._WORD, text.replace("’", "'"))


@pytest.mark.parametrize("pieces", [TRICKY, TRICKY[:2], ["plain ascii only", "second one"],
                                    [t for t in TRICKY if t.isascii()]])
def test_article_words_are_the_word_regex_words(pieces):
    words, lower = _wordforms._article_words(pieces)
    assert words == [[w.encode() for w in _word_regex_words(piece)] for piece in pieces]
    assert lower == [sum(1 for w in _word_regex_words(p) if w[0].islower()) for p in pieces]


def test_article_words_random_text():
    import random

    rng = random.Random(7)
    alphabet = "abcXYZ '’_-1.,;\n\t\"“”‘£é\x01"
    for _ in range(300):
        pieces = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
                  for _ in range(rng.randint(1, 4))]
        ascii_pieces = [p.encode("ascii", "ignore").decode() for p in pieces]
        for case in (pieces, ascii_pieces):
            words, lower = _wordforms._article_words(case)
            assert words == [[w.encode() for w in _word_regex_words(piece)] for piece in case], case
            assert lower == [sum(1 for w in _word_regex_words(p) if w[0].islower())
                             for p in case], case


def _joined(paragraphs: list[str], sentence_starts: bool = False):
    """The article text of these paragraphs (a blank line between them) and each paragraph's
    (start, end, sentence starts); sentence starts after ". " when asked for, as the
    document model gives them, else the paragraph's start only."""
    spans, at = [], 0
    for paragraph in paragraphs:
        starts = [at]
        if sentence_starts:
            starts += [at + i + 2 for i in range(len(paragraph)) if paragraph.startswith(". ", i)]
        spans.append((at, at + len(paragraph), starts))
        at += len(paragraph) + 2
    return "\n\n".join(paragraphs), spans


def _profiler(**params):
    from editlint.engine import builtin_packs
    from editlint.kinds.stray import _load_words

    words = _load_words(str(builtin_packs()["stray"] / "data" / "function-words.yaml"))
    return _profiles.Profiler(_profiles.Params(**params), _wordforms.Background(), words)


def _as_defined(profiler, text, start, end, starts):
    """The word-by-word definition (what Profiler does when names weigh more)."""
    return profiler._profile_by_position(text, start, end, {start, *starts})


def _fields(prof):
    return (prof.vector, list(prof.vector), prof.words, prof.lower_words, prof.sentences,
            prof.quoted, prof.anaphoric, prof.weights, list(prof.weights), prof.zipf,
            prof.surface, prof.names, prof.female_pronoun, prof.female_marker,
            prof.opening_definite, prof.opening_name)


@pytest.mark.parametrize("paragraphs", [
    STORY + FOREIGN_TAIL,
    TRICKY,
    ['"Helen Marsh said Marsh and MARSH." Marsh agreed. Then Marsh left. Marsh, Marsh.',
     "The partnership aims high. Ukraine and Ukrainian negotiators met negotiations.",
     "(Police said) police police's POLICE. 'Police' - Police: police!",
     "Dawn Sturgess, 44, died. Her death was a shock to her, she said."],
])
def test_profiles_are_the_word_by_word_profiles(paragraphs):
    text, spans = _joined(paragraphs, sentence_starts=True)
    profiler = _profiler()
    fast, title = profiler.profiles(text, spans, "Northvale Water’s bills: Pipes and pipes")
    defined = _profiler()
    for prof, (start, end, starts) in zip(fast, spans, strict=True):
        assert _fields(prof) == _fields(_as_defined(defined, text, start, end, starts))
    title_text = "Northvale Water’s bills: Pipes and pipes"
    assert _fields(title) == _fields(_as_defined(defined, title_text, 0, len(title_text), [0]))


@pytest.mark.parametrize("lede_weight", [0.5, 0.0, -0.5, 2.0])
def test_floor_passes_over_only_blocks_scoring_at_or_above_the_threshold(lede_weight):
    # every block that judging every block finds below the threshold is still judged (the
    # lede term is left out of the floor while the rest term alone clears the threshold,
    # and only when its weight is not negative)
    import dataclasses

    profiler = _profiler()
    params = dataclasses.replace(profiler.params, lede_weight=lede_weight)
    for paragraphs in (STORY + FOREIGN_TAIL, STORY[:3] + [FOREIGN_MIDDLE] + STORY[3:],
                       one_sentence_paragraphs(STORY) + FOREIGN_TAIL + [FOREIGN_MIDDLE]):
        text, spans = _joined(paragraphs)
        profs, title = profiler.profiles(text, spans, TITLE)
        art = _cohesion._Article(profs, title, params)
        art.add_up()
        for threshold in (params.threshold, 0.3, 0.6):
            kept = set(_cohesion._blocks_to_judge(art, params, threshold, 1, False))
            for i in range(1, len(profs)):
                for j in range(i, min(len(profs), i + params.max_run)):
                    judged = _cohesion._judge_block(art, *_cohesion._block(profs, i, j), i, j, params)
                    if judged is not None and judged[0] < threshold:
                        assert (i, j) in kept


_SCREEN_WORDS = ("water pipes bills council residents valley reservoir drought engineers "
                 "minister football goal striker league match stadium police arrest court "
                 "judge Marsh Northvale Sturgess the and of to said it was").split()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_SCREEN_WORDS), min_size=4, max_size=30),
                min_size=3, max_size=9),
       st.floats(-1.0, 2.0), st.floats(0.0, 0.9), st.integers(1, 3), st.booleans())
def test_floor_keeps_every_block_judging_finds_below_the_threshold(
        paragraphs, lede_weight, threshold, min_run, judge_lede):
    # random articles over a small vocabulary (many shared words, blocks of every score)
    import dataclasses

    profiler = _profiler()
    params = dataclasses.replace(profiler.params, lede_weight=lede_weight, judge_lede=judge_lede)
    text, spans = _joined([" ".join(words) + "." for words in paragraphs])
    profs, title = profiler.profiles(text, spans, "Northvale pipes")
    art = _cohesion._Article(profs, title, params)
    art.add_up()
    kept = set(_cohesion._blocks_to_judge(art, params, threshold, min_run, False))
    for i in range(0 if judge_lede else 1, len(profs)):
        for j in range(i + min_run - 1, min(len(profs), i + params.max_run)):
            if not all(art.prose[i:j + 1]):
                break
            judged = _cohesion._judge_block(art, *_cohesion._block(profs, i, j), i, j, params)
            if judged is not None and judged[0] < threshold:
                assert (i, j) in kept


def test_whole_table_read_finds_what_single_lookups_find(monkeypatch):
    single = _wordforms._open_table(_wordforms.DATA_FILE)
    whole = _wordforms._open_table(_wordforms.DATA_FILE)
    assert whole._load_all() and whole.complete
    words = list(whole)
    for word in words[::7] + ["qxzvk", "zzzzzz", "a", "the", "don't", "aaaaa", ""]:
        assert single[word] == whole[word], word
    # the switch happens by itself after enough look-ups, and lookups go on the same
    monkeypatch.setattr(_wordforms, "_LOAD_ALL_AFTER", 3)
    lazy = _wordforms._open_table(_wordforms.DATA_FILE)
    for word in ["bank", "banks", "qxzvk", "zebra", "undersea"]:
        assert lazy[word] == single[word]
    assert lazy.complete


def test_whole_table_read_refuses_a_table_lookups_would_read_otherwise(tmp_path):
    table = _wordforms._open_table(_wordforms.DATA_FILE)
    text = _wordforms.DATA_FILE.read_text(encoding="utf-8")
    unsorted = text.replace("\nzoe\t", "\naaa-zoe\t")  # out of order: lookups cannot find it
    path = tmp_path / "unsorted.txt"
    path.write_text(unsorted, encoding="utf-8")
    odd = _wordforms._open_table(path)
    assert not odd._load_all() and not odd.complete
    assert odd["aaa-zoe"] is None and odd["the"] == table["the"]


def test_stray_time_grows_linearly_with_paragraphs(rules):
    import time

    def cost(n: int) -> float:
        paragraphs = [STORY[0]] + [STORY[1 + i % (len(STORY) - 1)] + f" Item {i}." for i in range(n)]
        text = article(paragraphs)
        run_rules(rules, text)  # warm the memos
        best = float("inf")
        for _ in range(3):
            t = time.process_time()
            run_rules(rules, text)
            best = min(best, time.process_time() - t)
        return best

    small, big = cost(100), cost(400)
    assert big < 4 * small * 2.5  # linear (4x the paragraphs), with room for noise


def test_stem_is_the_stemmer_as_first_written():
    import itertools

    def first_written(word: str, length: int) -> str:
        if len(word) > 4 and word.endswith("ies"):
            word = word[:-3] + "y"
        elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
            word = word[:-1]
        for suffix in ("ing", "ed"):
            if len(word) > len(suffix) + 3 and word.endswith(suffix):
                word = word[: -len(suffix)]
                if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                    word = word[:-1]
                break
        return word[:length]

    table = _wordforms._open_table(_wordforms.DATA_FILE)
    assert table._load_all()
    endings = ["".join(p) for n in range(6) for p in itertools.product("siengdlzu", repeat=n)]
    for word in list(table)[::3] + endings:
        for length in (3, 6, 20):
            assert _wordforms.stem(word, length) == first_written(word, length), word


def test_article_weights_from_its_words_are_the_paragraphs_weights():
    profiler, defined = _profiler(), _profiler()
    for paragraphs in (STORY + FOREIGN_TAIL, TRICKY,
                       ["Pipes and pipe; PIPES, piped.", "pipe Pipe pipes", "Ukraine, Ukrainian."]):
        text, spans = _joined(paragraphs)
        fast, title = profiler.profiles(text, spans, TITLE)
        slow = [_as_defined(defined, text, s, e, st) for s, e, st in spans]
        slow_title = _as_defined(defined, TITLE, 0, len(TITLE), [0])
        one = _cohesion._Article(fast, title, profiler.params)._weights
        each = _cohesion._Article(slow, slow_title, profiler.params)._weights
        assert [list(d.items()) for d in one] == [list(d.items()) for d in each]


def test_names_with_sentence_starts_anywhere_are_the_word_by_word_names():
    # sentence starts in the middle of a word, on an apostrophe, before quote marks and
    # brackets, on spaces: a capitalised word is a name unless every use of it opens one
    text = ("Marsh said \"Water\" (Pipes) O'Neill met Marsh. Water rates rose; "
            "'Valley' residents and Valley groups said Don't and O'Neill's view.")
    starts = list(range(0, len(text), 3))
    profiler, defined = _profiler(), _profiler()
    for some in (starts, starts[::2], starts[1::5], [0], []):
        fast = profiler.profile(text, 0, len(text), some)
        assert _fields(fast) == _fields(_as_defined(defined, text, 0, len(text), some)), some


def test_a_run_that_forgets_its_words_finds_the_same(monkeypatch):
    texts = [article(STORY + FOREIGN_TAIL), article(STORY[:3] + [FOREIGN_MIDDLE] + STORY[3:]),
             article(one_sentence_paragraphs(STORY) + FOREIGN_TAIL)]

    def findings(rules_):
        return [[(f.line, f.end_line, f.message) for f in run_rules(rules_, t)] for t in texts]

    expected = findings(rules_from_yaml(RULE))
    monkeypatch.setattr(_profiles, "_WORD_MEMO_LIMIT", 5)  # starts afresh at every article
    assert findings(rules_from_yaml(RULE)) == expected


def test_whole_table_of_counts_counts_what_learning_word_by_word_counts(monkeypatch, tmp_path):
    # a big run loads what every table word counts at once (from the disk cache); the words
    # it then meets count exactly as a run that learns them one by one counts them
    monkeypatch.setenv("EDITLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("EDITLINT_NO_CACHE", raising=False)
    table = _wordforms._open_table(_wordforms.DATA_FILE)
    assert table._load_all()
    sample = list(table)[::5] + ["qxzvk", "zzzzzz", "a", "I", "the", "of", "don't", "aaaaa"]
    forms = [form.encode() for word in sample
             for form in (word, word.capitalize(), word.upper(), word + "'s")]
    for _ in range(2):  # computed, then read from the cache
        monkeypatch.setattr(_profiles, "_LOAD_COUNTS_AFTER", 3)
        loaded = _profiler()
        got = [loaded._counted[form] for form in forms]
        assert loaded._whole
        monkeypatch.setattr(_profiles, "_LOAD_COUNTS_AFTER", 10**9)
        single = _profiler()
        assert got == [single._counted[form] for form in forms]
        assert not single._whole
    # other parameters: another table of counts
    monkeypatch.setattr(_profiles, "_LOAD_COUNTS_AFTER", 3)
    short = _profiler(stem_length=4)
    assert [short._counted[form] for form in forms[:400]] == [
        _profiles.Profiler._counts(short, *_lower_and_zipf(form, table))
        if len(_lower_and_zipf(form, table)[0]) >= 3 or form.isupper() else ()
        for form in forms[:400]]


def _lower_and_zipf(form: bytes, table) -> tuple[str, float | None]:
    lower = _wordforms._bare(form.decode()).lower()
    return lower, table[lower]


def test_preloaded_counts_find_what_learning_finds(monkeypatch, tmp_path):
    # a run that forks workers loads what every table word counts first (Stray.preload):
    # the workers then find what a run that learns its words finds
    monkeypatch.setenv("EDITLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("EDITLINT_NO_CACHE", raising=False)
    texts = [article(STORY + FOREIGN_TAIL), article(STORY[:3] + [FOREIGN_MIDDLE] + STORY[3:]),
             article(one_sentence_paragraphs(STORY) + FOREIGN_TAIL)]

    def findings(preload: bool):
        rules_ = rules_from_yaml(RULE)
        if preload:
            for rule in rules_:
                rule.build().preload()
                assert rule.build().profiler._whole
        return [[(f.line, f.end_line, f.message) for f in run_rules(rules_, t)] for t in texts]

    assert findings(True) == findings(False)
