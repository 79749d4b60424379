"""The import rules of the package, read from its source (ast), and the stage graph they give.

Stages are folders of ``pipeline/`` that data flows through (DESIGN §2); shared modules hold the
values and tables every stage may read; only the orchestrator and the CLI import more than one stage.

    python tools/imports.py        # prints the stage graph: one line per arrow, then any finding
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "pipeline"
ROOT = Path(__file__).resolve().parent.parent / PACKAGE
STAGES = ("sources", "normalise", "parse", "lineage", "rdf", "akn", "validate", "publish", "serve")
SHARED = (
    "inputs",
    "model",
    "rollcalls",
    "symbols",
    "diagnostics",
    "iris",
    "namespaces",
    "register",
    "resources",
    "ondisk",
)
ORCHESTRATION = ("run", "cli", "__main__", "api")


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, e.g. pipeline.rdf.votes
    target: str  # the module imported, e.g. pipeline.iris
    names: tuple[str, ...]  # names taken from it (empty for `import x`)
    line: int


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(root: Path = ROOT) -> dict[str, Path]:
    return {module_name(p, root): p for p in sorted(root.rglob("*.py"))}


def imports_of(module: str, source: str, known: Iterable[str], is_package: bool = False) -> list[Import]:
    """Every import of the package in one module's source (at any depth: functions too)."""
    known = set(known)
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [Import(module, a.name, (), node.lineno) for a in node.names if a.name.split(".")[0] == PACKAGE]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against the importing package
                package = module.split(".") if is_package else module.split(".")[:-1]
                package = package[: len(package) - node.level + 1]
                base = ".".join(package + ([base] if base else []))
            if base.split(".")[0] != PACKAGE:
                continue
            plain = [a.name for a in node.names if f"{base}.{a.name}" not in known]
            for alias in node.names:  # `from pipeline.parse import votes` imports a module
                if f"{base}.{alias.name}" in known:
                    found.append(Import(module, f"{base}.{alias.name}", (), node.lineno))
            if plain or not node.names:
                found.append(Import(module, base, tuple(plain), node.lineno))
    return found


def area(module: str) -> str:
    """stage:<name>, shared, orchestration, or package (pipeline/__init__)."""
    parts = module.split(".")
    if len(parts) == 1:
        return "package"
    head = parts[1]
    if head in STAGES:
        return f"stage:{head}"
    if head in SHARED:
        return "shared"
    if head in ORCHESTRATION:
        return "orchestration"
    return f"unknown:{head}"


def findings(all_imports: list[Import], known: Iterable[str]) -> list[str]:
    """Every import that breaks a rule, as 'module:line: what'."""
    known = set(known)
    out = []
    for imp in all_imports:
        source, target = area(imp.module), area(imp.target)
        where = f"{imp.module}:{imp.line}"
        if source.startswith("unknown") or target.startswith("unknown"):
            out.append(f"{where}: {imp.target} is in no declared area (add it to STAGES or SHARED)")
        elif source == "orchestration" or target in ("shared", "package"):
            pass
        elif target == "orchestration":
            out.append(f"{where}: a {source.split(':')[0]} module imports the orchestrator/CLI {imp.target}")
        elif source == "shared":
            out.append(f"{where}: shared module imports the stage {imp.target}")
        elif source != target:
            out.append(f"{where}: stage {source[6:]} imports stage {target[6:]} ({imp.target})")
        private = [n for n in imp.names if n.startswith("_") and n != "__version__"]
        if private and imp.target != imp.module:
            out.append(f"{where}: takes private {', '.join(private)} from {imp.target}")
    cycle = find_cycle({m: {i.target for i in all_imports if i.module == m and i.target in known} for m in known})
    if cycle:
        out.append("import cycle: " + " → ".join(cycle))
    return out


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the module graph, or None (iterative depth-first search)."""
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    for start in sorted(graph):
        if state.get(start):
            continue
        stack = [(start, iter(sorted(graph.get(start, ()))))]
        path = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                state[node] = 2
            elif state.get(child) == 1:
                return [*path[path.index(child) :], child]
            elif not state.get(child):
                state[child] = 1
                path.append(child)
                stack.append((child, iter(sorted(graph.get(child, ())))))
    return None


def package_imports(root: Path = ROOT) -> tuple[list[Import], set[str]]:
    found = modules(root)
    out = []
    for name, path in found.items():
        out += imports_of(name, path.read_text(encoding="utf-8"), found, path.name == "__init__.py")
    return out, set(found)


def stage_arrows(all_imports: list[Import]) -> list[tuple[str, str]]:
    """Arrows between areas (stages by name, 'shared', 'run/cli'), each once, sorted."""

    def label(module: str) -> str:
        kind = area(module)
        return kind[6:] if kind.startswith("stage:") else {"orchestration": "run/cli"}.get(kind, kind)

    return sorted({(label(i.module), label(i.target)) for i in all_imports if label(i.module) != label(i.target)})


def main() -> int:
    found, known = package_imports()
    for source, target in stage_arrows(found):
        print(f"{source} → {target}")
    problems = findings(found, known)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
