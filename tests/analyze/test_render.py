"""The brief in each format, and `dyad brief` / `dyad positions` on the command line."""

import json
import re

import pytest
from analyze_fakes import SENTENCES
from click.testing import CliRunner

from dyad.analyze.brief import build_brief
from dyad.analyze.render import render_brief
from dyad.cli import main


@pytest.fixture(scope="module")
def brief(iraq_syria_store):
    return build_brief(iraq_syria_store, "IRQ", "SYR")


def text_of(brief, output_format):
    [content] = render_brief(brief, output_format).values()
    return content.decode("utf-8")


def test_text_has_bars_the_trend_and_each_claim_with_its_sentence(brief):
    text = text_of(brief, "text")
    assert text.startswith("Relations brief: IRQ — SYR\n")
    assert re.search(r"2024-11  coop █+ +3   conflict +0   net \+1\.00", text)
    assert "Insufficient data: 8 events in the last 3 months" in text
    assert f'> "{SENTENCES[6]}" [article rel, sentence 6]' in text
    assert "Government of Iraq is against" in text


def test_html_is_one_self_contained_page(brief):
    html = text_of(brief, "html")
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html and "<table>" in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)  # no external assets
    assert "<link" not in html and "<script" not in html
    assert "<cite>article rel, sentence 6</cite>" in html


def test_markdown_written_to_a_file_gets_its_chart_beside_it(brief, tmp_path):
    files = render_brief(brief, "md", tmp_path / "iraq.md")
    assert set(files) == {tmp_path / "iraq.md", tmp_path / "iraq.png"}
    markdown = files[tmp_path / "iraq.md"].decode("utf-8")
    assert "![IRQ and SYR: fused events per month by quad class](iraq.png)" in markdown
    assert "| 2024-12 | 1 | 0 | 1 | 1 | -0.33 |" in markdown
    assert files[tmp_path / "iraq.png"].startswith(b"\x89PNG")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_brief_command_writes_markdown_and_png(iraq_syria_db, tmp_path):
    result = run("--db", iraq_syria_db, "brief", "IRQ", "SYR", "--format", "md",
                 "-o", tmp_path / "b.md")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (tmp_path / "b.png").read_bytes().startswith(b"\x89PNG")
    assert "brief written to" in result.stderr


def test_brief_command_json_narrowed_to_a_period(iraq_syria_db):
    result = run("--db", iraq_syria_db, "brief", "IRQ", "SYR", "--since", "2025-01",
                 "--format", "json")  # fmt: skip
    data = json.loads(result.stdout)
    assert [m["month"] for m in data["months"]] == ["2025-01"]


def test_brief_command_refuses_a_bad_output_path(iraq_syria_db, tmp_path):
    result = run("--db", iraq_syria_db, "brief", "IRQ", "SYR", "-o", tmp_path)
    assert result.exit_code == 2 and "is a directory" in result.stderr


def test_positions_command_lists_them_with_evidence(iraq_syria_db):
    result = run("--db", iraq_syria_db, "positions", "Baghdad", "--on", "proposal")
    assert result.exit_code == 0, result.output
    first, quote = result.stdout.splitlines()
    # The REJECT event has no date: the position is dated by its article.
    assert first.split()[:4] == ["2025-01-25", "Government", "of", "Iraq"]
    assert "OPPOSE  the proposal from Damascus" in first
    assert quote.strip() == f'"{SENTENCES[9]}" [article rel, sentence 9]'


def test_positions_command_as_json_lines(iraq_syria_db):
    result = run("--db", iraq_syria_db, "positions", "al-Sharaa", "--format", "jsonl")
    [line] = result.stdout.splitlines()
    position = json.loads(line)
    assert (position["holder"]["name"], position["stance"]) == ("Ahmed al-Sharaa", "oppose")
    assert position["evidence"]["sentence"] == SENTENCES[7]
