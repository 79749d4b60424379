"""Sponsorships, adoption, meetings, votes and statements of intended votes → RDF (ELI-DL aligned)."""

from __future__ import annotations

import datetime as dt

import pyoxigraph as ox

from pipeline.iris import Iris, vote_on
from pipeline.model import (
    Adoption,
    Document,
    DocumentKind,
    RecordedVote,
    SponsorRole,
    Sponsorship,
    VoteIntention,
    VoteOutcome,
    VotePosition,
)
from pipeline.rdf.documents import in_session, referenced
from pipeline.rdf.terms import ELI_DL, RDF, UNGA, boolean, day, integer, literal
from pipeline.rdf.triples import Triples
from pipeline.register import bodies
from pipeline.symbols import Symbol

VOTERS = {
    VotePosition.IN_FAVOUR: (ELI_DL.had_voter_favor, ELI_DL.had_voter_intended_favor, "in-favour"),
    VotePosition.AGAINST: (ELI_DL.had_voter_against, ELI_DL.had_voter_intended_against, "against"),
    VotePosition.ABSTAINING: (ELI_DL.had_voter_abstention, ELI_DL.had_voter_intended_abstention, "abstaining"),
}
ROLES = {SponsorRole.ORIGINAL: "original-sponsor", SponsorRole.JOINED: "joined-later"}


def sponsorships(g: Triples, iris: Iris, draft: ox.NamedNode, sponsors: tuple[Sponsorship, ...]) -> None:
    for s in sponsors:
        node = iris.sponsorship(draft, s.state.iso3, s.state.name_as_written)
        g.add((node, RDF.type, UNGA.Sponsorship))
        g.add((node, UNGA.sponsorshipOf, draft))
        g.add((node, UNGA.role, iris.concept("sponsor-role", ROLES[s.role])))
        g.add((node, UNGA.nameAsWritten, literal(s.state.name_as_written)))
        if s.on_behalf_of:
            g.add((node, UNGA.onBehalfOf, iris.group(s.on_behalf_of)))
        if s.state.iso3:
            state = iris.state(s.state.iso3)
            g.add((node, UNGA.sponsor, state))
            g.add((draft, UNGA.sponsoredBy, state))


def meeting(
    g: Triples,
    iris: Iris,
    body: str | None,
    session: int | str | None,
    number: int,
    date: dt.date | None,
    record: Symbol | None,
) -> ox.NamedNode:
    node = iris.meeting(body, session, number)
    g.add((node, RDF.type, UNGA.Meeting))
    g.add((node, UNGA.meetingNumber, integer(number)))
    g.add((node, UNGA.meetingOf, iris.concept("body", bodies.slug(body))))
    in_session(g, node, session)
    if date:
        g.add((node, ELI_DL.activity_date, day(date)))
    if record:
        g.add((node, UNGA.meetingRecord, referenced(g, iris, record)))
    return node


def adoption(g: Triples, iris: Iris, doc: Document, node: ox.NamedNode, a: Adoption) -> None:
    if a.meeting is not None:
        g.add(
            (
                node,
                UNGA.adoptedAt,
                meeting(g, iris, bodies.PLENARY.name, doc.in_session, a.meeting, a.date, a.meeting_record),
            )
        )
    if a.report is not None:
        report = referenced(g, iris, a.report)
        g.add((report, RDF.type, UNGA.CommitteeReport))
        g.add((node, UNGA.onReportOf, report))
    if a.report_paragraph:
        g.add((node, UNGA.reportParagraph, literal(a.report_paragraph)))
    if a.without_reference:
        g.add((node, UNGA.withoutReference, boolean(True)))
    if a.draft is not None:
        g.add((node, UNGA.adopts, referenced(g, iris, a.draft)))
        if a.draft.previous_revision is not None:
            g.add((iris.symbol(a.draft), UNGA.isRevisionOf, referenced(g, iris, a.draft.previous_revision)))


def vote(g: Triples, iris: Iris, doc: Document, document: ox.NamedNode, v: RecordedVote) -> ox.NamedNode | None:
    voting_record = doc.kind is DocumentKind.PLENARY_RECORD
    became = referenced(g, iris, v.became) if v.became is not None else None
    draft = referenced(g, iris, v.draft) if v.draft else (became if voting_record and became else document)
    if became is not None and v.draft is not None:
        g.add((became, UNGA.adopts, draft))
    if became is not None and v.meeting is not None:
        g.add((became, UNGA.adoptedAt, meeting(g, iris, v.body, doc.in_session, v.meeting, v.date, v.meeting_record)))
    if not v.recorded and v.yes is None:
        if v.outcome in (None, VoteOutcome.ADOPTED):
            g.add((draft, UNGA.adoptedWithoutVote, boolean(True)))
            if draft != document and doc.adoption is not None:
                g.add((document, UNGA.adoptedWithoutVote, boolean(True)))
            if became is not None and became != draft:
                g.add((became, UNGA.adoptedWithoutVote, boolean(True)))
        return None
    node = iris.vote(v.body, doc.in_session, v.meeting, vote_on(doc, v))
    g.add((node, RDF.type, UNGA.Vote))
    if v.recorded:
        g.add((node, RDF.type, UNGA.RecordedVote))
    amendment = referenced(g, iris, v.amendment) if v.amendment is not None else None
    g.add((node, UNGA.voteOn, amendment if amendment is not None else draft))
    g.add((node, UNGA.voteSubject, iris.concept("vote-subject", v.subject.value)))
    g.add((node, UNGA.recordedIn, document))
    if amendment is not None:
        g.add((amendment, RDF.type, UNGA.Amendment))
        if v.draft is not None:
            g.add((amendment, UNGA.amends, draft))
    if v.part and v.draft is not None:
        g.add((node, UNGA.voteOnPart, iris.part(draft, v.part)))
    if v.part_as_written:
        g.add((node, UNGA.partAsWritten, literal(v.part_as_written)))
    if v.outcome is not None:
        g.add((node, UNGA.outcome, iris.concept("vote-outcome", v.outcome.value)))
    g.add((node, UNGA.votedBy, iris.concept("body", bodies.slug(v.body))))
    in_session(g, node, doc.in_session)  # as a roll call says it: a vote's session without going through its meeting
    if v.date:
        g.add((node, ELI_DL.activity_date, day(v.date)))
    if v.meeting is not None:
        g.add((node, UNGA.meeting, meeting(g, iris, v.body, doc.in_session, v.meeting, v.date, v.meeting_record)))
    for count, value in (
        (ELI_DL.number_of_votes_favor, v.yes),
        (ELI_DL.number_of_votes_against, v.no),
        (ELI_DL.number_of_votes_abstention, v.abstain),
    ):
        if value is not None:
            g.add((node, count, integer(value)))
    for position, refs in v.lists():
        predicate = VOTERS[position][0] if position in VOTERS else UNGA.hadNonVoter
        for ref in refs:
            if ref.iso3:
                g.add((node, predicate, iris.state(ref.iso3)))
    for intention in v.intentions:
        _intention(g, iris, node, intention, document)
    return node


def _intention(
    g: Triples, iris: Iris, vote_node: ox.NamedNode, intention: VoteIntention, document: ox.NamedNode
) -> None:
    state, position = intention.state, intention.position
    node = iris.intention(vote_node, state.iso3, state.name_as_written)
    g.add((node, RDF.type, UNGA.VoteIntention))
    g.add((vote_node, UNGA.hadIntention, node))
    g.add((node, UNGA.intendedPosition, iris.concept("vote-position", VOTERS[position][2])))
    g.add((node, UNGA.nameAsWritten, literal(state.name_as_written)))
    if intention.stated_in:
        g.add((node, UNGA.statedIn, iris.part(document, intention.stated_in)))
    if state.iso3:
        g.add((node, UNGA.intendingState, iris.state(state.iso3)))
        g.add((vote_node, VOTERS[position][1], iris.state(state.iso3)))
