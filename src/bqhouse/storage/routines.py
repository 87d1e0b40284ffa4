"""Routines (persistent SQL functions): the REST Routine resource over ``lake._bqhouse.routines``.

The macro lives in each server process's DuckDB (see ``Lake._restore_routines``); the record
holds the BigQuery resource and the macro's DDL so every process can re-create it.
https://cloud.google.com/bigquery/docs/reference/rest/v2/routines
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import duckdb
import orjson
from sqlglot import exp

from bqhouse import errors
from bqhouse.sql import js_udf
from bqhouse.sql.procedures import ProcedureHeader
from bqhouse.sql.routines import RoutineRef, return_table
from bqhouse.storage.catalog import Catalog, now_ms
from bqhouse.storage.lake import LAKE, META_SCHEMA

Resource = dict[str, Any]
# Keys of the stored resource that the API does not show: the tables a table function reads.
_PRIVATE = "_bqhouse"
_READS = "_bqhouse_reads"
_TABLE = f"{LAKE}.{META_SCHEMA}.routines"


def routine_resource(statement: exp.Create, ref: RoutineRef, *, table: bool = False) -> Resource:
    """The REST Routine of a ``CREATE [TABLE] FUNCTION`` statement."""
    udf = statement.this
    arguments = [
        {"name": column.name, **_type(column.args.get("kind"))}
        for column in (udf.expressions if isinstance(udf, exp.UserDefinedFunction) else [])
        if isinstance(column, exp.ColumnDef)
    ]
    body = statement.expression
    properties = statement.args.get("properties")
    returns = properties.find(exp.ReturnsProperty) if properties else None
    javascript = js_udf.is_javascript(statement)
    if isinstance(body, (exp.Literal, exp.RawString)) and javascript:
        definition = str(body.this)
    elif isinstance(body, exp.Subquery) and table:
        definition = body.this.sql("bigquery")
    else:
        definition = body.sql("bigquery") if isinstance(body, exp.Expr) else ""
    resource: Resource = {
        "routineReference": {
            "projectId": ref.project,
            "datasetId": ref.dataset,
            "routineId": ref.routine,
        },
        "routineType": "TABLE_VALUED_FUNCTION" if table else "SCALAR_FUNCTION",
        "language": "JAVASCRIPT" if javascript else "SQL",
        "arguments": arguments,
        "definitionBody": definition,
    }
    if table:
        columns = return_table(statement)
        if columns:
            resource["returnTableType"] = {
                "columns": [{"name": n, "type": _standard_type(k)} for n, k in columns]
            }
    elif returns is not None and isinstance(returns.this, exp.DataType):
        resource["returnType"] = _standard_type(returns.this)
    return resource


def _standard_type(kind: exp.DataType) -> Resource:
    """A StandardSqlDataType: typeKind, plus arrayElementType / structType for nested types."""
    if kind.this == exp.DType.ARRAY and kind.expressions:
        element = kind.expressions[0]
        assert isinstance(element, exp.DataType)
        return {"typeKind": "ARRAY", "arrayElementType": _standard_type(element)}
    if kind.this == exp.DType.STRUCT:
        fields = [
            {"name": f.name, "type": _standard_type(f.args["kind"])}
            for f in kind.expressions
            if isinstance(f, exp.ColumnDef) and isinstance(f.args.get("kind"), exp.DataType)
        ]
        return {"typeKind": "STRUCT", "structType": {"fields": fields}}
    return {"typeKind": kind.sql("bigquery").split("(")[0].upper()}


def _type(kind: object) -> Resource:
    if isinstance(kind, exp.DataType) and kind.this == exp.DType.VARIANT:
        return {"argumentKind": "ANY_TYPE"}
    if isinstance(kind, exp.DataType):
        return {"dataType": _standard_type(kind)}
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
    cur = catalog.lake.cursor()
    try:
        return cur.execute(sql + " ORDER BY routine_id", params).fetchall()
    finally:
        cur.close()


def _resource(project: str, dataset: str, row: Any) -> Resource:
    routine, created, modified, body = row
    stored = orjson.loads(body)
    return {
        **{k: v for k, v in stored.items() if not k.startswith(_PRIVATE)},
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


# -- DDL ------------------------------------------------------------------------------------------

_KIND_WORDS = {
    "SCALAR_FUNCTION": "Function",
    "TABLE_VALUED_FUNCTION": "Table function",
    "PROCEDURE": "Procedure",
}
_DROP_TYPES = {
    "SCALAR_FUNCTION": "DROP_FUNCTION",
    "TABLE_VALUED_FUNCTION": "DROP_TABLE_FUNCTION",
    "PROCEDURE": "DROP_PROCEDURE",
}


def find_routine(catalog: Catalog, ref: RoutineRef) -> Resource | None:
    rows = _rows(catalog, ref.project, ref.dataset, ref.routine)
    return _resource(ref.project, ref.dataset, rows[0]) if rows else None


def _drop_sql(kind: str, ref: RoutineRef) -> str | None:
    from bqhouse.sql.routines import persistent_name

    name = persistent_name(ref).sql("duckdb")
    if kind == "TABLE_VALUED_FUNCTION":
        return f"DROP MACRO TABLE IF EXISTS {name}"
    if kind == "SCALAR_FUNCTION":
        return f"DROP MACRO IF EXISTS {name}"
    return None  # a procedure is only its record


def execute_routine(
    catalog: Catalog, cur: duckdb.DuckDBPyConnection, statement: Any
) -> tuple[str, Resource]:
    """CREATE/DROP [TABLE] FUNCTION and DROP PROCEDURE (``statement`` is a ``Translated``).

    The macro (and a JS function's UDF) is process-local: DuckDB cannot write it in the same
    transaction as the lake, so the routine record is written to the lake after it. Returns the
    statement type and the job's DDL statistics.
    """
    from bqhouse.engine.duckdb import map_exceptions

    ref: RoutineRef | None = statement.routine
    statement_type: str = statement.statement_type
    creating = statement_type.startswith("CREATE")
    if ref is None:  # a temporary function: a macro of the script's connection only
        js_udf.prepare(catalog.lake, cur, statement.sql)
        with map_exceptions():
            cur.execute(statement.sql)
        return statement_type, {}
    catalog.require_dataset(ref.project, ref.dataset)
    existing = find_routine(catalog, ref)
    if creating:
        if existing is not None and statement.expression.args.get("exists"):
            return statement_type, _ddl("SKIP", ref)  # CREATE ... IF NOT EXISTS
        if existing is not None and not statement.expression.args.get("replace"):
            word = _KIND_WORDS.get(existing.get("routineType", ""), "Routine")
            raise errors.Duplicate(
                f"Already Exists: {word} {ref.project}:{ref.dataset}.{ref.routine}"
            )
        if existing is not None:
            _drop_macro(catalog, cur, existing, ref)
        js_udf.prepare(catalog.lake, cur, statement.sql)
        with map_exceptions():
            cur.execute(statement.sql)
        table = statement_type == "CREATE_TABLE_FUNCTION"
        resource = routine_resource(statement.expression, ref, table=table)
        if table:  # a call reads these: the caller needs their permissions (table_function_reads)
            resource[_READS] = [[t.project, t.dataset, t.table] for t in statement.tables]
        with catalog.lake.transaction() as writer:
            put_routine(writer, ref, resource, statement.sql)
        return statement_type, _ddl("REPLACE" if existing else "CREATE", ref)
    procedure = statement_type == "DROP_PROCEDURE"
    if existing is None or (existing.get("routineType") == "PROCEDURE") != procedure:
        if statement.expression.args.get("exists"):
            return statement_type, _ddl("SKIP", ref)
        word = "Procedure" if procedure else "Function"
        raise errors.NotFound(f"Not found: {word} {ref.project}:{ref.dataset}.{ref.routine}")
    _drop_macro(catalog, cur, existing, ref)
    with catalog.lake.transaction() as writer:
        drop_routine(writer, ref)
    return _DROP_TYPES.get(existing.get("routineType", ""), statement_type), _ddl("DROP", ref)


def _drop_macro(
    catalog: Catalog, cur: duckdb.DuckDBPyConnection, existing: Resource, ref: RoutineRef
) -> None:
    sql = _drop_sql(existing.get("routineType", ""), ref)
    if sql is not None:
        cur.execute(sql)
    js_udf.forget(catalog.lake, ref.macro)


def _ddl(operation: str, ref: RoutineRef) -> Resource:
    return {
        "ddlOperationPerformed": operation,
        "ddlTargetRoutine": {
            "projectId": ref.project,
            "datasetId": ref.dataset,
            "routineId": ref.routine,
        },
    }


# -- procedures -----------------------------------------------------------------------------------


def type_sql(standard: Resource, *, quoted: bool = True) -> str:
    """GoogleSQL type text of a StandardSqlDataType (``ARRAY<STRUCT<`a` INT64>>``...); with
    ``quoted=False`` field names are bare, as INFORMATION_SCHEMA prints them."""
    kind = standard.get("typeKind", "")
    if kind == "ARRAY":
        return f"ARRAY<{type_sql(standard.get('arrayElementType') or {}, quoted=quoted)}>"
    if kind == "STRUCT":
        fields = (standard.get("structType") or {}).get("fields") or []
        inner = ", ".join(
            f"{_field_name(f, quoted)} {type_sql(f.get('type') or {}, quoted=quoted)}"
            for f in fields
        )
        return f"STRUCT<{inner}>"
    if not kind:
        raise errors.Invalid("A routine argument needs a dataType with a typeKind")
    return str(kind)


def _field_name(field: Resource, quoted: bool) -> str:
    return f"`{field['name']}`" if quoted else str(field.get("name"))


def create_procedure(catalog: Catalog, header: ProcedureHeader, body: str) -> Resource:
    """Record ``CREATE PROCEDURE``: a procedure is only its record (the script runner runs it)."""
    ref = header.ref
    catalog.require_dataset(ref.project, ref.dataset)
    existing = find_routine(catalog, ref)
    if existing is not None and header.if_not_exists:
        return _ddl("SKIP", ref)
    if existing is not None and not header.replace:
        raise errors.Duplicate(
            f"Already Exists: Procedure {ref.project}:{ref.dataset}.{ref.routine}"
        )
    if existing is not None and existing.get("routineType") != "PROCEDURE":
        raise errors.Duplicate(
            f"Already Exists: {_KIND_WORDS.get(existing.get('routineType', ''), 'Routine')} "
            f"{ref.project}:{ref.dataset}.{ref.routine}"
        )
    arguments = [
        {
            "name": a.name,
            "mode": a.mode,
            "dataType": _standard_type(exp.DataType.build(a.type_sql, dialect="bigquery")),
        }
        for a in header.arguments
    ]
    resource: Resource = {
        "routineReference": {
            "projectId": ref.project,
            "datasetId": ref.dataset,
            "routineId": ref.routine,
        },
        "routineType": "PROCEDURE",
        "language": "SQL",
        "arguments": arguments,
        "definitionBody": body,
    }
    with catalog.lake.transaction() as writer:
        put_routine(writer, ref, resource, "")
    return _ddl("REPLACE" if existing else "CREATE", ref)


def get_procedure(catalog: Catalog, ref: RoutineRef) -> Resource:
    found = find_routine(catalog, ref)
    if found is None or found.get("routineType") != "PROCEDURE":
        raise errors.NotFound(f"Not found: Procedure {ref.project}:{ref.dataset}.{ref.routine}")
    return found


# -- calls ----------------------------------------------------------------------------------------


def table_function_reads(catalog: Catalog, statement: Any) -> list[Any]:
    """The tables the table functions ``statement`` calls read (a ``Translated``'s TableRefs).

    An unknown function is BigQuery's "Table-valued function not found" before anything runs.
    """
    from bqhouse.sql.translate import TableRef

    reads: list[TableRef] = []
    for ref in statement.table_functions:
        rows = _rows(catalog, ref.project, ref.dataset, ref.routine)
        stored = orjson.loads(rows[0][3]) if rows else None
        if stored is None or stored.get("routineType") != "TABLE_VALUED_FUNCTION":
            raise errors.InvalidQuery(
                f"Table-valued function not found: {ref.project}.{ref.dataset}.{ref.routine}",
                location="query",
            )
        reads += [TableRef(*parts) for parts in stored.get(_READS) or []]
    return reads


def check_table_functions(
    catalog: Catalog, statement: Any, authorize: Callable[[Any], None] | None
) -> None:
    """Before a statement runs: its table functions exist, and (with auth) the caller may read
    the tables they read, as if the query named them (no authorized routines)."""
    if not statement.table_functions:
        return
    from bqhouse.sql.translate import Translated

    reads = table_function_reads(catalog, statement)
    if authorize is not None and reads:
        expression = statement.expression
        authorize(Translated("", "SELECT", reads, None, expression))
