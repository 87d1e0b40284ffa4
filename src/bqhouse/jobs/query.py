"""Query jobs: translate, execute statement by statement, keep the catalog in step with DDL."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import duckdb
import orjson
import pyarrow as pa
from sqlglot import exp

from bqhouse import errors, information_schema, schema
from bqhouse.engine.duckdb import bind, execute, locate_name, map_exceptions, run
from bqhouse.jobs import child_jobs, ddl_options, geography_ddl, materialized_view
from bqhouse.jobs.child_jobs import ChildDraft
from bqhouse.jobs.plan_cache import Plan, PlanCache, is_script_text, plan_key
from bqhouse.jobs.script import ScriptRunner
from bqhouse.jobs.store import JobStore
from bqhouse.sql import TableRef, Translated, decode_parameters, js_udf, translate
from bqhouse.sql.routines import call_errors
from bqhouse.sql.script import parse_script
from bqhouse.storage import fast_scan, routines
from bqhouse.storage.catalog import Catalog, now_ms
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
    # COUNT(*) counts rows: BigQuery bills it no column bytes.
    star = any(not isinstance(s.parent, exp.Count) for s in statement.find_all(exp.Star))
    return names, star


class QueryRunner:
    """Runs GoogleSQL against the lake for one warehouse."""

    def __init__(self, catalog: Catalog, jobs: JobStore) -> None:
        self.catalog = catalog
        self.jobs = jobs
        self.cache = QueryCache()
        self.plans = PlanCache()
        # Auth's check of each statement before it runs (bqhouse.auth): raises AccessDenied.
        self.authorize: Callable[[Translated], None] | None = None
        # Wrappers around every run, outermost last (the query timeout: bqhouse.api.limits).
        self.around_run: list[Callable[[Callable[[], QueryOutcome]], QueryOutcome]] = []

    # -- bytes processed ----------------------------------------------------------------------

    def bytes_processed(self, statement: Translated, snapshot: int) -> int:
        """Logical bytes of the columns the statement reads, as BigQuery bills them.

        Per-column sizes come from the catalog, one scan per table per lake snapshot.
        """
        names, star = _referenced_columns(statement.expression)
        total = 0
        for ref in statement.tables:
            if self.catalog.table_kind(ref.project, ref.dataset, ref.table) != "TABLE":
                continue
            sizes = self.catalog.column_sizes(ref.project, ref.dataset, ref.table)
            total += sum(size for name, size in sizes.items() if star or name.lower() in names)
        return total

    # -- execution ----------------------------------------------------------------------------

    def run(
        self,
        project: str,
        config: dict[str, Any],
        *,
        dry_run: bool = False,
        children: list[ChildDraft] | None = None,
    ) -> QueryOutcome:
        """Run a query job's statements; a multi-statement query adds its ``children`` drafts."""
        call: Callable[[], QueryOutcome] = partial(
            self._run, project, config, dry_run=dry_run, children=children
        )
        for wrapper in self.around_run:
            call = partial(wrapper, call)
        try:
            return call()
        except errors.InvalidQuery as exc:
            locate_name(exc, config.get("query") or "")  # "Unrecognized name: x at [1:8]"
            raise

    def _run(
        self,
        project: str,
        config: dict[str, Any],
        *,
        dry_run: bool = False,
        children: list[ChildDraft] | None = None,
    ) -> QueryOutcome:
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
        if is_script_text(sql):
            if dry_run:
                parse_script(sql)  # a dry run of a script checks its syntax only
                return QueryOutcome(_empty(), [], "SCRIPT")
            script = ScriptRunner(
                self,
                default_project=default.get("projectId") or project,
                default_dataset=default.get("datasetId"),
                parameters=params,
                children=children,
            )
            return script.run(sql)
        with self.catalog.pinned() as snapshot:  # planning reads the catalog at one snapshot
            plan = self._plan(sql, default.get("projectId") or project, default, params)
            statements = plan.statements
            if len(statements) == 1:
                # A script's later statements may read tables its earlier ones create: those are
                # checked as they run (see _execute).
                self.check_tables(statements[0])
            scanned = plan.scanned(
                snapshot, lambda: sum(self.bytes_processed(s, snapshot) for s in statements)
            )
            fast = (
                plan.fast_sql(self.catalog.lake, snapshot, self.catalog.table_sources)
                if fast_scan.enabled() and not dry_run
                else None
            )
        last = statements[-1]
        if dry_run:
            self._dry_bind(statements, params.values)
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
            and plan.cacheable(_cacheable)
        )
        if cacheable and (hit := self.cache.get(key)) is not None:
            return QueryOutcome(hit.result, hit.fields, hit.statement_type, 0, cache_hit=True)
        source = sql if len(statements) > 1 else ""  # a multi-statement query has child jobs
        outcome = self._execute(statements, params.values, source, children, fast_sql=fast)
        outcome.total_bytes_processed = scanned
        if config.get("destinationTable") and last.statement_type in _SELECT_LIKE:
            outcome.destination = self._write_destination(config, outcome)
        if cacheable:
            self.cache.put(key, outcome)
        return outcome

    def _plan(
        self,
        sql: str,
        default_project: str,
        default: dict[str, Any],
        params: Any,
    ) -> Plan:
        """The statements of ``sql``, translated once per schema epoch (see plan_cache)."""
        epoch = self.catalog.schema_epoch()
        key = plan_key(sql, default_project, default.get("datasetId"), params, epoch)
        cached = self.plans.get(key)
        if cached is not None:
            return cached
        statements = translate(
            sql,
            default_project=default_project,
            default_dataset=default.get("datasetId"),
            parameters=params,
            list_tables=self.catalog.table_names,
            geography_columns=geography_ddl.catalog_columns(self.catalog),
            table_fields=self.catalog.table_fields,
        )
        return self.plans.put(key, Plan(statements))

    def _dry_bind(self, statements: list[Translated], values: Any) -> None:
        """A dry run binds a query's names and types, as BigQuery's does, without running it."""
        statement = statements[0]
        if (
            len(statements) > 1
            or statement.statement_type not in _SELECT_LIKE
            or statement.information_schema
            or statement.ml_functions
        ):
            return
        cur = self.catalog.lake.cursor()
        try:
            with call_errors():
                bind(cur, statement.sql, values or None)
        finally:
            cur.close()

    def _require_readable(self, ref: TableRef, statement: Translated) -> None:
        self.catalog.require_dataset(ref.project, ref.dataset)
        if self.catalog.table_kind(ref.project, ref.dataset, ref.table) is None:
            if statement.statement_type.startswith(("DROP", "ALTER")) and _if_exists(statement):
                return
            raise errors.NotFound(
                f"Not found: Table {ref.project}:{ref.dataset}.{ref.table} was not found in "
                "location US"
            )

    def _execute(
        self,
        statements: list[Translated],
        values: Any,
        source: str = "",
        children: list[ChildDraft] | None = None,
        *,
        fast_sql: str | None = None,
    ) -> QueryOutcome:
        """Run a statement or script on one connection; its temp tables die with it.

        With ``source`` (the text of a multi-statement query) each statement is a child job.
        ``fast_sql`` is a single statement's fast-path SQL (see ``Plan.fast_sql``).
        """
        outcome = QueryOutcome(_empty(), [], statements[-1].statement_type)
        cur = self.catalog.lake.cursor()
        frames = child_jobs.statement_frames(source, len(statements)) if source else []
        try:
            for index, statement in enumerate(statements):
                started = now_ms()
                try:
                    if len(statements) > 1:
                        self.check_tables(statement)
                    outcome = self.execute_statement(cur, statement, values, fast_sql=fast_sql)
                except errors.BigQueryError as exc:
                    if children is not None and frames:
                        kind, error = statement.statement_type, exc.error_proto()
                        ended = now_ms()
                        child_jobs.record(
                            children, kind, frames[index], started, ended, error=error
                        )
                    raise
                if children is not None and frames:
                    kind, ended = statement.statement_type, now_ms()
                    child_jobs.record(
                        children, kind, frames[index], started, ended, outcome=outcome
                    )
        finally:
            js_udf.release(self.catalog.lake, cur)  # its temporary JavaScript functions
            cur.close()
        return outcome

    def check_tables(self, statement: Translated) -> None:
        """NotFound for a table the statement reads but that does not exist."""
        if self.authorize is not None:
            self.authorize(statement)
        routines.check_table_functions(self.catalog, statement, self.authorize)
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
        fast_sql: str | None = None,
    ) -> QueryOutcome:
        """Run one translated statement on a script's connection.

        Writes commit atomically on their own unless the script holds an explicit transaction.
        A SELECT with ``fast_sql`` runs that instead (the same rows, read from the lake tables'
        files at the plan's snapshot); if that cannot bind or open a file, it runs as translated.
        """
        for view in statement.information_schema:
            cur.register(view.relation, information_schema.build(self.catalog, self.jobs, view))
        for ml_ref in statement.ml_functions:
            from bqhouse.ml.functions import take

            cur.register(ml_ref.relation, take(ml_ref.relation))
        with call_errors():  # a JS UDF's failure or an unknown table function, in BigQuery's words
            if statement.statement_type in _SELECT_LIKE:
                result = _run_select(cur, statement, values, fast_sql)
                return QueryOutcome(
                    result, schema.fields_from_arrow(result.schema), statement.statement_type
                )
            if statement.statement_type in _ROUTINE_STATEMENTS:
                return self._execute_routine(cur, statement)
            return self._execute_write(cur, statement, values, in_transaction)

    def _execute_routine(
        self, cur: duckdb.DuckDBPyConnection, statement: Translated
    ) -> QueryOutcome:
        """CREATE/DROP [TABLE] FUNCTION, DROP PROCEDURE: see ``routines.execute_routine``."""
        statement_type, ddl = routines.execute_routine(self.catalog, cur, statement)
        outcome = QueryOutcome(_empty(), [], statement_type)
        outcome.ddl = ddl
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
            # CREATE TABLE: GEOGRAPHY result columns stored as WKT, their type recorded.
            sql, geography = geography_ddl.prepare(self.catalog, cur, statement, values)
            result = execute(cur, sql, values)
            rows = result.fetchall() if result.description else []
            hook = _DDL_HOOKS.get(statement.statement_type)
            if hook is not None:
                hook(self.catalog, cur, statement)
                geography_ddl.record(self.catalog, cur, statement.target, geography)
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


def _run_select(
    cur: duckdb.DuckDBPyConnection, statement: Translated, values: Any, fast_sql: str | None
) -> pa.Table:
    if fast_sql is not None:
        try:
            return run(cur, fast_sql, values or None)
        except errors.BigQueryError as exc:
            if not fast_scan.retry_plain(exc):
                raise
    return run(cur, statement.sql, values or None)


def _cacheable(statements: list[Translated]) -> bool:
    """Whether the results of these statements may come from the query cache: deterministic reads
    of tables only (no INFORMATION_SCHEMA, no ML functions)."""
    return (
        all(s.statement_type in _SELECT_LIKE for s in statements)
        and not any(s.expression.find(*_NON_DETERMINISTIC) for s in statements)
        and not any(s.information_schema for s in statements)
        and not any(s.ml_functions for s in statements)
    )


def _if_exists(statement: Translated) -> bool:
    return bool(statement.expression.args.get("exists"))


_CREATES = {
    "CREATE_TABLE",
    "CREATE_TABLE_AS_SELECT",
    "CREATE_VIEW",
    "CREATE_MATERIALIZED_VIEW",
    "CREATE_SCHEMA",
}
_DML = {"INSERT", "UPDATE", "DELETE", "MERGE"}
_ROUTINE_STATEMENTS = {
    "CREATE_FUNCTION",
    "DROP_FUNCTION",
    "CREATE_TABLE_FUNCTION",
    "DROP_PROCEDURE",
}
_DDL_OPERATION = {
    "CREATE_FUNCTION": "CREATE",
    "DROP_FUNCTION": "DROP",
    "CREATE_TABLE": "CREATE",
    "CREATE_TABLE_AS_SELECT": "CREATE",
    "CREATE_VIEW": "CREATE",
    "DROP_TABLE": "DROP",
    "DROP_VIEW": "DROP",
    "CREATE_MATERIALIZED_VIEW": "CREATE",
    "DROP_MATERIALIZED_VIEW": "DROP",
    "ALTER_MATERIALIZED_VIEW": "ALTER",
    "ALTER_TABLE": "ALTER",
    "TRUNCATE_TABLE": "TRUNCATE",
}


def _record_table(catalog: Catalog, cur: duckdb.DuckDBPyConnection, statement: Translated) -> None:
    t = statement.target
    if t is None:  # a script's temp table or view: not in the catalog
        return
    if _if_not_exists(catalog, statement):
        return  # CREATE TABLE IF NOT EXISTS of an existing table keeps its metadata
    catalog.put_table_meta(
        cur,
        t.project,
        t.dataset,
        t.table,
        {
            "tableReference": {"projectId": t.project, "datasetId": t.dataset, "tableId": t.table},
            **ddl_options.table_metadata(ddl_options.options(statement.expression)),
        },
    )


def _if_not_exists(catalog: Catalog, statement: Translated) -> bool:
    """CREATE ... IF NOT EXISTS of a table that existed before the statement (the catalog's
    cached view is the one from before this transaction)."""
    t = statement.target
    return bool(
        t is not None
        and statement.expression.args.get("exists")
        and catalog.table_kind(t.project, t.dataset, t.table) is not None
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
            **ddl_options.table_metadata(ddl_options.options(statement.expression)),
        },
    )


def _alter_options(catalog: Catalog, cur: duckdb.DuckDBPyConnection, statement: Translated) -> None:
    """ALTER TABLE/VIEW ... SET OPTIONS (description, friendly_name, labels)."""
    t = statement.target
    found = ddl_options.options(statement.expression)
    if t is None or not found:
        return  # another ALTER (ADD COLUMN, ...): DuckDB did it
    if catalog.table_kind(t.project, t.dataset, t.table) is None:
        if statement.expression.args.get("exists"):
            return
        raise errors.NotFound(
            f"Not found: Table {t.project}:{t.dataset}.{t.table} was not found in location US"
        )
    catalog.set_table_options(cur, t.project, t.dataset, t.table, ddl_options.table_metadata(found))


def _alter_schema(catalog: Catalog, cur: duckdb.DuckDBPyConnection, statement: Translated) -> None:
    """ALTER SCHEMA ... SET OPTIONS (description, friendly_name, labels)."""
    if statement.dataset is None:
        return
    project, dataset = statement.dataset
    if not catalog.dataset_exists(project, dataset):
        if statement.expression.args.get("exists"):
            return
        raise errors.NotFound(f"Not found: Dataset {project}:{dataset}")
    found = ddl_options.options(statement.expression)
    catalog.set_dataset_options(cur, project, dataset, ddl_options.table_metadata(found))


def _forget_table(catalog: Catalog, cur: duckdb.DuckDBPyConnection, statement: Translated) -> None:
    t = statement.target
    if t is not None:
        catalog.drop_table_meta(cur, t.project, t.dataset, t.table)


def _record_schema(catalog: Catalog, cur: duckdb.DuckDBPyConnection, statement: Translated) -> None:
    # The catalog's view is the one before this transaction: IF NOT EXISTS of an existing
    # dataset keeps its metadata (access list included).
    if statement.dataset is not None and not catalog.dataset_exists(*statement.dataset):
        options = ddl_options.table_metadata(ddl_options.options(statement.expression))
        catalog.ensure_dataset_meta(cur, *statement.dataset, options)


def _forget_schema(catalog: Catalog, cur: duckdb.DuckDBPyConnection, statement: Translated) -> None:
    if statement.dataset is not None:  # in the DROP's transaction: no metadata rows left behind
        catalog.drop_dataset_meta(cur, *statement.dataset)


_DDL_HOOKS: dict[str, Callable[[Catalog, duckdb.DuckDBPyConnection, Translated], None]] = {
    "CREATE_TABLE": _record_table,
    "CREATE_TABLE_AS_SELECT": _record_table,
    "CREATE_VIEW": _record_view,
    "DROP_TABLE": _forget_table,
    "DROP_VIEW": _forget_table,
    "CREATE_MATERIALIZED_VIEW": materialized_view.record,
    "DROP_MATERIALIZED_VIEW": _forget_table,
    "ALTER_MATERIALIZED_VIEW": materialized_view.alter,
    "CREATE_SCHEMA": _record_schema,
    "DROP_SCHEMA": _forget_schema,
    "ALTER_TABLE": _alter_options,
    "ALTER_VIEW": _alter_options,
    "ALTER_SCHEMA": _alter_schema,
}
