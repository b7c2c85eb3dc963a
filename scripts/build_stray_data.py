"""Build editlint/data/stray_idf.txt: background word frequencies for the stray kind.

The stray-paragraph kind weighs a shared word by how informative it is: "the" and "said" say
nothing about a story, "Alitalia" or "undersea" say a lot. The weights come from wordfreq
(an independent, general English frequency list; data CC BY-SA 4.0), never from the
benchmark corpus. wordfreq is build-time only: the lint path reads the text file written here.

Format (small, fast to load): comment lines start with '#'; every other line is
`<zipf x 10><TAB><word> <word> ...` -- one line per frequency bucket, words lower-case.
Words rarer than --min-zipf are left out: the kind treats an absent word as rare.

Usage: python scripts/build_stray_data.py [--min-zipf 2.5] [--out editlint/data/stray_idf.txt]
"""

from __future__ import annotations

import argparse
import math
import re
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# plain words only: letters with inner apostrophes/hyphens (the kind tokenises the same way)
WORD = re.compile(r"^[a-z]+(?:['-][a-z]+)*$")


def build(min_zipf: float, out: Path) -> int:
    from importlib.metadata import version

    import wordfreq  # build-time only

    buckets: dict[int, list[str]] = defaultdict(list)
    for word, freq in wordfreq.get_frequency_dict("en", wordlist="best").items():
        if freq <= 0 or not WORD.match(word):
            continue
        zipf = math.log10(freq) + 9
        if zipf >= min_zipf:
            buckets[round(zipf * 10)].append(word)
    lines = [
        "# editlint stray kind: English word frequencies (zipf x 10, one bucket per line)",
        f"# from wordfreq {version('wordfreq')} (https://github.com/rspeer/wordfreq),"
        " data CC BY-SA 4.0 (Robyn Speer et al.)",
        f"# built by scripts/build_stray_data.py --min-zipf {min_zipf}; words rarer than that are absent",
    ]
    count = 0
    for bucket in sorted(buckets, reverse=True):
        words = sorted(buckets[bucket])
        count += len(words)
        lines.append(f"{bucket}\t{' '.join(words)}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-zipf", type=float, default=2.5)
    parser.add_argument("--out", type=Path, default=ROOT / "editlint" / "data" / "stray_idf.txt")
    args = parser.parse_args()
    count = build(args.min_zipf, args.out)
    print(f"wrote {count} words to {args.out} ({args.out.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
