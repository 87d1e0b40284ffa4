"""SQL user-defined functions: ``CREATE [TEMP] FUNCTION`` as DuckDB macros, and their calls.

A temporary function is a connection-local ``TEMP MACRO`` (it dies with its script). A
persistent function ``project.dataset.name`` is a macro named ``"project.dataset.name"`` in the
connection's own ``memory`` catalog, re-created from the routine record at start-up.
Typed parameters are cast to their declared type and the body to the RETURNS type, as BigQuery
coerces arguments; ``ANY TYPE`` parameters are left as they come (templated functions).
https://cloud.google.com/bigquery/docs/reference/standard-sql/user-defined-functions
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlglot import exp

from bqhouse import errors
from bqhouse.sql import js_udf

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
    """The DuckDB ``CREATE MACRO`` for a GoogleSQL SQL function (body already translated).

    A JavaScript function's macro calls its sandboxed UDF (see ``bqhouse.sql.js_udf``).
    """
    if js_udf.is_javascript(statement):
        spec = js_udf.spec_of(statement, name.name, temporary=temporary)
        return exp.Command(this=js_udf.macro_sql(spec, name), expression=exp.Literal.string(""))
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


# -- table functions ------------------------------------------------------------------------------

_CREATE_TABLE_FUNCTION = re.compile(r"\bCREATE\s+(OR\s+REPLACE\s+)?TABLE\s+FUNCTION\b", re.I)
_DROP_TABLE_FUNCTION = re.compile(r"\bDROP\s+TABLE\s+FUNCTION\b", re.I)
_QUERIES = (exp.Select, exp.Union, exp.Intersect, exp.Except)


def normalize_sql(sql: str) -> str:
    """``DROP TABLE FUNCTION`` -> ``DROP FUNCTION`` (sqlglot cannot parse the former; the routine
    record tells the two apart when the statement runs)."""
    return _DROP_TABLE_FUNCTION.sub("DROP FUNCTION", sql)


def table_function_body(statement: exp.Expr, source: str) -> exp.Expr | None:
    """The query of ``CREATE TABLE FUNCTION``, None for a scalar function.

    sqlglot keeps ``TABLE`` only with ``RETURNS TABLE<...>``; otherwise a query body (which a
    scalar function cannot have: its body is ``(expression)``) in a text that says
    ``TABLE FUNCTION`` marks it.
    https://cloud.google.com/bigquery/docs/reference/standard-sql/table-functions
    """
    body = statement.expression
    properties = statement.args.get("properties")
    returns = properties.find(exp.ReturnsProperty) if properties else None
    if isinstance(body, exp.Subquery) and isinstance(body.this, _QUERIES):
        body = body.this
    if not isinstance(body, _QUERIES):
        return None
    if (returns is not None and returns.args.get("is_table")) or _CREATE_TABLE_FUNCTION.search(
        source
    ):
        return body
    return None


def return_table(statement: exp.Expr) -> list[tuple[str, exp.DataType]]:
    """The columns of ``RETURNS TABLE<name type, ...>`` (empty when not declared)."""
    properties = statement.args.get("properties")
    returns = properties.find(exp.ReturnsProperty) if properties else None
    if returns is None or not isinstance(returns.this, exp.Schema):
        return []
    return [
        (c.name, c.args["kind"])
        for c in returns.this.expressions
        if isinstance(c, exp.ColumnDef) and isinstance(c.args.get("kind"), exp.DataType)
    ]


def parameter_types(statement: exp.Expr) -> dict[str, exp.DataType]:
    udf = statement.this
    return {
        column.name.lower(): column.args["kind"]
        for column in (udf.expressions if isinstance(udf, exp.UserDefinedFunction) else [])
        if isinstance(column, exp.ColumnDef) and isinstance(column.args.get("kind"), exp.DataType)
    }


def cast_parameters(body: exp.Expr, types: dict[str, exp.DataType]) -> exp.Expr:
    """Unqualified references to a parameter -> ``CAST(p AS declared type)`` (keeping its name)."""
    from bqhouse.sql.transforms import numeric_type

    for column in list(body.find_all(exp.Column)):
        kind = types.get(column.name.lower())
        if column.table or kind is None or kind.this == exp.DType.VARIANT:
            continue
        duck_type = kind.copy().transform(numeric_type)
        assert isinstance(duck_type, exp.DataType)
        value: exp.Expr = exp.cast(column.copy(), duck_type)
        if isinstance(column.parent, exp.Select) and column.arg_key == "expressions":
            value = exp.alias_(value, column.name)
        column.replace(value)
    return body


def table_macro_sql(statement: exp.Create, name: exp.Expr, body: exp.Expr) -> str:
    """``CREATE MACRO name(params) AS TABLE <query>`` for a table function (body translated)."""
    from bqhouse.sql.transforms import numeric_type

    if is_temporary(statement):
        raise errors.InvalidQuery(
            "Table functions cannot be TEMP: create them in a dataset", location="query"
        )
    columns = return_table(statement)
    if columns:
        projections = ", ".join(
            f"CAST({exp.to_identifier(n).sql('duckdb')} AS "
            f"{kind.copy().transform(numeric_type).sql('duckdb')}) AS "
            f"{exp.to_identifier(n).sql('duckdb')}"
            for n, kind in columns
        )
        query = f"SELECT {projections} FROM ({body.sql('duckdb')})"
    else:
        query = body.sql("duckdb")
    parameters = ", ".join(exp.to_identifier(n).sql("duckdb") for n in parameter_types(statement))
    return f"CREATE OR REPLACE MACRO {name.sql('duckdb')}({parameters}) AS TABLE {query}"


def table_function_call(
    table: exp.Table, default_project: str
) -> tuple[RoutineRef, exp.Table] | None:
    """``FROM ds.tvf(args)`` / ``FROM `p.ds.tvf`(args)`` -> the table macro's call."""
    call = table.this
    if not isinstance(call, exp.Anonymous):
        return None
    prefix = [p.name for p in (table.args.get("catalog"), table.args.get("db")) if p is not None]
    head = call.this.name if isinstance(call.this, exp.Identifier) else str(call.this)
    parts = [piece for part in [*prefix, head] for piece in part.split(".") if piece]
    if len(parts) not in (2, 3) or parts[0].upper() in ("ML", "VECTOR_SEARCH"):
        return None
    project = parts[0] if len(parts) == 3 else default_project
    ref = RoutineRef(project, parts[-2], parts[-1])
    alias = table.args.get("alias")
    if alias is None and isinstance(table.parent, (exp.From, exp.Join)):
        alias = exp.TableAlias(this=exp.to_identifier(ref.routine, quoted=True))
    return ref, exp.Table(
        this=exp.Anonymous(this=persistent_name(ref), expressions=call.expressions),
        alias=alias,
    )


_MISSING_TABLE_MACRO = re.compile(r"Table Function with name ([^\s!]+) does not exist")


@contextmanager
def call_errors() -> Iterator[None]:
    """BigQuery's words for a failed routine call: unknown TVF, JS UDF error or time-out."""
    try:
        with js_udf.udf_errors():
            yield
    except errors.BigQueryError as exc:
        match = _MISSING_TABLE_MACRO.search(exc.message)
        if match is None:
            raise
        name = match.group(1).strip('"')
        raise errors.InvalidQuery(
            f"Table-valued function not found: {name}", location="query"
        ) from exc
