"""tabledata.insertAll (streaming inserts) and tabledata.list (reading rows).

https://cloud.google.com/bigquery/docs/reference/rest/v2/tabledata
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from bqhouse import errors, schema
from bqhouse.encoding import decode_insert_rows
from bqhouse.engine.duckdb import run
from bqhouse.jobs.service import page, page_start
from bqhouse.jobs.store import ANONYMOUS_DATASET, Result, ResultCache
from bqhouse.storage.catalog import Catalog
from bqhouse.storage.insert_ids import InsertIdLog
from bqhouse.storage.lake import quote, table_sql
from bqhouse.storage.writer import WriteRequest, write_arrow

Resource = dict[str, Any]


class TableData:
    """Row-level reads and streaming writes of tables."""

    def __init__(self, catalog: Catalog, results: ResultCache) -> None:
        self.catalog = catalog
        self.results = results
        # Recent insertIds, kept in the lake with their rows (docs/reliability.md).
        self.insert_ids = InsertIdLog(catalog.lake)

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
        if self.catalog.require_table(project, dataset, table) != "TABLE":
            raise errors.Invalid(f"Cannot insert into view {project}:{dataset}.{table}")
        fields = self.catalog.table_fields(project, dataset, table)
        request_rows = body.get("rows") or []
        key = f"{project}:{dataset}.{table}"
        ids = [row.get("insertId") or None for row in request_rows]
        rows, row_errors = decode_insert_rows(
            [row.get("json") or {} for row in request_rows],
            fields,
            ignore_unknown_values=bool(body.get("ignoreUnknownValues")),
        )
        insert_errors: list[dict[str, Any]] = [
            {"index": i, "errors": errs} for i, errs in sorted(row_errors.items())
        ]
        if insert_errors and not body.get("skipInvalidRows"):
            # Without skipInvalidRows nothing is written; valid rows report "stopped".
            stopped = {"reason": "stopped", "location": "", "debugInfo": "", "message": ""}
            insert_errors += [
                {"index": i, "errors": [stopped]}
                for i in range(len(request_rows))
                if i not in row_errors
            ]
            insert_errors.sort(key=lambda e: e["index"])
            return {"kind": "bigquery#tableDataInsertAllResponse", "insertErrors": insert_errors}
        valid = [i for i in range(len(request_rows)) if i not in row_errors]
        # The id check and the write (rows + ids, one transaction) hold the lake's write lock.
        with self.insert_ids.claim(key, [ids[i] for i in valid]) as claim:
            keep = [row for row, new in zip(rows, claim.fresh, strict=True) if new]
            if keep:
                data = pa.Table.from_pylist(keep, schema=schema.arrow_schema(fields))
                request = WriteRequest(project, dataset, table)
                write_arrow(self.catalog, request, data, fields, also=claim.record)
        response: Resource = {"kind": "bigquery#tableDataInsertAllResponse"}
        if insert_errors:
            response["insertErrors"] = insert_errors
        return response

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
        if self.catalog.require_table(project, dataset, table) != "TABLE":
            raise errors.Invalid(f"Cannot list rows of view {project}:{dataset}.{table}")
        fields = self.catalog.table_fields(project, dataset, table)
        if selected_fields:
            wanted = {name.strip().split(".")[0].lower() for name in selected_fields.split(",")}
            fields = [f for f in fields if f["name"].lower() in wanted]
        columns = ", ".join(quote(f["name"]) for f in fields) or "NULL"
        start = page_start(page_token, start_index)
        num_rows = self.catalog.row_count(project, dataset, table)  # memoized per lake snapshot
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
