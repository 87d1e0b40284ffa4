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

Transform = Callable[[exp.Expression], exp.Expression]

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


def apply_transforms(tree: exp.Expression) -> exp.Expression:
    """Apply every ``TRANSFORMS`` entry bottom-up and return the (possibly new) root.

    >>> import sqlglot
    >>> apply_transforms(sqlglot.parse_one("SELECT DIV(7, x)", read="bigquery")).sql("duckdb")
    'SELECT 7 // CASE WHEN x = 0 THEN ERROR(\\'division by zero: 7 / 0\\') ELSE x END'
    """
    for node in reversed(list(tree.walk(bfs=False))):
        transform = TRANSFORMS.get(type(node))
        if transform is None:
            continue
        new = transform(node)
        if new is node:
            continue
        if node is tree:
            tree = new
        else:
            node.replace(new)
    return tree


def _call(name: str, *args: exp.Expression) -> exp.Expression:
    return exp.Anonymous(this=name, expressions=list(args))


def _error(*parts: exp.Expression | str) -> exp.Expression:
    """``error('...')`` raising a BigQuery-worded message at run time (only when evaluated)."""
    pieces = [exp.Literal.string(p) if isinstance(p, str) else _to_text(p) for p in parts]
    message = pieces[0]
    for piece in pieces[1:]:
        message = exp.DPipe(this=message, expression=piece)
    return _call("ERROR", message)


def _to_text(node: exp.Expression) -> exp.Expression:
    return exp.cast(node.copy(), exp.DataType.build("VARCHAR"))


def _is_number(node: exp.Expression, predicate: Callable[[float], bool]) -> bool:
    return isinstance(node, exp.Literal) and not node.is_string and predicate(float(node.this))


def timestamp_diff(node: exp.Expression) -> exp.Expression:
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


def _as_timestamp(node: exp.Expression) -> exp.Expression:
    # A string literal argument is coerced to TIMESTAMP in GoogleSQL; DuckDB needs the cast.
    if isinstance(node, exp.Literal) and node.is_string:
        return exp.cast(node, exp.DataType.build("TIMESTAMPTZ"))
    return node


def _bigint(value: int) -> exp.Expression:
    return exp.cast(exp.Literal.number(value), exp.DataType.build("BIGINT"))


def unnest_with_offset(node: exp.Expression) -> exp.Expression:
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


def array_subscript(node: exp.Expression) -> exp.Expression:
    """``a[OFFSET(i)]``/``a[ORDINAL(i)]`` error out of range; the SAFE_ forms return NULL.

    DuckDB returns NULL out of range and counts negative indexes from the end.
    https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#array_subscript_operator
    """
    indexes = node.expressions
    if len(indexes) != 1 or (isinstance(indexes[0], exp.Literal) and indexes[0].is_string):
        return node  # a[1, 2] or a struct/JSON field access, not an array subscript
    base = int(node.args.get("offset") or 0)
    index = indexes[0]
    position = index.copy() if base == 1 else exp.Add(this=index.copy(), expression=exp.Literal.number(1))
    element = _call("LIST_EXTRACT", node.this, position)
    if node.args.get("safe"):
        return _safe_subscript(index, base, element)
    return _checked_subscript(node.this, index, base, element)


def _safe_subscript(index: exp.Expression, base: int, element: exp.Expression) -> exp.Expression:
    if _is_number(index, lambda v: v >= base):
        return element
    return exp.Case(ifs=[exp.If(this=exp.GTE(this=index.copy(), expression=exp.Literal.number(base)), true=element)])


def _checked_subscript(
    array: exp.Expression, index: exp.Expression, base: int, element: exp.Expression
) -> exp.Expression:
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


def approx_quantiles(node: exp.Expression) -> exp.Expression:
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


def checked_division(node: exp.Expression) -> exp.Expression:
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
        ifs=[exp.If(this=exp.EQ(this=divisor.copy(), expression=exp.Literal.number(0)), true=_error(*message))],
        default=divisor,
    )
    node.set("expression", guarded)
    return node


_OPERATOR_WORDS: dict[type[exp.Expression], str] = {exp.Div: "/", exp.IntDiv: "/", exp.Mod: "%"}


def typed_literal(node: exp.Expression) -> exp.Expression:
    """Number literals typed like GoogleSQL's: INT64 in arithmetic, FLOAT64 for decimals.

    DuckDB types ``1`` as INTEGER (so ``2147483647 + 1`` overflows INT32) and ``1.5`` as DECIMAL.
    https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#numeric_literals
    """
    if not isinstance(node, exp.Literal) or node.is_string:
        return node
    text = node.this.lower()
    if "." in text or "e" in text:
        return exp.cast(node.copy(), exp.DataType.build("DOUBLE"))
    if isinstance(node.parent, (exp.Add, exp.Sub, exp.Mul)):
        return exp.cast(node.copy(), exp.DataType.build("BIGINT"))
    return node


def numeric_type(node: exp.Expression) -> exp.Expression:
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


_DECIMAL_DEFAULTS: dict[exp.DataType.Type, tuple[int, int]] = {
    exp.DataType.Type.DECIMAL: (38, 9),
    exp.DataType.Type.BIGDECIMAL: (38, 18),
}


TRANSFORMS: dict[type[exp.Expression], Transform] = {
    exp.TimestampDiff: timestamp_diff,
    exp.Unnest: unnest_with_offset,
    exp.Bracket: array_subscript,
    exp.ApproxQuantiles: approx_quantiles,
    exp.Div: checked_division,
    exp.IntDiv: checked_division,
    exp.Mod: checked_division,
    exp.Literal: typed_literal,
    exp.DataType: numeric_type,
}
