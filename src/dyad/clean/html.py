"""Main text and metadata of an HTML page, via trafilatura (navigation, footers, comments and
sidebars dropped), with a plain fallback for pages trafilatura returns nothing for: very short
pages and broken or truncated markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import lxml.etree
import lxml.html

from dyad.errors import NO_TEXT, TRUNCATED, InputError

# Elements that never hold article text; dropped by the fallback extractor.
NON_CONTENT_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form")
TEXT_BLOCKS = "//h1 | //h2 | //h3 | //h4 | //p | //li | //blockquote | //pre"
CLOSING_TAG = re.compile(r"</(html|body)\s*>", re.I)
# Characters XML cannot hold; lxml refuses text holding them (a stray \x1f in a paragraph).
NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Default trafilatura settings, except: short news items are fine (the default minimum is 250
# characters), dates only from the page's metadata and markup, never guessed from its text, and
# no extraction timeout (it uses signals, which fail outside the main thread).
TRAFILATURA_SETTINGS = {
    "min_extracted_size": "40",
    "min_output_size": "1",
    "extensive_date_search": "off",
    "extraction_timeout": "0",
}


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    text: str  # one paragraph per line
    title: str | None = None
    date: str | None = None  # as found in the page's metadata (ISO)
    sitename: str | None = None
    url: str | None = None


@lru_cache(maxsize=1)
def _trafilatura_config():  # type: ignore[no-untyped-def]
    from trafilatura.settings import use_config

    config = use_config()
    for key, value in TRAFILATURA_SETTINGS.items():
        config.set("DEFAULT", key, value)
    return config


def extract_html(html: str, name: str) -> ExtractedPage:
    """The page's article text and metadata; raises InputError when it holds no text."""
    import trafilatura  # on the first page: a run of text or JSON Lines never imports it (0.1 s)

    html = NOT_XML.sub("", html)
    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        config=_trafilatura_config(),
    )
    text = (document.text or "").strip() if document is not None else ""
    if not text:
        text = _fallback_text(html)
    if not text:
        if not CLOSING_TAG.search(html):
            raise InputError(TRUNCATED, f"{name}: truncated HTML with no readable text")
        raise InputError(NO_TEXT, f"{name}: HTML page with no article text")
    if document is None:
        return ExtractedPage(text)
    return ExtractedPage(
        text=text,
        title=document.title or None,
        date=document.date or None,
        sitename=document.sitename or None,
        url=document.url or None,
    )


def _fallback_text(html: str) -> str:
    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return ""
    for element in list(root.iter(*NON_CONTENT_TAGS)):
        element.drop_tree()
    blocks = [element.text_content().strip() for element in root.xpath(TEXT_BLOCKS)]
    if not any(blocks):
        body = root.find("body")
        blocks = [body.text_content().strip()] if body is not None else []
    return "\n".join(block for block in blocks if block)
