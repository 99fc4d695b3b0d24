"""Who a sentence attributes its news to."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from dyad.events.attribution import reported_by, reporting_verb, speaker
from dyad.records import Actor, Mention


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The discussion focused on border security, according to the Iraqi News Agency, "
         "without disclosing additional details.", "Iraqi News Agency"),
        ("Iraqi sources confirm that the United States notified Iraq of the decision.",
         "Iraqi sources"),
        ("Special Syrian sources confirmed to Al-Jazeera Net that the visit focused on Iraq's "
         "concerns.", "Special Syrian sources"),
        ("The website learned from sources in the Iraqi government that the Prime Minister "
         "wants closer ties.", "sources in the Iraqi government"),
        ("It is expected – according to Iraqi sources – that differences will escalate.",
         "Iraqi sources"),
        ("The Syrian Observatory for Human Rights said the strikes killed 12 people.",
         "Syrian Observatory for Human Rights"),
    ],
    ids=["according-to", "sources-confirm", "sources-confirmed-to", "learned-from",
         "according-to-between-dashes", "organization-said"],
)
def test_named_source(nlp, text, expected):
    assert reported_by(nlp(text)[:], ()) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Maliki accused it of cloning failed experiences, according to his description.",
        "Trump would deal with them in a special way, he said.",
        "Iraqi security forces detained at least 13 Syrians.",
    ],
    ids=["according-to-possessive", "he-said", "no-source"],
)
def test_no_named_source(nlp, text):
    assert reported_by(nlp(text)[:], ()) is None


def test_resolved_speaker_gives_the_actor_name(nlp):
    text = ("Gabriel Soma, a member of the US President's Advisory Council, confirmed that "
            "Washington will act.")
    doc = nlp(text)
    adviser = Actor(id="person.gabriel-soma", code="USAGOV", name="Gabriel Sohmer")
    mention = Mention(doc_id="d", sentence_index=0, text="Gabriel Soma", char_start=0,
                      char_end=12, actor=adviser, confidence=0.9)
    assert reported_by(doc[:], [mention]) == "Gabriel Sohmer"


def test_unresolved_speaker_keeps_the_text(nlp):
    doc = nlp("Turkish Foreign Minister Hakan Fidan said the four countries will cooperate.")
    mention = Mention(doc_id="d", sentence_index=0, text="Hakan Fidan", char_start=25,
                      char_end=36, actor=None, confidence=0.4)
    assert reported_by(doc[:], [mention]) == "Turkish Foreign Minister Hakan Fidan"



@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Jordanian foreign ministry condemned the raid and said that five guards were "
         "wounded.", "Jordanian foreign ministry"),
        ("In late March, Senator Ann Reyes issued warnings to the cartels, and confirmed that "
         "sanctions would follow.", "Senator Ann Reyes"),
        ("The convoy was shelled twice, according to a statement of the Kurdish media office.",
         "Kurdish media office"),
    ],
    ids=["conjoined-said-shares-subject", "subject-after-fronted-phrase",
         "author-of-a-statement"],
)
def test_source_found_through_structure(nlp, text, expected):
    assert reported_by(nlp(text)[:], ()) == expected


def test_conjoined_verb_without_report_names_no_source(nlp):
    text = "The council met in Amman and affirmed its support for the truce."
    assert reported_by(nlp(text)[:], ()) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We will not accept this plan," the Jordanian minister said on Sunday.',
         "the Jordanian minister"),
        ("The talks broke down in the night, said Omar Halabi, an aide to the governor.",
         "Omar Halabi"),
        ("Rana Khoury, of the farmers' union, told reporters the roads stay closed.",
         "Rana Khoury"),
        ("The border stays shut until further notice, she said.", "she"),
        ('"The soldiers left before dawn," wrote the commander.', "the commander"),
        ("The harvest was poor this year and prices rose sharply.", None),
        ('"Nobody came back," the villagers told the envoy.', "the villagers"),
        # the parser hangs "told" on "spokesperson" as a relative clause
        ('"We reject the allegations made by Kenya," Sudanese army spokesperson Tarek Hamdan '
         "told reporters.", "Tarek Hamdan"),
    ],
    ids=["after-quote", "inverted-with-appositive", "appositive-before", "pronoun",
         "wrote-inverted", "no-verb-of-saying",
         "told-after-quote", "told-misparsed-after-quote"],
)
def test_speaker_of_the_reporting_verb(nlp, text, expected):
    sentence = nlp(text)[:]
    verb = reporting_verb(sentence)
    words = speaker(verb, sentence) if verb is not None else None
    assert (" ".join(t.text for t in words) if words else None) == expected


def test_the_hearer_of_told_is_not_its_speaker(nlp):
    # The parser made "reporters" the subject of "told"; the speaker is the name before it.
    words = ["The", "vote", "failed", ",", "Karim", "Nasser", ",", "told", "reporters", "."]
    heads = [1, 2, 2, 5, 5, 2, 7, 2, 7, 2]
    deps = ["det", "nsubj", "ROOT", "punct", "compound", "conj", "punct", "parataxis",
            "nsubj:pass", "punct"]
    tags = ["DT", "NN", "VBD", ",", "NNP", "NNP", ",", "VBD", "NNS", "."]
    sentence = Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags)[:]
    verb = reporting_verb(sentence)
    assert verb is not None and verb.text == "told"
    assert [t.text for t in speaker(verb, sentence) or []] == ["Karim", "Nasser"]
