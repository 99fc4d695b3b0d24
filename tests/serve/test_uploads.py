"""Uploads: only with --allow-ingest and the token, through the same reading and coding as
`dyad ingest`, bad input recorded as a skip; the CLI refuses them on a public address without
a token."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from dyad.cli import main
from dyad.config import Settings
from dyad.pipeline import Pipeline
from dyad.serve.access import ServeConfig
from dyad.serve.app import create_app
from dyad.store import Store

TOKEN = "correct-horse"
REPORT = (
    "Sat. Jun 14th, 2025\n\nSyria and Iraq open a trade office | Syria\n\n"
    "The Syrian Minister of Economy met the Iraqi Minister of Trade in Damascus on Friday, and "
    "the two ministers agreed to open a joint trade office at the Al-Qaim crossing.\n"
)


@pytest.fixture
def writable(workbench_db, tmp_path):
    copy = tmp_path / "uploads.duckdb"
    shutil.copy(workbench_db, copy)
    return copy


def upload_client(db, **config) -> TestClient:
    app = create_app(
        ServeConfig(db=db, allow_ingest=True, **config),
        make_pipeline=lambda: Pipeline(Settings(db=db, coder="rules")),
    )
    return TestClient(app)


def post(client: TestClient, body: bytes, token: str | None, filename: str = "report.txt"):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post(f"/api/articles?filename={filename}", content=body, headers=headers)


@pytest.mark.parametrize("token", [None, "wrong-horse"], ids=["none", "wrong"])
def test_an_upload_without_the_token_is_refused(writable, token):
    with upload_client(writable, token=TOKEN) as client:
        response = post(client, REPORT.encode(), token)
    assert response.status_code == 403 and "token" in response.json()["error"]


def test_an_upload_is_coded_stored_and_served_once(writable):
    with upload_client(writable, token=TOKEN) as client:
        stored = post(client, REPORT.encode(), TOKEN)
        assert stored.status_code == 201, stored.text
        (doc_id,) = stored.json()["stored"]
        assert stored.json()["events"] >= 1
        article = client.get(f"/api/article/{doc_id}").json()
        assert article["title"] == "Syria and Iraq open a trade office"
        assert article["events"]
        again = post(client, REPORT.encode(), TOKEN)
    assert again.status_code == 200 and again.json()["duplicates"] == [doc_id]


def test_a_bad_upload_becomes_a_recorded_skip(writable):
    with upload_client(writable, token=TOKEN) as client:
        response = post(client, b"\x00\xff\xfe binary \x00", TOKEN, filename="page.html")
    assert response.status_code == 200
    (skip,) = response.json()["skips"]
    assert skip["reason"]
    with Store(writable, read_only=True) as store:
        assert skip["reason"] in {row["reason"] for row in store.skips()}


def test_an_upload_larger_than_the_limit_is_refused(writable):
    with upload_client(writable, token=TOKEN, max_upload_bytes=100) as client:
        response = post(client, REPORT.encode(), TOKEN)
    assert response.status_code == 400 and "larger than 100 bytes" in response.json()["error"]


def run_serve(monkeypatch, *args: str):
    """`dyad ARGS` with uvicorn.run caught: the CLI's result and the app and options it served."""
    served = {}
    monkeypatch.setattr("uvicorn.run", lambda app, **options: served.update(app=app, **options))
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result, served


def test_serve_on_a_public_address_without_a_token_refuses_uploads(workbench_db, monkeypatch):
    result, served = run_serve(
        monkeypatch, "--db", str(workbench_db), "serve", "--host", "0.0.0.0", "--allow-ingest"
    )
    assert "uploads refused" in result.stderr
    assert served["host"] == "0.0.0.0"
    with TestClient(served["app"]) as client:
        assert post(client, REPORT.encode(), "anything").status_code == 403
        assert "Uploads are off" in client.get("/upload").text


def test_serve_binds_loopback_by_default_and_makes_up_a_token_for_uploads(writable, monkeypatch):
    result, served = run_serve(
        monkeypatch, "--db", str(writable), "--coder", "rules", "serve", "--allow-ingest"
    )
    assert served["host"] == "127.0.0.1" and served["port"] == 8765
    token = result.stderr.split("Upload token (made up for this run): ")[1].split()[0]
    with TestClient(served["app"]) as client:
        assert post(client, REPORT.encode(), token).status_code == 201
