"""GEOGRAPHY table columns in queries: marked on read, unmarked and recorded on CREATE TABLE.

A table stores a GEOGRAPHY column as WKT text in a VARCHAR column (DuckLake cannot store DuckDB's
UNION type), while a GEOGRAPHY value in a query is the one-member ``UNION(geography VARCHAR)``
marker from which result columns are typed GEOGRAPHY (see ``bqhouse.sql.functions.geography``).

- A read of a table with GEOGRAPHY columns (``FROM``, ``JOIN``, ``MERGE ... USING``) becomes
  ``(SELECT * REPLACE (CAST(g AS UNION(geography VARCHAR)) AS g) FROM t) AS t``; the marker
  casts implicitly back to VARCHAR, so comparisons, ``CAST(g AS STRING)`` and writes still work.
- ``CREATE TABLE ... AS SELECT`` casts marked result columns back to VARCHAR (``Ctas``).
- ``CREATE TABLE`` records the GEOGRAPHY columns in the table's BigQuery schema
  (``declared_geography``), which ``Catalog.table_fields`` overlays.

Running the CTAS and recording the schema is ``bqhouse.jobs.geography_ddl``.

https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#geography_type
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlglot import exp

MARKED = "UNION(geography VARCHAR)"

# (project, dataset, table) -> its top-level GEOGRAPHY columns as (name, repeated).
GeographyColumns = Callable[[str, str, str], list[tuple[str, bool]]]


def is_read(table: exp.Expr) -> bool:
    """A table reference that is read, not written: FROM, JOIN, or the source of a MERGE."""
    parent = table.parent
    if isinstance(parent, (exp.From, exp.Join)):
        return not table.args.get("pivots")
    return isinstance(parent, exp.Merge) and table.arg_key == "using"


def marked(source: exp.Table, columns: list[tuple[str, bool]]) -> exp.Subquery:
    """``t AS a`` -> ``(SELECT * REPLACE (CAST(g AS UNION(...)) AS g) FROM t) AS a``."""
    alias = source.args.get("alias") or exp.TableAlias(
        this=exp.to_identifier(source.name, quoted=True)
    )
    inner = source.copy()
    inner.set("alias", None)
    replace = [exp.alias_(_mark(name, repeated), name, quoted=True) for name, repeated in columns]
    select = exp.select(exp.Star(replace=replace)).from_(inner)
    return exp.Subquery(this=select, alias=alias)


def _mark(name: str, repeated: bool) -> exp.Expr:
    column = exp.column(name, quoted=True)
    if repeated:
        return exp.cast(column, exp.DataType.build(MARKED + "[]", dialect="duckdb"))
    # CAST(NULL AS UNION) is a non-NULL union holding NULL in DuckDB 1.4: keep NULL as NULL.
    value = exp.cast(column.copy(), exp.DataType.build(MARKED, dialect="duckdb"))
    return exp.Case(
        ifs=[exp.If(this=exp.Is(this=column, expression=exp.Null()), true=exp.Null())],
        default=value,
    )


def duckdb_type(kind: exp.DataType) -> str:
    """A declared type in DuckDB, GEOGRAPHY (also in ARRAY/STRUCT) as the marker: a script
    variable ``DECLARE g GEOGRAPHY`` is then typed GEOGRAPHY wherever it is used.

    >>> duckdb_type(exp.DataType.build("ARRAY<GEOGRAPHY>", dialect="bigquery"))
    'UNION(geography TEXT)[]'
    """

    def swap(node: exp.Expr) -> exp.Expr:
        if isinstance(node, exp.DataType) and node.this == exp.DataType.Type.GEOGRAPHY:
            return exp.DataType.build(MARKED, dialect="duckdb")
        return node

    return kind.transform(swap).sql(dialect="duckdb")


# --------------------------------------------------------------------------- CREATE TABLE


@dataclass(frozen=True)
class Ctas:
    """A translated ``CREATE TABLE ... AS SELECT``, to unmark its GEOGRAPHY result columns."""

    create: exp.Create

    @classmethod
    def of(cls, tree: exp.Expr) -> Ctas | None:
        if not isinstance(tree, exp.Create) or not isinstance(tree.expression, exp.Query):
            return None
        return cls(tree.copy())

    @property
    def query_sql(self) -> str:
        return self.create.expression.sql(dialect="duckdb")

    def with_casts(self, casts: dict[str, str]) -> str:
        """The CREATE with ``SELECT * REPLACE (CAST(c AS type) AS c) FROM (query)``."""
        create = self.create.copy()
        replace = [
            exp.alias_(
                exp.cast(exp.column(name, quoted=True), exp.DataType.build(duck, dialect="duckdb")),
                name,
                quoted=True,
            )
            for name, duck in casts.items()
        ]
        query = exp.Subquery(
            this=create.expression, alias=exp.TableAlias(this=exp.to_identifier("_bq_ctas"))
        )
        create.set("expression", exp.select(exp.Star(replace=replace)).from_(query))
        return create.sql(dialect="duckdb")


def declared_geography(statement: exp.Expr) -> list[dict[str, Any]]:
    """The GEOGRAPHY-bearing columns of ``CREATE TABLE t (g GEOGRAPHY, ...)`` as REST fields."""
    target = statement.this if isinstance(statement, exp.Create) else None
    if not isinstance(target, exp.Schema):
        return []
    out = []
    for column in target.expressions:
        kind = column.args.get("kind") if isinstance(column, exp.ColumnDef) else None
        if isinstance(kind, exp.DataType) and (field := _ddl_field(column.name, kind)):
            out.append(field)
    return out


def _ddl_field(name: str, kind: exp.DataType) -> dict[str, Any] | None:
    mode = "NULLABLE"
    if kind.this == exp.DataType.Type.ARRAY and kind.expressions:
        mode, kind = "REPEATED", kind.expressions[0]
    if kind.this == exp.DataType.Type.GEOGRAPHY:
        return {"name": name, "type": "GEOGRAPHY", "mode": mode}
    if kind.this == exp.DataType.Type.STRUCT:
        fields = [
            sub
            for member in kind.expressions
            if isinstance(member, exp.ColumnDef)
            and isinstance(member.args.get("kind"), exp.DataType)
            and (sub := _ddl_field(member.name, member.args["kind"]))
        ]
        if fields:
            return {"name": name, "type": "RECORD", "mode": mode, "fields": fields}
    return None
