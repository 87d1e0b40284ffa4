"""INFORMATION_SCHEMA views, built from the catalog when a query names them.

``ds.INFORMATION_SCHEMA.TABLES`` lists one dataset; ``region-us.INFORMATION_SCHEMA.TABLES`` (or
``project.region-us...``) every dataset of the project. Columns and their order follow
https://cloud.google.com/bigquery/docs/information-schema-intro and the page of each view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pyarrow as pa

from bqhouse import errors
from bqhouse.jobs import materialized_view
from bqhouse.jobs.store import JobStore
from bqhouse.sql.translate import InformationSchemaRef
from bqhouse.storage.catalog import Catalog
from bqhouse.storage.routines import list_routines, type_sql

Row = dict[str, Any]

_STANDARD_NAMES = {"INTEGER": "INT64", "FLOAT": "FLOAT64", "BOOLEAN": "BOOL"}


def standard_type(field: dict[str, Any]) -> str:
    """A field's GoogleSQL type as INFORMATION_SCHEMA spells it.

    >>> standard_type({"name": "a", "type": "RECORD", "mode": "REPEATED",
    ...                "fields": [{"name": "x", "type": "INTEGER", "mode": "NULLABLE"}]})
    'ARRAY<STRUCT<x INT64>>'
    """
    kind = field["type"]
    if kind == "RECORD":
        inner = ", ".join(f"{f['name']} {standard_type(f)}" for f in field.get("fields", []))
        text = f"STRUCT<{inner}>"
    else:
        text = _STANDARD_NAMES.get(kind, kind)
    return f"ARRAY<{text}>" if field.get("mode") == "REPEATED" else text


def _timestamp(millis: str | int | None) -> dt.datetime | None:
    if millis is None:
        return None
    return dt.datetime.fromtimestamp(int(millis) / 1000, tz=dt.UTC)


class _Views:
    """Row producers for one query: they share catalog reads."""

    def __init__(self, catalog: Catalog, jobs: JobStore, ref: InformationSchemaRef) -> None:
        self.catalog = catalog
        self.jobs = jobs
        self.ref = ref

    def datasets(self) -> list[str]:
        if self.ref.dataset is not None:
            self.catalog.require_dataset(self.ref.project, self.ref.dataset)
            return [self.ref.dataset]
        return [
            d["datasetReference"]["datasetId"] for d in self.catalog.list_datasets(self.ref.project)
        ]

    def tables(self) -> Iterator[tuple[str, dict[str, Any]]]:
        for dataset in self.datasets():
            for item in self.catalog.list_tables(self.ref.project, dataset):
                table = item["tableReference"]["tableId"]
                resource = self.catalog.get_table(self.ref.project, dataset, table)
                yield dataset, materialized_view.describe(resource)

    def schemata(self) -> list[Row]:
        rows = []
        for dataset in self.datasets():
            resource = self.catalog.get_dataset(self.ref.project, dataset)
            rows.append(
                {
                    "catalog_name": self.ref.project,
                    "schema_name": dataset,
                    "schema_owner": None,
                    "creation_time": _timestamp(resource["creationTime"]),
                    "last_modified_time": _timestamp(resource["lastModifiedTime"]),
                    "location": resource.get("location", "US"),
                    "ddl": f"CREATE SCHEMA `{self.ref.project}.{dataset}`",
                    "default_collation_name": None,
                }
            )
        return rows

    def table_rows(self) -> list[Row]:
        rows = []
        for dataset, table in self.tables():
            name = table["tableReference"]["tableId"]
            is_view = table["type"] in _TABLE_TYPES
            rows.append(
                {
                    "table_catalog": self.ref.project,
                    "table_schema": dataset,
                    "table_name": name,
                    "table_type": _TABLE_TYPES.get(table["type"], "BASE TABLE"),
                    "is_insertable_into": "NO" if is_view else "YES",
                    "is_typed": "NO",
                    "creation_time": _timestamp(table["creationTime"]),
                    "ddl": _ddl(self.ref.project, dataset, table),
                    "default_collation_name": None,
                }
            )
        return rows

    def columns(self) -> list[Row]:
        rows = []
        for dataset, table in self.tables():
            partition = (table.get("timePartitioning") or {}).get("field")
            clustering = (table.get("clustering") or {}).get("fields") or []
            for position, field in enumerate(table["schema"]["fields"], start=1):
                name = field["name"]
                rows.append(
                    {
                        "table_catalog": self.ref.project,
                        "table_schema": dataset,
                        "table_name": table["tableReference"]["tableId"],
                        "column_name": name,
                        "ordinal_position": position,
                        "is_nullable": "NO" if field.get("mode") == "REQUIRED" else "YES",
                        "data_type": standard_type(field),
                        "is_generated": "NEVER",
                        "generation_expression": None,
                        "is_stored": None,
                        "is_hidden": "NO",
                        "is_updatable": None,
                        "is_system_defined": "NO",
                        "is_partitioning_column": "YES" if name == partition else "NO",
                        "clustering_ordinal_position": (
                            clustering.index(name) + 1 if name in clustering else None
                        ),
                        "collation_name": "NULL",
                        "column_default": field.get("defaultValueExpression") or "NULL",
                        "rounding_mode": None,
                    }
                )
        return rows

    def column_field_paths(self) -> list[Row]:
        rows: list[Row] = []
        for dataset, table in self.tables():
            for field in table["schema"]["fields"]:
                for path, sub in _paths(field, ""):
                    rows.append(
                        {
                            "table_catalog": self.ref.project,
                            "table_schema": dataset,
                            "table_name": table["tableReference"]["tableId"],
                            "column_name": field["name"],
                            "field_path": path,
                            "data_type": standard_type(sub),
                            "description": sub.get("description"),
                            "collation_name": "NULL",
                            "rounding_mode": None,
                        }
                    )
        return rows

    def views(self) -> list[Row]:
        return [
            {
                "table_catalog": self.ref.project,
                "table_schema": dataset,
                "table_name": table["tableReference"]["tableId"],
                "view_definition": (table.get("view") or {}).get("query", ""),
                "check_option": None,
                "use_standard_sql": "YES",
            }
            for dataset, table in self.tables()
            if table["type"] == "VIEW"
        ]

    def table_options(self) -> list[Row]:
        rows = []
        for dataset, table in self.tables():
            options = {
                "description": ("STRING", _quoted(table.get("description"))),
                "friendly_name": ("STRING", _quoted(table.get("friendlyName"))),
                "labels": ("ARRAY<STRUCT<STRING, STRING>>", _labels(table.get("labels"))),
            }
            for option, (kind, value) in options.items():
                if value is not None:
                    rows.append(
                        {
                            "table_catalog": self.ref.project,
                            "table_schema": dataset,
                            "table_name": table["tableReference"]["tableId"],
                            "option_name": option,
                            "option_type": kind,
                            "option_value": value,
                        }
                    )
        return rows

    def routine_resources(self) -> Iterator[tuple[str, dict[str, Any]]]:
        for dataset in self.datasets():
            for routine in list_routines(self.catalog, self.ref.project, dataset):
                yield dataset, routine

    def routines(self) -> list[Row]:
        """https://cloud.google.com/bigquery/docs/information-schema-routines"""
        rows = []
        for dataset, routine in self.routine_resources():
            name = routine["routineReference"]["routineId"]
            language = str(routine.get("language") or "SQL").upper()
            rows.append(
                {
                    "specific_catalog": self.ref.project,
                    "specific_schema": dataset,
                    "specific_name": name,
                    "routine_catalog": self.ref.project,
                    "routine_schema": dataset,
                    "routine_name": name,
                    "routine_type": _ROUTINE_TYPES.get(routine.get("routineType", "")),
                    "data_type": _sql_type(routine.get("returnType")),
                    "routine_body": "SQL" if language == "SQL" else "EXTERNAL",
                    "routine_definition": routine.get("definitionBody"),
                    "external_language": None if language == "SQL" else language,
                    "is_deterministic": None,
                    "security_type": None,
                    "created": _timestamp(routine.get("creationTime")),
                    "last_altered": _timestamp(routine.get("lastModifiedTime")),
                    "ddl": None,
                }
            )
        return rows

    def parameters(self) -> list[Row]:
        """One row per argument (1-based) and one for a function's result (position 0).

        https://cloud.google.com/bigquery/docs/information-schema-parameters
        """
        rows = []
        for dataset, routine in self.routine_resources():
            name = routine["routineReference"]["routineId"]
            base = {
                "specific_catalog": self.ref.project,
                "specific_schema": dataset,
                "specific_name": name,
                "parameter_default": None,
            }
            if routine.get("returnType"):
                rows.append(
                    {
                        **base,
                        "ordinal_position": 0,
                        "is_result": "YES",
                        "parameter_mode": None,
                        "parameter_name": None,
                        "data_type": _sql_type(routine["returnType"]),
                        "is_aggregate": None,
                    }
                )
            for position, argument in enumerate(routine.get("arguments") or [], start=1):
                rows.append(
                    {
                        **base,
                        "ordinal_position": position,
                        "is_result": "NO",
                        "parameter_mode": argument.get("mode") or "IN",
                        "parameter_name": argument.get("name"),
                        "data_type": _sql_type(argument.get("dataType")) or "ANY TYPE",
                        "is_aggregate": "NO",
                    }
                )
        return rows

    def partitions(self) -> list[Row]:
        """One row per table: its whole content (partition_id NULL, as for an unpartitioned one).

        https://cloud.google.com/bigquery/docs/information-schema-partitions
        """
        rows = []
        for dataset, table in self.tables():
            if table["type"] != "TABLE":
                continue
            name = table["tableReference"]["tableId"]
            counts = self._partition_counts(dataset, table)
            whole: list[tuple[str | None, int]] = [(None, int(table.get("numRows") or 0))]
            for partition_id, total_rows in counts or whole:
                rows.append(
                    {
                        "table_catalog": self.ref.project,
                        "table_schema": dataset,
                        "table_name": name,
                        "partition_id": partition_id,
                        "total_rows": total_rows,
                        "total_logical_bytes": None if counts else int(table.get("numBytes") or 0),
                        "last_modified_time": _timestamp(table.get("lastModifiedTime")),
                        "storage_tier": "ACTIVE",
                    }
                )
        return rows

    def _partition_counts(
        self, dataset: str, table: dict[str, Any]
    ) -> list[tuple[str | None, int]] | None:
        """Rows per partition of a table partitioned by a DATE/TIMESTAMP column's time unit
        (``YYYYMMDD`` for DAY, ``__NULL__`` for NULL); None for any other table."""
        partitioning = table.get("timePartitioning") or {}
        unit = _PARTITION_FORMATS.get(str(partitioning.get("type", "")).upper())
        column = partitioning.get("field")
        if unit is None or not column:
            return None
        relation = (
            f'lake."{self.ref.project}.{dataset}".'
            f'"{table["tableReference"]["tableId"].replace(chr(34), chr(34) * 2)}"'
        )
        quoted = '"' + str(column).replace('"', '""') + '"'
        sql = (
            f"SELECT coalesce(strftime(CAST({quoted} AS TIMESTAMP), '{unit}'), '__NULL__') AS p, "
            f"count(*) FROM {relation} GROUP BY p ORDER BY p"
        )
        cur = self.catalog.lake.cursor()
        try:
            return [(str(p), int(n)) for p, n in cur.execute(sql).fetchall()]
        finally:
            cur.close()

    def jobs_rows(self) -> list[Row]:
        rows = []
        for job in self.jobs.every(self.ref.project):
            stats = job.get("statistics", {})
            query_stats = stats.get("query", {})
            error = job.get("status", {}).get("errorResult")
            rows.append(
                {
                    "creation_time": _timestamp(stats.get("creationTime")),
                    "project_id": self.ref.project,
                    "user_email": job.get("user_email"),
                    "job_id": job["jobReference"]["jobId"],
                    "job_type": job["configuration"].get("jobType"),
                    "statement_type": query_stats.get("statementType"),
                    "start_time": _timestamp(stats.get("startTime")),
                    "end_time": _timestamp(stats.get("endTime")),
                    "query": job["configuration"].get("query", {}).get("query"),
                    "state": job.get("status", {}).get("state"),
                    "total_bytes_processed": int(stats.get("totalBytesProcessed") or 0),
                    "total_bytes_billed": int(query_stats.get("totalBytesBilled") or 0),
                    "cache_hit": query_stats.get("cacheHit"),
                    "error_result": (
                        {"reason": error.get("reason"), "message": error.get("message")}
                        if error
                        else None
                    ),
                }
            )
        return rows


# partition_id of a time-unit column partition, per timePartitioning.type.
_PARTITION_FORMATS = {"HOUR": "%Y%m%d%H", "DAY": "%Y%m%d", "MONTH": "%Y%m", "YEAR": "%Y"}

_ROUTINE_TYPES = {
    "SCALAR_FUNCTION": "FUNCTION",
    "TABLE_VALUED_FUNCTION": "TABLE FUNCTION",
    "PROCEDURE": "PROCEDURE",
}


def _sql_type(data_type: dict[str, Any] | None) -> str | None:
    """A REST StandardSqlDataType as GoogleSQL text (INT64, ARRAY<STRING>, STRUCT<a INT64>)."""
    if not data_type or not data_type.get("typeKind"):
        return None
    return type_sql(data_type, quoted=False)


def _paths(field: dict[str, Any], prefix: str) -> Iterator[tuple[str, dict[str, Any]]]:
    path = f"{prefix}{field['name']}"
    yield path, field
    for sub in field.get("fields", []) if field["type"] == "RECORD" else []:
        yield from _paths(sub, path + ".")


def _quoted(value: str | None) -> str | None:
    return None if value is None else '"' + value.replace('"', '\\"') + '"'


def _labels(labels: dict[str, str] | None) -> str | None:
    if not labels:
        return None
    return "[" + ", ".join(f'STRUCT("{k}", "{v}")' for k, v in sorted(labels.items())) + "]"


_TABLE_TYPES = {"VIEW": "VIEW", "MATERIALIZED_VIEW": "MATERIALIZED VIEW"}


def _ddl(project: str, dataset: str, table: dict[str, Any]) -> str:
    name = f"`{project}.{dataset}.{table['tableReference']['tableId']}`"
    if table["type"] == "MATERIALIZED_VIEW":
        query = (table.get("materializedView") or {}).get("query", "")
        return f"CREATE MATERIALIZED VIEW {name}\nAS {query};"
    if table["type"] == "VIEW":
        return f"CREATE VIEW {name}\nAS {(table.get('view') or {}).get('query', '')};"
    columns = ",\n".join(
        f"  {f['name']} {standard_type(f)}{' NOT NULL' if f.get('mode') == 'REQUIRED' else ''}"
        for f in table["schema"]["fields"]
    )
    return f"CREATE TABLE {name}\n(\n{columns}\n);"


_VIEWS: dict[str, Callable[[_Views], list[Row]]] = {
    "SCHEMATA": _Views.schemata,
    "TABLES": _Views.table_rows,
    "COLUMNS": _Views.columns,
    "COLUMN_FIELD_PATHS": _Views.column_field_paths,
    "VIEWS": _Views.views,
    "TABLE_OPTIONS": _Views.table_options,
    "JOBS": _Views.jobs_rows,
    "JOBS_BY_PROJECT": _Views.jobs_rows,
    "JOBS_BY_USER": _Views.jobs_rows,
    "ROUTINES": _Views.routines,
    "PARAMETERS": _Views.parameters,
    "PARTITIONS": _Views.partitions,
}

# Column order of each view (also the columns of an empty view).
_COLUMNS: dict[str, list[str]] = {
    "SCHEMATA": [
        "catalog_name",
        "schema_name",
        "schema_owner",
        "creation_time",
        "last_modified_time",
        "location",
        "ddl",
        "default_collation_name",
    ],
    "TABLES": [
        "table_catalog",
        "table_schema",
        "table_name",
        "table_type",
        "is_insertable_into",
        "is_typed",
        "creation_time",
        "ddl",
        "default_collation_name",
    ],
    "COLUMNS": [
        "table_catalog",
        "table_schema",
        "table_name",
        "column_name",
        "ordinal_position",
        "is_nullable",
        "data_type",
        "is_generated",
        "generation_expression",
        "is_stored",
        "is_hidden",
        "is_updatable",
        "is_system_defined",
        "is_partitioning_column",
        "clustering_ordinal_position",
        "collation_name",
        "column_default",
        "rounding_mode",
    ],
    "COLUMN_FIELD_PATHS": [
        "table_catalog",
        "table_schema",
        "table_name",
        "column_name",
        "field_path",
        "data_type",
        "description",
        "collation_name",
        "rounding_mode",
    ],
    "VIEWS": [
        "table_catalog",
        "table_schema",
        "table_name",
        "view_definition",
        "check_option",
        "use_standard_sql",
    ],
    "TABLE_OPTIONS": [
        "table_catalog",
        "table_schema",
        "table_name",
        "option_name",
        "option_type",
        "option_value",
    ],
    "JOBS": [
        "creation_time",
        "project_id",
        "user_email",
        "job_id",
        "job_type",
        "statement_type",
        "start_time",
        "end_time",
        "query",
        "state",
        "total_bytes_processed",
        "total_bytes_billed",
        "cache_hit",
        "error_result",
    ],
    "ROUTINES": [
        "specific_catalog",
        "specific_schema",
        "specific_name",
        "routine_catalog",
        "routine_schema",
        "routine_name",
        "routine_type",
        "data_type",
        "routine_body",
        "routine_definition",
        "external_language",
        "is_deterministic",
        "security_type",
        "created",
        "last_altered",
        "ddl",
    ],
    "PARAMETERS": [
        "specific_catalog",
        "specific_schema",
        "specific_name",
        "ordinal_position",
        "is_result",
        "parameter_mode",
        "parameter_name",
        "data_type",
        "parameter_default",
        "is_aggregate",
    ],
    "PARTITIONS": [
        "table_catalog",
        "table_schema",
        "table_name",
        "partition_id",
        "total_rows",
        "total_logical_bytes",
        "last_modified_time",
        "storage_tier",
    ],
}
_COLUMNS["JOBS_BY_PROJECT"] = _COLUMNS["JOBS_BY_USER"] = _COLUMNS["JOBS"]


def build(catalog: Catalog, jobs: JobStore, ref: InformationSchemaRef) -> pa.Table:
    """The rows of one INFORMATION_SCHEMA view as Arrow."""
    produce = _VIEWS.get(ref.view.upper())
    if produce is None:
        raise errors.InvalidQuery(
            f"Table {ref.project}.INFORMATION_SCHEMA.{ref.view} not found", location="query"
        )
    rows = produce(_Views(catalog, jobs, ref))
    return pa.table(
        {column: [row[column] for row in rows] for column in _COLUMNS[ref.view.upper()]}
    )
