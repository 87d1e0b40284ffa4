"""tables.insert/get/list/patch/update/delete."""

from __future__ import annotations

from starlette.requests import Request
from starlette.routing import Route

from bqhouse.api.app import Resource, endpoint, paginate
from bqhouse.jobs import materialized_view
from bqhouse.warehouse import Warehouse

_BASE = "/bigquery/v2/projects/{project}/datasets/{dataset}/tables"


def _ids(request: Request) -> tuple[str, str, str]:
    p = request.path_params
    return p["project"], p["dataset"], p["table"]


def insert(wh: Warehouse, request: Request, body: Resource) -> Resource:
    return wh.catalog.create_table(
        request.path_params["project"], request.path_params["dataset"], body
    )


def get(wh: Warehouse, request: Request, body: Resource) -> Resource:
    # Read-only: every catalog lookup of the request at one snapshot, one snapshot read for all.
    with wh.catalog.pinned():
        anonymous = wh.tabledata.anonymous_table(*_ids(request))
        return anonymous or materialized_view.describe(wh.catalog.get_table(*_ids(request)))


def list_(wh: Warehouse, request: Request, body: Resource) -> Resource:
    with wh.catalog.pinned():
        return _list(wh, request)


def _list(wh: Warehouse, request: Request) -> Resource:
    p = request.path_params
    items = wh.catalog.list_tables(p["project"], p["dataset"])
    for item in items:
        if item.get("type") == "VIEW":  # a materialized view is a view with materializedView
            ref = item["tableReference"]
            full = wh.catalog.get_table(ref["projectId"], ref["datasetId"], ref["tableId"])
            if "materializedView" in full:
                item["materializedView"] = full["materializedView"]
                materialized_view.describe(item)
    return paginate(items, request, "tables", "bigquery#tableList")


def patch(wh: Warehouse, request: Request, body: Resource) -> Resource:
    return wh.catalog.update_table(*_ids(request), body, replace=False)


def update(wh: Warehouse, request: Request, body: Resource) -> Resource:
    return wh.catalog.update_table(*_ids(request), body, replace=True)


def delete(wh: Warehouse, request: Request, body: Resource) -> None:
    wh.catalog.delete_table(*_ids(request))


ROUTES = [
    Route(_BASE, endpoint(insert), methods=["POST"]),
    Route(_BASE, endpoint(list_), methods=["GET"]),
    Route(_BASE + "/{table}", endpoint(get), methods=["GET"]),
    Route(_BASE + "/{table}", endpoint(patch), methods=["PATCH"]),
    Route(_BASE + "/{table}", endpoint(update), methods=["PUT"]),
    Route(_BASE + "/{table}", endpoint(delete), methods=["DELETE"]),
]
