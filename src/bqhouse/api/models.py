"""models.list/get/patch/delete: the models CREATE MODEL trained (``bqhouse.ml.store``).

https://cloud.google.com/bigquery/docs/reference/rest/v2/models
"""

from __future__ import annotations

import time
from typing import Any

from starlette.requests import Request
from starlette.routing import Route

from bqhouse.api.app import Resource, endpoint, paginate
from bqhouse.ml.sqltext import ModelRef
from bqhouse.ml.store import ModelStore
from bqhouse.warehouse import Warehouse

_BASE = "/bigquery/v2/projects/{project}/datasets/{dataset}/models"
# Fields models.patch may change; the rest of a model is what training produced.
_PATCHABLE = ("description", "friendlyName", "labels", "expirationTime")
# What models.list shows of each model (the discovery doc's ListModelsResponse).
_LISTED = ("modelReference", "modelType", "creationTime", "lastModifiedTime", "labels", "location")


def _store(wh: Warehouse) -> ModelStore:
    return ModelStore(wh.lake.data_dir)


def _ref(wh: Warehouse, request: Request) -> ModelRef:
    p = request.path_params
    wh.catalog.require_dataset(p["project"], p["dataset"])
    return ModelRef(p["project"], p["dataset"], p["model"])


def list_(wh: Warehouse, request: Request, body: Resource) -> Resource:
    p = request.path_params
    wh.catalog.require_dataset(p["project"], p["dataset"])
    store = _store(wh)
    items: list[dict[str, Any]] = []
    for name in store.list(p["project"], p["dataset"]):
        model = store.load_meta(ModelRef(p["project"], p["dataset"], name))["resource"]
        items.append({k: model[k] for k in _LISTED if k in model})
    found = paginate(items, request, "models", "bigquery#modelList")
    found.pop("kind", None)
    return found


def get(wh: Warehouse, request: Request, body: Resource) -> Resource:
    resource: Resource = _store(wh).load_meta(_ref(wh, request))["resource"]
    return resource


def patch(wh: Warehouse, request: Request, body: Resource) -> Resource:
    ref = _ref(wh, request)
    store = _store(wh)
    meta = store.load_meta(ref)
    resource: Resource = meta["resource"]
    for key in _PATCHABLE:
        if key in body:
            resource[key] = body[key]
    resource["lastModifiedTime"] = resource["etag"] = str(int(time.time() * 1000))
    store.save_meta(ref, meta)
    return resource


def delete(wh: Warehouse, request: Request, body: Resource) -> None:
    ref = _ref(wh, request)
    if not _store(wh).delete(ref):
        from bqhouse.ml.store import not_found

        raise not_found(ref)


ROUTES = [
    Route(_BASE, endpoint(list_), methods=["GET"]),
    Route(_BASE + "/{model}", endpoint(get), methods=["GET"]),
    Route(_BASE + "/{model}", endpoint(patch), methods=["PATCH"]),
    Route(_BASE + "/{model}", endpoint(delete), methods=["DELETE"]),
]
