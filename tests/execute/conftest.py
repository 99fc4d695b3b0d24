"""The hand-built records of tests/store/dyad_fakes.py are shared with these tests."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
