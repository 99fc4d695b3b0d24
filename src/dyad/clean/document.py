"""``clean_document``: one RawDocument in, one Article out, by small steps in a fixed order:

1. HTML pages: main text and metadata (:mod:`dyad.clean.html`);
2. character repair: mojibake, quotes (:mod:`dyad.clean.text`);
3. paragraphs, one per line (:mod:`dyad.clean.text`);
4. page residue dropped, source line read (:mod:`dyad.clean.boilerplate`);
5. machine-translation repair (:mod:`dyad.clean.mt_repair`);
6. date lines read and removed (:mod:`dyad.clean.pubdate`);
7. title (:mod:`dyad.clean.title`), source (:mod:`dyad.clean.outlets`), doc_id.

Metadata given with the input (JSONL fields) is trusted over what is found in the text, which is
trusted over HTML metadata; except the publication date, whose order of trust is: the JSONL
``date``, the HTML page's metadata, a date in the URL, the date line (:func:`_publication_date`).
"""

from __future__ import annotations

import re

from dyad.clean.boilerplate import load_boilerplate_rules, strip_boilerplate
from dyad.clean.doc_id import doc_id_for
from dyad.clean.html import ExtractedPage, extract_html
from dyad.clean.mt_repair import load_repairs, repair_translation
from dyad.clean.outlets import Outlet, dateline_outlet, load_outlets, outlet_named
from dyad.clean.pubdate import (
    PublicationDate,
    load_date_labels,
    metadata_date,
    parse_metadata_date,
    take_date_lines,
    url_date,
)
from dyad.clean.text import repair_characters, split_paragraphs
from dyad.clean.title import find_title
from dyad.errors import NO_TEXT, InputError
from dyad.records import Article, RawDocument

PARAGRAPH_BREAK = "\n\n"
# A page with no sentence in it (menu items, a lone heading) is no article. A sentence: a few
# words ending like one, or a longer run of words (a cut-off last sentence). Text given as text
# (a file, a JSONL record, a headline to code) is kept if any word is left.
MIN_SENTENCE_WORDS = 3
MIN_UNPUNCTUATED_SENTENCE_WORDS = 8
SENTENCE_END = re.compile(r"[.!?][\"')\]]*$")


def clean_document(raw: RawDocument) -> Article:
    """The cleaned article; raises InputError(NO_TEXT) when no text is left."""
    name = raw.doc_path or raw.doc_ref or "input"
    page = extract_html(raw.content, name) if raw.format == "html" else None
    outlets = load_outlets()
    boilerplate = load_boilerplate_rules()
    repairs = load_repairs()

    paragraphs = split_paragraphs(repair_characters(page.text if page else raw.content))
    stripped = strip_boilerplate(paragraphs, boilerplate)
    paragraphs = [repair_translation(paragraph, repairs) for paragraph in stripped.paragraphs]
    dated = take_date_lines(paragraphs, load_date_labels())
    given_title = raw.title or (page.title if page else None)
    if given_title:
        given_title = repair_translation(repair_characters(given_title), repairs)
    outlet_names = frozenset(outlet.casefold() for outlet in outlets.values())
    titled = find_title(dated.paragraphs, given_title, boilerplate, outlet_names)

    if not _has_article_text(titled.paragraphs, from_html=page is not None):
        raise InputError(NO_TEXT, f"{name}: no article text left after removing page residue")
    text = PARAGRAPH_BREAK.join(titled.paragraphs)
    outlet = _outlet(raw, page, stripped.source_site, titled.paragraphs, outlets)
    published = _publication_date(raw, dated.published, page)
    return Article(
        doc_id=doc_id_for(text),
        text=text,
        title=titled.title,
        published=published.date if published else None,
        published_text=published.text if published else None,
        published_precision=published.precision if published else None,
        source=outlet.name if outlet else None,
        url=raw.url or (page.url if page else None) or (outlet.url if outlet else None),
        doc_path=raw.doc_path,
        doc_ref=raw.doc_ref,
    )


def _has_article_text(paragraphs: list[str], from_html: bool) -> bool:
    if from_html:
        return any(_reads_as_prose(paragraph) for paragraph in paragraphs)
    return any(character.isalpha() for paragraph in paragraphs for character in paragraph)


def _reads_as_prose(paragraph: str) -> bool:
    words = len(paragraph.split())
    return words >= MIN_UNPUNCTUATED_SENTENCE_WORDS or (
        words >= MIN_SENTENCE_WORDS and SENTENCE_END.search(paragraph) is not None
    )


def _publication_date(
    raw: RawDocument, in_text: PublicationDate | None, page: ExtractedPage | None
) -> PublicationDate | None:
    """The first date found, in order of trust: the date given with the input (JSONL), the
    page's own metadata (meta tags, JSON-LD), a date in its URL (or path), the date line, and
    last the date trafilatura read from the page's markup."""
    urls = [raw.url, page.url if page else None, raw.doc_path]
    found = (
        parse_metadata_date(raw.date) if raw.date else None,
        metadata_date(raw.content) if page else None,
        *(url_date(url) for url in urls if url),
        in_text,
        parse_metadata_date(page.date) if page and page.date else None,
    )
    return next((date for date in found if date is not None), None)


def _outlet(
    raw: RawDocument,
    page: ExtractedPage | None,
    source_line_site: str | None,
    paragraphs: list[str],
    outlets: dict[str, str],
) -> Outlet | None:
    for site in (raw.source, source_line_site, page.sitename if page else None):
        if site:
            return outlet_named(site, outlets)
    return dateline_outlet(paragraphs, outlets)
