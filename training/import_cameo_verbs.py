"""Derive a supplementary verb-trigger lexicon from the Phoenix CAMEO 2.0 verb dictionary.

Writes ``src/dyad/data/lexicons/cameo_verbs.tsv`` (same columns as ``triggers.tsv``), read after
the hand-written lexicon so hand rows win. Sources (facts only: which verb signals which event
code): ``../shared/data/phoenix_cameo_dictionaries/CAMEO.2.0.txt`` (Open Event Data Alliance,
MIT) and the CAMEO->PLOVER table ``../shared/data/plover_gsr/CAMEO2PLOVER-2021.txt``.

What is kept, and why (a verb alone is ambiguous, so the derived file stays small):
- single-word verbs and two-word particle verbs ("+CALL_OFF" -> call, prep=off);
- the code of the verb (its own ``[code]``) or else of its block, mapped to a PLOVER type and
  mode; codes without a PLOVER type (01 statements, 02 appeals, ``---``) are dropped;
- a plain (unconditional) row only for verbs filed under a specific code: the catch-all code of
  a root ("080", "110") collects verbs that CAMEO codes only through their patterns, plus
  WordNet synonyms ("cheer", "decide"), which alone are not events; one plain row per lemma,
  and a lemma listed under two PLOVER types is dropped as ambiguous;
- simple patterns give conditional rows for the verb the pattern names (its ``# VERB``
  comment): ``- * NOUN [code]`` -> obj=noun;
- every row of a verb with a non-event sense marked by a preposition ("hail from") gets the
  condition that excludes it, from ``training/data/cameo_excluded_senses.tsv``;
- generic verbs (``GENERIC_VERBS``), verbs with common non-event senses (``AMBIGUOUS_VERBS``)
  and every lemma already in ``triggers.tsv`` are skipped, and so are patterns whose noun the hand
  lexicon gives two types ("launch an attack": verbal ACCUSE or ASSAULT): the hand noun rows,
  with their conditions, decide those.

    .venv/bin/python training/import_cameo_verbs.py
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from dyad.events.plover import load_ontology

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared" / "data"
CAMEO_VERBS = SHARED / "phoenix_cameo_dictionaries" / "CAMEO.2.0.txt"
CAMEO2PLOVER = SHARED / "plover_gsr" / "CAMEO2PLOVER-2021.txt"
LEXICONS = REPO / "src" / "dyad" / "data" / "lexicons"
TRIGGERS_TSV = LEXICONS / "triggers.tsv"
OUTPUT_TSV = LEXICONS / "cameo_verbs.tsv"
# Verb senses the dictionary misses, excluded by a condition on every row of the verb.
EXCLUDED_SENSES_TSV = REPO / "training" / "data" / "cameo_excluded_senses.tsv"
STRENGTH = 0.6
CONDITIONAL_STRENGTH = 0.7  # a verb with its object or preposition is less ambiguous

# Light or multi-purpose verbs that CAMEO codes only through long patterns (and "found",
# "saw", which CAMEO lists as verbs but news mostly writes as forms of find and see).
GENERIC_VERBS = frozenset([
    "be", "become", "begin", "bring", "call", "carry", "change", "come", "continue", "do", "end",
    "find", "follow", "found", "get", "give", "go", "have", "help", "hold", "include", "keep",
    "know", "leave", "let", "look", "make", "move", "open", "pass", "play", "put", "raise",
    "reach", "remain", "report", "return", "run", "saw", "say", "see", "seem", "set", "show",
    "stand", "start", "take", "tell", "think", "try", "turn", "use", "want", "work",
])
# Verbs of specific codes whose usual news sense is another event or none at all.
AMBIGUOUS_VERBS = frozenset([
    "add", "admire", "affect", "affirm", "appropriate", "arm", "attend", "attire", "bar", "beat",
    "bill", "bless", "brand", "breach", "buy", "catch", "celebrate", "charge", "chasten", "cheer",
    "clap", "clear", "commemorate", "compensate", "confine", "convene", "crack", "crucify",
    "defend", "dishonor", "dishonour", "embolden", "encourage", "enliven", "esteem", "exalt",
    "extract", "favor", "favour", "fine", "forgave", "forgiven", "furnish", "galvanize", "gear",
    "glorify", "grab", "greet", "guard", "honor", "honour", "import", "infest", "inhabit",
    "inspire", "invest", "invigorate", "lecture", "loot", "outfit", "overturn", "pay", "pirate",
    "pluck", "prefer", "prize", "protect", "purchase", "reassert", "reassure", "remove", "render",
    "reprobate", "rescue", "reside", "respect", "revitalize", "revolutionise", "revolutionize",
    "reward", "rouse", "safeguard", "sanctify", "savage", "secede", "shelter", "shield",
    "sponsor", "spur", "steal", "stock", "subvert", "sue", "tax", "tend", "tender", "toast",
    "underwrite", "value", "ward",
])
PARTICLES = frozenset([
    "about", "across", "against", "ahead", "along", "around", "at", "away", "back", "by", "down",
    "for", "from", "in", "into", "of", "off", "on", "out", "over", "through", "to", "toward",
    "towards", "under", "up", "upon", "with",
])

HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
VERB_LINE = re.compile(r"^(\+?)([A-Z][A-Z'_-]*)\s*(?:\{[^}]*\})?\s*(?:\[([^\]]*)\])?")
PATTERN_LINE = re.compile(r"^-\s+(.*?)\s*\[([^\]]*)\]\s*(?:#\s*(\S+))?")
SIMPLE_OBJECT = re.compile(r"^\* ([A-Z]+)$")  # "- * AID"
MAPPING_LINE = re.compile(r"^(\d{3,4}):\s*([A-Z]+)\s*,([^,#]*)")


@dataclass(frozen=True, slots=True)
class PloverCode:
    event_type: str
    mode: str | None


@dataclass(frozen=True, slots=True)
class CameoVerb:
    lemma: str  # lower case, one word
    code: str  # CAMEO event code, e.g. "0841"
    condition: str | None  # a triggers.tsv condition, e.g. "prep=off", or None


@dataclass(frozen=True, slots=True)
class Row:
    lemma: str
    event_type: str
    mode: str | None
    strength: float
    when: str | None

    def tsv(self) -> str:
        cells = [self.lemma, "VERB", self.event_type, self.mode or "-", f"{self.strength:g}", "-",
                 self.when or "-"]
        return "\t".join(cells)


def parse_mapping(text: str) -> dict[str, PloverCode]:
    """CAMEO code (3-4 digits) -> PLOVER type and mode, from CAMEO2PLOVER-2021.txt."""
    mapping: dict[str, PloverCode] = {}
    for line in text.splitlines():
        found = MAPPING_LINE.match(line.strip())
        if found:
            code, event_type, mode = found.groups()
            mapping.setdefault(code, PloverCode(event_type, mode.strip() or None))
    return mapping


def parse_verbs(text: str) -> list[CameoVerb]:
    """Verbs of the verb-pattern section, each with its own code or its block's."""
    verbs: list[CameoVerb] = []
    block_code, block_lemmas = "---", set[str]()
    in_verbs = False
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("#######"):
            in_verbs = "VERB PATTERNS" in line
            continue
        if not in_verbs or not line or line.startswith("#"):
            continue
        if header := HEADER.match(line):
            block_code, block_lemmas = _first_code(header.group(2)), set()
        elif pattern := PATTERN_LINE.match(line):
            verb = _pattern_verb(pattern.groups(), block_lemmas)
            if verb:
                verbs.append(verb)
        elif entry := VERB_LINE.match(line):
            lemma, condition = _lemma(entry.group(1), entry.group(2))
            if lemma:
                block_lemmas.add(lemma)
                code = _first_code(entry.group(3)) if entry.group(3) else block_code
                verbs.append(CameoVerb(lemma, code, condition))
    return verbs


def _first_code(cell: str) -> str:
    """"042:043" -> "042" (the first of a pair); "---" and malformed cells -> "---"."""
    code = cell.split(":")[0].strip()
    return code if code.isdigit() else "---"


def _lemma(plus: str, name: str) -> tuple[str | None, str | None]:
    words = name.lower().split("_")
    if not plus and len(words) == 1 and words[0].isalpha():
        return words[0], None
    if plus and len(words) == 2 and words[0].isalpha() and words[1] in PARTICLES:
        return words[0], f"prep={words[1]}"
    return None, None


def _pattern_verb(groups: tuple[str, str, str | None], block_lemmas: set[str]) -> CameoVerb | None:
    """A conditional verb from "- * NOUN [code] # VERB".

    Prepositional patterns ("- * (FOR TALKS)") are not used: the lexicon can only ask for the
    noun anywhere in the sentence, and such rows added no correct event in the evaluation.
    """
    pattern, code, named = groups
    lemma = (named or "").lower()
    if lemma not in block_lemmas:
        return None
    found = SIMPLE_OBJECT.match(pattern)
    if not found or not _is_noun_like(noun := found.group(1).lower()):
        return None
    return CameoVerb(lemma, _first_code(code), f"obj={singular(noun)}")


def _is_noun_like(word: str) -> bool:
    """Drops particles, adverbs and participles that patterns put after the verb."""
    return word not in PARTICLES and not word.endswith(("ly", "ed")) and len(word) > 2


def singular(noun: str) -> str:
    """Patterns write plural objects ("HOUSES"); the lexicon expands a singular lemma."""
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    if noun.endswith(("ches", "shes", "sses", "xes")):
        return noun[:-2]
    if noun.endswith("s") and not noun.endswith(("ss", "us", "is")):
        return noun[:-1]
    return noun


def plover_code(code: str, mapping: Mapping[str, PloverCode]) -> PloverCode | None:
    """Exact code, else its three-digit parent; never the two-digit root (08 is two types)."""
    return mapping.get(code) or mapping.get(code[:3])


def build_rows(
    verbs: Iterable[CameoVerb],
    mapping: Mapping[str, PloverCode],
    modes: Mapping[str, frozenset[str]],
    hand: Mapping[str, frozenset[str]],
) -> list[Row]:
    """Conditional rows from simple patterns, then one plain row per unambiguous lemma.

    ``modes`` holds the valid modes of each PLOVER type (a mode the table gives but the
    ontology lacks, e.g. RETREAT "ease", becomes no mode); ``hand`` the PLOVER types of each
    lemma of triggers.tsv. Rows are sorted by lemma with a lemma's conditional rows first, so
    that its plain row does not shadow them.
    """
    plain: dict[str, set[PloverCode]] = {}
    conditional: dict[tuple[str, str], PloverCode] = {}
    for verb in verbs:
        target = plover_code(verb.code, mapping)
        if target is None or target.event_type not in modes:
            continue
        if verb.lemma in hand or verb.lemma in GENERIC_VERBS:
            continue
        target = PloverCode(target.event_type,
                            target.mode if target.mode in modes[target.event_type] else None)
        if verb.condition is not None:
            noun = verb.condition.rsplit("=", 1)[1]
            if len(hand.get(noun, ())) < 2:
                conditional.setdefault((verb.lemma, verb.condition), target)
        elif not is_root_default(verb.code) and verb.lemma not in AMBIGUOUS_VERBS:
            plain.setdefault(verb.lemma, set()).add(target)
    rows = [Row(lemma, target.event_type, target.mode, CONDITIONAL_STRENGTH, when)
            for (lemma, when), target in conditional.items()]
    for lemma, targets in plain.items():
        types = {target.event_type for target in targets}
        if len(types) != 1:
            continue  # listed under two PLOVER types: ambiguous alone
        found_modes = {target.mode for target in targets}
        mode = found_modes.pop() if len(found_modes) == 1 else None
        rows.append(Row(lemma, types.pop(), mode, STRENGTH, None))
    return sorted(rows, key=lambda r: (r.lemma, r.when is None, r.when or ""))


def excluded_senses(path: Path) -> dict[str, str]:
    """Lemma -> the condition that excludes its non-event sense ("hail" -> "not_prep=from")."""
    senses: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            lemma, condition = line.split("\t")[:2]
            senses[lemma] = condition
    return senses


def exclude_senses(rows: Iterable[Row], senses: Mapping[str, str]) -> list[Row]:
    """Each row of a lemma with an excluded sense, with that sense's condition added."""
    return [row if row.lemma not in senses else dataclasses.replace(
        row, when=";".join(filter(None, (row.when, senses[row.lemma])))) for row in rows]


def is_root_default(code: str) -> bool:
    """"080", "110": the catch-all code of a CAMEO root, given to verbs only their patterns code."""
    return len(code) == 3 and code.endswith("0")


def hand_types(path: Path) -> dict[str, frozenset[str]]:
    """Lemma -> PLOVER types it has in the hand lexicon (triggers.tsv)."""
    types: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cells = line.split("\t")
            types.setdefault(cells[0], set()).add(cells[2])
    return {lemma: frozenset(found) for lemma, found in types.items()}


def ontology_modes() -> dict[str, frozenset[str]]:
    return {name: frozenset(t.modes) for name, t in load_ontology().items()}


def render(rows: Iterable[Row]) -> str:
    header = [
        "# dyad derived verb triggers, generated by training/import_cameo_verbs.py: do not edit.",
        "# Source: Phoenix CAMEO 2.0 verb dictionary (Open Event Data Alliance, MIT) mapped to",
        "# PLOVER by CAMEO2PLOVER-2021; see CAMEO_VERBS.md. Columns as in triggers.tsv, which is",
        "# read first and wins (rows are tried in order).",
    ]
    body, current = [], None
    for row in rows:
        if row.event_type != current:
            current = row.event_type
            body.append(f"# --- {current}")
        body.append(row.tsv())
    return "\n".join(header + body) + "\n"


def main() -> None:
    mapping = parse_mapping(CAMEO2PLOVER.read_text(encoding="utf-8"))
    verbs = parse_verbs(CAMEO_VERBS.read_text(encoding="latin-1"))
    rows = exclude_senses(build_rows(verbs, mapping, ontology_modes(), hand_types(TRIGGERS_TSV)),
                          excluded_senses(EXCLUDED_SENSES_TSV))
    OUTPUT_TSV.write_text(render(rows), encoding="utf-8")
    print(f"{len(verbs)} CAMEO verb entries -> {len(rows)} rows in {OUTPUT_TSV.name}")


if __name__ == "__main__":
    main()
