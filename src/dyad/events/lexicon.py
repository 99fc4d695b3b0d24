"""Loading the trigger lexicon (``data/lexicons/triggers.tsv``) and grammar cues (``grammar.toml``).

Words are matched by lemma and by spelling: every lemma is expanded to its inflected forms here,
so a trigger still fires when the parser's lemmatizer stumbles on news text.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from dyad.events.plover import PLOVER_TYPES, load_ontology

CONDITION_KINDS = frozenset({"prep", "not_prep", "obj", "not_obj", "near", "not_near", "mod",
                             "light", "pred"})
FRAMES = frozenset({"agent", "patient", "mixed"})
POS_TAGS = {"VERB": "VB", "NOUN": "NN"}


class LexiconError(ValueError):
    """A lexicon file is malformed; the message is ``file:line: problem``."""


@dataclass(frozen=True, slots=True)
class Condition:
    kind: str  # one of CONDITION_KINDS
    words: frozenset[str]  # all inflected forms of the listed words


@dataclass(frozen=True, slots=True)
class TriggerRule:
    lemma: str
    pos: str  # "VERB" | "NOUN"
    event_type: str
    mode: str | None
    strength: float
    frame: str | None  # nouns only: "agent" | "patient" | "mixed"
    conditions: tuple[Condition, ...]
    line: int  # line in its lexicon file, for explanations and errors


@dataclass(frozen=True, slots=True)
class Grammar:
    target_preps: frozenset[str]
    agent_preps: frozenset[str]
    type_target_preps: Mapping[str, frozenset[str]]
    patient_target_types: frozenset[str]
    force_object_types: frozenset[str]
    handover_types: frozenset[str]
    handover_verbs: frozenset[str]  # object handed over, "to" phrase the target
    taking_verbs: frozenset[str]  # subject the target, "from" phrase the source
    culprit_verbs: frozenset[str]
    addressee_clause_types: frozenset[str]
    light_verbs: frozenset[str]
    receiving_verbs: frozenset[str]
    undergoing_verbs: frozenset[str]
    victim_verbs: frozenset[str]  # subject the victim of the event noun after "in"
    claiming_verbs: frozenset[str]  # "claimed responsibility for the attack": subject did it
    responsibility_nouns: frozenset[str]
    cause_verbs: frozenset[str]
    partner_nouns: frozenset[str]
    symmetric_types: frozenset[str]
    target_required_modes: frozenset[str]
    target_required_types: frozenset[str]
    source_optional_types: frozenset[str]
    person_pronouns: frozenset[str]
    thing_pronouns: frozenset[str]
    realis_heads: frozenset[str]
    # participles that tell a noun's event took place ("the talks held", "the deal signed")
    realized_participles: frozenset[str]
    # types of reactions to a deed ("welcomed", "condemned"): their dated object took place
    reaction_types: frozenset[str]
    irrealis_nouns: frozenset[str]
    linear_max_distance: int
    linear_barriers: frozenset[str]
    reporter_sectors: frozenset[str]
    locative_preps: frozenset[str]
    caption_markers: tuple[str, ...]
    final_punctuation: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Lexicon:
    rules: Mapping[tuple[str, str], tuple[TriggerRule, ...]]  # (form, pos) -> rules in order
    grammar: Grammar

    def rules_for(self, word: str, pos: str) -> tuple[TriggerRule, ...]:
        return self.rules.get((word, pos), ())


def lexicon_dir() -> Path:
    return Path(str(resources.files("dyad") / "data" / "lexicons"))


@lru_cache(maxsize=4)
def load_lexicon(directory: Path | None = None) -> Lexicon:
    directory = directory or lexicon_dir()
    grammar_path = directory / "grammar.toml"
    try:
        raw = tomllib.loads(grammar_path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise LexiconError(f"{grammar_path}: {err}") from err
    irregular = {k: tuple(v) for k, v in raw.get("irregular", {}).items()}
    grammar = _grammar(grammar_path, raw, irregular)
    word_lists = {name: list(words) for name, words in raw.get("word_lists", {}).items()}
    rules = _load_rules(directory / "triggers.tsv", irregular, word_lists)
    derived = directory / "cameo_verbs.tsv"  # CAMEO-derived verbs, tried after the hand rows
    if derived.exists():
        extra = _load_rules(derived, irregular, word_lists)
        keys = rules.keys() | extra.keys()
        rules = {key: rules.get(key, ()) + extra.get(key, ()) for key in keys}
    return Lexicon(rules, grammar)


def _grammar(path: Path, raw: dict, irregular: Mapping[str, tuple[str, ...]]) -> Grammar:
    try:
        roles, pronouns = raw["roles"], raw["pronouns"]
        embedding, linear, sentences = raw["embedding"], raw["linear"], raw["sentences"]
        return Grammar(
            target_preps=frozenset(roles["target_preps"]),
            agent_preps=frozenset(roles["agent_preps"]),
            type_target_preps={k: frozenset(v) for k, v in roles["type_target_preps"].items()},
            patient_target_types=frozenset(roles["patient_target_types"]),
            force_object_types=frozenset(roles["force_object_types"]),
            handover_types=frozenset(roles.get("handover_types", ())),
            handover_verbs=_expand(roles.get("handover_verbs", ()), irregular),
            taking_verbs=_expand(roles.get("taking_verbs", ()), irregular),
            culprit_verbs=_expand(roles["culprit_verbs"], irregular),
            addressee_clause_types=frozenset(roles["addressee_clause_types"]),
            light_verbs=_expand(roles["light_verbs"], irregular),
            receiving_verbs=_expand(roles["receiving_verbs"], irregular),
            undergoing_verbs=_expand(roles["undergoing_verbs"], irregular),
            victim_verbs=_expand(roles.get("victim_verbs", ()), irregular),
            claiming_verbs=_expand(roles.get("claiming_verbs", ()), irregular),
            responsibility_nouns=frozenset(roles.get("responsibility_nouns", ())),
            cause_verbs=_expand(roles["cause_verbs"], irregular),
            partner_nouns=_expand(roles["partner_nouns"], irregular),
            symmetric_types=frozenset(roles["symmetric_types"]),
            target_required_modes=frozenset(roles["target_required_modes"]),
            target_required_types=frozenset(roles["target_required_types"]),
            source_optional_types=frozenset(roles.get("source_optional_types", PLOVER_TYPES)),
            person_pronouns=frozenset(pronouns["person"]),
            thing_pronouns=frozenset(pronouns["thing"]),
            realis_heads=_expand(embedding["realis_heads"], irregular),
            realized_participles=_expand(embedding.get("realized_participles", ()), irregular),
            reaction_types=frozenset(embedding.get("reaction_types", ())),
            irrealis_nouns=_expand(embedding["irrealis_nouns"], irregular),
            linear_max_distance=int(linear["max_distance"]),
            linear_barriers=frozenset(linear["barriers"]),
            reporter_sectors=frozenset(linear["reporter_sectors"]),
            locative_preps=frozenset(linear["locative_preps"]),
            caption_markers=tuple(sentences["caption_markers"]),
            final_punctuation=tuple(sentences["final_punctuation"]),
        )
    except KeyError as err:
        raise LexiconError(f"{path}: missing key {err}") from err


def _load_rules(
    path: Path, irregular: Mapping[str, tuple[str, ...]],
    word_lists: Mapping[str, list[str]],
) -> Mapping[tuple[str, str], tuple[TriggerRule, ...]]:
    ontology = load_ontology()
    rules: dict[tuple[str, str], list[TriggerRule]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        where = f"{path}:{number}"
        cells = line.split("\t")
        if len(cells) != 7:
            raise LexiconError(f"{where}: expected 7 tab-separated columns, got {len(cells)}")
        lemma, pos, event_type, mode, strength, frame, when = (c.strip() for c in cells)
        if pos not in POS_TAGS:
            raise LexiconError(f"{where}: pos must be VERB or NOUN, got {pos!r}")
        if event_type not in ontology:
            raise LexiconError(f"{where}: unknown PLOVER type {event_type!r}")
        if mode != "-" and mode not in ontology[event_type].modes:
            raise LexiconError(f"{where}: {mode!r} is not a mode of {event_type}")
        if pos == "NOUN" and frame not in FRAMES:
            raise LexiconError(f"{where}: noun frame must be one of {sorted(FRAMES)}")
        try:
            score = float(strength)
        except ValueError:
            score = -1.0
        if not 0 < score <= 1:
            raise LexiconError(f"{where}: strength must be a number in (0, 1], got {strength!r}")
        rule = TriggerRule(
            lemma=lemma, pos=pos, event_type=event_type, mode=None if mode == "-" else mode,
            strength=score, frame=frame if pos == "NOUN" else None,
            conditions=_conditions(where, when, irregular, word_lists), line=number,
        )
        forms = _verb_forms(lemma, irregular) if pos == "VERB" else _noun_forms(lemma)
        for form in forms:
            rules.setdefault((form, pos), []).append(rule)
    return {key: tuple(value) for key, value in rules.items()}


def _conditions(
    where: str, when: str, irregular: Mapping[str, tuple[str, ...]],
    word_lists: Mapping[str, list[str]],
) -> tuple[Condition, ...]:
    if when == "-":
        return ()
    conditions = []
    for part in when.split(";"):
        kind, _, words = part.strip().partition("=")
        if kind not in CONDITION_KINDS or not words:
            kinds = sorted(CONDITION_KINDS)
            raise LexiconError(f"{where}: bad condition {part!r} (kinds: {kinds})")
        listed = []
        for word in (w.strip().lower() for w in words.split("|") if w.strip()):
            if word.startswith("@") and word[1:] not in word_lists:
                raise LexiconError(f"{where}: no word list {word[1:]!r} in grammar.toml")
            listed += word_lists[word[1:]] if word.startswith("@") else [word]
        # prepositions are matched as written; content words in all their forms
        forms = frozenset(listed) if kind in ("prep", "not_prep") else _expand(listed, irregular)
        conditions.append(Condition(kind, forms))
    return tuple(conditions)


def _expand(words: list[str], irregular: Mapping[str, tuple[str, ...]]) -> frozenset[str]:
    forms: set[str] = set()
    for word in words:
        forms |= _verb_forms(word, irregular) | _noun_forms(word)
    return frozenset(forms)


def _noun_forms(lemma: str) -> set[str]:
    if lemma.endswith(("s", "x", "z", "ch", "sh")):
        return {lemma, lemma + "es"}
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return {lemma, lemma[:-1] + "ies"}
    return {lemma, lemma + "s"}


def _verb_forms(lemma: str, irregular: Mapping[str, tuple[str, ...]]) -> set[str]:
    """Regular inflections, over-generated on purpose (both "banned" and "baned" for "ban")."""
    forms = _noun_forms(lemma) | set(irregular.get(lemma, ()))
    if lemma.endswith("e"):
        forms |= {lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ied", lemma + "ing"}
    else:
        forms |= {lemma + "ed", lemma + "ing"}
        if lemma[-1] not in "aeiouwxy" and lemma[-2:-1] in tuple("aeiou"):
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms
