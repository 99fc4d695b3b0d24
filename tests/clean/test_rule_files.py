"""Cleaning rule files: the shipped ones load, broken ones are reported as ``file:line``."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.clean.boilerplate import load_boilerplate_rules
from dyad.clean.mt_repair import load_repairs
from dyad.clean.outlets import load_outlets
from dyad.clean.pubdate import load_date_labels
from dyad.clean.rules import RuleFileError

LOADERS = {
    "boilerplate": load_boilerplate_rules,
    "mt_repairs": load_repairs,
    "outlets": load_outlets,
    "date_labels": load_date_labels,
}


@pytest.mark.parametrize("loader", LOADERS.values(), ids=LOADERS.keys())
def test_shipped_rule_files_load(loader):
    assert loader()


@pytest.mark.parametrize(
    ("loader", "content", "problem"),
    [
        (load_boilerplate_rules, "drop\t(unclosed\n", "bad regular expression"),
        (load_boilerplate_rules, "erase\tAdvertisement\n", "unknown action 'erase'"),
        (load_boilerplate_rules, "source\tSource: (.*)\n", "(?P<site>...)"),
        (load_repairs, "(a)b\t\\2\n", "unknown group '2'"),
        (load_repairs, "only-one-field\n", "expected 2-3 tab-separated fields"),
        (load_outlets, "reuters.com\t\n", "empty outlet name"),
        (load_date_labels, "published\tsometimes\n", "kind must be one of"),
    ],
    ids=[
        "bad-regex",
        "unknown-action",
        "source-without-site",
        "bad-group",
        "missing-field",
        "empty-outlet",
        "bad-kind",
    ],
)
def test_broken_rule_file_error_names_file_and_line(tmp_path, loader, content, problem):
    path = tmp_path / "rules.tsv"
    path.write_text(f"# a comment line\n\n{content}", encoding="utf-8")
    with pytest.raises(RuleFileError) as raised:
        loader(Path(path))
    message = str(raised.value)
    assert message.startswith("rules.tsv:3: ")
    assert problem in message
