"""The PDF scorer: each resolution read from the UN's PDF (or from ``pdftotext -layout`` text of it)
against the same resolution read from the UN's Akoma Ntoso, fact by fact.

    python -m tests.pdf_scorer [pdf|pdftotext] [--show FACT]

prints, per fact, how many documents (or paragraphs) agree, and with ``--show`` each disagreement
(``--show slips``: the XML's own slips, below). The tests (tests/test_pdf.py) assert the targets
from the same figures.

The XML is the ground truth except where it disagrees with the printed resolution it encodes:
those places, each read by hand in the PDF, are listed in ``XML_SLIPS`` with what the page prints.
A fact listed there is scored against the printed value, and counted apart ("as the XML" shows
the figure against the XML unchanged).
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.diagnostics import DocumentError
from pipeline.inputs import strip_marks
from pipeline.model import Document
from pipeline.run import read_documents
from tests.conftest import AKN_CORPUS

PDFS = AKN_CORPUS.parent / "pdf-resolutions-78"
AKN = AKN_CORPUS.parent / "akn4un-78-english"
_SPACE = re.compile(r"\s+")
_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff]")  # marks a file may carry but no page prints


def norm(text: str | None) -> str:
    """Whitespace-normalised text without footnote marks. A non-breaking hyphen (U+2011) counts as a
    hyphen: the PDF prints both with one glyph, so which one the author typed is not on the page; the
    same holds for the invisible direction marks and zero-width spaces of the XML."""
    plain = strip_marks(text or "").replace("\u2011", "-")
    return _SPACE.sub(" ", _INVISIBLE.sub("", plain)).strip()


@dataclass(frozen=True)
class Slip:
    """A place where the UN's XML differs from the page: how to make the XML's value the printed one
    (a text replaced in it, citations removed and added, or the printed value), and why."""

    why: str
    value: object = None
    replace: tuple[str, str] | None = None
    remove: tuple[str, ...] = ()
    add: tuple[str, ...] = ()

    def printed(self, xml: object) -> object:
        if self.replace is not None and isinstance(xml, str):
            return xml.replace(*self.replace)
        if self.remove or self.add:
            return sorted((set(xml) - set(self.remove)) | set(self.add)) if isinstance(xml, list) else xml
        return self.value


XML_SLIPS: dict[tuple[str, str], Slip] = {
    ("citations", "A/RES/78/203"): Slip(
        "the link on '77/' of '77/212' points to A/RES/76/163, which the text does not cite",
        remove=("A/RES/76/163",),
    ),
    ("citations", "A/RES/78/206"): Slip(
        "'Council resolution 51/19' (its footnote: 'Human Rights Council resolution 51/19') links A/RES/51/19",
        remove=("A/RES/51/19",),
        add=("A/HRC/RES/51/19",),
    ),
    ("citations", "A/RES/78/253"): Slip(
        "the seventh preambular paragraph reads '74/2639' where the page prints '74/263'", remove=("A/RES/74/2639",)
    ),
    ("paragraph text", "A/RES/78/253 pp7"): Slip("'74/2639' for the printed '74/263'", replace=("74/2639", "74/263")),
    ("paragraph text", "A/RES/78/163 pp8"): Slip(
        "'Agreementand' for the printed 'Agreement and'", replace=("Agreementand", "Agreement and")
    ),
    ("annex count", "A/RES/78/128"): Slip("the page prints Annex I, II and III; the XML holds them in one", value=3),
    ("footnote count", "A/RES/78/128"): Slip("the XML lacks footnotes 16 to 19 of annex III", value=19),
    ("footnote place", "A/RES/78/128 fn12"): Slip("footnote 12 is printed in annex II", value="annex_2"),
    ("footnote place", "A/RES/78/128 fn13"): Slip("footnote 13 is printed in annex II", value="annex_2"),
    ("footnote place", "A/RES/78/128 fn14"): Slip("footnote 14 is printed in annex II", value="annex_2"),
    ("footnote place", "A/RES/78/128 fn15"): Slip("footnote 15 is printed in annex III", value="annex_3"),
}


@dataclass
class Score:
    agree: Counter[str] = field(default_factory=Counter)
    as_xml: Counter[str] = field(default_factory=Counter)  # agreement with the XML unchanged
    total: Counter[str] = field(default_factory=Counter)
    differences: dict[str, list[str]] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)
    published: int = 0

    def check(self, fact: str, where: str, got: object, want: object) -> None:
        self.total[fact] += 1
        self.as_xml[fact] += got == want
        slip = XML_SLIPS.get((fact, where))
        if slip is not None:
            want = slip.printed(want)
            self.differences.setdefault("slips", []).append(f"{fact} {where}: {slip.why}")
        if got == want:
            self.agree[fact] += 1
        else:
            self.differences.setdefault(fact, []).append(f"{where}: got {got!r}, want {want!r}")

    def share(self, fact: str) -> float:
        return self.agree[fact] / self.total[fact] if self.total[fact] else 0.0

    def lines(self) -> list[str]:
        head = f"{'fact':22} {'agree':>6}   {'of':<6} {'share':>7}  as the XML"
        return [head] + [
            f"{fact:22} {self.agree[fact]:6} / {self.total[fact]:<6} {100 * self.share(fact):6.2f}%"
            f"  {100 * self.as_xml[fact] / self.total[fact]:6.2f}%"
            for fact in sorted(self.total)
        ]


def pairs() -> list[tuple[Path, Path | None]]:
    """Each PDF with the UN's Akoma Ntoso file of the same resolution (None where the corpus has none:
    that PDF is only checked to publish)."""
    out: list[tuple[Path, Path | None]] = []
    for pdf in sorted(PDFS.glob("*.pdf")):
        xml = sorted(AKN.glob(f"{pdf.stem}-*.xml")) + sorted(AKN.glob(f"{pdf.stem}_*.xml"))
        out.append((pdf, xml[0] if xml else None))
    return out


def pdftotext(pdf: Path, into: Path) -> Path:
    """The ``pdftotext -layout`` text of a PDF (poppler-utils)."""
    target = into / f"{pdf.stem}.txt"
    subprocess.run(["pdftotext", "-layout", str(pdf), str(target)], check=True, capture_output=True)
    return target


def compare(score: Score, got: Document, want: Document) -> None:
    name = want.symbol.text if want.symbol else "?"
    score.check("symbol", name, got.symbol, want.symbol)
    score.check("title", name, norm(got.title), norm(want.title))
    score.check("session", name, got.session, want.session)
    score.check("agenda items", name, got.agenda_items, want.agenda_items)
    ga, wa = got.adoption, want.adoption
    score.check("adoption date", name, ga and ga.date, wa and wa.date)
    score.check("meeting", name, ga and ga.meeting, wa and wa.meeting)
    score.check("report", name, ga and ga.report, wa and wa.report)
    score.check("report paragraph", name, ga and ga.report_paragraph, wa and wa.report_paragraph)
    score.check("preambular count", name, len(got.preamble), len(want.preamble))
    score.check("operative count", name, len(got.operative), len(want.operative))
    score.check("footnote count", name, len(got.footnotes), len(want.footnotes))
    score.check("annex count", name, len(got.annexes), len(want.annexes))
    for g, w in zip(got.preamble, want.preamble, strict=False):
        where = f"{name} pp{w.ordinal}"
        score.check("paragraph text", where, norm(g.text), norm(w.text))
        score.check("phrase", where, g.phrase, w.phrase)
    for g, w in zip(got.operative, want.operative, strict=False):
        where = f"{name} op{w.number}"
        score.check("paragraph text", where, norm(g.text), norm(w.text))
        score.check("verb", where, g.verb, w.verb)
        score.check("sub-paragraph count", where, len(g.subparagraphs), len(w.subparagraphs))
        for gs, ws in zip(g.subparagraphs, w.subparagraphs, strict=False):
            score.check("paragraph text", f"{where}{ws.number}", norm(gs.text), norm(ws.text))
    by_marker = {f.marker: f for f in got.footnotes}  # the XML may list its notes in an order of its own
    for w in want.footnotes:
        where = f"{name} fn{w.marker}"
        g = by_marker.get(w.marker)
        if g is None:
            score.check("footnote text", where, None, norm(w.text))
            score.check("footnote place", where, None, _place(w.anchored_in))
            continue
        score.check("footnote text", where, norm(g.text), norm(w.text))
        score.check("footnote place", where, _place(g.anchored_in), _place(w.anchored_in))
    score.check("citations", name, _cited(got), _cited(want))


def _place(eid: str | None) -> str | None:
    """Where a footnote stands; in an annex, which annex (the UN's eIds count an annex's blocks its
    own way, a printed page shows no such count)."""
    return eid.split("__")[0] if eid and eid.startswith("annex_") else eid


def _cited(doc: Document) -> list[str]:
    found = {c.symbol.text for p in (*doc.preamble, *doc.operative) for c in p.citations}
    found |= {c.symbol.text for p in doc.operative for s in p.subparagraphs for c in s.citations}
    return sorted(found)


def run(layer: str = "pdf") -> Score:
    score = Score()
    with tempfile.TemporaryDirectory() as tmp:
        for pdf, xml in pairs():
            source = pdf if layer == "pdf" else pdftotext(pdf, Path(tmp))
            try:
                got = read_documents(source)[0][0]
            except DocumentError as exc:
                score.failed.append(str(exc))
                continue
            score.published += 1
            if xml is not None:
                compare(score, got, read_documents(xml)[0][0])
    return score


def main(argv: list[str]) -> int:
    layer = argv[0] if argv and not argv[0].startswith("-") else "pdf"
    show = argv[argv.index("--show") + 1] if "--show" in argv else None
    score = run(layer)
    compared = sum(1 for _, xml in pairs() if xml is not None)
    print(f"{layer}: {score.published} of {len(pairs())} documents published; {compared} compared with their XML")
    print("\n".join(score.lines()))
    for failure in score.failed:
        print("failed:", failure)
    if show:
        print("\n".join(score.differences.get(show, [])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
