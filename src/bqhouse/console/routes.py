"""The web console: one page at ``/``, its static files under ``/console/static/``, and its
saved queries under ``/console/api/saved-queries``.

The page talks to the same REST v2 API as any client (datasets, tables, tabledata.list, jobs.query
with ``dryRun``, jobs.insert, getQueryResults, jobs.cancel, jobs.list); its only endpoints of its
own are the saved queries (``saved.py``). With auth on, the page and its static files are public
(they hold no data) and every API call carries the signed-in user's bearer token. CodeMirror 6
and Chart.js come bundled in ``static/console-vendor.js`` (built from ``frontend/`` by
``frontend/build.sh``): nothing is fetched at run time.
"""

from __future__ import annotations

import html
import threading
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from bqhouse.api.app import endpoint
from bqhouse.auth.policy import current_identity
from bqhouse.console.saved import SavedQueries
from bqhouse.warehouse import Warehouse

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
TEMPLATE = HERE / "templates" / "index.html"


async def index(request: Request) -> Response:
    """The console page, with the warehouse's project filled in."""
    project = request.app.state.warehouse.project
    page = TEMPLATE.read_text().replace("{{ project }}", html.escape(project, quote=True))
    return HTMLResponse(page, headers={"Cache-Control": "no-store"})


async def to_index(request: Request) -> Response:
    return RedirectResponse("/", status_code=307)


# ---- saved queries ---------------------------------------------------------------------------

Resource = dict[str, Any]
SAVED = "/console/api/saved-queries"
_open_lock = threading.Lock()


def saved_queries(request: Request) -> SavedQueries:
    """The saved-query store of the app's data directory, opened on first use."""
    state = request.app.state
    with _open_lock:
        store: SavedQueries | None = getattr(state, "saved_queries", None)
        if store is None:
            store = state.saved_queries = SavedQueries(state.warehouse.lake.data_dir)
        return store


def _owner() -> str:
    """Whose list: the authenticated caller's email, or the shared list when auth is off."""
    identity = current_identity.get()
    return identity.email if identity is not None else ""


def _list(warehouse: Warehouse, request: Request, body: Resource) -> Resource:
    return {"savedQueries": saved_queries(request).entries(_owner())}


def _create(warehouse: Warehouse, request: Request, body: Resource) -> Resource:
    return saved_queries(request).create(_owner(), body)


def _get(warehouse: Warehouse, request: Request, body: Resource) -> Resource:
    return saved_queries(request).get(_owner(), request.path_params["saved_id"])


def _update(warehouse: Warehouse, request: Request, body: Resource) -> Resource:
    return saved_queries(request).update(_owner(), request.path_params["saved_id"], body)


def _delete(warehouse: Warehouse, request: Request, body: Resource) -> None:
    saved_queries(request).delete(_owner(), request.path_params["saved_id"])


ROUTES: list[BaseRoute] = [
    Route("/", index, methods=["GET"]),
    Route("/console", to_index, methods=["GET"]),
    Route(SAVED, endpoint(_list), methods=["GET"]),
    Route(SAVED, endpoint(_create), methods=["POST"]),
    Route(SAVED + "/{saved_id}", endpoint(_get), methods=["GET"]),
    Route(SAVED + "/{saved_id}", endpoint(_update), methods=["PATCH"]),
    Route(SAVED + "/{saved_id}", endpoint(_delete), methods=["DELETE"]),
    Mount("/console/static", StaticFiles(directory=STATIC), name="console-static"),
]
