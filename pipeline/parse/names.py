"""State names in a document, split by the Member State register (``pipeline.register.states``), with
the diagnostics the parse stage reports for them: a name the register does not know
(``state.unknown``) and a proposer that is not a State (``sponsor.not-a-state``).

    >>> refs, found = state_refs("Chile, Atlantis and Peru", "doc.txt", 12)
    >>> [r.iso3 for r in refs], [d.code for d in found]
    (['CHL', None, 'PER'], ['state.unknown'])
"""

from __future__ import annotations

from pipeline.diagnostics import Diagnostic, diagnostic
from pipeline.model import StateRef
from pipeline.register import states


def state_refs(text: str, path: str | None, line: int | None) -> tuple[list[StateRef], list[Diagnostic]]:
    """The States of "X, Y and Z"; a name the register does not know is kept (iso3 None) and reported."""
    refs = states.split_names(text)
    return refs, unknown(refs, path, line)


def sponsor_refs(
    text: str, path: str | None, line: int | None
) -> tuple[list[tuple[StateRef, str | None]], list[Diagnostic]]:
    """The sponsoring States of a sponsor line, each with the group it speaks for (or None); a proposer
    that is not a State is reported, not kept."""
    refs, others, behalf = states.sponsor_names(text)
    found = [diagnostic("sponsor.not-a-state", path, line, name=name) for name in others]
    return [(r, behalf.get(r.iso3 or "")) for r in refs], found + unknown(refs, path, line)


def unknown(refs: list[StateRef], path: str | None, line: int | None) -> list[Diagnostic]:
    """A ``state.unknown`` warning for each name the register does not know."""
    return [diagnostic("state.unknown", path, line, name=r.name_as_written) for r in refs if r.iso3 is None]
