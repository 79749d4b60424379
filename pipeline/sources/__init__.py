"""Sources: local files into RawDocuments, and the corpus manifest.

A RawDocument is the decoded text of one file with its sha256 and what the manifest says of it; a PDF
keeps its bytes (``data``) for the page layer (``sources.pdf``).
Unreadable input (empty, binary, not UTF-8) raises DocumentError with a one-line diagnostic that
names the file and, for encodings, the line of the first bad byte.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from pathlib import Path

from pipeline.diagnostics import DocumentError, diagnostic
from pipeline.inputs import PDF_SUFFIXES, XML_SUFFIXES, ManifestEntry, RawDocument
from pipeline.symbols import Symbol, SymbolError

MANIFEST_NAME = "manifest.toml"
# The largest UN document files are a few MB (a convention in Akoma Ntoso, a long report); a file
# past this is not one, and reading it would cost minutes and gigabytes.
MAX_BYTES = 32 << 20
# C0 and C1 control characters other than tab, line feed and form feed (a page break in pdftotext output):
# no text of a document is written with them, and XML cannot hold them
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_C0 = re.compile("[\x00-\x08\x0b\x0e-\x1f]")  # the C0 controls but line feed, carriage return, tab and form feed
TEXT_SUFFIXES = {".txt", ".md"}


def read(path: Path, manifest: ManifestEntry | None = None, name: str | None = None) -> RawDocument:
    """Read one file; raise DocumentError when it is not usable text. ``name`` is how diagnostics
    and the model name the file (default: the path as given)."""
    name = name or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DocumentError(diagnostic("source.too-large", name, size=size, limit=MAX_BYTES))
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(diagnostic("source.unreadable", name, reason=exc.strerror or str(exc))) from None
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise DocumentError(diagnostic("source.empty", name))
    if data.startswith(b"%PDF-"):
        return RawDocument(name, "", digest, manifest or ManifestEntry(), data)
    if path.suffix.lower() in PDF_SUFFIXES:
        raise DocumentError(diagnostic("source.pdf-invalid", name, reason="it does not start with %PDF-"))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentError(diagnostic("source.encoding", name, 1, reason="UTF-16 byte-order mark"))
    if b"\x00" in data[:8192]:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise DocumentError(diagnostic("source.binary", name, line, reason="it contains NUL bytes"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        reason = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
        raise DocumentError(diagnostic("source.encoding", name, line, reason=reason)) from None
    controls = len(_C0.findall(text, 0, 8192))
    if controls > 8:
        raise DocumentError(diagnostic("source.binary", name, reason=f"{controls} control characters"))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    stray = list(_CONTROL.finditer(text))
    if stray and not text.lstrip().startswith("<"):  # XML is the XML parser's to judge
        first = stray[0]
        line = text.count("\n", 0, first.start()) + 1
        found = diagnostic(
            "source.control-characters", name, line, count=len(stray), first=f"U+{ord(first.group()):04X}"
        )
        return RawDocument(name, _CONTROL.sub("", text), digest, manifest or ManifestEntry(), data, (found,))
    return RawDocument(name, text, digest, manifest or ManifestEntry(), data)


def load_manifest(folder: Path) -> dict[str, ManifestEntry]:
    """The manifest of a corpus folder: file name → what the file's text does not state."""
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise DocumentError(diagnostic("manifest.invalid", str(path), reason=str(exc))) from None
    entries: dict[str, ManifestEntry] = {}
    for name, values in (data.get("documents") or {}).items():
        if not isinstance(values, dict):
            raise DocumentError(diagnostic("manifest.invalid", str(path), reason=f"{name!r} is not a table"))
        symbol = None
        if "symbol" in values:
            try:
                symbol = Symbol.parse(str(values["symbol"]))
            except SymbolError:
                raise DocumentError(diagnostic("manifest.bad-symbol", str(path), symbol=values["symbol"])) from None
        extra = {k: str(v) for k, v in values.items() if k != "symbol"}
        entries[name] = ManifestEntry(symbol, extra)
    return entries


def discover(paths: list[Path]) -> list[tuple[Path, ManifestEntry | None]]:
    """Expand files and folders into the documents to read, in a stable order."""
    found: list[tuple[Path, ManifestEntry | None]] = []
    for path in paths:
        if path.is_dir():
            manifest = load_manifest(path)
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in TEXT_SUFFIXES | XML_SUFFIXES | PDF_SUFFIXES:
                    if child.name.upper().startswith(("README", "SOURCE")):
                        continue
                    entry = manifest.get(str(child.relative_to(path))) or manifest.get(child.name)
                    found.append((child, entry))
        else:
            manifest = load_manifest(path.parent)
            found.append((path, manifest.get(path.name)))
    return found
