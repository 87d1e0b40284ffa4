"""Aggregate and approximate aggregate functions.

https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions
https://cloud.google.com/bigquery/docs/reference/standard-sql/approximate_aggregate_functions
"""

from __future__ import annotations

from sqlglot import exp

from bqhouse.sql.builders import Transform, call


def approx_top_count(node: exp.Expr) -> exp.Expr:
    """APPROX_TOP_COUNT(x, k): ARRAY<STRUCT<value, count>>, most frequent first (exact here).

    https://cloud.google.com/bigquery/docs/reference/standard-sql/approximate_aggregate_functions#approx_top_count
    """
    return call("BQ_TOP_COUNT", call("HISTOGRAM", node.this), node.expression)


def approx_top_sum(node: exp.Expr) -> exp.Expr:
    """APPROX_TOP_SUM(x, weight, k): ARRAY<STRUCT<value, sum>>, largest sum first (exact here).

    https://cloud.google.com/bigquery/docs/reference/standard-sql/approximate_aggregate_functions#approx_top_sum
    """
    value, weight, k = node.this, node.expression, node.args["count"]
    pairs = exp.Struct(
        expressions=[
            exp.PropertyEQ(this=exp.to_identifier("v"), expression=value),
            exp.PropertyEQ(this=exp.to_identifier("w"), expression=weight),
        ]
    )
    return call("BQ_TOP_SUM", call("LIST", pairs), k)


def _without_limit(node: exp.Expr) -> exp.Expr | None:
    """Strip ``LIMIT n`` from an aggregate's argument and return n (None if there is none)."""
    limit = node.this
    if not isinstance(limit, exp.Limit):
        return None
    node.set("this", limit.this)
    return limit.expression


def array_agg_limit(node: exp.Expr) -> exp.Expr:
    """ARRAY_AGG(x [ORDER BY ...] LIMIT n): the first n elements (DuckDB has no LIMIT there).

    https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#array_agg
    """
    count = _without_limit(node)
    if count is None:
        return node
    sliced = call("LIST_SLICE", node, exp.Literal.number(1), count)
    sliced.meta["aggregate_limit"] = True
    return sliced


def ignore_nulls_limit(node: exp.Expr) -> exp.Expr:
    """ARRAY_AGG(x IGNORE NULLS LIMIT n): drop the NULLs first, then keep n elements."""
    sliced = node.this
    if not (isinstance(sliced, exp.Anonymous) and sliced.meta.get("aggregate_limit")):
        return node
    node.set("this", sliced.expressions[0])
    sliced.set("expressions", [node, *sliced.expressions[1:]])
    return sliced


def string_agg_limit(node: exp.Expr) -> exp.Expr:
    """STRING_AGG(x, sep [ORDER BY ...] LIMIT n): the first n non-NULL values, joined.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#string_agg
    """
    count = _without_limit(node)
    if count is None:
        return node
    separator = node.args.get("separator") or exp.Literal.string(",")
    values = exp.ArrayAgg(this=node.this)
    return call("BQ_STRING_AGG_LIMIT", values, separator, count)


MACROS: list[str] = [
    # APPROX_QUANTILES(x, n RESPECT NULLS) over LIST(x ORDER BY x NULLS FIRST).
    "CREATE OR REPLACE MACRO BQ_QUANTILES_RESPECT_NULLS(l, n) AS CASE WHEN len(l) = 0 THEN NULL "
    "ELSE list_transform(range(n + 1), i -> l[CAST(floor((len(l) - 1) * i / n) AS BIGINT) + 1]) "
    "END",
    "CREATE OR REPLACE MACRO BQ_STRING_AGG_LIMIT(l, sep, n) AS CASE WHEN "
    "len(list_filter(l, e -> e IS NOT NULL)) = 0 THEN NULL ELSE array_to_string("
    "list_slice(list_filter(l, e -> e IS NOT NULL), 1, n), sep) END",
    "CREATE OR REPLACE MACRO BQ_TOP_COUNT(h, k) AS list_transform(list_slice(list_sort("
    "list_transform(map_entries(h), e -> {'c': e.value, 'v': e.key}), 'DESC'), 1, k), "
    "e -> {'value': e.v, 'count': e.c})",
    "CREATE OR REPLACE MACRO BQ_TOP_SUM(pairs, k) AS list_transform(list_slice(list_sort("
    "list_transform(list_distinct(list_transform(pairs, p -> p.v)), val -> {'s': list_reduce("
    "list_transform(list_filter(pairs, p -> p.v = val), p -> p.w), (a, b) -> a + b), "
    "'v': val}), 'DESC'), 1, k), "
    "e -> {'value': e.v, 'sum': e.s})",
]

TRANSFORMS: dict[type[exp.Expr], Transform] = {
    exp.ApproxTopK: approx_top_count,
    exp.ApproxTopSum: approx_top_sum,
    exp.ArrayAgg: array_agg_limit,
    exp.IgnoreNulls: ignore_nulls_limit,
    exp.GroupConcat: string_agg_limit,
}
