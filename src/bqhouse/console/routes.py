"""The web console: one page at ``/`` and its static files under ``/console/static/``.

The page talks to the same REST v2 API as any client (datasets, tables, tabledata.list, jobs.query
with ``dryRun``, jobs.insert, getQueryResults, jobs.cancel, jobs.list), so the console needs no
endpoints of its own. CodeMirror 6 and Chart.js come bundled in ``static/console-vendor.js``
(built from ``frontend/`` by ``frontend/build.sh``): nothing is fetched at run time.
"""

from __future__ import annotations

import html
from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

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


ROUTES: list[BaseRoute] = [
    Route("/", index, methods=["GET"]),
    Route("/console", to_index, methods=["GET"]),
    Mount("/console/static", StaticFiles(directory=STATIC), name="console-static"),
]
