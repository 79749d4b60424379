"""Validation of Akoma Ntoso XML against the OASIS Akoma Ntoso 3.0 schema (vendored in oasis/)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

XSD = Path(__file__).resolve().parent / "oasis" / "akomantoso30.xsd"


@cache
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD)))


def errors(data: bytes) -> list[str]:
    """Schema errors of a document, 'line: message' each; empty when it is valid."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    document = etree.fromstring(data, parser)
    check = schema()
    if check.validate(document):
        return []
    return [f"{e.line}: {e.message}" for e in check.error_log]
