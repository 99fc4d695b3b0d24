"""The workbench's ASGI application: pages, JSON API, static files, errors, safety headers.

Starlette was chosen because it is small and pure Python (with uvicorn as the server), runs the
plain ``def`` handlers in a thread pool (DuckDB queries block), and ships an in-process test
client; Jinja2 (already installed with spaCy) renders the pages.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from dyad.serve.access import QueryTimeout, ServeConfig, StoreAccess
from dyad.serve.api import Api
from dyad.serve.content import NotFound
from dyad.serve.pages import Pages
from dyad.serve.params import BadRequest
from dyad.serve.upload import UploadRefused, Uploads
from dyad.store.errors import DatabaseError, QueryError, UnknownActorError

if TYPE_CHECKING:
    from dyad.pipeline import Pipeline

STATIC = Path(__file__).parent / "static"

# Pages load only the package's own files: no CDN, no inline script, nothing framed.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

# Errors a request can cause, with their HTTP status.
STATUS_OF: tuple[tuple[type[Exception], int], ...] = (
    (BadRequest, 400),
    (UnknownActorError, 404),  # before QueryError, its base class
    (QueryError, 400),
    (UploadRefused, 403),
    (NotFound, 404),
    (QueryTimeout, 503),
    (DatabaseError, 500),
)


class SecurityHeaders(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response


def create_app(
    config: ServeConfig, make_pipeline: Callable[[], Pipeline] | None = None
) -> Starlette:
    """The app over the store ``config.db``; ``make_pipeline`` builds the coding pipeline for
    uploads (needed only when ``config.uploads_enabled``)."""
    access = StoreAccess(config)
    uploads = (
        Uploads(access, make_pipeline)
        if config.uploads_enabled and make_pipeline is not None
        else None
    )
    pages = Pages(access)
    api = Api(access, uploads)

    def upload_page(request: Request) -> Response:
        return pages.render("upload.html", request, enabled=uploads is not None)

    def api_docs(request: Request) -> Response:
        return pages.render("api_docs.html", request)

    def failed(request: Request, error: Exception) -> Response:
        status = next(code for kind, code in STATUS_OF if isinstance(error, kind))
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message}, status_code=status)
        return pages.render("error.html", request, status, message=message)

    def not_found(request: Request, error: Exception) -> Response:
        return failed(request, NotFound(f"nothing at {request.url.path}"))

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        access.close()

    routes = [
        *pages.routes(),
        Route("/upload", upload_page),
        Route("/api/docs", api_docs),
        *api.routes(),
        Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
    ]
    handlers: dict[int | type[Exception], Callable[..., Response]] = {
        kind: failed for kind, _ in STATUS_OF
    }
    handlers[404] = not_found
    app = Starlette(
        routes=routes,
        middleware=[Middleware(SecurityHeaders)],
        exception_handlers=handlers,
        lifespan=lifespan,
    )
    app.state.access = access
    return app
