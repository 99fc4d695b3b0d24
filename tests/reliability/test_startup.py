"""Start-up cost: a dyad command never imports torch, even where the `train` extra installed it
(spaCy's thinc imports it when present: a second of CPU and 180 MB in every process)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

PROBE = """
import sys
from dyad.cli import main
try:
    main(["code", sys.argv[1]])
except SystemExit:
    pass
print("torch loaded" if sys.modules.get("torch") else "no torch", file=sys.stderr)
"""


@pytest.mark.skipif(importlib.util.find_spec("torch") is None, reason="torch is not installed")
def test_a_command_does_not_import_torch(tmp_path):
    article = tmp_path / "short.txt"
    article.write_text("Turkey's president met the Iraqi prime minister on Tuesday.\n")
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(article)], capture_output=True, text=True, check=False
    )
    assert done.stderr.strip().splitlines()[-1] == "no torch", done.stderr
    assert '"event_type"' in done.stdout
