"""BigQuery ML's manual preprocessing functions as plain GoogleSQL expressions.

https://cloud.google.com/bigquery/docs/manual-preprocessing
Scalar functions (ML.BUCKETIZE, ML.FEATURE_CROSS, ML.POLYNOMIAL_EXPAND) expand into ordinary
expressions anywhere. Analytic ones (ML.STANDARD_SCALER(x) OVER(), ML.MIN_MAX_SCALER,
ML.QUANTILE_BUCKETIZE, ML.ONE_HOT_ENCODER, ML.MAX_ABS_SCALER, ML.IMPUTER) are fitted on the
training rows inside a TRANSFORM clause and *frozen*: replaced by a scalar expression holding the
fitted constants, which replays them identically at prediction (``freeze``). In a plain query the
two scalers expand to window aggregates over the whole result (``expand``).
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Callable
from typing import Any

import numpy as np
import sqlglot
from sqlglot import exp

from bqhouse import errors
from bqhouse.ml import sqltext

SCALAR = {"BUCKETIZE", "FEATURE_CROSS", "POLYNOMIAL_EXPAND"}
ANALYTIC = {
    "STANDARD_SCALER",
    "MIN_MAX_SCALER",
    "MAX_ABS_SCALER",
    "QUANTILE_BUCKETIZE",
    "ONE_HOT_ENCODER",
    "IMPUTER",
}


def call_name(node: exp.Expr) -> str | None:
    """``ML.NAME`` for a ``ML.NAME(...)`` node (sqlglot parses it as Dot(ML, Anonymous))."""
    if (
        isinstance(node, exp.Dot)
        and isinstance(node.this, exp.Identifier)
        and node.this.name.upper() == "ML"
        and isinstance(node.expression, exp.Anonymous)
    ):
        return str(node.expression.name).upper()
    return None


def _args(node: exp.Expr) -> list[exp.Expr]:
    return list(node.expression.expressions)


def _sql(node: exp.Expr) -> str:
    return node.sql("bigquery")


def _literal(node: exp.Expr | None, what: str, default: Any = None) -> Any:
    if node is None:
        return default
    return sqltext.literal_value(_sql(node))


def _number(value: float) -> str:
    if value != value or math.isinf(value):
        return "CAST(NULL AS FLOAT64)"
    return repr(float(value))


def _quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _invalid(message: str) -> errors.InvalidQuery:
    return errors.InvalidQuery(message, location="query")


# --- scalar functions ----------------------------------------------------------------------------


def bucketize_sql(
    value: str, splits: list[float], exclude_boundaries: bool = False, fmt: str = "bucket_names"
) -> str:
    """ML.BUCKETIZE: 'bin_1' below the first split point, 'bin_<n+1>' from the last one."""
    points = sorted(float(s) for s in splits)
    if exclude_boundaries:
        points = points[1:-1]
    fmt = fmt.lower()
    if fmt not in ("bucket_names", "bucket_ranges", "bucket_ranges_json"):
        raise _invalid(f"Invalid output_format for ML.BUCKETIZE: {fmt}")
    bounds = [-math.inf, *points, math.inf]

    def label(k: int) -> str:
        if fmt == "bucket_names":
            return f"bin_{k + 1}"
        low, high = bounds[k], bounds[k + 1]
        if fmt == "bucket_ranges":
            left = "(-inf" if low == -math.inf else f"[{_short(low)}"
            right = "+inf)" if high == math.inf else f"{_short(high)})"
            return f"{left}, {right}"
        parts = [f'"start": "{_short(low)}"' if low != -math.inf else '"start": "-inf"']
        parts.append(f'"end": "{_short(high)}"' if high != math.inf else '"end": "+inf"')
        return "{" + ", ".join(parts) + "}"

    x = f"CAST({value} AS FLOAT64)"
    cases = " ".join(f"WHEN {x} < {p!r} THEN {_quote(label(k))}" for k, p in enumerate(points))
    return f"(CASE WHEN {x} IS NULL THEN NULL {cases} ELSE {_quote(label(len(points)))} END)"


def _short(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def _struct_fields(node: exp.Expr | None, function: str) -> list[tuple[str, str]]:
    """(name, SQL) of each field of a STRUCT(...) argument."""
    if not isinstance(node, exp.Struct):
        raise _invalid(f"ML.{function} expects a STRUCT as its first argument")
    fields = []
    for item in node.expressions:
        if isinstance(item, exp.PropertyEQ):
            fields.append((item.name, _sql(item.expression)))
        elif isinstance(item, exp.Alias):
            fields.append((item.alias, _sql(item.this)))
        elif isinstance(item, exp.Column):
            fields.append((item.name, _sql(item)))
        else:
            raise _invalid(f"Every field of the STRUCT passed to ML.{function} must be named")
    if len(fields) < 2 and function == "FEATURE_CROSS":
        raise _invalid("ML.FEATURE_CROSS needs a STRUCT of at least two features")
    return fields


def feature_cross_sql(fields: list[tuple[str, str]], degree: int = 2) -> str:
    """STRUCT of every 2..degree combination: field ``a_b`` holds ``'<a>_<b>'``."""
    if not 2 <= degree <= 4:
        raise _invalid("The degree of ML.FEATURE_CROSS must be between 2 and 4")
    parts = []
    for d in range(2, min(degree, len(fields)) + 1):
        for combo in itertools.combinations(fields, d):
            pieces = ", '_', ".join(f"CAST({sql} AS STRING)" for _, sql in combo)
            parts.append(f"CONCAT({pieces}) AS {'_'.join(n for n, _ in combo)}")
    return f"STRUCT({', '.join(parts)})"


def polynomial_expand_sql(fields: list[tuple[str, str]], degree: int = 2) -> str:
    """STRUCT of every product of 1..degree fields: ``a``, ``b``, ``a_a``, ``a_b``, ``b_b``."""
    if not 1 <= degree <= 4:
        raise _invalid("The degree of ML.POLYNOMIAL_EXPAND must be between 1 and 4")
    parts = []
    for d in range(1, degree + 1):
        for combo in itertools.combinations_with_replacement(fields, d):
            product = " * ".join(f"CAST({sql} AS FLOAT64)" for _, sql in combo)
            parts.append(f"{product} AS {'_'.join(n for n, _ in combo)}")
    return f"STRUCT({', '.join(parts)})"


def _scalar_sql(name: str, args: list[exp.Expr]) -> str:
    if name == "BUCKETIZE":
        if len(args) < 2:
            raise _invalid("ML.BUCKETIZE expects (expression, split_points)")
        splits = _literal(args[1], "split_points")
        if not isinstance(splits, list) or not splits:
            raise _invalid("The split_points of ML.BUCKETIZE must be a non-empty array literal")
        exclude = bool(_literal(args[2] if len(args) > 2 else None, "exclude", False))
        fmt = str(_literal(args[3] if len(args) > 3 else None, "format", "bucket_names"))
        return bucketize_sql(_sql(args[0]), splits, exclude, fmt)
    fields = _struct_fields(args[0] if args else None, name)
    degree = int(_literal(args[1] if len(args) > 1 else None, "degree", 2))
    if name == "FEATURE_CROSS":
        return feature_cross_sql(fields, degree)
    return polynomial_expand_sql(fields, degree)


def _replace(node: exp.Expr, sql: str) -> exp.Expr:
    replacement = sqlglot.parse_one(sql, read="bigquery")
    if node is node.root():
        return replacement
    node.replace(replacement)
    return replacement


def expand_scalars(tree: exp.Expr) -> exp.Expr:
    """``tree`` with every ML.BUCKETIZE / FEATURE_CROSS / POLYNOMIAL_EXPAND call expanded."""
    for node in list(tree.find_all(exp.Dot)):
        name = call_name(node)
        if name in SCALAR:
            replaced = _replace(node, _scalar_sql(name, _args(node)))
            if node is tree:
                tree = replaced
    return tree


def expand(sql: str) -> str:
    """A plain query's manual preprocessing calls as ordinary GoogleSQL (windows for scalers)."""
    try:
        trees = sqlglot.parse(sql, read="bigquery")
    except sqlglot.errors.SqlglotError:
        return sql  # the translator reports the syntax error
    out, changed = [], False
    for tree in trees:
        if tree is None:
            continue
        before = tree.sql("bigquery")
        tree = expand_scalars(tree)
        changed = changed or tree.sql("bigquery") != before
        for window in list(tree.find_all(exp.Window)):
            name = call_name(window.this)
            if name is None:
                continue
            changed = True
            args = _args(window.this)
            x = f"CAST({_sql(args[0])} AS FLOAT64)" if args else "NULL"
            if name == "STANDARD_SCALER":
                _replace(window, f"(({x} - AVG({x}) OVER ()) / STDDEV_SAMP({x}) OVER ())")
            elif name == "MIN_MAX_SCALER":
                low, high = f"MIN({x}) OVER ()", f"MAX({x}) OVER ()"
                _replace(window, f"(({x} - {low}) / ({high} - {low}))")
            elif name == "MAX_ABS_SCALER":
                _replace(window, f"({x} / MAX(ABS({x})) OVER ())")
            elif name in ANALYTIC:
                raise _invalid(f"ML.{name} is supported by bqhouse only in a TRANSFORM clause")
        out.append(tree.sql("bigquery"))
    return ";\n".join(out) if changed else sql


def mentions(sql: str) -> bool:
    upper = sql.upper()
    return any(f"ML.{name}" in upper for name in SCALAR | ANALYTIC)


# --- analytic functions: fitted on the training rows, then frozen --------------------------------


def analytic_calls(tree: exp.Expr) -> list[exp.Window]:
    return [w for w in tree.find_all(exp.Window) if call_name(w.this) in ANALYTIC]


def freeze(window: exp.Window, values: list[Any]) -> dict[str, Any]:
    """Fit one analytic call on ``values`` (its first argument over the training rows).

    Returns ``{"function", "sql", "fitted"}``: ``sql`` is the scalar replacement.
    """
    name = call_name(window.this)
    assert name is not None
    args = _args(window.this)
    if not args:
        raise _invalid(f"ML.{name} expects an argument")
    value = _sql(args[0])
    fit = _FITTERS[name]
    sql, fitted = fit(value, args[1:], values)
    return {"function": name, "sql": sql, "fitted": fitted}


def _floats(values: list[Any]) -> np.ndarray:
    present = [float(v) for v in values if v is not None]
    return np.asarray(present, dtype=np.float64)


def _fit_standard(value: str, rest: list[exp.Expr], values: list[Any]) -> tuple[str, Any]:
    x = _floats(values)
    mean = float(x.mean()) if x.size else float("nan")
    std = float(x.std(ddof=1)) if x.size > 1 else 0.0
    scale = std if std > 0 else 1.0
    sql = f"((CAST({value} AS FLOAT64) - {_number(mean)}) / {_number(scale)})"
    return sql, {"mean": mean, "stddev": std}


def _fit_min_max(value: str, rest: list[exp.Expr], values: list[Any]) -> tuple[str, Any]:
    x = _floats(values)
    low = float(x.min()) if x.size else float("nan")
    high = float(x.max()) if x.size else float("nan")
    span = high - low if x.size and high > low else 1.0
    # Values outside the training range are capped to [0, 1] at prediction time.
    scaled = f"(CAST({value} AS FLOAT64) - {_number(low)}) / {_number(span)}"
    return f"LEAST(1.0, GREATEST(0.0, {scaled}))", {"min": low, "max": high}


def _fit_max_abs(value: str, rest: list[exp.Expr], values: list[Any]) -> tuple[str, Any]:
    x = _floats(values)
    top = float(np.abs(x).max()) if x.size else 0.0
    scale = top if top > 0 else 1.0
    return f"(CAST({value} AS FLOAT64) / {_number(scale)})", {"max_abs": top}


def _fit_quantile(value: str, rest: list[exp.Expr], values: list[Any]) -> tuple[str, Any]:
    buckets = int(_literal(rest[0] if rest else None, "num_buckets", 0))
    if buckets < 2:
        raise _invalid("num_buckets of ML.QUANTILE_BUCKETIZE must be at least 2")
    x = _floats(values)
    splits = sorted(set(np.quantile(x, np.arange(1, buckets) / buckets).tolist())) if x.size else []
    return bucketize_sql(value, splits), {"split_points": splits}


def _fit_imputer(value: str, rest: list[exp.Expr], values: list[Any]) -> tuple[str, Any]:
    strategy = str(_literal(rest[0] if rest else None, "strategy", "mean")).lower()
    present = [v for v in values if v is not None]
    if strategy == "most_frequent":
        counts = Counter(present)
        fill: Any = min(counts, key=lambda v: (-counts[v], str(v))) if counts else None
        literal = _quote(fill) if isinstance(fill, str) else repr(fill)
    elif strategy in ("mean", "median"):
        x = _floats(present)
        fill = float(np.mean(x) if strategy == "mean" else np.median(x)) if x.size else None
        literal = _number(fill) if fill is not None else "NULL"
    else:
        raise _invalid(f"Invalid strategy for ML.IMPUTER: {strategy}")
    return f"COALESCE({value}, {literal if fill is not None else 'NULL'})", {"value": fill}


def _fit_one_hot(value: str, rest: list[exp.Expr], values: list[Any]) -> tuple[str, Any]:
    drop = str(_literal(rest[0] if rest else None, "drop", "none")).lower()
    top_k = int(_literal(rest[1] if len(rest) > 1 else None, "top_k", 32_000))
    threshold = int(_literal(rest[2] if len(rest) > 2 else None, "frequency_threshold", 5))
    if drop not in ("none", "most_frequent"):
        raise _invalid(f"Invalid drop value for ML.ONE_HOT_ENCODER: {drop}")
    counts = Counter(str(v) for v in values if v is not None)
    frequent = sorted((c for c in counts if counts[c] >= threshold), key=lambda c: (-counts[c], c))
    vocabulary = sorted(frequent[:top_k])
    dropped = frequent[0] if drop == "most_frequent" and frequent else None
    cases = " ".join(
        f"WHEN {_quote(c)} THEN [STRUCT({i + 1} AS index, {0.0 if c == dropped else 1.0} AS value)]"
        for i, c in enumerate(vocabulary)
    )
    unknown = "[STRUCT(0 AS index, 1.0 AS value)]"
    sql = f"(CASE CAST({value} AS STRING) {cases} ELSE {unknown} END)"
    if not vocabulary:
        sql = unknown
    return sql, {"vocabulary": vocabulary, "dropped": dropped}


_FITTERS: dict[str, Callable[[str, list[exp.Expr], list[Any]], tuple[str, Any]]] = {
    "STANDARD_SCALER": _fit_standard,
    "MIN_MAX_SCALER": _fit_min_max,
    "MAX_ABS_SCALER": _fit_max_abs,
    "QUANTILE_BUCKETIZE": _fit_quantile,
    "IMPUTER": _fit_imputer,
    "ONE_HOT_ENCODER": _fit_one_hot,
}
