"""Language analysis: the trained EWT tagger/lemmatizer/parser behind a news-ready tokenizer."""

from dyad.nlp.language import load_language, parse, parse_texts

__all__ = ["load_language", "parse", "parse_texts"]
