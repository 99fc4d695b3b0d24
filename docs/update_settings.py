"""Regenerate the settings table in docs/settings.md from dyad.config (run by `make docs`)."""

import re
from pathlib import Path

from dyad.config import settings_markdown

doc = Path(__file__).with_name("settings.md")
text = doc.read_text(encoding="utf-8")
table = settings_markdown()
doc.write_text(
    re.sub(r"(?s)(<!-- settings -->\n).*(<!-- /settings -->)", lambda m: m[1] + table + m[2], text),
    encoding="utf-8",
)
