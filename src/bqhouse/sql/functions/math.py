"""Mathematical functions with GoogleSQL semantics.

https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions
Domain errors follow BigQuery ("Floating point error in function: ..."), NaN propagates, the
SAFE_ functions return NULL on overflow.
"""

from __future__ import annotations

from sqlglot import exp

from bqhouse.sql.builders import Transform, call

_IS_DOUBLE = "typeof(x) IN ('DOUBLE', 'FLOAT')"

MACROS: list[str] = [
    # SIGN(NaN) is NaN.
    f"CREATE OR REPLACE MACRO bq_sign(x) AS CASE WHEN {_IS_DOUBLE} "
    "AND isnan(TRY_CAST(x AS DOUBLE)) THEN x ELSE sign(x) END",
    "CREATE OR REPLACE MACRO bq_sqrt(x) AS CASE WHEN x < 0 "
    "THEN error('Argument to SQRT cannot be negative: ' || CAST(x AS VARCHAR)) ELSE sqrt(x) END",
    "CREATE OR REPLACE MACRO bq_pow(x, y) AS CASE "
    "WHEN x < 0 AND NOT isinf(CAST(x AS DOUBLE)) AND isfinite(CAST(y AS DOUBLE)) "
    "AND y <> floor(y) THEN error('Floating point error in function: POW(' "
    "|| CAST(x AS VARCHAR) || ', ' || CAST(y AS VARCHAR) || ')') "
    "WHEN x = 0 AND y < 0 THEN error('Floating point error in function: POW(' "
    "|| CAST(x AS VARCHAR) || ', ' || CAST(y AS VARCHAR) || ')') "
    "WHEN isinf(pow(x, y)) AND isfinite(CAST(x AS DOUBLE)) AND isfinite(CAST(y AS DOUBLE)) "
    "THEN error('Floating point overflow in function: POW(' "
    "|| CAST(x AS VARCHAR) || ', ' || CAST(y AS VARCHAR) || ')') "
    "ELSE pow(x, y) END",
    "CREATE OR REPLACE MACRO bq_exp(x) AS CASE "
    "WHEN isinf(exp(x)) AND isfinite(CAST(x AS DOUBLE)) "
    "THEN error('Floating point overflow in function: EXP(' || CAST(x AS VARCHAR) || ')') "
    "ELSE exp(x) END",
    "CREATE OR REPLACE MACRO bq_ln(x) AS CASE WHEN x <= 0 "
    "THEN error('Floating point error in function: LN(' || CAST(x AS VARCHAR) || ')') "
    "ELSE ln(x) END",
    "CREATE OR REPLACE MACRO bq_log10(x) AS CASE "
    "WHEN x = CAST('-inf' AS DOUBLE) THEN CAST('nan' AS DOUBLE) WHEN x <= 0 "
    "THEN error('Floating point error in function: LOG10(' || CAST(x AS VARCHAR) || ')') "
    "ELSE log10(x) END",
    # LOG(x, base): NaN for x = -inf, errors for x <= 0, base <= 0 or base = 1.
    "CREATE OR REPLACE MACRO bq_log(x, b) AS CASE "
    "WHEN isnan(CAST(x AS DOUBLE)) OR isnan(CAST(b AS DOUBLE)) THEN CAST('nan' AS DOUBLE) "
    "WHEN x = CAST('-inf' AS DOUBLE) THEN CAST('nan' AS DOUBLE) "
    "WHEN x <= 0 OR b <= 0 OR b = 1 THEN error('Floating point error in function: LOG(' "
    "|| CAST(x AS VARCHAR) || ', ' || CAST(b AS VARCHAR) || ')') "
    "ELSE ln(x) / ln(b) END",
    "CREATE OR REPLACE MACRO bq_acosh(x) AS CASE WHEN x < 1 "
    "THEN error('Floating point error in function: ACOSH(' || CAST(x AS VARCHAR) || ')') "
    "ELSE acosh(x) END",
    "CREATE OR REPLACE MACRO bq_trig(name, x, y) AS CASE "
    "WHEN isinf(CAST(x AS DOUBLE)) THEN CAST('nan' AS DOUBLE) ELSE y END",
    "CREATE OR REPLACE MACRO bq_cot(x) AS CASE WHEN x = 0 "
    "THEN error('Floating point error in function: COT(' || CAST(x AS VARCHAR) || ')') "
    "WHEN isinf(CAST(x AS DOUBLE)) THEN CAST('nan' AS DOUBLE) ELSE cot(x) END",
    "CREATE OR REPLACE MACRO bq_csc(x) AS CASE WHEN x = 0 "
    "THEN error('Floating point error in function: CSC(' || CAST(x AS VARCHAR) || ')') "
    "ELSE 1 / sin(CAST(x AS DOUBLE)) END",
    "CREATE OR REPLACE MACRO bq_sec(x) AS 1 / cos(CAST(x AS DOUBLE))",
    "CREATE OR REPLACE MACRO bq_coth(x) AS CASE WHEN x = 0 "
    "THEN error('Floating point error in function: COTH(' || CAST(x AS VARCHAR) || ')') "
    "WHEN isinf(CAST(x AS DOUBLE)) THEN sign(x) * 1.0 "
    "ELSE cosh(CAST(x AS DOUBLE)) / sinh(CAST(x AS DOUBLE)) END",
    "CREATE OR REPLACE MACRO bq_csch(x) AS CASE WHEN x = 0 "
    "THEN error('Floating point error in function: CSCH(' || CAST(x AS VARCHAR) || ')') "
    "ELSE 1 / sinh(CAST(x AS DOUBLE)) END",
    "CREATE OR REPLACE MACRO bq_sech(x) AS 2 * exp(-abs(CAST(x AS DOUBLE))) "
    "/ (1 + exp(-2 * abs(CAST(x AS DOUBLE))))",
    # Keep the operand's type: DuckDB's ROUND/FLOOR/CEIL of DECIMAL(38, 9) is DECIMAL(38, 0),
    # BigQuery's is NUMERIC. Adding (x - x) restores the scale; infinities add 0.
    # Half-to-even ROUND that keeps NUMERIC (DuckDB's round_even returns DOUBLE).
    "CREATE OR REPLACE MACRO bq_round_even(x, n) AS CASE "
    "WHEN abs(x - trunc(x, n)) * pow(10, n) = 0.5 AND (trunc(x, n) * pow(10, n)) % 2 = 0 "
    "THEN trunc(x, n) ELSE round(x, n) END",
    "CREATE OR REPLACE MACRO bq_same_type(x, y) AS y + CASE WHEN isfinite(x) THEN x - x ELSE 0 END",
    # RANGE_BUCKET: number of boundaries <= point; the array must be sorted, without NULL/NaN.
    "CREATE OR REPLACE MACRO bq_range_bucket(p, a) AS CASE "
    "WHEN p IS NULL OR a IS NULL THEN NULL "
    "WHEN len(list_filter(a, b -> b IS NULL OR isnan(CAST(b AS DOUBLE)))) > 0 "
    "THEN error('Elements in input array to RANGE_BUCKET cannot be NULL or NaN') "
    "WHEN a <> list_sort(a) THEN error('Elements in input array to RANGE_BUCKET must be in "
    "ascending order') "
    "ELSE CAST(len(list_filter(a, b -> b <= p)) AS BIGINT) END",
    "CREATE OR REPLACE MACRO bq_euclidean(a, b) AS CASE WHEN len(a) <> len(b) "
    "THEN error('Array arguments to EUCLIDEAN_DISTANCE must have equal length') "
    "ELSE list_distance(CAST(a AS DOUBLE[]), CAST(b AS DOUBLE[])) END",
    "CREATE OR REPLACE MACRO bq_cosine(a, b) AS CASE WHEN len(a) <> len(b) "
    "THEN error('Array arguments to COSINE_DISTANCE must have equal length') "
    "ELSE list_cosine_distance(CAST(a AS DOUBLE[]), CAST(b AS DOUBLE[])) END",
]


def _macro(name: str) -> Transform:
    def transform(node: exp.Expr) -> exp.Expr:
        args = [node.this, *(v for k, v in node.args.items() if k != "this" and v is not None)]
        return call(name, *[a for a in args if isinstance(a, exp.Expr)])

    transform.__doc__ = f"Rewrite to the ``{name}`` macro (GoogleSQL errors and NaN rules)."
    return transform


def safe_arithmetic(node: exp.Expr) -> exp.Expr:
    """SAFE_ADD / SAFE_SUBTRACT / SAFE_MULTIPLY / SAFE_NEGATE: NULL instead of overflow.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#safe_add
    """
    if isinstance(node, exp.SafeNegate):
        inner: exp.Expr = exp.Neg(this=exp.Paren(this=node.this))
    else:
        operator: dict[type[exp.Expr], type[exp.Binary]] = {
            exp.SafeAdd: exp.Add,
            exp.SafeSubtract: exp.Sub,
            exp.SafeMultiply: exp.Mul,
        }
        inner = operator[type(node)](this=node.this, expression=node.expression)
    return call("TRY", inner)


def log(node: exp.Expr) -> exp.Expr:
    """LOG(x) is LN; LOG(x, base) (sqlglot: Log(this=base, expression=x)); LOG10 has base 10.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#log
    """
    base, value = node.this, node.expression
    if value is None:
        return call("bq_ln", base)
    if isinstance(base, exp.Literal) and base.this == "10":
        return call("bq_log10", value)
    return call("bq_log", value, base)


def least(node: exp.Expr) -> exp.Expr:
    """GREATEST/LEAST return NULL if any input is NULL and NaN if any input is NaN.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#least
    """
    args = [node.this, *node.expressions]
    name = "GREATEST" if isinstance(node, exp.Greatest) else "LEAST"
    any_null = exp.or_(*[exp.Is(this=a.copy(), expression=exp.Null()) for a in args])
    any_nan = exp.or_(
        *[
            exp.and_(
                exp.In(
                    this=call("TYPEOF", a.copy()),
                    expressions=[exp.Literal.string("DOUBLE"), exp.Literal.string("FLOAT")],
                ),
                call("ISNAN", exp.TryCast(this=a.copy(), to=exp.DataType.build("DOUBLE"))),
            )
            for a in args
        ]
    )
    # DuckDB orders NaN above every number, so GREATEST picks the NaN (keeping the result type).
    nan = call("GREATEST", *[a.copy() for a in args])
    return exp.Case(
        ifs=[exp.If(this=any_null, true=exp.Null()), exp.If(this=any_nan, true=nan)],
        default=call(name, *args),
    )


def rounding(node: exp.Expr) -> exp.Expr:
    """ROUND/TRUNC/FLOOR/CEIL of NUMERIC stay NUMERIC; ROUND(x, n, 'ROUND_HALF_EVEN').

    https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#round
    """
    value = node.this
    decimals = node.args.get("decimals")
    mode = node.args.get("truncate")
    names: dict[type[exp.Expr], str] = {exp.Round: "ROUND", exp.Floor: "FLOOR", exp.Ceil: "CEIL"}
    name = names.get(type(node), "TRUNC")
    if isinstance(mode, exp.Literal) and mode.this.upper() == "ROUND_HALF_EVEN":
        name = "bq_round_even"
        decimals = decimals or exp.Literal.number(0)
    args = [value.copy()] + ([decimals] if decimals is not None else [])
    return call("bq_same_type", value, call(name, *args))


def trig(name: str) -> Transform:
    def transform(node: exp.Expr) -> exp.Expr:
        return call("bq_trig", exp.Literal.string(name), node.this, call(name, node.this.copy()))

    transform.__doc__ = f"{name}(+/-inf) is NaN (DuckDB raises an error)."
    return transform


TRANSFORMS: dict[type[exp.Expr], Transform] = {
    exp.Sign: _macro("bq_sign"),
    exp.Sqrt: _macro("bq_sqrt"),
    exp.Pow: _macro("bq_pow"),
    exp.Exp: _macro("bq_exp"),
    exp.Ln: _macro("bq_ln"),
    exp.Log: log,
    exp.Acosh: _macro("bq_acosh"),
    exp.Cot: _macro("bq_cot"),
    # Reciprocal trigonometric functions DuckDB does not have.
    exp.Csc: _macro("bq_csc"),
    exp.Sec: _macro("bq_sec"),
    exp.Coth: _macro("bq_coth"),
    exp.Csch: _macro("bq_csch"),
    exp.Sech: _macro("bq_sech"),
    exp.Cos: trig("COS"),
    exp.Sin: trig("SIN"),
    exp.Tan: trig("TAN"),
    exp.RangeBucket: _macro("bq_range_bucket"),
    exp.EuclideanDistance: _macro("bq_euclidean"),
    exp.CosineDistance: _macro("bq_cosine"),
    exp.SafeAdd: safe_arithmetic,
    exp.SafeSubtract: safe_arithmetic,
    exp.SafeMultiply: safe_arithmetic,
    exp.SafeNegate: safe_arithmetic,
    exp.Round: rounding,
    exp.Floor: rounding,
    exp.Ceil: rounding,
    exp.Trunc: rounding,
    exp.Greatest: least,
    exp.Least: least,
}
