"""The brief as plain text for a terminal: the chart as bars of block characters."""

from __future__ import annotations

import textwrap

from dyad.analyze.chart import terminal_bars
from dyad.analyze.evidence import Evidence
from dyad.analyze.report import Heading, MonthlyChart, Paragraph, Report, Statement

WIDTH = 100


def render_text(document: Report) -> str:
    lines = [document.title]
    for block in document.blocks:
        if isinstance(block, Heading):
            lines += ["", block.text, "-" * len(block.text)]
        elif isinstance(block, Paragraph):
            lines += textwrap.wrap(block.text, WIDTH) or [""]
        elif isinstance(block, Statement):
            lines += textwrap.wrap(block.text, WIDTH, initial_indent="* ", subsequent_indent="  ")
            for evidence in block.evidence:
                lines += textwrap.wrap(
                    f'"{evidence.sentence}" {cite(evidence)}',
                    WIDTH,
                    initial_indent="    > ",
                    subsequent_indent="      ",
                )
        elif isinstance(block, MonthlyChart):
            lines += terminal_bars(block.months) or ["(no dated events)"]
    return "\n".join(lines) + "\n"


def cite(evidence: Evidence) -> str:
    """``[article doc_id, sentence N]``: where a sentence is found."""
    return f"[article {evidence.doc_id}, sentence {evidence.sentence_index}]"
