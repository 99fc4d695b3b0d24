"""The JSON API: the data of every page (events in the contract's shape), documented in
``openapi.json``; filtered event tables also as CSV and JSON Lines downloads."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from dyad.export.writers import write_csv, write_jsonl
from dyad.serve import content
from dyad.serve.access import StoreAccess
from dyad.serve.params import BadRequest, EventQuery, date_param
from dyad.serve.upload import Uploads, check_token

OPENAPI = Path(__file__).parent / "static" / "openapi.json"

# Download formats of the event table: media type and writer.
DOWNLOADS = {
    "csv": ("text/csv; charset=utf-8", write_csv),
    "jsonl": ("application/x-ndjson; charset=utf-8", write_jsonl),
}


def openapi_spec() -> dict[str, Any]:
    return json.loads(OPENAPI.read_text(encoding="utf-8"))


class Api:
    def __init__(self, access: StoreAccess, uploads: Uploads | None) -> None:
        self.access = access
        self.config = access.config
        self.uploads = uploads

    def routes(self) -> list[Route]:
        return [
            Route("/api/openapi.json", self.openapi),
            Route("/api/home", self.home),
            Route("/api/events", self.events),
            Route("/api/dyad/{a}/{b}", self.dyad),
            Route("/api/article/{doc_id}", self.article),
            Route("/api/actor/{actor_id}", self.actor),
            Route("/api/network", self.network),
            Route("/api/search", self.search),
            Route("/api/articles", self.upload, methods=["POST"]),
        ]

    def openapi(self, request: Request) -> Response:
        return JSONResponse(openapi_spec())

    def home(self, request: Request) -> Response:
        with self.access.store() as store:
            return JSONResponse(content.home(store, self.config))

    def events(self, request: Request) -> Response:
        query = EventQuery.from_params(request.query_params, self.config.max_rows)
        output = request.query_params.get("format", "json")
        if output == "json":
            with self.access.store() as store:
                return JSONResponse(content.events(store, query, self.config))
        if output not in DOWNLOADS:
            raise BadRequest(f"format: one of json, {', '.join(DOWNLOADS)}, not {output!r}")
        with self.access.store() as store:
            records = content.download(store, query, self.config)
        media_type, write = DOWNLOADS[output]
        buffer = io.StringIO()
        write(records, buffer)
        return Response(
            buffer.getvalue(),
            media_type=media_type,
            headers={"Content-Disposition": f'attachment; filename="events.{output}"'},
        )

    def dyad(self, request: Request) -> Response:
        since = date_param(request.query_params, "since")
        until = date_param(request.query_params, "until")
        with self.access.store() as store:
            brief = content.dyad(
                store, request.path_params["a"], request.path_params["b"], since, until,
                self.config,
            )  # fmt: skip
        return JSONResponse(brief)

    def article(self, request: Request) -> Response:
        with self.access.store() as store:
            return JSONResponse(content.article(store, request.path_params["doc_id"]))

    def actor(self, request: Request) -> Response:
        with self.access.store() as store:
            found = content.actor(store, request.path_params["actor_id"], self.config)
        return JSONResponse(found)

    def network(self, request: Request) -> Response:
        since = date_param(request.query_params, "since")
        until = date_param(request.query_params, "until")
        with self.access.store() as store:
            return JSONResponse(content.network(store, since, until, self.config))

    def search(self, request: Request) -> Response:
        text = request.query_params.get("q", "").strip()
        if not text:
            raise BadRequest("q: the text to search for is missing")
        with self.access.store() as store:
            return JSONResponse(content.search(store, text, self.config))

    async def upload(self, request: Request) -> Response:
        """Store one uploaded article file (the request body; ``filename`` gives its format)."""
        authorization = request.headers.get("authorization", "")
        given = authorization.removeprefix("Bearer ").strip() or None
        check_token(self.config.token, given, self.uploads is not None)
        assert self.uploads is not None  # checked above
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > self.config.max_upload_bytes:
                raise BadRequest(f"the upload is larger than {self.config.max_upload_bytes} bytes")
        result = await run_in_threadpool(
            self.uploads.ingest, bytes(body), request.query_params.get("filename")
        )
        return JSONResponse(result.to_dict(), status_code=201 if result.stored else 200)
