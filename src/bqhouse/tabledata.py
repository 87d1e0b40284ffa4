"""tabledata.insertAll (streaming inserts) and tabledata.list (reading rows).

https://cloud.google.com/bigquery/docs/reference/rest/v2/tabledata
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyarrow as pa

from bqhouse import errors, schema
from bqhouse.encoding import decode_insert_rows
from bqhouse.engine.duckdb import run
from bqhouse.insert_columns import decode_columns
from bqhouse.jobs.service import page, page_start
from bqhouse.jobs.store import ANONYMOUS_DATASET, Result, ResultCache
from bqhouse.storage.catalog import Catalog
from bqhouse.storage.group_commit import Batch, GroupCommitter, TableSchemas
from bqhouse.storage.insert_ids import InsertIdLog
from bqhouse.storage.lake import quote, table_sql

Resource = dict[str, Any]
# insertAll decodes its rows again when the table's schema changed before the commit.
_SCHEMA_RETRIES = 5


class TableData:
    """Row-level reads and streaming writes of tables."""

    def __init__(self, catalog: Catalog, results: ResultCache) -> None:
        self.catalog = catalog
        self.results = results
        # Recent insertIds, kept in the lake with their rows (docs/reliability.md).
        self.insert_ids = InsertIdLog(catalog.lake)
        self.schemas = TableSchemas(catalog)
        self.committer = GroupCommitter(catalog, self.insert_ids, self.schemas)

    def anonymous(self, project: str, dataset: str, table: str) -> Result | None:
        """A query result addressed as its anonymous table, or None for a real table."""
        if dataset != ANONYMOUS_DATASET:
            return None
        result = self.results.get((project, table))
        if result is None:
            raise errors.NotFound(f"Not found: Table {project}:{dataset}.{table}")
        return result

    def anonymous_table(self, project: str, dataset: str, table: str) -> Resource | None:
        """tables.get of an anonymous result table (None for a real table)."""
        result = self.anonymous(project, dataset, table)
        if result is None:
            return None
        return {
            "kind": "bigquery#table",
            "id": f"{project}:{dataset}.{table}",
            "tableReference": {"projectId": project, "datasetId": dataset, "tableId": table},
            "schema": {"fields": result.fields},
            "numRows": str(result.table.num_rows),
            "numBytes": str(result.table.nbytes),
            "type": "TABLE",
            "location": "US",
        }

    def insert_all(self, project: str, dataset: str, table: str, body: Resource) -> Resource:
        request_rows = body.get("rows") or []
        ids = [row.get("insertId") or None for row in request_rows]
        json_rows = [row.get("json") or {} for row in request_rows]
        for attempt in range(_SCHEMA_RETRIES):
            with self.committer.arriving() as submit:
                done = self._insert(project, dataset, table, body, ids, json_rows, submit, attempt)
            if done is not None:
                return done
        raise errors.BackendError(
            f"The schema of {project}:{dataset}.{table} kept changing during insertAll; retry"
        )

    def _insert(
        self,
        project: str,
        dataset: str,
        table: str,
        body: Resource,
        ids: list[str | None],
        json_rows: list[Any],
        submit: Callable[[Batch], None],
        attempt: int,
    ) -> Resource | None:
        """One try of insertAll: its response, or None when the schema changed meanwhile."""
        # The first try may decode with cached fields: the commit checks them again.
        kind, fields = self.schemas.get(project, dataset, table, fresh=attempt > 0)
        if kind != "TABLE":
            if attempt == 0:
                return None  # perhaps no longer a view: look again
            raise errors.Invalid(f"Cannot insert into view {project}:{dataset}.{table}")
        data = decode_columns(json_rows, fields)
        row_errors: dict[int, list[dict[str, Any]]] = {}
        if data is None:
            rows, row_errors = decode_insert_rows(
                json_rows, fields, ignore_unknown_values=bool(body.get("ignoreUnknownValues"))
            )
            data = pa.Table.from_pylist(rows, schema=schema.arrow_schema(fields))
        if (
            row_errors
            and attempt == 0
            and self.schemas.get(project, dataset, table)
            != (
                kind,
                fields,
            )
        ):
            return None  # judged against an old schema: decode again
        insert_errors: list[dict[str, Any]] = [
            {"index": i, "errors": errs} for i, errs in sorted(row_errors.items())
        ]
        if insert_errors and not body.get("skipInvalidRows"):
            # Without skipInvalidRows nothing is written; valid rows report "stopped".
            stopped = {"reason": "stopped", "location": "", "debugInfo": "", "message": ""}
            insert_errors += [
                {"index": i, "errors": [stopped]}
                for i in range(len(json_rows))
                if i not in row_errors
            ]
            insert_errors.sort(key=lambda e: e["index"])
            return {"kind": "bigquery#tableDataInsertAllResponse", "insertErrors": insert_errors}
        response: Resource = {"kind": "bigquery#tableDataInsertAllResponse"}
        if insert_errors:
            response["insertErrors"] = insert_errors
        valid = [ids[i] for i in range(len(json_rows)) if i not in row_errors]
        if not valid:
            return response
        # Rows and ids commit together, in one transaction with concurrent requests' batches.
        batch = Batch(project, dataset, table, fields, data, valid)
        submit(batch)
        return None if batch.stale else response

    def list_rows(
        self,
        project: str,
        dataset: str,
        table: str,
        *,
        start_index: int = 0,
        max_results: int | None = None,
        page_token: str | None = None,
        selected_fields: str | None = None,
        use_int64_timestamp: bool = False,
        wire: bool = False,
    ) -> Resource:
        """One page of a table's rows (``wire``: rows as pre-encoded JSON, see ``page``)."""
        anonymous = self.anonymous(project, dataset, table)
        if anonymous is not None:
            found = page(
                anonymous.table,
                anonymous.fields,
                start_index=start_index,
                max_results=max_results,
                page_token=page_token,
                use_int64_timestamp=use_int64_timestamp,
                wire=wire,
            )
            return {"kind": "bigquery#tableDataList", **found}
        with self.catalog.pinned():  # one snapshot read for the metadata lookups
            if self.catalog.require_table(project, dataset, table) != "TABLE":
                raise errors.Invalid(f"Cannot list rows of view {project}:{dataset}.{table}")
            fields = self.catalog.table_fields(project, dataset, table)
            num_rows = self.catalog.row_count(project, dataset, table)
        if selected_fields:
            wanted = {name.strip().split(".")[0].lower() for name in selected_fields.split(",")}
            fields = [f for f in fields if f["name"].lower() in wanted]
        columns = ", ".join(quote(f["name"]) for f in fields) or "NULL"
        start = page_start(page_token, start_index)
        limit = 50_000 if max_results is None else max_results
        data = run(
            self.catalog.lake.cursor(),
            f"SELECT {columns} FROM {table_sql(project, dataset, table)} LIMIT ? OFFSET ?",
            [limit, start],
        )
        rows = page(data, fields, use_int64_timestamp=use_int64_timestamp, wire=wire)
        out: Resource = {
            "kind": "bigquery#tableDataList",
            "totalRows": str(num_rows),
            "rows": rows["rows"],
        }
        if start + data.num_rows < num_rows:
            out["pageToken"] = str(start + data.num_rows)
        return out
