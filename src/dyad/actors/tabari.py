"""Reading actor and agent dictionaries in the PETRARCH/TABARI format.

Users own such dictionaries (the Phoenix ones, their own); ``--actors FILE`` loads them beside
dyad's TSV files. The format, as the Phoenix files use it::

    # a comment, to the end of the line
    BASHAR_AL_ASSAD_  # CountryInfo.txt       an entry: words joined by "_"
    +BASHAR_ASSAD_                             a synonym of the entry above
        [SYRELI 830101-000101]                 a code for a date range (inclusive)
        [SYRGOV >000717]                       ... from a date on
        [USRARM <900823]                       ... before a date
        [SYRELI]                               the code at any other date
    THE_UNITED_NATIONS_ [IGOUNO]               a code on the entry's own line
    !PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON  agents: a substitution set
    POLICE!PERSON! [~COP]                      agents: "~" = after the country code
    GENDARMERY {GENDARMERIE} [~COP]            agents: irregular plurals in braces

A trailing ``_`` marks a word end in TABARI (a name without it is a stem); dyad matches whole
tokens, so both are read as whole words. Dates are YYMMDD (years below 30 are 20YY) or
YYYYMMDD. Problems (a malformed code, a synonym before any entry) are collected with
``file:line`` so an importer can report and skip them; ``load`` raises on the first one.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from dyad.actors.tsv import DataFileError

CODE_BRACKET = re.compile(r"\[([^\[\]]*)\]")
CODE = re.compile(r"[A-Z]{3,}[0-9]*")
SUBSTITUTION = re.compile(r"!([A-Z]+)!")
TWO_DIGIT_YEAR_PIVOT = 30  # "140608" is 2014, "830101" is 1983 (the files run 1900s-2010s)
# Lower-case particles inside transliterated names ("Bashar al-Assad", "Abd al-Aziz bin Saud").
NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "de", "del", "da", "di", "du",
                            "la", "le", "van", "von", "der", "of", "the", "and", "for", "y"})
MAX_ACRONYM_LETTERS = 5  # "NATO", "UNHCR": kept in capitals, matched only in capitals
# An undated entry coded as one of these sectors ("AFGHAN_NATIONAL_ARMY_ [AFGMIL]") names the
# country's body itself; under other codes it is a group of its own ("[MLIREB]").
STATE_SECTORS = ("GOV", "MIL", "COP", "SPY", "LEG", "JUD")
# Code parts that make an entry the file gives no kind for a group (rebels, militants).
GROUP_CODE_PARTS = ("REB", "UAF", "IMG", "INS")


@dataclass(frozen=True, slots=True)
class DatedCode:
    code: str
    start: dt.date | None = None  # inclusive; None = since always
    end: dt.date | None = None  # inclusive; None = still

    @property
    def is_dated(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass(frozen=True, slots=True)
class DictionaryActor:
    """An entry with its synonyms and codes; names as written in the file ("BASHAR_ASSAD_")."""

    names: tuple[str, ...]  # the entry first
    codes: tuple[DatedCode, ...]
    note: str  # the entry line's comment, e.g. "CountryInfo.txt" for a person
    line: int


@dataclass(frozen=True, slots=True)
class DictionaryAgent:
    """A role noun and its code: "~COP" = a country's police when a country word precedes."""

    phrases: tuple[str, ...]  # lower case, singular first, then plurals
    code: str  # without the "~"
    line: int


@dataclass(frozen=True, slots=True)
class Dictionary:
    path: Path
    actors: tuple[DictionaryActor, ...]
    agents: tuple[DictionaryAgent, ...]
    problems: tuple[str, ...]  # "file:line: problem", for entries or codes that were skipped


@dataclass(frozen=True, slots=True)
class ActorRecord:
    """What a dictionary entry adds to the knowledge base: names for a country ("KABUL_
    [AFG]") or a country's sector ("ASSAD_FORCES_ [SYRMIL]"), or an actor of its own (a person
    when its codes are dated or it comes from CountryInfo; a group, IGO or organization)."""

    actor_id: str  # "afg", "syr.mil", "person.bashar-al-assad", "group.northern-watch-brigades"
    kind: str  # "country" | "sector" | "person" | "group" | "igo" | "organization"
    name: str
    code: str  # the code when no role covers the date: the undated code, else the latest
    # dated one while it lasts, else the country's elites (ELI)
    aliases: tuple[str, ...]
    short: tuple[str, ...]  # a person's one-word names (surnames): only after the full name
    roles: tuple[DatedCode, ...]  # dated codes, oldest first


def to_record(entry: DictionaryActor, countries: Collection[str]) -> ActorRecord:
    """`countries`: the ISO3 codes a code's first letters are checked against."""
    codes = [_without_digits(c) for c in entry.codes]
    if all(len(c.code) == 3 for c in codes):  # a place, maybe one that changed country:
        codes = [DatedCode(max(codes, key=lambda c: c.start or dt.date.min).code)]  # the latest
    dated = sorted((c for c in codes if c.is_dated), key=lambda c: c.start or dt.date.min)
    undated = [c.code for c in codes if not c.is_dated]
    latest = dated[-1] if dated else None
    code = undated[-1] if undated else latest.code if latest else ""
    country = code[:3] if code[:3] in countries else None
    if not undated and latest and latest.end is not None and country:
        code = country + "ELI"  # out of every office: an elite, as dyad codes ex-office holders
    # dated codes, CountryInfo's leaders and undated elites ("DENG_XIAOPING_ [CHNELI]")
    is_person = bool(dated) or "countryinfo" in entry.note.lower() or "ELI" in code_parts(code)
    names = list(dict.fromkeys(readable_name(n, is_person) for n in entry.names if n.strip("_")))
    if not dated and country and (len(code) == 3 or code[3:] in STATE_SECTORS):
        kind = "country" if len(code) == 3 else "sector"
        actor_id = country.lower() + (f".{code[3:].lower()}" if kind == "sector" else "")
        return ActorRecord(actor_id, kind, names[0], code, tuple(names[1:]), (), ())
    kind = "person" if is_person else _kind_of_code(code)
    short = tuple(n for n in names[1:] if " " not in n) if is_person else ()
    aliases = tuple(n for n in names[1:] if n not in short)
    return ActorRecord(f"{kind}.{slug(names[0])}", kind, names[0], code, aliases, short,
                       tuple(dated))


def code_parts(code: str) -> list[str]:
    """ "GOVEDU" -> ["GOV", "EDU"]: a CAMEO code is read three letters at a time."""
    return [code[i:i + 3] for i in range(0, len(code) - 2, 3)]


def _kind_of_code(code: str) -> str:
    if code.startswith("IGO"):
        return "igo"
    if any(part in GROUP_CODE_PARTS for part in code_parts(code)):
        return "group"
    return "organization"


def _without_digits(code: DatedCode) -> DatedCode:
    """ "NGOCHRPRO214" -> "NGOCHRPRO": the numbers are Phoenix's internal ids."""
    return DatedCode(code.code.rstrip("0123456789"), code.start, code.end)


def slug(name: str) -> str:
    """ "Pedro Sánchez" -> "pedro-sanchez": the tail of an id made from a name."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def load(path: Path) -> Dictionary:
    """A user's dictionary; raises ``DataFileError`` naming the first malformed line."""
    dictionary = read_dictionary(path)
    if dictionary.problems:
        raise DataFileError(dictionary.problems[0])
    return dictionary


def read_dictionary(path: Path) -> Dictionary:
    """Every well-formed entry of the file; malformed ones are listed in ``problems``."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DataFileError(f"{path}:1: cannot read ({error.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")  # TABARI dictionaries predate UTF-8; latin-1 never fails
    return _Parser(path).parse(text)


def looks_like_dictionary(path: Path) -> bool:
    """A TABARI file: its first entry line is a name in capitals, a `+` synonym or a `!` set."""
    try:
        lines = path.read_bytes()[:65536].decode("latin-1").splitlines()
    except OSError:
        return False
    for line in lines:
        content = line.split("#", 1)[0].strip()
        if content:
            first = content.split()[0]
            return "\t" not in content and (first[:1] in "+!" or first == first.upper())
    return False


def readable_name(raw: str, person: bool = False) -> str:
    """ "BASHAR_AL-ASSAD_" -> "Bashar al-Assad"; short acronyms stay in capitals ("NATO"),
    but a person's one-word names are surnames ("ASSAD_" -> "Assad")."""
    words = raw.strip().strip("_").replace("_", " ").split()
    letters = "".join(c for c in "".join(words) if c.isalpha())
    if len(words) == 1 and not person and (len(letters) <= MAX_ACRONYM_LETTERS
                                           or "." in words[0]):
        return words[0]
    return " ".join(_readable_word(word, index) for index, word in enumerate(words))


def _readable_word(word: str, index: int) -> str:
    parts = word.lower().split("-")
    return "-".join(part if part in NAME_PARTICLES and (index or position) else
                    part[:1].upper() + part[1:] for position, part in enumerate(parts))


def regular_plural(phrase: str) -> str:
    """ "STUDENT" -> "STUDENTS", "MILITARY_ATTACHE" -> "MILITARY_ATTACHES", "PARTY" -> "PARTIES"."""
    stem = phrase.rstrip("_")
    if stem.endswith(("S", "X", "Z", "CH", "SH")):
        return stem + "ES"
    if stem.endswith("Y") and stem[-2:-1] not in ("A", "E", "O", "U"):
        return stem[:-1] + "IES"
    return stem + "S"


def parse_date(text: str) -> dt.date:
    """YYMMDD or YYYYMMDD; raises ValueError for anything else."""
    digits = text if text.isdigit() else ""
    if len(digits) == 6:
        century = 2000 if int(digits[:2]) < TWO_DIGIT_YEAR_PIVOT else 1900
        digits = str(century + int(digits[:2])) + digits[2:]
    try:
        if len(digits) == 8:
            return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        pass
    raise ValueError(f"'{text}' is not a YYMMDD or YYYYMMDD date")


def parse_code(bracket: str) -> DatedCode:
    """The inside of one bracket: "SYRGOV", "SYRGOV >000717", "SYRELI 830101-000101"."""
    code, _, restriction = bracket.strip().partition(" ")
    code = code.lstrip("~").rstrip("~")
    if not CODE.fullmatch(code):
        raise ValueError(f"'{code}' is not a code (3+ capital letters)")
    restriction = restriction.replace(" ", "")
    if not restriction:
        return DatedCode(code)
    if restriction.startswith(">"):
        return DatedCode(code, start=parse_date(restriction[1:]))
    if restriction.startswith("<"):
        return DatedCode(code, end=parse_date(restriction[1:]) - dt.timedelta(days=1))
    first, dash, last = restriction.partition("-")
    if not dash:
        raise ValueError(f"'{restriction}' is not >DATE, <DATE or DATE-DATE")
    start, end = parse_date(first), parse_date(last)
    if end < start:
        raise ValueError(f"the range ends ({end}) before it starts ({start})")
    return DatedCode(code, start=start, end=end)


class _Parser:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.actors: list[DictionaryActor] = []
        self.agents: list[DictionaryAgent] = []
        self.problems: list[str] = []
        self.substitutions: dict[str, list[str]] = {}
        self.names: list[str] = []  # the open actor entry
        self.codes: list[DatedCode] = []
        self.note, self.start = "", 0

    def parse(self, text: str) -> Dictionary:
        for number, line in enumerate(text.splitlines(), start=1):
            content, _, comment = line.partition("#")
            if content.strip():
                self._line(number, content.rstrip(), comment.strip())
        self._close()
        return Dictionary(self.path, tuple(self.actors), tuple(self.agents),
                          tuple(self.problems))

    def _problem(self, number: int, problem: str) -> None:
        self.problems.append(f"{self.path}:{number}: {problem}")

    def _line(self, number: int, content: str, comment: str) -> None:
        stripped = content.strip()
        if stripped.startswith("!") and "=" in stripped:
            key, _, values = stripped.partition("=")
            self.substitutions[key.strip().strip("!")] = [
                v.strip() for v in values.split(",") if v.strip()]
        elif stripped.startswith("+"):
            if not self.names:
                self._problem(number, "a '+' synonym before any entry")
                return
            self.names.append(self._codes_of(number, stripped[1:])[0])
        elif content[:1].isspace() or stripped.startswith("["):
            if not self.names:
                self._problem(number, "a code line before any entry")
                return
            self.codes += self._codes_of(number, stripped)[1]
        elif "~" in stripped and "[" in stripped:
            self._agent(number, stripped)
        else:
            self._close()
            name, codes = self._codes_of(number, stripped)
            self.names, self.codes, self.note, self.start = [name], codes, comment, number

    def _codes_of(self, number: int, text: str) -> tuple[str, list[DatedCode]]:
        """The name before the first bracket and the codes in the brackets."""
        name = text.split("[", 1)[0].strip()
        if text.count("[") != len(CODE_BRACKET.findall(text)):
            self._problem(number, f"unbalanced bracket in '{text}'")
            return name, []
        codes = []
        for bracket in CODE_BRACKET.findall(text):
            try:
                codes.append(parse_code(bracket))
            except ValueError as error:
                self._problem(number, f"[{bracket}]: {error}")
        return name, codes

    def _close(self) -> None:
        if not self.names:
            return
        if self.codes:
            self.actors.append(DictionaryActor(tuple(self.names), tuple(self.codes), self.note,
                                               self.start))
        else:
            self._problem(self.start, f"entry '{self.names[0]}' has no [CODE]")
        self.names, self.codes = [], []

    def _agent(self, number: int, text: str) -> None:
        self._close()
        head, _, bracket = text.partition("[")
        if not bracket.endswith("]") or bracket.count("]") != 1:
            self._problem(number, f"malformed agent code '[{bracket}'")
            return
        code = bracket[:-1].strip().strip("~")
        if not CODE.fullmatch(code):
            self._problem(number, f"'{code}' is not an agent code (3+ capital letters)")
            return
        phrase, braces, plurals = head.partition("{")
        forms = [phrase.strip()]
        if braces:  # "{}" = no plural, "{X, Y}" = these plurals
            forms += [p.strip() for p in plurals.rstrip().rstrip("}").split(",") if p.strip()]
        elif not SUBSTITUTION.search(phrase):  # PETRARCH forms regular plurals itself
            forms.append(regular_plural(phrase.strip()))
        expanded = [variant for form in forms for variant in self._substituted(form)]
        self.agents.append(DictionaryAgent(
            tuple(dict.fromkeys(" ".join(f.replace("_", " ").lower().split()) for f in expanded)),
            code, number))

    def _substituted(self, form: str) -> list[str]:
        match = SUBSTITUTION.search(form)
        if match is None or match.group(1) not in self.substitutions:
            return [form]
        return [variant for value in self.substitutions[match.group(1)]
                for variant in self._substituted(form.replace(match.group(0), value, 1))]
