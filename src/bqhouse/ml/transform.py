"""The TRANSFORM clause of CREATE MODEL: fitted on the training rows, replayed at prediction.

https://cloud.google.com/bigquery/docs/reference/standard-sql/bigqueryml-syntax-create#transform
Each item of ``TRANSFORM(expr AS name, ..., * EXCEPT(...))`` is frozen at training time
(``bqhouse.ml.manual``): analytic calls become scalar expressions with the fitted constants and
``*`` becomes the training query's columns. The frozen GoogleSQL select list is stored with the
model (JSON) and run, through the ordinary query path, over the raw input rows of ML.PREDICT,
ML.EVALUATE and friends, so training and prediction see the same features.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError

from bqhouse import errors
from bqhouse.ml import manual

if TYPE_CHECKING:
    from bqhouse.jobs.query import QueryRunner


@dataclass
class Item:
    """One frozen TRANSFORM column: its name, GoogleSQL expression and the raw columns it reads."""

    name: str
    sql: str
    columns: list[str]
    source: str  # the item as written, for Model.transformColumns[].transformSql


def _quoted(name: str) -> str:
    return "`" + name.replace("`", "\\`") + "`"


def run_select(
    runner: QueryRunner, project: str, rows: pa.Table, expressions: list[str]
) -> pa.Table:
    """``SELECT expressions FROM rows`` through the query path (BigQuery-shaped errors)."""
    from bqhouse.ml.functions import register

    relation = register(rows)
    query = f"SELECT {', '.join(expressions)} FROM {relation}"
    return runner.run(project, {"query": query, "useQueryCache": False}).result


def flatten_structs(table: pa.Table) -> pa.Table:
    """STRUCT columns (ML.FEATURE_CROSS, ML.POLYNOMIAL_EXPAND) as one feature per field,
    named ``<column>_<field>``."""
    while any(pa.types.is_struct(f.type) for f in table.schema):
        table = table.flatten()
    return table.rename_columns([n.replace(".", "_") for n in table.column_names])


def _items(source: str) -> list[exp.Expr]:
    try:
        tree = sqlglot.parse_one(f"SELECT {source}", read="bigquery")
    except ParseError as exc:
        raise errors.InvalidQuery(f"Syntax error in TRANSFORM: {exc}", location="query") from exc
    if not isinstance(tree, exp.Select) or not tree.expressions:
        raise errors.InvalidQuery("TRANSFORM needs a list of expressions", location="query")
    return list(tree.expressions)


def fit(
    runner: QueryRunner, project: str, source: str, rows: pa.Table
) -> tuple[dict[str, Any], pa.Table]:
    """Fit ``TRANSFORM(source)`` on ``rows``: the JSON to store and the transformed rows."""
    items: list[Item] = []
    by_lower = {n.lower(): n for n in rows.column_names}
    for node in _items(source):
        if isinstance(node, exp.Star):
            excluded = {c.name.lower() for c in node.args.get("except_") or []}
            for name in excluded - set(by_lower):
                raise errors.InvalidQuery(
                    f"Column {name} in SELECT * EXCEPT list does not exist", location="query"
                )
            items += [
                Item(n, _quoted(n), [n], _quoted(n))
                for n in rows.column_names
                if n.lower() not in excluded
            ]
            continue
        if isinstance(node, exp.Alias):
            name, body = node.alias, node.this
        elif isinstance(node, exp.Column):
            name, body = node.name, node
        else:
            raise errors.InvalidQuery(
                f"Each TRANSFORM expression needs an alias: {node.sql('bigquery')}",
                location="query",
            )
        written = body.sql("bigquery")
        body = manual.expand_scalars(body.copy())
        columns = sorted({c.name for c in body.find_all(exp.Column)})
        items.append(Item(name, _freeze(runner, project, rows, body), columns, written))
    seen: set[str] = set()
    for item in items:
        if item.name.lower() in seen:
            raise errors.InvalidQuery(
                f"Duplicate column name {item.name} in TRANSFORM", location="query"
            )
        seen.add(item.name.lower())
    spec = {"items": [asdict(i) for i in items]}
    return spec, flatten_structs(_run(runner, project, rows, items))


def _freeze(runner: QueryRunner, project: str, rows: pa.Table, body: exp.Expr) -> str:
    """``body`` with each analytic ML.* call replaced by its fitted scalar expression."""
    windows = manual.analytic_calls(body)
    if not windows:
        return body.sql("bigquery")
    arguments = []
    for i, window in enumerate(windows):
        args = list(window.this.expression.expressions)
        if not args:
            raise errors.InvalidQuery(f"ML.{manual.call_name(window.this)} expects an argument")
        arguments.append(f"{args[0].sql('bigquery')} AS __arg{i}")
    values = run_select(runner, project, rows, arguments)
    for i, window in enumerate(windows):
        frozen = manual.freeze(window, values.column(i).to_pylist())
        replacement = sqlglot.parse_one(frozen["sql"], read="bigquery")
        if window is body:
            body = replacement
        else:
            window.replace(replacement)
    return body.sql("bigquery")


def _run(runner: QueryRunner, project: str, rows: pa.Table, items: list[Item]) -> pa.Table:
    return run_select(runner, project, rows, [f"{i.sql} AS {_quoted(i.name)}" for i in items])


def apply(
    runner: QueryRunner,
    project: str,
    spec: dict[str, Any],
    raw: pa.Table,
    optional: set[str],
    *,
    flatten: bool = True,
) -> pa.Table:
    """The stored TRANSFORM over ``raw`` input rows (STRUCT outputs flattened for the model).

    Items named in ``optional`` (the label, the split column) are left out when the input lacks
    a column they read, as at ML.PREDICT time.
    """
    present = {n.lower() for n in raw.column_names}
    items = []
    for data in spec["items"]:
        item = Item(**data)
        if item.name.lower() in optional and not all(c.lower() in present for c in item.columns):
            continue
        items.append(item)
    table = _run(runner, project, raw, items)
    return flatten_structs(table) if flatten else table


def transform_columns(spec: dict[str, Any], table: pa.Table) -> list[dict[str, Any]]:
    """Model.transformColumns: each TRANSFORM output with its type and SQL."""
    from bqhouse.ml.preprocess import _bq_type
    from bqhouse.ml.training import standard_sql_type

    types = {}
    for field in table.schema:
        try:
            types[field.name.lower()] = standard_sql_type(_bq_type(field.type))
        except errors.InvalidQuery:
            types[field.name.lower()] = {"typeKind": "TYPE_KIND_UNSPECIFIED"}
    return [
        {
            "name": item["name"],
            "type": types.get(item["name"].lower(), {"typeKind": "STRUCT"}),
            "transformSql": item["source"],
        }
        for item in spec["items"]
    ]


def raw_feature_columns(
    spec: dict[str, Any], raw: pa.Table, label: str | None
) -> list[dict[str, Any]]:
    """Model.featureColumns of a TRANSFORM model: the raw input columns its features read."""
    from bqhouse.ml.preprocess import _bq_type
    from bqhouse.ml.training import standard_sql_type

    wanted = {
        c.lower()
        for item in spec["items"]
        if label is None or item["name"].lower() != label.lower()
        for c in item["columns"]
    }
    found = []
    for field in raw.schema:
        if field.name.lower() in wanted:
            try:
                kind = standard_sql_type(_bq_type(field.type))
            except errors.InvalidQuery:
                kind = {"typeKind": "TYPE_KIND_UNSPECIFIED"}
            found.append({"name": field.name, "type": kind})
    return found
