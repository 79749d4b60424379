"""Groups of States that a State speaks for when it submits a draft: "Pakistan (on behalf of the States
Members of the United Nations that are members of the Group of 77 and China)". Each group is an
``org:Organization`` of the register (``{base}group/{key}``), with the names documents give it.

    >>> find("on behalf of the States Members of the United Nations that are members of the Group of 77 and China").key
    'G77'
    >>> find("on behalf of the Bureau") is None
    True
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Group:
    key: str  # in IRIs: {base}group/G77
    name: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


GROUPS = (
    Group("G77", "Group of 77 and China", ("Group of 77",)),
    Group("NAM", "Movement of Non-Aligned Countries", ("Non-Aligned Movement",)),
    Group("AFRICAN-GROUP", "Group of African States", ("African Group",)),
    Group("ASIA-PACIFIC-GROUP", "Group of Asia-Pacific States", ("Asia-Pacific Group",)),
    Group("EEG", "Group of Eastern European States", ("Eastern European Group",)),
    Group("GRULAC", "Group of Latin American and Caribbean States", ("Latin American and Caribbean Group",)),
    Group("WEOG", "Group of Western European and other States", ("Western European and other States",)),
    Group("ARAB-GROUP", "Group of Arab States", ("Arab Group",)),
    Group("OIC", "Organization of Islamic Cooperation", ()),
    Group("EU", "European Union", ()),
    Group("CARICOM", "Caribbean Community", ()),
    Group("ASEAN", "Association of Southeast Asian Nations", ()),
    Group("LDC", "Group of Least Developed Countries", ("least developed countries",)),
    Group("LLDC", "Group of Landlocked Developing Countries", ("landlocked developing countries",)),
    Group("AOSIS", "Alliance of Small Island States", ()),
)
_BY_KEY = {g.key: g for g in GROUPS}


def find(text: str) -> Group | None:
    """The group a text speaks of (the longest name found, so "Group of 77 and China" over "Group of 77")."""
    best: tuple[int, Group] | None = None
    for group in GROUPS:
        for name in group.names:
            if name.lower() in text.lower() and (best is None or len(name) > best[0]):
                best = (len(name), group)
    return best[1] if best else None


def by_key(key: str) -> Group | None:
    return _BY_KEY.get(key)
