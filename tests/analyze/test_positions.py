"""Positions read from stance language and stance events, on sentences written for these tests."""

import re
import tomllib

import pytest

from dyad.analyze.actor_sentences import SentenceMention, StoredSentence
from dyad.analyze.evidence import ActorRef, Evidence
from dyad.analyze.positions import event_position, language_positions, merge_positions
from dyad.analyze.stance_lexicon import parse_stance_lexicon, stance_lexicon
from dyad.events.attribute_lexicons import LEXICON_DIR, LexiconFile
from dyad.events.lexicon import LexiconError

IRAQ = ActorRef("irq", "Iraq", "IRQ", "IRQ")
SYRIA = ActorRef("syr", "Syria", "SYR", "SYR")
IRAN = ActorRef("irn", "Iran", "IRN", "IRN")
MALIKI = ActorRef("person.nouri-al-maliki", "Nouri al-Maliki", "IRQPTY", "IRQ")
SUDANI = ActorRef("person.mohammed-shia-al-sudani", "Mohammed Shia al-Sudani", "IRQGOV", "IRQ")
FACTIONS = ActorRef("irq.uaf", "Armed factions of Iraq", "IRQUAF", "IRQ")
ANKARA = ActorRef("tur.gov", "Government of Turkey", "TURGOV", "TUR")
KNOWN = {
    "Iraq": IRAQ, "Syria": SYRIA, "Damascus": SYRIA, "Iran": IRAN, "al-Maliki": MALIKI,
    "al-Sudani": SUDANI, "the factions": FACTIONS, "Ankara": ANKARA,
}  # fmt: skip


def sentence(text: str, published: str | None = "2025-03-01") -> StoredSentence:
    """A stored sentence whose mentions are the known names in it, found by spelling."""
    mentions = sorted(
        (
            SentenceMention(m.start(), m.end(), name, actor)
            for name, actor in KNOWN.items()
            for m in re.finditer(re.escape(name), text)
        ),
        key=lambda m: m.start,
    )
    return StoredSentence(Evidence("doc", 4, text), published, tuple(mentions))


def read(text: str) -> list[tuple[str, str, str]]:
    return [
        (p.holder.name, p.stance, p.object) for p in language_positions(sentence(text), LEXICON)
    ]


LEXICON = stance_lexicon()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "al-Sudani is pushing for closer ties with Damascus, officials said.",
            [("Mohammed Shia al-Sudani", "support", "closer ties with Damascus")],
        ),
        (
            "al-Maliki opposes the restoration of relations with Damascus.",
            [("Nouri al-Maliki", "oppose", "the restoration of relations with Damascus")],
        ),
        (
            "Ankara warned against any delay in handing the camps to Damascus.",
            [("Government of Turkey", "oppose", "any delay in handing the camps to Damascus")],
        ),
        (
            "the factions allied with Iran refuse to reopen the embassy in Damascus.",
            [("Armed factions of Iraq", "oppose", "reopen the embassy in Damascus")],
        ),
        (
            "al-Sudani and al-Maliki called for talks with Damascus.",
            [
                ("Nouri al-Maliki", "support", "talks with Damascus"),
                ("Mohammed Shia al-Sudani", "support", "talks with Damascus"),
            ],
        ),
    ],
    ids=["pushing-for", "opposes", "warned-against", "not-the-ally-in-a-phrase", "coordinated"],
)
def test_holder_stance_and_object(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "al-Maliki does not oppose the visit of Damascus officials.",
        "al-Sudani is supported by Iran in the talks.",
        "Iraq is a demanding partner for Damascus.",
        "the factions are Iran-backed groups near Syria.",
        "Officials opposed the plan, Damascus said.",  # no actor before the cue
        "Ankara refused to comment on the talks.",
    ],
    ids=["negated", "passive", "adjective", "hyphenated-adjective", "no-holder", "no-comment"],
)
def test_no_position(text):
    assert read(text) == []


def test_a_condition_makes_the_stance_conditional():
    [position] = language_positions(
        sentence("Ankara backs the deal with Damascus only if the camps are handed over."),
        LEXICON,
    )
    assert (position.stance, position.leaning) == ("conditional", "support")
    assert position.object == "the deal with Damascus"
    assert position.condition == "only if the camps are handed over"


def test_topic_and_object_actor():
    [position] = language_positions(
        sentence("al-Maliki opposes the normalisation of relations with Syria."), LEXICON
    )
    assert position.topic == "normalisation of relations"
    assert position.object_actor == SYRIA
    assert (position.date, position.evidence.sentence_index) == ("2025-03-01", 4)


def test_a_distant_holder_gets_less_confidence():
    near = language_positions(sentence("al-Maliki opposes the plan."), LEXICON)[0]
    far_text = "al-Maliki, " + "who spoke at length about the border and the economy, " * 2
    far = language_positions(sentence(far_text + "opposes the plan."), LEXICON)[0]
    assert far.confidence == pytest.approx(near.confidence * LEXICON.far_factor)


def record(kind: str, **changes):
    """A contract event record of al-Maliki toward Syria."""
    text = "al-Maliki rejected the proposal from Damascus on Monday."
    participant = {"text": "al-Maliki", "id": MALIKI.id, "code": "IRQPTY", "country": "IRQ",
                   "sector": "PTY", "name": MALIKI.name, "aliases": []}  # fmt: skip
    target = participant | {"text": "Damascus", "id": "syr", "name": "Syria", "country": "SYR"}
    return {
        "event_type": kind, "source": participant, "target": target, "sentence": text,
        "trigger": "rejected", "negated": False, "date": "2025-03-02", "confidence": 0.5,
        "doc_id": "doc", "sentence_index": 4, "doc_path": None,
    } | changes  # fmt: skip


def test_a_reject_event_is_an_opposing_position():
    position = event_position(record("REJECT"), LEXICON)
    assert (position.holder, position.stance) == (MALIKI, "oppose")
    assert position.object == "the proposal from Damascus"
    assert position.object_actor.name == "Syria"
    assert position.confidence == pytest.approx(0.5 * LEXICON.event_factor)


@pytest.mark.parametrize(
    "changes",
    [{"event_type": "CONSULT"}, {"negated": True}, {"source": None}],
    ids=["not-a-stance-type", "negated", "no-source"],
)
def test_events_that_state_no_position(changes):
    assert event_position(record("REJECT", **changes), LEXICON) is None


def test_words_and_an_event_of_one_sentence_are_one_position():
    words = language_positions(sentence(record("REJECT")["sentence"]), LEXICON)
    [merged] = merge_positions([event_position(record("REJECT"), LEXICON), *words])
    assert merged.basis == ("language: rejected", "event REJECT: rejected")
    assert merged.date == "2025-03-02"  # the event's date, not the publication date
    assert merged.confidence == words[0].confidence


def test_a_lexicon_error_names_the_file_and_line():
    path = LEXICON_DIR / "stances.toml"
    text = path.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    data["holder"]["window"] = 0
    with pytest.raises(LexiconError, match=r"stances\.toml:\d+: holder\.window: expected a pos"):
        parse_stance_lexicon(LexiconFile(path, text, data))
