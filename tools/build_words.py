"""Build pipeline/register/words.csv: the English words the General Assembly prints, with how often.

Usage: python tools/build_words.py ../shared/corpus > pipeline/register/words.csv

Input: the UN's own Akoma Ntoso files in English (the folders ``akn4un-*-english``). Every run of
letters in their text is counted; words seen fewer than three times are left out (the files' own
slips: a word the UN's XML splits, "approach es", is rare there). The page layer of ``pdftotext``
text uses the list to join words that text splits at a glyph gap (pipeline/normalise/layout.py).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from lxml import etree

_WORD = re.compile(r"[A-Za-z]+")
MINIMUM = 3


def main(corpus: Path) -> int:
    counts: Counter[str] = Counter()
    for path in sorted(corpus.glob("akn4un-*-english/*.xml")):
        counts.update(_WORD.findall(" ".join(etree.parse(str(path)).getroot().itertext())))
    sys.stdout.write("word,count\n")
    for word, count in sorted(counts.items()):
        if count >= MINIMUM:
            sys.stdout.write(f"{word},{count}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
