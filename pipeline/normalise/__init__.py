"""Normalise: one normaliser per text layout, each with its written guarantees.

``normalise(raw)`` picks the layout and returns a NormalisedText: Blocks (paragraphs and footnote
texts) with their source lines, footnote marks as neutral tokens, no page furniture. A printed
document read by a page layer (a PDF's ``Printed`` from ``sources.pdf``) goes through the same
normaliser as ``pdftotext -layout`` text.
"""

from __future__ import annotations

from pipeline.inputs import NormalisedText, Printed, RawDocument
from pipeline.normalise import layout, markdown, pdftotext, printed, record

__all__ = ["detect", "normalise"]


def detect(text: str) -> str:
    """The layout of a text: ``pdftotext-layout`` for the pages of ``pdftotext -layout`` (form feeds
    between pages that carry the UN's sheet numbers), ``pdftotext`` for other text with page
    furniture, else ``markdown-export``. Plain text with neither set of marks reads correctly as the
    markdown-like export."""
    if layout.looks_like(text):
        return "pdftotext-layout"
    if pdftotext.looks_like(text) and not markdown.looks_like(text):
        return "pdftotext"
    return "markdown-export"


def normalise(source: RawDocument | Printed) -> NormalisedText:
    """The text of one document, in the layout it is written in, as Blocks for the parser."""
    if isinstance(source, Printed):
        return record.normalise(source) if record.looks_like(source) else printed.normalise(source)
    found = detect(source.text)
    if found == "pdftotext-layout":
        pages = layout.printed(source)
        if record.looks_like(pages):  # a verbatim record: read again, column by column
            return record.normalise(layout.printed(source, columns=True))
        return printed.normalise(pages)
    if found == "pdftotext":
        return pdftotext.normalise(source)
    return markdown.normalise(source)
