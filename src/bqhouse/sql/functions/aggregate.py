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


MACROS: list[str] = [
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
}
