"""Real articles through the real pipeline: the events an analyst expects must come out, and
background sentences must not produce unflagged events. Expectations live in
tests/fixtures/articles/*.expected.toml (format in that folder's README)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from dyad.records import Actor, Event

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "articles"
EXAMPLES = REPO / "src" / "dyad" / "data" / "examples"
SEEDS = REPO.parent / "shared" / "seeds"

MUST_KEYS = {
    "id", "event_type", "mode", "source", "target", "participants", "sentence", "date",
    "killed", "injured", "arrested", "negated", "hypothetical", "historical", "known_gap",
}  # fmt: skip
MUST_NOT_KEYS = {"sentence", "known_gap"}
SPEC_KEYS = {"article", "example", "seed", "absent_text", "must", "must_not"}


def load_spec(path: Path) -> dict:
    spec = tomllib.loads(path.read_text(encoding="utf-8"))
    for keys, items in [(SPEC_KEYS, [spec]), (MUST_KEYS, spec.get("must", [])),
                        (MUST_NOT_KEYS, spec.get("must_not", []))]:  # fmt: skip
        for item in items:
            unknown = set(item) - keys
            if unknown:
                raise ValueError(f"{path.name}: unknown keys {sorted(unknown)}")
    return spec


def article_path(spec: dict) -> Path:
    if "article" in spec:
        return FIXTURES / spec["article"]
    if "example" in spec:
        return EXAMPLES / spec["example"]
    return SEEDS / spec["seed"]


SPECS = {path.name.removesuffix(".expected.toml"): load_spec(path)
         for path in sorted(FIXTURES.glob("*.expected.toml"))}  # fmt: skip


def cases(section: str) -> list:
    params = []
    for name, spec in SPECS.items():
        for number, item in enumerate(spec.get(section, [])):
            marks = [pytest.mark.xfail(reason=item["known_gap"], strict=True)] \
                if "known_gap" in item else []  # fmt: skip
            case_id = f"{name}:{item.get('id', number)}"
            params.append(pytest.param(name, item, id=case_id, marks=marks))
    return params


@pytest.fixture(scope="module")
def pipeline():
    from dyad.config import Settings
    from dyad.pipeline import Pipeline

    return Pipeline(Settings())  # a missing shipped model fails here, never skips


@pytest.fixture(scope="module")
def coded(pipeline):
    """Each fixture's article result, coded once per module; None when its file is absent."""
    results = {}
    for name, spec in SPECS.items():
        path = article_path(spec)
        if not path.exists():
            results[name] = None
            continue
        outputs = list(pipeline.run([path]))
        assert len(outputs) == 1 and hasattr(outputs[0], "events"), f"{path}: {outputs}"
        results[name] = outputs[0]
    return results


def result_for(coded, name):
    result = coded[name]
    if result is None:
        pytest.skip(f"{article_path(SPECS[name])} is not available")
    return result


def actor_matches(actor: Actor | None, wanted: str) -> bool:
    """An id when the name has a dot ("group.sdf"), else a CAMEO code prefix ("IRQ", "IRQSPY")."""
    if actor is None:
        return False
    return actor.id == wanted if "." in wanted else actor.code.startswith(wanted)


def any_of(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def participants(event: Event) -> list[Actor | None]:
    mentions = [event.source, event.target, *event.others]
    return [m.actor for m in mentions if m is not None]


def satisfies(event: Event, want: dict) -> bool:
    checks = [
        event.event_type in any_of(want["event_type"]),
        "mode" not in want or event.mode == want["mode"],
        "sentence" not in want or want["sentence"] in event.sentence,
        "source" not in want
        or any(
            actor_matches(event.source and event.source.actor, w) for w in any_of(want["source"])
        ),
        "target" not in want
        or any(
            actor_matches(event.target and event.target.actor, w) for w in any_of(want["target"])
        ),
        all(
            any(actor_matches(a, w) for a in participants(event))
            for w in want.get("participants", [])
        ),
        "date" not in want
        or (event.date is not None and event.date.date.isoformat().startswith(want["date"])),
        all(
            getattr(event.quantities, q) == want[q]
            for q in ("killed", "injured", "arrested")
            if q in want
        ),
        event.negated == want.get("negated", False),
        event.hypothetical == want.get("hypothetical", False),
        "historical" not in want or event.historical == want["historical"],
    ]
    return all(checks)


def describe(event: Event) -> str:
    def code(mention):
        return mention.actor.code if mention and mention.actor else None

    return (f"{event.event_type}/{event.mode} {code(event.source)}->{code(event.target)} "
            f"date={event.date and event.date.date} q={event.quantities} "
            f"neg={event.negated} hyp={event.hypothetical} | {event.sentence[:90]}")  # fmt: skip


@pytest.mark.parametrize(("name", "want"), cases("must"))
def test_expected_event_is_coded(coded, name, want):
    events = result_for(coded, name).events
    found = [e for e in events if satisfies(e, want)]
    coded_lines = "\n".join(describe(e) for e in events)
    assert found, f"no event satisfies {want}; coded:\n{coded_lines}"


@pytest.mark.parametrize(("name", "want"), cases("must_not"))
def test_background_sentence_yields_no_reported_event(coded, name, want):
    result = result_for(coded, name)
    assert want["sentence"] in result.article.text, "the sentence is not in the cleaned text"
    events = result.events
    wrong = [
        e for e in events
        if want["sentence"] in e.sentence and not (e.negated or e.hypothetical or e.historical)
    ]  # fmt: skip
    assert not wrong, "\n".join(describe(e) for e in wrong)


@pytest.mark.parametrize(
    ("name", "snippet"),
    [pytest.param(n, s, id=f"{n}:{s}") for n, spec in SPECS.items()
     for s in spec.get("absent_text", [])],
)  # fmt: skip
def test_boilerplate_is_removed(coded, name, snippet):
    assert snippet not in result_for(coded, name).article.text


def test_every_fixture_names_an_article():
    for name, spec in SPECS.items():
        sources = [key for key in ("article", "example", "seed") if key in spec]
        assert len(sources) == 1, f"{name}: give exactly one of article/example/seed"
        if "seed" not in sources:
            assert article_path(spec).exists(), f"{name}: {article_path(spec)} is missing"
