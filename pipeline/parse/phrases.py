"""The introductory phrase of a preambular paragraph and the action verb of an operative one, looked
up in the clause lexicon (``pipeline.register.clauses``), with the warnings the parse stage reports:
an unknown phrase or verb (the first word is kept), an operative number out of sequence.

    >>> preambular_clause("Recalling its resolution 76/1,", 1, "x.txt", 4)
    (('Recalling', 'recalling'), [])
    >>> (verb, key), found = operative_clause("Frobnicates the matter;", "2", 1, "x.txt", 9)
    >>> verb, key, [d.code for d in found]
    ('Frobnicates', None, ['parse.numbering', 'parse.unknown-verb'])
"""

from __future__ import annotations

from pipeline.diagnostics import Diagnostic, diagnostic
from pipeline.register import clauses

Clause = tuple[str | None, str | None]  # (phrase or verb as written, lexicon key); key None when unknown


def preambular_clause(
    text: str, ordinal: int, path: str | None, line: int | None, language: str = "en", marked: str | None = None
) -> tuple[Clause, list[Diagnostic]]:
    """(phrase, key) of a preambular paragraph; the first word and a warning when the lexicon fails.

    The lexicon is English: in another language the phrase is the one the file marks (``marked``, the
    italic words that open the paragraph), with no key (the paragraph's IRI has the English one)."""
    if language != "en":
        return (marked, None), []
    found = clauses.preambular_phrase(text)
    if found is None:
        return (clauses.fallback(text), None), [
            diagnostic("parse.unknown-phrase", path, line, ordinal=ordinal, text=text)
        ]
    return found, []


def operative_clause(
    text: str,
    number: str | None,
    ordinal: int,
    path: str | None,
    line: int | None,
    language: str = "en",
    marked: str | None = None,
) -> tuple[Clause, list[Diagnostic]]:
    """(verb, key) of an operative paragraph, with warnings for an unknown verb or a number out of
    sequence (an unnumbered paragraph has no sequence to break). In another language than English, the
    verb is the one the file marks, as for ``preambular_clause``."""
    out: list[Diagnostic] = []
    if number is not None and (not number.isdigit() or int(number) != ordinal):
        out.append(diagnostic("parse.numbering", path, line, found=number, expected=ordinal))
    if language != "en":
        return (marked, None), out
    found = clauses.operative_verb(text)
    if found is None:
        out.append(diagnostic("parse.unknown-verb", path, line, number=number, text=text))
        return (clauses.fallback(text), None), out
    return found, out
