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
from bqhouse.jobs.child_jobs import ChildDraft, frame, record
from bqhouse.jobs.geography_ddl import catalog_columns
from bqhouse.sql import BoundParameters, dynamic_sql, js_udf, procedures, translate
from bqhouse.sql.geography_tables import duckdb_type
from bqhouse.sql.script import Block, For, If, Loop, Node, Procedure, Statement, parse_script
from bqhouse.sql.translate import Translated, variable_key
from bqhouse.storage.catalog import now_ms

if TYPE_CHECKING:
    from bqhouse.jobs.query import QueryOutcome, QueryRunner

# BigQuery stops a runaway loop; so do we (and say so) rather than spin forever.
MAX_ITERATIONS = 100_000
# Procedures calling procedures: BigQuery's limit on nested CALLs.
MAX_CALL_DEPTH = 50


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
        children: list[ChildDraft] | None = None,
    ) -> None:
        self.runner = runner
        # One draft per statement run: the job service makes them the script's child jobs.
        self.children = children
        self.default_project = default_project
        self.default_dataset = default_dataset
        self.parameters = parameters
        self.types: dict[str, str] = {}  # variable -> DuckDB type
        self.values: dict[str, Any] = {}  # variable -> value
        self.temp_tables: set[str] = set()
        self.in_transaction = False
        self.last: QueryOutcome | None = None
        self.cur: duckdb.DuckDBPyConnection = runner.catalog.lake.cursor()
        self.call_depth = 0
        # (source, procedure id, statement running) per frame: the top-level script first.
        self.frames: list[tuple[str, str, Statement | None]] = []

    # -- entry --------------------------------------------------------------------------------

    def run(self, sql: str) -> QueryOutcome:
        from bqhouse.jobs.query import QueryOutcome

        nodes = parse_script(sql)
        self.frames.append((sql, "", None))
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
            js_udf.release(self.runner.catalog.lake, self.cur)
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

    # -- procedures ---------------------------------------------------------------------------

    def create_procedure(self, node: Procedure) -> None:
        """https://cloud.google.com/bigquery/docs/reference/standard-sql/data-definition-language#create_procedure"""
        from bqhouse.storage.routines import create_procedure

        header = procedures.parse_header(node.header, self.default_project, self.default_dataset)
        create_procedure(self.runner.catalog, header, node.body)

    def call(self, text: str) -> None:
        """``CALL p(args)``: the body runs with its own variables; OUT/INOUT write back.

        https://cloud.google.com/bigquery/docs/reference/standard-sql/procedural-language#call
        """
        from bqhouse.storage.routines import get_procedure, type_sql

        ref, arguments = procedures.parse_call(text, self.default_project, self.default_dataset)
        routine = get_procedure(self.runner.catalog, ref)
        declared = routine.get("arguments") or []
        name = f"{ref.project}.{ref.dataset}.{ref.routine}"
        if len(arguments) != len(declared):
            raise errors.InvalidQuery(
                f"Procedure {name} takes {len(declared)} argument(s) but {len(arguments)} "
                "were given",
                location="query",
            )
        if self.call_depth >= MAX_CALL_DEPTH:
            raise errors.InvalidQuery(
                f"Procedure calls are nested more than {MAX_CALL_DEPTH} deep", location="query"
            )
        bound: list[tuple[str, str, Any, str, str | None]] = []
        for argument, param in zip(arguments, declared, strict=True):
            mode = param.get("mode") or "IN"
            bq_type = type_sql(param.get("dataType") or {})
            duck_type = _duck_type(bq_type)
            target = procedures.variable_name(argument)
            if mode == "IN":
                value = self.evaluate(f"CAST(({argument}) AS {bq_type})")
            elif target is None or target not in self.types:
                raise errors.InvalidQuery(
                    f"The {mode} argument {param['name']} of procedure {name} must be a "
                    f"declared variable, not {argument}",
                    location="query",
                )
            else:
                value = self.values[target] if mode == "INOUT" else None
            bound.append((param["name"].lower(), mode, value, duck_type, target))
        caller_types, caller_values = self.types, self.values
        self.types = {k: v for k, v in caller_types.items() if k.startswith("@@")}
        self.values = {k: v for k, v in caller_values.items() if k.startswith("@@")}
        for param_name, _, value, duck_type, _ in bound:
            self.assign(param_name, value, duck_type)
        self.call_depth += 1
        body = routine.get("definitionBody") or ""
        self.frames.append((body, name, None))
        try:
            self.block(parse_script(body))
        except _Return:
            pass
        finally:
            self.frames.pop()
            self.call_depth -= 1
            results = self.values
            self.types, self.values = caller_types, caller_values
        for param_name, mode, _, _, target in bound:
            if mode != "IN" and target is not None:
                self.assign(target, results.get(param_name), self.types[target])

    # -- leaf statements ----------------------------------------------------------------------

    def statement(self, node: Statement) -> None:
        source, procedure, _ = self.frames[-1]
        self.frames[-1] = (source, procedure, node)
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
            value, duck_type = None, duckdb_type(kind) if kind is not None else None
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
        immediate = dynamic_sql.parse(body[len("IMMEDIATE") :].strip())
        parsed = _parse_one(f"SELECT {immediate.sql}")
        sql = str(self.evaluate(parsed.expressions[0].sql("bigquery")))
        names = [name for name, _ in immediate.using]
        sql, carriers = dynamic_sql.bind_placeholders(sql, names)
        for carrier, (_, expression) in zip(carriers, immediate.using, strict=True):
            self.assign(carrier, *self.evaluate_typed(expression))
        if not immediate.into:
            self.sql(sql)
            return
        table = self.query(sql)  # INTO: the one row's columns, in order, into the variables
        if table.num_rows > 1:
            raise errors.InvalidQuery(
                "EXECUTE IMMEDIATE INTO: the query returned more than one row", location="query"
            )
        for index, name in enumerate(immediate.into):
            value = table.column(index)[0].as_py() if table.num_rows else None
            self.assign(name, value, self.types.get(name, "VARCHAR"))

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
            geography_columns=catalog_columns(self.runner.catalog),
            table_fields=self.runner.catalog.table_fields,
            probe_columns=self._probe_columns,
        )

    def _probe_columns(self, sql: str) -> list[str] | None:
        """The column names of a FROM clause (a column shadows a variable of its name)."""
        try:
            rows = execute(self.cur, f"DESCRIBE {sql}", self._bound_values()).fetchall()
        except (duckdb.Error, errors.BigQueryError):
            return None
        return [str(row[0]) for row in rows]

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
        from bqhouse.ml.statements import run_ml_statement  # CREATE/DROP/EXPORT MODEL

        at = (self.default_project, self.default_project, self.default_dataset)
        if run_ml_statement(self.runner, *at, text) is not None:
            return
        for statement in self._translate(text):
            started = now_ms()
            try:
                self.runner.check_tables(statement)
                outcome = self.runner.execute_statement(
                    self.cur, statement, self._bound_values(), in_transaction=self.in_transaction
                )
            except errors.BigQueryError as exc:
                self._record(statement, started, error=exc.error_proto())
                raise
            self._record(statement, started, outcome=outcome)
            if outcome.num_dml_affected_rows is not None:
                self.assign("@@row_count", outcome.num_dml_affected_rows, "BIGINT")
            if statement.statement_type == "SELECT":
                self.last = outcome

    def _record(
        self,
        statement: Translated,
        started: int,
        *,
        outcome: QueryOutcome | None = None,
        error: dict[str, Any] | None = None,
    ) -> None:
        """A child job for a statement the script ran (leaf frame first)."""
        if self.children is None:
            return
        frames = [
            frame(source, node.start, node.end, source[node.start : node.end + 1], procedure)
            for source, procedure, node in reversed(self.frames)
            if node is not None
        ]
        if outcome is not None:
            snapshot = self.runner.catalog.lake.snapshot_id()
            outcome.total_bytes_processed = self.runner.bytes_processed(statement, snapshot)
        kind = statement.statement_type
        record(self.children, kind, frames, started, now_ms(), outcome=outcome, error=error)

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


def _duck_type(bigquery_type: str) -> str:
    from bqhouse.sql.transforms import numeric_type

    kind = exp.DataType.build(bigquery_type, dialect="bigquery")
    return kind.transform(numeric_type).sql("duckdb")


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
    Procedure: ScriptRunner.create_procedure,
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
    "CALL": ScriptRunner.call,
}
