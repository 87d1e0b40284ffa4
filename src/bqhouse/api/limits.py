"""BigQuery's request limits at the HTTP boundary, and the engine's time and memory limits.

Request limits (https://cloud.google.com/bigquery/quotas):

- a request body over 10 MB is refused ("Request payload size exceeds the limit: 10485760
  bytes."); media uploads (``/upload/...``) are load files and are not bound by it;
- SQL text over 1,024K characters is refused ("The query is too large...");
- an insertAll request carries at most 50,000 rows;
- a schema nests RECORDs at most 15 levels deep and has at most 10,000 columns.

Engine limits are settings of ``Warehouse``: ``query_timeout_seconds`` interrupts DuckDB from a
timer and fails the job with ``stopped``; ``memory_limit`` caps DuckDB (spilling to
``DATA_DIR/tmp``) and a query that still does not fit fails with ``resourcesExceeded``.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import orjson

from bqhouse import errors
from bqhouse.jobs.cancel import interrupt_until

if TYPE_CHECKING:
    import duckdb
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

    from bqhouse.warehouse import Warehouse

MAX_REQUEST_BYTES = 10 * 1024 * 1024
MAX_QUERY_CHARS = 1024 * 1024
MAX_INSERT_ROWS = 50_000
MAX_NESTING = 15
MAX_COLUMNS = 10_000

_JSON_TYPES = ("application/json", "")
# https://cloud.google.com/bigquery/docs/tables#table_naming (letters, marks, numbers, connectors,
# dashes, spaces) and https://cloud.google.com/bigquery/docs/datasets#dataset-naming
_TABLE_ID = re.compile(r"[\w\- ]{1,1024}")
_DATASET_ID = re.compile(r"[A-Za-z0-9_]{1,1024}")


class PayloadTooLarge(errors.Invalid):
    """A request body over BigQuery's 10 MB."""

    http_status = 413


def _fields_shape(fields: Any, depth: int = 1) -> tuple[int, int]:
    """(columns counting nested ones, deepest RECORD nesting) of a schema's ``fields``."""
    columns, deepest = 0, depth if fields else 0
    for field in fields if isinstance(fields, list) else []:
        if not isinstance(field, dict):
            continue
        columns += 1
        if field.get("fields"):
            sub_columns, sub_depth = _fields_shape(field["fields"], depth + 1)
            columns += sub_columns
            deepest = max(deepest, sub_depth)
    return columns, deepest


def check_schema(schema: Any) -> None:
    """Refuse schemas deeper than 15 levels or wider than 10,000 columns.

    >>> check_schema({"fields": [{"name": "a", "type": "INT64"}]})
    """
    fields = schema.get("fields") if isinstance(schema, dict) else None
    columns, depth = _fields_shape(fields)
    if depth > MAX_NESTING:
        raise errors.Invalid(
            f"Field nesting depth {depth} exceeds the maximum of {MAX_NESTING} levels.",
            location="schema",
        )
    if columns > MAX_COLUMNS:
        raise errors.Invalid(
            f"Too many total leaf fields: {columns}, max allowed field count: {MAX_COLUMNS}",
            location="schema",
        )


def check_query(sql: Any) -> None:
    """Refuse SQL text over 1,024K characters."""
    if isinstance(sql, str) and len(sql) > MAX_QUERY_CHARS:
        raise errors.Invalid(
            "The query is too large. The maximum standard SQL query length is 1024.00K "
            "characters, including comments and white space characters.",
            location="query",
        )


def check_names(path: str, body: dict[str, Any]) -> None:
    """Refuse dataset and table ids BigQuery would not accept (datasets/tables.insert)."""
    if path.endswith("/datasets"):
        dataset = (body.get("datasetReference") or {}).get("datasetId")
        if isinstance(dataset, str) and not _DATASET_ID.fullmatch(dataset):
            raise errors.Invalid(
                f'Invalid dataset ID "{dataset}". Dataset IDs must be alphanumeric (plus '
                "underscores) and must be at most 1024 characters long."
            )
    elif path.endswith("/tables"):
        table = (body.get("tableReference") or {}).get("tableId")
        if isinstance(table, str) and not _TABLE_ID.fullmatch(table):
            raise errors.Invalid(
                f'Invalid table ID "{table}". Table IDs must be alphanumeric (plus underscores '
                "and dashes) and must be at most 1024 characters long. Also, Table decorators "
                "cannot be used."
            )


def check_body(path: str, body: Any) -> None:
    """The per-resource limits of one parsed JSON request body."""
    if not isinstance(body, dict):
        return
    if path.endswith("/insertAll"):
        rows = body.get("rows")
        if isinstance(rows, list) and len(rows) > MAX_INSERT_ROWS:
            raise errors.Invalid(
                f"too many rows present in the request, limit: {MAX_INSERT_ROWS} "
                f"row count: {len(rows)}."
            )
    elif path.endswith("/queries"):
        check_query(body.get("query"))
    elif path.endswith("/jobs"):
        config = body.get("configuration")
        config = config if isinstance(config, dict) else {}
        query = config.get("query")
        if isinstance(query, dict):
            check_query(query.get("query"))
        load = config.get("load")
        if isinstance(load, dict):
            check_schema(load.get("schema"))
    elif "/tables" in path or path.endswith("/datasets"):
        check_names(path, body)
        check_schema(body.get("schema"))


class LimitsMiddleware:
    """Pure ASGI middleware: buffers JSON bodies up to 10 MB, checks them, replays them."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (
            scope["type"] != "http"
            or scope["method"] not in ("POST", "PUT", "PATCH")
            or not path.startswith("/bigquery/")
        ):
            await self.app(scope, receive, send)
            return
        try:
            body = await self._checked_body(scope, receive, path)
        except errors.BigQueryError as exc:
            await _send_error(send, exc)
            return
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    async def _checked_body(self, scope: Scope, receive: Receive, path: str) -> bytes:
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length", b"")
        if length.isdigit() and int(length) > MAX_REQUEST_BYTES:
            raise _too_large()
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > MAX_REQUEST_BYTES:
                raise _too_large()
            chunks.append(chunk)
            if not message.get("more_body"):
                break
        body = b"".join(chunks)
        kind = headers.get(b"content-type", b"").decode("latin-1").split(";")[0].strip().lower()
        if body.strip() and kind not in _JSON_TYPES:
            raise errors.Invalid(
                f"Invalid request: the content type {kind!r} is not supported, "
                "send application/json."
            )
        if body.strip():
            try:
                parsed = orjson.loads(body)
            except orjson.JSONDecodeError:
                return body  # read_json reports it with BigQuery's wording
            check_body(path, parsed)
        return body


def _too_large() -> PayloadTooLarge:
    return PayloadTooLarge(f"Request payload size exceeds the limit: {MAX_REQUEST_BYTES} bytes.")


async def _send_error(send: Send, exc: errors.BigQueryError) -> None:
    payload = orjson.dumps(errors.error_body(exc))
    await send(
        {
            "type": "http.response.start",
            "status": exc.http_status,
            "headers": [
                (b"content-type", b"application/json; charset=UTF-8"),
                (b"content-length", str(len(payload)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})


# ---- engine limits ---------------------------------------------------------------------------


class _Scopes(threading.local):
    cursors: list[duckdb.DuckDBPyConnection] | None = None


_scopes = _Scopes()


@contextmanager
def _tracked_cursors() -> Iterator[list[duckdb.DuckDBPyConnection]]:
    """Collect the cursors this thread opens, so a timer can interrupt them."""
    outer = _scopes.cursors
    found: list[duckdb.DuckDBPyConnection] = []
    _scopes.cursors = found
    try:
        yield found
    finally:
        _scopes.cursors = outer


def _track(cursor: duckdb.DuckDBPyConnection) -> None:
    """``Lake.on_cursor`` hook: remember the cursor if a timed run is open on this thread."""
    if _scopes.cursors is not None:
        _scopes.cursors.append(cursor)


def _timeout(seconds: float) -> Callable[[Callable[[], Any]], Any]:
    """A ``QueryRunner.around_run`` wrapper that interrupts the run's cursors after ``seconds``."""

    def timed(run: Callable[[], Any]) -> Any:
        fired, finished = threading.Event(), threading.Event()
        with _tracked_cursors() as cursors:

            def interrupt() -> None:
                fired.set()
                interrupt_until(lambda: list(cursors), finished)

            timer = threading.Timer(seconds, interrupt)
            timer.daemon = True
            timer.start()
            try:
                return run()
            except Exception as exc:
                if fired.is_set():
                    raise errors.Stopped(
                        f"Job execution was cancelled: Job timed out after {seconds:g} sec",
                        location="query",
                    ) from exc
                raise
            finally:
                finished.set()
                timer.cancel()

    return timed


def apply_engine_limits(
    warehouse: Warehouse,
    *,
    query_timeout_seconds: float | None = None,
    memory_limit: str | None = None,
) -> None:
    """Install the time and memory limits on ``warehouse`` (both off by default).

    >>> import tempfile
    >>> from bqhouse.warehouse import Warehouse
    >>> wh = Warehouse(tempfile.mkdtemp(), memory_limit="1GB")
    >>> wh.lake.cursor().execute("SELECT current_setting('memory_limit')").fetchone()[0]
    '953.6 MiB'
    """
    if memory_limit:
        tmp = warehouse.lake.data_dir / "tmp"
        tmp.mkdir(exist_ok=True)
        cur = warehouse.lake.cursor()
        # Values travel as literals: SET takes no parameters. memory_limit is a size like "2GB".
        if not memory_limit.replace(".", "").isalnum():
            raise ValueError(f"invalid memory limit: {memory_limit!r}")
        cur.execute(f"SET GLOBAL memory_limit = '{memory_limit}'")
        cur.execute(f"SET GLOBAL temp_directory = '{tmp}'")
    if query_timeout_seconds:
        warehouse.lake.on_cursor(_track)
        warehouse.jobs.queries.around_run.append(_timeout(query_timeout_seconds))
