"""The PLOVER ontology file: complete, consistent with the contract, and validated on load."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.events.plover import PLOVER_TYPES, OntologyError, load_ontology, ontology_path

QUADS = {  # the contract's quad classes as stated in the PLOVER manual's quad table
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2,
    "RETREAT": 2, "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "SANCTION": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}


def test_all_sixteen_types():
    assert set(load_ontology()) == set(PLOVER_TYPES) and len(PLOVER_TYPES) == 16


@pytest.mark.parametrize("name", PLOVER_TYPES)
def test_quad_class_and_sign(name):
    plover = load_ontology()[name]
    assert plover.quad_class == QUADS[name]
    if plover.quad_class <= 2:
        assert plover.intensity > 0
    elif name != "REQUEST":
        assert plover.intensity < 0


@pytest.mark.parametrize(("name", "mode", "intensity", "root"), [
    ("CONSULT", "visit", 4.0, "04"),
    ("CONSULT", "phone", 1.5, "04"),
    ("CONSULT", None, 2.5, "04"),
    ("RETREAT", "disarm", 10.0, "08"),
    ("ASSAULT", "aerial", -9.5, "19"),
    ("ASSAULT", "unconventional", -10.0, "20"),
    ("ASSAULT", "abduct", -9.0, "18"),
    ("ACCUSE", "investigate", -2.0, "09"),
], ids=lambda v: str(v))
def test_mode_scores(name, mode, intensity, root):
    plover = load_ontology()[name]
    assert plover.intensity_of(mode) == intensity
    assert plover.cameo_root_of(mode) == root


@pytest.mark.parametrize(("edits", "problem"), [
    ([('quad_class = 1\ncameo_root = "03"', 'quad_class = 7\ncameo_root = "03"')],
     r"types\.AGREE: quad_class"),
    ([("[types.AID]", "[types.HELP]"), ("[types.AID.modes]", "[types.HELP.modes]")],
     r"missing types \['AID'\]"),
    ([("visit = { intensity = 4.0 }", "visit = { intensity = 40.0 }")], r"modes\.visit: intensity"),
], ids=["quad", "missing-type", "mode-score"])
def test_bad_file_names_the_problem(tmp_path: Path, edits, problem):
    text = ontology_path().read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / "plover.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(OntologyError, match=rf"plover\.toml: .*{problem}"):
        load_ontology(path)
