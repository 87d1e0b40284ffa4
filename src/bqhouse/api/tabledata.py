"""tabledata.insertAll and tabledata.list."""

from __future__ import annotations

from starlette.requests import Request
from starlette.routing import Route

from bqhouse.api.app import Resource, endpoint, query_flag, query_int
from bqhouse.warehouse import Warehouse

_BASE = "/bigquery/v2/projects/{project}/datasets/{dataset}/tables/{table}"


def _ids(request: Request) -> tuple[str, str, str]:
    p = request.path_params
    return p["project"], p["dataset"], p["table"]


def insert_all(wh: Warehouse, request: Request, body: Resource) -> Resource:
    return wh.tabledata.insert_all(*_ids(request), body)


def list_(wh: Warehouse, request: Request, body: Resource) -> Resource:
    return wh.tabledata.list_rows(
        *_ids(request),
        start_index=query_int(request, "startIndex") or 0,
        max_results=query_int(request, "maxResults"),
        page_token=request.query_params.get("pageToken"),
        selected_fields=request.query_params.get("selectedFields"),
        use_int64_timestamp=query_flag(request, "formatOptions.useInt64Timestamp"),
        wire=True,  # rows go out as pre-encoded JSON
    )


ROUTES = [
    Route(_BASE + "/insertAll", endpoint(insert_all), methods=["POST"]),
    Route(_BASE + "/data", endpoint(list_), methods=["GET"]),
]
