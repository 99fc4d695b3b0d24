"""The hybrid coder's decisions, with the model's reading of each sentence written by hand."""

from __future__ import annotations

import dataclasses

import pytest

from dyad.actors import find_mentions
from dyad.events.learned import HybridSettings, hybrid_events, load_hybrid_settings
from dyad.models.event_model import SentencePrediction, SpanGuess
from dyad.records import Article
from dyad.segment import content_sentences

SETTINGS = HybridSettings(propose_threshold=0.6, top_threshold=0.6, span_threshold=0.5,
                          calibration=((0.0, 0.05), (0.5, 0.3), (1.0, 0.9)))
TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


def reading(text: str, types: dict[str, float], source: str | None = None,
            target: str | None = None, span_score: float = 0.9) -> SentencePrediction:
    def spans(name: str | None) -> tuple[SpanGuess, ...]:
        if name is None:
            return ()
        start = text.index(name)
        return (SpanGuess(start, start + len(name), span_score),)

    return SentencePrediction((0.2, 0.2, 0.2, 0.2, 0.2),
                              {name: types.get(name, 0.01) for name in TYPES},
                              spans(source), spans(target))


@pytest.fixture
def code(nlp, kb, article_mentions, published):
    def run(text: str, prediction: SentencePrediction, settings: HybridSettings = SETTINGS):
        article = Article(doc_id="t", text=text, published=published)
        doc = nlp(text)
        assert len(content_sentences(doc)) == 1
        return hybrid_events(doc, article, article_mentions(doc, article), kb, [prediction],
                             settings)

    return run


def summary(event):
    return (event.event_type, event.source.actor.id if event.source else None,
            event.target.actor.id if event.target else None)


TEXT_NO_TRIGGER = "Turkish drones pounded PKK positions near Iraq's border on Monday."


def test_model_proposes_an_event_the_lexicon_missed(code):
    # "pounded" is in no trigger list; the model reads an attack and tags both sides.
    events = code(TEXT_NO_TRIGGER, reading(TEXT_NO_TRIGGER, {"ASSAULT": 0.93},
                                           source="Turkish drones", target="PKK"))
    assert [summary(e) for e in events] == [("ASSAULT", "tur.mil", "group.pkk")]
    event = events[0]
    assert dict(event.trace)["type"].startswith("model p=0.93")
    assert event.date is not None and event.date.precision == "day"  # attribute rules still run
    assert 0.3 < event.confidence < 0.9  # calibrated, not the raw score


def test_a_type_under_the_proposal_threshold_adds_nothing(code):
    events = code(TEXT_NO_TRIGGER, reading(TEXT_NO_TRIGGER, {"ASSAULT": 0.55},
                                           source="Turkish drones", target="PKK"))
    assert events == []


def test_a_type_with_its_own_threshold_needs_that_score(code):
    prediction = reading(TEXT_NO_TRIGGER, {"ASSAULT": 0.8, "COERCE": 0.8},
                         source="Turkish drones", target="PKK")
    strict = dataclasses.replace(SETTINGS, type_thresholds={"ASSAULT": 0.85})
    assert sorted(e.event_type for e in code(TEXT_NO_TRIGGER, prediction)) == [
        "ASSAULT", "COERCE"]
    assert [e.event_type for e in code(TEXT_NO_TRIGGER, prediction, strict)] == ["COERCE"]


def test_type_thresholds_are_read_and_checked(tmp_path):
    body = ("propose_threshold = 0.6\ntop_threshold = 0.5\nspan_threshold = 0.3\n"
            "[calibration]\npoints = [[0.0, 0.1], [1.0, 0.9]]\n[type_thresholds]\n")
    good, bad = tmp_path / "good.toml", tmp_path / "bad.toml"
    good.write_text(body + "ASSAULT = 0.85\n", encoding="utf-8")
    bad.write_text(body + "ASSAULTS = 0.85\n", encoding="utf-8")
    assert load_hybrid_settings(good).type_thresholds == {"ASSAULT": 0.85}
    with pytest.raises(ValueError, match="ASSAULTS"):
        load_hybrid_settings(bad)


def test_lexicon_events_stay_and_carry_the_models_score(code):
    text = "Germany sent humanitarian aid to Syria."
    for score in (0.8, 0.05):
        events = code(text, reading(text, {"AID": score}))
        assert [summary(e) for e in events] == [("AID", "deu", "syr")]
        assert dict(events[0].trace)["type"].endswith(f"model p={score:.2f}")
    high = code(text, reading(text, {"AID": 0.8}))[0].confidence
    assert high > code(text, reading(text, {"AID": 0.05}))[0].confidence
    assert code(text, reading(text, {"AID": 0.05}), SETTINGS.without("lexicon")) == []


def test_tagger_fills_a_role_the_parse_left_empty(code):
    text = "The talks in Amman were held with Syria's foreign ministry on Monday."
    prediction = reading(text, {"CONSULT": 0.7}, source="Amman",
                         target="Syria's foreign ministry")
    events = [e for e in code(text, prediction) if e.event_type == "CONSULT"]
    assert events and events[0].source is not None and events[0].target is not None
    assert "model span tagger" in dict(events[0].trace).values()


def test_a_country_where_the_event_happened_is_no_side(code):
    # the tagger marks "Lebanon" as the target, but "in (southern) Lebanon" is the place
    text = "Israel pounded a car in southern Lebanon on Thursday."
    events = code(text, reading(text, {"ASSAULT": 0.9}, target="Lebanon"))
    assert [summary(e) for e in events] == [("ASSAULT", "isr", None)]
    elsewhere = "Israel pounded Lebanon on Thursday."
    events = code(elsewhere, reading(elsewhere, {"ASSAULT": 0.9}, target="Lebanon"))
    assert [summary(e) for e in events] == [("ASSAULT", "isr", "lbn")]


def test_the_subject_of_a_passive_verb_is_no_doer(code):
    # the tagger marks the passive subject as the source: it is the one the act was done to
    text = "Two Syrian workers were pummelled in Raqqa."
    events = code(text, reading(text, {"ASSAULT": 0.9}, source="Syrian workers"))
    assert [summary(e) for e in events] == [("ASSAULT", None, "syr.cvl")]
    assert "subject of a passive verb" in dict(events[0].trace)["target"]


def test_what_a_meeting_discussed_is_no_side(code):
    text = "Iraq's ministers discussed Turkey's role in regional security on Monday."
    events = code(text, reading(text, {"CONSULT": 0.9}, source="Iraq", target="Turkey"))
    assert [summary(e) for e in events] == [("CONSULT", "irq", None)]


def test_no_proposal_without_an_actor(code):
    text = "The economy grew slowly during the winter months of the year."
    assert code(text, reading(text, {"COOPERATE": 0.95})) == []


def test_calibration_interpolates_between_knots():
    assert SETTINGS.calibrated(0.25) == pytest.approx(0.175)
    assert SETTINGS.calibrated(1.0) == 0.9
    assert HybridSettings(0.5, 0.5, 0.5, calibration=()).calibrated(0.4321) == 0.432


def test_nearest_mentions_stand_in_when_the_tagger_finds_no_side(code):
    prediction = reading(TEXT_NO_TRIGGER, {"ASSAULT": 0.93})  # types, but no spans
    events = code(TEXT_NO_TRIGGER, prediction)
    assert [summary(e) for e in events] == [("ASSAULT", "tur.mil", "group.pkk")]
    assert dict(events[0].trace)["source"] == "nearest mention before the verb"
    assert code(TEXT_NO_TRIGGER, prediction, SETTINGS.without("linear")) == []


def test_the_best_type_of_a_sentence_has_its_own_threshold(code):
    prediction = reading(TEXT_NO_TRIGGER, {"ASSAULT": 0.45, "COERCE": 0.44},
                         source="Turkish drones", target="PKK")
    lenient = dataclasses.replace(SETTINGS, top_threshold=0.4)
    assert [e.event_type for e in code(TEXT_NO_TRIGGER, prediction, lenient)] == ["ASSAULT"]


def test_a_proposal_under_a_plan_verb_takes_the_plans_flag(code):
    # The main verb is "expected"; the attack it governs has not happened.
    text = "Turkish drones are expected to hammer PKK positions near Iraq's border."
    events = code(text, reading(text, {"ASSAULT": 0.93}, source="Turkish drones", target="PKK"))
    assert [(summary(e), e.trigger, e.hypothetical) for e in events] == [
        (("ASSAULT", "tur.mil", "group.pkk"), "hammer", True)]


def test_a_side_is_read_past_a_country_opposite_its_own_government(code):
    # The tagger offers Turkey as the target of Turkey's government: no dyad, so the target is
    # read on, to the next mention that makes one, rather than the event being dropped.
    text = "Ankara bristled on Monday as Turkey faced Syria over the border."
    prediction = reading(text, {"ACCUSE": 0.9}, source="Ankara", target="Turkey")
    assert [summary(e) for e in code(text, prediction)] == [("ACCUSE", "tur.gov", "syr")]
    alone = "Ankara said on Monday that Turkey would brook no more delays."
    prediction = reading(alone, {"REJECT": 0.9}, source="Ankara", target="Turkey")
    assert [summary(e) for e in code(alone, prediction)] == [("REJECT", "tur.gov", None)]


def test_a_proposal_takes_an_old_date_from_anywhere_in_its_sentence(code):
    # The model's event has no trigger word, so the main verb's clause need not hold its date.
    text = "Turkish drones pounded PKK positions near the crossing that Iraq closed in 2019."
    events = code(text, reading(text, {"ASSAULT": 0.93}, source="Turkish drones", target="PKK"))
    assert [(summary(e), e.historical) for e in events] == [
        (("ASSAULT", "tur.mil", "group.pkk"), True)]


def test_a_request_to_no_one_is_dropped(code):
    # "called for" is a lexicon trigger; with no one asked, the sentence only describes.
    text = "Iraq's foreign minister called for calm on Monday."
    assert code(text, reading(text, {"REQUEST": 0.9})) == []
    asked = "Iraq's foreign minister called on Syria to show calm on Monday."
    assert [summary(e) for e in code(asked, reading(asked, {"REQUEST": 0.9}))] == [
        ("REQUEST", "irq", "syr")]


@pytest.mark.parametrize("text, types, kept", [
    # words with no one who spoke them: no statement to code
    ("Syria was accused of shelling the border on Monday.", {"ACCUSE": 0.9}, []),
    # deeds done to someone are news in the passive
    ("Syrian troops were attacked near the border on Monday.", {"ASSAULT": 0.9},
     [("ASSAULT", None, "syr.mil")]),
], ids=["accusation-with-no-accuser", "attack-with-no-attacker"])
def test_an_event_with_no_source_stays_only_where_its_type_allows(code, text, types, kept):
    assert [summary(e) for e in code(text, reading(text, types))] == kept


def test_a_tagged_span_that_cuts_a_word_is_widened_to_whole_words(code):
    text = "Turkish drones pounded PKK positions near the United States base on Monday."
    events = code(text, reading(text, {"ASSAULT": 0.93}, source="urkish drones",
                                target="nited States"))
    assert [(e.source.text, e.target.text) for e in events] == [
        ("Turkish drones", "United States")]


def test_words_reported_by_a_speaker_are_the_speakers(code):
    # The main verb is "said": an accusation proposed for the sentence is Fuad Hussein's, and
    # the deed he reports is not done to him.
    text = '"Syrian troops shelled the villages all week," Fuad Hussein said on Monday.'
    prediction = reading(text, {"ACCUSE": 0.9, "ASSAULT": 0.9}, source="Syrian troops",
                         target="Syrian troops")
    events = code(text, prediction)
    assert sorted(summary(e) for e in events) == [
        ("ACCUSE", "person.fuad-hussein", "syr.mil"), ("ASSAULT", "syr.mil", None)]
    accuse = next(e for e in events if e.event_type == "ACCUSE")
    assert dict(accuse.trace)["source"] == "speaker of the main verb"


def test_a_meeting_reported_with_a_doer_of_its_own_is_that_doers(code):
    # The parse makes "said" the main verb and "received" what was said; the meeting is
    # Hussein's with Shaibani, not the ministry's. An accusation in the same words stays the
    # speaker's.
    text = ("Iraqi Foreign Minister Fuad Hussein received Syria's Asaad al-Shaibani in Baghdad "
            "on Monday for talks on water sharing and trade, the ministry said.")
    prediction = reading(text, {"CONSULT": 0.9, "ACCUSE": 0.9}, target="Asaad al-Shaibani")
    events = {e.event_type: e for e in code(text, prediction)}
    assert summary(events["CONSULT"]) == (
        "CONSULT", "person.fuad-hussein", "person.asaad-al-shaibani")
    assert events["CONSULT"].trigger == "received"
    assert dict(events["ACCUSE"].trace)["source"] == "speaker of the main verb"


def test_no_role_is_read_from_the_speakers_own_phrase(code):
    # The Iraqi government is who the speaker speaks for, not the target of the shelling.
    text = ("Turkish drones pounded the border villages all night, said Hamid al-Shatri, "
            "a spokesman for the Iraqi government.")
    prediction = reading(text, {"ASSAULT": 0.9, "ACCUSE": 0.9}, source="Turkish drones",
                         target="Turkish drones")
    assert sorted(summary(e) for e in code(text, prediction)) == [
        ("ACCUSE", "person.hamid-al-shatri", "tur.mil"), ("ASSAULT", "tur.mil", None)]


def test_we_inside_a_quote_is_the_speaker(code):
    # The lexicon reads "reject" with Damascus in its object and no actor as its subject: "We"
    # stands for the speaker of the verb of saying after the quotation.
    text = ('"We reject the allegations made by Damascus," Iraqi foreign minister Fuad Hussein '
            "told reporters.")
    events = code(text, reading(text, {"REJECT": 0.9}))
    reject = next(e for e in events if e.event_type == "REJECT")
    assert reject.source is not None and reject.source.actor.id == "person.fuad-hussein"
    assert dict(reject.trace)["source"] == "speaker of the quote (first-person subject)"


def test_a_pronoun_subject_is_the_one_subject_named_before_it(code):
    # Two people are named before "he": the parse roles take neither; the actor layer takes
    # the one that is a subject.
    text = "Shaibani met Fuad Hussein in Baghdad on Monday, and he later condemned the PKK."
    events = code(text, reading(text, {"ACCUSE": 0.9}))
    accuse = next(e for e in events if e.event_type == "ACCUSE")
    assert summary(accuse) == ("ACCUSE", "person.asaad-al-shaibani", "group.pkk")
    assert dict(accuse.trace)["source"] == "antecedent of the subject pronoun"


def test_a_proposals_pronoun_subject_is_the_actor_named_before_it(nlp, kb, article_mentions,
                                                                  published):
    # No actor stands before "pounded" in its own sentence: "They" is read as the one doer
    # named in the sentence before, as for the lexicon's events.
    text = "Turkish troops reached the border on Monday. They pounded PKK positions at night."
    article = Article(doc_id="t", text=text, published=published)
    doc = nlp(text)
    first, second = (s.text for s in content_sentences(doc))
    predictions = [reading(first, {}), reading(second, {"ASSAULT": 0.93}, target="PKK")]
    events = hybrid_events(doc, article, article_mentions(doc, article), kb, predictions,
                           SETTINGS)
    assault = next(e for e in events if e.event_type == "ASSAULT")
    assert summary(assault) == ("ASSAULT", "tur.mil", "group.pkk")
    assert dict(assault.trace)["source"] == "antecedent of the subject pronoun"


def test_a_countryless_sector_side_is_that_sector_of_the_storys_country(nlp, kb, published):
    text = "Government forces shelled SDF positions near Manbij on Monday."
    article = Article(doc_id="t", text=text, published=published)
    doc = nlp(text)
    events = hybrid_events(doc, article, find_mentions(doc, article, kb), kb,
                           [reading(text, {"ASSAULT": 0.8})], SETTINGS)
    assert [summary(e) for e in events] == [("ASSAULT", "syr.mil", "group.sdf")]
    assert dict(events[0].trace)["source"] == "parse; sector of the story's country"


def test_the_tagger_gives_no_doer_to_a_clause_with_a_subject_of_its_own(code):
    # the tagger marks the sentence's doers: Jordan condemned, it killed no one
    text = "Jordan condemned the violence, as Syrian troops were killed near Daraa."
    prediction = reading(text, {"ASSAULT": 0.8, "ACCUSE": 0.8}, source="Jordan")
    killed = [e for e in code(text, prediction) if e.event_type == "ASSAULT"]
    assert [summary(e) for e in killed] == [("ASSAULT", None, "syr.mil")]
    # who announces a measure done to the subject speaks for its doer
    text = "Syrian troops were expelled from Iraq on Monday, Baghdad said."
    prediction = reading(text, {"COERCE": 0.8}, source="Baghdad")
    assert ("COERCE", "irq.gov", "syr.mil") in [summary(e) for e in code(text, prediction)]
    # a participle that takes the main verb's subject keeps it
    text = "Iraq struck the convoy near Qaim, killing Syrian troops."
    prediction = reading(text, {"ASSAULT": 0.8}, source="Iraq")
    assert ("ASSAULT", "irq", "syr.mil") in [summary(e) for e in code(text, prediction)]


@pytest.mark.parametrize(
    ("text", "types", "kept"),
    [
        # an analyst's view, words of someone no actor: no event
        ('"Turkey is cornering Iraq," said Joshua Pollack, an expert at the institute.',
         {"ACCUSE": 0.8}, []),
        # a deed the words report stays
        ('"Turkey shelled Iraq on Monday," said Joshua Pollack, an expert at the institute.',
         {"ASSAULT": 0.8}, [("ASSAULT", "tur", "irq")]),
        # and a meeting of an actor named doing it
        ("Turkey met Iraq on Monday, said Joshua Pollack, an expert at the institute.",
         {"CONSULT": 0.8}, [("CONSULT", "tur", "irq")]),
        # so do the words of an actor
        ('"Turkey is cornering Syria," Fuad Hussein said on Monday.',
         {"ACCUSE": 0.8}, [("ACCUSE", "person.fuad-hussein", "syr")]),
    ],
    ids=["analyst-view", "deed-reported", "meeting-reported", "actor-speaks"],
)
def test_no_words_event_from_a_speaker_who_is_no_actor(code, text, types, kept):
    target = "Syria" if "Syria" in text else "Iraq"
    prediction = reading(text, types, source="Turkey", target=target)
    assert [summary(e) for e in code(text, prediction)] == kept
