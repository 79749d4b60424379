"""The names of the UN's Akoma Ntoso profile (AKN4UN) that its reader and the export share."""

from __future__ import annotations

from pipeline.model import VotePosition

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
AKN4UN = "http://un.org/akn4un"
# the TLCConcept a <count> of a <voting> refers to, per position
COUNTS = {VotePosition.IN_FAVOUR: "inFavour", VotePosition.AGAINST: "against", VotePosition.ABSTAINING: "abstaining"}
POSITIONS = {concept: position for position, concept in COUNTS.items()}
