"""The bodies of the General Assembly that act on documents: the plenary and the six Main Committees,
with every name documents give them, the slug of their IRIs and vocabulary concepts, and the actor
name of the UN's Akoma Ntoso Work IRIs. The one table of body names.

    >>> committee_name("Report of the Special Political and Decolonization Committee (Fourth Committee)")
    'Fourth Committee'
    >>> by_number(1).slug
    'first-committee'
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Body:
    name: str  # canonical: "First Committee", "General Assembly"
    number: int | None  # a Main Committee's number; None for the plenary
    slug: str  # IRI and concept slug: "first-committee", "plenary"
    akn_actor: str  # in Akoma Ntoso Work IRIs: "unga-c1", "unga"
    aliases: tuple[str, ...] = ()  # other names documents use


PLENARY = Body("General Assembly", None, "plenary", "unga")
BODIES = (
    PLENARY,
    Body("First Committee", 1, "first-committee", "unga-c1"),
    Body("Second Committee", 2, "second-committee", "unga-c2"),
    Body("Third Committee", 3, "third-committee", "unga-c3"),
    Body(
        "Fourth Committee",
        4,
        "fourth-committee",
        "unga-c4",
        (
            "Special Political and Decolonization Committee (Fourth Committee)",
            "Special Political and Decolonization Committee",
        ),
    ),
    Body("Fifth Committee", 5, "fifth-committee", "unga-c5"),
    Body("Sixth Committee", 6, "sixth-committee", "unga-c6"),
)
_BY_NAME = {name: body for body in BODIES for name in (body.name, *body.aliases)}
_BY_NUMBER = {body.number: body for body in BODIES if body.number is not None}


def by_name(name: str | None) -> Body | None:
    """The body a canonical name or alias stands for."""
    return _BY_NAME.get(name or "")


def by_number(number: int | None) -> Body | None:
    """The Main Committee with this number."""
    return _BY_NUMBER.get(number) if number is not None else None


def slug(name: str | None) -> str:
    """The IRI slug of a body by name; the plenary's for a name no table knows."""
    body = by_name(name)
    return body.slug if body else PLENARY.slug


def committee_name(text: str) -> str | None:
    """The canonical name of the first Main Committee whose name (or alias) a text contains."""
    for body in BODIES[1:]:
        if any(name in text for name in (body.name, *body.aliases)):
            return body.name
    return None
