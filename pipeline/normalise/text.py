"""What every layout's normaliser shares beyond the Block: joining paragraphs broken across pages."""

from __future__ import annotations

from pipeline.inputs import Block, is_complete, is_start


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
    return [Block(" ".join(parts), line, marker) for parts, line, marker in out]
