"""Array functions: GoogleSQL semantics over DuckDB lists.

https://cloud.google.com/bigquery/docs/reference/standard-sql/array_functions
"""

from __future__ import annotations

from sqlglot import exp

from bqhouse import errors
from bqhouse.sql.builders import Transform, call

MACROS: list[str] = [
    # ARRAY_TO_STRING skips NULL elements, is '' for an empty array and NULL for a NULL input.
    "CREATE OR REPLACE MACRO bq_array_to_string(a, d) AS CASE WHEN a IS NULL OR d IS NULL "
    "THEN NULL ELSE COALESCE(array_to_string(list_filter(a, lambda x: x IS NOT NULL), d), '') "
    "END",
    "CREATE OR REPLACE MACRO bq_array_to_string_null(a, d, n) AS CASE WHEN a IS NULL OR d IS NULL "
    "THEN NULL ELSE COALESCE(array_to_string(list_transform(a, lambda x: COALESCE(x, n)), d), '') "
    "END",
    # ARRAY_FIRST / ARRAY_LAST error on an empty array.
    "CREATE OR REPLACE MACRO bq_array_first(a) AS CASE WHEN len(a) = 0 THEN "
    "error('ARRAY_FIRST cannot get the first element of an empty array') ELSE a[1] END",
    "CREATE OR REPLACE MACRO bq_array_last(a) AS CASE WHEN len(a) = 0 THEN "
    "error('ARRAY_LAST cannot get the last element of an empty array') ELSE a[-1] END",
    # ARRAY_SLICE: 0-based inclusive offsets, negative ones count from the end, clamped.
    "CREATE OR REPLACE MACRO bq_slice_start(a, s) AS "
    "greatest(CASE WHEN s < 0 THEN s + len(a) ELSE s END, 0)",
    "CREATE OR REPLACE MACRO bq_slice_end(a, e) AS "
    "least(CASE WHEN e < 0 THEN e + len(a) ELSE e END, len(a) - 1)",
    "CREATE OR REPLACE MACRO bq_array_slice(a, s, e) AS CASE "
    "WHEN a IS NULL OR s IS NULL OR e IS NULL THEN NULL "
    "WHEN bq_slice_start(a, s) > bq_slice_end(a, e) THEN list_slice(a, 1, 0) "
    "ELSE list_slice(a, bq_slice_start(a, s) + 1, bq_slice_end(a, e) + 1) END",
    # GENERATE_ARRAY for INT64, NUMERIC and FLOAT64 alike: start + i * step.
    "CREATE OR REPLACE MACRO bq_generate_array(a, b, s) AS CASE "
    "WHEN a IS NULL OR b IS NULL OR s IS NULL THEN NULL "
    "WHEN s = 0 THEN error('Sequence step cannot be 0.') "
    "ELSE list_transform(range(0, CAST(greatest(floor((b - a) / s) + 1, 0) AS BIGINT)), "
    "lambda i: a + i * s) END",
]


def _nested_array_error(node: exp.Expr) -> exp.Expr:
    """Arrays of arrays are not supported.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#array_type
    """
    for element in node.expressions:
        if isinstance(element, exp.Array) and not any(
            isinstance(e, exp.Query) for e in (element.this, *element.expressions)
        ):
            raise errors.InvalidQuery(
                "Cannot construct array with element type ARRAY because nested arrays "
                "are not supported",
                location="query",
            )
    return node


def array_concat(node: exp.Expr) -> exp.Expr:
    """ARRAY_CONCAT is NULL when any input is NULL; DuckDB's list_concat skips NULLs.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/array_functions#array_concat
    """
    arrays = [node.this, *node.expressions]
    result = arrays[0]
    for other in arrays[1:]:
        result = exp.DPipe(this=result, expression=other)
    return exp.Paren(this=result) if len(arrays) > 1 else result


def array_to_string(node: exp.Expr) -> exp.Expr:
    """https://cloud.google.com/bigquery/docs/reference/standard-sql/array_functions#array_to_string"""
    args = [node.this, node.expression]
    if node.args.get("null") is not None:
        return call("bq_array_to_string_null", *args, node.args["null"])
    return call("bq_array_to_string", *args)


def array_first(node: exp.Expr) -> exp.Expr:
    """https://cloud.google.com/bigquery/docs/reference/standard-sql/array_functions#array_first"""
    return call("bq_array_first", node.this)


def array_last(node: exp.Expr) -> exp.Expr:
    """https://cloud.google.com/bigquery/docs/reference/standard-sql/array_functions#array_last"""
    return call("bq_array_last", node.this)


def array_slice(node: exp.Expr) -> exp.Expr:
    """https://cloud.google.com/bigquery/docs/reference/standard-sql/array_functions#array_slice"""
    return call("bq_array_slice", node.this, node.args["start"], node.args["end"])


def generate_array(node: exp.Expr) -> exp.Expr:
    """GENERATE_ARRAY(start, end[, step]) of any numeric type (DuckDB's range is integer-only).

    GENERATE_TIMESTAMP_ARRAY also parses as GenerateSeries; its INTERVAL step is left to DuckDB.
    https://cloud.google.com/bigquery/docs/reference/standard-sql/array_functions#generate_array
    """
    step = node.args.get("step")
    if isinstance(step, exp.Interval) or node.args.get("is_end_exclusive"):
        return node
    if step is None:
        step = exp.Literal.number(1)
    return call("bq_generate_array", node.args["start"], node.args["end"], step)


TRANSFORMS: dict[type[exp.Expr], Transform] = {
    exp.Array: _nested_array_error,
    exp.ArrayConcat: array_concat,
    exp.ArrayToString: array_to_string,
    exp.ArrayFirst: array_first,
    exp.ArrayLast: array_last,
    exp.ArraySlice: array_slice,
    exp.GenerateSeries: generate_array,
}
