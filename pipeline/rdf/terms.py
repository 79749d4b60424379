"""The mapping's terms as pyoxigraph's: what a document's graph is made of, from the start.

A graph is written, validated and published by pyoxigraph and the SHACL engine, which read its terms
as they are; rdflib terms made first and converted after were a third of a document's mapping. The
vocabularies here give each term of a namespace once (``UNGA`` still refuses a term the ontology does
not declare), and the literals are written as rdflib wrote them (an integer's, a date's, a decimal's
and a boolean's canonical form), so the files are what they were."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pyoxigraph as ox
from rdflib.namespace import DCTERMS as _DCTERMS
from rdflib.namespace import OWL as _OWL
from rdflib.namespace import RDF as _RDF
from rdflib.namespace import RDFS as _RDFS
from rdflib.namespace import SKOS as _SKOS
from rdflib.namespace import XSD as _XSD

from pipeline import namespaces

__all__ = [
    "DCTERMS",
    "ELI",
    "ELI_DL",
    "ORG",
    "OWL",
    "PROV",
    "RDF",
    "RDFS",
    "SKOS",
    "UNGA",
    "WD",
    "XSD",
    "Object",
    "Subject",
    "Vocabulary",
    "boolean",
    "day",
    "decimal",
    "integer",
    "literal",
]

Subject = ox.NamedNode | ox.BlankNode
Object = ox.NamedNode | ox.BlankNode | ox.Literal


class Vocabulary:
    """The terms of a namespace as pyoxigraph's, each made once: ``UNGA.text``, ``VOCAB["body/plenary"]``.
    A term is checked by the rdflib namespace it mirrors (a closed one refuses what it does not declare)."""

    def __init__(self, namespace: object) -> None:
        self._namespace = namespace
        self._made: dict[str, ox.NamedNode] = {}

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        made = self[name]
        setattr(self, name, made)  # found as an attribute from now on, without this call
        return made

    def __getitem__(self, name: str) -> ox.NamedNode:
        made = self._made.get(name)
        if made is None:
            made = self._made[name] = ox.NamedNode(str(self._namespace[name]))  # type: ignore[index]
        return made


UNGA = Vocabulary(namespaces.UNGA)
ELI = Vocabulary(namespaces.ELI)
ELI_DL = Vocabulary(namespaces.ELI_DL)
ORG = Vocabulary(namespaces.ORG)
PROV = Vocabulary(namespaces.PROV)
WD = Vocabulary(namespaces.WD)
RDF = Vocabulary(_RDF)
RDFS = Vocabulary(_RDFS)
OWL = Vocabulary(_OWL)
SKOS = Vocabulary(_SKOS)
DCTERMS = Vocabulary(_DCTERMS)
XSD = Vocabulary(_XSD)
_INTEGER, _DATE, _DECIMAL, _BOOLEAN = XSD.integer, XSD.date, XSD.decimal, XSD.boolean


def literal(value: str, lang: str | None = None) -> ox.Literal:
    """A string, in a language where one is given."""
    return ox.Literal(value, language=lang) if lang else ox.Literal(value)


def integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_INTEGER)


def day(value: dt.date | str) -> ox.Literal:
    """A date, or its text as a register gives it ("1945-10-24")."""
    return ox.Literal(value if isinstance(value, str) else value.isoformat(), datatype=_DATE)


def decimal(value: float) -> ox.Literal:
    """A number as the decimal its shortest text says (0.95, not 0.94999…)."""
    return ox.Literal(f"{Decimal(str(value)):f}", datatype=_DECIMAL)


def boolean(value: bool) -> ox.Literal:
    return ox.Literal("true" if value else "false", datatype=_BOOLEAN)
