"""Write Arrow data into a table with BigQuery's dispositions, atomically.

One function serves query destinations, load jobs, copy jobs and streaming inserts, so the rules
(create/write dispositions, schema update options) live in one place:
https://cloud.google.com/bigquery/docs/reference/rest/v2/Job#JobConfigurationLoad
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pyarrow as pa

from bqhouse import errors, schema
from bqhouse.engine.duckdb import map_exceptions
from bqhouse.storage.catalog import Catalog, now_ms
from bqhouse.storage.lake import table_sql

_names = itertools.count()


@dataclass
class SqlRows:
    """Rows given as a DuckDB query (``SELECT ... FROM read_parquet(...)``): the insert reads them
    straight from the files, with no Arrow copy in Python. Its columns are named as the table's."""

    sql: str
    params: list[Any] = field(default_factory=list)


@dataclass
class WriteRequest:
    """Where and how to write; mirrors the disposition fields of a job configuration."""

    project: str
    dataset: str
    table: str
    write_disposition: str = "WRITE_APPEND"
    create_disposition: str = "CREATE_IF_NEEDED"
    schema_update_options: list[str] = field(default_factory=list)
    table_body: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"{self.project}:{self.dataset}.{self.table}"


def _mismatch(request: WriteRequest, detail: str) -> errors.Invalid:
    return errors.Invalid(f"Provided Schema does not match Table {request.name}. {detail}")


def _check_evolution(
    request: WriteRequest, current: list[dict[str, Any]], incoming: list[dict[str, Any]]
) -> None:
    """Refuse changes the schema update options do not allow."""
    have = {f["name"].lower(): f for f in current}
    options = set(request.schema_update_options)
    for new in incoming:
        old = have.get(new["name"].lower())
        if old is None and "ALLOW_FIELD_ADDITION" not in options:
            raise _mismatch(request, f"Cannot add fields (field: {new['name']})")
        if (
            old is not None
            and old["mode"] == "REQUIRED"
            and new.get("mode") != "REQUIRED"
            and "ALLOW_FIELD_RELAXATION" not in options
        ):
            raise _mismatch(
                request, f"Field {new['name']} has changed mode from REQUIRED to NULLABLE"
            )


def _merged(current: list[dict[str, Any]], incoming: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_name = {f["name"].lower(): f for f in incoming}
    merged = []
    for old in current:
        new = by_name.pop(old["name"].lower(), None)
        relaxed = new is not None and old["mode"] == "REQUIRED" and new.get("mode") != "REQUIRED"
        merged.append({**old, "mode": "NULLABLE"} if relaxed else old)
    return merged + [
        {**f, "mode": "NULLABLE" if f.get("mode") == "REQUIRED" else f.get("mode", "NULLABLE")}
        for f in by_name.values()
    ]


def write_arrow(
    catalog: Catalog,
    request: WriteRequest,
    data: pa.Table | SqlRows,
    fields: list[dict[str, Any]],
) -> int:
    """Write ``data`` (whose BigQuery schema is ``fields``) and return the rows written.

    Everything happens in one lake transaction: on any error the table is as it was before.
    (insertAll writes through ``group_commit``, which shares ``insert_arrow``.)
    """
    p, d, t = request.project, request.dataset, request.table
    catalog.require_dataset(p, d)
    with catalog.lake.transaction() as cur, map_exceptions():
        kind = catalog.table_kind(p, d, t)
        body = {
            **request.table_body,
            "tableReference": {"projectId": p, "datasetId": d, "tableId": t},
        }
        if kind == "VIEW":
            raise errors.Invalid(f"Cannot write to view {request.name}")
        if kind is None and request.create_disposition == "CREATE_NEVER":
            raise errors.NotFound(f"Not found: Table {request.name}")
        truncated: dict[str, Any] | None = None  # WRITE_TRUNCATE's metadata, once rows are in
        if kind is None:
            cur.execute(catalog.create_table_sql(p, d, t, fields))
            meta = {**body, "schema": {"fields": fields}}
            catalog.put_table_meta(cur, p, d, t, meta, created_ms=now_ms())
        elif request.write_disposition == "WRITE_TRUNCATE":
            truncated = {**body, "schema": {"fields": fields}}
            _truncate(cur, catalog, request, fields)
        else:
            current = catalog.table_fields(p, d, t)
            if request.write_disposition == "WRITE_EMPTY":
                count = cur.execute(f"SELECT count(*) FROM {table_sql(p, d, t)}").fetchone()
                if count and count[0]:
                    raise errors.Duplicate(f"Already Exists: Table {request.name}")
            _check_evolution(request, current, fields)
            wanted = _merged(current, fields)
            if wanted != current:
                catalog.evolve_schema(cur, p, d, t, current, wanted)
                catalog.put_table_meta(cur, p, d, t, {**body, "schema": {"fields": wanted}})
        if isinstance(data, SqlRows):
            found = cur.execute(f"INSERT INTO {table_sql(p, d, t)} BY NAME {data.sql}", data.params)
            row = found.fetchone()
            written = int(row[0]) if row else 0
        else:
            insert_arrow(cur, p, d, t, data)
            written = data.num_rows
        if truncated is not None:
            created, _, stored = catalog.table_meta(p, d, t)
            # Unchanged metadata is not rewritten: the new rows move lastModifiedTime (DuckLake's
            # log, see data_changes), and the catalog's memo survives a rows-only commit. No rows
            # may mean no row change in that log, so then they are rewritten.
            if stored != truncated or not written:
                catalog.put_table_meta(cur, p, d, t, truncated, created_ms=created)
    return written


# WRITE_TRUNCATE deletes the rows of a table up to this size instead of re-creating it.
# DuckLake's DELETE reads the rows it deletes (~1 us a row: 1.5 s for 2,000,000), while a
# re-creation is a DDL commit, after which the next statement of any connection reloads the
# whole lake catalog (15-100 ms, growing with the number of tables). Measured on a shared
# 2-core VM, table re-created vs rows deleted, load plus the next query: deleting won at 1,000
# and 20,000 rows by 25-80 ms with 0-300 other tables, and lost by ~1.5 s at 2,000,000 rows.
DELETE_ROWS_UP_TO = 50_000


def _truncate(
    cur: duckdb.DuckDBPyConnection,
    catalog: Catalog,
    request: WriteRequest,
    fields: list[dict[str, Any]],
) -> None:
    """Empty the table for WRITE_TRUNCATE, with ``fields`` as its columns.

    A small table that already has exactly those columns (names, DuckDB types, NOT NULL, no
    defaults) keeps its id and loses its rows (``DELETE``: DuckLake ends its data files in the
    same commit); otherwise it is re-created (``CREATE OR REPLACE``). See ``DELETE_ROWS_UP_TO``.
    """
    p, d, t = request.project, request.dataset, request.table
    name = table_sql(p, d, t)
    if (
        fields
        and catalog.row_count(p, d, t) <= DELETE_ROWS_UP_TO
        and _columns(cur, f"DESCRIBE {name}") == _wanted_columns(cur, fields)
    ):
        cur.execute(f"DELETE FROM {name}")
    else:
        cur.execute(catalog.create_table_sql(p, d, t, fields, replace=True))


Column = tuple[str, str, bool, Any]


def _columns(cur: duckdb.DuckDBPyConnection, describe: str) -> list[Column]:
    """(name, DuckDB type, NOT NULL, default) of each column ``describe`` reports."""
    return [(str(r[0]), str(r[1]), r[2] == "NO", r[4]) for r in cur.execute(describe).fetchall()]


def _wanted_columns(cur: duckdb.DuckDBPyConnection, fields: list[dict[str, Any]]) -> list[Column]:
    """The columns ``CREATE TABLE`` of ``fields`` would make, with DuckDB's own type names."""
    nulls = ", ".join(
        f"CAST(NULL AS {schema.duckdb_type(f)}) AS {schema.quote_ident(f['name'])}" for f in fields
    )
    found = _columns(cur, f"DESCRIBE SELECT {nulls}")
    return [
        (name, kind, f.get("mode") == "REQUIRED", None)
        for (name, kind, _, _), f in zip(found, fields, strict=True)
    ]


def insert_arrow(
    cur: duckdb.DuckDBPyConnection, project: str, dataset: str, table: str, data: pa.Table
) -> None:
    """Append Arrow rows (by column name) inside the caller's transaction."""
    if not data.num_rows:
        return
    view = f"_bqhouse_incoming_{next(_names)}"
    cur.register(view, data)
    try:
        cur.execute(
            f"INSERT INTO {table_sql(project, dataset, table)} BY NAME SELECT * FROM {view}"
        )
    finally:
        cur.unregister(view)
