"""Statistical aggregates with BigQuery's answers for NaN, infinity and too few rows.

https://cloud.google.com/bigquery/docs/reference/standard-sql/statistical_aggregate_functions
DuckDB raises "out of range" when STDDEV/VARIANCE/CORR meet NaN or infinity; BigQuery returns
NaN. CORR of fewer than two non-NULL pairs is NULL in BigQuery, NaN in DuckDB.
"""

from __future__ import annotations

from sqlglot import exp

from bqhouse.sql.builders import Transform, call


def _not_finite(value: exp.Expr) -> exp.Expr:
    double = exp.cast(value.copy(), exp.DataType.build("DOUBLE"))
    return exp.Or(this=call("ISNAN", double), expression=call("ISINF", double.copy()))


def _nan() -> exp.Expr:
    return exp.cast(exp.Literal.string("NaN"), exp.DataType.build("DOUBLE"))


def nan_aware(node: exp.Expr) -> exp.Expr:
    """STDDEV*/VAR*/CORR: NaN when an input is NaN or infinite; CORR of < 2 pairs is NULL."""
    if isinstance(node.parent, exp.Window):
        return node
    values = [v for v in (node.this, node.args.get("expression")) if isinstance(v, exp.Expr)]
    if not values or any(isinstance(v, exp.Distinct) for v in values):
        return node
    bad: exp.Expr = _not_finite(values[0])
    for value in values[1:]:
        bad = exp.Or(this=bad, expression=_not_finite(value))
    any_bad = exp.GT(
        this=exp.Filter(
            this=exp.Count(this=exp.Star()), expression=exp.Where(this=exp.paren(bad.copy()))
        ),
        expression=exp.Literal.number(0),
    )
    clean = exp.Filter(
        this=node,
        expression=exp.Where(this=exp.Not(this=exp.paren(bad.copy()))),
    )
    ifs = [exp.If(this=any_bad, true=_nan())]
    if isinstance(node, exp.Corr):
        pairs = call("REGR_COUNT", values[0].copy(), values[1].copy())
        ifs.append(
            exp.If(this=exp.LT(this=pairs, expression=exp.Literal.number(2)), true=exp.null())
        )
    return exp.Case(ifs=ifs, default=clean)


TRANSFORMS: dict[type[exp.Expr], Transform] = {
    exp.Stddev: nan_aware,
    exp.StddevSamp: nan_aware,
    exp.StddevPop: nan_aware,
    exp.Variance: nan_aware,
    exp.VariancePop: nan_aware,
    exp.Corr: nan_aware,
}
