"""jobs.insert/get/list/cancel/delete, jobs.query and jobs.getQueryResults."""

from __future__ import annotations

from starlette.requests import Request
from starlette.routing import Route

from bqhouse.api.app import Resource, endpoint, query_flag, query_int
from bqhouse.warehouse import Warehouse

_BASE = "/bigquery/v2/projects/{project}"


def insert(wh: Warehouse, request: Request, body: Resource) -> Resource:
    return wh.jobs.insert(request.path_params["project"], body)


def get(wh: Warehouse, request: Request, body: Resource) -> Resource:
    p = request.path_params
    return wh.store.get(p["project"], p["job"], request.query_params.get("location"))


def list_(wh: Warehouse, request: Request, body: Resource) -> Resource:
    # With parentJobId only that script's child jobs; without it only top-level jobs.
    start = query_int(request, "pageToken") or 0
    size = query_int(request, "maxResults") or 1000
    jobs, more = wh.store.list_page(
        request.path_params["project"], request.query_params.get("parentJobId"), start, size
    )
    out: Resource = {
        "kind": "bigquery#jobList",
        "jobs": [{**job, "state": job["status"]["state"]} for job in jobs],
    }
    if more:
        out["nextPageToken"] = str(start + size)
    return out


def cancel(wh: Warehouse, request: Request, body: Resource) -> Resource:
    p = request.path_params
    return wh.jobs.cancel(p["project"], p["job"], request.query_params.get("location"))


def delete(wh: Warehouse, request: Request, body: Resource) -> None:
    p = request.path_params
    wh.store.delete(p["project"], p["job"])


def query(wh: Warehouse, request: Request, body: Resource) -> Resource:
    return wh.jobs.query(request.path_params["project"], body, wire=True)


def query_results(wh: Warehouse, request: Request, body: Resource) -> Resource:
    p = request.path_params
    return wh.jobs.results(
        p["project"],
        p["job"],
        location=request.query_params.get("location"),
        start_index=query_int(request, "startIndex") or 0,
        max_results=query_int(request, "maxResults"),
        page_token=request.query_params.get("pageToken"),
        use_int64_timestamp=query_flag(request, "formatOptions.useInt64Timestamp"),
        wire=True,  # rows go out as pre-encoded JSON
    )


ROUTES = [
    Route(_BASE + "/jobs", endpoint(insert), methods=["POST"]),
    Route(_BASE + "/jobs", endpoint(list_), methods=["GET"]),
    Route(_BASE + "/jobs/{job}", endpoint(get), methods=["GET"]),
    Route(_BASE + "/jobs/{job}/cancel", endpoint(cancel), methods=["POST"]),
    Route(_BASE + "/jobs/{job}/delete", endpoint(delete), methods=["DELETE"]),
    Route(_BASE + "/queries", endpoint(query), methods=["POST"]),
    Route(_BASE + "/queries/{job}", endpoint(query_results), methods=["GET"]),
]
