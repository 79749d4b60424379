"""Roll calls: recorded votes of the General Assembly known from a data set rather than from a document.

A data set of roll calls (Erik Voeten's, read by ``sources.unvotes``) gives each vote with its date and
the position of every State, but no record of the meeting. Each roll call is one ``RecordedVote`` of the
model (body, date, totals, lists of States resolved through the register, subject) with what only the
data set knows: its number there, the code it gives what was voted on, its topics and its description.
``SourceDataset`` describes the data set itself, for the votes' provenance and the catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.model import RecordedVote


@dataclass(frozen=True)
class SourceDataset:
    """A published data set the build reads votes from, as the catalogue describes it."""

    key: str  # the data set's slug in IRIs and in votes.csv: "unvotes"
    iri: str  # its persistent identifier: what each vote is prov:wasDerivedFrom
    title: str
    description: str
    citation: str  # how its author asks to be cited
    licence: str  # the licence's IRI
    licence_label: str
    landing_page: str

    def roll_call(self, rcid: int) -> str:
        """A roll call's name in IRIs: the last step of its vote's IRI, and the provisional document it
        is on when its code names none ("unvotes-1190")."""
        return f"{self.key}-{rcid}"

    def vote_on(self, rc: RollCall) -> str:
        """The last part of a roll call's vote IRI (``Iris.vote``): the path of the resolution it is on
        and its name, "A/RES/XXVI/2758/unvotes-1190"; its name alone when it is on no known document."""
        name = self.roll_call(rc.rcid)
        return f"{rc.vote.draft.iri_path}/{name}" if rc.vote.draft is not None else name

    def provisional(self, rc: RollCall) -> str:
        """The identifier of the provisional document a roll call is on when its code names none
        (``eli:id_local``, and its IRI below ``document/``): "provisional/unvotes-31"."""
        return f"provisional/{self.roll_call(rc.rcid)}"

    def voted_on(self, rc: RollCall) -> str:
        """What a roll call was on, as votes.csv names it: the resolution's symbol, or the provisional id."""
        return rc.vote.draft.text if rc.vote.draft is not None else self.provisional(rc)


@dataclass(frozen=True)
class RollCall:
    """One roll call of a data set. ``vote.draft`` is the resolution the data set's code names, or None
    where the code names none the reader can trust (``code`` keeps it as written)."""

    rcid: int  # the roll call's number in the data set
    session: int
    vote: RecordedVote
    code: str  # what was voted on, as the data set writes it: "R/26/2758G", "A/RES/73/27", ""
    topics: tuple[str, ...] = ()  # slugs of the issue scheme: "human-rights"
    description: str = ""
    line: int | None = None  # its line in the data set's table of roll calls

    @property
    def positions(self) -> int:
        return sum(len(states) for _, states in self.vote.lists())
