"""RDF: the model as a graph. Reads only the model; every IRI comes from ``iris``.

``to_graph(doc)`` gives one document's graph (a committee report's graph holds the drafts it
prints), ``to_triples(doc)`` the same triples as the build reads them (``triples.Triples``, no rdflib
store); ``rollcalls_graph(roll_calls, dataset)`` the graph of roll calls of a data set;
``states_graph()`` the Member State register; ``ontology_graphs()`` the ontology with its alignments
and the SKOS vocabularies, as the dataset publishes them. The mapping makes pyoxigraph's terms
(``terms``); the rdflib graphs are made of its triples at the end.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph

from pipeline import namespaces
from pipeline.iris import Iris
from pipeline.model import Document, DocumentKind
from pipeline.namespaces import DEFAULT_BASE
from pipeline.rdf.documents import EN, describe, referenced
from pipeline.rdf.lineage import comparison
from pipeline.rdf.rollcalls import roll_call
from pipeline.rdf.terms import ELI, ORG, OWL, RDF, SKOS, UNGA, WD, day, literal
from pipeline.rdf.triples import Triples, new_graph
from pipeline.rdf.votes import adoption, meeting, sponsorships, vote
from pipeline.register import groups
from pipeline.register.states import register
from pipeline.resources import ontology_dir
from pipeline.rollcalls import RollCall, SourceDataset

__all__ = [
    "Triples",
    "new_graph",
    "ontology_graphs",
    "rollcalls_graph",
    "rollcalls_triples",
    "states_graph",
    "to_graph",
    "to_triples",
]


def to_graph(doc: Document, base: str = DEFAULT_BASE) -> Graph:
    return to_triples(doc, base).graph()


def to_triples(doc: Document, base: str = DEFAULT_BASE) -> Triples:
    iris = Iris(base)
    g = Triples()
    node = describe(g, iris, doc)
    sponsored = node  # a resolution's sponsors sponsored the draft it adopts
    if doc.kind is DocumentKind.RESOLUTION and doc.adoption and doc.adoption.draft:
        sponsored = referenced(g, iris, doc.adoption.draft)
    sponsorships(g, iris, sponsored, doc.sponsors)
    if doc.adoption is not None:
        adoption(g, iris, doc, node, doc.adoption)
    if doc.kind is DocumentKind.PLENARY_RECORD:
        _record(g, iris, doc, node)
    for v in doc.votes:
        if doc.kind is not DocumentKind.COMMITTEE_REPORT:
            vote(g, iris, doc, node, v)
    if doc.kind is DocumentKind.COMMITTEE_REPORT:
        _report(g, iris, doc, node)
    for c in doc.comparisons:
        comparison(g, iris, node, c)
    return g


def _record(g: Triples, iris: Iris, doc: Document, record: ox.NamedNode) -> None:
    """A verbatim record: the meeting it records, and who presided."""
    number = next((v.meeting for v in doc.votes if v.meeting is not None), None)
    if number is None and doc.symbol is not None:
        number = doc.symbol.meeting_number
    if number is None:
        return
    held = meeting(g, iris, doc.body, doc.in_session, number, doc.date, doc.symbol)
    g.add((record, UNGA.recordOf, held))
    if doc.presided_by:
        g.add((held, UNGA.presidedBy, literal(doc.presided_by)))


def rollcalls_graph(roll_calls: list[RollCall], dataset: SourceDataset, base: str = DEFAULT_BASE) -> Graph:
    """The graph of roll calls of a data set (the build makes one per session)."""
    g = rollcalls_triples(roll_calls, dataset, base).graph()
    g.bind("prov", namespaces.PROV)
    return g


def rollcalls_triples(roll_calls: list[RollCall], dataset: SourceDataset, base: str = DEFAULT_BASE) -> Triples:
    """The triples of ``rollcalls_graph``, as the build reads them."""
    iris = Iris(base)
    g = Triples()
    for rc in roll_calls:
        roll_call(g, iris, dataset, rc)
    return g


def _report(g: Triples, iris: Iris, doc: Document, report: ox.NamedNode) -> None:
    if doc.rapporteur:
        g.add((report, UNGA.rapporteur, literal(doc.rapporteur)))
    if doc.rapporteur_state and doc.rapporteur_state.iso3:
        g.add((report, UNGA.rapporteurState, iris.state(doc.rapporteur_state.iso3)))
    drafts: dict[str, ox.NamedNode] = {}
    for embedded in doc.recommended:
        draft = describe(g, iris, embedded.document, files=False)
        g.add((draft, UNGA.recommendedIn, report))
        drafts[embedded.label.lower()] = draft
    for proposal in doc.proposals:
        if proposal.symbol is None:
            continue
        draft = referenced(g, iris, proposal.symbol)
        g.add((draft, UNGA.consideredIn, report))
        if proposal.title:
            g.add((draft, ELI.title, literal(proposal.title, EN)))
        if proposal.introduced:
            g.add((draft, UNGA.dateIntroduced, day(proposal.introduced)))
        if proposal.introduced_by and proposal.introduced_by.iso3:
            g.add((draft, UNGA.introducedBy, iris.state(proposal.introduced_by.iso3)))
        for symbol in proposal.budget_implications:
            g.add((draft, UNGA.budgetImplications, referenced(g, iris, symbol)))
        if proposal.recommended_as:
            g.add((draft, UNGA.recommendedAs, literal(proposal.recommended_as)))
        sponsorships(g, iris, draft, proposal.sponsors)
        for taken in (*proposal.separate_votes, *((proposal.vote,) if proposal.vote else ())):
            vote(g, iris, doc, report, taken)


def states_graph(base: str = DEFAULT_BASE) -> Graph:
    """The Member State register: every State with its codes, names and membership dates."""
    iris = Iris(base)
    g = Triples()
    classes = {"member": UNGA.MemberState, "former": UNGA.MemberState, "observer": UNGA.ObserverState}
    for s in register():
        node = iris.state(s.iso3)
        g.add((node, RDF.type, UNGA.State))
        g.add((node, RDF.type, classes[s.status]))
        g.add((node, SKOS.prefLabel, literal(s.name, EN)))
        for alias in s.aliases:
            g.add((node, SKOS.altLabel, literal(alias, EN)))
        g.add((node, UNGA.iso3, literal(s.iso3)))
        if s.m49:  # a State that no longer exists may predate M49 (Zanzibar, 1963–1964)
            g.add((node, UNGA.m49, literal(s.m49)))
        if s.wikidata:
            g.add((node, OWL.sameAs, WD[s.wikidata]))
        g.add((node, UNGA.memberFrom, day(s.member_from)))
        if s.member_to:
            g.add((node, UNGA.memberTo, day(s.member_to)))
        if s.successor:
            g.add((node, UNGA.successor, iris.state(s.successor)))
    for group in groups.GROUPS:  # the groups States speak for, in the register beside them
        node = iris.group(group.key)
        g.add((node, RDF.type, ORG.Organization))
        g.add((node, SKOS.prefLabel, literal(group.name, EN)))
        for alias in group.aliases:
            g.add((node, SKOS.altLabel, literal(alias, EN)))
    return g.graph()


def ontology_graphs() -> list[tuple[str, Graph]]:
    """The ontology (with its alignments) and the SKOS vocabularies, as named graphs to publish."""
    out = []
    for name, paths in (
        ("ontology", [ontology_dir() / "unga.ttl", *sorted((ontology_dir() / "alignments").glob("*.ttl"))]),
        ("vocabularies", sorted((ontology_dir() / "vocabularies").glob("*.ttl"))),
    ):
        g = new_graph()
        for path in paths:
            g.parse(path, format="turtle")
        out.append((name, g))
    return out
