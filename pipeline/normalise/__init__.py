"""Normalise: one normaliser per text layout, each with its written guarantees.

``normalise(raw)`` picks the layout and returns a NormalisedText: Blocks (paragraphs and footnote
texts) with their source lines, footnote marks as neutral tokens, no page furniture.
"""

from __future__ import annotations

from pipeline.inputs import NormalisedText, RawDocument
from pipeline.normalise import markdown, pdftotext

__all__ = ["detect", "normalise"]


def detect(text: str) -> str:
    """The layout of a text: ``pdftotext`` when it has page furniture, else ``markdown-export``.

    Plain text with neither set of marks reads correctly as the markdown-like export."""
    if pdftotext.looks_like(text) and not markdown.looks_like(text):
        return "pdftotext"
    return "markdown-export"


def normalise(raw: RawDocument) -> NormalisedText:
    """The text of one document, in the layout it is written in, as Blocks for the parser."""
    if detect(raw.text) == "pdftotext":
        return pdftotext.normalise(raw)
    return markdown.normalise(raw)
