"""The six official languages of the United Nations, under each code the standards use: the BCP 47 tag
of RDF literals (``@fr``), the ISO 639-2 code of Akoma Ntoso (``FRBRlanguage language="fra"``, both
the bibliographic and the terminological forms), the EU Publications Office's language authority (the
values of ``eli:language``), and the letter the UN's file names and job numbers end with
(``A_RES_77_104-2228250F.xml``). The one table of language codes.

    >>> by_code("fre").tag, by_code("zho").authority
    ('fr', 'http://publications.europa.eu/resource/authority/language/ZHO')
    >>> [language.tag for language in LANGUAGES]
    ['en', 'fr', 'es', 'ru', 'zh', 'ar']
"""

from __future__ import annotations

from dataclasses import dataclass

AUTHORITY = "http://publications.europa.eu/resource/authority/language/"


@dataclass(frozen=True)
class Language:
    tag: str  # BCP 47: "fr"
    code: str  # ISO 639-2/T, as the EU authority and the UN's Akoma Ntoso write it: "fra"
    name: str  # in English: "French"
    own_name: str  # in the language itself: "français"
    letter: str  # of the UN's file names: "F"
    aliases: tuple[str, ...] = ()  # ISO 639-2/B and other codes files use

    @property
    def authority(self) -> str:
        return f"{AUTHORITY}{self.code.upper()}"


ENGLISH = Language("en", "eng", "English", "English", "E")
# English first, then the order of the UN's own language menus
LANGUAGES = (
    ENGLISH,
    Language("fr", "fra", "French", "français", "F", ("fre",)),
    Language("es", "spa", "Spanish", "español", "S"),
    Language("ru", "rus", "Russian", "русский", "R"),
    Language("zh", "zho", "Chinese", "中文", "C", ("chi",)),
    Language("ar", "ara", "Arabic", "العربية", "A"),
)
_BY_CODE = {key: lang for lang in LANGUAGES for key in (lang.tag, lang.code, *lang.aliases)}


def by_code(code: str) -> Language | None:
    """The language of a BCP 47 tag or an ISO 639-2 code (either form, any case); None if not one of six."""
    return _BY_CODE.get(code.strip().lower())


def by_tag(tag: str) -> Language:
    """The language of a tag the pipeline wrote itself."""
    found = by_code(tag)
    if found is None:
        raise KeyError(tag)
    return found


def order(tag: str) -> int:
    """Where a language stands in ``LANGUAGES`` (English first); others after."""
    return next((i for i, lang in enumerate(LANGUAGES) if lang.tag == tag), len(LANGUAGES))


# The lettered parts of a resolution ("77/256 A", "B") as the Arabic texts name the letters, in the order
# of the Latin letters they stand for
_ARABIC_LETTERS = ("ألف", "باء", "جيم", "دال", "هاء", "واو", "زاي", "حاء", "طاء", "ياء", "كاف", "لام")
# Cyrillic letters that look like the Latin ones Russian texts mean by them
_CYRILLIC = str.maketrans("АВСЕНКМОРТХ", "ABCEHKMOPTX")


def part_letter(text: str) -> str | None:
    """The Latin letter of a lettered part, as any of the six languages prints it: "A", "ألف", "А"."""
    text = text.strip().rstrip(".").strip()
    if text in _ARABIC_LETTERS:
        return chr(ord("A") + _ARABIC_LETTERS.index(text))
    text = text.translate(_CYRILLIC)
    return text if len(text) == 1 and "A" <= text <= "Z" else None
