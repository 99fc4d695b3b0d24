"""Start-up cost: a dyad command never imports torch, even where the `train` extra installed it
(spaCy's thinc imports it when present: a second of CPU and 180 MB in every process), and
imports trafilatura (0.1 s) only when an input is HTML."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """
import sys
from dyad.cli import main
try:
    main(["code", sys.argv[1]])
except SystemExit:
    pass
print("loaded:", *(name for name in ("torch", "trafilatura") if sys.modules.get(name)),
      file=sys.stderr)
"""
SENTENCE = "Turkey's president met the Iraqi prime minister on Tuesday."


def code_and_list_loaded(path: Path) -> set[str]:
    """``dyad code PATH`` in a new process: which of torch and trafilatura it imported."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True, check=False
    )
    assert '"event_type"' in done.stdout, done.stderr
    return set(done.stderr.strip().splitlines()[-1].split()[1:])


@pytest.mark.skipif(importlib.util.find_spec("torch") is None, reason="torch is not installed")
def test_a_command_does_not_import_torch(tmp_path):
    article = tmp_path / "short.txt"
    article.write_text(SENTENCE + "\n")
    assert "torch" not in code_and_list_loaded(article)


def test_trafilatura_is_imported_for_html_inputs_only(tmp_path):
    text, page = tmp_path / "short.txt", tmp_path / "short.html"
    text.write_text(SENTENCE + "\n")
    page.write_text(f"<html><body><article><p>{SENTENCE}</p></article></body></html>")
    assert "trafilatura" not in code_and_list_loaded(text)
    assert "trafilatura" in code_and_list_loaded(page)
