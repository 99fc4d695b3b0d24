"""The shipped pipeline's tokenizer: where it splits beyond spaCy's English defaults."""

import pytest


@pytest.mark.parametrize(("text", "tokens"), [
    ("U.S.-led coalition forces", ["U.S.", "-", "led", "coalition", "forces"]),
    ("a U.N.-organized meeting", ["a", "U.N.", "-", "organized", "meeting"]),
    ("the U.S.-Japan alliance", ["the", "U.S.", "-", "Japan", "alliance"]),
    # untouched: an abbreviation alone, a word before a hyphen, lower-case abbreviations
    ("U.S. forces left", ["U.S.", "forces", "left"]),
    ("Iran-backed groups", ["Iran", "-", "backed", "groups"]),
    ("an e.g.-style list", ["an", "e.g.-style", "list"]),
], ids=["led", "organized", "two-names", "abbreviation-alone", "word-hyphen", "lower-case"])
def test_a_hyphen_after_an_abbreviation_splits_the_token(nlp, text, tokens):
    doc = nlp.make_doc(text)
    assert [t.text for t in doc] == tokens
    assert doc.text == text


def test_the_actor_before_a_hyphen_after_an_abbreviation_is_recognised(nlp):
    from dyad.actors import find_mentions, load_knowledge_base
    from dyad.records import Article

    kb = load_knowledge_base()
    text = "Iran-backed militias fired at U.S.-led coalition forces on Monday."
    article = Article(doc_id="t", text=text, published=None)
    doc = nlp(text)
    ids = {m.text: m.actor.id for m in find_mentions(doc, article, kb) if m.actor}
    assert ids.get("U.S.") == "usa"
