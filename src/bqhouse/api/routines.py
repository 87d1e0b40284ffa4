"""routines.list/get/delete/insert (SQL scalar functions)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.routing import Route

from bqhouse import errors
from bqhouse.api.app import Resource, endpoint, paginate
from bqhouse.storage.routines import get_routine, list_routines
from bqhouse.warehouse import Warehouse

_BASE = "/bigquery/v2/projects/{project}/datasets/{dataset}/routines"


def _ids(request: Request) -> tuple[str, str, str]:
    p = request.path_params
    return p["project"], p["dataset"], p["routine"]


def list_(wh: Warehouse, request: Request, body: Resource) -> Resource:
    p = request.path_params
    items = list_routines(wh.catalog, p["project"], p["dataset"])
    return paginate(items, request, "routines", "bigquery#listRoutinesResponse")


def get(wh: Warehouse, request: Request, body: Resource) -> Resource:
    return get_routine(wh.catalog, *_ids(request))


def _run(wh: Warehouse, project: str, sql: str) -> None:
    wh.jobs.query(project, {"query": sql, "useLegacySql": False})


def insert(wh: Warehouse, request: Request, body: Resource) -> Resource:
    """Create a SQL function from a Routine resource, through the same path as CREATE FUNCTION."""
    p = request.path_params
    ref = body.get("routineReference") or {}
    routine = ref.get("routineId")
    if not routine or body.get("language", "SQL") != "SQL" or not body.get("definitionBody"):
        raise errors.Invalid("A routine needs routineReference.routineId and a SQL definitionBody")
    arguments = ", ".join(
        f"`{a['name']}` "
        + ("ANY TYPE" if a.get("argumentKind") == "ANY_TYPE" else a["dataType"]["typeKind"])
        for a in body.get("arguments") or []
    )
    returns = body.get("returnType", {}).get("typeKind")
    sql = f"CREATE FUNCTION `{p['project']}.{p['dataset']}.{routine}`({arguments})"
    sql += f" RETURNS {returns}" if returns else ""
    _run(wh, p["project"], f"{sql} AS ({body['definitionBody']})")
    return get_routine(wh.catalog, p["project"], p["dataset"], routine)


def delete(wh: Warehouse, request: Request, body: Resource) -> None:
    project, dataset, routine = _ids(request)
    get_routine(wh.catalog, project, dataset, routine)
    _run(wh, project, f"DROP FUNCTION `{project}.{dataset}.{routine}`")


ROUTES = [
    Route(_BASE, endpoint(list_), methods=["GET"]),
    Route(_BASE, endpoint(insert), methods=["POST"]),
    Route(_BASE + "/{routine}", endpoint(get), methods=["GET"]),
    Route(_BASE + "/{routine}", endpoint(delete), methods=["DELETE"]),
]
