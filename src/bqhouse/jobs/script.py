"""Run a GoogleSQL script: variables, control flow, exception handlers, explicit transactions.

The whole script runs on one DuckDB connection (its temporary tables die with it). Expressions in
DECLARE/SET/IF/WHILE are evaluated as ``SELECT <expr>`` through the same translator, with the
variables bound as typed parameters.
https://cloud.google.com/bigquery/docs/reference/standard-sql/procedural-language
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa
import sqlglot
from sqlglot import exp

from bqhouse import errors
from bqhouse.engine.duckdb import execute, map_exceptions
from bqhouse.sql import BoundParameters, translate
from bqhouse.sql.script import Block, For, If, Loop, Node, Statement, parse_script
from bqhouse.sql.translate import variable_key

if TYPE_CHECKING:
    from bqhouse.jobs.query import QueryOutcome, QueryRunner

# BigQuery stops a runaway loop; so do we (and say so) rather than spin forever.
MAX_ITERATIONS = 100_000


class _Break(Exception):
    pass


class _Continue(Exception):
    pass


class _Return(Exception):
    pass


class ScriptRunner:
    """Interprets one script for a query job."""

    def __init__(
        self,
        runner: QueryRunner,
        *,
        default_project: str,
        default_dataset: str | None,
        parameters: BoundParameters,
    ) -> None:
        self.runner = runner
        self.default_project = default_project
        self.default_dataset = default_dataset
        self.parameters = parameters
        self.types: dict[str, str] = {}  # variable -> DuckDB type
        self.values: dict[str, Any] = {}  # variable -> value
        self.temp_tables: set[str] = set()
        self.in_transaction = False
        self.last: QueryOutcome | None = None
        self.cur: duckdb.DuckDBPyConnection = runner.catalog.lake.cursor()

    # -- entry --------------------------------------------------------------------------------

    def run(self, sql: str) -> QueryOutcome:
        from bqhouse.jobs.query import QueryOutcome

        nodes = parse_script(sql)
        try:
            self.block(nodes)
        except _Return:
            pass
        except (_Break, _Continue) as exc:
            raise errors.InvalidQuery(
                f"{type(exc).__name__[1:].upper()} is only allowed inside a loop", location="query"
            ) from exc
        finally:
            if self.in_transaction:
                # A transaction still open at the end of a script is rolled back, as in BigQuery.
                self.runner.catalog.lake.end(self.cur, commit=False)
            self.cur.close()
        outcome = self.last or QueryOutcome(pa.table({}), [], "SCRIPT")
        outcome.statement_type = "SCRIPT"
        return outcome

    # -- nodes --------------------------------------------------------------------------------

    def block(self, nodes: list[Node]) -> None:
        for node in nodes:
            _NODES[type(node)](self, node)

    def if_(self, node: If) -> None:
        for condition, body in node.branches:
            if self.evaluate(condition) is True:
                self.block(body)
                return
        self.block(node.otherwise)

    def loop(self, node: Loop) -> None:
        for _ in range(MAX_ITERATIONS):
            if node.while_condition is not None and self.evaluate(node.while_condition) is not True:
                return
            try:
                self.block(node.body)
            except _Break:
                return
            except _Continue:
                pass
            if node.until_condition is not None and self.evaluate(node.until_condition) is True:
                return
        raise errors.InvalidQuery(f"Loop exceeded {MAX_ITERATIONS} iterations", location="query")

    def for_(self, node: For) -> None:
        rows = self.query(node.query)
        struct_type = _struct_type(rows.schema)
        name = node.variable.lower()
        for row in rows.to_pylist():
            self.assign(name, row, struct_type)
            try:
                self.block(node.body)
            except _Break:
                break
            except _Continue:
                continue

    def begin_block(self, node: Block) -> None:
        if node.handler is None:
            self.block(node.body)
            return
        try:
            self.block(node.body)
        except errors.BigQueryError as exc:
            self.assign("@@error.message", exc.message, "VARCHAR")
            self.assign("@@error.statement_text", "", "VARCHAR")
            self.error = exc
            self.block(node.handler)

    # -- leaf statements ----------------------------------------------------------------------

    def statement(self, node: Statement) -> None:
        handler = _KEYWORDS.get(node.keyword)
        if handler is not None:
            handler(self, node.text)
            return
        if node.keyword == "BEGIN" or node.text.upper().startswith(("COMMIT", "ROLLBACK")):
            self.transaction(node.text)
            return
        self.sql(node.text)

    def declare(self, text: str) -> None:
        parsed = _parse_one(text)
        for item in parsed.expressions:
            names = [n.name.lower() for n in item.this]
            kind = item.args.get("kind")
            default = item.args.get("default")
            value, duck_type = None, kind.sql("duckdb") if kind is not None else None
            if isinstance(default, exp.Expr):
                value, found_type = self.evaluate_typed(default.sql("bigquery"))
                duck_type = duck_type or found_type
            for name in names:
                if name in self.types:
                    raise errors.InvalidQuery(
                        f"Variable {name} is already declared", location="query"
                    )
                self.assign(name, value, duck_type or "VARCHAR")

    def set_(self, text: str) -> None:
        parsed = _parse_one(text)
        for item in parsed.expressions:
            target, source = item.this.this, item.this.expression
            names = [
                c.name.lower()
                for c in (target.expressions if isinstance(target, exp.Tuple) else [target])
            ]
            if len(names) == 1:
                values = [self.evaluate(source.sql("bigquery"))]
            else:
                parts = source.expressions if isinstance(source, exp.Tuple) else [source]
                values = [self.evaluate(p.sql("bigquery")) for p in parts]
            for name, value in zip(names, values, strict=True):
                if name not in self.types:
                    raise errors.InvalidQuery(f"Unrecognized name: {name}", location="query")
                self.assign(name, value, self.types[name])

    def raise_(self, text: str) -> None:
        body = text.strip()[len("RAISE") :].strip()
        if not body:
            if getattr(self, "error", None) is not None:
                raise self.error
            raise errors.InvalidQuery("RAISE without a message outside an exception handler")
        _, _, expression = body.partition("=")
        raise errors.InvalidQuery(str(self.evaluate(expression)), location="query")

    def execute_immediate(self, text: str) -> None:
        body = text.strip()[len("EXECUTE") :].strip()
        if not body.upper().startswith("IMMEDIATE"):
            raise errors.InvalidQuery("Expected EXECUTE IMMEDIATE", location="query")
        body = body[len("IMMEDIATE") :].strip()
        parsed = _parse_one(f"SELECT {body.split(' INTO ')[0].split(' USING ')[0]}")
        sql = self.evaluate(parsed.expressions[0].sql("bigquery"))
        self.sql(str(sql))

    def transaction(self, text: str) -> None:
        word = text.split()[0].upper()
        lake = self.runner.catalog.lake
        if word == "BEGIN":
            if self.in_transaction:
                raise errors.InvalidQuery("Transaction is already in progress", location="query")
            lake.begin(self.cur)
            self.in_transaction = True
            return
        if not self.in_transaction:
            raise errors.InvalidQuery(f"{word} without an active transaction", location="query")
        self.in_transaction = False
        lake.end(self.cur, commit=word == "COMMIT")

    # -- SQL ----------------------------------------------------------------------------------

    def _translate(self, sql: str) -> list[Any]:
        return translate(
            sql,
            default_project=self.default_project,
            default_dataset=self.default_dataset,
            parameters=self.parameters,
            variables=self.types,
            temp_tables=self.temp_tables,
            list_tables=self.runner.catalog.table_names,
        )

    def _bound_values(self) -> dict[str, Any] | list[Any]:
        values = {variable_key(k): v for k, v in self.values.items()}
        user = self.parameters.values
        if isinstance(user, list):
            if user and values:
                raise errors.InvalidQuery(
                    "Positional query parameters cannot be used in a script with variables",
                    location="query",
                )
            return user or values
        return {**user, **values}

    def sql(self, text: str) -> None:
        for statement in self._translate(text):
            self.runner.check_tables(statement)
            outcome = self.runner.execute_statement(
                self.cur, statement, self._bound_values(), in_transaction=self.in_transaction
            )
            if outcome.num_dml_affected_rows is not None:
                self.assign("@@row_count", outcome.num_dml_affected_rows, "BIGINT")
            if statement.statement_type == "SELECT":
                self.last = outcome

    def query(self, sql: str) -> pa.Table:
        (statement,) = self._translate(sql)
        # Expressions may read tables (SET x = (SELECT ...)): same existence and access checks.
        self.runner.check_tables(statement)
        with map_exceptions():
            return execute(self.cur, statement.sql, self._bound_values()).fetch_arrow_table()

    def evaluate_typed(self, expression: str) -> tuple[Any, str]:
        table = self.query(f"SELECT {expression} AS v")
        (statement,) = self._translate(f"SELECT typeof({expression})")
        with map_exceptions():
            row = execute(self.cur, statement.sql, self._bound_values()).fetchone()
        duck_type = str(row[0]) if row else "VARCHAR"
        return table.column(0)[0].as_py() if table.num_rows else None, duck_type

    def evaluate(self, expression: str) -> Any:
        return self.evaluate_typed(expression)[0]

    def assign(self, name: str, value: Any, duck_type: str) -> None:
        self.types[name] = duck_type
        self.values[name] = value


def _parse_one(text: str) -> exp.Expr:
    try:
        return sqlglot.parse_one(text, read="bigquery")
    except sqlglot.errors.ParseError as exc:
        raise errors.InvalidQuery(f"Syntax error: {exc}", location="query") from exc


def _struct_type(schema: pa.Schema) -> str:
    from bqhouse.schema import duckdb_type, fields_from_arrow

    fields = fields_from_arrow(schema)
    return duckdb_type({"name": "row", "type": "RECORD", "mode": "NULLABLE", "fields": fields})


_NODES: dict[type, Callable[[ScriptRunner, Any], None]] = {
    Statement: ScriptRunner.statement,
    If: ScriptRunner.if_,
    Loop: ScriptRunner.loop,
    For: ScriptRunner.for_,
    Block: ScriptRunner.begin_block,
}


def _raise(exc: type[Exception]) -> Callable[[ScriptRunner, str], None]:
    def handler(_: ScriptRunner, __: str) -> None:
        raise exc()

    return handler


_KEYWORDS: dict[str, Callable[[ScriptRunner, str], None]] = {
    "DECLARE": ScriptRunner.declare,
    "SET": ScriptRunner.set_,
    "RAISE": ScriptRunner.raise_,
    "EXECUTE": ScriptRunner.execute_immediate,
    "BREAK": _raise(_Break),
    "LEAVE": _raise(_Break),
    "CONTINUE": _raise(_Continue),
    "ITERATE": _raise(_Continue),
    "RETURN": _raise(_Return),
}
