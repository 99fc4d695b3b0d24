"""Analysis over the store: relations briefs for pairs of actors."""

from dyad.analyze.brief import Brief, build_brief, render_text

__all__ = ["Brief", "build_brief", "render_text"]
