"""The REST v2 application: routes from each resource module, one error handler.

Paths follow Google's discovery document (``/bigquery/v2/...`` and ``/upload/bigquery/v2/...``).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from bqhouse import errors, faults
from bqhouse.warehouse import Warehouse

log = logging.getLogger(__name__)

Resource = dict[str, Any]
Handler = Callable[[Warehouse, Request, Resource], Resource | None]


class ORJSONResponse(JSONResponse):
    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


def _error_response(exc: errors.BigQueryError) -> Response:
    return ORJSONResponse(errors.error_body(exc), status_code=exc.http_status)


async def read_json(request: Request) -> Resource:
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise errors.Invalid(f"Invalid JSON payload received. {exc}") from exc
    if not isinstance(body, dict):
        raise errors.Invalid("Invalid JSON payload received. Expected an object.")
    return body


def endpoint(
    handler: Handler, *, status_code: int = 200
) -> Callable[[Request], Awaitable[Response]]:
    """Adapt ``handler(warehouse, request, body)`` to Starlette; the work runs in a thread."""

    async def asgi(request: Request) -> Response:
        body = await read_json(request) if request.method in ("POST", "PUT", "PATCH") else {}
        warehouse: Warehouse = request.app.state.warehouse
        result = await run_in_threadpool(handler, warehouse, request, body)
        if result is None:
            return Response(status_code=204)
        return ORJSONResponse(result, status_code=status_code)

    return asgi


def query_flag(request: Request, name: str) -> bool:
    return request.query_params.get(name, "").lower() == "true"


def query_int(request: Request, name: str) -> int | None:
    value = request.query_params.get(name)
    if value in (None, ""):
        return None
    try:
        return int(value)
    except ValueError as exc:
        raise errors.Invalid(f"Invalid value for {name}: {value}") from exc


def paginate(items: list[Resource], request: Request, key: str, kind: str) -> Resource:
    """A list response with maxResults/pageToken paging over ``items``."""
    start = query_int(request, "pageToken") or 0
    size = query_int(request, "maxResults") or 1000
    out: Resource = {"kind": kind, key: items[start : start + size]}
    if key == "tables":
        out["totalItems"] = len(items)
    if start + size < len(items):
        out["nextPageToken"] = str(start + size)
    return out


async def _bigquery_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, errors.BigQueryError)
    if type(exc) is errors.InternalError:
        log.error("internal error on %s %s", request.method, request.url.path, exc_info=exc)
    # internalError would be retried by clients for minutes: answer a non-retried fault.
    return _error_response(faults.classify(exc))


async def _unexpected_error(request: Request, exc: Exception) -> Response:
    log.error("internal error on %s %s", request.method, request.url.path, exc_info=exc)
    return _error_response(faults.classify(exc))


async def _not_found(request: Request, exc: Exception) -> Response:
    return _error_response(errors.NotFound(f"Not found: URL {request.url.path}"))


async def healthz(request: Request) -> Response:
    return PlainTextResponse("ok")


def routes() -> list[BaseRoute]:
    from bqhouse.api import datasets, jobs, routines, tabledata, tables, upload

    found: list[BaseRoute] = [Route("/healthz", healthz)]
    for module in (datasets, tables, tabledata, jobs, upload, routines):
        found.extend(module.ROUTES)
    from bqhouse.api import iam, models

    found.extend(models.ROUTES)

    found.extend(iam.ROUTES)
    from bqhouse.console.routes import ROUTES as CONSOLE_ROUTES  # /, /console/static/...

    found.extend(CONSOLE_ROUTES)
    return found


def create_app(warehouse: Warehouse) -> Starlette:
    """The ASGI app serving ``warehouse``."""
    app = Starlette(
        routes=routes(),
        exception_handlers={
            errors.BigQueryError: _bigquery_error,
            404: _not_found,
            Exception: _unexpected_error,
        },
    )
    app.state.warehouse = warehouse
    if warehouse.auth is not None:
        from bqhouse.auth.http import ROUTES as AUTH_ROUTES
        from bqhouse.auth.http import AuthMiddleware

        app.router.routes.extend(AUTH_ROUTES)
        app.add_middleware(AuthMiddleware, auth=warehouse.auth)
    # Request limits, then /metrics and the JSON request log outermost (see docs/reliability.md).
    from bqhouse.api import limits, metrics

    app.add_middleware(limits.LimitsMiddleware)
    metrics.install(app, warehouse)
    return app
