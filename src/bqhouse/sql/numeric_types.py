"""NUMERIC arithmetic with GoogleSQL's result types, from the operand types of the statement.

DuckDB keeps DECIMAL scales apart (DECIMAL(38, 9) * DECIMAL(38, 9) is DECIMAL(38, 18), and
overflows above 10^20), divides DECIMAL values as DOUBLE and averages them as DOUBLE. GoogleSQL
rounds a NUMERIC product or quotient half away from zero to 9 places, and DIV and AVG of NUMERIC
are NUMERIC. Translation is syntax-directed, so this module types the operands first: sqlglot's
``annotate_types`` over a copy of the statement, qualified with the referenced tables' columns
(``TableFields``), with GoogleSQL's own rules for literals and arithmetic. Then

- ``NUMERIC * NUMERIC`` -> ``bq_numeric_mul`` and ``SAFE_MULTIPLY`` -> the same, NULL on overflow;
- ``/`` and ``SAFE_DIVIDE`` with a NUMERIC result (INT64 or NUMERIC operands) -> ``bq_numeric_div``;
- ``DIV`` with a NUMERIC result -> ``bq_numeric_idiv`` (truncated toward zero);
- ``AVG`` of NUMERIC -> ``bq_numeric_div(SUM(x), COUNT(x))`` (also over a window).

The macros and their exact Python fallbacks live in ``bqhouse.sql.functions.math``. An operation
whose operand type is unknown keeps today's translation. INT64 op NUMERIC (``+ - *``) and NUMERIC
``+ -`` are exact in DuckDB already (their overflow message stays DuckDB's). BIGNUMERIC is left
alone. Column types come from the catalog behind the ``list_tables`` callback: a table created by
an earlier statement of the same multi-statement query, or a view's body, is typed only by its
literals and casts. ``BQHOUSE_NUMERIC_TYPES=0`` turns the rewrite off (A/B runs).
https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#decimal_types
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from sqlglot import exp
from sqlglot.optimizer.annotate_types import annotate_types
from sqlglot.optimizer.qualify import qualify

INT64 = "INT64"
NUMERIC = "NUMERIC"
BIGNUMERIC = "BIGNUMERIC"
FLOAT64 = "FLOAT64"

# (project, dataset, table) -> the table's BigQuery schema fields (``Catalog.table_fields``).
TableFields = Callable[[str, str, str], list[dict[str, Any]]]

_NUMERIC_SQL = "DECIMAL(38, 9)"
_TRIGGERS = (exp.Mul, exp.Div, exp.IntDiv, exp.Avg, exp.SafeMultiply, exp.SafeDivide)
# Rewrites that become TRY(...): DuckDB refuses error() inside TRY, so NUMERIC operations under
# them return NULL on overflow (as TRY did for DuckDB's own overflow errors).
_TRY_PARENTS = (exp.SafeAdd, exp.SafeSubtract, exp.SafeMultiply, exp.SafeNegate)
_ID = "bq_numeric_id"
_KIND = "bq_numeric_kind"
_DOUBLE = "bq_numeric_double"


class _Ref(Protocol):
    @property
    def project(self) -> str: ...

    @property
    def dataset(self) -> str: ...

    @property
    def table(self) -> str: ...


def enabled() -> bool:
    """``BQHOUSE_NUMERIC_TYPES=0`` keeps DuckDB's DECIMAL arithmetic (for A/B measurements)."""
    return os.environ.get("BQHOUSE_NUMERIC_TYPES", "1") != "0"


def rewrite(tree: exp.Expr, tables: Sequence[_Ref], fields: TableFields | None) -> None:
    """Rewrite the NUMERIC-typed operations of ``tree`` (in place) to GoogleSQL semantics."""
    if not enabled():
        return
    nodes = [n for n in tree.walk(bfs=False) if isinstance(n, _TRIGGERS)]
    if not nodes:
        return
    annotated = _annotate(tree, nodes, tables, fields)
    typer = _Typer(annotated)
    for node in reversed(nodes):  # children before their parents
        new = _rewrite_node(node, typer)
        if new is not None:
            new.meta[_KIND] = NUMERIC
            node.replace(new)


# --- typing ------------------------------------------------------------------------------------


def _annotate(
    tree: exp.Expr, nodes: Sequence[exp.Expr], tables: Sequence[_Ref], fields: TableFields | None
) -> dict[int, str | None]:
    """Tag the operands of ``nodes``, type a qualified copy, and read the tags' types back."""
    tagged = 0
    for node in nodes:
        for operand in node.iter_expressions():
            for sub in operand.walk():
                if _ID not in sub.meta:
                    sub.meta[_ID] = tagged
                    tagged += 1
    schema = _schema(tables, fields)
    copy = tree.copy()
    try:
        copy = qualify(
            copy,
            schema=schema,
            dialect="bigquery",
            validate_qualify_columns=False,
            quote_identifiers=False,
            identify=False,
            allow_partial_qualification=True,
        )
    except Exception:  # noqa: BLE001 - an unqualifiable statement keeps literal-only typing
        copy = tree.copy()
    try:
        annotate_types(copy, schema=schema, dialect="bigquery")
    except Exception:  # noqa: BLE001 - no types: every operation keeps today's translation
        return {}
    types: dict[int, str | None] = {}
    for sub in copy.walk():
        key = sub.meta.get(_ID)
        if key is not None and key not in types:
            types[key] = _kind_of_type(sub.type)
    return types


def _schema(tables: Sequence[_Ref], fields: TableFields | None) -> dict[str, Any]:
    if fields is None:
        return {}
    datasets: dict[str, dict[str, dict[str, str]]] = {}
    for ref in tables:
        try:
            columns = fields(ref.project, ref.dataset, ref.table)
        except Exception:  # noqa: BLE001 - a table that does not exist yet: no columns
            continue
        typed = {str(f["name"]): _field_type(f) for f in columns}
        datasets.setdefault(f"{ref.project}.{ref.dataset}", {})[ref.table] = typed
    return {"lake": datasets} if datasets else {}


_SCALARS = {
    "INTEGER": "INT64",
    "INT64": "INT64",
    "FLOAT": "FLOAT64",
    "FLOAT64": "FLOAT64",
    "NUMERIC": "NUMERIC",
    "BIGNUMERIC": "BIGNUMERIC",
    "BOOLEAN": "BOOL",
    "BOOL": "BOOL",
    "STRING": "STRING",
    "BYTES": "BYTES",
    "DATE": "DATE",
    "DATETIME": "DATETIME",
    "TIME": "TIME",
    "TIMESTAMP": "TIMESTAMP",
}


def _field_type(field: dict[str, Any]) -> str:
    kind = _SCALARS.get(str(field.get("type", "")).upper())
    if kind is None and field.get("fields"):
        members = ", ".join(
            f"`{f['name']}` {_field_type(f)}" for f in field["fields"] if f.get("name")
        )
        kind = f"STRUCT<{members}>"
    kind = kind or "STRING"  # GEOGRAPHY, JSON, INTERVAL, RANGE: never NUMERIC operands
    return f"ARRAY<{kind}>" if field.get("mode") == "REPEATED" else kind


def _kind_of_type(kind: exp.DataType | None) -> str | None:
    if kind is None:
        return None
    if kind.this == exp.DataType.Type.BIGDECIMAL:
        return BIGNUMERIC
    if kind.this == exp.DataType.Type.DECIMAL:
        # A bound parameter of type BIGNUMERIC arrives as DuckDB's DECIMAL(38, 18).
        params = [p.name for p in kind.expressions]
        return BIGNUMERIC if params[1:2] == ["18"] else NUMERIC
    if kind.this in exp.DataType.INTEGER_TYPES:
        return INT64
    if kind.this in exp.DataType.REAL_TYPES:
        return FLOAT64
    return None


_ADDITIVE = (exp.Add, exp.Sub, exp.Mul, exp.SafeAdd, exp.SafeSubtract, exp.SafeMultiply)
_DIVISIONS = (exp.Div, exp.SafeDivide)
_RANK = {INT64: 0, NUMERIC: 1, BIGNUMERIC: 2, FLOAT64: 3}


class _Typer:
    """GoogleSQL's result types: the rules for literals and arithmetic, sqlglot for the rest."""

    def __init__(self, annotated: dict[int, str | None]) -> None:
        self.annotated = annotated

    def kind(self, node: exp.Expr | None) -> str | None:
        if node is None:
            return None
        if _KIND in node.meta:
            return str(node.meta[_KIND])
        if isinstance(node, (exp.Paren, exp.Neg, exp.SafeNegate)):
            return self.kind(node.this)
        if isinstance(node, exp.Literal):
            if node.is_string:
                return None
            return FLOAT64 if any(c in node.this.lower() for c in ".e") else INT64
        if isinstance(node, (exp.Cast, exp.TryCast)):
            return _kind_of_type(node.to)
        if isinstance(node, _ADDITIVE):
            return _widest(self.kind(node.this), self.kind(node.expression))
        if isinstance(node, _DIVISIONS):
            widest = _widest(self.kind(node.this), self.kind(node.expression))
            return FLOAT64 if widest == INT64 else widest
        if isinstance(node, (exp.IntDiv, exp.Mod)):
            return _widest(self.kind(node.this), self.kind(node.expression))
        if isinstance(node, exp.Sum):
            return self.kind(_aggregated(node))
        if isinstance(node, exp.Avg):
            inner = self.kind(_aggregated(node))
            return FLOAT64 if inner == INT64 else inner
        if isinstance(node, exp.Window):
            return self.kind(node.this)
        key = node.meta.get(_ID)
        return self.annotated.get(key) if isinstance(key, int) else None


def _aggregated(node: exp.Expr) -> exp.Expr | None:
    value = node.this
    if isinstance(value, exp.Distinct):
        return value.expressions[0] if len(value.expressions) == 1 else None
    return value if isinstance(value, exp.Expr) else None


def _widest(left: str | None, right: str | None) -> str | None:
    if left is None or right is None:
        return None
    return left if _RANK[left] >= _RANK[right] else right


# --- rewriting ---------------------------------------------------------------------------------


def _numeric_pair(node: exp.Expr, typer: _Typer) -> bool:
    """Both operands are INT64 or NUMERIC, and at least one is NUMERIC."""
    kinds = {typer.kind(node.this), typer.kind(node.expression)}
    return NUMERIC in kinds and kinds <= {INT64, NUMERIC}


def _rewrite_node(node: exp.Expr, typer: _Typer) -> exp.Expr | None:
    if isinstance(node, (exp.Mul, exp.SafeMultiply)):
        kinds = (typer.kind(node.this), typer.kind(node.expression))
        if kinds != (NUMERIC, NUMERIC):
            return None  # INT64 * NUMERIC is exact in DuckDB's DECIMAL(38, 9)
        safe = isinstance(node, exp.SafeMultiply) or _under_try(node)
        name = "bq_numeric_safe_mul" if safe else "bq_numeric_mul"
        product = _call(name if _tryable(node) else name + "_guarded", node)
        approximation = exp.Mul(this=_double(node.this), expression=_double(node.expression))
        product.append("expressions", approximation)
        product.meta[_DOUBLE] = approximation
        return product
    if isinstance(node, (exp.Div, exp.SafeDivide)):
        if not _numeric_pair(node, typer):
            return None
        safe = isinstance(node, exp.SafeDivide) or _under_try(node)
        return _call("bq_numeric_safe_div" if safe else "bq_numeric_div", node)
    if isinstance(node, exp.IntDiv):
        if not _numeric_pair(node, typer):
            return None
        return _call("bq_numeric_idiv", node)
    if isinstance(node, exp.Avg):
        return _average(node, typer)
    return None


# Operand nodes that never become volatile DuckDB functions (error(), random()), which the fast
# NUMERIC product cannot wrap in TRY; any other node picks the CASE-guarded product.
_TRYABLE = (
    exp.Column,
    exp.Identifier,
    exp.Literal,
    exp.Null,
    exp.Boolean,
    exp.Cast,
    exp.TryCast,
    exp.DataType,
    exp.DataTypeParam,
    exp.Paren,
    exp.Neg,
    exp.Add,
    exp.Sub,
    exp.Sum,
    exp.Count,
    exp.Min,
    exp.Max,
    exp.Star,
    exp.Parameter,
    exp.Var,
    exp.Placeholder,
)


def _tryable(node: exp.Expr) -> bool:
    for sub in node.walk():
        if isinstance(sub, exp.Anonymous) and str(sub.this).startswith("bq_numeric_"):
            continue  # a rewritten NUMERIC operation: raises through a UDF, not error()
        if not isinstance(sub, (*_TRYABLE, exp.Mul)):
            return False
    return True


def _double(operand: exp.Expr) -> exp.Expr:
    """A DOUBLE approximation of an operand: a rewritten product's own, else a cast."""
    while isinstance(operand, exp.Paren):
        operand = operand.this
    inner = operand.meta.get(_DOUBLE)
    if isinstance(inner, exp.Expr):
        return inner.copy()
    return exp.cast(operand.copy(), exp.DataType.build("DOUBLE"))


def _under_try(node: exp.Expr) -> bool:
    return node.find_ancestor(*_TRY_PARENTS) is not None


def _numeric(value: exp.Expr) -> exp.Expr:
    return exp.cast(value, exp.DataType.build(_NUMERIC_SQL), copy=False)


def _call(name: str, node: exp.Expr) -> exp.Expr:
    return exp.Anonymous(this=name, expressions=[_numeric(node.this), _numeric(node.expression)])


def _average(node: exp.Avg, typer: _Typer) -> exp.Expr | None:
    """AVG(x) of NUMERIC -> the exact SUM(x) / COUNT(x), OVER the same window if any."""
    if typer.kind(_aggregated(node)) != NUMERIC:
        return None
    window = node.parent if isinstance(node.parent, exp.Window) else None
    total: exp.Expr = exp.Sum(this=node.this.copy())
    count: exp.Expr = exp.Count(this=node.this.copy())
    if window is not None:
        total, count = _over(window, total), _over(window, count)
    # An average never overflows, and COUNT is 0 only where SUM is NULL (then NULL). The
    # division macro: its double-checked path first, then the exact one (a vector at a time),
    # which a window pays for every row (DuckDB computes a repeated aggregate once).
    quotient = exp.Anonymous(this="bq_numeric_div", expressions=[total, _numeric(count)])
    if window is not None:
        quotient.meta[_KIND] = NUMERIC
        window.replace(quotient)
        return None
    return quotient


def _over(window: exp.Window, aggregate: exp.Expr) -> exp.Expr:
    copy = window.copy()
    copy.set("this", aggregate)
    return copy
