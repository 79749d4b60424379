"""The Member State register and splitting name lists by it."""

import datetime as dt

import pytest

from pipeline.parse.names import state_refs
from pipeline.register.states import by_code, name_forms, register, resolve, split_names
from tests.conftest import document, facts

SEEDS = [
    "000_ea35d43ee21e10af",
    "001_69c6e02bd4b24d1c",
    "002_6c1610f3d2692637",
    "003_adef17272de0fa25",
    "004_a2d8dbfef73a8e4a",
]


def test_register_is_complete_for_the_193_members():
    members = [s for s in register() if s.status == "member"]
    assert len(members) == 193
    assert len({s.iso3 for s in register()}) == len(register())
    codes = [s.m49 for s in register() if s.m49]
    assert len(set(codes)) == len(codes)
    for s in register():
        assert len(s.iso3) == 3 and s.iso3.isupper()
        if s.status != "former" or s.wikidata:  # only a State that no longer exists may lack them
            assert s.wikidata.startswith("Q") and s.wikidata[1:].isdigit() and s.m49.isdigit(), s.iso3
        start = dt.date.fromisoformat(s.member_from)
        if s.status == "member":
            assert dt.date(1945, 10, 24) <= start <= dt.date(2011, 7, 14), s.iso3  # South Sudan is the newest
        if s.member_to:
            assert dt.date.fromisoformat(s.member_to) > start
            assert by_code(s.successor) is not None


@pytest.mark.parametrize(
    "form, iso3",
    [
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("TÜRKIYE", "TUR"),
        ("the former Yugoslav Republic of Macedonia", "MKD"),
        ("North Macedonia", "MKD"),
        ("Swaziland", "SWZ"),
        ("Eswatini", "SWZ"),
        ("Czech Republic", "CZE"),
        ("Czechia", "CZE"),
        ("the Democratic People's Republic of Korea", "PRK"),
        ("Democratic People’s Republic of Korea", "PRK"),
        ("Côte d’Ivoire", "CIV"),
        ("Côte d'Ivoire", "CIV"),
        ("CÔTE D’IVOIRE", "CIV"),
        ("BOLIVIA (PLURINATIONAL STATE OF)", "BOL"),
        ("Bolivia (Plurinational State of)", "BOL"),
        ("Netherlands (Kingdom of the)", "NLD"),
        ("NETHERLANDS (KINGDOM OF THE)", "NLD"),
        ("Netherlands", "NLD"),
        ("Democratic Republic of Congo", "COD"),
        ("Democratic Republic of the Congo", "COD"),
        ("Zaire", "COD"),
        ("Congo", "COG"),
        ("Burma", "MMR"),
        ("Lao People’s Democratic Republic", "LAO"),
        ("UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND", "GBR"),
        ("Micronesia (Federated States of)", "FSM"),
        ("Venezuela (Bolivarian Republic of)", "VEN"),
        ("Holy See", "VAT"),
        ("State of Palestine", "PSE"),
        ("Union of Soviet Socialist Republics", "SUN"),
        ("Yugoslavia", "YUG"),
        ("Czechoslovakia", "CSK"),
        ("German Democratic Republic", "DDR"),
        ("Yemen Arab Republic", "YEM"),
        ("Democratic Yemen", "YMD"),
    ],
)
def test_every_name_form_resolves(form, iso3):
    assert resolve(form).iso3 == iso3


def test_former_states_carry_dates_and_successors():
    assert resolve("Soviet Union").member_to == "1991-12-24" and resolve("Soviet Union").successor == "RUS"
    assert resolve("Holy See").status == "observer"


def test_unknown_names_resolve_to_nothing():
    for name in ("Atlantis", "Korea", "Congo Republic of", ""):
        assert resolve(name) is None


def test_lists_split_right_and_keep_names_with_and_whole():
    refs = split_names(
        "Antigua and Barbuda, Bosnia and Herzegovina, Saint Vincent and the Grenadines, Trinidad and Tobago, "
        "the United Kingdom of Great Britain and Northern Ireland and the United States of America"
    )
    assert [r.iso3 for r in refs] == ["ATG", "BIH", "VCT", "TTO", "GBR", "USA"]
    assert refs[4].name_as_written == "United Kingdom of Great Britain and Northern Ireland"
    assert [r.iso3 for r in split_names("Chile and Saint Kitts and Nevis")] == ["CHL", "KNA"]


def test_unknown_name_is_kept_and_reported_with_file_and_line():
    refs, diags = state_refs("Chile, Atlantis and Peru", "doc.txt", 12)
    assert [(r.name_as_written, r.iso3) for r in refs] == [("Chile", "CHL"), ("Atlantis", None), ("Peru", "PER")]
    assert [str(d) for d in diags] == ["doc.txt:12: warning state.unknown: State name not in the register: 'Atlantis'"]


def _state_refs(doc):
    refs = [s.state for s in doc.sponsors]
    for proposal in doc.proposals:
        refs += [s.state for s in proposal.sponsors] + [proposal.introduced_by]
        if proposal.vote:
            v = proposal.vote
            refs += [*v.in_favour, *v.against, *v.abstaining, *(i.state for i in v.intentions)]
    refs += [doc.rapporteur_state] if doc.rapporteur_state else []
    for embedded in doc.recommended:
        refs += _state_refs(embedded.document)
    return refs


def test_every_state_name_in_the_five_seeds_resolves():
    total = 0
    for seed in SEEDS:
        refs = _state_refs(document(seed))
        assert all(r.iso3 for r in refs), [r for r in refs if not r.iso3]
        total += len(refs)
    # counted from the acceptance facts: sponsors of 000 and 003; for each proposal of 004 its sponsors
    # (also on its embedded draft), introducer, three lists and intended votes; the rapporteur's State
    expected = len(facts(SEEDS[0])["sponsors"]) + len(facts(SEEDS[3])["sponsors"]) + 1
    for p in facts(SEEDS[4])["proposals"]:
        sponsors = p["sponsors_count"] + len(p["joined_sponsors"])
        expected += (
            2 * sponsors + 1 + len(p["vote"]["in_favour"]) + len(p["vote"]["against"]) + len(p["vote"]["abstaining"])
        )
    expected += 1 + 3  # footnotes 3 and 4: the statements of intended votes
    assert total == expected


def test_register_resolves_hundreds_of_distinct_name_forms():
    assert name_forms() > 2 * len(register())  # folded for case and apostrophes
