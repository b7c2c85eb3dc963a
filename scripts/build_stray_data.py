"""Build editlint/data/stray_idf.txt: background word frequencies for the stray kind.

The stray-paragraph kind weighs a shared word by how informative it is: "the" and "said" say
nothing about a story, "Alitalia" or "undersea" say a lot. The weights come from wordfreq
(an independent, general English frequency list; data CC BY-SA 4.0), never from the
benchmark corpus. wordfreq is build-time only: the lint path reads the text file written here.

Format (looked up, never loaded whole: a run reads only the words its articles use):
comment lines start with '#'; after the line `#body` every line is `<word><TAB><zipf x 10>`,
words lower-case and sorted. Two header lines index the body: `#index-words` lists every
INDEX_STEP-th word and `#index-offsets` where the line before that word's line ends (its
newline), counted from the newline that ends `#body`. A lookup bisects the index and
searches one block of lines. Words rarer than --min-zipf are left out: the kind treats an
absent word as rare. (The kind also reads the older bucketed form, `<zipf x 10><TAB><word>
<word> ...` per line, loading it whole.)

Usage: python scripts/build_stray_data.py [--min-zipf 2.5] [--out editlint/data/stray_idf.txt]
"""

from __future__ import annotations

import argparse
import math
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# plain words only: letters with inner apostrophes/hyphens (the kind tokenises the same way)
WORD = re.compile(r"^[a-z]+(?:['-][a-z]+)*$")
INDEX_STEP = 128  # words per block: a lookup searches at most this many lines


def build(min_zipf: float, out: Path) -> int:
    from importlib.metadata import version

    import wordfreq  # build-time only

    table: dict[str, int] = {}
    for word, freq in wordfreq.get_frequency_dict("en", wordlist="best").items():
        if freq <= 0 or not WORD.match(word):
            continue
        zipf = math.log10(freq) + 9
        if zipf >= min_zipf:
            table[word] = round(zipf * 10)
    header = [
        "# editlint stray kind: English word frequencies (word, TAB, zipf x 10; sorted, indexed)",
        f"# from wordfreq {version('wordfreq')} (https://github.com/rspeer/wordfreq),"
        " data CC BY-SA 4.0 (Robyn Speer et al.)",
        f"# built by scripts/build_stray_data.py --min-zipf {min_zipf}; words rarer than that are absent",
    ]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(header, table), encoding="utf-8")
    return len(table)


def render(header: list[str], table: dict[str, int]) -> str:
    """The file text: header, index, then one sorted `word<TAB>zipf x 10` line per word."""
    words = sorted(table)
    body = []
    index_words: list[str] = []
    offsets: list[int] = []
    at = 0  # position of the newline before the current line, from the one ending "#body"
    for n, word in enumerate(words):
        if n % INDEX_STEP == 0:
            index_words.append(word)
            offsets.append(at)
        line = f"{word}\t{table[word]}"
        body.append(line)
        at += len(line) + 1
    lines = [*header, "#index-words\t" + " ".join(index_words),
             "#index-offsets\t" + " ".join(map(str, offsets)), "#body", *body]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-zipf", type=float, default=2.5)
    parser.add_argument("--out", type=Path, default=ROOT / "editlint" / "data" / "stray_idf.txt")
    args = parser.parse_args()
    count = build(args.min_zipf, args.out)
    print(f"wrote {count} words to {args.out} ({args.out.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
