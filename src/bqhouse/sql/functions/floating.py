"""FLOAT64 NaN in ordering and MIN: BigQuery orders NaN below every number, DuckDB above.

https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#floating_point_semantics
In ascending order BigQuery sorts NULL, then NaN, then -inf, ..., +inf (descending is the
reverse, NULL last), and MIN/MAX of a group holding a NaN are NaN. DuckDB treats NaN as the
largest value. The translator does not know column types, so each ORDER BY key gets a leading
key ``bq_nan_order(x)``: a constant for every type but DOUBLE (the optimizer drops it), else 0
for NaN and 1 for a number, NULL for NULL (placed like ``x``'s NULLs).
"""

from __future__ import annotations

from sqlglot import exp

from bqhouse.sql.builders import Transform, call

MACROS: list[str] = [
    # hash() is defined for every type, so the macro binds for all of them; typeof() folds.
    "CREATE OR REPLACE MACRO bq_nan_order(x) AS CASE WHEN typeof(x) <> 'DOUBLE' THEN 1 "
    "WHEN x IS NULL THEN NULL WHEN hash(x) = hash(CAST('NaN' AS DOUBLE)) THEN 0 ELSE 1 END",
]

_SET_OPERATIONS = (exp.Union, exp.Intersect, exp.Except)


def _orderable(key: exp.Expr) -> bool:
    # ORDER BY 1 is an ordinal; other literals sort nothing.
    return not isinstance(key, (exp.Literal, exp.Null, exp.Boolean, exp.Star))


def nan_first_order(node: exp.Expr) -> exp.Expr:
    """ORDER BY x -> ORDER BY bq_nan_order(x), x: NaN first ascending, last descending.

    Not under a set operation, whose ORDER BY may only name output columns in DuckDB, nor with
    GROUP BY ALL (DuckDB then binds the key's column outside the groups), nor in a window with a
    RANGE frame (which takes exactly one ORDER BY key).
    """
    parent = node.parent
    if isinstance(parent, _SET_OPERATIONS):
        return node
    group = parent.args.get("group") if isinstance(parent, exp.Select) else None
    if isinstance(group, exp.Group) and group.args.get("all"):
        return node
    spec = parent.args.get("spec") if isinstance(parent, exp.Window) else None
    if isinstance(spec, exp.WindowSpec) and str(spec.args.get("kind") or "").upper() == "RANGE":
        return node
    # DuckDB refuses an expression over a select-list alias whose expression has side effects
    # (error() calls of other rewrites): such keys keep DuckDB's NaN order.
    aliases = (
        {e.alias.lower() for e in parent.expressions if isinstance(e, exp.Alias)}
        if isinstance(parent, exp.Select)
        else set()
    )
    keys: list[exp.Expr] = []
    for ordered in node.expressions:
        key = ordered.this if isinstance(ordered, exp.Ordered) else None
        is_alias = isinstance(key, exp.Column) and not key.table and key.name.lower() in aliases
        if isinstance(ordered, exp.Ordered) and _orderable(ordered.this) and not is_alias:
            nan_key = ordered.copy()
            nan_key.set("this", call("bq_nan_order", ordered.this.copy()))
            keys.append(nan_key)
        keys.append(ordered)
    node.set("expressions", keys)
    return node


def nan_min(node: exp.Expr) -> exp.Expr:
    """MIN over a group holding a NaN is NaN (DuckDB's MAX already is, NaN being its largest).

    https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#min
    """
    if isinstance(node.parent, exp.Window) or node.expressions:
        return node  # MIN(...) OVER (...), or the scalar LEAST-like MIN(a, b)
    value = node.this
    if isinstance(value, exp.Distinct):
        return node
    is_nan = exp.EQ(this=call("bq_nan_order", value.copy()), expression=exp.Literal.number(0))
    nan = exp.Filter(this=exp.Max(this=value.copy()), expression=exp.Where(this=is_nan))
    return exp.Coalesce(this=nan, expressions=[node])


TRANSFORMS: dict[type[exp.Expr], Transform] = {
    exp.Order: nan_first_order,
    exp.Min: nan_min,
}
