from pathlib import Path

import pytest

from dyad.evaluate.gold import (
    LEGACY_TYPES,
    PLOVER_TYPES,
    load_conflibert,
    load_plover_gsr,
    parse_conflibert_lines,
)

SHARED_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
needs_data = pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="../shared/data is absent")


def test_conflibert_lines_parse_crlf_and_tabs_in_text():
    lines = ["Iraq\tand Syria met.\t1\r\n", "\n", "Troops fired.\t4\n"]
    parsed = parse_conflibert_lines(lines, origin="x.tsv")
    assert [(s.text, s.label) for s in parsed] == [
        ("Iraq\tand Syria met.", 1),
        ("Troops fired.", 4),
    ]


def test_conflibert_bad_label_names_file_and_line():
    with pytest.raises(ValueError, match=r"x\.tsv:2: "):
        parse_conflibert_lines(["ok\t0\n", "bad\t7\n"], origin="x.tsv")


def test_legacy_names_map_to_contract_types():
    assert {t for t, _ in LEGACY_TYPES.values()} <= set(PLOVER_TYPES)


@needs_data
def test_plover_gsr_loads_all_records_with_contract_types():
    gold = load_plover_gsr(SHARED_DATA)
    assert len(gold.events) + len(gold.skipped) == 322
    assert {e.event_type for e in gold.events} <= set(PLOVER_TYPES)
    # every gold country is an ISO3 code or a transnational prefix, never a CAMEO leftover
    countries = {a.country for e in gold.events for a in e.sources + e.targets}
    assert "JAP" not in countries and "JPN" in countries


@needs_data
def test_conflibert_loads_five_classes():
    sentences = load_conflibert(SHARED_DATA)
    assert len(sentences) > 400
    assert {s.label for s in sentences} == {0, 1, 2, 3, 4}
