"""training/lexicon_audit.py: each rules-coder event is traced to its lexicon row and judged by
the gold of its source (conflibert class, plover_gsr types, VOA dev sentence types)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "training"))
from lexicon_audit import Unit, audit, lexicon_lines, rule_name

from dyad.events.lexicon import load_lexicon


def tallies_by_lemma(units, nlp, kb):
    files = lexicon_lines()
    tallies = audit(units, nlp, kb, load_lexicon())
    return {(rule.lemma, rule.event_type): (tally, rule_name(rule, files))
            for rule, tally in tallies.items()}


def test_an_appeal_is_right_in_conflibert_class_0_and_a_wrong_class_is_counted(nlp, kb):
    units = [Unit("conflibert", "Iraq urged Syria to release the prisoners.", None, quad=0),
             Unit("conflibert", "Iraq urged Syria to close the border.", None, quad=4)]
    tally, name = tallies_by_lemma(units, nlp, kb)[("urge", "REQUEST")]
    assert name.startswith("triggers.tsv:")
    assert (tally.fired["conflibert"], tally.right["conflibert"]) == (2, 1)
    assert "Iraq urged Syria to close the border." in tally.misses[0]


def test_voa_events_are_judged_by_their_own_sentence(nlp, kb):
    first = "Turkey's foreign minister met Iraq's prime minister in Baghdad on Monday."
    second = "Turkey accused Iraq of harbouring militants."
    unit = Unit("voa", f"{first} {second}", "2025-03-14",
                gold_sentences=((first, frozenset({"CONSULT"})),))
    tallies = tallies_by_lemma([unit], nlp, kb)
    meet, _ = tallies[("meet", "CONSULT")]
    accuse, _ = tallies[("accuse", "ACCUSE")]
    assert (meet.fired["voa"], meet.right["voa"]) == (1, 1)
    assert (accuse.fired["voa"], accuse.right["voa"]) == (1, 0)


def test_plover_types_judge_the_sentence(nlp, kb):
    text = "Turkey accused Iraq of harbouring militants."
    units = [Unit("plover", text, None, gold_types=frozenset({"ACCUSE", "THREATEN"})),
             Unit("plover", text + " ", None, gold_types=frozenset({"CONSULT"}))]
    tally, _ = tallies_by_lemma(units, nlp, kb)[("accuse", "ACCUSE")]
    assert (tally.total_fired, tally.precision) == (2, 0.5)
