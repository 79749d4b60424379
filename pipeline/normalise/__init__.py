"""Normalise: one normaliser per text layout, each with its written guarantees.

``normalise(path, text)`` picks the layout and returns a NormalisedText: Blocks (paragraphs and
footnote texts) with their source lines, footnote marks as neutral tokens, no page furniture.
"""

from __future__ import annotations

from . import markdown, pdftotext
from .text import Block, NormalisedText, clean, mark, marks_in, strip_marks

__all__ = ["Block", "NormalisedText", "clean", "detect", "mark", "marks_in", "normalise", "strip_marks"]


def detect(text: str) -> str:
    """The layout of a text: ``pdftotext`` when it has page furniture, else ``markdown-export``.

    Plain text with neither set of marks reads correctly as the markdown-like export."""
    if pdftotext.looks_like(text) and not markdown.looks_like(text):
        return "pdftotext"
    return "markdown-export"


def normalise(path: str, text: str) -> NormalisedText:
    if detect(text) == "pdftotext":
        return pdftotext.normalise(path, text)
    return markdown.normalise(path, text)
