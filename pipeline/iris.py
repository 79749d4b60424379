"""Every IRI the pipeline mints, in one place. The scheme (ontology/README.md explains it):

- documents      {base}document/{symbol path}         https://w3id.org/unga-ld/document/A/RES/77/37
- provisional    {base}document/provisional/{id}
- parts          {document}#{eId}                      …/A/RES/77/37#para_1__subpara_a, #fn_1
- sponsorships   {draft}#sponsor_{ISO3}
- States         {base}state/{ISO3}
- meetings       {base}meeting/{body}/{session}/{number}
- votes          {base}vote/{body}/{session}/{meeting}/{draft symbol path}
- intentions     {vote}#intention_{ISO3}
- vocabularies   https://w3id.org/unga-ld/vocabulary/{scheme}/{slug} (fixed, not under --base)

No blank nodes and nothing random: the same input gives the same IRIs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import URIRef

from pipeline.model import Document, RecordedVote
from pipeline.symbols import Symbol
from pipeline.namespaces import DEFAULT_BASE, VOCAB

BODY_SLUGS = {
    "General Assembly": "plenary",
    "First Committee": "first-committee",
    "Second Committee": "second-committee",
    "Third Committee": "third-committee",
    "Fourth Committee": "fourth-committee",
    "Fifth Committee": "fifth-committee",
    "Sixth Committee": "sixth-committee",
}


def clause_slug(head: str) -> str:
    """'Calls upon' → 'calls-upon'."""
    return re.sub(r"[^a-z0-9]+", "-", head.lower()).strip("-")


def body_slug(body: str | None) -> str:
    return BODY_SLUGS.get(body or "", "plenary")


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._\-]+", "-", text).strip("-")


@dataclass(frozen=True)
class Iris:
    base: str = DEFAULT_BASE

    def document(self, doc: Document) -> URIRef:
        if doc.symbol is not None:
            return self.symbol(doc.symbol)
        return URIRef(f"{self.base}document/provisional/{_safe(doc.provisional_id or 'unknown')}")

    def symbol(self, symbol: Symbol) -> URIRef:
        return URIRef(f"{self.base}document/{symbol.iri_path}")

    def part(self, document: URIRef, eid: str) -> URIRef:
        return URIRef(f"{document}#{_safe(eid)}")

    def state(self, iso3: str) -> URIRef:
        return URIRef(f"{self.base}state/{iso3}")

    def sponsorship(self, draft: URIRef, iso3: str | None, name: str) -> URIRef:
        return URIRef(f"{draft}#sponsor_{iso3 or 'name-' + _safe(name)}")

    def meeting(self, body: str | None, session: int | str | None, number: int) -> URIRef:
        return URIRef(f"{self.base}meeting/{body_slug(body)}/{session or 'x'}/{number}")

    def vote(self, vote: RecordedVote, session: int | str | None, fallback: URIRef) -> URIRef:
        on = vote.draft.iri_path if vote.draft else fallback.split("/document/", 1)[-1]
        return URIRef(f"{self.base}vote/{body_slug(vote.body)}/{session or 'x'}/{vote.meeting or 'x'}/{on}")

    def intention(self, vote: URIRef, iso3: str | None, name: str) -> URIRef:
        return URIRef(f"{vote}#intention_{iso3 or 'name-' + _safe(name)}")

    @staticmethod
    def concept(scheme: str, slug: str) -> URIRef:
        return VOCAB[f"{scheme}/{slug}"]


def dump_name(doc: Document) -> str:
    """The file name of a document's dumps: the UN's own file-name habit (A_RES_77_37)."""
    ident = doc.symbol.iri_path if doc.symbol else f"provisional_{doc.provisional_id}"
    return _safe(ident.replace("/", "_"))
