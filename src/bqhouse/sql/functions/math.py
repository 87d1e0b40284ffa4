"""Mathematical functions with GoogleSQL semantics.

https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions
Domain errors follow BigQuery ("Floating point error in function: ..."), NaN propagates, the
SAFE_ functions return NULL on overflow.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pyarrow as pa
import pyarrow.compute as pc
from sqlglot import exp

from bqhouse.sql.builders import Transform, call
from bqhouse.sql.functions import Udf

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


# --- NUMERIC arithmetic (bqhouse.sql.numeric_types rewrites NUMERIC-typed operations to these) --
# https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
# NUMERIC is DECIMAL(38, 9): a result is rounded half away from zero to 9 decimal places and must
# stay below 10^29 in magnitude ("numeric overflow: ..."); ``safe`` gives NULL instead of an error.
_SCALE = 10**9
_LIMIT = 10**38  # scaled by 10^9: |value| < 10^29


def _scaled(value: Decimal) -> int:
    """A NUMERIC value as an integer count of 10^-9 (exact; rounded half away from zero)."""
    sign, digits, exponent = value.as_tuple()
    number = int("".join(map(str, digits)) or "0")
    assert isinstance(exponent, int)
    shift = exponent + 9
    number = number * 10**shift if shift >= 0 else _round_div(number, 10**-shift)
    return -number if sign else number


def _round_div(numerator: int, denominator: int) -> int:
    """numerator / denominator (both >= 0, denominator > 0) rounded half away from zero."""
    quotient, remainder = divmod(numerator, denominator)
    return quotient + (2 * remainder >= denominator)


def _numeric(scaled: int) -> Decimal | None:
    """A scaled integer back to NUMERIC; None when it overflows."""
    if abs(scaled) >= _LIMIT:
        return None
    return Decimal(f"{scaled}E-9")


def _signed(negative: bool, magnitude: int) -> int:
    return -magnitude if negative else magnitude


def numeric_multiply(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    """a * b rounded half away from zero to 9 places; None on overflow (or a NULL input)."""
    if a is None or b is None:
        return None
    x, y = _scaled(a), _scaled(b)
    return _numeric(_signed((x < 0) != (y < 0), _round_div(abs(x * y), _SCALE)))


def numeric_divide(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    """a / b rounded half away from zero to 9 places; None on overflow (or NULL, or b = 0)."""
    if a is None or b is None or not b:
        return None
    x, y = _scaled(a), _scaled(b)
    return _numeric(_signed((x < 0) != (y < 0), _round_div(abs(x) * _SCALE, abs(y))))


def numeric_div(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    """DIV(a, b): the quotient truncated toward zero; None on overflow (or NULL, or b = 0)."""
    if a is None or b is None or not b:
        return None
    x, y = _scaled(a), _scaled(b)
    return _numeric(_signed((x < 0) != (y < 0), abs(x) // abs(y)) * _SCALE)


def numeric_raise(message: str) -> Decimal:
    """An error from SQL without error(), which is volatile: DuckDB refuses it inside TRY."""
    raise ValueError(message)


# The exact paths, a vector at a time: pyarrow's decimal256 arithmetic is exact (a product of two
# decimal256(37, 9) is decimal256(75, 18); a quotient is truncated toward zero at 38 places,
# which keeps the digit that decides the rounding at 9), then rounded half away from zero.
# ~0.5 us a row against ~15-25 us for the scalar Python path, which only what does not fit takes
# (an operand of 10^28 or more, an overflow, a zero divisor).
_WIDE = pa.decimal256(37, 9)
_NUMERIC_ARROW = pa.decimal128(38, 9)


def _vectorized(
    exact: Callable[[pa.Array, pa.Array], pa.Array],
    scalar: Callable[[Decimal | None, Decimal | None], Decimal | None],
) -> Callable[[pa.Array, pa.Array], pa.Array]:
    def run(a: pa.Array, b: pa.Array) -> pa.Array:
        try:
            value = exact(a.cast(_WIDE), b.cast(_WIDE))
            rounded = pc.round(value, ndigits=9, round_mode="half_towards_infinity")
            return rounded.cast(_NUMERIC_ARROW)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            pairs = zip(a.to_pylist(), b.to_pylist(), strict=True)
            return pa.array([scalar(x, y) for x, y in pairs], _NUMERIC_ARROW)

    return run


_NUMERIC = "DECIMAL(38, 9)"
UDFS: list[Udf] = [
    Udf(
        "bq_numeric_mul_exact",
        _vectorized(pc.multiply, numeric_multiply),
        [_NUMERIC, _NUMERIC],
        _NUMERIC,
        "special",
        kind="arrow",
    ),
    Udf(
        "bq_numeric_div_exact",
        _vectorized(pc.divide, numeric_divide),
        [_NUMERIC, _NUMERIC],
        _NUMERIC,
        "special",
        kind="arrow",
    ),
    Udf("bq_numeric_idiv_exact", numeric_div, [_NUMERIC, _NUMERIC], _NUMERIC, "special"),
    Udf("bq_numeric_raise", numeric_raise, ["VARCHAR"], _NUMERIC),
]

_HALF_UNIT = "CAST('0.0000000005' AS DECIMAL(10, 10))"


def _raise(message_sql: str) -> str:
    return f"bq_numeric_raise({message_sql})"


def _overflow(safe: bool, op: str) -> str:
    """What an overflowing a <op> b gives: NULL for SAFE_, else BigQuery's error."""
    if safe:
        return f"CAST(NULL AS {_NUMERIC})"
    return _raise(f"'numeric overflow: ' || bq_numeric_text(a) || ' {op} ' || bq_numeric_text(b)")


def _zero_divisor(safe: bool) -> str:
    if safe:
        return f"CAST(NULL AS {_NUMERIC})"
    return _raise("'division by zero: ' || bq_numeric_text(a) || ' / ' || bq_numeric_text(b)")


def _numeric_macros(prefix: str, safe: bool) -> list[str]:
    # a * b: q, the double product rounded to 9 places, is the answer when it is within half a
    # unit of the exact DECIMAL(38, 18) product (checked exactly). Otherwise (a tie, |a * b| beyond
    # what a double resolves to 10^-9, or beyond DuckDB's DECIMAL(38, 18), where TRY gives NULL)
    # the exact path (pyarrow, see _vectorized). Written without CASE so that DuckDB's common
    # subexpression elimination computes a nested operand once: ``1 // false`` is NULL.
    wide_mul = (
        f"coalesce(bq_numeric_mul_exact(a, b), CASE WHEN a IS NULL OR b IS NULL "
        f"THEN NULL ELSE {_overflow(safe, '*')} END)"
    )
    checked = (
        f"q + CAST(0 AS DECIMAL(1, 0)) * (1 // CAST(abs(TRY(a * b) - q) < {_HALF_UNIT} AS INTEGER))"
    )
    return [
        f"CREATE OR REPLACE MACRO {prefix}mul_q(a, b, q) AS coalesce({checked}, {wide_mul})",
        # d: a double approximation of a * b that bqhouse.sql.numeric_types builds from the leaves
        # of nested products, so that an inner product is not evaluated again for it.
        f"CREATE OR REPLACE MACRO {prefix}mul(a, b, d) AS "
        f"{prefix}mul_q(a, b, TRY_CAST(d AS {_NUMERIC}))",
        # The same with CASE instead of TRY, for operands that DuckDB refuses inside TRY
        # (volatile functions such as error()).
        f"CREATE OR REPLACE MACRO {prefix}mul_guarded(a, b, d) AS CASE "
        f"WHEN abs(d) >= 1e19 THEN {wide_mul} "
        f"WHEN abs(a * b - CAST(d AS {_NUMERIC})) < {_HALF_UNIT} THEN CAST(d AS {_NUMERIC}) "
        f"ELSE {wide_mul} END",
        # a / b: q, the double quotient rounded to 9 places, is the answer when it is within half
        # a unit of the exact quotient: |a - q * b| < |b| / 2 * 10^-9, checked exactly (q * b
        # is an exact DECIMAL(38, 18) product). Otherwise (a tie, a quotient beyond what a
        # double resolves, an overflow) the exact path, as for products.
        f"CREATE OR REPLACE MACRO {prefix}div_q(a, b, q) AS coalesce("
        f"q + CAST(0 AS DECIMAL(1, 0)) * (1 // TRY(CAST(abs(a - q * b) < abs(b) * {_HALF_UNIT} "
        f"AS INTEGER))), bq_numeric_div_exact(a, b), {_overflow(safe, '/')})",
        f"CREATE OR REPLACE MACRO {prefix}div(a, b) AS CASE "
        "WHEN a IS NULL OR b IS NULL THEN NULL "
        f"WHEN b = 0 THEN {_zero_divisor(safe)} "
        f"ELSE {prefix}div_q(a, b, TRY_CAST(CAST(a AS DOUBLE) / CAST(b AS DOUBLE) AS {_NUMERIC})) "
        "END",
    ]


NUMERIC_MACROS: list[str] = [
    # NUMERIC text as BigQuery prints it in messages: no trailing zeros.
    "CREATE OR REPLACE MACRO bq_numeric_text(x) AS CASE WHEN contains(CAST(x AS VARCHAR), '.') "
    "THEN rtrim(rtrim(CAST(x AS VARCHAR), '0'), '.') ELSE CAST(x AS VARCHAR) END",
    *_numeric_macros("bq_numeric_", safe=False),
    *_numeric_macros("bq_numeric_safe_", safe=True),
    # DIV(a, b): truncated toward zero.
    "CREATE OR REPLACE MACRO bq_numeric_idiv(a, b) AS CASE "
    "WHEN a IS NULL OR b IS NULL THEN NULL "
    f"WHEN b = 0 THEN {_zero_divisor(False)} "
    f"ELSE coalesce(bq_numeric_idiv_exact(a, b), {_overflow(False, '/')}) END",
]
MACROS.extend(NUMERIC_MACROS)


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
