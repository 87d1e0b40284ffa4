"""The DuckLake that holds every table: one DuckDB process-local connection, opened once.

Layout of a data directory (see docs/design.md):
``DATA_DIR/lake.ducklake`` is the catalog, ``DATA_DIR/lake.ducklake.files/`` the Parquet data.
A BigQuery dataset ``project.dataset`` is the DuckLake schema ``"project.dataset"``; bqhouse's own
metadata lives in the schema ``_bqhouse`` of the same lake, so DDL and its metadata commit together.
"""

from __future__ import annotations

import glob
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
from duckdb.func import FunctionNullHandling, PythonUDFType

from bqhouse.sql import functions

LAKE = "lake"
META_SCHEMA = "_bqhouse"

# BigQuery-only metadata. ``body`` is the JSON resource minus what the lake itself knows.
_META_TABLES = {
    "datasets": "project VARCHAR, dataset VARCHAR, created_ms BIGINT, modified_ms BIGINT, "
    "body JSON",
    "tables": "project VARCHAR, dataset VARCHAR, table_id VARCHAR, created_ms BIGINT, "
    "modified_ms BIGINT, body JSON",
    "routines": "project VARCHAR, dataset VARCHAR, routine_id VARCHAR, created_ms BIGINT, "
    "modified_ms BIGINT, body JSON, macro VARCHAR",
    # insertAll's recent insertIds, written in the same transaction as their rows
    # (bqhouse.storage.insert_ids): de-duplication survives a crash between the two.
    "insert_ids": "table_key VARCHAR, insert_id VARCHAR, seen_ms BIGINT",
}

CursorHook = Callable[[duckdb.DuckDBPyConnection], None]


def _ducklake_extension_path() -> str:
    """The ducklake binary shipped by the ``duckdb-ext-ducklake`` wheel: never downloaded."""
    import duckdb_ext

    found = glob.glob(
        os.path.join(list(duckdb_ext.__path__)[0], "**", "ducklake.duckdb_extension"),
        recursive=True,
    )
    if not found:
        raise RuntimeError("duckdb-ext-ducklake is installed but holds no ducklake extension")
    return found[0]


def schema_name(project: str, dataset: str) -> str:
    """The lake schema of a BigQuery dataset.

    >>> schema_name("p", "d")
    'p.d'
    """
    return f"{project}.{dataset}"


def quote(identifier: str) -> str:
    """Quote an identifier for DuckDB.

    >>> quote('a"b')
    '"a""b"'
    """
    return '"' + identifier.replace('"', '""') + '"'


def table_sql(project: str, dataset: str, table: str) -> str:
    """Fully qualified DuckDB name of a BigQuery table."""
    return f"{LAKE}.{quote(schema_name(project, dataset))}.{quote(table)}"


# A write to the catalog files this long ago is visible: a commit's WAL write is followed at once
# by its fsync and then its visibility (commits through Lake.transaction are known at once).
_SETTLE_NS = 1_000_000_000


class Lake:
    """Owns the DuckDB connection; hands out a cursor per thread of work."""

    def __init__(self, data_dir: str | Path) -> None:
        self.data_dir = Path(data_dir).resolve()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._con = duckdb.connect(
            config={
                "autoinstall_known_extensions": False,
                "autoload_known_extensions": False,
                "allow_unsigned_extensions": False,
            }
        )
        self._con.execute(f"LOAD '{_ducklake_extension_path()}'")
        functions.install(self._con)
        catalog = self.data_dir / "lake.ducklake"
        files = self.data_dir / "lake.ducklake.files"
        self._catalog_files = (catalog, catalog.with_name(catalog.name + ".wal"))
        self._committed_token: tuple[int, ...] = ()
        self._con.execute(
            f"ATTACH 'ducklake:{catalog}' AS {LAKE} (DATA_PATH '{files}/', "
            "DATA_INLINING_ROW_LIMIT 100)"
        )
        # GoogleSQL's default time zone is UTC; GLOBAL so every cursor inherits it.
        self._con.execute("SET GLOBAL TimeZone = 'UTC'")
        # Parquet footers read once: data files are immutable (TPC-H SF0.01 geomean 3.4x -> 2.9x).
        self._con.execute("SET GLOBAL parquet_metadata_cache = true")
        self._write_lock = threading.RLock()
        self._metadata_cursors = threading.local()
        self._cursor_hooks: list[CursorHook] = []
        self._udf_lock = threading.Lock()
        self._ensure_meta()
        self._restore_routines()

    def _ensure_meta(self) -> None:
        cur = self.cursor()
        cur.execute(f"CREATE SCHEMA IF NOT EXISTS {LAKE}.{META_SCHEMA}")
        for name, columns in _META_TABLES.items():
            cur.execute(f"CREATE TABLE IF NOT EXISTS {LAKE}.{META_SCHEMA}.{name} ({columns})")

    def _restore_routines(self) -> None:
        """Persistent SQL functions are macros of this process: re-create them from the lake."""
        from bqhouse.sql import js_udf

        cur = self.cursor()
        for (macro,) in cur.execute(f"SELECT macro FROM {LAKE}.{META_SCHEMA}.routines").fetchall():
            if macro.startswith(js_udf.MARKER):
                js_udf.restore(self, cur, macro)  # a JS function: its UDF first, then the macro
            elif macro:  # procedures have no macro
                cur.execute(macro)

    def metadata_cursor(self) -> duckdb.DuckDBPyConnection:
        """This thread's own long-lived cursor for autocommit reads of catalog metadata, where
        statements prepared once (``execute_prepared``) save their parsing and planning.

        It bypasses the cursor hooks on purpose: a cancel or timeout of the job running on this
        thread must not leave an interrupt pending on a reused cursor.
        """
        cur = getattr(self._metadata_cursors, "cursor", None)
        if cur is None:
            cur = self._con.cursor()
            self._metadata_cursors.cursor = cur
        return cur

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A new cursor on the shared database (cursors are not shared across threads)."""
        opened = self._con.cursor()
        for hook in self._cursor_hooks:
            hook(opened)
        return opened

    def register_udf(
        self, name: str, fn: Callable[..., Any], params: list[str], returns: str, **options: Any
    ) -> None:
        """A vectorised (Arrow) Python UDF, on the base connection: every cursor sees it.

        Registered here and never on a cursor, whose closing would leave DuckDB a dangling function.
        """
        with self._udf_lock:
            self._con.create_function(
                name,
                fn,
                [self._con.sqltype(p) for p in params],
                self._con.sqltype(returns),
                type=PythonUDFType.ARROW,
                null_handling=FunctionNullHandling.SPECIAL,
                **options,
            )

    def remove_udf(self, name: str) -> None:
        with self._udf_lock:
            self._con.remove_function(name)

    def on_cursor(self, hook: CursorHook) -> None:
        """Call ``hook`` with every cursor opened from now on (the query timeout tracks them)."""
        self._cursor_hooks.append(hook)

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the in-process write lock across a check and the transaction that follows it.

        The lock is re-entrant, so ``transaction`` inside it works as usual.
        """
        with self._write_lock:
            yield

    @contextmanager
    def transaction(
        self, cursor: duckdb.DuckDBPyConnection | None = None, *, join: bool = False
    ) -> Iterator[duckdb.DuckDBPyConnection]:
        """Run writes atomically: everything commits together or nothing does.

        Writers are serialised in-process; DuckLake's own conflict check guards other processes.
        With ``cursor`` (a script's own connection, holding its temp tables) it is used and kept
        open; otherwise a fresh cursor is opened and closed. With ``join`` the cursor is inside a
        script's explicit BEGIN TRANSACTION (see ``begin``): nothing is begun or committed here.
        """
        if join and cursor is not None:
            yield cursor
            return
        with self._write_lock:
            cur = cursor or self.cursor()
            cur.execute("BEGIN TRANSACTION")
            try:
                yield cur
            except BaseException:
                cur.execute("ROLLBACK")
                raise
            else:
                try:
                    cur.execute("COMMIT")
                finally:
                    self._committed()
            finally:
                if cursor is None:
                    cur.close()

    def begin(self, cursor: duckdb.DuckDBPyConnection) -> None:
        """A script's BEGIN TRANSACTION: holds the in-process write lock until commit/rollback."""
        self._write_lock.acquire()
        try:
            cursor.execute("BEGIN TRANSACTION")
        except BaseException:
            self._write_lock.release()
            raise

    def end(self, cursor: duckdb.DuckDBPyConnection, *, commit: bool) -> None:
        """A script's COMMIT (or ROLLBACK) TRANSACTION."""
        try:
            cursor.execute("COMMIT" if commit else "ROLLBACK")
        finally:
            self._committed()
            self._write_lock.release()

    def _file_token(self) -> tuple[int, ...]:
        """Inode, size and mtime of the catalog database and its WAL: a commit appends to the WAL,
        a checkpoint rewrites the database and empties the WAL."""
        token: list[int] = []
        for path in self._catalog_files:
            try:
                st = os.stat(path)
            except FileNotFoundError:
                token += [0, 0, 0]
            else:
                token += [st.st_ino, st.st_size, st.st_mtime_ns]
        return tuple(token)

    def _committed(self) -> None:
        """After a commit of ours returned (under the write lock): its writes are visible."""
        self._committed_token = self._file_token()

    def settled_token(self) -> tuple[int, ...] | None:
        """A token that changes with every commit to the catalog, when every commit it reflects
        is known to be visible (the last write was our own returned commit, or is over a second
        old); else None. A snapshot id read after taking a token holds until the token changes:
        ``Catalog.current_snapshot`` then skips the metadata query (~0.3-0.5 ms a request).
        """
        token = self._file_token()
        if token == self._committed_token:
            return token
        newest_write_ns = max(token[2], token[5])
        return token if time.time_ns() - newest_write_ns > _SETTLE_NS else None

    def snapshot_id(self) -> int:
        """The lake's current snapshot: changes whenever anything is committed.

        Read straight from the catalog's own table: 0.5 ms against 2.3 ms for current_snapshot().
        """
        row = (
            self.cursor()
            .execute(f"SELECT max(snapshot_id) FROM __ducklake_metadata_{LAKE}.ducklake_snapshot")
            .fetchone()
        )
        return int(row[0]) if row else 0

    def close(self) -> None:
        self._con.close()


def execute_prepared(
    cur: duckdb.DuckDBPyConnection, name: str, sql: str, args: dict[str, Any]
) -> list[tuple[Any, ...]]:
    """Rows of ``sql`` (with ``$name`` parameters ``args``: ints, strings or lists of them) run
    as the prepared statement ``name`` of ``cur``, prepared on first use on that cursor.

    Worth it on a long-lived cursor (``Lake.metadata_cursor``): a catalog query over a few
    joined metadata tables spends most of its ~2 ms in parsing and planning.
    """
    bound = ", ".join(f"{key} := {_literal(value)}" for key, value in args.items())
    statement = f"EXECUTE {name}({bound})" if bound else f"EXECUTE {name}"
    try:
        return cur.execute(statement).fetchall()
    except duckdb.BinderException as exc:
        if "does not exist" not in str(exc):
            raise
    cur.execute(f"PREPARE {name} AS {sql}")
    return cur.execute(statement).fetchall()


def _literal(value: Any) -> str:
    """A SQL literal of an int, a string or a non-empty list of them.

    >>> _literal(["a'b", "c"]), _literal(7), _literal([1, 2])
    ("['a''b', 'c']", '7', '[1, 2]')
    """
    if isinstance(value, bool) or not isinstance(value, int | str | list):
        raise TypeError(f"no literal for {value!r}")
    if isinstance(value, list):
        if not value:
            raise ValueError("an empty list has no type")
        return "[" + ", ".join(_literal(item) for item in value) + "]"
    if isinstance(value, int):
        return str(int(value))
    return "'" + value.replace("'", "''") + "'"
