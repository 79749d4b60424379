"""PDF readers side by side on the UN's resolution PDFs: pages per second per core (CPU time of this
process and its children, so the machine's other load mostly cancels) and each reader's CPU time as
a ratio to ``pdftotext -layout`` (poppler) on the same files in the same run.

    python bench/pdf.py [FOLDER] [--files N] [--rounds R]
        (default: ../shared/corpus/pdf-resolutions-78, 20 files, 3 rounds)

Readers run in interleaved rounds and each reports its least CPU time, so that a noisy machine
weighs on all of them alike; pdfplumber and pypdf, 15–40× slower, run once.

Candidates: pypdfium2 (PDFium) characters with font, size and origin, by four calls per character
and as the page layer reads them (the page's text in one call, per character its origin and text
object, read by ``map`` without a Python loop, into columns); pypdfium2 plain text; pdfplumber (pdfminer.six)
characters; pypdf text extraction; and the project's whole read of a PDF (page layer, normaliser and
parser) against pdftotext plus the same normaliser and parser on its text. pdfplumber and pypdf come
with ``pip install -e '.[bench]'``; a candidate that is not installed is skipped.
"""

from __future__ import annotations

import ctypes
import importlib
import importlib.util
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.inputs import RawDocument
from pipeline.run import read_documents
from pipeline.sources import pdf as pdf_layer

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "pdf-resolutions-78"


def pdfium_chars(path: Path) -> int:
    """Every character's unicode, origin, size and font by four PDFium calls each."""
    document = pdfium.PdfDocument(str(path))
    x, y, flags = ctypes.c_double(), ctypes.c_double(), ctypes.c_int()
    name = ctypes.create_string_buffer(128)
    count = 0
    for index in range(len(document)):
        textpage = document[index].get_textpage()
        for i in range(textpage.count_chars()):
            pdfium_c.FPDFText_GetUnicode(textpage.raw, i)
            pdfium_c.FPDFText_GetCharOrigin(textpage.raw, i, x, y)
            pdfium_c.FPDFText_GetFontSize(textpage.raw, i)
            pdfium_c.FPDFText_GetFontInfo(textpage.raw, i, name, 128, flags)
            count += 1
        textpage.close()
    document.close()
    return count


def page_layer_chars(path: Path) -> int:
    """Every character as pipeline/sources/pdf.py reads it: the page's text in one call, then per
    character its origin and text object (size and font once per object), into columns."""
    document = pdfium.PdfDocument(str(path))
    count = 0
    for index in range(len(document)):
        page = document[index]
        chars, _, _ = pdf_layer._chars(page, page.get_size()[1])
        count += len(chars.text)
    document.close()
    return count


def page_layer(path: Path) -> int:
    """The page layer's printed lines (characters, then lines with marks, italic and bold)."""
    return sum(len(p.lines) for p in pdf_layer.printed(RawDocument(str(path), "", "", data=path.read_bytes())).pages)


def pdfium_text(path: Path) -> int:
    document = pdfium.PdfDocument(str(path))
    count = sum(len(document[i].get_textpage().get_text_range()) for i in range(len(document)))
    document.close()
    return count


def pdfplumber_chars(path: Path) -> int:
    pdfplumber = importlib.import_module("pdfplumber")  # optional: the bench extra
    with pdfplumber.open(str(path)) as pdf:
        return sum(len(page.chars) for page in pdf.pages)


def pypdf_text(path: Path) -> int:
    pypdf = importlib.import_module("pypdf")  # optional: the bench extra
    return sum(len(page.extract_text() or "") for page in pypdf.PdfReader(str(path)).pages)


def pdftotext(path: Path, into: Path) -> Path:
    target = into / f"{path.stem}.txt"
    subprocess.run(["pdftotext", "-layout", str(path), str(target)], check=True, capture_output=True)
    return target


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process and its children)."""
    wall, cpu = time.perf_counter(), time.process_time()
    children = _children()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu + (_children() - children)


def _children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv and not argv[0].startswith("-") else DEFAULT
    limit = int(argv[argv.index("--files") + 1]) if "--files" in argv else 20
    files = sorted(folder.glob("*.pdf"))[:limit]
    if not files:
        print(f"no PDFs in {folder}", file=sys.stderr)
        return 1
    pages = sum(len(pdfium.PdfDocument(str(f))) for f in files)
    print(f"{len(files)} PDFs, {pages} pages from {folder}")
    rounds = int(argv[argv.index("--rounds") + 1]) if "--rounds" in argv else 3
    with tempfile.TemporaryDirectory() as tmp:
        into = Path(tmp)
        readers: list[tuple[str, Callable[[], object], bool]] = []  # name, run, fast enough to repeat
        if shutil.which("pdftotext"):
            readers.append(("pdftotext -layout (poppler)", lambda: [pdftotext(f, into) for f in files], True))
        readers.append(("pypdfium2 chars, 4 calls each", lambda: [pdfium_chars(f) for f in files], True))
        readers.append(("pypdfium2 chars as the page layer", lambda: [page_layer_chars(f) for f in files], True))
        readers.append(("pypdfium2 plain text", lambda: [pdfium_text(f) for f in files], True))
        if importlib.util.find_spec("pdfplumber"):
            readers.append(("pdfplumber characters", lambda: [pdfplumber_chars(f) for f in files], False))
        if importlib.util.find_spec("pypdf"):
            readers.append(("pypdf extract_text", lambda: [pypdf_text(f) for f in files], False))
        readers.append(("page layer (unga-ld): printed lines", lambda: [page_layer(f) for f in files], True))
        readers.append(("whole read of the PDF (unga-ld)", lambda: [read_documents(f) for f in files], True))
        if shutil.which("pdftotext"):
            readers.append(
                (
                    "pdftotext + unga-ld read of its text",
                    lambda: [(pdftotext(f, into), read_documents(into / f"{f.stem}.txt")) for f in files],
                    True,
                )
            )
        best: dict[str, tuple[float, float]] = {}
        for round_ in range(rounds):  # interleaved rounds, the least CPU of each: the machine's noise
            for name, run, repeat in readers:  # falls on all readers alike
                if round_ and not repeat:
                    continue
                wall, cpu = timed(run)
                if name not in best or cpu < best[name][1]:
                    best[name] = (wall, cpu)
        rows = [(name, *best[name]) for name, _, _ in readers]
    base = rows[0][2] if rows and rows[0][0].startswith("pdftotext -layout") else None
    print(f"{'reader':40} {'wall s':>8} {'CPU s':>8} {'pages/s/core':>13} {'× pdftotext':>12}")
    for name, wall, cpu in rows:
        ratio = f"{cpu / base:11.1f}×" if base else "           -"
        print(f"{name:40} {wall:8.2f} {cpu:8.2f} {pages / max(cpu, 1e-9):13.0f} {ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
