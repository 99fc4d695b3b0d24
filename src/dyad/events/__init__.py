"""The events stage: PLOVER events from a parsed article and its actor mentions.

``code_events(doc, article, mentions, kb)`` is the entry point (see ``dyad.events.coder``).
"""

from dyad.events.coder import code_events

__all__ = ["code_events"]
