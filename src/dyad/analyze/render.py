"""The brief in each output format, as the files to write (shared by the CLI and the API)."""

from __future__ import annotations

import json
from pathlib import Path

from dyad.analyze.brief import Brief
from dyad.analyze.chart import chart
from dyad.analyze.png import png
from dyad.analyze.render_html import render_html
from dyad.analyze.render_markdown import render_markdown
from dyad.analyze.render_text import render_text
from dyad.analyze.report import report

FORMATS = ("text", "md", "html", "json")


def render_brief(
    brief: Brief, output_format: str, output: Path | None = None
) -> dict[Path | None, bytes]:
    """The bytes of each file: the brief under ``output`` (None: standard output) and, for
    Markdown written to a file, its chart as a PNG beside it (``brief.md`` -> ``brief.png``)."""
    if output_format not in FORMATS:
        raise ValueError(f"unknown brief format {output_format!r} (one of {', '.join(FORMATS)})")
    if output_format == "json":
        text = json.dumps(brief.to_dict(), ensure_ascii=False, indent=2) + "\n"
        return {output: text.encode("utf-8")}
    document = report(brief)
    if output_format == "html":
        return {output: render_html(document).encode("utf-8")}
    if output_format == "text":
        return {output: brief_as_text(brief).encode("utf-8")}
    if output is None:
        return {None: render_markdown(document, chart_image=None).encode("utf-8")}
    image = output.with_suffix(".png")
    title = f"{brief.side_a.spec} and {brief.side_b.spec}: fused events per month"
    return {
        output: render_markdown(document, chart_image=image.name).encode("utf-8"),
        image: png(chart(brief.months, title)),
    }


def brief_as_text(brief: Brief) -> str:
    """The brief as plain text for a terminal (the chart as bars of block characters)."""
    return render_text(report(brief))
