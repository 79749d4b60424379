"""Roll calls of a data set → RDF: each one a recorded vote in the vocabulary of a document's votes
(``votes.vote``), with the data set it comes from.

    <…/vote/plenary/26/x/A/RES/XXVI/2758/unvotes-1190> a unga:Vote , unga:RecordedVote ;
        unga:voteOn <…/document/A/RES/XXVI/2758> ; unga:votedBy vocab:body/plenary ;
        unga:voteSubject vocab:vote-subject/whole ; unga:session 26 ;
        eli-dl:activity_date "1971-10-07"^^xsd:date ;
        eli-dl:number_of_votes_favor 76 ; eli-dl:had_voter_favor <…/state/ALB> , … ;
        unga:rollCallNumber 1190 ; unga:symbolAsWritten "R/26/2758G" ; unga:topic vocab:issue/… ;
        dcterms:description "TO ADOPT RESOL. …"@en ;
        prov:wasDerivedFrom <https://hdl.handle.net/1902.1/12379> .

The vote's IRI is the path of what it is on and the roll call's name (``SourceDataset.roll_call``), with
no meeting (``x``): the data set gives none. A roll call whose code names no document is on a
provisional document of its own (``…/document/provisional/unvotes-1190``), typed unga:Document.
"""

from __future__ import annotations

import pyoxigraph as ox

from pipeline.iris import Iris
from pipeline.model import Document, DocumentKind
from pipeline.rdf.documents import EN, referenced
from pipeline.rdf.terms import DCTERMS, ELI, ELI_DL, PROV, RDF, UNGA, day, integer, literal
from pipeline.rdf.triples import Triples
from pipeline.rdf.votes import VOTERS
from pipeline.register import bodies
from pipeline.rollcalls import RollCall, SourceDataset


def target(g: Triples, iris: Iris, dataset: SourceDataset, rc: RollCall) -> ox.NamedNode:
    """What the roll call was on: the resolution its code names, else a provisional document of its own."""
    if rc.vote.draft is not None:
        return referenced(g, iris, rc.vote.draft)
    ident = dataset.provisional(rc)
    # a Document only for its IRI: ``Iris.document`` mints the provisional ones (…/document/provisional/…)
    node = iris.document(Document(DocumentKind.DRAFT_RESOLUTION, None, ident.removeprefix("provisional/"), None))
    g.add((node, RDF.type, UNGA.Document))
    g.add((node, ELI.id_local, literal(ident)))
    return node


def roll_call(g: Triples, iris: Iris, dataset: SourceDataset, rc: RollCall) -> ox.NamedNode:
    v = rc.vote
    node = iris.vote(v.body, rc.session, None, dataset.vote_on(rc))
    g.add((node, RDF.type, UNGA.Vote))
    g.add((node, RDF.type, UNGA.RecordedVote))
    g.add((node, UNGA.voteOn, target(g, iris, dataset, rc)))
    g.add((node, UNGA.votedBy, iris.concept("body", bodies.slug(v.body))))
    g.add((node, UNGA.voteSubject, iris.concept("vote-subject", v.subject.value)))
    g.add((node, UNGA.session, integer(rc.session)))
    if v.date:
        g.add((node, ELI_DL.activity_date, day(v.date)))
    for count, value in (
        (ELI_DL.number_of_votes_favor, v.yes),
        (ELI_DL.number_of_votes_against, v.no),
        (ELI_DL.number_of_votes_abstention, v.abstain),
    ):
        g.add((node, count, integer(value or 0)))
    for position, refs in v.lists():
        if position in VOTERS:
            for ref in refs:
                if ref.iso3:
                    g.add((node, VOTERS[position][0], iris.state(ref.iso3)))
    g.add((node, UNGA.rollCallNumber, integer(rc.rcid)))
    if rc.code.strip():
        g.add((node, UNGA.symbolAsWritten, literal(rc.code.strip())))
    for topic in rc.topics:
        g.add((node, UNGA.topic, iris.concept("issue", topic)))
    if rc.description:
        g.add((node, DCTERMS.description, literal(rc.description, EN)))
    g.add((node, PROV.wasDerivedFrom, ox.NamedNode(dataset.iri)))
    return node
