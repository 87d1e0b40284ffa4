"""BigQuery's logical data sizes, computed in SQL over the stored columns.

BigQuery bills and reports ``numBytes``/``totalBytesProcessed`` by logical size, not by compressed
bytes on disk: https://cloud.google.com/bigquery/pricing#data_size_calculation
(INT64 8 bytes, STRING 2 + UTF-8 length, NULL 0, STRUCT the sum of its fields, ARRAY the sum
of its elements).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from bqhouse.storage.lake import quote

if TYPE_CHECKING:
    import duckdb

    from bqhouse.storage.fast_scan import TableSource

_FIXED_WIDTH = {
    "INTEGER": 8,
    "FLOAT": 8,
    "NUMERIC": 16,
    "BIGNUMERIC": 32,
    "BOOLEAN": 1,
    "DATE": 8,
    "DATETIME": 8,
    "TIME": 8,
    "TIMESTAMP": 8,
    "INTERVAL": 16,
    "GEOGRAPHY": 16,
}

# Variable-width types: the SQL for one non-null value's size.
_VARIABLE_WIDTH = {
    "STRING": "2 + strlen({ref})",
    "BYTES": "2 + octet_length({ref})",
    "JSON": "strlen(CAST({ref} AS VARCHAR))",
    "RANGE": "16",
}


def _value_size(field: dict[str, Any], ref: str, depth: int) -> str:
    kind = field["type"]
    if kind == "RECORD":
        parts = [
            _column_size({**sub}, f"struct_extract({ref}, '{sub['name']}')", depth)
            for sub in field.get("fields", [])
        ]
        return " + ".join(parts) or "0"
    if kind in _FIXED_WIDTH:
        return str(_FIXED_WIDTH[kind])
    return _VARIABLE_WIDTH.get(kind, "strlen(CAST({ref} AS VARCHAR))").format(ref=ref)


def _column_size(field: dict[str, Any], ref: str, depth: int = 0) -> str:
    if field.get("mode") == "REPEATED":
        var = f"x{depth}"
        element = _value_size(field, var, depth + 1)
        return f"COALESCE(list_sum(list_transform({ref}, {var} -> {element})), 0)"
    return f"COALESCE(CASE WHEN {ref} IS NULL THEN 0 ELSE {_value_size(field, ref, depth)} END, 0)"


def size_sql(fields: list[dict[str, Any]], table: str) -> str:
    """A query returning one row: the logical bytes of each given top-level column.

    >>> size_sql([{"name": "a", "type": "INTEGER", "mode": "NULLABLE"}], "t")
    'SELECT COALESCE(SUM(COALESCE(CASE WHEN "a" IS NULL THEN 0 ELSE 8 END, 0)), 0) FROM t'
    """
    if not fields:
        return "SELECT 0"
    sums = [f"COALESCE(SUM({_column_size(f, quote(f['name']))}), 0)" for f in fields]
    return f"SELECT {', '.join(sums)} FROM {table}"


def column_sizes_sql(fields: list[dict[str, Any]], table: str) -> str:
    """A query returning one row: the table's row count, then each column's logical bytes.

    >>> column_sizes_sql([{"name": "a", "type": "INTEGER", "mode": "NULLABLE"}], "t")
    'SELECT count(*), 8 * count("a") FROM t'
    """
    return f"SELECT {', '.join(['count(*)', *map(_column_total, fields)])} FROM {table}"


def _column_total(field: dict[str, Any]) -> str:
    ref = quote(field["name"])
    if field.get("mode") != "REPEATED" and field["type"] in _FIXED_WIDTH:
        return f"{_FIXED_WIDTH[field['type']]} * count({ref})"  # no per-row CASE to evaluate
    return f"COALESCE(SUM({_column_size(field, ref)}), 0)"


# Data files never change once written, so their totals are remembered: after a commit that added
# rows, only the new files (and the inlined rows) are read. Keyed by path and the fields' shape.
_FILE_TOTALS: dict[tuple[str, str], tuple[int, ...]] = {}
_FILE_TOTALS_LIMIT = 20_000
_lock = threading.Lock()


def source_totals(
    cur: duckdb.DuckDBPyConnection, source: TableSource, fields: list[dict[str, Any]]
) -> tuple[int, ...]:
    """``column_sizes_sql``'s row (row count, then each column's logical bytes) for a table
    read as ``source`` (see ``bqhouse.storage.fast_scan.table_sources``): each data file's
    totals once ever, plus the live inlined rows on every call (they are few)."""
    shape = repr([(f["name"], f["type"], f.get("mode"), f.get("fields")) for f in fields])
    with _lock:
        known = {path: _FILE_TOTALS.get((path, shape)) for path in source.files}
    missing = [path for path, totals in known.items() if totals is None]
    if missing:
        parts = [
            f"SELECT {index} AS i, * FROM ({column_sizes_sql(fields, f'({sql})')})"
            for index, path in enumerate(missing)
            if (sql := source.files_sql((path,))) is not None
        ]
        found = {int(row[0]): tuple(int(v or 0) for v in row[1:]) for row in _fetch(cur, parts)}
        with _lock:
            if len(_FILE_TOTALS) + len(found) > _FILE_TOTALS_LIMIT:
                _FILE_TOTALS.clear()
            for index, totals in found.items():
                known[missing[index]] = totals
                _FILE_TOTALS[(missing[index], shape)] = totals
    rows = [totals for totals in known.values() if totals is not None]
    inlined = [
        f"SELECT 0 AS i, * FROM ({column_sizes_sql(fields, f'({sql})')})" for sql in source.inlined
    ]
    rows.extend(tuple(int(v or 0) for v in row[1:]) for row in _fetch(cur, inlined))
    width = len(fields) + 1
    return tuple(sum(totals[i] for totals in rows) for i in range(width))


def _fetch(cur: duckdb.DuckDBPyConnection, parts: list[str]) -> list[tuple[Any, ...]]:
    return cur.execute(" UNION ALL ".join(parts)).fetchall() if parts else []
