"""Rewrite the term table of ontology/README.md: every term of ontology/unga.ttl with its label,
comment and one real example triple from the bundled corpus.

Usage: python tools/document_ontology.py   (edits the README in place, between its TERMS markers)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS

from pipeline.rdf import new_graph, states_graph, to_graph
from pipeline.run import build

ROOT = Path(__file__).resolve().parent.parent
NS = "https://w3id.org/unga-ld/ontology#"
START, END = "<!-- TERMS -->", "<!-- /TERMS -->"
PIPE = "\\|"


def short(g: Graph, node) -> str:
    text = node.n3(g.namespace_manager)
    return text if len(text) <= 70 else text[:67] + "…"


def main() -> None:
    onto = Graph().parse(ROOT / "ontology" / "unga.ttl")
    data = new_graph()
    for doc in build().documents:
        data += to_graph(doc)
    data += states_graph()
    rows = ["| term | kind | meaning | example |", "| --- | --- | --- | --- |"]
    kinds = {OWL.Class: "class", OWL.ObjectProperty: "object property", OWL.DatatypeProperty: "datatype property"}
    for kind, label in kinds.items():
        for term in sorted(t for t in onto.subjects(RDF.type, kind) if str(t).startswith(NS)):
            if kind == OWL.Class:
                example = next(data.subjects(RDF.type, term), None)
                shown = f"`{short(data, example)} a unga:{term.removeprefix(NS)}`" if example else "—"
            else:
                triple = next(iter(sorted(data.triples((None, term, None)))), None)
                shown = (
                    f"`{short(data, triple[0])} unga:{term.removeprefix(NS)} {short(data, triple[2])}`"
                    if triple
                    else "—"
                )
            comment = str(onto.value(term, RDFS.comment)).replace("|", PIPE)
            shown = shown.replace("|", PIPE)
            rows.append(f"| `unga:{term.removeprefix(NS)}` | {label} | {comment} | {shown} |")
    readme = ROOT / "ontology" / "README.md"
    text = readme.read_text(encoding="utf-8")
    before, rest = text.split(START, 1)
    _, after = rest.split(END, 1)
    readme.write_text(before + START + "\n" + "\n".join(rows) + "\n" + END + after, encoding="utf-8")


if __name__ == "__main__":
    main()
