"""Build pipeline/register/states.csv, the Member State register, from the public code tables.

Usage: python tools/build_register.py ../shared/data/country-codes > pipeline/register/states.csv

Inputs: two versions of datasets/country-codes (ISO 3166, UN M49, UNTERM names; see their SOURCE.md).
What they lack is added here by hand: admission dates (from the UN's list of Member States), observer
States, States that no longer exist (ISO 3166-3 codes), former names, and the name forms documents
use (typographic apostrophes, leading "the", "Netherlands (Kingdom of the)", known slips).
Upper-case forms need no entry: the register compares names case-insensitively.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

# Admission to the United Nations (UN list of Member States). Original Members carry the date of
# their ratification as the UN lists it.
ADMITTED = """
AFG 1946-11-19 ALB 1955-12-14 DZA 1962-10-08 AND 1993-07-28 AGO 1976-12-01 ATG 1981-11-11
ARG 1945-10-24 ARM 1992-03-02 AUS 1945-11-01 AUT 1955-12-14 AZE 1992-03-02 BHS 1973-09-18
BHR 1971-09-21 BGD 1974-09-17 BRB 1966-12-09 BLR 1945-10-24 BEL 1945-12-27 BLZ 1981-09-25
BEN 1960-09-20 BTN 1971-09-21 BOL 1945-11-14 BIH 1992-05-22 BWA 1966-10-17 BRA 1945-10-24
BRN 1984-09-21 BGR 1955-12-14 BFA 1960-09-20 BDI 1962-09-18 CPV 1975-09-16 KHM 1955-12-14
CMR 1960-09-20 CAN 1945-11-09 CAF 1960-09-20 TCD 1960-09-20 CHL 1945-10-24 CHN 1945-10-24
COL 1945-11-05 COM 1975-11-12 COG 1960-09-20 CRI 1945-11-02 CIV 1960-09-20 HRV 1992-05-22
CUB 1945-10-24 CYP 1960-09-20 CZE 1993-01-19 PRK 1991-09-17 COD 1960-09-20 DNK 1945-10-24
DJI 1977-09-20 DMA 1978-12-18 DOM 1945-10-24 ECU 1945-12-21 EGY 1945-10-24 SLV 1945-10-24
GNQ 1968-11-12 ERI 1993-05-28 EST 1991-09-17 SWZ 1968-09-24 ETH 1945-11-13 FJI 1970-10-13
FIN 1955-12-14 FRA 1945-10-24 GAB 1960-09-20 GMB 1965-09-21 GEO 1992-07-31 DEU 1973-09-18
GHA 1957-03-08 GRC 1945-10-25 GRD 1974-09-17 GTM 1945-11-21 GIN 1958-12-12 GNB 1974-09-17
GUY 1966-09-20 HTI 1945-10-24 HND 1945-12-17 HUN 1955-12-14 ISL 1946-11-19 IND 1945-10-30
IDN 1950-09-28 IRN 1945-10-24 IRQ 1945-12-21 IRL 1955-12-14 ISR 1949-05-11 ITA 1955-12-14
JAM 1962-09-18 JPN 1956-12-18 JOR 1955-12-14 KAZ 1992-03-02 KEN 1963-12-16 KIR 1999-09-14
KWT 1963-05-14 KGZ 1992-03-02 LAO 1955-12-14 LVA 1991-09-17 LBN 1945-10-24 LSO 1966-10-17
LBR 1945-11-02 LBY 1955-12-14 LIE 1990-09-18 LTU 1991-09-17 LUX 1945-10-24 MDG 1960-09-20
MWI 1964-12-01 MYS 1957-09-17 MDV 1965-09-21 MLI 1960-09-28 MLT 1964-12-01 MHL 1991-09-17
MRT 1961-10-27 MUS 1968-04-24 MEX 1945-11-07 FSM 1991-09-17 MCO 1993-05-28 MNG 1961-10-27
MNE 2006-06-28 MAR 1956-11-12 MOZ 1975-09-16 MMR 1948-04-19 NAM 1990-04-23 NRU 1999-09-14
NPL 1955-12-14 NLD 1945-12-10 NZL 1945-10-24 NIC 1945-10-24 NER 1960-09-20 NGA 1960-10-07
MKD 1993-04-08 NOR 1945-11-27 OMN 1971-10-07 PAK 1947-09-30 PLW 1994-12-15 PAN 1945-11-13
PNG 1975-10-10 PRY 1945-10-24 PER 1945-10-31 PHL 1945-10-24 POL 1945-10-24 PRT 1955-12-14
QAT 1971-09-21 KOR 1991-09-17 MDA 1992-03-02 ROU 1955-12-14 RUS 1945-10-24 RWA 1962-09-18
KNA 1983-09-23 LCA 1979-09-18 VCT 1980-09-16 WSM 1976-12-15 SMR 1992-03-02 STP 1975-09-16
SAU 1945-10-24 SEN 1960-09-28 SRB 2000-11-01 SYC 1976-09-21 SLE 1961-09-27 SGP 1965-09-21
SVK 1993-01-19 SVN 1992-05-22 SLB 1978-09-19 SOM 1960-09-20 ZAF 1945-11-07 SSD 2011-07-14
ESP 1955-12-14 LKA 1955-12-14 SDN 1956-11-12 SUR 1975-12-04 SWE 1946-11-19 CHE 2002-09-10
SYR 1945-10-24 TJK 1992-03-02 THA 1946-12-16 TLS 2002-09-27 TGO 1960-09-20 TON 1999-09-14
TTO 1962-09-18 TUN 1956-11-12 TUR 1945-10-24 TKM 1992-03-02 TUV 2000-09-05 UGA 1962-10-25
UKR 1945-10-24 ARE 1971-12-09 GBR 1945-10-24 TZA 1961-12-14 USA 1945-10-24 URY 1945-12-18
UZB 1992-03-02 VUT 1981-09-15 VEN 1945-11-15 VNM 1977-09-20 YEM 1947-09-30 ZMB 1964-12-01
ZWE 1980-08-25
"""

# Name forms documents use that the code tables do not give (former names, slips, typography).
ALIASES = {
    "TUR": ["Türkiye", "Turkey", "Turkiye", "Republic of Türkiye"],
    "CIV": ["Côte d'Ivoire", "Côte d’Ivoire", "Cote d'Ivoire", "Ivory Coast"],
    "MKD": ["the former Yugoslav Republic of Macedonia", "Republic of North Macedonia"],
    "CZE": ["Czech Republic"],
    "SWZ": ["Swaziland", "Kingdom of Eswatini"],
    "COD": ["Democratic Republic of Congo", "Zaire"],
    "COG": ["Republic of the Congo"],
    "NLD": ["Netherlands (Kingdom of the)", "Kingdom of the Netherlands"],
    "MMR": ["Burma"],
    "CPV": ["Cape Verde"],
    "KHM": ["Democratic Kampuchea"],
    "LKA": ["Ceylon"],
    "BEN": ["Dahomey"],
    "BFA": ["Upper Volta"],
    "TZA": ["Tanganyika", "United Republic of Tanganyika and Zanzibar"],
    "LBY": ["Libyan Arab Jamahiriya", "Libyan Arab Republic"],
    "DEU": ["Federal Republic of Germany"],
    "YEM": ["Yemen Arab Republic"],
    "GBR": ["United Kingdom"],
    "USA": ["United States"],
    "TLS": ["East Timor"],
    "VNM": ["Vietnam"],
    "GNB": ["Guinea Bissau"],  # the 1993 verbatim records print it without its hyphen (A/48/PV.46)
    "BOL": ["Bolivia"],
    "VEN": ["Venezuela"],
    "IRN": ["Iran"],
    "SYR": ["Syria"],
    "RUS": ["Russia"],
    "KOR": ["South Korea"],
    "MDA": ["Moldova"],
    "FSM": ["Micronesia"],
    "BRN": ["Brunei"],
    "LAO": ["Laos"],
    "SRB": ["Serbia and Montenegro", "Federal Republic of Yugoslavia"],
}

# Slips in the UN's own Akoma Ntoso files (session 77 sponsor lists), entered so that they resolve
# on purpose, never by guessing.
SLIPS = {
    "QAT": ["Qata"],
    "MLT": ["Maltas"],
    "VNM": ["Viet Nama"],
    "NAM": ["Nambia"],
    "BOL": ["Plurinational State of Boliva"],
}
for _code, _forms in SLIPS.items():
    ALIASES.setdefault(_code, []).extend(_forms)

# Former names the UN's own list of Member States gives: the union of Egypt and Syria (1958–1961)
# continued as one Member under the name United Arab Republic, which Egypt kept until 1971.
ALIASES.setdefault("EGY", []).append("United Arab Republic")

# The country names of Erik Voeten's roll-call data (sessions 1–74, as the R package unvotes gives them:
# the countrycode package's names of Correlates of War codes), entered so that every one resolves on
# purpose (tests/test_unvotes.py lists them).
ROLL_CALL_FORMS = {
    "ATG": ["Antigua & Barbuda"],
    "BIH": ["Bosnia & Herzegovina"],
    "COG": ["Congo - Brazzaville"],
    "COD": ["Congo - Kinshasa"],
    "MMR": ["Myanmar (Burma)"],
    "PRK": ["North Korea"],
    "KNA": ["St. Kitts & Nevis"],
    "LCA": ["St. Lucia"],
    "VCT": ["St. Vincent & Grenadines"],
    "STP": ["São Tomé & Príncipe"],
    "TZA": ["Tanzania"],
    "TTO": ["Trinidad & Tobago"],
}
for _code, _forms in ROLL_CALL_FORMS.items():
    ALIASES.setdefault(_code, []).extend(_forms)

# Observer States (non-member) and States that no longer exist, with ISO 3166-3 codes where the
# country-code tables have none. Columns: iso3, m49, name, status, wikidata, from, to, successor, aliases.
EXTRA = [
    ("VAT", "336", "Holy See", "observer", "Q159583", "1964-04-06", "", "", []),
    ("PSE", "275", "State of Palestine", "observer", "Q219060", "2012-11-29", "", "", ["Palestine"]),
    (
        "SUN",
        "810",
        "Union of Soviet Socialist Republics",
        "former",
        "Q15180",
        "1945-10-24",
        "1991-12-24",
        "RUS",
        ["USSR", "Soviet Union"],
    ),
    (
        "YUG",
        "890",
        "Yugoslavia",
        "former",
        "Q36704",
        "1945-10-24",
        "1992-09-22",
        "SRB",
        ["Socialist Federal Republic of Yugoslavia"],
    ),
    (
        "CSK",
        "200",
        "Czechoslovakia",
        "former",
        "Q33946",
        "1945-10-24",
        "1992-12-31",
        "CZE",
        ["Czech and Slovak Federal Republic"],
    ),
    (
        "DDR",
        "278",
        "German Democratic Republic",
        "former",
        "Q16957",
        "1973-09-18",
        "1990-10-03",
        "DEU",
        ["East Germany"],
    ),
    (
        "YMD",
        "720",
        "Democratic Yemen",
        "former",
        "Q199841",
        "1967-12-14",
        "1990-05-22",
        "YEM",
        ["People's Democratic Republic of Yemen", "South Yemen", "Yemen People's Republic"],
    ),
    # A Member from its admission to its union with Tanganyika (the United Republic of Tanzania). Neither
    # ISO 3166 (1974) nor M49 (1970) ever coded it: its code is one of ISO 3166-1's user-assigned range
    # (X..), and it has no M49 code; no Wikidata entity is entered without being sure of it.
    ("XZN", "", "Zanzibar", "former", "", "1963-12-16", "1964-04-26", "TZA", []),
]

# Gaps in the code tables (Namibia's row lost its Wikidata link: its alpha-2 code "NA" reads as empty).
WIKIDATA = {"NAM": "Q1030"}

FIELDS = ["iso3", "m49", "name", "status", "wikidata", "member_from", "member_to", "successor", "aliases"]


def _clean(name: str) -> str:
    name = name.replace("*", "").strip()
    if name.endswith("(the)"):
        name = name[: -len("(the)")].strip()
    return " ".join(name.split())


def rows(folder: Path) -> list[dict[str, str]]:
    new = list(csv.DictReader((folder / "country-codes-2026-05-15.csv").open(encoding="utf-8")))
    old = {
        r["ISO3166-1-Alpha-3"]: r
        for r in csv.DictReader((folder / "country-codes-2017-11-03.csv").open(encoding="utf-8"))
    }
    admitted = dict(zip(ADMITTED.split()[0::2], ADMITTED.split()[1::2], strict=True))
    out = []
    for r in new:
        iso3 = r["ISO3166-1-Alpha-3"]
        if iso3 not in admitted:
            continue
        o = old.get(iso3, {})
        short = _clean(r["UNTERM English Short"]) or ALIASES.get(iso3, [r["official_name_en"]])[0]
        names = [
            _clean(r["official_name_en"]),
            _clean(r["UNTERM English Short"]),
            _clean(r["UNTERM English Formal"]),
            _clean(o.get("official_name_en", "")),
            _clean(o.get("UNTERM English Short", "")),
            _clean(o.get("UNTERM English Formal", "")),
            *ALIASES.get(iso3, []),
        ]
        if iso3 == "CIV":
            names = [n for n in names if n != "Ivory Coast"] + ["Ivory Coast"]
        aliases = _aliases(short, names)
        out.append(
            {
                "iso3": iso3,
                "m49": str(int(r["M49"])),
                "name": short,
                "status": "member",
                "wikidata": r["wikidata_id"].rsplit("/", 1)[-1] or WIKIDATA[iso3],
                "member_from": admitted[iso3],
                "member_to": "",
                "successor": "",
                "aliases": "|".join(aliases),
            }
        )
    for iso3, m49, name, status, wikidata, start, end, successor, aliases in EXTRA:
        out.append(
            {
                "iso3": iso3,
                "m49": m49,
                "name": name,
                "status": status,
                "wikidata": wikidata,
                "member_from": start,
                "member_to": end,
                "successor": successor,
                "aliases": "|".join(_aliases(name, aliases)),
            }
        )
    missing = set(admitted) - {r["iso3"] for r in out}
    if missing:
        raise SystemExit(f"admitted Members missing from the code table: {sorted(missing)}")
    return sorted(out, key=lambda r: r["iso3"])


def _aliases(name: str, names: list[str]) -> list[str]:
    """Every other form, with the typographic apostrophe variant of each."""
    seen: list[str] = []
    for n in names:
        n = n.strip()
        if n.lower().startswith("the "):
            n = n[4:]
        for form in (n, n.replace("'", "’"), n.replace("’", "'")):
            if form and form != name and form not in seen:
                seen.append(form)
    for form in (name.replace("'", "’"),):
        if form != name and form not in seen:
            seen.append(form)
    return seen


def main() -> None:
    folder = Path(sys.argv[1])
    writer = csv.DictWriter(sys.stdout, FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows(folder))


if __name__ == "__main__":
    main()
