"""GoogleSQL -> DuckDB semantic fixes, applied to the parsed GoogleSQL tree before generation.

sqlglot's BigQuery -> DuckDB transpiler is the base. Where DuckDB would answer differently from
BigQuery, an entry in ``TRANSFORMS`` rewrites the node (exactly like sqlglot's generator
``TRANSFORMS = {exp.X: fn}``). Adding a fix is one function and one dict entry; each entry is
pinned by a row in ``tests/sql/cases/*.sql`` with a ``# doc:`` link to the GoogleSQL reference.

Transforms run bottom-up (children first) and the nodes they build are not transformed again, so
a transform must emit DuckDB-ready nodes (``exp.Anonymous`` for DuckDB-only functions).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sqlglot import exp

from bqhouse import errors
from bqhouse.sql import functions
from bqhouse.sql.builders import (
    Transform,
    _bigint,
    _call,
    _error,
    _is_number,
)
from bqhouse.sql.unnest import unnest_in_from

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
    >>> apply_transforms(sqlglot.parse_one("SELECT DIV(7, x) AS d", read="bigquery")).sql("duckdb")
    "SELECT 7 // CASE WHEN x = 0 THEN ERROR('division by zero: 7 / 0') ELSE x END AS d"
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


def array_subscript(node: exp.Expr) -> exp.Expr:
    """``a[OFFSET(i)]``/``a[ORDINAL(i)]`` error out of range; the SAFE_ forms return NULL.

    DuckDB returns NULL out of range and counts negative indexes from the end.
    https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#array_subscript_operator
    """
    indexes = node.expressions
    if len(indexes) != 1 or (isinstance(indexes[0], exp.Literal) and indexes[0].is_string):
        return node  # a[1, 2] or a struct/JSON field access, not an array subscript
    if _in_json_literal(node):
        return node  # JSON '[1, 2]'[0]: the JSON literal's rewrite reads it as a JSON path
    base = int(node.args.get("offset") or 0)
    index = indexes[0]
    position = (
        index.copy() if base == 1 else exp.Add(this=index.copy(), expression=exp.Literal.number(1))
    )
    element = _call("LIST_EXTRACT", node.this, position)
    if node.args.get("safe"):
        return _safe_subscript(index, base, element)
    return _checked_subscript(node.this, index, base, element)


def _in_json_literal(node: exp.Expr) -> bool:
    """Is ``node`` in the subscript chain that sqlglot parses into a ``JSON '...'`` literal?"""
    index = node.expressions[0]
    if not isinstance(index, exp.Literal) or node.args.get("safe") or node.args.get("offset"):
        return False
    parent = node.parent
    while isinstance(parent, (exp.Dot, exp.Bracket)):
        parent = parent.parent
    return isinstance(parent, exp.ParseJSON) and bool(parent.args.get("is_literal"))


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
    quantiles = _call("QUANTILE_DISC", node.this, fractions)
    quantiles.meta["approx_quantiles"] = (node.this, n)
    return quantiles


def respect_nulls(node: exp.Expr) -> exp.Expr:
    """APPROX_QUANTILES(x, n RESPECT NULLS): NULLs count as values smaller than any other.

    The boundaries are picked from ``LIST(x ORDER BY x NULLS FIRST)`` as QUANTILE_DISC picks
    them (macro BQ_QUANTILES_RESPECT_NULLS in ``functions/aggregate.py``).
    https://cloud.google.com/bigquery/docs/reference/standard-sql/approximate_aggregate_functions#approx_quantiles
    """
    inner = node.this
    if not isinstance(inner, exp.Expr) or "approx_quantiles" not in inner.meta:
        return node
    value, n = inner.meta["approx_quantiles"]
    ordered = exp.Order(
        this=value.copy(), expressions=[exp.Ordered(this=value.copy(), nulls_first=True)]
    )
    values = _call("LIST", ordered)
    return _call("BQ_QUANTILES_RESPECT_NULLS", values, exp.Literal.number(n))


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


def int64_minimum(node: exp.Expr) -> exp.Expr:
    """``-9223372036854775808`` is the INT64 minimum; DuckDB would negate a HUGEINT 2^63.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#integer_literals
    """
    value = node.this
    if isinstance(value, exp.Literal) and not value.is_string and value.this == str(2**63):
        return exp.cast(node, exp.DataType.build("BIGINT"))
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
    """SUBSTR/SUBSTRING on STRING (characters) and BYTES (bytes) with GoogleSQL's positions.

    Position 0 is 1, a negative position counts from the end (before the start is 1), and a
    negative length is an error. DuckDB's SUBSTRING has no BYTES overload and counts negative
    positions differently, so this slices with LIST_SLICE, which takes both types (the macros
    BQ_SUBSTR_START and BQ_LEN are in ``functions/string.py``).
    https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#substr
    """
    value, start, length = node.this, node.args.get("start"), node.args.get("length")
    if start is None:
        return node
    begin = start if _is_number(start, lambda v: v > 0) else _call("BQ_SUBSTR_START", value, start)
    if length is None:
        last: exp.Expr = _bigint(2**62)
    else:
        last = exp.Sub(
            this=exp.Add(this=begin.copy(), expression=length.copy()),
            expression=exp.Literal.number(1),
        )
        if not _is_number(length, lambda v: v >= 0):
            negative = exp.If(
                this=exp.LT(this=length.copy(), expression=exp.Literal.number(0)),
                true=_error("Third argument in SUBSTR() cannot be negative"),
            )
            last = exp.Case(ifs=[negative], default=last)
    return _call("LIST_SLICE", value.copy(), begin.copy(), last)


_PRINTF_SPEC = re.compile(r"%([-+ #0']*)(\d*)((?:\.\d+)?)([a-zA-Z%])")


def format_string(node: exp.Expr) -> exp.Expr:
    """FORMAT('%d-%s', ...) is printf-style; DuckDB's FORMAT uses ``{}`` placeholders.

    DuckDB's PRINTF lacks GoogleSQL's %t (printable text), %T (a literal) and the ' flag
    (thousands separators): with a literal format string, those arguments are turned into
    text first (macros BQ_FORMAT_T / BQ_FORMAT_TT in ``functions/string.py``) and printed by %s.
    https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#format_string
    """
    template, args = node.this, list(node.expressions)
    if not (isinstance(template, exp.Literal) and template.is_string):
        return _call("PRINTF", template, *args)
    pieces: list[str] = []
    position = index = 0
    for match in _PRINTF_SPEC.finditer(template.this):
        flags, width, precision, conversion = match.groups()
        pieces.append(template.this[position : match.start()])
        position = match.end()
        if conversion == "%":
            pieces.append("%%")
            continue
        if index < len(args) and conversion in "tT":
            args[index] = _call("BQ_FORMAT_T" if conversion == "t" else "BQ_FORMAT_TT", args[index])
            pieces.append(f"%{flags.replace(chr(39), '')}{width}s")
        elif index < len(args) and "'" in flags and conversion in "di":
            grouped = _call("FORMAT", exp.Literal.string("{:,}"), args[index])
            args[index] = grouped
            pieces.append(f"%{flags.replace(chr(39), '')}{width}s")
        else:
            pieces.append(match.group(0))
        index += 1
    pieces.append(template.this[position:])
    return _call("PRINTF", exp.Literal.string("".join(pieces)), *args)


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
    names = [f.name for f in fields if isinstance(f, exp.Column)]
    if len(names) == len(fields) and len({n.lower() for n in names}) == len(names):
        # STRUCT(x, y) of columns: the fields take the columns' names.
        named = [
            exp.PropertyEQ(this=exp.to_identifier(name), expression=field)
            for name, field in zip(names, fields, strict=True)
        ]
        return exp.Struct(expressions=named)
    return _call("ROW", *fields)


def _struct_fields(node: exp.Expr) -> list[exp.Expr] | None:
    """The field values of a STRUCT(...) constructor (named or not), in order."""
    if isinstance(node, exp.Anonymous) and str(node.this).upper() == "ROW":
        return list(node.expressions)
    if isinstance(node, exp.Struct) and node.expressions:
        return [f.expression if isinstance(f, exp.PropertyEQ) else f for f in node.expressions]
    return None


def struct_equality(node: exp.Expr) -> exp.Expr:
    """STRUCT = STRUCT compares field by field in order, ignoring the field names; a NULL field
    makes the comparison NULL unless another field differs.

    Only STRUCT constructors show their fields to the translator.
    https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#comparison_operators
    """
    left, right = _struct_fields(node.this), _struct_fields(node.expression)
    if left is None or right is None or len(left) != len(right):
        return node
    pairs: list[exp.Expr] = [
        exp.EQ(this=a.copy(), expression=b.copy()) for a, b in zip(left, right, strict=True)
    ]
    equal = pairs[0]
    for pair in pairs[1:]:
        equal = exp.And(this=equal, expression=pair)
    equal = exp.Paren(this=equal)
    return exp.Not(this=equal) if isinstance(node, exp.NEQ) else equal


def comparison(node: exp.Expr) -> exp.Expr:
    """Comparison operators: BYTES vs STRING is an error; STRUCT equality is positional."""
    node = bytes_string_comparison(node)
    if isinstance(node, (exp.EQ, exp.NEQ)):
        return struct_equality(node)
    return node


def delete_without_from(node: exp.Expr) -> exp.Expr:
    """``DELETE ds.t WHERE ...`` (FROM is optional in GoogleSQL) -> ``DELETE FROM ...``.

    The WHERE clause is required (``WHERE TRUE`` deletes every row).

    https://cloud.google.com/bigquery/docs/reference/standard-sql/dml-syntax#delete_statement
    """
    if node.args.get("where") is None:
        raise errors.InvalidQuery("DELETE must have a WHERE clause", location="query")
    tables = node.args.get("tables") or []
    if node.args.get("this") or len(tables) != 1:
        return node
    node.set("tables", None)
    node.set("this", tables[0])
    return node


def set_operation_all(node: exp.Expr) -> exp.Expr:
    """INTERSECT and EXCEPT take DISTINCT only; ALL is UNION's alone.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#set_operators
    """
    if node.args.get("distinct") is False:
        word = "INTERSECT" if isinstance(node, exp.Intersect) else "EXCEPT"
        raise errors.InvalidQuery(
            f"{word} ALL is not supported; use {word} DISTINCT", location="query"
        )
    return node


_COMPARISONS: dict[type[exp.Expr], str] = {
    exp.EQ: "=",
    exp.NEQ: "!=",
    exp.LT: "<",
    exp.LTE: "<=",
    exp.GT: ">",
    exp.GTE: ">=",
}


def _literal_type(node: exp.Expr) -> str | None:
    if isinstance(node, exp.ByteString):
        return "BYTES"
    if isinstance(node, exp.Literal) and node.is_string:
        return "STRING"
    return None


def bytes_string_comparison(node: exp.Expr) -> exp.Expr:
    """BYTES and STRING do not compare (DuckDB would cast the STRING to BLOB).

    Only literal operands show their type to the translator.
    https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#comparison_operators
    """
    types = {_literal_type(node.this), _literal_type(node.expression)}
    if types == {"BYTES", "STRING"}:
        left, right = _literal_type(node.this), _literal_type(node.expression)
        raise errors.InvalidQuery(
            f"No matching signature for operator {_COMPARISONS[type(node)]} for argument types: "
            f"{left}, {right}",
            location="query",
        )
    return node


def _literal_kind(node: exp.Expr) -> str | None:
    node = node.unalias()
    if isinstance(node, exp.Literal):
        if node.is_string:
            return "STRING"
        return "FLOAT64" if any(c in node.this.lower() for c in ".e") else "INT64"
    return _literal_type(node)


def set_operation_types(node: exp.Expr) -> exp.Expr:
    """Set operation columns must have a common supertype; STRING and numbers have none.

    Only literal columns show their type to the translator (DuckDB would coerce them).
    https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#set_operators
    """
    left, right = node.this, node.expression
    if not (isinstance(left, exp.Select) and isinstance(right, exp.Select)):
        return set_operation_all(node) if not isinstance(node, exp.Union) else node
    for position, (a, b) in enumerate(zip(left.expressions, right.expressions, strict=False)):
        kinds = {_literal_kind(a), _literal_kind(b)}
        if None in kinds or len(kinds) == 1 or kinds == {"INT64", "FLOAT64"}:
            continue
        word = "UNION" if isinstance(node, exp.Union) else type(node).__name__.upper()
        mode = "ALL" if node.args.get("distinct") is False else "DISTINCT"
        raise errors.InvalidQuery(
            f"Column {position + 1} in {word} {mode} has incompatible types: "
            f"{_literal_kind(a)}, {_literal_kind(b)}",
            location="query",
        )
    return node if isinstance(node, exp.Union) else set_operation_all(node)


def drop_materialized(node: exp.Expr) -> exp.Expr:
    """DROP MATERIALIZED VIEW: a bqhouse materialized view is a DuckDB view.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/data-definition-language#drop_materialized_view_statement
    """
    if node.args.get("materialized"):
        node.set("materialized", False)
    return node


# GoogleSQL functions sqlglot does not model (parsed as exp.Anonymous), by upper-case name.
FUNCTIONS: dict[str, Transform] = {
    "IEEE_DIVIDE": ieee_divide,
    **functions.FUNCTIONS,
}


def anonymous_function(node: exp.Expr) -> exp.Expr:
    """Dispatch ``exp.Anonymous`` calls through ``FUNCTIONS`` by name."""
    if _namespace(node) is not None:
        return node  # NAMESPACE.NAME(...): namespaced_function rewrites it
    transform = FUNCTIONS.get(str(node.this).upper())
    if transform is None:
        return node
    if isinstance(node.parent, exp.SafeFunc):
        node.meta["safe"] = True  # a transform that honours it sets meta["safe_handled"]
    return transform(node)


def safe_function(node: exp.Expr) -> exp.Expr:
    """``SAFE.f(...)`` whose rewrite of ``f`` already returns NULL instead of an error.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/functions-reference#safe_prefix
    """
    inner = node.this
    return inner if isinstance(inner, exp.Expr) and inner.meta.get("safe_handled") else node


def _dotted(node: exp.Expr) -> list[str] | None:
    if isinstance(node, exp.Identifier):
        return [node.name]
    if isinstance(node, exp.Column) and not node.args.get("table"):
        return [node.name]
    if isinstance(node, exp.Dot):
        left, right = _dotted(node.this), _dotted(node.expression)
        return left + right if left is not None and right is not None else None
    return None


def _namespace(node: exp.Expr) -> list[str] | None:
    """``HLL_COUNT`` of ``HLL_COUNT.INIT(x)``, ``SAFE.AEAD`` of ``SAFE.AEAD.ENCRYPT(...)``."""
    parent = node.parent
    if not isinstance(parent, exp.Dot) or parent.expression is not node:
        return None
    return _dotted(parent.this)


def namespaced_function(node: exp.Expr) -> exp.Expr:
    """``NAMESPACE.NAME(...)`` calls through ``functions.NAMESPACED``; ``SAFE.`` marks them safe.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/functions-reference#safe_prefix
    """
    call_node = node.expression
    prefix = _dotted(node.this)
    if not isinstance(call_node, exp.Anonymous) or not prefix:
        return node
    name = ".".join([*prefix, str(call_node.this)]).upper()
    safe = name.startswith("SAFE.")
    transform = functions.NAMESPACED.get(name.removeprefix("SAFE."))
    if transform is None:
        return node
    call_node = call_node.copy()
    call_node.meta["safe"] = safe
    return transform(call_node)


TRANSFORMS: dict[type[exp.Expr], Transform] = {
    exp.TimestampDiff: timestamp_diff,
    exp.Unnest: unnest_in_from,
    exp.Bracket: array_subscript,
    exp.ApproxQuantiles: approx_quantiles,
    exp.RespectNulls: respect_nulls,
    exp.Div: checked_division,
    exp.IntDiv: checked_division,
    exp.Mod: checked_division,
    exp.Literal: typed_literal,
    exp.Neg: int64_minimum,
    exp.DataType: numeric_type,
    exp.Extract: extract_part,
    exp.Substring: substring,
    exp.Format: format_string,
    exp.DateAdd: date_arithmetic,
    exp.DateSub: date_arithmetic,
    exp.Anonymous: anonymous_function,
    exp.Struct: anonymous_struct,
    exp.Delete: delete_without_from,
    exp.Drop: drop_materialized,
    exp.Union: set_operation_types,
    exp.Intersect: set_operation_types,
    exp.Except: set_operation_types,
    **dict.fromkeys(_COMPARISONS, comparison),
    exp.Dot: namespaced_function,
    exp.SafeFunc: safe_function,
}
# Families add node transforms for node types the core table leaves alone.
assert not TRANSFORMS.keys() & functions.TRANSFORMS.keys(), "a family overrides a core transform"
TRANSFORMS.update(functions.TRANSFORMS)
