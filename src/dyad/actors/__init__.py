"""Actor knowledge base and actor recognition/resolution (the `actors` stage)."""

from dyad.actors.cache import load_knowledge_base
from dyad.actors.kb import KnowledgeBase
from dyad.actors.recognize import find_mentions, find_places
from dyad.actors.tsv import DataFileError

__all__ = ["DataFileError", "KnowledgeBase", "find_mentions", "find_places",
           "load_knowledge_base"]
