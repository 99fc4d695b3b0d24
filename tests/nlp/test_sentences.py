import pytest
import spacy

from dyad.nlp import components  # noqa: F401  (registers dyad_sentences)
from dyad.segment import content_sentences, sentences_of


@pytest.fixture(scope="module")
def splitter():
    nlp = spacy.blank("en")
    nlp.add_pipe("dyad_sentences")
    return nlp


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Iraq and Syria met. Turkey objected.",
            ["Iraq and Syria met.", "Turkey objected."],
            id="two-sentences",
        ),
        pytest.param(
            "A title line\nThe body starts here. It goes on.",
            ["A title line", "The body starts here.", "It goes on."],
            id="newline-is-a-boundary",
        ),
        pytest.param(
            'He said "terrorism knows no borders." Then he left.',
            ['He said "terrorism knows no borders."', "Then he left."],
            id="closing-quote-stays",
        ),
        pytest.param(
            "The U.S.-led coalition struck at 3 p.m. near Mosul.",
            ["The U.S.-led coalition struck at 3 p.m. near Mosul."],
            id="abbreviations-do-not-split",
        ),
        pytest.param(
            "Talks ended... and resumed later.",
            ["Talks ended... and resumed later."],
            id="lowercase-after-ellipsis",
        ),
        pytest.param(
            "QUETTA, Pakistan (AP) — Pakistani troops killed 12 militants.",
            ["QUETTA, Pakistan (AP) —", "Pakistani troops killed 12 militants."],
            id="wire-dateline-is-its-own-sentence",
        ),
        pytest.param(
            "A title\nANKARA, Feb 3 (AFP) - Turkey struck SDF positions.",
            ["A title", "ANKARA, Feb 3 (AFP) -", "Turkey struck SDF positions."],
            id="dateline-after-a-title",
        ),
        pytest.param(
            "Erbil (Kurdistan24) – The KRG resumed oil exports.",
            ["Erbil (Kurdistan24) –", "The KRG resumed oil exports."],
            id="mixed-case-place-with-agency",
        ),
        pytest.param(
            "Iraq - Syria talks resumed. NATO - the alliance - met.",
            ["Iraq - Syria talks resumed.", "NATO - the alliance - met."],
            id="dashes-in-prose-are-no-dateline",
        ),
        pytest.param(
            "One.\nTwo.\nThree.\nBAGHDAD — Iraq recalled its envoy.",
            ["One.", "Two.", "Three.", "BAGHDAD — Iraq recalled its envoy."],
            id="datelines-only-open-a-story",
        ),
    ],
)
def test_sentence_boundaries(splitter, text, expected):
    doc = splitter(text)
    assert [s.text for s in sentences_of(doc, "d")] == expected


def test_sentence_offsets_index_the_text(splitter):
    text = "First one.\n\n  Second one here.  \nThird."
    doc = splitter(text)
    sentences = sentences_of(doc, "doc1")
    assert [text[s.char_start : s.char_end] for s in sentences] == [s.text for s in sentences]
    assert all(s.doc_id == "doc1" for s in sentences)
    assert [s.text for s in sentences] == ["First one.", "Second one here.", "Third."]


def test_parsed_pipeline_tags_and_parses(nlp):
    doc = nlp("Syria's foreign minister visited Baghdad on Friday.\nIraq welcomed the visit.")
    assert [s.text for s in content_sentences(doc)] == [
        "Syria's foreign minister visited Baghdad on Friday.",
        "Iraq welcomed the visit.",
    ]
    visited = next(t for t in doc if t.text == "visited")
    assert visited.tag_ == "VBD" and visited.pos_ == "VERB" and visited.lemma_ == "visit"
    subject = [t.text for t in visited.children if t.dep_ == "nsubj"]
    assert subject == ["minister"]
    assert [t.text for t in visited.children if t.dep_ == "obj"] == ["Baghdad"]

