"""dyad: explainable political event data from news text.

The Python API (``dyad.api``): ``dyad.code(text, published=...)`` codes a text into contract
event records; ``dyad.open(path)`` opens a database for ``.events(...)`` (a pandas DataFrame),
``.events_arrow(...)``, ``.records(...)``, ``.brief(a, b)`` and ``.positions(actor)``.
"""

__version__ = "0.1.0"

# The API after the version: dyad.cli reads __version__ without loading anything more.
from dyad.api import Coder, DyadStore, code, open

__all__ = ["Coder", "DyadStore", "__version__", "code", "open"]
