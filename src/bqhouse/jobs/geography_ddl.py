"""GEOGRAPHY columns through CREATE TABLE jobs: which table columns to mark on read, the CTAS
that stores marked results as WKT text, and the schema recorded for the new table.

See ``bqhouse.sql.geography_tables`` for the translation side.
"""

from __future__ import annotations

from typing import Any, Protocol

import duckdb

from bqhouse import schema
from bqhouse.engine.duckdb import execute
from bqhouse.sql.geography_tables import MARKED, Ctas, GeographyColumns, declared_geography
from bqhouse.sql.translate import TableRef, Translated
from bqhouse.storage.lake import table_sql


class _Catalog(Protocol):
    def table_kind(self, project: str, dataset: str, table: str) -> str | None: ...

    def declared_fields(self, project: str, dataset: str, table: str) -> list[dict[str, Any]]: ...

    def table_fields(self, project: str, dataset: str, table: str) -> list[dict[str, Any]]: ...

    def put_table_meta(
        self, cur: duckdb.DuckDBPyConnection, project: str, dataset: str, table: str, body: Any
    ) -> None: ...


def catalog_columns(catalog: _Catalog) -> GeographyColumns:
    """The GEOGRAPHY columns of a lake table, from its (per-snapshot cached) catalog entry.

    Views are left alone: their columns are already marked by their own query.
    """

    def columns(project: str, dataset: str, table: str) -> list[tuple[str, bool]]:
        if catalog.table_kind(project, dataset, table) != "TABLE":
            return []
        declared = catalog.declared_fields(project, dataset, table)
        if not any(_has_geography(f) for f in declared):
            return []  # the common case: no read of the table's physical columns
        return [
            (f["name"], f.get("mode") == "REPEATED")
            for f in catalog.table_fields(project, dataset, table)
            if f["type"] == "GEOGRAPHY"
        ]

    return columns


def _has_geography(field: dict[str, Any]) -> bool:
    return field.get("type") == "GEOGRAPHY" or any(
        _has_geography(f) for f in field.get("fields") or []
    )


def unmarked_ctas(
    cur: duckdb.DuckDBPyConnection, ctas: Ctas, values: Any
) -> tuple[str | None, list[dict[str, Any]]]:
    """(the CTAS with its GEOGRAPHY columns cast to VARCHAR, or None when it has none;
    the GEOGRAPHY-typed result fields to record)."""
    described = execute(cur, f"DESCRIBE {ctas.query_sql}", values).fetchall()  # binds only
    casts = {
        str(row[0]): str(row[1]).replace(MARKED, "VARCHAR")
        for row in described
        if MARKED in str(row[1])
    }
    if not casts:
        return None, []
    found = execute(cur, f"SELECT * FROM ({ctas.query_sql}) AS _bq_ctas LIMIT 0", values)
    fields = schema.fields_from_arrow(found.fetch_arrow_table().schema)
    return ctas.with_casts(casts), [f for f in fields if f["name"] in casts]


def prepare(
    catalog: _Catalog, cur: duckdb.DuckDBPyConnection, statement: Translated, values: Any
) -> tuple[str, list[dict[str, Any]]]:
    """The SQL to run for a translated statement and the GEOGRAPHY fields of the table it
    creates (none for ``CREATE TABLE IF NOT EXISTS`` of a table that exists)."""
    fields: list[dict[str, Any]] = []
    sql: str | None = None
    if statement.ctas is not None:
        sql, fields = unmarked_ctas(cur, statement.ctas, values)
    elif statement.statement_type == "CREATE_TABLE":
        fields = declared_geography(statement.expression)
    t = statement.target
    kept = t is not None and catalog.table_kind(t.project, t.dataset, t.table) is not None
    if fields and kept and statement.expression.args.get("exists"):
        fields = []  # CREATE TABLE IF NOT EXISTS of an existing table changes nothing
    return sql or statement.sql, fields


def record(
    catalog: _Catalog,
    cur: duckdb.DuckDBPyConnection,
    target: TableRef | None,
    declared: list[dict[str, Any]],
) -> None:
    """Lay ``declared`` over the new table's physical columns and store that as its schema."""
    if not declared or target is None:
        return
    project, dataset, table = target.project, target.dataset, target.table
    physical = cur.execute(f"SELECT * FROM {table_sql(project, dataset, table)} LIMIT 0")
    derived = schema.fields_from_arrow(physical.fetch_arrow_table().schema)
    fields = schema.overlay_fields(derived, declared)
    reference = {"projectId": project, "datasetId": dataset, "tableId": table}
    body = {"tableReference": reference, "schema": {"fields": fields}}
    catalog.put_table_meta(cur, project, dataset, table, body)
