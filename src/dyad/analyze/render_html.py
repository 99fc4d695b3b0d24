"""The brief as one self-contained HTML page: inline CSS and SVG chart, no external assets."""

from __future__ import annotations

from html import escape

from dyad.analyze.chart import chart, svg
from dyad.analyze.evidence import Evidence
from dyad.analyze.report import Heading, MonthlyChart, Paragraph, Report, Statement

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       color: #222; line-height: 1.45; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 1.8rem;
     border-bottom: 1px solid #ddd; }
ul { padding-left: 1.2rem; } li { margin: 0.5rem 0; }
blockquote { margin: 0.25rem 0 0.25rem 0.5rem; padding-left: 0.6rem; border-left: 3px solid #ccc;
             color: #444; font-size: 0.92rem; }
cite { color: #777; font-style: normal; font-size: 0.85rem; }
table { border-collapse: collapse; margin: 0.8rem 0; font-size: 0.9rem; }
th, td { border: 1px solid #ddd; padding: 0.2rem 0.5rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
"""


def render_html(document: Report) -> str:
    body: list[str] = [f"<h1>{escape(document.title)}</h1>"]
    items: list[str] = []  # statements of the current section, closed into one list

    def close_list() -> None:
        if items:
            body.append("<ul>\n" + "\n".join(items) + "\n</ul>")
            items.clear()

    for block in document.blocks:
        if isinstance(block, Statement):
            items.append(_statement(block))
            continue
        close_list()
        if isinstance(block, Heading):
            body.append(f"<h2>{escape(block.text)}</h2>")
        elif isinstance(block, Paragraph):
            body.append(f"<p>{escape(block.text)}</p>")
        elif isinstance(block, MonthlyChart):
            body += [f"<figure>{svg(chart(block.months, block.title))}</figure>", _table(block)]
    close_list()
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(document.title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _statement(statement: Statement) -> str:
    quotes = "".join(_evidence(evidence) for evidence in statement.evidence)
    return f"<li>{escape(statement.text)}{quotes}</li>"


def _evidence(evidence: Evidence) -> str:
    where = f" ({escape(evidence.doc_path)})" if evidence.doc_path else ""
    return (
        f"<blockquote>{escape(evidence.sentence)}<br><cite>article {escape(evidence.doc_id)}, "
        f"sentence {evidence.sentence_index}{where}</cite></blockquote>"
    )


def _table(block: MonthlyChart) -> str:
    if not block.months:
        return "<p>No dated events.</p>"
    rows = [
        "<tr><th>month</th><th>verbal coop.</th><th>material coop.</th><th>verbal conflict</th>"
        "<th>material conflict</th><th>net</th></tr>"
    ]
    for month in block.months:
        cells = "".join(f"<td>{count}</td>" for count in month.counts)
        rows.append(f"<tr><td>{month.month}</td>{cells}<td>{month.net:+.2f}</td></tr>")
    return "<table>\n" + "\n".join(rows) + "\n</table>"
