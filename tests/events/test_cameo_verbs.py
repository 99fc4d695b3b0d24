"""The CAMEO-derived verb lexicon: the importer's parsing and choices, and the shipped file."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from dyad.events.lexicon import lexicon_dir, load_lexicon
from dyad.events.plover import load_ontology

REPO = Path(__file__).resolve().parents[2]
IMPORTER = REPO / "training" / "import_cameo_verbs.py"

# A hand-made excerpt in the CAMEO 2.0 dictionary format (verbs and codes invented for the test).
EXCERPT = """\
# comment lines and synonym sets come before the verb patterns
&CURRENCY
+DINAR

####### VERB PATTERNS #######

---  REBUKE   [111]  ---
REBUKE
UPBRAID {UPBRAIDS UPBRAIDED UPBRAIDING}  # added by hand
- * ENVOYS                                [046]      # REBUKE
- * (OVER TALKS)                          [046]      # REBUKE
- * RECENTLY                              [046]      # UPBRAID

---  HALT   [---]  ---
HALT
+CALL_OFF [080]
+TAKE_SHAPE {+TAKES_SHAPE}
- * AID                                   [162]      # HALT
- * ALONG                                 [080]      # HALT
- * HOUSES                                [1621]     # STOPPED_SHORT

---  PONDER   [040]  ---
PONDER
WAIVE [081]
- * SANCTIONS                             [081]      # PONDER

---  EXPEL   [166]  ---
EXPEL
OUST [174]
BANISH [166:174]

######## TRANSFORMATIONS ##########
- * AID                                   [070]      # REBUKE
"""

MAPPING = """\
# a CAMEO -> PLOVER table excerpt
11: ACCUSE
111: ACCUSE, disapprove,    # Criticize
046: CONSULT,   , diplomatic    # Negotiate
080: CONCEDE,   ,  # Yield
081: CONCEDE,   ,   legal # Ease sanctions
162: SANCTION, discontinue,    human_security   # Stop aid
166: SANCTION, expel ,   diplomatic   # Expel
174: COERCE, deport, legal            # Deport
"""


@pytest.fixture(scope="module")
def importer():
    spec = importlib.util.spec_from_file_location("import_cameo_verbs", IMPORTER)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def rows(importer):
    verbs = importer.parse_verbs(EXCERPT)
    mapping = importer.parse_mapping(MAPPING)
    modes = {name: frozenset(t.modes) for name, t in load_ontology().items()}
    hand = {"expel": frozenset({"SANCTION", "COERCE"}), "attack": frozenset({"ASSAULT"})}
    return importer.build_rows(verbs, mapping, modes, hand)


def test_mapping_reads_codes_types_and_modes(importer):
    mapping = importer.parse_mapping(MAPPING)
    assert mapping["111"] == importer.PloverCode("ACCUSE", "disapprove")
    assert mapping["080"] == importer.PloverCode("CONCEDE", None)
    assert mapping["166"].mode == "expel"  # "expel " in the table: spaces trimmed
    assert "11" not in mapping  # root lines name a type, not a code


@pytest.mark.parametrize(("code", "expected"), [
    ("1621", "SANCTION"),  # unlisted four-digit code: its three-digit parent
    ("162", "SANCTION"),
    ("010", None),  # statements have no PLOVER type
    ("---", None),
], ids=str)
def test_plover_code_falls_back_to_the_parent(importer, code, expected):
    found = importer.plover_code(code, importer.parse_mapping(MAPPING))
    assert (found.event_type if found else None) == expected


def test_parser_reads_verbs_with_their_own_or_block_code(importer):
    plain = {(v.lemma, v.code) for v in importer.parse_verbs(EXCERPT) if v.condition is None}
    assert plain == {("rebuke", "111"), ("upbraid", "111"), ("halt", "---"), ("ponder", "040"),
                     ("waive", "081"), ("expel", "166"), ("oust", "174"), ("banish", "166")}


def test_parser_turns_simple_patterns_into_conditions(importer):
    conditional = {(v.lemma, v.condition, v.code)
                   for v in importer.parse_verbs(EXCERPT) if v.condition is not None}
    assert conditional == {
        ("rebuke", "obj=envoy", "046"),
        ("call", "prep=off", "080"),  # particle verb "+CALL_OFF"
        ("halt", "obj=aid", "162"),
        ("ponder", "obj=sanction", "081"),
    }  # not: "(OVER TALKS)" (a phrase), "RECENTLY" and "ALONG" (no nouns), a verb outside its
    #   block, or patterns after the verb section


def test_rows_keep_specific_codes_and_skip_catch_alls(rows):
    plain = {(r.lemma, r.event_type, r.mode) for r in rows if r.when is None}
    # "ponder" sits under the catch-all 040 and "halt" under ---; "expel" is a hand lemma
    assert plain == {("rebuke", "ACCUSE", "disapprove"), ("upbraid", "ACCUSE", "disapprove"),
                     ("waive", "CONCEDE", None), ("oust", "COERCE", "deport"),
                     ("banish", "SANCTION", "expel")}


def test_conditional_rows_come_before_the_plain_row_of_their_lemma(rows, importer):
    rebuke = [r for r in rows if r.lemma == "rebuke"]
    assert [r.when for r in rebuke] == ["obj=envoy", None]
    assert rebuke[0].event_type == "CONSULT"
    assert rebuke[0].strength == importer.CONDITIONAL_STRENGTH > rebuke[1].strength


def test_generic_and_hand_lemmas_get_no_row(rows):
    assert {"call", "expel"}.isdisjoint(r.lemma for r in rows)


@pytest.mark.parametrize(("plural", "singular"), [
    ("houses", "house"), ("talks", "talk"), ("parties", "party"), ("crisis", "crisis"),
    ("branches", "branch"), ("aid", "aid"),
], ids=str)
def test_singular(importer, plural, singular):
    assert importer.singular(plural) == singular


def _lemmas(path: Path) -> set[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.split("\t")[0] for line in lines if line.strip() and not line.startswith("#")}


def test_shipped_file_shares_no_lemma_with_the_hand_lexicon():
    derived = _lemmas(lexicon_dir() / "cameo_verbs.tsv")
    assert derived, "cameo_verbs.tsv is empty"
    assert derived.isdisjoint(_lemmas(lexicon_dir() / "triggers.tsv"))


@pytest.mark.parametrize(("form", "event_type"), [
    ("scolded", "ACCUSE"),
    ("lambasted", "ACCUSE"),
    ("exonerated", "CONCEDE"),
    ("jailed", "COERCE"),
], ids=str)
def test_shipped_verbs_load_as_triggers(form, event_type):
    assert event_type in {r.event_type for r in load_lexicon().rules_for(form, "VERB")}


def test_an_excluded_sense_adds_its_condition_to_every_row_of_the_verb(rows, importer, tmp_path):
    path = tmp_path / "senses.tsv"
    path.write_text("# lemma\tcondition\texample\nrebuke\tnot_prep=from\tmade up\n")
    senses = importer.excluded_senses(path)
    assert senses == {"rebuke": "not_prep=from"}
    rebuke = [r.when for r in importer.exclude_senses(rows, senses) if r.lemma == "rebuke"]
    assert rebuke == ["obj=envoy;not_prep=from", "not_prep=from"]
    upbraid = [r.when for r in importer.exclude_senses(rows, senses) if r.lemma == "upbraid"]
    assert upbraid == [None]
