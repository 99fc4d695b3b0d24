"""The JSON API and the pages, through Starlette's in-process client over the session store."""

from __future__ import annotations

import csv
import io
import json

import pytest
from starlette.testclient import TestClient

from dyad.serve.access import ServeConfig
from dyad.serve.app import create_app
from dyad.store.queries import SORT_COLUMNS

IRAQ_SYRIA = "/dyad/IRQ/SYR"


@pytest.fixture(scope="module")
def client(read_only_config):
    with TestClient(create_app(read_only_config)) as test_client:
        yield test_client


def api(client: TestClient, path: str, status: int = 200) -> dict:
    response = client.get(path)
    assert response.status_code == status, response.text
    return response.json()


def test_home_lists_busiest_dyads_and_latest_events_newest_first(client):
    home = api(client, "/api/home")
    assert home["stats"]["articles"] == 17  # 14 bundled examples (3 in one JSONL) + 3 test articles
    assert {"a", "b", "events"} <= set(home["dyads"][0])
    dates = [e["date"] for e in home["latest_events"] if e["date"]]
    assert dates == sorted(dates, reverse=True)
    assert all(e["duplicate_of"] is None for e in home["latest_events"])


def test_event_records_have_the_contract_fields(client):
    contract = {
        "event_id", "doc_id", "doc_path", "doc_ref", "sentence_index", "sentence", "char_start",
        "char_end", "event_type", "mode", "context", "cameo_root", "quad_class", "intensity",
        "source", "target", "others", "date", "date_precision", "date_text", "location",
        "quantities", "negated", "hypothetical", "historical", "reported_by", "confidence",
    }  # fmt: skip
    events = api(client, "/api/events?per_page=5")["events"]
    assert len(events) == 5
    assert all(contract <= set(event) for event in events)


def test_filters_narrow_the_table_as_dyad_events_does(client):
    everything = api(client, "/api/events")["total"]
    dyad = api(client, "/api/events?a=IRQ&b=SYR")
    assert 0 < dyad["total"] < everything
    for event in dyad["events"]:
        countries = {(event[r] or {}).get("country") for r in ("source", "target")}
        countries |= {other["country"] for other in event["others"]}
        assert {"IRQ", "SYR"} <= countries
    conflict = api(client, "/api/events?quad=3&since=2025-03&until=2025-03")
    assert conflict["total"] > 0
    assert all(e["quad_class"] == 3 and e["date"].startswith("2025-03") for e in conflict["events"])
    reported = api(client, "/api/events?flagged=0")["events"]
    assert not any(e["negated"] or e["hypothetical"] or e["historical"] for e in reported)


@pytest.mark.parametrize("column", ["confidence", "intensity", "type"])
def test_sorting_orders_the_whole_table_in_both_directions(client, column):
    key = {"confidence": "confidence", "intensity": "intensity", "type": "event_type"}[column]
    total = api(client, "/api/events")["total"]
    up = api(client, f"/api/events?sort={column}&per_page={total}")["events"]
    down = api(client, f"/api/events?sort={column}&desc=1&per_page={total}")["events"]
    assert [e[key] for e in up] == sorted(e[key] for e in up)
    assert [e[key] for e in down] == sorted((e[key] for e in down), reverse=True)


def test_pages_of_the_table_follow_each_other_without_overlap(client):
    first = api(client, "/api/events?per_page=7&sort=date")
    second = api(client, "/api/events?per_page=7&sort=date&page=2")
    both = api(client, "/api/events?per_page=14&sort=date")
    assert [e["event_id"] for e in first["events"] + second["events"]] == [
        e["event_id"] for e in both["events"]
    ]


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("quad=7", "quad"),
        ("type=HUG", "type"),
        ("since=2025-13", "since"),
        ("sort=sentence; DROP TABLE events", "sort"),
        ("a=IRQ", "dyad needs both"),
        ("per_page=100000", "per_page"),
        ("format=xml", "format"),
    ],
)
def test_bad_parameters_are_a_400_naming_the_parameter(client, query, words):
    error = api(client, f"/api/events?{query}", status=400)["error"]
    assert words in error and "\n" not in error


def test_unknown_actor_and_article_are_404s(client):
    assert "XXQ" in api(client, "/api/dyad/XXQ/SYR", status=404)["error"]
    assert api(client, "/api/article/0000", status=404)["error"]
    assert api(client, "/api/actor/nobody.at-all", status=404)["error"]


def test_csv_and_jsonl_downloads_hold_every_filtered_event(client):
    total = api(client, "/api/events?quad=4")["total"]
    response = client.get("/api/events?quad=4&format=csv")
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == total and {row["quad_class"] for row in rows} == {"4"}
    lines = client.get("/api/events?quad=4&format=jsonl").text.splitlines()
    assert [json.loads(line)["event_id"] for line in lines] == [row["event_id"] for row in rows]


def test_dyad_brief_counts_months_and_narrows_to_the_period(client):
    brief = api(client, "/api" + IRAQ_SYRIA)
    assert brief["schema"].startswith("dyad.brief/")
    months = [m["month"] for m in brief["months"]]
    assert {"2025-01", "2025-03", "2025-05"} <= set(months)
    narrowed = api(client, "/api" + IRAQ_SYRIA + "?since=2025-03&until=2025-03")
    assert [m["month"] for m in narrowed["months"]] == ["2025-03"]


def test_article_sentences_and_mentions_index_its_text(client):
    doc_id = api(client, "/api/events?a=IRQ&b=SYR&per_page=1")["events"][0]["doc_id"]
    article = api(client, f"/api/article/{doc_id}")
    text = article["text"]
    assert article["mentions"] and any(s["events"] for s in article["sentences"])
    for mention in article["mentions"]:
        assert text[mention["char_start"] : mention["char_end"]] == mention["text"]


def test_actor_has_roles_months_and_partners(client):
    actor = api(client, "/api/actor/syr.gov")
    assert actor["code"] == "SYRGOV" and "Damascus" in actor["aliases"]
    assert actor["months"] and all(len(m["counts"]) == 4 for m in actor["months"])
    assert "irq.gov" in {partner["id"] for partner in actor["partners"]}


def test_network_links_actors_and_counts_quads(client):
    network = api(client, "/api/network")
    ids = {node["id"] for node in network["nodes"]}
    for edge in network["edges"]:
        assert {edge["a"], edge["b"]} <= ids
        assert edge["events"] == edge["q1"] + edge["q2"] + edge["q3"] + edge["q4"]
    later = api(client, "/api/network?since=2025-05")
    assert len(later["edges"]) < len(network["edges"])


def test_search_finds_article_text_and_actor_aliases_literally(client):
    found = api(client, "/api/search?q=Tishreen")
    assert found["articles"] and "Tishreen" in found["articles"][0]["snippet"]
    assert "person.ahmed-al-sharaa" in {
        a["id"] for a in api(client, "/api/search?q=Jolani")["actors"]
    }
    assert api(client, "/api/search?q=%25")["articles"] == []  # % is a character, not a wildcard


def test_openapi_documents_every_api_route(client):
    spec = api(client, "/api/openapi.json")
    documented = set(spec["paths"])
    routes = {route.path for route in client.app.routes if route.path.startswith("/api/")}
    assert documented == routes - {"/api/docs"}
    sort = next(
        p for p in spec["paths"]["/api/events"]["get"]["parameters"] if p.get("name") == "sort"
    )
    assert set(sort["schema"]["enum"]) == set(SORT_COLUMNS)


@pytest.mark.parametrize(
    "path",
    ["/", IRAQ_SYRIA, "/events?quad=1", "/actor/syr.gov", "/network", "/search?q=Baghdad",
     "/api/docs", "/upload"],
)  # fmt: skip
def test_pages_render_with_a_strict_content_policy(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert "<script>" not in response.text  # scripts are files of the package, never inline


def test_html_errors_are_pages_with_the_message(client):
    response = client.get("/events?quad=9")
    assert response.status_code == 400 and "quad" in response.text
    assert client.get("/no/such/page").status_code == 404


def test_uploads_are_refused_on_a_read_only_server(client):
    response = client.post(
        "/api/articles?filename=a.txt",
        content=b"text",
        headers={"Authorization": "Bearer anything"},
    )
    assert response.status_code == 403


def test_a_query_running_past_the_time_limit_is_stopped_with_a_503(workbench_db, monkeypatch):
    def endless_home(store, config):
        return store.run(lambda con: con.execute("SELECT count(*) FROM range(10000000000000)"))

    monkeypatch.setattr("dyad.serve.content.home", endless_home)
    config = ServeConfig(db=workbench_db, query_seconds=0.2)
    with TestClient(create_app(config)) as slow:
        response = slow.get("/api/home")
    assert response.status_code == 503
    assert "longer than 0.2 s" in response.json()["error"]


def test_downloads_stop_at_the_download_cap(workbench_db):
    with TestClient(create_app(ServeConfig(db=workbench_db, download_rows=3))) as capped:
        lines = capped.get("/api/events?format=jsonl").text.splitlines()
    assert len(lines) == 3
