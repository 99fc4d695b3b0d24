"""The article title: given with the input (JSONL, HTML metadata) or its first short line.

Choice: when the title comes from the body text it stays there, as the first paragraph of
``Article.text`` (cleaned of a "| section" suffix), so the text reads as the user's document
does; a title given as metadata is never inserted into the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dyad.clean.boilerplate import BoilerplateRules, strip_title_suffix

MAX_TITLE_CHARS = 160
MAX_TITLE_WORDS = 25
# A title ends without a period (a question or exclamation mark is fine); these end sentences.
NOT_A_TITLE_END = re.compile(r"[.,;]$")
# "Talks in Baghdad - The New Arab": a separator, then possibly an outlet name.
TRAILING_PART = re.compile(r"\s+[-–—|:]\s+(?P<part>[^-–—|:]{2,40})$")


@dataclass(frozen=True, slots=True)
class TitledText:
    title: str | None
    paragraphs: list[str]


def find_title(
    paragraphs: list[str],
    given_title: str | None,
    rules: BoilerplateRules,
    outlet_names: frozenset[str],
) -> TitledText:
    """``outlet_names``: casefolded names a title may end with ("... - Reuters")."""
    if given_title:
        return TitledText(clean_title(given_title, rules, outlet_names), paragraphs)
    if len(paragraphs) >= 2 and looks_like_title(paragraphs[0]):
        title = clean_title(paragraphs[0], rules, outlet_names)
        return TitledText(title, [title, *paragraphs[1:]])
    return TitledText(None, paragraphs)


def looks_like_title(paragraph: str) -> bool:
    return (
        len(paragraph) <= MAX_TITLE_CHARS
        and len(paragraph.split()) <= MAX_TITLE_WORDS
        and not NOT_A_TITLE_END.search(paragraph)
    )


def clean_title(title: str, rules: BoilerplateRules, outlet_names: frozenset[str]) -> str:
    title = " ".join(title.split())
    match = TRAILING_PART.search(title)
    if match and match.group("part").casefold() in outlet_names:
        title = title[: match.start()]
    return strip_title_suffix(title, rules) or title
