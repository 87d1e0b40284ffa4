"""SQL user-defined functions: ``CREATE [TEMP] FUNCTION`` as DuckDB macros, and their calls.

A temporary function is a connection-local ``TEMP MACRO`` (it dies with its script). A
persistent function ``project.dataset.name`` is a macro named ``"project.dataset.name"`` in the
connection's own ``memory`` catalog, re-created from the routine record at start-up.
Typed parameters are cast to their declared type and the body to the RETURNS type, as BigQuery
coerces arguments; ``ANY TYPE`` parameters are left as they come (templated functions).
https://cloud.google.com/bigquery/docs/reference/standard-sql/user-defined-functions
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlglot import exp

from bqhouse import errors

MACRO_CATALOG = "memory"


@dataclass(frozen=True)
class RoutineRef:
    project: str
    dataset: str
    routine: str

    @property
    def macro(self) -> str:
        return f"{self.project}.{self.dataset}.{self.routine}"


def is_function(statement: exp.Expr) -> bool:
    return isinstance(statement, exp.Create) and str(statement.args.get("kind")).upper() == (
        "FUNCTION"
    )


def is_temporary(statement: exp.Expr) -> bool:
    properties = statement.args.get("properties")
    return bool(properties and properties.find(exp.TemporaryProperty))


def _language(statement: exp.Expr) -> str:
    properties = statement.args.get("properties")
    found = properties.find(exp.LanguageProperty) if properties else None
    return found.name.upper() if found else "SQL"


def macro_sql(statement: exp.Create, name: exp.Expr, *, temporary: bool) -> exp.Expr:
    """The DuckDB ``CREATE MACRO`` for a GoogleSQL SQL function (body already translated)."""
    if _language(statement) != "SQL":
        raise errors.InvalidQuery(
            f"Functions in LANGUAGE {_language(statement).lower()} are not supported by bqhouse",
            location="query",
        )
    udf = statement.this
    assert isinstance(udf, exp.UserDefinedFunction)
    types = {
        column.name.lower(): column.args.get("kind")
        for column in udf.expressions
        if isinstance(column, exp.ColumnDef)
    }
    body = statement.expression
    if not isinstance(body, exp.Expr):
        raise errors.InvalidQuery("A SQL function needs a body: AS (expression)", location="query")
    body = body.copy()
    for column in list(body.find_all(exp.Column)):
        kind = types.get(column.name.lower())
        if not column.table and isinstance(kind, exp.DataType) and kind.this != exp.DType.VARIANT:
            column.replace(exp.cast(column.copy(), kind.copy()))
    properties = statement.args.get("properties")
    returns = properties.find(exp.ReturnsProperty) if properties else None
    if returns is not None and isinstance(returns.this, exp.DataType):
        body = exp.cast(body, returns.this.copy())
    parameters = ", ".join(exp.to_identifier(n).sql("duckdb") for n in types)
    verb = "CREATE OR REPLACE TEMP MACRO" if temporary else "CREATE OR REPLACE MACRO"
    return exp.Command(
        this=verb,
        expression=exp.Literal.string(
            f"{name.sql('duckdb')}({parameters}) AS ({body.sql('duckdb')})"
        ),
    )


def persistent_name(ref: RoutineRef) -> exp.Expr:
    """``memory.main."p.d.f"`` -- where a persistent function's macro lives."""
    return exp.Dot.build(
        [
            exp.to_identifier(MACRO_CATALOG),
            exp.to_identifier("main"),
            exp.to_identifier(ref.macro, quoted=True),
        ]
    )
