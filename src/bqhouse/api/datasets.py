"""datasets.insert/get/list/patch/update/delete."""

from __future__ import annotations

from starlette.requests import Request
from starlette.routing import Route

from bqhouse import errors
from bqhouse.api.app import Resource, endpoint, paginate, query_flag
from bqhouse.warehouse import Warehouse

_BASE = "/bigquery/v2/projects/{project}/datasets"


def _ids(request: Request) -> tuple[str, str]:
    return request.path_params["project"], request.path_params["dataset"]


def insert(wh: Warehouse, request: Request, body: Resource) -> Resource:
    project = request.path_params["project"]
    ref = body.get("datasetReference") or {}
    if not ref.get("datasetId"):
        raise errors.Invalid("Missing required field: datasetReference.datasetId")
    return wh.catalog.create_dataset(ref.get("projectId") or project, ref["datasetId"], body)


def get(wh: Warehouse, request: Request, body: Resource) -> Resource:
    # Read-only: every catalog lookup of the request at one snapshot, one snapshot read for all.
    with wh.catalog.pinned():
        return wh.catalog.get_dataset(*_ids(request))


def list_(wh: Warehouse, request: Request, body: Resource) -> Resource:
    project = request.path_params["project"]
    with wh.catalog.pinned():
        datasets = wh.catalog.list_datasets(project)
    found = paginate(datasets, request, "datasets", "bigquery#datasetList")
    return {**found, "etag": str(len(found["datasets"]))}


def patch(wh: Warehouse, request: Request, body: Resource) -> Resource:
    return wh.catalog.update_dataset(*_ids(request), body, replace=False)


def update(wh: Warehouse, request: Request, body: Resource) -> Resource:
    return wh.catalog.update_dataset(*_ids(request), body, replace=True)


def delete(wh: Warehouse, request: Request, body: Resource) -> None:
    wh.catalog.delete_dataset(*_ids(request), delete_contents=query_flag(request, "deleteContents"))


def list_projects(wh: Warehouse, request: Request, body: Resource) -> Resource:
    return {
        "kind": "bigquery#projectList",
        "projects": [
            {
                "kind": "bigquery#project",
                "id": wh.project,
                "numericId": "0",
                "projectReference": {"projectId": wh.project},
                "friendlyName": wh.project,
            }
        ],
        "totalItems": 1,
    }


ROUTES = [
    Route("/bigquery/v2/projects", endpoint(list_projects), methods=["GET"]),
    Route(_BASE, endpoint(insert), methods=["POST"]),
    Route(_BASE, endpoint(list_), methods=["GET"]),
    Route(_BASE + "/{dataset}", endpoint(get), methods=["GET"]),
    Route(_BASE + "/{dataset}", endpoint(patch), methods=["PATCH"]),
    Route(_BASE + "/{dataset}", endpoint(update), methods=["PUT"]),
    Route(_BASE + "/{dataset}", endpoint(delete), methods=["DELETE"]),
]
