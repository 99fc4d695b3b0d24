"""The HTML pages: each reads its data from :mod:`dyad.serve.content` and renders a template."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from dyad.export.contract import EVENT_TYPES, QUAD_CLASSES
from dyad.serve import content, svg
from dyad.serve.access import StoreAccess
from dyad.serve.params import EventQuery, date_param
from dyad.store.queries import SORT_COLUMNS

TEMPLATES = Path(__file__).parent / "templates"


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["label"] = lambda participant: participant["name"] or participant["text"]
    env.filters["path"] = lambda value: quote(str(value), safe="")
    env.globals |= {
        "QUAD_CLASSES": QUAD_CLASSES,
        "EVENT_TYPES": EVENT_TYPES,
        "SORT_COLUMNS": SORT_COLUMNS,
    }
    return env


class Pages:
    """The page routes over one store, rendered with one template environment."""

    def __init__(self, access: StoreAccess) -> None:
        self.access = access
        self.config = access.config
        self.env = environment()

    def render(self, template: str, request: Request, status: int = 200, **data: Any) -> Response:
        page = self.env.get_template(template).render(request=request, config=self.config, **data)
        return HTMLResponse(page, status_code=status)

    def routes(self) -> list[Route]:
        return [
            Route("/", self.home),
            Route("/dyad/{a}/{b}", self.dyad),
            Route("/events", self.events),
            Route("/article/{doc_id}", self.article),
            Route("/actor/{actor_id}", self.actor),
            Route("/network", self.network),
            Route("/search", self.search),
            Route("/dyad", self.dyad_form),
        ]

    def home(self, request: Request) -> Response:
        with self.access.store() as store:
            data = content.home(store, self.config)
        return self.render("home.html", request, **data)

    def dyad_form(self, request: Request) -> Response:
        """The home page's dyad form: /dyad?a=IRQ&b=SYR goes to /dyad/IRQ/SYR."""
        side_a = request.query_params.get("a", "").strip()
        side_b = request.query_params.get("b", "").strip()
        if not side_a or not side_b:
            return self.render("error.html", request, 400, message="a dyad needs two actors")
        return RedirectResponse(f"/dyad/{quote(side_a, safe='')}/{quote(side_b, safe='')}", 303)

    def dyad(self, request: Request) -> Response:
        side_a, side_b = request.path_params["a"], request.path_params["b"]
        since = date_param(request.query_params, "since")
        until = date_param(request.query_params, "until")
        with self.access.store() as store:
            brief = content.dyad(store, side_a, side_b, since, until, self.config)
        chart = svg.monthly_chart(
            [(m["month"], m["counts"]) for m in brief["months"]],
            f"Events between {side_a} and {side_b} per month",
        )
        table = EventQuery(a=side_a, b=side_b, since=since, until=until)
        return self.render("dyad.html", request, brief=brief, chart=chart, table=table)

    def events(self, request: Request) -> Response:
        query = EventQuery.from_params(request.query_params, self.config.max_rows)
        with self.access.store() as store:
            data = content.events(store, query, self.config)
        pages = max(1, -(-data["total"] // query.per_page))
        return self.render("events.html", request, query=query, pages=pages, **data)

    def article(self, request: Request) -> Response:
        with self.access.store() as store:
            found = content.article(store, request.path_params["doc_id"])
        blocks = content.marked_text(found)
        return self.render("article.html", request, article=found, blocks=blocks)

    def actor(self, request: Request) -> Response:
        with self.access.store() as store:
            found = content.actor(store, request.path_params["actor_id"], self.config)
        chart = svg.monthly_chart(
            [(m["month"], m["counts"]) for m in found["months"]],
            f"Events of {found['name']} per month",
        )
        return self.render("actor.html", request, actor=found, chart=chart)

    def network(self, request: Request) -> Response:
        since = date_param(request.query_params, "since")
        until = date_param(request.query_params, "until")
        with self.access.store() as store:
            data = content.network(store, since, until, self.config)
        picture = svg.network(
            [svg.Node(node["id"], node["name"]) for node in data["nodes"]],
            [svg.Edge(e["a"], e["b"], (e["q1"], e["q2"], e["q3"], e["q4"])) for e in data["edges"]],
            href="/actor/{}",
        )
        return self.render("network.html", request, picture=picture, **data)

    def search(self, request: Request) -> Response:
        text = request.query_params.get("q", "").strip()
        data: dict[str, Any] = {"q": text, "articles": [], "actors": []}
        if text:
            with self.access.store() as store:
                data = content.search(store, text, self.config)
        return self.render("search.html", request, **data)
