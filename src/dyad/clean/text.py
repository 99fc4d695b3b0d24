"""Character-level repair and the split of a text into paragraphs.

Paragraphs are the unit every later cleaning step works on; the article text joins them with a
blank line. The seeds put one paragraph per line, so each line is a paragraph, except that a
hard-wrapped line (one ending mid-sentence followed by a line starting in lower case) is joined
to the next.
"""

from __future__ import annotations

import re

import ftfy

# ftfy's defaults: mojibake ("Iraqâ€™s"), HTML entities in plain text, curly quotes to straight
# ones, ligatures, full-width forms, control characters, NFC normalization.
FTFY_CONFIG = ftfy.TextFixerConfig()

WHITESPACE_RUN = re.compile(r"\s+")
# A line ending like this is not the end of a sentence or heading...
OPEN_LINE_END = re.compile(r"[\w,;\-–]$")
# ...and when the next line starts like this, the two are one hard-wrapped paragraph.
CONTINUATION_START = re.compile(r"^[a-z0-9(]")


def repair_characters(text: str) -> str:
    """Fix mojibake, quotes and odd characters; line breaks become ``\\n``."""
    return ftfy.fix_text(text, FTFY_CONFIG)


def split_paragraphs(text: str) -> list[str]:
    """Non-empty paragraphs with whitespace runs collapsed to single spaces."""
    # Each paragraph as its lines, joined at the end: only a paragraph's last line decides
    # whether the next one continues it, and joining as we go would copy it over and over.
    paragraphs: list[list[str]] = []
    previous_blank = True
    for raw_line in text.splitlines():
        line = WHITESPACE_RUN.sub(" ", raw_line).strip()
        if not line:
            previous_blank = True
            continue
        if paragraphs and not previous_blank and _is_wrapped(paragraphs[-1][-1], line):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
        previous_blank = False
    return [" ".join(lines) for lines in paragraphs]


def collapse_whitespace(text: str) -> str:
    return WHITESPACE_RUN.sub(" ", text).strip()


def _is_wrapped(line: str, next_line: str) -> bool:
    return bool(OPEN_LINE_END.search(line) and CONTINUATION_START.match(next_line))
