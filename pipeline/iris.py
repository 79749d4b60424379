"""Every IRI the pipeline mints, in one place. The scheme (ontology/README.md explains it):

- documents      {base}document/{symbol path}         https://w3id.org/unga-ld/document/A/RES/77/37
- provisional    {base}document/provisional/{id}
- parts          {document}#{eId}                      …/A/RES/77/37#para_1__subpara_a, #fn_1
- expressions    {document}/{ISO 639-2}                …/A/RES/77/37/fra (the document in French)
- manifestations {expression}/{format}                 …/A/RES/77/37/fra/akn (the file it was read from)
- sponsorships   {draft}#sponsor_{ISO3}
- States         {base}state/{ISO3}
- meetings       {base}meeting/{body}/{session}/{number}
- votes          {base}vote/{body}/{session}/{meeting}/{draft symbol path}  (a vote a committee report records)
                 {base}vote/plenary/{session}/{meeting}/{resolution path}  (the vote that adopted a resolution)
                 {session}: a regular session's number (77), or a special session as symbols write it
                 (ES-11: its meetings are numbered within it, from 1)
- groups         {base}group/{KEY}                      https://w3id.org/unga-ld/group/G77
- intentions     {vote}#intention_{ISO3}
- vocabularies   https://w3id.org/unga-ld/vocabulary/{scheme}/{slug} (fixed, not under --base)

No blank nodes and nothing random: the same input gives the same IRIs. Each is a pyoxigraph term, as the
graphs are made of (``rdf.terms``); ``.value`` is its text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox

from pipeline.model import Document, DocumentKind, RecordedVote
from pipeline.namespaces import DEFAULT_BASE, VOCAB
from pipeline.register import bodies
from pipeline.symbols import Symbol


def clause_slug(head: str) -> str:
    """'Calls upon' → 'calls-upon'."""
    return re.sub(r"[^a-z0-9]+", "-", head.lower()).strip("-")


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._\-]+", "-", text).strip("-")


@dataclass(frozen=True)
class Iris:
    base: str = DEFAULT_BASE

    def document(self, doc: Document) -> ox.NamedNode:
        return ox.NamedNode(f"{self.base}document/{document_path(doc)}")

    def symbol(self, symbol: Symbol) -> ox.NamedNode:
        return ox.NamedNode(f"{self.base}document/{symbol.iri_path}")

    def expression(self, document: ox.NamedNode, code: str) -> ox.NamedNode:
        """A document in one language (ISO 639-2, as ELI and Akoma Ntoso write it): …/A/RES/77/104/fra."""
        return ox.NamedNode(f"{document.value}/{_safe(code)}")

    def manifestation(self, expression: ox.NamedNode, extension: str) -> ox.NamedNode:
        """The file an expression was read from, by its format: …/A/RES/77/104/fra/akn."""
        return ox.NamedNode(f"{expression.value}/{extension}")

    def part(self, document: ox.NamedNode, eid: str) -> ox.NamedNode:
        return ox.NamedNode(f"{document.value}#{_safe(eid)}")

    def group(self, key: str) -> ox.NamedNode:
        return ox.NamedNode(f"{self.base}group/{key}")

    def state(self, iso3: str) -> ox.NamedNode:
        return ox.NamedNode(f"{self.base}state/{iso3}")

    def sponsorship(self, draft: ox.NamedNode, iso3: str | None, name: str) -> ox.NamedNode:
        return ox.NamedNode(f"{draft.value}#sponsor_{iso3 or 'name-' + _safe(name)}")

    def meeting(self, body: str | None, session: int | str | None, number: int) -> ox.NamedNode:
        return ox.NamedNode(f"{self.base}meeting/{bodies.slug(body)}/{session or 'x'}/{number}")

    def vote(self, body: str | None, session: int | str | None, meeting: int | None, on: str) -> ox.NamedNode:
        """A vote by its parts: body, session, meeting, and the path of what was voted on (the draft's
        symbol path, or the voting document's own ``document_path``)."""
        return ox.NamedNode(f"{self.base}vote/{bodies.slug(body)}/{session or 'x'}/{meeting or 'x'}/{on}")

    def intention(self, vote: ox.NamedNode, iso3: str | None, name: str) -> ox.NamedNode:
        return ox.NamedNode(f"{vote.value}#intention_{iso3 or 'name-' + _safe(name)}")

    @staticmethod
    @cache
    def concept(scheme: str, slug: str) -> ox.NamedNode:
        return ox.NamedNode(f"{VOCAB}{scheme}/{slug}")


def document_path(doc: Document) -> str:
    """The path of a document's IRI below ``document/``: its symbol's, or ``provisional/{id}``."""
    if doc.symbol is not None:
        return doc.symbol.iri_path
    return f"provisional/{_safe(doc.provisional_id or 'unknown')}"


def vote_on(doc: Document, vote: RecordedVote) -> str:
    """The last part of a vote's IRI. A resolution records the vote that adopted it: the resolution's own
    path, since several resolutions may be adopted at one meeting on one document (the drafts printed in
    the report A/78/23, adopted as 78/81, 78/82 …); a plenary record's vote that gave a resolution is
    named by it too, so that both sources name one vote alike. A vote on a paragraph is the draft's path
    and the paragraph's eId (``A/48/L.13/preamble_8``); on an amendment, the amendment's path. A report
    records votes on drafts: the draft's path, else the document's own. Where two votes of a document at
    one meeting would get one path (two oral amendments to one draft), the later ones end in "-2", "-3"."""
    on = _vote_on(doc, vote)
    taken = doc.all_votes
    at = next((i for i, v in enumerate(taken) if v is vote), 0)
    earlier = sum(1 for v in taken[:at] if v.meeting == vote.meeting and _vote_on(doc, v) == on)
    return f"{on}-{earlier + 1}" if earlier else on


def _vote_on(doc: Document, vote: RecordedVote) -> str:
    if doc.kind is DocumentKind.RESOLUTION and doc.symbol is not None:
        return doc.symbol.iri_path
    subject = vote.subject.value
    if subject == "whole" and vote.became is not None:
        return vote.became.iri_path
    if subject == "amendment" and vote.amendment is not None:
        return vote.amendment.iri_path
    on = vote.draft.iri_path if vote.draft else document_path(doc)
    if subject == "part" and vote.part:
        return f"{on}/{vote.part}"
    return on if subject == "whole" else f"{on}/{subject}"


def dump_name(doc: Document) -> str:
    """The file name of a document's dumps: the UN's own file-name habit (A_RES_77_37)."""
    ident = doc.symbol.iri_path if doc.symbol else f"provisional_{doc.provisional_id}"
    return _safe(ident.replace("/", "_"))
