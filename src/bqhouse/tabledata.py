"""tabledata.insertAll (streaming inserts) and tabledata.list (reading rows).

https://cloud.google.com/bigquery/docs/reference/rest/v2/tabledata
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pyarrow as pa

from bqhouse import errors, schema
from bqhouse.encoding import decode_insert_rows
from bqhouse.engine.duckdb import run
from bqhouse.jobs.service import page, page_start
from bqhouse.jobs.store import ANONYMOUS_DATASET, Result, ResultCache
from bqhouse.storage.catalog import Catalog
from bqhouse.storage.lake import quote, table_sql
from bqhouse.storage.writer import WriteRequest, write_arrow

Resource = dict[str, Any]

# BigQuery de-duplicates insertIds on a best-effort basis for at least one minute.
# https://cloud.google.com/bigquery/docs/streaming-data-into-bigquery#dataconsistency
_DEDUP_SECONDS = 600
# SQLite's default limit of host parameters is 999 on old builds; stay under it.
_CHUNK = 500
_EXPIRE_EVERY_SECONDS = 30


class InsertIdWindow:
    """Recently seen insertIds per table, kept for ``_DEDUP_SECONDS`` (wall clock).

    With ``path`` they live in a SQLite file (WAL mode, next to ``jobs.sqlite``) so a restarted
    server still drops a client's retry of a batch it acknowledged before a crash.

    >>> window = InsertIdWindow()
    >>> window.remember("p:d.t", ["a", None])
    >>> window.fresh("p:d.t", ["a", "b", None])
    [False, True, True]
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self._lock = threading.Lock()
        self._db = sqlite3.connect(
            str(path) if path else ":memory:", check_same_thread=False, isolation_level=None
        )
        if path:
            self._db.execute("PRAGMA journal_mode=WAL")
            # NORMAL in WAL mode loses nothing when the process dies, only on power loss.
            self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS insert_ids (table_key TEXT, insert_id TEXT, seen REAL, "
            "PRIMARY KEY (table_key, insert_id)) WITHOUT ROWID"
        )
        self._expired_at = 0.0

    def _expire(self, now: float) -> None:
        if now - self._expired_at >= _EXPIRE_EVERY_SECONDS:
            self._db.execute("DELETE FROM insert_ids WHERE seen < ?", [now - _DEDUP_SECONDS])
            self._expired_at = now

    def fresh(self, table: str, insert_ids: list[str | None]) -> list[bool]:
        """Which rows are new (a row without insertId always is)."""
        wanted = sorted({i for i in insert_ids if i is not None})
        seen: set[str] = set()
        cutoff = time.time() - _DEDUP_SECONDS
        with self._lock:
            for start in range(0, len(wanted), _CHUNK):
                chunk = wanted[start : start + _CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    "SELECT insert_id FROM insert_ids WHERE table_key = ? AND seen >= ? "
                    f"AND insert_id IN ({marks})",
                    [table, cutoff, *chunk],
                ).fetchall()
                seen.update(row[0] for row in rows)
        return [insert_id is None or insert_id not in seen for insert_id in insert_ids]

    def remember(self, table: str, insert_ids: list[str | None]) -> None:
        """Record ``insert_ids`` as written (call after the rows are committed)."""
        now = time.time()
        rows = [(table, i, now) for i in insert_ids if i is not None]
        with self._lock:
            self._expire(now)
            if not rows:
                return
            self._db.execute("BEGIN")
            try:
                self._db.executemany("INSERT OR REPLACE INTO insert_ids VALUES (?, ?, ?)", rows)
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._db.close()


class TableData:
    """Row-level reads and streaming writes of tables."""

    def __init__(self, catalog: Catalog, results: ResultCache) -> None:
        self.catalog = catalog
        self.results = results
        self.insert_ids = InsertIdWindow()

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
        fresh = self.insert_ids.fresh(key, ids)
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
        keep = [row for row, i in zip(rows, valid, strict=True) if fresh[i]]
        if keep:
            data = pa.Table.from_pylist(keep, schema=schema.arrow_schema(fields))
            write_arrow(self.catalog, WriteRequest(project, dataset, table), data, fields)
        self.insert_ids.remember(key, [ids[i] for i in valid])
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
    ) -> Resource:
        anonymous = self.anonymous(project, dataset, table)
        if anonymous is not None:
            found = page(
                anonymous.table,
                anonymous.fields,
                start_index=start_index,
                max_results=max_results,
                page_token=page_token,
                use_int64_timestamp=use_int64_timestamp,
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
        total = run(
            self.catalog.lake.cursor(),
            f"SELECT count(*) AS n FROM {table_sql(project, dataset, table)}",
        )
        limit = 50_000 if max_results is None else max_results
        data = run(
            self.catalog.lake.cursor(),
            f"SELECT {columns} FROM {table_sql(project, dataset, table)} LIMIT ? OFFSET ?",
            [limit, start],
        )
        rows = page(data, fields, use_int64_timestamp=use_int64_timestamp)
        num_rows = int(total.column(0)[0].as_py())
        out: Resource = {
            "kind": "bigquery#tableDataList",
            "totalRows": str(num_rows),
            "rows": rows["rows"],
        }
        if start + data.num_rows < num_rows:
            out["pageToken"] = str(start + data.num_rows)
        return out
