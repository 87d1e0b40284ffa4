"""BigQuery's logical data sizes, computed in SQL over the stored columns.

BigQuery bills and reports ``numBytes``/``totalBytesProcessed`` by logical size, not by compressed
bytes on disk: https://cloud.google.com/bigquery/pricing#data_size_calculation
(INT64 8 bytes, STRING 2 + UTF-8 length, NULL 0, STRUCT the sum of its fields, ARRAY the sum
of its elements).
"""

from __future__ import annotations

from typing import Any

from bqhouse.storage.lake import quote

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
