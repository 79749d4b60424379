"""Parse: one input into the model, with diagnostics.

``parse(source)`` takes what the stage before gives: a NormalisedText (the text layouts, read by
``document.text_document``: heading block, then body or report), or the RawDocument of an Akoma Ntoso
file (read by ``akn4un`` straight into the model, without text parsing; a collection gives several
documents). Every piece is also callable on its own fragment (``header.heading``,
``resolution.body``, ``citations.citations``, ``votes.result`` …).
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.diagnostics import Diagnostic
from pipeline.inputs import NormalisedText, RawDocument
from pipeline.model import Document
from pipeline.parse import plenary
from pipeline.parse.akn4un import from_akn
from pipeline.parse.document import text_document


@dataclass(frozen=True)
class ParseResult:
    documents: tuple[Document, ...]
    diagnostics: tuple[Diagnostic, ...]

    @property
    def document(self) -> Document:
        return self.documents[0]


def parse(source: NormalisedText | RawDocument) -> ParseResult:
    """The documents of one input. Raises DocumentError only for unusable input."""
    if isinstance(source, RawDocument):
        documents, diagnostics = from_akn(source)
        return ParseResult(tuple(documents), tuple(diagnostics))
    if plenary.looks_like(list(source.blocks), source.raw.manifest.symbol):
        document, diagnostics = plenary.record(source)
    else:
        document, diagnostics = text_document(source)
    return ParseResult((document,), tuple(diagnostics))
