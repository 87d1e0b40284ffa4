"""GoogleSQL -> DuckDB semantic fixes, applied to the parsed GoogleSQL tree before generation.

sqlglot's BigQuery -> DuckDB transpiler is the base. Where DuckDB would answer differently from
BigQuery, an entry in ``TRANSFORMS`` rewrites the node (exactly like sqlglot's generator
``TRANSFORMS = {exp.X: fn}``). Adding a fix is one function and one dict entry; each entry is
pinned by a row in ``tests/sql/cases/*.sql`` with a ``# doc:`` link to the GoogleSQL reference.

Transforms run bottom-up (children first) and the nodes they build are not transformed again, so
a transform must emit DuckDB-ready nodes (``exp.Anonymous`` for DuckDB-only functions).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlglot import exp

from bqhouse.sql import functions
from bqhouse.sql.builders import (
    Transform,
    _bigint,
    _call,
    _error,
    _is_number,
)

# Microseconds in each TIMESTAMP_DIFF part; BigQuery counts whole elapsed units, truncated toward
# zero (https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_diff).
_MICROS_PER_PART: dict[str, int] = {
    "MICROSECOND": 1,
    "MILLISECOND": 1_000,
    "SECOND": 1_000_000,
    "MINUTE": 60_000_000,
    "HOUR": 3_600_000_000,
    "DAY": 86_400_000_000,
}


def apply_transforms(tree: exp.Expr) -> exp.Expr:
    """Apply every ``TRANSFORMS`` entry bottom-up and return the (possibly new) root.

    >>> import sqlglot
    >>> apply_transforms(sqlglot.parse_one("SELECT DIV(7, x)", read="bigquery")).sql("duckdb")
    "SELECT 7 // CASE WHEN x = 0 THEN ERROR('division by zero: 7 / 0') ELSE x END"
    """
    for node in reversed(list(tree.walk(bfs=False))):
        transform = TRANSFORMS.get(type(node))
        if transform is None:
            continue
        # Remember the slot first: a transform may wrap the node, re-parenting it.
        parent, key, index = node.parent, node.arg_key, node.index
        new = transform(node)
        if new is node:
            continue
        if parent is None:
            tree = new
        else:
            parent.set(str(key), new, index)
    return tree


def timestamp_diff(node: exp.Expr) -> exp.Expr:
    """TIMESTAMP_DIFF counts whole elapsed units; DuckDB's date_diff counts boundaries crossed.

    Computed on epoch microseconds so the answer does not depend on the session time zone.
    https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_diff
    """
    unit = node.args.get("unit")
    micros = _MICROS_PER_PART.get(unit.name.upper() if unit else "")
    if micros is None:
        return node
    elapsed = exp.Sub(
        this=_call("EPOCH_US", _as_timestamp(node.this)),
        expression=_call("EPOCH_US", _as_timestamp(node.expression)),
    )
    return exp.Paren(this=exp.IntDiv(this=exp.Paren(this=elapsed), expression=_bigint(micros)))


def _as_timestamp(node: exp.Expr) -> exp.Expr:
    # A string literal argument is coerced to TIMESTAMP in GoogleSQL; DuckDB needs the cast.
    if isinstance(node, exp.Literal) and node.is_string:
        return exp.cast(node, exp.DataType.build("TIMESTAMPTZ"))
    return node


def unnest_with_offset(node: exp.Expr) -> exp.Expr:
    """``UNNEST(a) AS x WITH OFFSET AS off``: a 0-based column named ``off``.

    DuckDB's WITH ORDINALITY is 1-based, so wrap it in a (lateral) subquery that subtracts one.
    https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
    """
    offset = node.args.get("offset")
    if not offset or not isinstance(node.parent, (exp.From, exp.Join)):
        return node
    off_name = offset.name if isinstance(offset, exp.Identifier) else "offset"
    alias = node.args.get("alias")
    columns = alias.columns if alias else []
    value_name = columns[0].name if columns else "f0_"
    inner = node.copy()
    inner.set("alias", exp.TableAlias(this=exp.to_identifier("_u"), columns=[value_name]))
    inner.set("offset", exp.to_identifier("_ord"))
    select = exp.select(
        exp.alias_(exp.column(value_name, "_u"), value_name, quoted=True),
        exp.alias_(exp.column("_ord", "_u") - exp.Literal.number(1), off_name, quoted=True),
    ).from_(inner)
    # One alias per UNNEST: a query may unnest several arrays side by side.
    table_alias = alias.name if alias and alias.name else f"_unnest_{value_name}"
    return exp.Subquery(this=select, alias=exp.TableAlias(this=exp.to_identifier(table_alias)))


def array_subscript(node: exp.Expr) -> exp.Expr:
    """``a[OFFSET(i)]``/``a[ORDINAL(i)]`` error out of range; the SAFE_ forms return NULL.

    DuckDB returns NULL out of range and counts negative indexes from the end.
    https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#array_subscript_operator
    """
    indexes = node.expressions
    if len(indexes) != 1 or (isinstance(indexes[0], exp.Literal) and indexes[0].is_string):
        return node  # a[1, 2] or a struct/JSON field access, not an array subscript
    base = int(node.args.get("offset") or 0)
    index = indexes[0]
    position = (
        index.copy() if base == 1 else exp.Add(this=index.copy(), expression=exp.Literal.number(1))
    )
    element = _call("LIST_EXTRACT", node.this, position)
    if node.args.get("safe"):
        return _safe_subscript(index, base, element)
    return _checked_subscript(node.this, index, base, element)


def _safe_subscript(index: exp.Expr, base: int, element: exp.Expr) -> exp.Expr:
    if _is_number(index, lambda v: v >= base):
        return element
    return exp.Case(
        ifs=[
            exp.If(
                this=exp.GTE(this=index.copy(), expression=exp.Literal.number(base)), true=element
            )
        ]
    )


def _checked_subscript(array: exp.Expr, index: exp.Expr, base: int, element: exp.Expr) -> exp.Expr:
    last = exp.Sub(this=_call("LEN", array.copy()), expression=exp.Literal.number(1 - base))
    underflow = exp.If(
        this=exp.LT(this=index.copy(), expression=exp.Literal.number(base)),
        true=_error("Array index ", index, " is out of bounds (underflow)"),
    )
    overflow = exp.If(
        this=exp.GT(this=index.copy(), expression=last),
        true=_error("Array index ", index, " is out of bounds (overflow)"),
    )
    return exp.Case(ifs=[underflow, overflow], default=element)


def approx_quantiles(node: exp.Expr) -> exp.Expr:
    """APPROX_QUANTILES(x, n) returns n+1 boundaries that are actual input values.

    QUANTILE_DISC gives exactly those values (DuckDB's APPROX_QUANTILE is a t-digest estimate).
    https://cloud.google.com/bigquery/docs/reference/standard-sql/approximate_aggregate_functions#approx_quantiles
    """
    buckets = node.expression
    if not _is_number(buckets, lambda v: v >= 1 and v == int(v)):
        return node
    n = int(buckets.this)
    fractions = exp.Array(expressions=[exp.Literal.number(repr(i / n)) for i in range(n + 1)])
    return _call("QUANTILE_DISC", node.this, fractions)


def checked_division(node: exp.Expr) -> exp.Expr:
    """``/``, DIV and MOD raise "division by zero" in BigQuery; DuckDB gives NULL or inf.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
    https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#div
    """
    divisor = node.expression
    if _is_number(divisor, lambda v: v != 0):
        return node
    dividend = node.this
    message = ["division by zero: ", dividend, f" {_OPERATOR_WORDS[type(node)]} 0"]
    if not isinstance(dividend, (exp.Literal, exp.Column)):
        message = ["division by zero"]
    guarded = exp.Case(
        ifs=[
            exp.If(
                this=exp.EQ(this=divisor.copy(), expression=exp.Literal.number(0)),
                true=_error(*message),
            )
        ],
        default=divisor,
    )
    node.set("expression", guarded)
    return node


_OPERATOR_WORDS: dict[type[exp.Expr], str] = {exp.Div: "/", exp.IntDiv: "/", exp.Mod: "%"}


def typed_literal(node: exp.Expr) -> exp.Expr:
    """Number literals typed like GoogleSQL's: INT64 in arithmetic, FLOAT64 for decimals.

    DuckDB types ``1`` as INTEGER (so ``2147483647 + 1`` overflows INT32) and ``1.5`` as DECIMAL.
    https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#numeric_literals
    """
    if not isinstance(node, exp.Literal) or node.is_string:
        return node
    text = node.this.lower()
    context = node.parent.parent if isinstance(node.parent, exp.Neg) else node.parent
    if isinstance(context, exp.Cast):
        return node  # CAST(2.5 AS INT64): DuckDB's DECIMAL->BIGINT rounds half away from zero
    if "." in text or "e" in text:
        return exp.cast(node.copy(), exp.DataType.build("DOUBLE"))
    if isinstance(node.parent, (exp.Add, exp.Sub, exp.Mul)):
        return exp.cast(node.copy(), exp.DataType.build("BIGINT"))
    return node


def numeric_type(node: exp.Expr) -> exp.Expr:
    """NUMERIC is DECIMAL(38, 9); BIGNUMERIC is approximated as DECIMAL(38, 18).

    https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#decimal_types
    """
    if not isinstance(node, exp.DataType) or node.expressions:
        return node
    precision_scale = _DECIMAL_DEFAULTS.get(node.this)
    if precision_scale is None:
        return node
    precision, scale = precision_scale
    return exp.DataType.build(f"DECIMAL({precision}, {scale})")


_DECIMAL_DEFAULTS: dict[object, tuple[int, int]] = {
    exp.DataType.Type.DECIMAL: (38, 9),
    exp.DataType.Type.BIGDECIMAL: (38, 18),
}


_WEEKDAYS = ["SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"]


def _week_starting(value: exp.Expr, weekday: int) -> exp.Expr:
    """Week number in [0, 53], weeks starting on ``weekday`` (0 = Sunday); days before the
    year's first such day are week 0: (doy - 1 - days_to_first + 7) // 7."""
    year_start = _call("DATE_TRUNC", exp.Literal.string("year"), value.copy())
    days_to_first = exp.Mod(
        this=exp.Paren(
            this=exp.Add(
                this=exp.Sub(
                    this=exp.Literal.number(weekday), expression=_call("DAYOFWEEK", year_start)
                ),
                expression=exp.Literal.number(7),
            )
        ),
        expression=exp.Literal.number(7),
    )
    offset = exp.Sub(
        this=exp.Sub(this=_call("DAYOFYEAR", value.copy()), expression=exp.Literal.number(1)),
        expression=exp.Paren(this=days_to_first),
    )
    shifted = exp.Paren(this=exp.Add(this=offset, expression=exp.Literal.number(7)))
    return exp.Paren(this=exp.IntDiv(this=shifted, expression=exp.Literal.number(7)))


def _modulo_part(name: str, modulus: int) -> Callable[[exp.Expr], exp.Expr]:
    # DuckDB's millisecond/microsecond include the whole seconds; BigQuery's do not.
    return lambda value: exp.Paren(
        this=exp.Mod(this=_call(name, value), expression=exp.Literal.number(modulus))
    )


def _cast_part(type_name: str) -> Callable[[exp.Expr], exp.Expr]:
    return lambda value: exp.cast(value, exp.DataType.build(type_name, dialect="duckdb"))


_EXTRACT_PARTS: dict[str, Callable[[exp.Expr], exp.Expr]] = {
    "DAYOFWEEK": lambda value: exp.Paren(
        this=exp.Add(this=_call("DAYOFWEEK", value), expression=exp.Literal.number(1))
    ),
    "WEEK": lambda value: _week_starting(value, 0),
    "ISOWEEK": lambda value: _call("WEEKOFYEAR", value),
    "ISOYEAR": lambda value: _call("ISOYEAR", value),
    "MILLISECOND": _modulo_part("MILLISECOND", 1000),
    "MICROSECOND": _modulo_part("MICROSECOND", 1_000_000),
    "DATE": _cast_part("DATE"),
    # TIMESTAMP WITH TIME ZONE has no direct cast to TIME: go through the (UTC) DATETIME.
    "TIME": lambda value: exp.cast(_cast_part("TIMESTAMP")(value), exp.DataType.build("TIME")),
    "DATETIME": _cast_part("TIMESTAMP"),
}


def extract_part(node: exp.Expr) -> exp.Expr:
    """EXTRACT with BigQuery's parts: DAYOFWEEK 1 (Sunday) to 7, WEEK(<weekday>) from the
    first such day, ISOWEEK, MILLISECOND within the second, and DATE/TIME/DATETIME parts.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#extract
    """
    part, value = node.this, node.expression
    if isinstance(part, exp.WeekStart):
        return _week_starting(value, _WEEKDAYS.index(part.name.upper()))
    build = _EXTRACT_PARTS.get(part.name.upper())
    return build(value) if build else node


def substring(node: exp.Expr) -> exp.Expr:
    """SUBSTR treats position 0, and a negative position before the start, as 1.

    DuckDB starts before the string there and so returns fewer characters.
    https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#substr
    """
    start = node.args.get("start")
    if start is None or _is_number(start, lambda v: v > 0):
        return node
    before_start = exp.LT(
        this=start.copy(), expression=exp.Neg(this=_call("LENGTH", node.this.copy()))
    )
    is_zero = exp.EQ(this=start.copy(), expression=exp.Literal.number(0))
    fixed = exp.Case(
        ifs=[
            exp.If(this=exp.Or(this=is_zero, expression=before_start), true=exp.Literal.number(1))
        ],
        default=start.copy(),
    )
    node.set("start", fixed)
    return node


def format_string(node: exp.Expr) -> exp.Expr:
    """FORMAT('%d-%s', ...) is printf-style; DuckDB's FORMAT uses ``{}`` placeholders.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#format_string
    """
    return _call("PRINTF", node.this, *node.expressions)


def date_arithmetic(node: exp.Expr) -> exp.Expr:
    """DATE_ADD/DATE_SUB return a DATE; DuckDB's date +/- interval is a TIMESTAMP.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_add
    """
    return exp.cast(node, exp.DataType.build("DATE"))


def ieee_divide(node: exp.Expr) -> exp.Expr:
    """IEEE_DIVIDE never errors: x/0 is +/-inf and 0/0 is NaN, as DuckDB's DOUBLE division.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#ieee_divide
    """
    dividend, divisor = node.expressions
    double = exp.DataType.build("DOUBLE")
    return exp.Div(this=exp.cast(dividend, double), expression=exp.cast(divisor, double))


def anonymous_struct(node: exp.Expr) -> exp.Expr:
    """STRUCT(1, 'a') with no field names coerces by position (e.g. on INSERT into a STRUCT column).

    sqlglot names the fields _0, _1, which DuckDB then refuses to cast to the column's field
    names; DuckDB's ROW(...) is positional.
    https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#constructing_a_struct
    """
    fields = node.expressions
    if not fields or any(isinstance(f, (exp.PropertyEQ, exp.Alias)) for f in fields):
        return node
    return _call("ROW", *fields)


def delete_without_from(node: exp.Expr) -> exp.Expr:
    """``DELETE ds.t WHERE ...`` (FROM is optional in GoogleSQL) -> ``DELETE FROM ...``.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/dml-syntax#delete_statement
    """
    tables = node.args.get("tables") or []
    if node.args.get("this") or len(tables) != 1:
        return node
    node.set("tables", None)
    node.set("this", tables[0])
    return node


# GoogleSQL functions sqlglot does not model (parsed as exp.Anonymous), by upper-case name.
FUNCTIONS: dict[str, Transform] = {
    "IEEE_DIVIDE": ieee_divide,
    **functions.FUNCTIONS,
}


def anonymous_function(node: exp.Expr) -> exp.Expr:
    """Dispatch ``exp.Anonymous`` calls through ``FUNCTIONS`` by name."""
    transform = FUNCTIONS.get(str(node.this).upper())
    return transform(node) if transform else node


TRANSFORMS: dict[type[exp.Expr], Transform] = {
    exp.TimestampDiff: timestamp_diff,
    exp.Unnest: unnest_with_offset,
    exp.Bracket: array_subscript,
    exp.ApproxQuantiles: approx_quantiles,
    exp.Div: checked_division,
    exp.IntDiv: checked_division,
    exp.Mod: checked_division,
    exp.Literal: typed_literal,
    exp.DataType: numeric_type,
    exp.Extract: extract_part,
    exp.Substring: substring,
    exp.Format: format_string,
    exp.DateAdd: date_arithmetic,
    exp.DateSub: date_arithmetic,
    exp.Anonymous: anonymous_function,
    exp.Struct: anonymous_struct,
    exp.Delete: delete_without_from,
}
# Families add node transforms for node types the core table leaves alone.
assert not TRANSFORMS.keys() & functions.TRANSFORMS.keys(), "a family overrides a core transform"
TRANSFORMS.update(functions.TRANSFORMS)
