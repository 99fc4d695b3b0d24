"""Drop page residue (tag lists, comment forms, share buttons...) by the rules in
``data/cleaning/boilerplate.tsv``; a source line ("Original Source: www.newarab.com") is removed
too, and what it names is returned so the article can record it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dyad.clean.rules import CLEANING_DATA, RuleFileError, compile_pattern, read_tsv

BOILERPLATE_FILE = CLEANING_DATA / "boilerplate.tsv"
ACTIONS = ("drop", "strip_prefix", "source", "title_suffix")


@dataclass(frozen=True, slots=True)
class BoilerplateRules:
    drop: tuple[re.Pattern[str], ...]
    strip_prefix: tuple[re.Pattern[str], ...]
    source: tuple[re.Pattern[str], ...]
    title_suffix: tuple[re.Pattern[str], ...]


@dataclass(frozen=True, slots=True)
class StrippedText:
    paragraphs: list[str]
    source_site: str | None  # what a source line named: a domain, URL or outlet name


@lru_cache(maxsize=4)
def load_boilerplate_rules(path: Path = BOILERPLATE_FILE) -> BoilerplateRules:
    by_action: dict[str, list[re.Pattern[str]]] = {action: [] for action in ACTIONS}
    for row in read_tsv(path, min_fields=2, max_fields=3):
        action, pattern = row.fields[0], row.fields[1]
        if action not in by_action:
            raise RuleFileError(f"{row.where}: unknown action {action!r} (one of {ACTIONS})")
        compiled = compile_pattern(pattern, row.where)
        if action == "source" and "site" not in compiled.groupindex:
            raise RuleFileError(f"{row.where}: a source rule needs a (?P<site>...) group")
        by_action[action].append(compiled)
    return BoilerplateRules(**{action: tuple(rules) for action, rules in by_action.items()})


def strip_boilerplate(paragraphs: list[str], rules: BoilerplateRules) -> StrippedText:
    kept: list[str] = []
    source_site = None
    for paragraph in paragraphs:
        site = _source_named(paragraph, rules)
        if site is not None:
            source_site = source_site or site
            continue
        if any(pattern.fullmatch(paragraph) for pattern in rules.drop):
            continue
        paragraph = _strip_prefixes(paragraph, rules)
        if paragraph:
            kept.append(paragraph)
    return StrippedText(kept, source_site)


def strip_title_suffix(title: str, rules: BoilerplateRules) -> str:
    for pattern in rules.title_suffix:
        title = pattern.sub("", title).strip()
    return title


def _source_named(paragraph: str, rules: BoilerplateRules) -> str | None:
    for pattern in rules.source:
        match = pattern.fullmatch(paragraph)
        if match:
            return match.group("site").strip()
    return None


def _strip_prefixes(paragraph: str, rules: BoilerplateRules) -> str:
    for pattern in rules.strip_prefix:
        paragraph = pattern.sub("", paragraph, count=1) if pattern.match(paragraph) else paragraph
    return paragraph.strip()
