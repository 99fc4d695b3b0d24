"""Training and held-out sentences for the event model, from every labelled source we may use.

Each source labels only some of the model's heads; what a source does not say is masked, never
guessed as negative (except where the brief of issue 5 fixes it: conflibert class 0 and VOA dev
sentences without gold events are negatives for every PLOVER type). Held-out membership comes
from ``dyad.evaluate.splits`` (reference data) and the fixed VOA split: nothing held out is
returned by ``training_examples``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import spacy

from dyad.evaluate.gold import LEGACY_TYPES, PLOVER_TYPES, load_conflibert
from dyad.evaluate.splits import HASH_RANGE, is_held_out, normalized_text, stable_hash
from dyad.evaluate.voa import GoldStory, default_gold_dir, load_gold, load_split, load_stories
from dyad.nlp import (
    components,  # noqa: F401  (registers the dyad_sentences component)
    load_language,
)

SOURCE, TARGET = "SOURCE", "TARGET"
# Type labels per example: 1 present, 0 absent, -1 unknown (loss masked).
TYPE_PRESENT, TYPE_ABSENT, TYPE_UNKNOWN = 1, 0, -1
NO_TYPES = (TYPE_ABSENT,) * len(PLOVER_TYPES)
UNKNOWN_TYPES = (TYPE_UNKNOWN,) * len(PLOVER_TYPES)
# conflibert NER tags: S source, T target, R reciprocal (each side acts on the other: a source).
NER_ROLES = {"S": SOURCE, "T": TARGET, "R": SOURCE}
MARKUP_TAG = re.compile(r"\((SRC|TAR|SRC/TAR|EVT|LOC): ([^()]*)\)")
MARKUP_ROLES = {"SRC": SOURCE, "SRC/TAR": SOURCE, "TAR": TARGET}
WRITTEN_EVENTS = Path(__file__).parent / "data" / "written_events.jsonl"
# Written sentences that copy the construction of a VOA dev sentence (``modeled_on`` its story):
# left out with that story's fold, so out-of-fold readings stay unseen.
WRITTEN_CONSTRUCTIONS = Path(__file__).parent / "data" / "written_constructions.jsonl"
# Events coded on fusion gold dev reports (training/data/README.md), and those reports.
FUSION_EVENTS = Path(__file__).parent / "data" / "fusion_dev_events.jsonl"
FUSION_REPORTS = (Path(__file__).parents[1] / "src" / "dyad" / "data" / "gold" / "fusion"
                  / "reports.jsonl")
# PLOVER types we labelled on conflibert_cameo training sentences of classes 1-4 (by key).
CONFLIBERT_TYPES = Path(__file__).parent / "data" / "conflibert_types.jsonl"
# One span convention for the tagger, conflibert's (the largest source): a role is the whole noun
# phrase ("US President Donald Trump's decision"), where plover_gsr, our VOA gold and the written
# sentences mark the shortest name ("Trump"). Their spans are widened along these dependencies
# from the name to the phrase it heads or modifies, then to that phrase's subtree.
WIDEN_THROUGH = frozenset({"compound", "amod", "nmod:poss", "nmod:desc", "flat", "nmod",
                           "appos", "nummod"})
# Parts of a phrase's subtree left out of the widened span: its preposition, other conjuncts,
# clauses and time words (conflibert keeps some of these, but a parse error there runs long).
WIDEN_STOPS = frozenset({"case", "mark", "conj", "cc", "acl", "acl:relcl", "parataxis", "punct",
                         "obl", "obl:tmod", "nmod:tmod", "nmod:unmarked", "advmod", "nsubj",
                         "obj"})
# A widened span longer than this is more likely a parse error than a phrase: kept as marked.
MAX_WIDENED_TOKENS = 12
# Hops from a name to the phrase it sits in ("Trump's decision", "a request from the EU"): one
# at most, the next one up is rarely the role.
PHRASE_HOPS = frozenset({"nmod", "nmod:poss"})
FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})  # in a widened span: a parse error
NOMINAL_TAGS = ("NN", "CD")  # Penn tag prefixes of a head a name may widen to
# VOA dev sentences without a gold event outnumber the coded ones; a fixed share of them (chosen
# by hash, so always the same) keeps training within its time budget on 2 shared cores.
VOA_NEGATIVE_SHARE = 0.4
# VOA dev stories fall in this many folds (by hash of the story id) for cross-fitting: a model
# trained without one fold reads that fold's stories as unseen news (training/tune_coder.py).
DEV_FOLDS = 3


@dataclass(frozen=True, slots=True)
class RoleSpan:
    start: int
    end: int
    role: str  # SOURCE | TARGET


@dataclass(frozen=True, slots=True)
class Example:
    """One sentence with whatever labels its source gives."""

    text: str
    origin: str  # conflibert | plover | voa | written | fusion
    held_out: bool
    quad: int | None = None  # conflibert five-way class
    types: tuple[int, ...] = UNKNOWN_TYPES  # per PLOVER_TYPES: TYPE_PRESENT/ABSENT/UNKNOWN
    spans: tuple[RoleSpan, ...] | None = None  # None: actors not annotated


def _type_vector(names: set[str]) -> tuple[int, ...]:
    return tuple(TYPE_PRESENT if name in names else TYPE_ABSENT for name in PLOVER_TYPES)


def conflibert_class_examples(data_dir: Path, types_path: Path = CONFLIBERT_TYPES
                              ) -> list[Example]:
    labelled = conflibert_types(types_path)
    examples = []
    for sentence in load_conflibert(data_dir):
        held_out = is_held_out(sentence.text)
        # Class 0 (statements) holds no codable event: negative for every type (issue 5).
        # Classes 1-4 train the type head where we labelled their types (never held out).
        types = NO_TYPES if sentence.label == 0 else UNKNOWN_TYPES
        named = None if held_out else labelled.get(conflibert_key(sentence.text))
        if named is not None:
            types = _type_vector(named)
        examples.append(Example(sentence.text, "conflibert", held_out, sentence.label, types))
    return examples


def conflibert_key(text: str) -> str:
    """A conflibert sentence's key in ``conflibert_types.jsonl``: its text is not copied there."""
    return hashlib.sha256(normalized_text(text).encode("utf-8")).hexdigest()[:16]


def conflibert_types(path: Path = CONFLIBERT_TYPES) -> dict[str, set[str]]:
    """Our PLOVER type labels of conflibert training sentences, by ``conflibert_key``."""
    if not path.exists():
        return {}
    labelled = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            record = json.loads(line)
            unknown = set(record["types"]) - set(PLOVER_TYPES)
            if unknown:
                raise ValueError(f"{path}:{number}: not PLOVER types: {sorted(unknown)}")
            labelled[record["key"]] = set(record["types"])
    return labelled


def read_conll(path: Path) -> Iterator[list[tuple[str, str]]]:
    """Sentences of a two-column CoNLL file as (token, tag) lists."""
    sentence: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            fields = line.split()
            if not fields:
                if sentence:
                    yield sentence
                sentence = []
                continue
            if len(fields) != 2:
                raise ValueError(f"{path}:{number}: expected 'token TAG'")
            sentence.append((fields[0], fields[1]))
    if sentence:
        yield sentence


def align_tokens(tokens: list[str], text: str) -> list[tuple[int, int]] | None:
    """Character offsets of each token in ``text`` in order, or None when they do not align.

    Letters and digits must match one by one; other characters may differ (the NER file writes
    ``'s`` where the class file has ``ʼs``, and splits off punctuation).
    """
    offsets, cursor = [], 0
    for token in tokens:
        while cursor < len(text) and text[cursor].isspace():
            cursor += 1
        letters = normalized_text(token)
        if not letters:  # punctuation: the next visible character stands for it
            offsets.append((cursor, min(cursor + 1, len(text))))
            cursor = min(cursor + 1, len(text))
            continue
        start = end = None
        for char in letters:
            while cursor < len(text) and not normalized_text(text[cursor]):
                cursor += 1
            if cursor >= len(text) or text[cursor].lower() != char:
                return None
            start = cursor if start is None else start
            cursor += 1
            end = cursor
        offsets.append((start, end))
    return offsets


def _spaced_offsets(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    offsets, cursor = [], 0
    for token in tokens:
        offsets.append((cursor, cursor + len(token)))
        cursor += len(token) + 1
    return " ".join(tokens), offsets


def bio_spans(tags: list[str], offsets: list[tuple[int, int]]) -> tuple[RoleSpan, ...]:
    """Role spans from token BIO tags (an I- without its B- starts a span)."""
    spans: list[RoleSpan] = []
    current: tuple[int, int, str] | None = None
    for tag, (start, end) in zip(tags, offsets, strict=True):
        prefix, _, kind = tag.partition("-")
        role = NER_ROLES.get(kind)
        if role and current and prefix == "I" and current[2] == role:
            current = (current[0], end, role)
            continue
        if current:
            spans.append(RoleSpan(*current))
        current = (start, end, role) if role else None
    if current:
        spans.append(RoleSpan(*current))
    return tuple(spans)


def conflibert_ner_examples(data_dir: Path, raw_texts: dict[str, str]) -> list[Example]:
    """NER sentences, re-placed in their untokenized class-file text when the tokens align."""
    path = data_dir / "conflibert_cameo" / "cameo_ner" / "train.txt"
    examples = []
    for sentence in read_conll(path):
        tokens = [token for token, _ in sentence]
        raw = raw_texts.get(normalized_text("".join(tokens)))
        offsets = align_tokens(tokens, raw) if raw else None
        if raw and offsets:
            text = raw
        else:
            text, offsets = _spaced_offsets(tokens)
        spans = bio_spans([tag for _, tag in sentence], offsets)
        examples.append(Example(text, "conflibert", is_held_out(text), spans=spans))
    return examples


def merge_conflibert(classes: list[Example], ner: list[Example]) -> list[Example]:
    """One example per sentence: a class-file sentence gains the spans of its NER twin."""
    spans_by_text = {ex.text: ex.spans for ex in ner}
    merged = [replace(ex, spans=spans_by_text.get(ex.text)) for ex in classes]
    class_texts = {ex.text for ex in classes}
    return merged + [ex for ex in ner if ex.text not in class_texts]


def parse_markup(markup: str) -> tuple[str, tuple[RoleSpan, ...]]:
    """Plain text and role spans of a plover_gsr ``textInfo.markup`` string."""
    pieces: list[str] = []
    spans: list[RoleSpan] = []
    cursor = length = 0
    for match in MARKUP_TAG.finditer(markup):
        before = markup[cursor : match.start()]
        pieces.append(before)
        length += len(before)
        inner = match.group(2)
        role = MARKUP_ROLES.get(match.group(1))
        if role:
            spans.append(RoleSpan(length, length + len(inner), role))
        pieces.append(inner)
        length += len(inner)
        cursor = match.end()
    pieces.append(markup[cursor:])
    return "".join(pieces), tuple(spans)


def plover_examples(data_dir: Path) -> list[Example]:
    """plover_gsr sentences; records sharing a sentence add up their types."""
    path = data_dir / "plover_gsr" / "PLOVER_GSR_CAMEO.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    types: dict[str, set[str]] = {}
    spans: dict[str, tuple[RoleSpan, ...] | None] = {}
    for record in records:
        name, text = record.get("event"), record.get("text")
        event_type = name if name in PLOVER_TYPES else LEGACY_TYPES.get(name, (None,))[0]
        if not event_type or not isinstance(text, str):
            continue  # the DOCUMENT header and types without a contract equivalent
        types.setdefault(text, set()).add(event_type)
        info = record.get("textInfo")
        plain, found = parse_markup(info.get("markup", "") if isinstance(info, dict) else "")
        # Markup that does not reproduce the sentence leaves its actors unannotated.
        record_spans = found if plain == text and found else None
        if spans.get(text) is None:
            spans[text] = record_spans
        elif record_spans:
            spans[text] = tuple(sorted(set(spans[text]) | set(record_spans), key=_span_key))
    return [
        Example(text, "plover", is_held_out(text), types=_type_vector(names), spans=spans[text])
        for text, names in types.items()
    ]


def _span_key(span: RoleSpan) -> tuple[int, int, str]:
    return span.start, span.end, span.role


def sentence_splitter() -> spacy.language.Language:
    """dyad's rule sentence splitter alone (no parser): fast enough for whole story files."""
    nlp = spacy.blank("en")
    nlp.add_pipe("dyad_sentences")
    return nlp


def dev_fold(story_id: str) -> int:
    """The cross-fitting fold (0 .. DEV_FOLDS - 1) of a VOA dev story, fixed by its id."""
    return stable_hash("dyad-dev-fold:", story_id) % DEV_FOLDS


def voa_dev_examples(data_dir: Path, gold_dir: Path | None = None,
                     left_out_fold: int | None = None) -> list[Example]:
    """Sentences of coded VOA dev stories: gold events' types and roles; the rest are negatives.
    Stories of ``left_out_fold`` (``dev_fold``) are left out."""
    files = sorted((gold_dir or default_gold_dir()).glob("*.jsonl"))
    if not files:
        return []
    stories = load_gold(files, load_stories(data_dir), load_split())
    nlp = sentence_splitter()
    examples = []
    for story in stories:
        if story.split != "dev":
            continue  # test stories are never trained on
        if left_out_fold is not None and dev_fold(story.story_id) == left_out_fold:
            continue
        examples += story_examples(story, nlp, "voa")
    return examples


def fusion_report_examples(batches: frozenset[int], path: Path = FUSION_EVENTS) -> list[Example]:
    """Sentences of the fusion gold's dev reports of ``batches`` coded in ``path``
    (training/data/README.md): their events' types and roles; the rest are negatives."""
    batch_of = {report["id"]: report["batch"] for report in map(json.loads, (
        FUSION_REPORTS.read_text(encoding="utf-8").splitlines()))}
    nlp = sentence_splitter()
    return [example for story in load_gold([path], {}, {})
            if batch_of[story.story_id] in batches
            for example in story_examples(story, nlp, "fusion")]


def story_examples(story: GoldStory, nlp: spacy.language.Language, origin: str
                   ) -> list[Example]:
    """A coded story's sentences: those with gold events, with their types and role spans, and
    a share of the others as negatives."""
    by_sentence: dict[tuple[int, int], list] = {}
    for event in story.events:
        by_sentence.setdefault((event.sentence_start, event.sentence_end), []).append(event)
    examples = []
    for (start, end), events in by_sentence.items():
        spans = {
            RoleSpan(role.start - start, role.end - start, kind)
            for event in events
            for role, kind in ((event.source, SOURCE), (event.target, TARGET))
            if role is not None and start <= role.start < role.end <= end
        }
        examples.append(Example(
            story.text[start:end], origin, False,
            types=_type_vector({event.event_type for event in events}),
            spans=tuple(sorted(spans, key=_span_key)),
        ))  # fmt: skip
    for sentence in nlp(story.text).sents:
        text = sentence.text.strip()
        coded = any(s < sentence.end_char and sentence.start_char < e for s, e in by_sentence)
        if text and not coded and _kept_negative(text):
            examples.append(Example(text, origin, False, types=NO_TYPES, spans=()))
    return examples


def _kept_negative(text: str) -> bool:
    return stable_hash("dyad-voa-negative:", text) < VOA_NEGATIVE_SHARE * HASH_RANGE


def written_examples(path: Path = WRITTEN_EVENTS,
                     left_out_fold: int | None = None) -> list[Example]:
    """Sentences written for training (training/data/README.md); none when the file is absent.
    Sentences ``modeled_on`` a VOA dev story of ``left_out_fold`` are left out."""
    if not path.exists():
        return []
    examples = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            record = json.loads(line)
            story = record.get("modeled_on")
            if story is not None and left_out_fold is not None and dev_fold(story) == left_out_fold:
                continue
            examples.append(_written_example(record, f"{path}:{number}"))
    return examples


def _written_example(record: dict, where: str) -> Example:
    text = record.get("text") or record.get("sentence")
    if not isinstance(text, str):
        raise ValueError(f"{where}: no 'text'")
    events = record.get("events") or []
    names = {event.get("event_type") for event in events}
    if not names <= set(PLOVER_TYPES):
        raise ValueError(f"{where}: unknown event_type in {sorted(map(str, names))}")
    spans = set()
    for event in events:
        for key, role in (("source", SOURCE), ("target", TARGET)):
            actor = event.get(key)
            if not isinstance(actor, dict):
                continue
            # The mention meant is the first occurrence of the actor text at word boundaries.
            found = re.search(rf"(?<!\w){re.escape(actor.get('text', ''))}(?!\w)", text)
            if not found or not actor.get("text"):
                raise ValueError(f"{where}: {key} text {actor.get('text')!r} not in the sentence")
            spans.add(RoleSpan(found.start(), found.end(), role))
    return Example(text, "written", False, types=_type_vector(names),
                   spans=tuple(sorted(spans, key=_span_key)))  # fmt: skip


def widen_to_phrase(doc: spacy.tokens.Doc, span: RoleSpan,
                    others: tuple[RoleSpan, ...]) -> RoleSpan:
    """``span`` widened to the noun phrase it names (conflibert's convention), or unchanged
    where the phrase would take in another role's span, is too long or cannot be aligned."""
    marked = doc.char_span(span.start, span.end, alignment_mode="expand")
    if marked is None or marked.root.pos_ == "PRON":
        return span
    head, phrase_hops = marked.root, 0
    while (head.dep_ in WIDEN_THROUGH and head.head.tag_.startswith(NOMINAL_TAGS)
           and head.head is not head and phrase_hops < 1):
        phrase_hops += head.dep_ in PHRASE_HOPS
        head = head.head
    left_out = {t.i for child in head.children if child.dep_ in WIDEN_STOPS
                and not (marked.start <= child.i < marked.end) for t in child.subtree}
    kept = [t.i for t in head.subtree if t.i not in left_out] + [marked.start, marked.end - 1]
    start, end = min(kept), max(kept) + 1
    while start < end and doc[start].is_punct:
        start += 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    if doc[start:end].text.count("(") > doc[start:end].text.count(")") and end < len(doc) \
            and doc[end].text == ")":
        end += 1  # "the Palestinian Liberation Organization (PLO)"
    widened = RoleSpan(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), span.role)
    if end - start > MAX_WIDENED_TOKENS or any(
        t.tag_ in FINITE_VERB_TAGS for t in doc[start:end]) or any(
        other != span and widened.start < other.end and other.start < widened.end
        and not (span.start < other.end and other.start < span.end) for other in others
    ):
        return span
    return widened


def widened_examples(examples: list[Example], nlp: spacy.language.Language) -> list[Example]:
    """The examples with their role spans widened to conflibert's convention."""
    widened = []
    for example, doc in zip(examples, nlp.pipe(ex.text for ex in examples), strict=True):
        if example.spans:
            spans = tuple(sorted({widen_to_phrase(doc, s, example.spans) for s in example.spans},
                                 key=_span_key))
            example = replace(example, spans=spans)
        widened.append(example)
    return widened


def all_examples(data_dir: Path, widen_spans: bool = False, left_out_fold: int | None = None,
                 constructions: bool = False, fusion_batches: frozenset[int] = frozenset(),
                 ) -> list[Example]:
    """Every example; ``widen_spans`` puts the non-conflibert role spans in conflibert's
    convention (``widen_to_phrase``); VOA dev stories of ``left_out_fold`` are left out;
    ``constructions`` adds ``WRITTEN_CONSTRUCTIONS``; ``fusion_batches`` adds the coded fusion
    dev reports of those batches (``FUSION_EVENTS``)."""
    classes = conflibert_class_examples(data_dir)
    raw_texts = {normalized_text(ex.text): ex.text for ex in classes}
    conflibert = merge_conflibert(classes, conflibert_ner_examples(data_dir, raw_texts))
    others = (plover_examples(data_dir) + voa_dev_examples(data_dir, left_out_fold=left_out_fold)
              + written_examples(left_out_fold=left_out_fold))
    if constructions:
        others += written_examples(WRITTEN_CONSTRUCTIONS, left_out_fold)
    if fusion_batches:
        others += fusion_report_examples(fusion_batches)
    return conflibert + (widened_examples(others, load_language()) if widen_spans else others)


def training_examples(examples: list[Example]) -> list[Example]:
    return [ex for ex in examples if not ex.held_out]


def held_out_examples(examples: list[Example], origin: str) -> list[Example]:
    return [ex for ex in examples if ex.held_out and ex.origin == origin]
