"""A scaled corpus for benchmarks: N Akoma Ntoso files made from the UN's own (sessions 75–78 in
../shared/corpus/akn4un-7*-english, 1,339 files), each copy of them moved to sessions of its own so that
every document gets its own symbol and IRI.

Copy 0 is the files as they are; copy k moves sessions 75–78 to 75−4k … 78−4k everywhere a session
is named: symbols (``A/RES/77/37``, ``A/77/L.5``, ``A/C.3/77/L.20``, ``A/77/PV.45``, ``77/37`` in the
text), the FRBR identifiers (``…/77-37/``), the cover page's session (``value="77"``, "Seventy-seventh
session") and the ordinals in the text ("its seventy-eighth session"); the special and emergency
special sessions of those years (``A/RES/S-32/1``, ``A/RES/ES-11/1``) move up by 100 × k. The drafts, reports, meetings
and votes of a copy are then its own too, and a citation of one document of the four sessions by
another points to the same copy's document. Eight copies make 10,712 files (sessions 47–78).

    python bench/corpus.py N FOLDER      # writes FOLDER/NN-{original name}.xml, N files
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.register.numbers import ordinal_number, ordinal_words

CORPUS = ROOT.parent / "shared" / "corpus"
SESSIONS = (75, 76, 77, 78)
_NUMBER = re.compile(r"(?<![\w.])(7[5-8])(?=/(?:\d|[A-Z])|-\d)")
_SPECIAL = re.compile(r"(?<![\w.])(E?S)-(\d+)(?=/(?:\d|[A-Z])|-\d)")  # A/RES/ES-11/1, A/RES/S-32/1
_VALUE = re.compile(r'(<session\b[^>]*\bvalue=")(7[5-8])(")')
_ORDINAL = re.compile(r"\bseventy-(fifth|sixth|seventh|eighth)\b", re.IGNORECASE)
_DOC_NUMBER = re.compile(r"<docNumber\b[^>]*>(.*?)</docNumber>", re.S)


def sources() -> list[Path]:
    """The UN's files of sessions 75–78, in a fixed order."""
    return sorted(p for s in SESSIONS for p in (CORPUS / f"akn4un-{s}-english").glob("*.xml"))


def moved(text: str, copy: int) -> str:
    """The text of a file with sessions 75–78 moved down by 4 × ``copy``."""
    if copy == 0:
        return text
    shift = 4 * copy

    def ordinal(m: re.Match[str]) -> str:
        written = m.group(0)
        number = ordinal_number(written)
        assert number is not None
        word = ordinal_words(number - shift)
        return word if written[0].isupper() else word.lower()

    text = _NUMBER.sub(lambda m: str(int(m.group(1)) - shift), text)
    text = _SPECIAL.sub(lambda m: f"{m.group(1)}-{int(m.group(2)) + 100 * copy}", text)
    text = _VALUE.sub(lambda m: f"{m.group(1)}{int(m.group(2)) - shift}{m.group(3)}", text)
    return _ORDINAL.sub(ordinal, text)


def make(count: int, folder: Path) -> list[Path]:
    """``count`` files in ``folder`` (made anew), copies of the UN's files in turn."""
    originals = sources()
    if not originals:
        sys.exit(f"no Akoma Ntoso files found under {CORPUS}")
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.xml"):
        old.unlink()
    written = []
    for i in range(count):
        copy, source = divmod(i, len(originals))
        target = folder / f"{copy:02d}-{originals[source].name}"
        target.write_text(moved(originals[source].read_text(encoding="utf-8"), copy), encoding="utf-8")
        written.append(target)
    return written


def symbols(files: list[Path]) -> Counter[str]:
    """How many files name each cover-page symbol (each should be named once)."""
    found: Counter[str] = Counter()
    for path in files:
        numbers = _DOC_NUMBER.findall(path.read_text(encoding="utf-8"))
        if numbers:
            found[re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", numbers[0])).strip()] += 1
    return found


def main() -> None:
    if len(sys.argv) != 3 or not sys.argv[1].isdigit():
        sys.exit("usage: python bench/corpus.py N FOLDER")
    files = make(int(sys.argv[1]), Path(sys.argv[2]))
    repeated = {s: n for s, n in symbols(files).items() if n > 1}
    print(f"{len(files)} files in {sys.argv[2]}; {len(repeated)} cover symbols named by more than one file")
    for symbol, n in sorted(repeated.items())[:10]:
        print(f"  {symbol}: {n}")


if __name__ == "__main__":
    main()
