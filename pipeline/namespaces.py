"""Every namespace the RDF layer uses, and our own vocabulary as a closed namespace.

``UNGA`` lists exactly the terms ontology/unga.ttl declares (tests/test_ontology.py keeps the two in
sync), so the mapping cannot emit a term the ontology does not define."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD, DefinedNamespace
from rdflib.term import URIRef

ELI = Namespace("http://data.europa.eu/eli/ontology#")
ELI_DL = Namespace("http://data.europa.eu/eli/eli-draft-legislation-ontology#")
WD = Namespace("http://www.wikidata.org/entity/")
PROV = Namespace("http://www.w3.org/ns/prov#")
ORG = Namespace("http://www.w3.org/ns/org#")
VOCAB = Namespace("https://w3id.org/unga-ld/vocabulary/")
ONTOLOGY_IRI = URIRef("https://w3id.org/unga-ld/ontology")
DEFAULT_BASE = "https://w3id.org/unga-ld/"


class UNGA(DefinedNamespace):
    _NS = Namespace("https://w3id.org/unga-ld/ontology#")
    _fail = True

    # classes
    Document: URIRef
    Resolution: URIRef
    Decision: URIRef
    DraftResolution: URIRef
    Amendment: URIRef
    CommitteeReport: URIRef
    HRCResolution: URIRef
    SCResolution: URIRef
    MeetingRecord: URIRef
    Paragraph: URIRef
    PreambularParagraph: URIRef
    OperativeParagraph: URIRef
    SubParagraph: URIRef
    ReportParagraph: URIRef
    Footnote: URIRef
    Annex: URIRef
    AnnexParagraph: URIRef
    AnnexHeading: URIRef
    State: URIRef
    MemberState: URIRef
    ObserverState: URIRef
    Sponsorship: URIRef
    Vote: URIRef
    RecordedVote: URIRef
    VoteIntention: URIRef
    Comparison: URIRef
    ParagraphChange: URIRef
    Meeting: URIRef
    # object properties
    documentType: URIRef
    isRevisionOf: URIRef
    amends: URIRef
    headingNote: URIRef
    submittedBy: URIRef
    issuedBy: URIRef
    clauseVerb: URIRef
    footnoteOf: URIRef
    sponsorshipOf: URIRef
    sponsor: URIRef
    role: URIRef
    sponsoredBy: URIRef
    voteOn: URIRef
    votedBy: URIRef
    meeting: URIRef
    hadNonVoter: URIRef
    hadIntention: URIRef
    intendingState: URIRef
    intendedPosition: URIRef
    outcome: URIRef
    voteSubject: URIRef
    voteOnPart: URIRef
    partAsWritten: URIRef
    recordedIn: URIRef
    recordOf: URIRef
    presidedBy: URIRef
    speaker: URIRef
    speakerState: URIRef
    onBehalfOf: URIRef
    statedIn: URIRef
    adoptedAt: URIRef
    onReportOf: URIRef
    adopts: URIRef
    introducedBy: URIRef
    consideredIn: URIRef
    budgetImplications: URIRef
    recommendedIn: URIRef
    rapporteurState: URIRef
    successor: URIRef
    meetingRecord: URIRef
    meetingOf: URIRef
    comparison: URIRef
    comparedWith: URIRef
    change: URIRef
    changeKind: URIRef
    laterParagraph: URIRef
    earlierParagraph: URIRef
    derivedFrom: URIRef
    topic: URIRef
    # datatype properties
    session: URIRef
    specialSession: URIRef
    agendaItem: URIRef
    agendaItemTitle: URIRef
    distribution: URIRef
    originalLanguage: URIRef
    ordinal: URIRef
    text: URIRef
    phrase: URIRef
    heading: URIRef
    section: URIRef
    marker: URIRef
    enactingFormula: URIRef
    fileName: URIRef
    nameAsWritten: URIRef
    iso3: URIRef
    m49: URIRef
    memberFrom: URIRef
    memberTo: URIRef
    reportParagraph: URIRef
    aknWork: URIRef
    adoptedWithoutVote: URIRef
    withoutReference: URIRef
    recommendedAs: URIRef
    dateIntroduced: URIRef
    rapporteur: URIRef
    meetingNumber: URIRef
    foundBy: URIRef
    confidence: URIRef
    similarity: URIRef
    rollCallNumber: URIRef
    symbolAsWritten: URIRef


PREFIXES = {
    "unga": UNGA._NS,
    "eli": ELI,
    "eli-dl": ELI_DL,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "wd": WD,
    "org": ORG,
    "vocab": VOCAB,
}
