"""The trigger lexicon: every type reachable, rows validated with file:line messages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dyad.events.lexicon import LexiconError, lexicon_dir, load_lexicon
from dyad.events.plover import PLOVER_TYPES


def test_every_plover_type_has_a_trigger():
    rules = {rule for group in load_lexicon().rules.values() for rule in group}
    assert {rule.event_type for rule in rules} == set(PLOVER_TYPES)


@pytest.mark.parametrize(("form", "pos", "event_type"), [
    ("visited", "VERB", "CONSULT"),
    ("met", "VERB", "CONSULT"),
    ("detaining", "VERB", "COERCE"),
    ("sanctions", "NOUN", "SANCTION"),
    ("talks", "NOUN", "CONSULT"),
    ("shelled", "VERB", "ASSAULT"),
], ids=lambda v: str(v))
def test_inflected_forms_match(form, pos, event_type):
    assert event_type in {r.event_type for r in load_lexicon().rules_for(form, pos)}


@pytest.mark.parametrize(("row", "problem"), [
    ("visit\tVERB\tCONSULT\tvisit\t1.0\t-", "7 tab-separated"),
    ("visit\tADJ\tCONSULT\tvisit\t1.0\t-\t-", "pos must be"),
    ("visit\tVERB\tGREET\t-\t1.0\t-\t-", "unknown PLOVER type"),
    ("visit\tVERB\tCONSULT\tflying\t1.0\t-\t-", "not a mode"),
    ("visit\tVERB\tCONSULT\t-\t2\t-\t-", "strength"),
    ("visit\tVERB\tCONSULT\t-\t1\t-\tsoon=x", "bad condition"),
    ("visit\tVERB\tCONSULT\t-\t1\t-\tnear=@nowhere", "no word list 'nowhere'"),
], ids=["columns", "pos", "type", "mode", "strength", "condition", "word-list"])
def test_bad_rows_name_file_and_line(tmp_path: Path, row, problem):
    shutil.copy(lexicon_dir() / "grammar.toml", tmp_path / "grammar.toml")
    (tmp_path / "triggers.tsv").write_text("# comment\n" + row + "\n")
    with pytest.raises(LexiconError, match=rf"triggers.tsv:2: .*{problem}"):
        load_lexicon(tmp_path)


def test_a_condition_may_name_a_word_list_of_the_grammar(tmp_path: Path):
    grammar = (lexicon_dir() / "grammar.toml").read_text(encoding="utf-8")
    (tmp_path / "grammar.toml").write_text(
        grammar.replace("[word_lists]", "[word_lists]\ncaptors = [\"kidnapper\"]"),
        encoding="utf-8")
    (tmp_path / "triggers.tsv").write_text(
        "free\tVERB\tRETREAT\trelease\t1.0\t-\tnear=@captors|ransom\n", encoding="utf-8")
    (rule,) = load_lexicon(tmp_path).rules_for("freed", "VERB")
    assert {"kidnapper", "kidnappers", "ransom"} <= rule.conditions[0].words
