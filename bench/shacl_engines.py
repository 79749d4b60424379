"""SHACL engines side by side on the project's shapes: pyshacl as the build uses it, pyshacl with its
shapes compiled once, pyshacl over a pyoxigraph store, pyshacl over batches of documents in one graph,
and the Rust engines with Python bindings from PyPI (pyshacl-turbo, shacl, shacl-rust) where
installed (``pip install -e '.[bench]'``), with Apache Jena SHACL (Debian's libapache-jena-java, run by
bench/JenaShacl.java) as the reference figure.

Each engine validates every document of a session's build joined with the reference graph the build
lends (ontology, vocabularies, State register), and every failing case of tests/shapes/ with all the
shapes (as ``unga-ld validate`` does). Its results are compared with pyshacl's one by one — focus node,
path, shape (the node shape that holds it), severity, constraint component, value and the message as
the build writes it — and timed in CPU seconds from the rdflib graph the build holds to the results,
least of R interleaved rounds (Jena: CPU of its own process, its graphs read before timing).

    python bench/shacl_engines.py [FOLDER] [--files N] [--rounds R] [--batch B] [--only TEXT]
        (default: ../shared/corpus/akn4un-77-english, every file, 3 rounds, 25 documents a batch)

``--only TEXT`` times only the engines whose name holds TEXT (and Jena); pyshacl as the build used it
then runs once, for the results the others are compared with.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pyshacl
from pyshacl.shapes_graph import ShapesGraph
from rdflib import BNode, Graph, Literal
from rdflib.namespace import RDF, SH
from rdflib.term import Node
from rdflib.util import from_n3

from pipeline import rdf, validate
from pipeline.run import read_documents
from pipeline.validate import path_text, reference_graph, shapes_graph

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "corpus" / "akn4un-77-english"
CASES = sorted((ROOT / "tests" / "shapes").glob("*.fail.ttl"))
BASE = "https://w3id.org/unga-ld/"
JARS = "/usr/share/java"
JENA_CLASSPATH = [  # Debian's Jena and the libraries it needs (not all of /usr/share/java: two xerces)
    "jena-arq", "jena-base", "jena-core", "jena-iri", "jena-shacl", "commons-cli", "commons-codec",
    "commons-compress", "commons-csv", "commons-io", "commons-lang3", "dexx.collection", "gson", "guava",
    "httpclient", "httpcore", "jackson-core", "jackson-databind", "jackson-annotations", "jsonld-java",
    "thrift", "protobuf", "slf4j-api", "slf4j-nop", "titanium-json-ld", "jakarta.json-api",
]  # fmt: skip

Result = tuple[str, str, str, str, str, str, str]  # focus, path, shape, severity, component, value, message
Engine = Callable[[list[Graph]], list[list[Result]]]


# -- results in one form ---------------------------------------------------------------------------


def result(shapes: Graph, focus: Node, path: str, shape: Node | str, severity: str, component: str,
           value: Node | None, message: str) -> Result:  # fmt: skip
    """One result as the build reports it: the message with {$this} and {$value} filled in."""
    message = message.replace("{$this}", str(focus)).replace("{$value}", str(value))
    if isinstance(shape, BNode):  # a property shape: named by the node shape that holds it
        owner = shapes.value(None, SH.property, shape)
        shape = owner if owner is not None else shape
    return (term(focus), path, str(shape), local(severity), local(component), term(value), message)


def term(node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, Literal) and node.datatype is None and not node.language:
        return f'"{node}"'
    return node.n3()


def local(iri: object) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def from_report(report: Graph, shapes: Graph) -> list[Result]:
    """The results of a SHACL validation report graph (pyshacl's, pyshacl-turbo's)."""
    out = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        value = report.value
        out.append(result(
            shapes, value(node, SH.focusNode), path_text(report, value(node, SH.resultPath)),
            value(node, SH.sourceShape), str(value(node, SH.resultSeverity)),
            str(value(node, SH.sourceConstraintComponent)), value(node, SH.value),
            str(value(node, SH.resultMessage) or ""),
        ))  # fmt: skip
    return sorted(out)


def parsed(text: str | None) -> Node | None:
    """An N-Triples term as rdflib's."""
    return from_n3(text) if text else None


# -- the engines -----------------------------------------------------------------------------------


def pyshacl_as_used(shapes: Graph, reference: Graph) -> Engine:
    """The build's way (pipeline/validate): the document's triples join the reference graph for the
    check and leave again; SPARQL texts translated once (pipeline/validate/queries.py)."""

    def run(graphs: list[Graph]) -> list[list[Result]]:
        found = []
        for graph in graphs:
            added = [t for t in graph if t not in reference]
            for triple in added:
                reference.add(triple)
            try:
                _, report, _ = pyshacl.validate(reference, shacl_graph=shapes, inference="none",
                                                allow_warnings=True, inplace=True)  # fmt: skip
            finally:
                for triple in added:
                    reference.remove(triple)
            found.append(from_report(report, shapes))
        return found

    return run


def merged(reference: Graph, graph: Graph) -> Graph:
    """A fresh graph holding the reference graph and a document's."""
    data = Graph()
    data += reference
    data += graph
    return data


def pyshacl_compiled(shapes: Graph, reference: Graph) -> Engine:
    """pyshacl with its shapes read once (one ShapesGraph, its shapes harvested on first use) and
    a fresh graph per document (no add-and-remove in a shared one)."""
    compiled = ShapesGraph(shapes)
    options = {"inference": "none", "allow_warnings": True, "inplace": True}

    def run(graphs: list[Graph]) -> list[list[Result]]:
        found = []
        for graph in graphs:
            data = merged(reference, graph)
            validator = pyshacl.Validator(pyshacl.validator.DataGraph.from_rdflib(data), shacl_graph=shapes,
                                          options=dict(options))  # fmt: skip
            validator.shacl_graph = compiled
            _, report, _ = validator.run()
            found.append(from_report(report, shapes))
        return found

    return run


def pyshacl_oxigraph(shapes: Graph, reference: Graph) -> Engine:
    """pyshacl 0.40's pyoxigraph data graph: SPARQL constraints run by oxigraph."""
    import pyoxigraph  # noqa: PLC0415 (a bench-only engine)

    lent = reference.serialize(format="nt", encoding="utf-8")

    def run(graphs: list[Graph]) -> list[list[Result]]:
        found = []
        for graph in graphs:
            store = pyoxigraph.Store()
            store.load(lent + graph.serialize(format="nt", encoding="utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)
            _, report, _ = pyshacl.validate(store, shacl_graph=shapes, inference="none", allow_warnings=True)
            found.append(from_report(report, shapes))
        return found

    return run


def batched(engine: Callable[[Graph], list[Result]], size: int, reference: Graph) -> Engine:
    """One validation call per ``size`` documents (one graph holding them and the reference graph),
    each result given to the documents whose graphs name its focus node as a subject."""

    def run(graphs: list[Graph]) -> list[list[Result]]:
        found: list[list[Result]] = []
        for start in range(0, len(graphs), size):
            part = graphs[start : start + size]
            data = Graph()
            data += reference
            for graph in part:
                data += graph
            results = engine(data)
            for graph in part:
                subjects = {term(s) for s in graph.subjects(unique=True)}
                found.append(sorted(r for r in results if r[0] in subjects))
        return found

    return run


def pyshacl_batch(shapes: Graph, reference: Graph, size: int) -> Engine:
    def one(data: Graph) -> list[Result]:
        _, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True, inplace=True)
        return from_report(report, shapes)

    return batched(one, size, reference)


def turbo(shapes: Graph, reference: Graph) -> Engine:
    """pyshacl-turbo (Rust) with its shapes compiled once; the rdflib graph given as it is."""
    import pyshacl_turbo  # noqa: PLC0415

    program = pyshacl_turbo.compile_shapes(shapes)

    def run(graphs: list[Graph]) -> list[list[Result]]:
        found = []
        for graph in graphs:
            data = merged(reference, graph)
            _, report, _ = program.validate(data, allow_warnings=True)
            found.append(from_report(report, shapes))
        return found

    return run


def turbo_ntriples(shapes: Graph, reference: Graph) -> Engine:
    """pyshacl-turbo given N-Triples text: the reference graph's written once, the document's by rdflib."""
    import pyshacl_turbo  # noqa: PLC0415

    program = pyshacl_turbo.compile_shapes(shapes)
    lent = reference.serialize(format="nt")

    def run(graphs: list[Graph]) -> list[list[Result]]:
        found = []
        for graph in graphs:
            text = lent + graph.serialize(format="nt")
            _, report, _ = program.validate(text, data_graph_format="nt", allow_warnings=True)
            found.append(from_report(report, shapes))
        return found

    return run


def turbo_batch(shapes: Graph, reference: Graph, size: int) -> Engine:
    import pyshacl_turbo  # noqa: PLC0415

    program = pyshacl_turbo.compile_shapes(shapes)

    def one(data: Graph) -> list[Result]:
        _, report, _ = program.validate(data, allow_warnings=True)
        return from_report(report, shapes)

    return batched(one, size, reference)


def shacl_rs(shapes: Graph, reference: Graph, whole: bool = True) -> Engine:
    """The ``shacl`` package (Rust): shapes compiled once, data as N-Triples text; with the whole
    reference graph, or (``whole=False``, as the build does) its statements whose predicate the shapes
    read (``validate.lent``)."""
    import shacl  # noqa: PLC0415

    program = shacl.Shapes.from_text(shapes.serialize(format="nt"), format="ntriples")
    # its property shapes are blank nodes of its own parse: named by the node shape that holds them
    lent = reference.serialize(format="nt")
    if not whole:
        lent = validate.lent(lent, validate.read_predicates(shapes))

    def run(graphs: list[Graph]) -> list[list[Result]]:
        found = []
        for graph in graphs:
            report = program.validate_text(lent + graph.serialize(format="nt"), format="ntriples",
                                           allow_warnings=True)  # fmt: skip
            found.append(sorted(
                result(shapes, parsed(r.focus_node), r.path or "", (r.root_shape or "").strip("<>"), r.severity,
                       r.component, parsed(r.value), r.message or "")
                for r in report.results
            ))  # fmt: skip
        return found

    return run


def shacl_rust(shapes: Graph, reference: Graph) -> Engine:
    """shacl-rust: no compiled shapes; shapes and data as text every call."""
    import shacl_rust as engine  # noqa: PLC0415

    text = shapes.serialize(format="nt")
    lent = reference.serialize(format="nt")
    owners = {str(p): o for o, p in shapes.subject_objects(SH.property)}

    def run(graphs: list[Graph]) -> list[list[Result]]:
        found = []
        for graph in graphs:
            report = engine.validate(lent + graph.serialize(format="nt"), text, data_format="nt", shapes_format="nt")
            rows = []
            for r in report["results"]:
                shape, path = r.get("sourceShape", ""), r.get("resultPath", "")
                path = (
                    f"({path.replace(' / ', '/')})" if " / " in path else path
                )  # a sequence path as the others write it
                messages = r.get("messages") or [""]
                rows.append(result(
                    shapes, parsed(r["focusNode"]), path,
                    str(owners.get(shape[2:], shape.strip("<>"))), r["severity"].strip("<>"),
                    r["sourceConstraintComponent"].strip("<>"), parsed(r.get("value")), messages[-1],
                ))  # fmt: skip
            found.append(sorted(rows))
        return found

    return run


ENGINES: dict[str, tuple[str | None, Callable[..., Engine]]] = {
    # name: (the module it needs, the maker)
    "pyshacl as the build used it": (None, pyshacl_as_used),
    "pyshacl, shapes compiled once": (None, pyshacl_compiled),
    "pyshacl, pyoxigraph data graph": ("pyoxigraph", pyshacl_oxigraph),
    "pyshacl, a batch in one graph": (None, pyshacl_batch),
    "pyshacl-turbo, compiled once": ("pyshacl_turbo", turbo),
    "pyshacl-turbo, N-Triples text": ("pyshacl_turbo", turbo_ntriples),
    "pyshacl-turbo, a batch in one graph": ("pyshacl_turbo", turbo_batch),
    "shacl (Rust), compiled once": ("shacl", shacl_rs),
    "shacl (Rust), the reference the shapes read": (
        "shacl",
        lambda shapes, reference: shacl_rs(shapes, reference, False),
    ),
    "shacl-rust": ("shacl_rust", shacl_rust),
}


# -- Apache Jena -----------------------------------------------------------------------------------


def jena(shapes: Graph, reference: Graph, graphs: list[Graph], rounds: int) -> tuple[float, list[list[Result]]] | None:
    """Jena SHACL's least CPU seconds of ``rounds`` and its results, or None where it is not installed."""
    if not (Path(JARS) / "jena-shacl.jar").is_file() or not shutil.which("javac"):
        return None
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        classes = folder / "classes"
        subprocess.run(["javac", "-nowarn", "-cp", f"{JARS}/*", "-d", classes, ROOT / "bench" / "JenaShacl.java"],
                       check=True, capture_output=True)  # fmt: skip
        # Debian's jena-core moves xerces' classes to xerces.* but leaves its messages under
        # org/apache/jena/ext/xerces: without them Jena cannot start ("internal error")
        with zipfile.ZipFile(f"{JARS}/jena-core.jar") as jar:
            for name in jar.namelist():
                if name.startswith("org/apache/jena/ext/xerces/") and name.endswith(".properties"):
                    target = classes / name.removeprefix("org/apache/jena/ext/")
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(jar.read(name))
        shapes.serialize(folder / "shapes.ttl", format="turtle")
        reference.serialize(folder / "reference.nt", format="nt", encoding="utf-8")
        files = []
        for i, graph in enumerate(graphs):
            files.append(folder / f"{i}.nt")
            graph.serialize(files[-1], format="nt", encoding="utf-8")
        classpath = ":".join([str(classes), *(f"{JARS}/{jar}.jar" for jar in JENA_CLASSPATH)])
        out = subprocess.run(
            [
                "java",
                "-cp",
                classpath,
                "JenaShacl",
                folder / "shapes.ttl",
                folder / "reference.nt",
                str(rounds),
                *files,
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    cpu = min(float(line.split("\t")[1]) for line in out.splitlines() if line.startswith("cpu\t"))
    found: list[list[Result]] = [[] for _ in graphs]
    for line in out.splitlines():
        if line.startswith("result\t"):
            _, i, focus, path, shape, severity, component, value, message = line.split("\t", 8)
            found[int(i)].append(result(shapes, parsed(focus), path, shape, severity, component, parsed(value),
                                        message))  # fmt: skip
    return cpu, [sorted(r) for r in found]


# -- the run ---------------------------------------------------------------------------------------


def differing(a: list[list[Result]], b: list[list[Result]]) -> int:
    """How many results one side has and the other has not (as multisets, graph by graph)."""
    return sum(sum(((Counter(x) - Counter(y)) + (Counter(y) - Counter(x))).values()) for x, y in zip(a, b, strict=True))


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv and not argv[0].startswith("-") else DEFAULT
    limit = int(argv[argv.index("--files") + 1]) if "--files" in argv else None
    rounds = int(argv[argv.index("--rounds") + 1]) if "--rounds" in argv else 3
    size = int(argv[argv.index("--batch") + 1]) if "--batch" in argv else 25
    only = argv[argv.index("--only") + 1] if "--only" in argv else None
    files = sorted(folder.glob("*.xml"))[:limit]
    if not files:
        print(f"no Akoma Ntoso files in {folder}", file=sys.stderr)
        return 1
    documents = [rdf.to_graph(doc, BASE) for f in files for doc in read_documents(f)[0]]
    cases = [Graph().parse(case) for case in CASES]
    reference = reference_graph(rdf.states_graph(BASE))
    sets = {"documents": (shapes_graph(False), documents), "failing cases": (shapes_graph(True), cases)}
    engines = {
        name: make for name, (module, make) in ENGINES.items() if module is None or importlib.util.find_spec(module)
    }
    missing = [name for name in ENGINES if name not in engines]
    first = next(iter(engines))  # the reference the others' results are compared with
    if only is not None:
        engines = {name: make for name, make in engines.items() if name == first or only in name}
    made = {}
    for what, (shapes, _) in sets.items():
        for name, make in engines.items():
            made[what, name] = make(shapes, reference, size) if "batch" in name else make(shapes, reference)
    best: dict[tuple[str, str], float] = {}
    found: dict[tuple[str, str], list[list[Result]]] = {}
    failed: dict[tuple[str, str], str] = {}
    for _ in range(rounds):
        for what, (_, graphs) in sets.items():
            for name in engines:
                if (what, name) in failed or (only is not None and name == first and (what, name) in found):
                    continue
                start = time.process_time()
                try:
                    found[what, name] = made[what, name](graphs)
                except Exception as exc:  # an engine that cannot run our shapes is reported, not fatal
                    failed[what, name] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:80] if str(exc) else ''}"
                    continue
                best[what, name] = min(best.get((what, name), float("inf")), time.process_time() - start)
    reference_jena = {what: jena(shapes, reference, graphs, rounds) for what, (shapes, graphs) in sets.items()}
    triples = sum(len(g) for g in documents)
    print(f"{len(documents)} documents from {folder.name} ({triples} triples, each with the {len(reference)} of the "
          f"reference graph) and {len(cases)} failing cases; CPU s, least of {rounds} rounds")  # fmt: skip
    for what in sets:
        baseline = found[what, next(iter(engines))]
        stock = best[what, next(iter(engines))]
        print(f"\n{what}: {sum(map(len, baseline))} results from pyshacl")
        print(f"{'engine':40} {'CPU s':>8} {'× pyshacl':>10} {'× Jena':>8}  identical (results differing)")
        jena_cpu = reference_jena[what][0] if reference_jena[what] else None
        rows = [(name, best.get((what, name)), found.get((what, name))) for name in engines]
        if reference_jena[what]:
            rows.append(("Apache Jena SHACL 4.5 (Debian, Java 17)", *reference_jena[what]))
        for name, cpu, results in rows:
            if cpu is None or results is None:
                print(f"{name:40} {'—':>8}  cannot run: {failed.get((what, name), '')}")
                continue
            ratio = f"{cpu / jena_cpu:8.2f}" if jena_cpu else f"{'—':>8}"
            diff = differing(baseline, results)
            print(f"{name:40} {cpu:8.2f} {cpu / stock:10.2f} {ratio}  {'yes' if not diff else 'NO'} ({diff})")
    if missing:
        print("\nnot installed:", ", ".join(missing), "(pip install -e '.[bench]')")
    if not any(reference_jena.values()):
        print("Apache Jena: not installed (apt-get install libapache-jena-java default-jdk-headless)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
