"""The query guard on fragments: what it lets through, what it refuses, and that it reads in one pass."""

from __future__ import annotations

import pytest

from pipeline.serve import sparql

GRAPHS = {"https://w3id.org/unga-ld/graph/states"}


@pytest.mark.parametrize(
    "query",
    [
        'SELECT ?service WHERE { ?service ?p "SERVICE" }',  # a variable and a literal, not the keyword
        "PREFIX ex: <http://e/> SELECT * WHERE { ?s ex:SERVICE ?o }  # SERVICE in a comment",
        "SELECT * WHERE { ?s <http://www.w3.org/ns/sparql-service-description#endpoint> ?o }",
        'SELECT * WHERE { ?s ?p """a "quoted" SERVICE""" }',
        "SELECT * FROM <https://w3id.org/unga-ld/graph/states> WHERE { ?s ?p ?o }",
        "SELECT * FROM NAMED <https://w3id.org/unga-ld/graph/\\u0073tates> WHERE { GRAPH ?g { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o FILTER(?o < 3 && ?o >= 1) } ORDER BY ?o",
        "SELECT * WHERE { VALUES (?a ?b) { (<http://e/1> <http://e/2>) } }",
        *[text for _, text in sparql.shipped().values()],
    ],
)
def test_queries_that_are_safe_pass(query):
    sparql.check(query, GRAPHS)


@pytest.mark.parametrize(
    "query, status, words",
    [
        ("SELECT * WHERE { SERVICE <http://e/> { ?s ?p ?o } }", 400, "SERVICE is disabled"),
        ("SELECT * WHERE { #\rSERVICE <http://e/> { ?s ?p ?o } }", 400, "SERVICE is disabled"),
        ("SELECT * WHERE { FILTER(?a<2)SERVICE:x#>\n { ?x ?p ?o } }", 400, "SERVICE is disabled"),
        ("SELECT * WHERE { FILTER(?a<http://e/SERVICE>) }", 400, "may read as '<'"),
        ("SELECT * FROM <http://e/g> WHERE { ?s ?p ?o }", 400, "names no graph of this dataset"),
        ("SELECT * FROM ex:g WHERE { ?s ?p ?o }", 400, "names no graph of this dataset"),
        ("LOAD <http://e/g>", 400, "LOAD is disabled"),
        ("PREFIX ex: <http://e/> INSERT DATA { ex:a ex:b ex:c }", 403, "read-only"),
        ("SELECT * WHERE { ?s ?p 'unterminated }", 400, "starts no SPARQL token"),
        ("SELECT * WHERE { ?s ?p ?o } \x01", 400, "line 1, column 29"),
        ("SELECT * WHERE " + "{" * 401 + "}" * 401, 400, "deeper than 400"),
    ],
)
def test_unsafe_or_unreadable_queries_are_refused(query, status, words):
    with pytest.raises(sparql.Refused) as refused:
        sparql.check(query, GRAPHS)
    assert refused.value.status == status and words in refused.value.message


@pytest.mark.parametrize("piece", ["a0", "<a", "'''", '"', "ex:a.", "?a", "1.", "((", "#x\n?a", "\\u0041"])
def test_the_lexer_reads_long_inputs_of_its_own_pieces(piece):
    # every token start is tried once: 1 MiB of any piece is read (or refused) rather than rescanned
    text = piece * ((1 << 20) // len(piece))
    try:
        assert sum(1 for _ in sparql.tokens(text)) > 0
    except sparql.Refused as refused:
        assert refused.status == 400 and "starts no SPARQL token" in refused.message
