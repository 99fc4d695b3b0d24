"""How well the actor layer alone reads the VOA **dev** gold's source and target spans.

    .venv/bin/python training/actor_errors.py [--data-dir ../shared/data] [--show KIND]

Every source/target span of the dev gold (flagged events too: the actor layer does not care)
is read as the hybrid coder reads a tagged span: ``ArticleActors.actor_for_span`` on the
cleaned, parsed story with its recognised mentions. Printed: the share with the right country
(the code's first three letters), right as the VOA scorer judges a role (also the sector when
both name one) and with country and sector exactly right, then the failures by kind. ``--show
KIND`` prints the cases of a kind. No event model is loaded; test stories are never read.
"""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import dataclass

from dyad.actors import find_mentions, load_knowledge_base
from dyad.actors.compose import ArticleActors
from dyad.actors.kb import KnowledgeBase
from dyad.actors.recognize import tables_for
from dyad.clean import clean_document
from dyad.evaluate.cli import DEFAULT_DATA_DIR
from dyad.evaluate.coder import actor_country, actor_sector
from dyad.evaluate.voa import GoldRole, GoldStory, load_bundled_gold
from dyad.nlp import load_language, parse
from dyad.records import Actor, RawDocument

PRONOUNS = frozenset(("i", "we", "you", "he", "she", "it", "they", "him", "her", "them", "us",
                      "his", "its", "their", "our", "who", "which"))
ANAPHORS = frozenset(("group", "country", "organization", "movement", "militia", "agency",
                      "nation", "alliance", "bloc", "union"))


@dataclass(frozen=True, slots=True)
class Reading:
    story_id: str
    role: str  # "source" | "target"
    gold: GoldRole
    sentence: str
    actor: Actor | None
    kind: str  # "right" or the failure kind


def read_story(story: GoldStory, nlp, kb: KnowledgeBase) -> list[Reading]:
    raw = RawDocument(content=story.text, format="text", doc_ref=story.story_id,
                      title=story.title, date=story.published)
    article = clean_document(raw)
    doc = parse(nlp, article)
    actors = ArticleActors(doc, article, find_mentions(doc, article, kb), kb)
    readings, seen = [], set()
    for event in story.events:
        for role, gold in (("source", event.source), ("target", event.target)):
            if gold is None or not gold.code or (role, gold.start, gold.end) in seen:
                continue
            seen.add((role, gold.start, gold.end))
            start = _in_cleaned(article.text, story.text, gold)
            sentence = story.text[event.sentence_start:event.sentence_end]
            if start is None:
                readings.append(Reading(story.story_id, role, gold, sentence, None,
                                        "span not found in cleaned text"))
                continue
            actor = actors.actor_for_span(start, start + len(gold.text))
            readings.append(Reading(story.story_id, role, gold, sentence, actor,
                                    failure_kind(gold, actor, kb)))
    return readings


def _in_cleaned(cleaned: str, original: str, gold: GoldRole) -> int | None:
    """Where the gold span is in the cleaned text: the occurrence nearest its original offset
    scaled by the length change (cleaning mends spacing and quotes, so offsets drift)."""
    expected = gold.start * len(cleaned) / max(len(original), 1)
    wanted = gold.text.replace("\u2019", "'")  # cleaning straightens apostrophes
    found, at = [], cleaned.find(wanted)
    while at >= 0:
        found.append(at)
        at = cleaned.find(wanted, at + 1)
    return min(found, key=lambda i: abs(i - expected)) if found else None


def failure_kind(gold: GoldRole, actor: Actor | None, kb: KnowledgeBase) -> str:
    code = gold.code or ""
    if actor is None:
        return "none: " + _span_kind(gold.text, kb)
    if actor_country(actor) != code[:3]:
        if actor.country is None and actor.kind == "sector":
            return "countryless sector"
        return "wrong country"
    sector = actor_sector(actor)
    if sector != (code[3:6] or None):
        gold_sector = code[3:6] or None
        if sector and gold_sector and sector != gold_sector:
            return "right country, wrong sector"
        return "right country, sector given/missing"
    return "right"


def _span_kind(text: str, kb: KnowledgeBase) -> str:
    words = text.lower().replace("'s", "").split()
    content = [w for w in words if w not in ("the", "a", "an", "its", "their", "his", "her")]
    if len(words) == 1 and words[0] in PRONOUNS:
        return "pronoun"
    if content and content[-1] in ANAPHORS:
        return "anaphor (the group, the country)"
    tables = tables_for(kb)
    lower = text.lower().split()
    heads = [tables.heads.longest_at(lower, text.split(), i) for i in range(len(lower))]
    found = [h for h in heads if h is not None]
    if any(kind == "office" for h in found for kind, _ in h[1]):
        return "title without name"
    if found:
        return "generic noun"
    if any(w[:1].isupper() for w in text.split()):
        return "name not in the knowledge base"
    return "other"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default=DEFAULT_DATA_DIR)
    parser.add_argument("--show", help="print the cases of this kind")
    args = parser.parse_args()
    nlp, kb = load_language(), load_knowledge_base()
    readings = [r for story in load_bundled_gold(args.data_dir, "dev")
                for r in read_story(story, nlp, kb)]
    total = len(readings)
    country = sum(actor_country(r.actor) == (r.gold.code or "")[:3] for r in readings if r.actor)
    scorer = sum(_scorer_right(r) for r in readings)
    exact = sum(r.kind == "right" for r in readings)
    print(f"dev: {total} gold actor spans (sources and targets, flagged events too)")
    print(f"  right country            {country:4d}  {country / total:5.1%}")
    print(f"  right as the scorer says {scorer:4d}  {scorer / total:5.1%}")
    print(f"  right country + sector   {exact:4d}  {exact / total:5.1%}")
    print("\nfailures by kind:")
    for kind, count in Counter(r.kind for r in readings if r.kind != "right").most_common():
        print(f"  {count:4d}  {count / total:5.1%}  {kind}")
    for r in readings:
        if args.show == r.kind:
            code = r.actor.code if r.actor else "-"
            print(f"\n[{r.story_id}] {r.role} {r.gold.text!r} gold {r.gold.code} -> {code}"
                  f"\n    {r.sentence[:240]}")


def _scorer_right(reading: Reading) -> bool:
    """The VOA scorer's code test: same first three letters, and the same sector when both
    name one (span overlap, its other test, always holds here)."""
    if reading.actor is None:
        return False
    code = reading.gold.code or ""
    if actor_country(reading.actor) != code[:3]:
        return False
    sector, gold_sector = actor_sector(reading.actor), code[3:6] or None
    return sector is None or gold_sector is None or sector == gold_sector


if __name__ == "__main__":
    main()
