"""The ontology: its header, a label, comment and isDefinedBy on every term, the Python namespace in
sync with it, every emitted class under a node shape, and the clause scheme in sync with the lexicon."""

from __future__ import annotations

import subprocess
import sys

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS

from pipeline.namespaces import ONTOLOGY_IRI, UNGA
from pipeline.rdf import states_graph, to_graph
from pipeline.validate import shapes_graph
from tests.conftest import ROOT, document

ONTOLOGY = ROOT / "ontology"
NS = str(UNGA._NS)
VANN = "http://purl.org/vocab/vann/"


def ontology() -> Graph:
    return Graph().parse(ONTOLOGY / "unga.ttl")


def terms(g: Graph) -> set[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {s for k in kinds for s in g.subjects(RDF.type, k) if str(s).startswith(NS)}


def test_header():
    g = ontology()
    for prop in (
        OWL.versionIRI,
        OWL.versionInfo,
        DCTERMS.modified,
        DCTERMS.license,
        RDFS.label,
        RDFS.comment,
        URIRef(VANN + "preferredNamespacePrefix"),
    ):
        assert g.value(ONTOLOGY_IRI, prop) is not None, prop


def test_every_term_has_label_comment_and_is_defined_by():
    g = ontology()
    assert len(terms(g)) > 60
    for term in terms(g):
        assert g.value(term, RDFS.label), term
        assert g.value(term, RDFS.comment), term
        assert g.value(term, RDFS.isDefinedBy) == ONTOLOGY_IRI, term


def test_python_namespace_declares_exactly_the_ontology_terms():
    declared = {UNGA[name] for name in UNGA.__annotations__}
    assert declared == terms(ontology())


def test_alignment_and_vocabulary_files_add_no_terms_of_ours():
    own = terms(ontology())
    for path in [*(ONTOLOGY / "alignments").glob("*.ttl"), *(ONTOLOGY / "vocabularies").glob("*.ttl")]:
        g = Graph().parse(path)
        used = {t for t in g.all_nodes() if isinstance(t, URIRef) and str(t).startswith(NS)}
        assert used <= own, (path.name, used - own)


def test_every_class_the_mapping_emits_has_a_node_shape():
    onto = ontology()
    for path in (ONTOLOGY / "alignments").glob("*.ttl"):
        onto.parse(path)
    targeted = set(shapes_graph().objects(None, SH.targetClass))
    emitted = set()
    for seed in (
        "000_ea35d43ee21e10af",
        "001_69c6e02bd4b24d1c",
        "002_6c1610f3d2692637",
        "003_adef17272de0fa25",
        "004_a2d8dbfef73a8e4a",
    ):
        emitted |= set(to_graph(document(seed)).objects(None, RDF.type))
    emitted |= set(states_graph().objects(None, RDF.type))
    assert {UNGA.RecordedVote, UNGA.Sponsorship, UNGA.VoteIntention, UNGA.MemberState} <= emitted
    for cls in emitted:
        lineage = {cls, *onto.transitive_objects(cls, RDFS.subClassOf)}
        assert lineage & targeted, f"no node shape targets {cls}"


def test_clause_scheme_is_generated_from_the_lexicon():
    generated = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_vocabularies.py")], capture_output=True, text=True, check=True
    ).stdout
    assert generated == (ONTOLOGY / "vocabularies" / "clauses.ttl").read_text(encoding="utf-8")


def test_every_clause_verb_the_seeds_use_is_a_concept():
    concepts = set(Graph().parse(ONTOLOGY / "vocabularies" / "clauses.ttl").subjects(RDF.type, SKOS.Concept))
    for seed in ("001_69c6e02bd4b24d1c", "004_a2d8dbfef73a8e4a"):
        used = set(to_graph(document(seed)).objects(None, UNGA.clauseVerb))
        assert used and used <= concepts


def test_readme_documents_every_term():
    readme = (ONTOLOGY / "README.md").read_text(encoding="utf-8")
    for term in terms(ontology()):
        assert f"unga:{str(term).removeprefix(NS)}" in readme, term
