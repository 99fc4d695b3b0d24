"""The brief as Markdown, its chart a PNG image beside the file."""

from __future__ import annotations

from dyad.analyze.render_text import cite
from dyad.analyze.report import Heading, MonthlyChart, Paragraph, Report, Statement


def render_markdown(document: Report, chart_image: str | None) -> str:
    """Markdown; ``chart_image`` is the PNG's path relative to the Markdown file (None: the
    monthly table stands alone)."""
    lines = [f"# {document.title}", ""]
    for block in document.blocks:
        if isinstance(block, Heading):
            lines += [f"## {block.text}", ""]
        elif isinstance(block, Paragraph):
            lines += [_escaped(block.text), ""]
        elif isinstance(block, Statement):
            lines.append(f"- {_escaped(block.text)}")
            lines += [f"  > {_escaped(e.sentence)} {cite(e)}" for e in block.evidence]
            lines.append("")
        elif isinstance(block, MonthlyChart):
            if chart_image is not None:
                lines += [f"![{block.title}]({chart_image})", ""]
            lines += _table(block)
    return "\n".join(lines).rstrip("\n") + "\n"


def _table(block: MonthlyChart) -> list[str]:
    if not block.months:
        return ["No dated events.", ""]
    lines = [
        "| month | verbal coop. | material coop. | verbal conflict | material conflict | net |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for month in block.months:
        cells = " | ".join(str(count) for count in month.counts)
        lines.append(f"| {month.month} | {cells} | {month.net:+.2f} |")
    return [*lines, ""]


def _escaped(text: str) -> str:
    """Text with the characters Markdown would read as markup escaped."""
    for character in "\\`*_[]<>|":
        text = text.replace(character, "\\" + character)
    return text
