"""A document's comparisons with the earlier texts it derives from (the lineage stage's results):
each a ``unga:Comparison`` with how the pair was found, and a ``unga:ParagraphChange`` per paragraph;
a paragraph that was kept (unchanged, edited or moved) also ``unga:derivedFrom`` its earlier one.
The earlier text is named by its symbol; its own graph describes it."""

from __future__ import annotations

import pyoxigraph as ox

from pipeline.iris import Iris
from pipeline.model import Comparison
from pipeline.rdf.documents import referenced
from pipeline.rdf.terms import RDF, UNGA, decimal, literal
from pipeline.rdf.triples import Triples


def comparison(g: Triples, iris: Iris, document: ox.NamedNode, c: Comparison) -> ox.NamedNode:
    earlier = referenced(g, iris, c.earlier)
    node = iris.part(document, f"comparison_{c.earlier.iri_path}")
    g.add((document, UNGA.comparison, node))
    g.add((node, RDF.type, UNGA.Comparison))
    g.add((node, UNGA.comparedWith, earlier))
    g.add((node, UNGA.foundBy, literal(c.found_by)))
    g.add((node, UNGA.confidence, decimal(c.confidence)))
    for change in c.changes:
        key = f"{change.new or 'none'}_{change.old or 'none'}"
        item = iris.part(document, f"comparison_{c.earlier.iri_path}_{key}")
        g.add((node, UNGA.change, item))
        g.add((item, RDF.type, UNGA.ParagraphChange))
        g.add((item, UNGA.changeKind, iris.concept("change-kind", change.kind.value)))
        later = iris.part(document, change.new) if change.new else None
        old = iris.part(earlier, change.old) if change.old else None
        if later is not None:
            g.add((item, UNGA.laterParagraph, later))
        if old is not None:
            g.add((item, UNGA.earlierParagraph, old))
        if later is not None and old is not None:
            g.add((item, UNGA.similarity, decimal(change.similarity)))
            g.add((later, UNGA.derivedFrom, old))
    return node
