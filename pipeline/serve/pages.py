"""HTML pages of the endpoint: the home page with a query box and the example queries, a readable page
per resource (a document's text with its paragraphs, sponsors and vote table; any other resource as
a table of what is said of it), and the SPARQL service description."""

from __future__ import annotations

import html
import urllib.parse

import pyoxigraph as ox

from pipeline.model import VotePosition
from pipeline.register import languages
from pipeline.serve import sparql

STYLE = """<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}table{border-collapse:collapse}
td,th{border-bottom:1px solid #ddd;padding:.2rem .6rem;text-align:left;vertical-align:top}
.meta{color:#555}.num{font-weight:600;padding-right:.5rem}textarea{width:100%;font:14px monospace}
.phrase{font-style:italic}code{font-size:.9em}
</style>"""
PREFIXES = """PREFIX unga: <https://w3id.org/unga-ld/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX eli-dl: <http://data.europa.eu/eli/eli-draft-legislation-ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


def _page(title: str, body: str, lang: str = "en") -> bytes:
    direction = ' dir="rtl"' if lang == "ar" else ""
    return (
        f'<!doctype html><html lang="{html.escape(lang)}"{direction}><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        f'{STYLE}</head><body>{body}<p class="meta"><a href="/">UNGA-LD</a> · '
        f'<a href="/dumps/catalog.ttl">catalogue</a> · <a href="/sparql">SPARQL service</a></p>'
        f"</body></html>\n"
    ).encode()


def _link(endpoint, value: str) -> str:
    base = endpoint.settings.base
    if value.startswith(base):
        local = "/" + value[len(base) :]
        return f'<a href="{html.escape(local)}">{html.escape(value)}</a>'
    if value.startswith(("http://", "https://")):
        return f'<a href="{html.escape(value)}">{html.escape(value)}</a>'
    return html.escape(value)


def home(endpoint) -> bytes:
    examples = []
    for name, (about, text) in sparql.shipped().items():
        url = f"/queries/{urllib.parse.quote(name)}?format=csv"
        given = sparql.parameters(text)
        takes = (
            f" (parameters: {html.escape(', '.join(f'{k}={v}' for k, v in given.items()))}, e.g. "
            f"<code>{html.escape(url)}&amp;{html.escape(next(iter(given)))}=…</code>)"
            if given
            else ""
        )
        examples.append(
            f"<li><b>{html.escape(name)}</b>: {html.escape(about)} "
            f'<a href="{html.escape(url)}">run (CSV)</a>{takes}'
            f"<details><summary>query</summary><pre>{html.escape(text)}</pre></details></li>"
        )
    first = next(iter(sparql.shipped().values()), ("", "SELECT * WHERE { ?s ?p ?o } LIMIT 10"))[1]
    body = f"""<h1>UNGA-LD</h1>
<p>United Nations General Assembly documents as linked open data: {len(endpoint.graphs)} graphs,
{len(endpoint.store)} statements. Ask with SPARQL below, or follow a resource IRI such as
<a href="/document/A/RES/77/37">/document/A/RES/77/37</a>. The published files are listed in the
<a href="/dumps/catalog.ttl">catalogue</a>.</p>
<form action="/sparql" method="post">
<textarea name="query" rows="14">{html.escape(first)}</textarea>
<p><label>Results as <select name="format"><option>json</option><option>xml</option><option selected>csv</option>
<option>tsv</option><option>turtle</option><option>jsonld</option></select></label>
<button type="submit">Run query</button></p></form>
<h2>Example queries</h2><p>Each runs at <code>/queries/NAME</code> with its parameters in the URL;
<a href="/queries">/queries</a> lists them as JSON.</p><ul>{"".join(examples)}</ul>"""
    return _page("UNGA-LD", body)


def service_description(endpoint) -> bytes:
    url = f"http://{endpoint.settings.host}:{endpoint.settings.port}/sparql"
    formats = " , ".join(
        f"<http://www.w3.org/ns/formats/{f}>"
        for f in (
            "SPARQL_Results_JSON",
            "SPARQL_Results_XML",
            "SPARQL_Results_CSV",
            "SPARQL_Results_TSV",
            "Turtle",
            "N-Triples",
            "JSON-LD",
            "RDF_XML",
        )
    )
    limits = (
        "Read-only. SERVICE, LOAD and FROM outside the dataset are refused; queries stop after "
        f"{endpoint.settings.timeout:g} s; at most {endpoint.settings.max_rows} result rows."
    )
    text = f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix dcterms: <http://purl.org/dc/terms/> .

<{url}> a sd:Service ;
    sd:endpoint <{url}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:feature sd:UnionDefaultGraph ;
    sd:resultFormat {formats} ;
    sd:defaultDataset <{endpoint.settings.base}dataset> ;
    dcterms:description "{limits}"@en .
"""
    return text.encode("utf-8")


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


def resource(endpoint, iri: str, found: ox.Store, language: str | None = None) -> bytes:
    kinds = {
        q.object.value
        for q in found.quads_for_pattern(
            ox.NamedNode(iri), ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), None
        )
        if not isinstance(q.object, ox.Triple)
    }
    described = any(
        True
        for _ in found.quads_for_pattern(
            ox.NamedNode(iri), ox.NamedNode("https://w3id.org/unga-ld/ontology#documentType"), None
        )
    )
    if described and any(
        k.endswith(("#Resolution", "#DraftResolution", "#CommitteeReport", "#Decision")) for k in kinds
    ):
        return _document(endpoint, iri, language)
    rows = sorted((q.subject.value, q.predicate.value, q.object.value) for q in found)
    table = "".join(
        f"<tr><td>{_link(endpoint, s) if s != iri else ''}</td><td>{_link(endpoint, p)}</td>"
        f"<td>{_link(endpoint, o)}</td></tr>"
        for s, p, o in rows
    )
    return _page(
        iri, f"<h1>{html.escape(iri)}</h1><table><tr><th></th><th>property</th><th>value</th></tr>{table}</table>"
    )


def _document(endpoint, iri: str, asked: str | None = None) -> bytes:
    q = lambda text: endpoint.select(PREFIXES + text.replace("DOC", f"<{iri}>"))  # noqa: E731
    versions = q("SELECT ?e ?code WHERE { DOC eli:is_realized_by ?e . ?e eli:language ?code } ORDER BY ?code")
    spoken = [
        known.tag
        for known in languages.LANGUAGES
        if any(v["code"].rsplit("/", 1)[-1] == known.code.upper() for v in versions)
    ]
    lang = asked if asked in spoken else ("en" if "en" in spoken or not spoken else spoken[0])
    meta = q(
        "SELECT ?symbol ?date ?session ?type WHERE { DOC eli:id_local ?symbol . "
        "OPTIONAL { DOC eli:date_document ?date } "
        "OPTIONAL { DOC unga:session ?session } OPTIONAL { DOC unga:documentType/skos:prefLabel ?type } } LIMIT 1"
    )
    m = meta[0] if meta else {}
    titles = _in(q("SELECT ?title (lang(?title) AS ?l) WHERE { DOC eli:title ?title }"), "", lang)
    if titles:
        m["title"] = titles[0]["title"]
    preamble = _in(
        q(
            "SELECT ?p ?ordinal ?text (lang(?text) AS ?l) WHERE { ?p a unga:PreambularParagraph ; "
            "eli:is_part_of DOC ; unga:ordinal ?ordinal ; unga:text ?text } ORDER BY ?ordinal"
        ),
        "p",
        lang,
    )
    phrases = {
        r["p"]: r["phrase"]
        for r in _in(
            q(
                "SELECT ?p ?phrase (lang(?phrase) AS ?l) WHERE { ?p a unga:PreambularParagraph ; "
                "eli:is_part_of DOC ; unga:phrase ?phrase }"
            ),
            "p",
            lang,
        )
    }
    operative = _in(
        q(
            "SELECT ?p ?ordinal ?number ?text (lang(?text) AS ?l) WHERE { ?p a unga:OperativeParagraph ; "
            "eli:is_part_of DOC ; unga:ordinal ?ordinal ; unga:text ?text OPTIONAL { ?p eli:number ?number } } "
            "ORDER BY ?ordinal"
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
                "SELECT ?a ?title (lang(?title) AS ?l) WHERE { ?a a unga:Annex ; eli:is_part_of DOC ; "
                "eli:title ?title }"
            ),
            "a",
            lang,
        )
    }
    annex_blocks = _in(
        q(
            "SELECT ?b ?a ?number ?heading ?text (lang(?text) AS ?l) WHERE { ?a a unga:Annex ; eli:is_part_of DOC ; "
            "unga:ordinal ?ao . ?b eli:is_part_of ?a ; unga:ordinal ?o ; unga:text ?text "
            "OPTIONAL { ?b eli:number ?number } BIND(EXISTS { ?b a unga:AnnexHeading } AS ?heading) } "
            "ORDER BY ?ao ?o"
        ),
        "b",
        lang,
    )
    sponsors = q(
        "SELECT ?name ?role WHERE { ?s unga:sponsorshipOf ?d ; unga:nameAsWritten ?name ; "
        "unga:role/skos:prefLabel ?role . FILTER (?d = DOC || EXISTS { DOC unga:adopts ?d }) } "
        "ORDER BY DESC(?role) ?name"
    )
    votes = q(
        "SELECT ?vote ?draft ?k ?position ?name WHERE { ?vote unga:voteOn ?d . ?d eli:id_local ?draft . "
        "{ ?vote eli-dl:had_voter_favor ?s BIND(1 AS ?k) BIND('in favour' AS ?position) } UNION "
        "{ ?vote eli-dl:had_voter_against ?s BIND(2 AS ?k) BIND('against' AS ?position) } UNION "
        "{ ?vote eli-dl:had_voter_abstention ?s BIND(3 AS ?k) BIND('abstaining' AS ?position) } UNION "
        "{ ?vote unga:hadNonVoter ?s BIND(4 AS ?k) BIND('not voting' AS ?position) } "
        "?s skos:prefLabel ?name . FILTER (?d = DOC || EXISTS { DOC unga:adopts ?d } || "
        "EXISTS { ?d unga:consideredIn DOC }) } ORDER BY ?draft ?k ?name"
    )
    report = q(
        "SELECT ?number ?text ?section WHERE { ?p a unga:ReportParagraph ; eli:is_part_of DOC ; "
        "unga:ordinal ?o ; eli:number ?number ; unga:text ?text OPTIONAL { ?p unga:section ?section } } ORDER BY ?o"
    )
    drafts = q(
        "SELECT ?d ?symbol ?title WHERE { ?d unga:recommendedIn DOC ; eli:id_local ?symbol "
        "OPTIONAL { ?d eli:title ?title } } ORDER BY ?symbol"
    )
    by_parent: dict[str, list[dict[str, str]]] = {}
    for s in subs:
        by_parent.setdefault(s["parent"], []).append(s)
    others = " · ".join(
        f'<a href="?lang={tag}" hreflang="{tag}" lang="{tag}">{html.escape(languages.by_tag(tag).own_name)}</a>'
        if tag != lang
        else f"<strong>{html.escape(languages.by_tag(tag).own_name)}</strong>"
        for tag in spoken
    )
    parts = [
        f"<h1>{html.escape(m.get('title', iri))}</h1>",
        *([f'<p class="meta" lang="en">Language versions: {others}</p>'] if len(spoken) > 1 else []),
        f'<p class="meta">{html.escape(m.get("symbol", ""))} · {html.escape(m.get("type", ""))} · '
        f"{html.escape(m.get('date', ''))} · session {html.escape(m.get('session', ''))} · "
        f'<a href="?format=turtle">Turtle</a> · <a href="?format=jsonld">JSON-LD</a></p>',
    ]
    section = None
    for r in report:
        if r.get("section") and r["section"] != section:
            section = r["section"]
            parts.append(f"<h2>{html.escape(section)}</h2>")
        parts.append(f'<p><span class="num">{html.escape(r["number"])}.</span>{html.escape(r["text"])}</p>')
    if drafts:
        parts.append(
            "<h2>Drafts recommended in this report</h2><ul>"
            + "".join(f"<li>{_link(endpoint, d['d'])}: {html.escape(d.get('title', ''))}</li>" for d in drafts)
            + "</ul>"
        )
    if preamble:
        parts.append("<h2>Preamble</h2>")
        parts += [f"<p>{_phrased(p['text'], phrases.get(p['p'], ''))}</p>" for p in preamble]
    if operative:
        parts.append("<h2>Operative part</h2>")
        for p in operative:
            number = f'<span class="num">{html.escape(p["number"])}.</span>' if p.get("number") else ""
            parts.append(f"<p>{number}{html.escape(p['text'])}</p>")
            for s in by_parent.get(p["p"], []):
                parts.append(
                    f'<p style="margin-left:2rem"><span class="num">{html.escape(s["number"])}</span>'
                    f"{html.escape(s['text'])}</p>"
                )
    shown_annex = None
    for b in annex_blocks:
        if b["a"] != shown_annex:
            shown_annex = b["a"]
            parts.append(f"<h2>{html.escape(annex_titles.get(shown_annex, 'Annex'))}</h2>")
        if b.get("heading") == "true":
            parts.append(f"<h3>{html.escape(b['text'])}</h3>")
        else:
            number = f'<span class="num">{html.escape(b["number"])}.</span>' if b.get("number") else ""
            parts.append(f"<p>{number}{html.escape(b['text'])}</p>")
    if notes:
        parts.append(
            "<h2>Footnotes</h2><ol>"
            + "".join(
                f'<li value="{html.escape(n["marker"])}">{html.escape(n["text"])}</li>'
                for n in notes
                if n["marker"].isdigit()
            )
            + "</ol>"
        )
    if sponsors:
        parts.append(
            "<h2>Sponsors</h2><table><tr><th>State</th><th>role</th></tr>"
            + "".join(f"<tr><td>{html.escape(s['name'])}</td><td>{html.escape(s['role'])}</td></tr>" for s in sponsors)
            + "</table>"
        )
    if votes:
        parts.append("<h2>Recorded votes</h2>")
        grouped: dict[str, dict[str, list[str]]] = {}
        for v in votes:
            grouped.setdefault(v["vote"], {"draft": [v["draft"]]}).setdefault(v["position"], []).append(v["name"])
        for vote, lists in grouped.items():
            rows = "".join(
                f"<tr><th>{position} ({len(lists.get(position, []))})</th>"
                f"<td>{html.escape(', '.join(lists.get(position, [])) or 'None')}</td></tr>"
                for position in (p.value for p in VotePosition)
            )
            parts.append(f"<p>On {html.escape(lists['draft'][0])} · {_link(endpoint, vote)}</p><table>{rows}</table>")
    return _page(m.get("title", iri), "".join(parts), lang)


def _phrased(text: str, phrase: str) -> str:
    if phrase and text.startswith(phrase):
        return f'<span class="phrase">{html.escape(phrase)}</span>{html.escape(text[len(phrase) :])}'
    return html.escape(text)
