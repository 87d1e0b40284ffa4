"""Query jobs: translate, execute statement by statement, keep the catalog in step with DDL."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import duckdb
import orjson
import pyarrow as pa
from sqlglot import exp

from bqhouse import errors, information_schema, schema
from bqhouse.engine.duckdb import execute, map_exceptions, run
from bqhouse.jobs.script import ScriptRunner
from bqhouse.jobs.store import JobStore
from bqhouse.sql import TableRef, Translated, decode_parameters, translate
from bqhouse.sql.script import is_script, parse_script
from bqhouse.storage import routines
from bqhouse.storage.catalog import Catalog
from bqhouse.storage.lake import table_sql
from bqhouse.storage.sizes import size_sql
from bqhouse.storage.writer import WriteRequest, write_arrow

# Functions whose answer changes between runs: such a query is never served from the cache.
_NON_DETERMINISTIC = (
    exp.CurrentTimestamp,
    exp.CurrentDate,
    exp.CurrentDatetime,
    exp.CurrentTime,
    exp.Rand,
)
_SELECT_LIKE = {"SELECT"}
_MIN_BILLED = 10 * 1024 * 1024


@dataclass
class QueryOutcome:
    """What a query job produced, in the terms of JobStatistics2."""

    result: pa.Table
    fields: list[dict[str, Any]]
    statement_type: str
    total_bytes_processed: int = 0
    cache_hit: bool = False
    num_dml_affected_rows: int | None = None
    ddl: dict[str, Any] = field(default_factory=dict)
    destination: dict[str, str] | None = None

    def statistics(self) -> dict[str, Any]:
        billed = (
            0
            if self.cache_hit or not self.total_bytes_processed
            else max(_MIN_BILLED, -(-self.total_bytes_processed // 2**20) * 2**20)
        )
        stats: dict[str, Any] = {
            "totalBytesProcessed": str(self.total_bytes_processed),
            "totalBytesBilled": str(billed),
            "cacheHit": self.cache_hit,
            "statementType": self.statement_type,
            "schema": {"fields": self.fields},
            **self.ddl,
        }
        if self.num_dml_affected_rows is not None:
            stats["numDmlAffectedRows"] = str(self.num_dml_affected_rows)
        return stats


def _empty() -> pa.Table:
    return pa.table({})


class QueryCache:
    """Results by query text and lake snapshot: any commit anywhere invalidates (conservative)."""

    def __init__(self) -> None:
        self._entries: dict[tuple[Any, ...], QueryOutcome] = {}
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> QueryOutcome | None:
        with self._lock:
            return self._entries.get(key)

    def put(self, key: tuple[Any, ...], outcome: QueryOutcome) -> None:
        with self._lock:
            if len(self._entries) > 1000:
                self._entries.clear()
            self._entries[key] = outcome


def _referenced_columns(statement: exp.Expression) -> tuple[set[str], bool]:
    names = {col.name.lower() for col in statement.find_all(exp.Column)}
    star = any(True for _ in statement.find_all(exp.Star))
    return names, star


class QueryRunner:
    """Runs GoogleSQL against the lake for one warehouse."""

    def __init__(self, catalog: Catalog, jobs: JobStore) -> None:
        self.catalog = catalog
        self.jobs = jobs
        self.cache = QueryCache()
        self._bytes: dict[tuple[TableRef, int, frozenset[str]], int] = {}
        # Auth's check of each statement before it runs (bqhouse.auth): raises AccessDenied.
        self.authorize: Callable[[Translated], None] | None = None

    # -- bytes processed ----------------------------------------------------------------------

    def bytes_processed(self, statement: Translated, snapshot: int) -> int:
        """Logical bytes of the columns the statement reads, as BigQuery bills them."""
        names, star = _referenced_columns(statement.expression)
        total = 0
        for ref in statement.tables:
            if self.catalog.table_kind(ref.project, ref.dataset, ref.table) != "TABLE":
                continue
            fields = self.catalog.table_fields(ref.project, ref.dataset, ref.table)
            chosen = [f for f in fields if star or f["name"].lower() in names]
            key = (ref, snapshot, frozenset(f["name"] for f in chosen))
            if key not in self._bytes:
                table = table_sql(ref.project, ref.dataset, ref.table)
                row = self.catalog.lake.cursor().execute(size_sql(chosen, table)).fetchone()
                self._bytes[key] = int(sum(row or ()))
            total += self._bytes[key]
        return total

    # -- execution ----------------------------------------------------------------------------

    def run(self, project: str, config: dict[str, Any], *, dry_run: bool = False) -> QueryOutcome:
        if config.get("useLegacySql"):
            raise errors.InvalidQuery("Legacy SQL is not supported by bqhouse; use GoogleSQL.")
        sql = config.get("query") or ""
        if not sql.strip():
            raise errors.Invalid("Query text is required (configuration.query.query).")
        default = config.get("defaultDataset") or {}
        # BigQuery ML: CREATE/DROP/EXPORT MODEL run here; ML.* table functions become relations.
        from bqhouse.ml.statements import rewrite_ml_functions, run_ml_statement

        ml_args = (default.get("projectId") or project, default.get("datasetId"))
        if not dry_run and (ml := run_ml_statement(self, project, *ml_args, sql)) is not None:
            return ml
        sql = rewrite_ml_functions(self, project, config, sql, *ml_args)
        params = decode_parameters(config.get("queryParameters"), config.get("parameterMode"))
        if is_script(sql):
            if dry_run:
                parse_script(sql)  # a dry run of a script checks its syntax only
                return QueryOutcome(_empty(), [], "SCRIPT")
            script = ScriptRunner(
                self,
                default_project=default.get("projectId") or project,
                default_dataset=default.get("datasetId"),
                parameters=params,
            )
            return script.run(sql)
        statements = translate(
            sql,
            default_project=default.get("projectId") or project,
            default_dataset=default.get("datasetId"),
            parameters=params,
            list_tables=self.catalog.table_names,
        )
        if len(statements) == 1:
            # A script's later statements may read tables its earlier ones create: those are
            # checked as they run (see _execute).
            self.check_tables(statements[0])
        snapshot = self.catalog.lake.snapshot_id()
        scanned = sum(self.bytes_processed(s, snapshot) for s in statements)
        last = statements[-1]
        if dry_run:
            return QueryOutcome(_empty(), [], last.statement_type, total_bytes_processed=scanned)
        key = (
            project,
            sql,
            orjson.dumps(default),
            orjson.dumps(config.get("queryParameters")),
            snapshot,
        )
        cacheable = (
            config.get("useQueryCache", True)
            and not config.get("destinationTable")
            and all(s.statement_type in _SELECT_LIKE for s in statements)
            and not any(s.expression.find(*_NON_DETERMINISTIC) for s in statements)
            and not any(s.information_schema for s in statements)
            and not any(s.ml_functions for s in statements)
        )
        if cacheable and (hit := self.cache.get(key)) is not None:
            return QueryOutcome(hit.result, hit.fields, hit.statement_type, 0, cache_hit=True)
        outcome = self._execute(statements, params.values)
        outcome.total_bytes_processed = scanned
        if config.get("destinationTable") and last.statement_type in _SELECT_LIKE:
            outcome.destination = self._write_destination(config, outcome)
        if cacheable:
            self.cache.put(key, outcome)
        return outcome

    def _require_readable(self, ref: TableRef, statement: Translated) -> None:
        self.catalog.require_dataset(ref.project, ref.dataset)
        if self.catalog.table_kind(ref.project, ref.dataset, ref.table) is None:
            if statement.statement_type.startswith("DROP") and _if_exists(statement):
                return
            raise errors.NotFound(
                f"Not found: Table {ref.project}:{ref.dataset}.{ref.table} was not found in "
                "location US"
            )

    def _execute(self, statements: list[Translated], values: Any) -> QueryOutcome:
        """Run a statement or script on one connection; its temp tables die with it."""
        outcome = QueryOutcome(_empty(), [], statements[-1].statement_type)
        cur = self.catalog.lake.cursor()
        try:
            for statement in statements:
                if len(statements) > 1:
                    self.check_tables(statement)
                outcome = self.execute_statement(cur, statement, values)
        finally:
            cur.close()
        return outcome

    def check_tables(self, statement: Translated) -> None:
        """NotFound for a table the statement reads but that does not exist."""
        if self.authorize is not None:
            self.authorize(statement)
        for ref in statement.tables:
            if ref != statement.target or statement.statement_type not in _CREATES:
                self._require_readable(ref, statement)

    def execute_statement(
        self,
        cur: duckdb.DuckDBPyConnection,
        statement: Translated,
        values: Any,
        *,
        in_transaction: bool = False,
    ) -> QueryOutcome:
        """Run one translated statement on a script's connection.

        Writes commit atomically on their own unless the script holds an explicit transaction.
        """
        for view in statement.information_schema:
            cur.register(view.relation, information_schema.build(self.catalog, self.jobs, view))
        for ml_ref in statement.ml_functions:
            from bqhouse.ml.functions import take

            cur.register(ml_ref.relation, take(ml_ref.relation))
        if statement.statement_type in _SELECT_LIKE:
            result = run(cur, statement.sql, values or None)
            return QueryOutcome(
                result, schema.fields_from_arrow(result.schema), statement.statement_type
            )
        if statement.statement_type in _ROUTINE_STATEMENTS:
            return self._execute_routine(cur, statement)
        return self._execute_write(cur, statement, values, in_transaction)

    def _execute_routine(
        self, cur: duckdb.DuckDBPyConnection, statement: Translated
    ) -> QueryOutcome:
        """CREATE/DROP FUNCTION: the macro is process-local (DuckDB cannot write it in the same
        transaction as the lake), the routine record is written to the lake after it."""
        with map_exceptions():
            cur.execute(statement.sql)
        ref = statement.routine
        if ref is not None:
            self.catalog.require_dataset(ref.project, ref.dataset)
            with self.catalog.lake.transaction() as writer:
                if statement.statement_type == "CREATE_FUNCTION":
                    assert isinstance(statement.expression, exp.Create)
                    resource = routines.routine_resource(statement.expression, ref)
                    routines.put_routine(writer, ref, resource, statement.sql)
                else:
                    routines.drop_routine(writer, ref)
        outcome = QueryOutcome(_empty(), [], statement.statement_type)
        if ref is not None:
            outcome.ddl = {
                "ddlOperationPerformed": _DDL_OPERATION[statement.statement_type],
                "ddlTargetRoutine": {
                    "projectId": ref.project,
                    "datasetId": ref.dataset,
                    "routineId": ref.routine,
                },
            }
        return outcome

    def _execute_write(
        self,
        script_cursor: duckdb.DuckDBPyConnection,
        statement: Translated,
        values: Any,
        in_transaction: bool,
    ) -> QueryOutcome:
        transaction = self.catalog.lake.transaction(script_cursor, join=in_transaction)
        with transaction as cur, map_exceptions():
            result = execute(cur, statement.sql, values)
            rows = result.fetchall() if result.description else []
            hook = _DDL_HOOKS.get(statement.statement_type)
            if hook is not None:
                hook(self.catalog, cur, statement)
            elif statement.target is not None:
                t = statement.target
                self.catalog.touch_table(cur, t.project, t.dataset, t.table)
        outcome = QueryOutcome(_empty(), [], statement.statement_type)
        if statement.statement_type in _DML:
            outcome.num_dml_affected_rows = int(rows[0][0]) if rows else 0
        elif statement.target is not None:
            t = statement.target
            outcome.ddl = {
                "ddlOperationPerformed": _DDL_OPERATION.get(statement.statement_type, "CREATE"),
                "ddlTargetTable": {
                    "projectId": t.project,
                    "datasetId": t.dataset,
                    "tableId": t.table,
                },
            }
        return outcome

    def _write_destination(self, config: dict[str, Any], outcome: QueryOutcome) -> dict[str, str]:
        dest = config["destinationTable"]
        request = WriteRequest(
            dest["projectId"],
            dest["datasetId"],
            dest["tableId"],
            write_disposition=config.get("writeDisposition") or "WRITE_EMPTY",
            create_disposition=config.get("createDisposition") or "CREATE_IF_NEEDED",
            schema_update_options=config.get("schemaUpdateOptions") or [],
        )
        write_arrow(self.catalog, request, outcome.result, outcome.fields)
        return dict(dest)


def _if_exists(statement: Translated) -> bool:
    return bool(statement.expression.args.get("exists"))


_CREATES = {"CREATE_TABLE", "CREATE_TABLE_AS_SELECT", "CREATE_VIEW", "CREATE_SCHEMA"}
_DML = {"INSERT", "UPDATE", "DELETE", "MERGE"}
_ROUTINE_STATEMENTS = {"CREATE_FUNCTION", "DROP_FUNCTION"}
_DDL_OPERATION = {
    "CREATE_FUNCTION": "CREATE",
    "DROP_FUNCTION": "DROP",
    "CREATE_TABLE": "CREATE",
    "CREATE_TABLE_AS_SELECT": "CREATE",
    "CREATE_VIEW": "CREATE",
    "DROP_TABLE": "DROP",
    "DROP_VIEW": "DROP",
    "ALTER_TABLE": "ALTER",
    "TRUNCATE_TABLE": "TRUNCATE",
}


def _record_table(catalog: Catalog, cur: duckdb.DuckDBPyConnection, statement: Translated) -> None:
    t = statement.target
    if t is None:  # a script's temp table or view: not in the catalog
        return
    catalog.put_table_meta(
        cur,
        t.project,
        t.dataset,
        t.table,
        {"tableReference": {"projectId": t.project, "datasetId": t.dataset, "tableId": t.table}},
    )


def _record_view(catalog: Catalog, cur: duckdb.DuckDBPyConnection, statement: Translated) -> None:
    t = statement.target
    if t is None:  # a script's temp table or view: not in the catalog
        return
    body = statement.expression.expression
    query = body.sql(dialect="bigquery") if isinstance(body, exp.Expression) else ""
    catalog.put_table_meta(
        cur,
        t.project,
        t.dataset,
        t.table,
        {
            "tableReference": {"projectId": t.project, "datasetId": t.dataset, "tableId": t.table},
            "view": {"query": query, "useLegacySql": False},
        },
    )


def _forget_table(catalog: Catalog, cur: duckdb.DuckDBPyConnection, statement: Translated) -> None:
    t = statement.target
    if t is not None:
        catalog.drop_table_meta(cur, t.project, t.dataset, t.table)


def _record_schema(catalog: Catalog, cur: duckdb.DuckDBPyConnection, statement: Translated) -> None:
    t = statement.target
    if t is not None:
        catalog.ensure_dataset_meta(cur, t.project, t.dataset)


_DDL_HOOKS: dict[str, Callable[[Catalog, duckdb.DuckDBPyConnection, Translated], None]] = {
    "CREATE_TABLE": _record_table,
    "CREATE_TABLE_AS_SELECT": _record_table,
    "CREATE_VIEW": _record_view,
    "DROP_TABLE": _forget_table,
    "DROP_VIEW": _forget_table,
    "CREATE_SCHEMA": _record_schema,
}
