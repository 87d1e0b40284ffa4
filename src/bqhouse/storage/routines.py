"""Routines (persistent SQL functions): the REST Routine resource over ``lake._bqhouse.routines``.

The macro lives in each server process's DuckDB (see ``Lake._restore_routines``); the record
holds the BigQuery resource and the macro's DDL so every process can re-create it.
https://cloud.google.com/bigquery/docs/reference/rest/v2/routines
"""

from __future__ import annotations

from typing import Any

import duckdb
import orjson
from sqlglot import exp

from bqhouse import errors
from bqhouse.sql.routines import RoutineRef
from bqhouse.storage.catalog import Catalog, now_ms
from bqhouse.storage.lake import LAKE, META_SCHEMA

Resource = dict[str, Any]
_TABLE = f"{LAKE}.{META_SCHEMA}.routines"


def routine_resource(statement: exp.Create, ref: RoutineRef) -> Resource:
    """The REST Routine of a ``CREATE FUNCTION`` statement."""
    udf = statement.this
    arguments = [
        {"name": column.name, **_type(column.args.get("kind"))}
        for column in (udf.expressions if isinstance(udf, exp.UserDefinedFunction) else [])
        if isinstance(column, exp.ColumnDef)
    ]
    body = statement.expression
    properties = statement.args.get("properties")
    returns = properties.find(exp.ReturnsProperty) if properties else None
    resource: Resource = {
        "routineReference": {
            "projectId": ref.project,
            "datasetId": ref.dataset,
            "routineId": ref.routine,
        },
        "routineType": "SCALAR_FUNCTION",
        "language": "SQL",
        "arguments": arguments,
        "definitionBody": body.sql("bigquery") if isinstance(body, exp.Expr) else "",
    }
    if returns is not None and isinstance(returns.this, exp.DataType):
        resource["returnType"] = {"typeKind": returns.this.sql("bigquery")}
    return resource


def _type(kind: object) -> Resource:
    if isinstance(kind, exp.DataType) and kind.this == exp.DType.VARIANT:
        return {"argumentKind": "ANY_TYPE"}
    if isinstance(kind, exp.DataType):
        return {"dataType": {"typeKind": kind.sql("bigquery")}}
    return {}


def put_routine(
    cur: duckdb.DuckDBPyConnection, ref: RoutineRef, resource: Resource, macro: str
) -> None:
    """Record (or replace) a routine inside the caller's lake transaction."""
    key = [ref.project, ref.dataset, ref.routine]
    row = cur.execute(
        f"SELECT created_ms FROM {_TABLE} WHERE project = ? AND dataset = ? AND routine_id = ?",
        key,
    ).fetchone()
    cur.execute(f"DELETE FROM {_TABLE} WHERE project = ? AND dataset = ? AND routine_id = ?", key)
    created = int(row[0]) if row else now_ms()
    cur.execute(
        f"INSERT INTO {_TABLE} VALUES (?, ?, ?, ?, ?, ?, ?)",
        [*key, created, now_ms(), orjson.dumps(resource).decode(), macro],
    )


def drop_routine(cur: duckdb.DuckDBPyConnection, ref: RoutineRef) -> None:
    cur.execute(
        f"DELETE FROM {_TABLE} WHERE project = ? AND dataset = ? AND routine_id = ?",
        [ref.project, ref.dataset, ref.routine],
    )


def _rows(catalog: Catalog, project: str, dataset: str, routine: str | None) -> list[Any]:
    sql = f"SELECT routine_id, created_ms, modified_ms, body FROM {_TABLE} "
    sql += "WHERE project = ? AND dataset = ?"
    params = [project, dataset]
    if routine is not None:
        sql += " AND routine_id = ?"
        params.append(routine)
    return catalog.lake.cursor().execute(sql + " ORDER BY routine_id", params).fetchall()


def _resource(project: str, dataset: str, row: Any) -> Resource:
    routine, created, modified, body = row
    return {
        **orjson.loads(body),
        "etag": f"{routine}:{modified}",
        "creationTime": str(created),
        "lastModifiedTime": str(modified),
    }


def list_routines(catalog: Catalog, project: str, dataset: str) -> list[Resource]:
    catalog.require_dataset(project, dataset)
    return [_resource(project, dataset, row) for row in _rows(catalog, project, dataset, None)]


def get_routine(catalog: Catalog, project: str, dataset: str, routine: str) -> Resource:
    catalog.require_dataset(project, dataset)
    rows = _rows(catalog, project, dataset, routine)
    if not rows:
        raise errors.NotFound(f"Not found: Routine {project}:{dataset}.{routine}")
    return _resource(project, dataset, rows[0])
