"""When each table's rows (or columns) last changed, read from DuckLake's own snapshot log.

A table's ``lastModifiedTime`` moves when its rows change (load, DML, insertAll, Storage Write).
Recording that with an UPDATE of ``_bqhouse.tables`` inside every write costs a DuckLake delete
and insert per commit (a third of a small append's time). DuckLake already logs, per snapshot,
which tables it inserted into or deleted from (``ducklake_snapshot_changes.changes_made``, e.g.
``inserted_into_table:7,inlined_delete:7``) and when (``ducklake_snapshot.snapshot_time``). This
module reads that log incrementally: each call scans only the snapshots committed since the last
one, so the cost does not grow with the lake's history.
"""

from __future__ import annotations

import re
import threading

from bqhouse.storage.lake import LAKE, Lake, execute_prepared

_META = f"__ducklake_metadata_{LAKE}"
# The change kinds that write a table's rows; with ``altered_table``, those that move its
# lastModifiedTime (creation and BigQuery-only metadata are recorded by the catalog's own rows).
_ROW_CHANGES = {"inserted_into_table", "deleted_from_table", "inlined_insert", "inlined_delete"}
_MODIFYING = _ROW_CHANGES | {"altered_table"}
_ENTRY = re.compile(r"^([a-z_]+):(\d+)$")
_NEW_CHANGES = (
    f"SELECT c.snapshot_id, c.changes_made, epoch_ms(s.snapshot_time) "
    f"FROM {_META}.ducklake_snapshot_changes c JOIN {_META}.ducklake_snapshot s "
    "USING (snapshot_id) WHERE c.snapshot_id > ? ORDER BY c.snapshot_id"
)
_LIVE_TABLE_ID = (
    f"SELECT t.table_id FROM {_META}.ducklake_table t JOIN {_META}.ducklake_schema s "
    "USING (schema_id) WHERE s.schema_name = ? AND t.table_name = ? "
    "AND s.end_snapshot IS NULL AND t.end_snapshot IS NULL"
)


def entries(changes_made: str) -> list[tuple[str, int | None]]:
    """A snapshot's ``changes_made`` as (kind, table id or None) pairs.

    >>> entries('created_table:"p.d"."t",inserted_into_table:7')
    [('created_table:"p.d"."t"', None), ('inserted_into_table', 7)]
    """
    found: list[tuple[str, int | None]] = []
    for entry in changes_made.split(",") if changes_made else []:
        match = _ENTRY.match(entry)
        found.append((match.group(1), int(match.group(2))) if match else (entry, None))
    return found


def changed_tables(changes_made: str) -> set[int]:
    """DuckLake table ids whose rows (or columns) a snapshot's ``changes_made`` says it changed.

    >>> sorted(changed_tables('created_table:"p.d"."t",inserted_into_table:7,inlined_delete:12'))
    [7, 12]
    >>> changed_tables('created_schema:"p.d"')
    set()
    """
    return {
        table for kind, table in entries(changes_made) if kind in _MODIFYING and table is not None
    }


class DataChanges:
    """Last data-change time (ms since the epoch) per live DuckLake table, kept up to date."""

    def __init__(self, lake: Lake) -> None:
        self.lake = lake
        self._lock = threading.Lock()
        self._scanned_through = -1
        self._last_ms: dict[int, int] = {}

    def last_change_ms(self, schema: str, table: str) -> int | None:
        """When ``schema.table``'s rows last changed, or None if they never did (or no table)."""
        cur = self.lake.cursor()
        try:
            row = cur.execute(_LIVE_TABLE_ID, [schema, table]).fetchone()
            if row is None:
                return None
            with self._lock:
                for snapshot, changes, when in cur.execute(
                    _NEW_CHANGES, [self._scanned_through]
                ).fetchall():
                    for table_id in changed_tables(changes or ""):
                        self._last_ms[table_id] = max(self._last_ms.get(table_id, 0), int(when))
                    self._scanned_through = max(self._scanned_through, int(snapshot))
                return self._last_ms.get(int(row[0]))
        finally:
            cur.close()


# Catalog tables whose rows *are* metadata: a write to one changes what every lookup may return.
_METADATA_TABLES = {("_bqhouse", "datasets"), ("_bqhouse", "tables"), ("_bqhouse", "routines")}
_CHANGES_BETWEEN = (
    f"SELECT changes_made FROM {_META}.ducklake_snapshot_changes "
    "WHERE snapshot_id > $old AND snapshot_id <= $new"
)
_LIVE_NAMES = (
    f"SELECT t.table_id, s.schema_name, t.table_name FROM {_META}.ducklake_table t "
    f"JOIN {_META}.ducklake_schema s USING (schema_id) "
    "WHERE list_contains($ids, t.table_id) AND s.end_snapshot IS NULL AND t.end_snapshot IS NULL"
)


def rows_changed_between(lake: Lake, old: int, new: int) -> set[tuple[str, str]] | None:
    """The (schema, table) pairs whose rows changed in snapshots ``(old, new]``, when that is all
    that changed; None when anything else did (DDL, a metadata table's rows, a table since
    dropped), so a cache of catalog lookups knows what it may keep.
    """
    if old < 0 or new < old:
        return None
    cur = lake.metadata_cursor()  # both queries stay prepared on it
    ids: set[int] = set()
    between = {"old": int(old), "new": int(new)}
    for (changes,) in execute_prepared(cur, "bqhouse_changes", _CHANGES_BETWEEN, between):
        found = entries(changes or "")
        if not found or any(kind not in _ROW_CHANGES for kind, _ in found):
            return None
        ids |= {table for _, table in found if table is not None}
    if not ids:
        return set()
    live = execute_prepared(cur, "bqhouse_live_names", _LIVE_NAMES, {"ids": sorted(ids)})
    names = {int(i): (s, t) for i, s, t in live}
    if len(names) != len(ids) or _METADATA_TABLES & set(names.values()):
        return None
    return set(names.values())
