"""The phrase table's case rules: how a name must be written in the text to match."""

import pytest

from dyad.actors.phrases import PhraseTable, phrase_tokens


def matches(name: str, written: str) -> bool:
    table = PhraseTable([(name, "payload")])
    tokens = written.replace("-", " - ").split()
    lower = [t.lower() for t in tokens]
    return table.longest_at(lower, tokens, 0) is not None


@pytest.mark.parametrize("written, expected", [
    ("Al-Shabaab", True),
    ("al-Shabaab", True),  # the article in lower case inside a sentence
    ("al-shabaab", False),  # a name is capitalised after its article
    ("shabaab", False),
], ids=["capitalised", "lower-case-article", "lower-case-name", "no-article"])
def test_a_capitalised_name_may_start_with_a_lower_case_arabic_article(written, expected):
    name = "Al-Shabaab" if "-" in written else "Shabaab"
    assert matches(name, written) is expected


def test_an_acronym_matches_only_in_capitals():
    assert matches("US", "US") and not matches("US", "us")


def test_phrase_tokens_split_hyphens_as_the_tokenizer_does():
    assert phrase_tokens("Al-Shabaab") == ("al", "-", "shabaab")
