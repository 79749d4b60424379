"""The portal: HTML pages over the published dataset, one site layout (templates/, Jinja2), every
resource a page and every page's resources links.

- ``/`` the dataset at a glance and a query box; ``/search?q=`` symbols, titles and State names;
  ``/states`` every State; ``/query`` a SPARQL query with its results as a table.
- A document (``/document/…``): its text, each paragraph at its own anchor, sponsors and States as
  links, the documents it cites, its history (draft, revisions, report, resolution), every vote on it,
  the UN's original (undocs.org) and its other language versions; ``?since=SYMBOL`` shows what changed
  since an earlier document, side by side, with the words inserted and deleted marked.
- A vote (``/vote/…``): totals, outcome, the lists of States, a hemicycle (``charts``); a State
  (``/state/…``): names, codes, membership, every vote it cast (paged), what it sponsored, a chart
  of its positions per session; a meeting, an ontology term (``/ontology``), a vocabulary
  (``/vocabulary/…``) and the catalogue (``/dataset``) each have theirs; any other resource a table.

Pages read the store by small, indexed SPARQL queries (``Endpoint.select``). Every value reaches a
template as data and is escaped there.
"""

from __future__ import annotations

import difflib
import json
import math
import urllib.parse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2
import pyoxigraph as ox
from markupsafe import Markup

from pipeline.register import languages
from pipeline.serve import charts, sparql

PREFIXES = """PREFIX unga: <https://w3id.org/unga-ld/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX eli-dl: <http://data.europa.eu/eli/eli-draft-legislation-ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX dcat: <http://www.w3.org/ns/dcat#>
PREFIX void: <http://rdfs.org/ns/void#>
PREFIX spdx: <http://spdx.org/rdf/terms#>
"""
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
PAGE_SIZE = 50
IN_SESSION = "unga:session|unga:specialSession"  # a regular session's number, or a special session's name (ES-11)
# the predicates of a vote that hold its lists, with the position each stands for (charts.POSITIONS)
LISTS = (
    ("eli-dl:had_voter_favor", "favour"),
    ("eli-dl:had_voter_abstention", "abstention"),
    ("eli-dl:had_voter_against", "against"),
    ("unga:hadNonVoter", "absent"),
)
UNION = " UNION ".join(f'{{ ?vote {p} STATE BIND("{k}" AS ?k) }}' for p, k in LISTS)


GRAPH_LISTING = 500  # resources listed on a graph's page


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("pipeline.serve", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals["position_label"] = {k: label for k, label, _ in charts.POSITIONS}
    return env


def literal(text: str) -> str:
    """A Python string as a SPARQL string literal: a value can never change a query's structure."""
    return json.dumps(text, ensure_ascii=False)


def local_href(base: str, iri: str) -> str:
    """The page of an IRI: its path on this server when it is one of the dataset's, else the IRI."""
    if iri.startswith(base):
        rest = iri[len(base) :]
        path, hashmark, fragment = rest.partition("#")
        return "/" + urllib.parse.quote(path, safe="/:@!$&'()*,;=+-._~") + (hashmark + fragment)
    return iri


class Site:
    """What the pages know: the endpoint's store and base, and the labels of the resources they show."""

    def __init__(self, endpoint: Any):
        self.endpoint = endpoint
        self.base: str = endpoint.settings.base

    # -- reading ------------------------------------------------------------------------------------
    def q(self, text: str, **iris: str) -> list[dict[str, str]]:
        """A SELECT over the union of the dataset's graphs, with ``DOC``-style names bound to IRIs."""
        for name, iri in iris.items():
            text = text.replace(name, f"<{iri}>")
        return self.endpoint.select(PREFIXES + text)

    def labels(self, iris: Iterable[str], lang: str = "en") -> dict[str, str]:
        """A label for each IRI: a preferred label, a label or a symbol, in ``lang`` where one is."""
        wanted = sorted({i for i in iris if i.startswith(("http://", "https://"))})
        if not wanted:
            return {}
        values = " ".join(f"<{i}>" for i in wanted)
        rows = self.q(
            f"SELECT ?i ?label (lang(?label) AS ?l) ?rank WHERE {{ VALUES ?i {{ {values} }} "
            "{ ?i skos:prefLabel ?label BIND(1 AS ?rank) } UNION { ?i rdfs:label ?label BIND(2 AS ?rank) } "
            "UNION { ?i eli:id_local ?label BIND(0 AS ?rank) } UNION { ?i dcterms:title ?label BIND(3 AS ?rank) } }"
        )
        best: dict[str, tuple[tuple[int, int], str]] = {}
        for r in rows:
            key = (int(r["rank"]), 0 if r["l"] == lang else 1 if r["l"] in ("en", "") else 2)
            if r["i"] not in best or key < best[r["i"]][0]:
                best[r["i"]] = (key, r["label"])
        return {i: label for i, (_, label) in best.items()}

    # -- writing ------------------------------------------------------------------------------------
    def href(self, iri: str) -> str:
        return local_href(self.base, iri)

    def display(self, iri: str) -> str:
        """An IRI as a table shows it: the dataset's own by their path (``document/A/RES/77/36``)."""
        return iri[len(self.base) :] if iri.startswith(self.base) else iri

    def link(self, iri: str, label: str | None = None) -> Markup:
        text = label or self.labels([iri]).get(iri) or short(iri)
        return Markup('<a href="{}">{}</a>').format(self.href(iri), text)

    def render(self, template: str, lang: str = "en", **context: Any) -> bytes:
        env = environment()
        page = env.get_template(template).render(
            lang=lang,
            href=self.href,
            link=self.link,
            short=short,
            display=self.display,
            graphs=len(self.endpoint.graphs),
            **context,
        )
        return page.encode("utf-8")


def short(iri: str) -> str:
    """The readable end of an IRI: after its last '#', else its path after the first segment."""
    if "#" in iri:
        return iri.rsplit("#", 1)[1] or iri
    return iri.rstrip("/").rsplit("/", 1)[-1] or iri


def preferred(header: str) -> str | None:
    """The first of the six languages an Accept-Language header asks for, by its q values (RFC 9110)."""
    asked: list[tuple[float, int, str]] = []
    for i, part in enumerate(header.split(",")):
        tag, _, rest = part.strip().partition(";")
        weight = 1.0
        if rest.strip().startswith("q="):
            try:
                weight = float(rest.strip()[2:])
            except ValueError:
                continue
        known = languages.by_code(tag.split("-")[0]) if tag and tag != "*" else None
        if known is not None and weight > 0:
            asked.append((-weight, i, known.tag))
    return min(asked)[2] if asked else None


def _in(rows: list[dict[str, str]], key: str, lang: str) -> list[dict[str, str]]:
    """One row per ``key``, in the order first seen: the one whose ``l`` (a literal's language) is
    ``lang``, else English, else the first."""
    chosen: dict[str, dict[str, str]] = {}
    rank = {lang: 0, "en": 1}
    for row in rows:
        k = row.get(key, "")
        if k not in chosen or rank.get(row.get("l", ""), 2) < rank.get(chosen[k].get("l", ""), 2):
            chosen[k] = row
    return list(chosen.values())


def _page_number(params: Mapping[str, list[str]]) -> int:
    given = (params.get("page") or ["1"])[0]
    return max(1, int(given)) if given.isdigit() else 1


# -- the home page, search, the States ------------------------------------------------------------
def home(endpoint: Any) -> bytes:
    site = Site(endpoint)
    kinds = site.q(
        "SELECT ?type ?label (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?d { ?d unga:documentType ?type } "
        "?type skos:prefLabel ?label } GROUP BY ?type ?label ORDER BY DESC(?n)"
    )
    recent = site.q(
        "SELECT DISTINCT ?d ?symbol ?title ?date WHERE { GRAPH ?d { ?d eli:id_local ?symbol "
        "OPTIONAL { ?d eli:date_document ?date } OPTIONAL { ?d eli:title ?title FILTER (lang(?title) = 'en') } } } "
        "ORDER BY DESC(?date) ?symbol LIMIT 20"
    )
    counts = site.q(
        "SELECT (COUNT(DISTINCT ?v) AS ?votes) (COUNT(DISTINCT ?s) AS ?states) WHERE { "
        "{ ?v a unga:RecordedVote } UNION { ?s a unga:State } }"
    )
    shipped = _shipped()
    first = next(iter(shipped.values()), {"text": "SELECT * WHERE { ?s ?p ?o } LIMIT 10"})["text"]
    return site.render(
        "home.html",
        title="UNGA-LD",
        crumbs=[],
        kinds=kinds,
        recent=recent,
        counts=counts[0] if counts else {"votes": "0", "states": "0"},
        statements=endpoint.statements,
        shipped=shipped,
        first=first,
    )


def _shipped() -> dict[str, dict[str, Any]]:
    return {
        name: {"about": about, "text": text, "parameters": sparql.parameters(text)}
        for name, (about, text) in sparql.shipped().items()
    }


def search(endpoint: Any, params: Mapping[str, list[str]]) -> bytes:
    site = Site(endpoint)
    asked = (params.get("q") or [""])[0].strip()[:200]
    page = _page_number(params)
    needle = literal(asked.lower())
    where = (
        "GRAPH ?d { ?d eli:id_local ?symbol OPTIONAL { ?d eli:date_document ?date } "
        "OPTIONAL { ?d eli:title ?title FILTER (lang(?title) = 'en') } "
        "OPTIONAL { ?d unga:documentType/skos:prefLabel ?type } }"
    )
    if asked:
        where += f" FILTER (CONTAINS(LCASE(?symbol), {needle}) || CONTAINS(LCASE(COALESCE(?title, '')), {needle}))"
    documents = site.q(
        f"SELECT DISTINCT ?d ?symbol ?title ?date ?type WHERE {{ {where} }} ORDER BY DESC(?date) ?symbol "
        f"LIMIT {PAGE_SIZE + 1} OFFSET {(page - 1) * PAGE_SIZE}"
    )
    states = (
        site.q(
            "SELECT DISTINCT ?s ?name ?iso3 WHERE { GRAPH <" + site.base + "graph/states> { ?s a unga:State ; "
            "skos:prefLabel ?name OPTIONAL { ?s unga:iso3 ?iso3 } "
            f"OPTIONAL {{ ?s skos:altLabel ?other }} }} FILTER (CONTAINS(LCASE(?name), {needle}) || "
            f"CONTAINS(LCASE(COALESCE(?other, '')), {needle}) || LCASE(COALESCE(?iso3, '')) = {needle}) }} "
            "ORDER BY ?name LIMIT 100"
        )
        if asked
        else []
    )
    return site.render(
        "search.html",
        title=f"Search: {asked}" if asked else "Documents",
        crumbs=[("Documents", "/search")] if asked else [],
        asked=asked,
        documents=documents[:PAGE_SIZE],
        states=_in(states, "s", "en"),
        pager=_pager("/search", {"q": asked} if asked else {}, page, len(documents) > PAGE_SIZE),
    )


def _pager(path: str, params: Mapping[str, str], page: int, more: bool) -> dict[str, str | None]:
    def at(n: int) -> str:
        return path + "?" + urllib.parse.urlencode({**params, "page": str(n)})

    return {"previous": at(page - 1) if page > 1 else None, "next": at(page + 1) if more else None, "page": str(page)}


def states(endpoint: Any) -> bytes:
    site = Site(endpoint)
    rows = site.q(
        "SELECT ?s ?name ?iso3 ?m49 ?from ?to ?kind WHERE { GRAPH <" + site.base + "graph/states> { "
        "?s a unga:State ; skos:prefLabel ?name FILTER (lang(?name) = 'en') "
        "OPTIONAL { ?s unga:iso3 ?iso3 } OPTIONAL { ?s unga:m49 ?m49 } OPTIONAL { ?s unga:memberFrom ?from } "
        "OPTIONAL { ?s unga:memberTo ?to } "
        "BIND(IF(EXISTS { ?s a unga:ObserverState }, 'observer', 'Member State') AS ?kind) } } ORDER BY ?name"
    )
    return site.render("states.html", title="States", crumbs=[("States", "/states")], states=_in(rows, "s", "en"))


# -- resources ------------------------------------------------------------------------------------
def resource(endpoint: Any, iri: str, found: ox.Store, language: str | None, params: Mapping[str, list[str]]) -> bytes:
    """The page of a resource the store describes, by the kind of its IRI."""
    site = Site(endpoint)
    path = iri[len(site.base) :]
    if path.startswith("document/"):
        return document(site, iri, language, params)
    if path.startswith("vote/"):
        return vote(site, iri)
    if path.startswith("state/"):
        return state(site, iri, params)
    if path.startswith("meeting/"):
        return meeting(site, iri)
    if path.startswith("vocabulary/"):
        return concept(site, iri, found)
    if path.startswith("graph/") and iri in endpoint.graphs:
        return graph(site, iri, found)
    return generic(site, iri, found)


def graph(site: Site, iri: str, found: ox.Store) -> bytes:
    """A named graph of the dataset: its size, its classes, its resources, and the graph to download."""
    subjects: dict[str, int] = {}
    classes: dict[str, int] = {}
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    size = 0
    for quad in found.quads_for_pattern(None, None, None, None):
        size += 1
        if isinstance(quad.subject, ox.NamedNode) and "#" not in quad.subject.value[len(site.base) :]:
            subjects[quad.subject.value] = subjects.get(quad.subject.value, 0) + 1
        if quad.predicate.value == rdf_type and isinstance(quad.object, ox.NamedNode):
            classes[quad.object.value] = classes.get(quad.object.value, 0) + 1
    listed = sorted(subjects)[:GRAPH_LISTING]
    labels = site.labels([*listed, *classes, iri])
    return site.render(
        "graph.html",
        title=labels.get(iri, short(iri)),
        crumbs=[("Dataset", "/dataset"), (labels.get(iri, short(iri)), site.href(iri))],
        iri=iri,
        size=size,
        classes=sorted(classes.items(), key=lambda item: (-item[1], item[0])),
        subjects=[(s, subjects[s]) for s in listed],
        more=len(subjects) - len(listed),
        labels=labels,
    )


@dataclass
class Statement:
    predicate: str
    value: str
    is_iri: bool
    lang: str = ""


def _statements(found: ox.Store, iri: str) -> list[Statement]:
    out = []
    for quad in found.quads_for_pattern(ox.NamedNode(iri), None, None, None):
        value = quad.object
        if isinstance(value, ox.Triple):
            continue
        lang = value.language or "" if isinstance(value, ox.Literal) else ""
        out.append(Statement(quad.predicate.value, value.value, isinstance(value, ox.NamedNode), lang))
    return sorted(
        {(s.predicate, s.value, s.is_iri, s.lang): s for s in out}.values(), key=lambda s: (s.predicate, s.value)
    )


def generic(site: Site, iri: str, found: ox.Store) -> bytes:
    statements = _statements(found, iri)
    labels = site.labels([s.predicate for s in statements] + [s.value for s in statements if s.is_iri] + [iri])
    return site.render(
        "resource.html",
        title=labels.get(iri, short(iri)),
        crumbs=[(labels.get(iri, short(iri)), site.href(iri))],
        iri=iri,
        statements=statements,
        labels=labels,
        referrers=_referrers(site, iri),
    )


def _referrers(site: Site, iri: str) -> list[dict[str, str]]:
    rows = site.q("SELECT DISTINCT ?s ?p WHERE { ?s ?p THIS FILTER (isIRI(?s)) } ORDER BY ?p ?s LIMIT 200", THIS=iri)
    names = site.labels([r["s"] for r in rows] + [r["p"] for r in rows])
    return [
        {**r, "s_label": names.get(r["s"], short(r["s"])), "p_label": names.get(r["p"], short(r["p"]))} for r in rows
    ]


# -- a document -------------------------------------------------------------------------------------
def document(site: Site, iri: str, asked: str | None, params: Mapping[str, list[str]]) -> bytes:
    q = site.q
    versions = q("SELECT ?e ?code WHERE { DOC eli:is_realized_by ?e . ?e eli:language ?code } ORDER BY ?code", DOC=iri)
    spoken = [
        known.tag
        for known in languages.LANGUAGES
        if any(v["code"].rsplit("/", 1)[-1] == known.code.upper() for v in versions)
    ]
    lang = asked if asked in spoken else ("en" if "en" in spoken or not spoken else spoken[0])
    meta_rows = q(
        "SELECT ?symbol ?date ?session ?type ?agenda ?agendaTitle ?undocs WHERE { DOC eli:id_local ?symbol . "
        f"OPTIONAL {{ DOC eli:date_document ?date }} OPTIONAL {{ DOC {IN_SESSION} ?session }} "
        "OPTIONAL { DOC unga:documentType/skos:prefLabel ?type } OPTIONAL { DOC unga:agendaItem ?agenda } "
        "OPTIONAL { DOC unga:agendaItemTitle ?agendaTitle } "
        "OPTIONAL { DOC rdfs:seeAlso ?undocs FILTER (STRSTARTS(STR(?undocs), 'https://undocs.org/')) } } LIMIT 1",
        DOC=iri,
    )
    meta = meta_rows[0] if meta_rows else {}
    symbol = meta.get("symbol", short(iri))
    titles = _in(q("SELECT ?title (lang(?title) AS ?l) WHERE { DOC eli:title ?title }", DOC=iri), "", lang)
    title = titles[0]["title"] if titles else symbol
    published = bool(q("SELECT ?x WHERE { GRAPH DOC { DOC ?p ?x } } LIMIT 1", DOC=iri))
    text = _text(site, iri, lang)
    since = (params.get("since") or [""])[0]
    changes = _changes(site, iri, since, lang) if since else None
    undocs = meta.get("undocs") or f"https://undocs.org/{symbol}"
    return site.render(
        "document.html",
        lang=lang,
        title=title,
        crumbs=[("Documents", "/search"), (symbol, site.href(iri))],
        iri=iri,
        meta=meta,
        symbol=symbol,
        published=published,
        original=undocs if lang == "en" else undocs.replace("https://undocs.org/", f"https://undocs.org/{lang}/", 1),
        languages=[(tag, languages.by_tag(tag).own_name) for tag in spoken],
        text=text,
        history=_history(site, iri),
        citations=_citations(site, iri),
        cited_by=_cited_by(site, iri),
        sponsors=_sponsors(site, iri),
        votes=_document_votes(site, iri),
        comparisons=_comparisons(site, iri),
        changes=changes,
        origins=_origins(site, iri),
    )


def _text(site: Site, iri: str, lang: str) -> dict[str, Any]:
    """The paragraphs of a document in a language: preamble, operative part (with sub-paragraphs),
    annexes, report or record paragraphs, footnotes; each with its anchor (the fragment of its IRI)."""
    q = lambda text: site.q(text, DOC=iri)  # noqa: E731
    preamble = _in(
        q(
            "SELECT ?p ?text (lang(?text) AS ?l) ?phrase WHERE { ?p a unga:PreambularParagraph ; "
            "eli:is_part_of DOC ; unga:ordinal ?o ; unga:text ?text "
            "OPTIONAL { ?p unga:phrase ?phrase FILTER (lang(?phrase) = lang(?text)) } } ORDER BY ?o"
        ),
        "p",
        lang,
    )
    operative = _in(
        q(
            "SELECT ?p ?number ?text (lang(?text) AS ?l) WHERE { ?p a unga:OperativeParagraph ; "
            "eli:is_part_of DOC ; unga:ordinal ?o ; unga:text ?text OPTIONAL { ?p eli:number ?number } } ORDER BY ?o"
        ),
        "p",
        lang,
    )
    subs = _in(
        q(
            "SELECT ?s ?parent ?number ?text (lang(?text) AS ?l) WHERE { ?s a unga:SubParagraph ; "
            "eli:is_part_of ?parent ; eli:number ?number ; unga:text ?text ; unga:ordinal ?o . "
            "?parent eli:is_part_of DOC } ORDER BY ?parent ?o"
        ),
        "s",
        lang,
    )
    by_parent: dict[str, list[dict[str, str]]] = {}
    for s in subs:
        by_parent.setdefault(s["parent"], []).append(s)
    notes = _in(
        q(
            "SELECT ?f ?marker ?text (lang(?text) AS ?l) WHERE { ?f a unga:Footnote ; eli:is_part_of DOC ; "
            "unga:marker ?marker ; unga:text ?text } ORDER BY ?marker"
        ),
        "f",
        lang,
    )
    annex_titles = {
        r["a"]: r["title"]
        for r in _in(
            q(
                "SELECT ?a ?title (lang(?title) AS ?l) "
                "WHERE { ?a a unga:Annex ; eli:is_part_of DOC ; eli:title ?title }"
            ),
            "a",
            lang,
        )
    }
    blocks = _in(
        q(
            "SELECT ?b ?a ?number ?heading ?text (lang(?text) AS ?l) WHERE { ?a a unga:Annex ; eli:is_part_of DOC ; "
            "unga:ordinal ?ao . ?b eli:is_part_of ?a ; unga:ordinal ?o ; unga:text ?text "
            "OPTIONAL { ?b eli:number ?number } BIND(EXISTS { ?b a unga:AnnexHeading } AS ?heading) } ORDER BY ?ao ?o"
        ),
        "b",
        lang,
    )
    annexes: list[dict[str, Any]] = []
    for b in blocks:
        if not annexes or annexes[-1]["iri"] != b["a"]:
            annexes.append({"iri": b["a"], "title": annex_titles.get(b["a"], "Annex"), "blocks": []})
        annexes[-1]["blocks"].append(b)
    report = q(
        "SELECT ?p ?number ?text ?section ?speaker ?speakerState WHERE { ?p a unga:ReportParagraph ; "
        "eli:is_part_of DOC ; unga:ordinal ?o ; unga:text ?text OPTIONAL { ?p eli:number ?number } "
        "OPTIONAL { ?p unga:section ?section } OPTIONAL { ?p unga:speaker ?speaker } "
        "OPTIONAL { ?p unga:speakerState ?speakerState } } ORDER BY ?o"
    )
    names = site.labels({r["speakerState"] for r in report if r.get("speakerState")})
    for r in report:
        r["stateName"] = names.get(r.get("speakerState", ""), "")
    drafts = q(
        "SELECT DISTINCT ?d ?symbol ?title WHERE { ?d unga:recommendedIn DOC ; eli:id_local ?symbol "
        "OPTIONAL { ?d eli:title ?title FILTER (lang(?title) = 'en') } } ORDER BY ?symbol"
    )
    return {
        "preamble": [{**p, "anchor": short(p["p"]), "rest": _after(p["text"], p.get("phrase", ""))} for p in preamble],
        "operative": [
            {**p, "anchor": short(p["p"]), "subs": [{**s, "anchor": short(s["s"])} for s in by_parent.get(p["p"], [])]}
            for p in operative
        ],
        "notes": [{**n, "anchor": short(n["f"])} for n in notes],
        "annexes": annexes,
        "report": [{**r, "anchor": short(r["p"])} for r in report],
        "drafts": drafts,
    }


def _origins(site: Site, iri: str) -> dict[str, dict[str, str]] | None:
    """Where each paragraph of a compared document first appeared: of the paragraphs it derives from,
    through every earlier text the lineage pairs it with and theirs in turn (a draft, last year's
    resolution, the one before), the one in the earliest document (by session, then date). None for a
    document compared with nothing; a paragraph missing from the map is new in this document."""
    if not site.q("SELECT ?c WHERE { DOC unga:comparison ?c } LIMIT 1", DOC=iri):
        return None
    rows = site.q(
        "SELECT DISTINCT ?p ?a ?doc ?symbol ?session ?date WHERE { ?p eli:is_part_of DOC ; unga:derivedFrom+ ?a . "
        "?a eli:is_part_of ?doc . ?doc eli:id_local ?symbol OPTIONAL { ?doc unga:session ?session } "
        "OPTIONAL { ?doc eli:date_document ?date } }",
        DOC=iri,
    )

    def earliest(r: dict[str, str]) -> tuple[int, str, str]:
        session = r.get("session", "")
        return (int(session) if session.isdigit() else 10**6, r.get("date") or "9999", r["symbol"])

    first: dict[str, dict[str, str]] = {}
    for r in sorted(rows, key=earliest):
        first.setdefault(r["p"], r)
    return first


def _after(text: str, phrase: str) -> str | None:
    """The text after its opening phrase, when it opens with it (the phrase is set in italics)."""
    return text[len(phrase) :] if phrase and text.startswith(phrase) else None


HISTORY = (
    "unga:adopts",
    "unga:isRevisionOf",
    "unga:recommendedIn",
    "unga:consideredIn",
    "unga:onReportOf",
    "unga:amends",
    "unga:recordOf",
    "unga:meetingRecord",
    "unga:successor",
)


def _history(site: Site, iri: str) -> list[dict[str, str]]:
    """The links between this document and other documents that tell its history, both ways, as
    sentences: (subject, predicate, object)."""
    values = " ".join(HISTORY)
    rows = site.q(
        f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {values} }} "
        "{ DOC ?p ?o BIND(DOC AS ?s) } UNION { ?s ?p DOC BIND(DOC AS ?o) } } ORDER BY ?p ?s ?o",
        DOC=iri,
    )
    names = site.labels([r[k] for r in rows for k in ("s", "p", "o")])
    return [{**r, **{k + "_label": names.get(r[k], short(r[k])) for k in ("s", "p", "o")}} for r in rows]


def _citations(site: Site, iri: str) -> list[dict[str, str]]:
    rows = site.q(
        "SELECT DISTINCT ?c ?symbol WHERE { { DOC eli:cites ?c } UNION { ?part eli:is_part_of+ DOC ; eli:cites ?c } "
        "OPTIONAL { ?c eli:id_local ?symbol } } ORDER BY ?symbol ?c",
        DOC=iri,
    )
    return [{**r, "label": r.get("symbol") or short(r["c"])} for r in rows]


def _cited_by(site: Site, iri: str) -> list[dict[str, str]]:
    return site.q(
        "SELECT DISTINCT ?d ?symbol WHERE { GRAPH ?d { { ?d eli:cites DOC } UNION "
        "{ ?part eli:is_part_of+ ?d ; eli:cites DOC } ?d eli:id_local ?symbol } } ORDER BY ?symbol LIMIT 200",
        DOC=iri,
    )


def _sponsors(site: Site, iri: str) -> list[dict[str, str]]:
    """Who sponsored the document, or the draft it adopts: the name as written, the State it stands
    for (a link), the role (sponsor, joined later)."""
    return _in(
        site.q(
            "SELECT DISTINCT ?s ?name ?role ?state ?on WHERE { ?s unga:sponsorshipOf ?d ; unga:nameAsWritten ?name ; "
            "unga:role/skos:prefLabel ?role OPTIONAL { ?s unga:sponsor ?state } "
            "OPTIONAL { ?s unga:onBehalfOf ?on } "
            "FILTER (?d = DOC || EXISTS { DOC unga:adopts ?d }) } ORDER BY DESC(?role) ?name",
            DOC=iri,
        ),
        "s",
        "en",
    )


def _document_votes(site: Site, iri: str) -> list[dict[str, Any]]:
    """Every vote on the document, on the draft it adopts, or recorded in it (a report, a record):
    its totals and its lists."""
    votes = site.q(
        "SELECT DISTINCT ?vote ?on ?symbol ?favour ?against ?abstention ?date ?outcome ?subject ?body WHERE { "
        "?vote unga:voteOn ?on . OPTIONAL { ?on eli:id_local ?symbol } "
        "FILTER (?on = DOC || EXISTS { DOC unga:adopts ?on } || EXISTS { ?vote unga:recordedIn DOC } "
        "|| EXISTS { ?vote unga:recordedIn ?part . ?part eli:is_part_of DOC }) "
        "OPTIONAL { ?vote eli-dl:number_of_votes_favor ?favour } "
        "OPTIONAL { ?vote eli-dl:number_of_votes_against ?against } "
        "OPTIONAL { ?vote eli-dl:number_of_votes_abstention ?abstention } "
        "OPTIONAL { ?vote eli-dl:activity_date ?date } OPTIONAL { ?vote unga:outcome/skos:prefLabel ?outcome } "
        "OPTIONAL { ?vote unga:voteSubject/skos:prefLabel ?subject } "
        "OPTIONAL { ?vote unga:votedBy/skos:prefLabel ?body } } ORDER BY ?date ?vote",
        DOC=iri,
    )
    out: list[dict[str, Any]] = []
    for v in _in(votes, "vote", "en"):
        lists = _lists(site, v["vote"])
        out.append({**v, "lists": lists})
    return out


def _lists(site: Site, vote_iri: str) -> dict[str, list[dict[str, str]]]:
    """The States of each position in a vote, by name."""
    union = " UNION ".join(f'{{ VOTE {p} ?s BIND("{k}" AS ?k) }}' for p, k in LISTS)
    rows = site.q(
        f"SELECT DISTINCT ?k ?s ?name WHERE {{ {union} OPTIONAL {{ ?s skos:prefLabel ?name "
        "FILTER (lang(?name) = 'en') } } ORDER BY ?k ?name",
        VOTE=vote_iri,
    )
    lists: dict[str, list[dict[str, str]]] = {k: [] for _, k in LISTS}
    for r in rows:
        lists[r["k"]].append({"iri": r["s"], "name": r.get("name") or short(r["s"])})
    return lists


def _comparisons(site: Site, iri: str) -> list[dict[str, str]]:
    """The documents this one is compared with (lineage): how the pair was found, and the counts of
    paragraphs by kind of change."""
    rows = site.q(
        "SELECT ?c ?other ?symbol ?foundBy ?confidence ?kind (COUNT(DISTINCT ?change) AS ?n) "
        "WHERE { DOC unga:comparison ?c . "
        "?c unga:comparedWith ?other . OPTIONAL { ?other eli:id_local ?symbol } "
        "OPTIONAL { ?c unga:foundBy ?foundBy } OPTIONAL { ?c unga:confidence ?confidence } "
        "OPTIONAL { ?c unga:change ?change . ?change unga:changeKind/skos:prefLabel ?kind } } "
        "GROUP BY ?c ?other ?symbol ?foundBy ?confidence ?kind ORDER BY ?symbol ?kind",
        DOC=iri,
    )
    out: dict[str, dict[str, Any]] = {}
    for r in rows:
        entry = out.setdefault(r["c"], {**r, "kinds": {}})
        if r.get("kind"):
            entry["kinds"][r["kind"]] = r["n"]
    return list(out.values())


def _changes(site: Site, iri: str, since: str, lang: str) -> dict[str, Any] | None:
    """What changed since an earlier document (by its symbol), paragraph by paragraph, side by side:
    the lineage's pairs, each with a word diff made here (a diff is shown, never stored)."""
    rows = site.q(
        "SELECT ?change ?kind ?similarity ?earlier ?later ?etext ?ltext ?eo ?lo WHERE { DOC unga:comparison ?c . "
        f"?c unga:comparedWith ?other . ?other eli:id_local {literal(since)} . ?c unga:change ?change . "
        "?change unga:changeKind/skos:prefLabel ?kind . OPTIONAL { ?change unga:similarity ?similarity } "
        "OPTIONAL { ?change unga:earlierParagraph ?earlier . ?earlier unga:text ?etext "
        "FILTER (lang(?etext) = 'en' || lang(?etext) = '') OPTIONAL { ?earlier unga:ordinal ?eo } } "
        "OPTIONAL { ?change unga:laterParagraph ?later . ?later unga:text ?ltext "
        "FILTER (lang(?ltext) = 'en' || lang(?ltext) = '') OPTIONAL { ?later unga:ordinal ?lo } } }",
        DOC=iri,
    )
    if not rows:
        return None
    pairs = []
    for r in sorted({r["change"]: r for r in rows}.values(), key=_order):
        earlier, later = r.get("etext", ""), r.get("ltext", "")
        pairs.append(
            {
                **r,
                "earlier_anchor": short(r.get("earlier", "")),
                "later_anchor": short(r.get("later", "")),
                "left": _marked(earlier, later, "deleted") if earlier and later else earlier,
                "right": _marked(earlier, later, "inserted") if earlier and later else later,
            }
        )
    return {"since": since, "pairs": pairs, "other": site.base + "document/" + since}


def _order(r: Mapping[str, str]) -> tuple[int, float, float]:
    """Operative after preambular, then by place in the later document, a deleted paragraph at its
    place in the earlier one."""
    anchor = short(r.get("later") or r.get("earlier") or "")
    part = 1 if anchor.startswith("para") else 0
    later = float(r["lo"]) if r.get("lo") else math.inf
    earlier = float(r["eo"]) if r.get("eo") else math.inf
    return (part, later if later != math.inf else earlier - 0.5, earlier)


def _marked(earlier: str, later: str, side: str) -> Markup:
    """One side of a word diff: the words the other side lacks in ``<del>`` (earlier) or ``<ins>``
    (later)."""
    a, b = earlier.split(), later.split()
    out: list[Markup] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(Markup.escape(" ".join(a[i1:i2] if side == "deleted" else b[j1:j2])))
        elif side == "deleted" and i2 > i1:
            out.append(Markup("<del>{}</del>").format(" ".join(a[i1:i2])))
        elif side == "inserted" and j2 > j1:
            out.append(Markup("<ins>{}</ins>").format(" ".join(b[j1:j2])))
    return Markup(" ").join(out)


# -- a vote, a State, a meeting ---------------------------------------------------------------------
def vote(site: Site, iri: str) -> bytes:
    rows = site.q(
        "SELECT ?on ?symbol ?favour ?against ?abstention ?date ?outcome ?subject ?body ?meeting ?part ?asWritten "
        "?rollCall ?session WHERE { VOTE unga:voteOn ?on . OPTIONAL { ?on eli:id_local ?symbol } "
        "OPTIONAL { VOTE eli-dl:number_of_votes_favor ?favour } "
        "OPTIONAL { VOTE eli-dl:number_of_votes_against ?against } "
        "OPTIONAL { VOTE eli-dl:number_of_votes_abstention ?abstention } "
        "OPTIONAL { VOTE eli-dl:activity_date ?date } OPTIONAL { VOTE unga:outcome/skos:prefLabel ?outcome } "
        "OPTIONAL { VOTE unga:voteSubject/skos:prefLabel ?subject } "
        "OPTIONAL { VOTE unga:votedBy/skos:prefLabel ?body } "
        "OPTIONAL { VOTE unga:meeting ?meeting } OPTIONAL { VOTE unga:voteOnPart ?part } "
        "OPTIONAL { VOTE unga:partAsWritten ?asWritten } OPTIONAL { VOTE unga:rollCallNumber ?rollCall } "
        f"OPTIONAL {{ VOTE {IN_SESSION} ?session }} }} LIMIT 1",
        VOTE=iri,
    )
    info = rows[0] if rows else {}
    recorded = site.q("SELECT DISTINCT ?r WHERE { VOTE unga:recordedIn ?r } ORDER BY ?r", VOTE=iri)
    intentions = site.q(
        "SELECT DISTINCT ?i ?state ?name ?position ?statedIn WHERE { VOTE unga:hadIntention ?i . "
        "?i unga:intendingState ?state ; unga:intendedPosition/skos:prefLabel ?position "
        "OPTIONAL { ?state skos:prefLabel ?name FILTER (lang(?name) = 'en') } "
        "OPTIONAL { ?i unga:statedIn ?statedIn } } ORDER BY ?name",
        VOTE=iri,
    )
    lists = _lists(site, iri)
    totals = {
        "favour": int(info.get("favour") or len(lists["favour"])),
        "abstention": int(info.get("abstention") or len(lists["abstention"])),
        "against": int(info.get("against") or len(lists["against"])),
        "absent": len(lists["absent"]),
    }
    on = info.get("symbol") or short(info.get("on", iri))
    title = f"Vote on {on}" + (f", {info['date']}" if info.get("date") else "")
    chart = charts.hemicycle([charts.Group(k, totals[k], tuple(s["name"] for s in lists[k])) for _, k in LISTS], title)
    labels = site.labels([r["r"] for r in recorded] + [info.get("part", "")])
    if info.get("meeting"):
        labels[info["meeting"]] = f"{info.get('body', 'meeting')}, meeting {short(info['meeting'])}"
    return site.render(
        "vote.html",
        title=title,
        crumbs=[
            ("Documents", "/search"),
            (on, site.href(info["on"])) if info.get("on") else (on, "/search"),
            ("Vote", site.href(iri)),
        ],
        iri=iri,
        info=info,
        on=on,
        totals=totals,
        lists=lists,
        chart=chart,
        recorded=recorded,
        intentions=intentions,
        labels=labels,
    )


def state(site: Site, iri: str, params: Mapping[str, list[str]]) -> bytes:
    names = site.q(
        "SELECT DISTINCT ?name (lang(?name) AS ?l) ?kind WHERE { "
        "{ STATE skos:prefLabel ?name BIND('preferred' AS ?kind) } "
        "UNION { STATE skos:altLabel ?name BIND('other' AS ?kind) } } ORDER BY ?kind ?l ?name",
        STATE=iri,
    )
    facts_rows = site.q(
        "SELECT ?iso3 ?m49 ?from ?to ?same ?observer WHERE { OPTIONAL { STATE unga:iso3 ?iso3 } "
        "OPTIONAL { STATE unga:m49 ?m49 } OPTIONAL { STATE unga:memberFrom ?from } "
        "OPTIONAL { STATE unga:memberTo ?to } "
        "OPTIONAL { STATE owl:sameAs ?same } BIND(EXISTS { STATE a unga:ObserverState } AS ?observer) } LIMIT 1",
        STATE=iri,
    )
    facts = facts_rows[0] if facts_rows else {}
    related = site.q(
        "SELECT DISTINCT ?other ?how WHERE { { STATE unga:successor ?other BIND('succeeded by' AS ?how) } UNION "
        "{ ?other unga:successor STATE BIND('successor of' AS ?how) } } ORDER BY ?how ?other",
        STATE=iri,
    )
    page = _page_number(params)
    # a vote states its session (its meeting's is the same), else the document voted on may
    session = (
        f"OPTIONAL {{ ?vote {IN_SESSION} ?s1 }} OPTIONAL {{ ?on {IN_SESSION} ?s2 }} "
        "BIND(COALESCE(?s1, ?s2) AS ?session)"
    )
    votes = site.q(
        f"SELECT DISTINCT ?vote ?k ?date ?on ?symbol ?body ?session WHERE {{ {UNION} ?vote unga:voteOn ?on "
        "OPTIONAL { ?on eli:id_local ?symbol } OPTIONAL { ?vote eli-dl:activity_date ?date } "
        f"OPTIONAL {{ ?vote unga:votedBy/skos:prefLabel ?body }} {session} }} "
        f"ORDER BY DESC(?date) ?vote LIMIT {PAGE_SIZE + 1} OFFSET {(page - 1) * PAGE_SIZE}",
        STATE=iri,
    )
    per_session = site.q(
        f"SELECT ?session ?k (COUNT(DISTINCT ?vote) AS ?n) WHERE {{ {UNION} ?vote unga:voteOn ?on {session} }} "
        "GROUP BY ?session ?k",
        STATE=iri,
    )
    by_session: dict[str, dict[str, int]] = {}
    for r in per_session:
        by_session.setdefault(r.get("session") or "?", {})[r["k"]] = int(r["n"])
    ordered = sorted(by_session.items(), key=lambda kv: int(kv[0]) if kv[0].isdigit() else 10**6)
    totals = {k: sum(c.get(k, 0) for _, c in ordered) for _, k in LISTS}
    sponsored = site.q(
        "SELECT DISTINCT ?d ?symbol ?role ?title WHERE { ?s unga:sponsor STATE ; unga:sponsorshipOf ?d ; "
        "unga:role/skos:prefLabel ?role . OPTIONAL { ?d eli:id_local ?symbol } "
        "OPTIONAL { ?d eli:title ?title FILTER (lang(?title) = 'en') } } ORDER BY ?symbol LIMIT 500",
        STATE=iri,
    )
    intentions = site.q(
        "SELECT DISTINCT ?vote ?position ?symbol WHERE { ?i unga:intendingState STATE ; "
        "unga:intendedPosition/skos:prefLabel ?position . ?vote unga:hadIntention ?i ; unga:voteOn ?on "
        "OPTIONAL { ?on eli:id_local ?symbol } } ORDER BY ?symbol",
        STATE=iri,
    )
    preferred_names = [n["name"] for n in names if n["kind"] == "preferred" and n["l"] in ("en", "")]
    name = preferred_names[0] if preferred_names else short(iri)
    labels = site.labels([r["other"] for r in related])
    return site.render(
        "state.html",
        title=name,
        crumbs=[("States", "/states"), (name, site.href(iri))],
        iri=iri,
        name=name,
        names=names,
        facts=facts,
        related=related,
        labels=labels,
        votes=votes[:PAGE_SIZE],
        totals=totals,
        chart=charts.sessions(ordered, f"Positions of {name} per session"),
        pager=_pager(site.href(iri), {}, page, len(votes) > PAGE_SIZE),
        sponsored=sponsored,
        intentions=intentions,
    )


def meeting(site: Site, iri: str) -> bytes:
    info_rows = site.q(
        "SELECT ?body ?session ?number ?date WHERE { OPTIONAL { MEETING unga:meetingOf/skos:prefLabel ?body } "
        f"OPTIONAL {{ MEETING {IN_SESSION} ?session }} OPTIONAL {{ MEETING unga:meetingNumber ?number }} "
        "OPTIONAL { MEETING eli-dl:activity_date ?date } } LIMIT 1",
        MEETING=iri,
    )
    info = info_rows[0] if info_rows else {}
    votes = site.q(
        "SELECT DISTINCT ?vote ?symbol ?favour ?against ?abstention ?outcome WHERE { ?vote unga:meeting MEETING ; "
        "unga:voteOn ?on OPTIONAL { ?on eli:id_local ?symbol } OPTIONAL { ?vote eli-dl:number_of_votes_favor ?favour } "
        "OPTIONAL { ?vote eli-dl:number_of_votes_against ?against } "
        "OPTIONAL { ?vote eli-dl:number_of_votes_abstention ?abstention } "
        "OPTIONAL { ?vote unga:outcome/skos:prefLabel ?outcome } } ORDER BY ?symbol ?vote",
        MEETING=iri,
    )
    documents = site.q(
        "SELECT DISTINCT ?d ?symbol ?how WHERE { { ?d unga:adoptedAt MEETING BIND('adopted at' AS ?how) } UNION "
        "{ ?d unga:recordOf MEETING BIND('record of' AS ?how) } UNION { MEETING unga:meetingRecord ?d "
        "BIND('record of' AS ?how) } OPTIONAL { ?d eli:id_local ?symbol } } ORDER BY ?how ?symbol",
        MEETING=iri,
    )
    number = info.get("number", short(iri))
    title = f"{info.get('body', 'Meeting')}, session {info.get('session', '?')}, meeting {number}"
    return site.render(
        "meeting.html",
        title=title,
        crumbs=[(title, site.href(iri))],
        iri=iri,
        info=info,
        votes=_in(votes, "vote", "en"),
        documents=documents,
    )


# -- the ontology, vocabularies, the catalogue -------------------------------------------------------
def ontology(endpoint: Any) -> bytes:
    site = Site(endpoint)
    about = site.q(
        "SELECT ?label ?comment ?version WHERE { ONTO rdfs:label ?label OPTIONAL { ONTO rdfs:comment ?comment } "
        "OPTIONAL { ONTO owl:versionInfo ?version } } LIMIT 1",
        ONTO=site.base + "ontology",
    )
    terms = site.q(
        "SELECT ?t ?kind ?label ?comment WHERE { GRAPH <" + site.base + "graph/ontology> { ?t rdfs:isDefinedBy ONTO ; "
        "a ?kind FILTER (?kind IN (owl:Class, owl:ObjectProperty, owl:DatatypeProperty, owl:AnnotationProperty)) "
        "OPTIONAL { ?t rdfs:label ?label FILTER (lang(?label) = 'en') } "
        "OPTIONAL { ?t rdfs:comment ?comment FILTER (lang(?comment) = 'en') } } } ORDER BY ?kind ?t",
        ONTO=site.base + "ontology",
    )
    links = site.q(
        "SELECT ?t ?p ?o WHERE { GRAPH <" + site.base + "graph/ontology> { ?t rdfs:isDefinedBy ONTO ; ?p ?o "
        "FILTER (?p IN (rdfs:subClassOf, rdfs:subPropertyOf, rdfs:domain, rdfs:range, owl:equivalentClass, "
        "owl:equivalentProperty, owl:inverseOf) && isIRI(?o)) } } ORDER BY ?t ?p ?o",
        ONTO=site.base + "ontology",
    )
    by_term: dict[str, list[dict[str, str]]] = {}
    for r in links:
        by_term.setdefault(r["t"], []).append(r)
    names = site.labels({r["p"] for r in links} | {r["o"] for r in links})
    kinds = {
        "http://www.w3.org/2002/07/owl#Class": "Classes",
        "http://www.w3.org/2002/07/owl#ObjectProperty": "Object properties",
        "http://www.w3.org/2002/07/owl#DatatypeProperty": "Data properties",
        "http://www.w3.org/2002/07/owl#AnnotationProperty": "Annotation properties",
    }
    sections: dict[str, list[dict[str, Any]]] = {}
    for t in _in(terms, "t", "en"):
        sections.setdefault(kinds[t["kind"]], []).append(
            {**t, "anchor": short(t["t"]), "links": by_term.get(t["t"], [])}
        )
    schemes = _schemes(site)
    return site.render(
        "ontology.html",
        title="Ontology",
        crumbs=[("Ontology", "/ontology")],
        about=about[0] if about else {},
        sections=sections,
        names=names,
        schemes=schemes,
    )


def _schemes(site: Site) -> list[dict[str, str]]:
    return _in(
        site.q(
            "SELECT ?s ?label (lang(?label) AS ?l) (COUNT(DISTINCT ?c) AS ?n) WHERE { ?s a skos:ConceptScheme ; "
            "skos:prefLabel ?label OPTIONAL { ?c skos:inScheme ?s } } GROUP BY ?s ?label ORDER BY ?label"
        ),
        "s",
        "en",
    )


def vocabularies(endpoint: Any) -> bytes:
    site = Site(endpoint)
    return site.render(
        "vocabularies.html", title="Vocabularies", crumbs=[("Vocabularies", "/vocabulary/")], schemes=_schemes(site)
    )


def concept(site: Site, iri: str, found: ox.Store) -> bytes:
    """A concept scheme with its concepts, or a concept with its labels, definition and relations."""
    statements = _statements(found, iri)
    labels = site.labels([s.predicate for s in statements] + [s.value for s in statements if s.is_iri] + [iri])
    members = _in(
        site.q(
            "SELECT ?c ?label (lang(?label) AS ?l) ?definition WHERE { ?c skos:inScheme SCHEME ; skos:prefLabel ?label "
            "OPTIONAL { ?c skos:definition ?definition } } ORDER BY ?label",
            SCHEME=iri,
        ),
        "c",
        "en",
    )
    scheme = next((s.value for s in statements if s.predicate.endswith("core#inScheme")), "")
    crumbs = [("Vocabularies", "/vocabulary/")]
    if scheme:
        crumbs.append((site.labels([scheme]).get(scheme, short(scheme)), site.href(scheme)))
    title = labels.get(iri, short(iri))
    crumbs.append((title, site.href(iri)))
    return site.render(
        "concept.html",
        title=title,
        crumbs=crumbs,
        iri=iri,
        statements=statements,
        labels=labels,
        members=members,
        used=site.q("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p THIS }", THIS=iri)[0]["n"],
    )


def catalogue(endpoint: Any, catalog: ox.Store, own_files: int = 0) -> bytes:
    """The dataset as the catalogue describes it (DCAT, VoID): what it holds and its main files to
    download; ``own_files``: how many files of single documents (and earlier catalogues) it lists too."""
    site = Site(endpoint)

    def q(text: str) -> list[dict[str, str]]:
        results = catalog.query(PREFIXES + text)
        assert isinstance(results, ox.QuerySolutions)
        return [{v.value: (s[v].value if s[v] is not None else "") for v in results.variables} for s in results]

    dataset = site.base + "dataset"
    about = q(
        f"SELECT ?title ?description ?license ?modified ?documents ?triples ?entities WHERE {{ <{dataset}> "
        "dcterms:title ?title OPTIONAL { ?d dcterms:description ?description FILTER (?d = <" + dataset + ">) } "
        f"OPTIONAL {{ <{dataset}> dcterms:license ?license }} OPTIONAL {{ <{dataset}> dcterms:modified ?modified }} "
        f"OPTIONAL {{ <{dataset}> void:documents ?documents }} OPTIONAL {{ <{dataset}> void:triples ?triples }} "
        f"OPTIONAL {{ <{dataset}> void:entities ?entities }} }} LIMIT 1"
    )
    files = q(
        f"SELECT DISTINCT ?file ?title ?media ?size ?checksum WHERE {{ <{dataset}> dcat:distribution ?dist . "
        "?dist dcat:downloadURL ?file OPTIONAL { ?dist dcterms:title ?title } OPTIONAL { ?dist dcat:mediaType ?m "
        "BIND(REPLACE(STR(?m), '^.*/media-types/', '') AS ?media) } OPTIONAL { ?dist dcat:byteSize ?size } "
        "OPTIONAL { ?dist spdx:checksum/spdx:checksumValue ?checksum } } ORDER BY ?file"
    )
    dumps = site.base + "dumps/"
    for f in files:
        f["local"] = "/dumps/" + f["file"][len(dumps) :] if f["file"].startswith(dumps) else f["file"]
    return site.render(
        "dataset.html",
        title="Dataset",
        crumbs=[("Dataset", "/dataset")],
        about=about[0] if about else {},
        files=files,
        own_files=own_files,
    )


# -- the query page ---------------------------------------------------------------------------------
def query_page(endpoint: Any, params: Mapping[str, list[str]]) -> tuple[int, bytes]:
    """A query (``query=``, or a shipped one by ``name=`` with its parameters) and its results as a table."""
    site = Site(endpoint)
    shipped = _shipped()
    name = (params.get("name") or [""])[0]
    text = (params.get("query") or [""])[0]
    error, status = "", 200
    if name and not text:
        if name in shipped:
            values = {k: v[0] for k, v in params.items() if k in shipped[name]["parameters"]}
            try:
                text = sparql.bind(shipped[name]["text"], values)
            except sparql.Refused as exc:
                error, status = exc.message, exc.status
        else:
            error, status = f"no shipped query {name!r}", 404
    head: list[str] = []
    rows: list[dict[str, dict[str, str]]] = []
    boolean: bool | None = None
    graph = ""
    if text and not error:
        try:
            answer = endpoint.answer(text, "application/sparql-results+json, text/turtle;q=0.9")
        except sparql.Refused as exc:
            error, status = exc.message, exc.status
        else:
            if answer.media_type == "text/turtle":
                graph = answer.body.decode("utf-8")
            else:
                data = json.loads(answer.body)
                if "boolean" in data:
                    boolean = bool(data["boolean"])
                else:
                    head = data["head"]["vars"]
                    rows = data["results"]["bindings"]
    return status, site.render(
        "query.html",
        title="Query",
        crumbs=[("Query", "/query")],
        text=text or next(iter(shipped.values()), {"text": ""})["text"],
        name=name,
        shipped=shipped,
        error=error,
        head=head,
        rows=rows,
        boolean=boolean,
        graph=graph,
        ran=bool(text) and not error,
    )
