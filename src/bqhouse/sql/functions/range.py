"""The RANGE type and its functions, over a DuckDB ``STRUCT("start" T, "end" T)`` (a NULL
bound is unbounded).

A RANGE value that reaches a query result is a RECORD of its two bounds (see DEVIATIONS.md);
the functions below read and compare ranges.
https://cloud.google.com/bigquery/docs/reference/standard-sql/range-functions
https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#range_type
"""

from __future__ import annotations

from sqlglot import exp

from bqhouse.sql.builders import Transform, call

_UNBOUNDED = {"UNBOUNDED", "NULL"}


def _ranged(node: exp.Expr) -> exp.Expr:
    node.meta["range"] = True  # RANGE_CONTAINS(r, <this>) compares ranges, not a point
    return node


def _bound(value: exp.Expr, element: exp.DataType) -> exp.Expr:
    return exp.cast(value, element.copy())


def range_constructor(node: exp.Expr) -> exp.Expr:
    """RANGE(lower, upper); NULL is an unbounded end.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/range-functions#range
    """
    if len(node.expressions) != 2:
        return node
    return _ranged(call("BQ_RANGE", *node.expressions))


def range_cast(node: exp.Cast) -> exp.Expr:
    """``RANGE<T> '[lower, upper)'`` and ``CAST(NULL AS RANGE<T>)``.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#range_literals
    """
    to = node.to
    element = to.expressions[0] if to.expressions else exp.DataType.build("DATE")
    if not isinstance(element, exp.DataType):
        return node
    value = node.this
    if isinstance(value, exp.Null):
        struct = exp.DataType.build(
            f'STRUCT(start {element.sql("duckdb")}, "end" {element.sql("duckdb")})',
            dialect="duckdb",
        )
        return _ranged(exp.cast(value, struct))
    if not (isinstance(value, exp.Literal) and value.is_string):
        return node
    text = value.this.strip()
    if not (text.startswith("[") and text.endswith(")")) or text.count(",") != 1:
        return _ranged(call("ERROR", exp.Literal.string(f"Invalid RANGE literal: {text}")))
    lower, upper = (part.strip() for part in text[1:-1].split(","))
    bounds = [
        _bound(exp.Null() if part.upper() in _UNBOUNDED else exp.Literal.string(part), element)
        for part in (lower, upper)
    ]
    return _ranged(call("BQ_RANGE", *bounds))


def range_start(node: exp.Expr) -> exp.Expr:
    """https://cloud.google.com/bigquery/docs/reference/standard-sql/range-functions#range_start"""
    return call("STRUCT_EXTRACT", node.expressions[0], exp.Literal.string("start"))


def range_end(node: exp.Expr) -> exp.Expr:
    """https://cloud.google.com/bigquery/docs/reference/standard-sql/range-functions#range_end"""
    return call("STRUCT_EXTRACT", node.expressions[0], exp.Literal.string("end"))


def range_contains(node: exp.Expr) -> exp.Expr:
    """RANGE_CONTAINS(range, range) or RANGE_CONTAINS(range, point).

    https://cloud.google.com/bigquery/docs/reference/standard-sql/range-functions#range_contains
    """
    outer, inner = node.expressions
    name = "BQ_RANGE_CONTAINS_RANGE" if inner.meta.get("range") else "BQ_RANGE_CONTAINS_POINT"
    return call(name, outer, inner)


def range_overlaps(node: exp.Expr) -> exp.Expr:
    """https://cloud.google.com/bigquery/docs/reference/standard-sql/range-functions#range_overlaps"""
    return call("BQ_RANGE_OVERLAPS", *node.expressions)


def range_intersect(node: exp.Expr) -> exp.Expr:
    """https://cloud.google.com/bigquery/docs/reference/standard-sql/range-functions#range_intersect"""
    return _ranged(call("BQ_RANGE_INTERSECT", *node.expressions))


FUNCTIONS: dict[str, Transform] = {
    "RANGE": range_constructor,
    "RANGE_START": range_start,
    "RANGE_END": range_end,
    "RANGE_CONTAINS": range_contains,
    "RANGE_OVERLAPS": range_overlaps,
    "RANGE_INTERSECT": range_intersect,
}

MACROS: list[str] = [
    "CREATE OR REPLACE MACRO BQ_RANGE(s, e) AS CASE WHEN s >= e THEN "
    "error('Range start element must be smaller than range end element') "
    "ELSE {'start': s, 'end': e} END",
    "CREATE OR REPLACE MACRO BQ_RANGE_CONTAINS_POINT(r, x) AS CASE WHEN r IS NULL OR x IS NULL "
    'THEN NULL ELSE (r.start IS NULL OR r.start <= x) AND (r."end" IS NULL OR x < r."end") END',
    "CREATE OR REPLACE MACRO BQ_RANGE_CONTAINS_RANGE(a, b) AS CASE WHEN a IS NULL OR b IS NULL "
    "THEN NULL ELSE (a.start IS NULL OR (b.start IS NOT NULL AND a.start <= b.start)) AND "
    '(a."end" IS NULL OR (b."end" IS NOT NULL AND b."end" <= a."end")) END',
    "CREATE OR REPLACE MACRO BQ_RANGE_OVERLAPS(a, b) AS CASE WHEN a IS NULL OR b IS NULL "
    'THEN NULL ELSE (a.start IS NULL OR b."end" IS NULL OR a.start < b."end") AND '
    '(b.start IS NULL OR a."end" IS NULL OR b.start < a."end") END',
    "CREATE OR REPLACE MACRO BQ_RANGE_INTERSECT(a, b) AS CASE WHEN a IS NULL OR b IS NULL "
    "THEN NULL WHEN NOT BQ_RANGE_OVERLAPS(a, b) THEN "
    "error('Provided RANGE inputs: ' || a::VARCHAR || ' and ' || b::VARCHAR || ' do not overlap') "
    "ELSE {'start': CASE WHEN a.start IS NULL THEN b.start WHEN b.start IS NULL THEN a.start "
    "ELSE greatest(a.start, b.start) END, "
    '\'end\': CASE WHEN a."end" IS NULL THEN b."end" WHEN b."end" IS NULL THEN a."end" '
    'ELSE least(a."end", b."end") END} END',
]
