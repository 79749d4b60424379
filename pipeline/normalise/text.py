"""What every layout's normaliser shares beyond the Block: joining paragraphs broken across pages."""

from __future__ import annotations

import re

from pipeline.inputs import Block, is_complete, is_start

_BROKEN_COMPOUND = re.compile(r"\w ?-$")
_NUMBER_RANGE = re.compile(r"\d–$")
_SUSPENDED = re.compile(r"(?:and|or|to|and/or)\b")  # "low- and middle-income": the hyphen is suspended


def join_broken(blocks: list[Block], body_start: int) -> list[Block]:
    """Join paragraphs broken by a page break (or by footnotes printed inside them).

    From ``body_start`` on, a text block that does not end as a paragraph ends is continued by the
    next text block unless that one visibly starts something new. Footnote blocks in between stay
    where they are, after the joined paragraph. Linear: pieces are joined once, at the end."""
    out: list[tuple[list[str], int, str | None]] = []  # (text pieces, line, footnote marker)
    last_text: int | None = None
    for index, block in enumerate(blocks):
        if block.footnote is not None:
            out.append(([block.text], block.line, block.footnote))
            continue
        if (
            index >= body_start
            and last_text is not None
            and last_text >= body_start  # heading blocks are never joined, so indices agree there
            and not is_complete(out[last_text][0][-1])
            and not is_start(block.text)
        ):
            out[last_text][0].append(block.text)
            continue
        out.append(([block.text], block.line, None))
        last_text = len(out) - 1
    return [Block(join_lines(parts), line, marker) for parts, line, marker in out]


def join_lines(parts: list[str]) -> str:
    """Lines (or pieces of a paragraph broken by a page) as one text. The UN does not hyphenate words
    at line ends, so a piece that ends in a hyphen breaks a compound at its own hyphen: "Non-Self-" +
    "Governing", "well-" + "being"; a space printed before that hyphen is justification ("fifty -" +
    "third"). A hyphen before "and", "or", "to" is suspended and keeps its space ("low- and middle-income").

    >>> join_lines(["the Non-Self-", "Governing Territories", "at its fifty -", "third session"])
    'the Non-Self-Governing Territories at its fifty-third session'
    >>> join_lines(["low-", "and middle-income countries"])
    'low- and middle-income countries'
    """
    text = parts[0] if parts else ""
    for part in parts[1:]:
        end = text[-4:]  # where the two patterns can match (at the end, or before a final newline)
        if _BROKEN_COMPOUND.search(end) and part[:1].isalnum():
            text = text[:-2] + "-" if text.endswith(" -") else text
            text += (" " + part) if _SUSPENDED.match(part) else part
        elif _NUMBER_RANGE.search(end) and part[:1].isdigit():
            text += part  # a range broken at its dash: "2014–" + "2024"
        else:
            text += " " + part
    return text
