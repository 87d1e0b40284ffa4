"""The DuckDB backend: run translated SQL, map DuckDB's exceptions to BigQuery's.

Every engine exception passes through ``map_exceptions`` so that a user sees a BigQuery reason and
message, never a DuckDB class name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import sqlglot
import sqlglot.errors
from sqlglot.tokens import TokenType

from bqhouse import errors
from bqhouse.sql import geography

_MISSING_TABLE = re.compile(r'Table with name "?([^"\s!]+)"? does not exist')
_MISSING_SCHEMA = re.compile(r'Schema with name "?([^"!]+?)"? does not exist')
_LINE = re.compile(r"\nLINE \d+:.*", re.DOTALL)
# A Python UDF raising: keep the exception's own message, drop DuckDB's wrapper and the traceback.
_UDF_ERROR = re.compile(
    r"Python exception occurred while executing the UDF: (?:\w+\.)*\w+: (.*?)(?:\n\nAt:\n.*)?$",
    re.DOTALL,
)


def _clean(message: str) -> str:
    # DuckDB prefixes a class ("Binder Error: ") and appends a caret diagram; BigQuery does neither.
    message = _LINE.sub("", message)
    if match := _UDF_ERROR.search(message):
        return match.group(1).strip()
    message = re.sub(r"^[A-Za-z ]+ Error: ", "", message.strip())
    return message.split("\nDid you mean")[0].strip()


def _not_found(exc: duckdb.Error) -> errors.BigQueryError | None:
    text = str(exc)
    if match := _MISSING_SCHEMA.search(text):
        project, _, dataset = match.group(1).partition(".")
        return errors.NotFound(f"Not found: Dataset {project}:{dataset}")
    if match := _MISSING_TABLE.search(text):
        return errors.NotFound(f"Not found: Table {match.group(1)}")
    return None


# Most specific first: the first class in the exception's MRO found here decides.
_MAPPING: dict[type[duckdb.Error], type[errors.BigQueryError]] = {
    duckdb.ParserException: errors.InvalidQuery,
    duckdb.BinderException: errors.InvalidQuery,
    duckdb.CatalogException: errors.InvalidQuery,
    duckdb.ConversionException: errors.InvalidQuery,
    duckdb.OutOfRangeException: errors.InvalidQuery,
    duckdb.InvalidInputException: errors.InvalidQuery,
    duckdb.ConstraintException: errors.Invalid,
    duckdb.TransactionException: errors.BackendError,
    duckdb.NotImplementedException: errors.InvalidQuery,
    # --memory-limit: what did not fit even after spilling to DATA_DIR/tmp.
    duckdb.OutOfMemoryException: errors.ResourcesExceeded,
    # --query-timeout-seconds and jobs.cancel interrupt the connection.
    duckdb.InterruptException: errors.Stopped,
}


# DuckDB messages BigQuery words differently: (pattern, BigQuery's message, error class).
_REWRITES: list[tuple[re.Pattern[str], str, type[errors.BigQueryError]]] = [
    (
        re.compile(r'Referenced column "([^"]+)" not found in FROM clause'),
        r"Unrecognized name: \1",
        errors.InvalidQuery,
    ),
    (
        # https://cloud.google.com/bigquery/docs/reference/standard-sql/subqueries#scalar_subquery_concepts
        re.compile(r"More than one row returned by a subquery used as an expression"),
        "Scalar subquery produced more than one element",
        errors.InvalidQuery,
    ),
    (
        re.compile(r'Table with name "?([^"\s!]+)"? already exists'),
        r"Already Exists: Table \1",
        errors.Duplicate,
    ),
]


def _rewritten(exc: duckdb.Error) -> errors.BigQueryError | None:
    text = str(exc)
    for pattern, template, klass in _REWRITES:
        if match := pattern.search(text):
            return klass(match.expand(template), location="query")
    return None


def to_bigquery_error(exc: duckdb.Error) -> errors.BigQueryError:
    """The BigQuery error a DuckDB exception means.

    >>> to_bigquery_error(duckdb.ParserException("Parser Error: syntax error")).reason
    'invalidQuery'
    """
    if isinstance(exc, duckdb.CatalogException) and (found := _not_found(exc)):
        return found
    if (found := _rewritten(exc)) is not None:
        return found
    for klass in type(exc).__mro__:
        if klass in _MAPPING:
            return _MAPPING[klass](_clean(str(exc)), location="query")
    return errors.InternalError(_clean(str(exc)))


_UNRECOGNIZED = re.compile(r"^Unrecognized name: ([^\s]+)$")


def locate_name(error: errors.BigQueryError, source: str) -> None:
    """Append BigQuery's ``at [line:col]`` to "Unrecognized name: x": x's first use in ``source``.

    DuckDB reports positions in the translated SQL; the user wrote the GoogleSQL ``source``.
    """
    match = _UNRECOGNIZED.match(error.message)
    if match is None:
        return
    name = match.group(1).lower()
    try:
        tokens = sqlglot.Dialect.get_or_raise("bigquery").tokenize(source)
    except sqlglot.errors.SqlglotError:
        return
    for token in tokens:
        if token.token_type in (TokenType.VAR, TokenType.IDENTIFIER) and token.text.lower() == name:
            line_start = source.rfind("\n", 0, token.start) + 1
            error.message = f"{error.message} at [{token.line}:{token.start - line_start + 1}]"
            error.args = (error.message,)
            return


def bind(cur: duckdb.DuckDBPyConnection, sql: str, params: Any = None) -> None:
    """Bind a query without running it, as a dry run does: unknown names and types fail."""
    with map_exceptions():
        execute(cur, f"DESCRIBE {sql}", params).fetchall()


@contextmanager
def map_exceptions() -> Iterator[None]:
    """Re-raise DuckDB exceptions as ``BigQueryError``."""
    try:
        yield
    except duckdb.Error as exc:
        raise to_bigquery_error(exc) from exc


def _int64_from_hugeint(column: pa.ChunkedArray) -> pa.ChunkedArray:
    # DuckDB widens SUM(BIGINT) to HUGEINT (decimal128(38,0) in Arrow); BigQuery's SUM of INT64
    # is INT64 and overflowing it is an error:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#sum
    low = pa.scalar(-(2**63), pa.decimal128(38, 0))
    high = pa.scalar(2**63 - 1, pa.decimal128(38, 0))
    if pc.any(pc.or_(pc.less(column, low), pc.greater(column, high))).as_py():
        raise errors.InvalidQuery("Int64 overflow", location="query")
    return column.cast(pa.int64())


def _check_array_elements(name: str, column: pa.ChunkedArray) -> None:
    # A query result cannot hold an ARRAY with a NULL element:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#array_nulls
    for chunk in column.chunks:
        if chunk.flatten().null_count:
            raise errors.InvalidQuery(
                f"Array cannot have a null element; error in writing field {name}",
                location="query",
            )


def normalize_result(table: pa.Table) -> pa.Table:
    """Give a DuckDB result the types BigQuery would."""
    for index, field in enumerate(table.schema):
        if pa.types.is_decimal(field.type) and field.type.scale == 0:
            table = table.set_column(index, field.name, _int64_from_hugeint(table.column(index)))
        elif pa.types.is_list(field.type) or pa.types.is_large_list(field.type):
            _check_array_elements(field.name, table.column(index))
    return geography.strip_marker(table)


_NAMED_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def used_parameters(sql: str, params: Any) -> Any:
    """Only the named parameters ``sql`` references: DuckDB refuses extra ones, BigQuery not.

    >>> used_parameters("SELECT $a", {"a": 1, "b": 2})
    {'a': 1}
    """
    if not isinstance(params, dict):
        return params or None
    names = set(_NAMED_PARAMETER.findall(sql))
    return {k: v for k, v in params.items() if k in names} or None


def execute(
    cur: duckdb.DuckDBPyConnection, sql: str, params: Any = None
) -> duckdb.DuckDBPyConnection:
    """Execute with the parameters the statement uses."""
    bound = used_parameters(sql, params)
    return cur.execute(sql, bound) if bound else cur.execute(sql)


def run(cur: duckdb.DuckDBPyConnection, sql: str, params: Any = None) -> pa.Table:
    """Execute and fetch the whole result as Arrow."""
    with map_exceptions():
        return normalize_result(execute(cur, sql, params).fetch_arrow_table())
