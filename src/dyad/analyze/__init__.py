"""Analysis over the store: relations briefs for pairs of actors, positions of actors."""

from dyad.analyze.brief import Brief, build_brief
from dyad.analyze.positions import Position, positions_of

__all__ = ["Brief", "Position", "build_brief", "positions_of"]
