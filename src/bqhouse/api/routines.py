"""routines.list/get/delete/insert: SQL and JavaScript functions, table functions, procedures."""

from __future__ import annotations

from sqlglot import exp
from starlette.requests import Request
from starlette.routing import Route

from bqhouse import errors
from bqhouse.api.app import Resource, endpoint, paginate
from bqhouse.storage.routines import get_routine, list_routines, type_sql
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
    """Create a routine from a Routine resource, through the same path as its DDL statement."""
    p = request.path_params
    ref = body.get("routineReference") or {}
    routine = ref.get("routineId")
    if not routine or not body.get("definitionBody"):
        raise errors.Invalid("A routine needs routineReference.routineId and a definitionBody")
    _run(wh, p["project"], routine_ddl(f"`{p['project']}.{p['dataset']}.{routine}`", body))
    return get_routine(wh.catalog, p["project"], p["dataset"], routine)


def routine_ddl(name: str, body: Resource) -> str:
    """The CREATE statement of a Routine resource (scalar SQL/JS function, TVF or procedure)."""
    kind = body.get("routineType") or "SCALAR_FUNCTION"
    language = (body.get("language") or "SQL").upper()
    definition = body["definitionBody"]
    arguments = ", ".join(
        _argument(a, procedure=kind == "PROCEDURE") for a in body.get("arguments") or []
    )
    if kind == "PROCEDURE":
        text = definition.strip()
        block = text if text.upper().startswith("BEGIN") else f"BEGIN\n{text}\nEND"
        return f"CREATE PROCEDURE {name}({arguments})\n{block}"
    if kind == "TABLE_VALUED_FUNCTION":
        columns = (body.get("returnTableType") or {}).get("columns") or []
        returns = ", ".join(f"`{c['name']}` {type_sql(c.get('type') or {})}" for c in columns)
        sql = f"CREATE TABLE FUNCTION {name}({arguments})"
        sql += f" RETURNS TABLE<{returns}>" if returns else ""
        return f"{sql} AS ({definition})"
    if kind != "SCALAR_FUNCTION" or language not in ("SQL", "JAVASCRIPT"):
        raise errors.Invalid(f"Routines of type {kind} in {language} are not supported by bqhouse")
    returns_type = body.get("returnType")
    sql = f"CREATE FUNCTION {name}({arguments})"
    sql += f" RETURNS {type_sql(returns_type)}" if returns_type else ""
    if language == "JAVASCRIPT":
        return f"{sql} LANGUAGE js AS {exp.Literal.string(definition).sql('bigquery')}"
    return f"{sql} AS ({definition})"


def _argument(argument: Resource, *, procedure: bool) -> str:
    if argument.get("argumentKind") == "ANY_TYPE":
        kind = "ANY TYPE"
    else:
        kind = type_sql(argument.get("dataType") or {})
    mode = f"{argument['mode']} " if procedure and argument.get("mode") else ""
    return f"{mode}`{argument['name']}` {kind}"


def delete(wh: Warehouse, request: Request, body: Resource) -> None:
    project, dataset, routine = _ids(request)
    kind = get_routine(wh.catalog, project, dataset, routine).get("routineType")
    word = "PROCEDURE" if kind == "PROCEDURE" else "FUNCTION"
    _run(wh, project, f"DROP {word} `{project}.{dataset}.{routine}`")


ROUTES = [
    Route(_BASE, endpoint(list_), methods=["GET"]),
    Route(_BASE, endpoint(insert), methods=["POST"]),
    Route(_BASE + "/{routine}", endpoint(get), methods=["GET"]),
    Route(_BASE + "/{routine}", endpoint(delete), methods=["DELETE"]),
]
