"""A fast read path for lake tables: read a clean table's Parquet files (and inlined rows) directly.

Every DuckLake table scan runs three or four metadata queries on the catalog before reading any
data (current snapshot, data and delete files, inlined-data tables, inlined rows): 4-6 ms per table
reference, more than the whole query takes on small tables. For a plain read-only statement,
``fast_sql`` replaces each ``lake."project.dataset"."table"`` reference of the translated SQL with
the table's contents at the query's pinned snapshot::

    (SELECT CAST(c AS type), ... FROM read_parquet([files])
     UNION ALL SELECT CAST(c AS type), ... FROM <inlined-data table> WHERE <live at snapshot>) AS t

Files come first, then inlined rows, as DuckLake returns them; inlined-data tables with no rows
live at the snapshot are left out. The tables are resolved with a few flat queries on the catalog
database (names; files, delete files, columns, inlined-data tables; which of those hold live rows),
once per plan (plans are cached per lake snapshot).

The normal DuckLake scan stays the default: ``fast_sql`` returns None (use the statement as it is)
unless *every* lake reference of the statement is simple, so that one statement never mixes the
pinned snapshot with a later one. A table is simple when at the snapshot it is a base table (not a
view) with no delete files; every data file (at most ``MAX_FILES``) is plain, unencrypted,
unpartitioned Parquet written after the table's last column change (so the file's columns are the
table's: no added, dropped, renamed or retyped column, no name mapping, no partial file); every
inlined-data table with live rows has exactly the current columns and types; and every column type
is one this module can name. A reference followed by time travel, TABLESAMPLE, PIVOT or a
``.column``, and a call of a persistent function or table function (whose macro may read tables
at the current snapshot), also keep the statement on DuckLake.
Columns are cast to the catalog's types, which is what DuckLake does (HUGEINT is DOUBLE in
Parquet, TIMESTAMP_S/_MS are TIMESTAMP); a cast to the type a column already has costs nothing.

Data files are immutable and never deleted by bqhouse (no compaction, expiry or cleanup runs), so a
file list stays valid for as long as a plan is cached.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import duckdb
import sqlglot
from sqlglot.tokens import Token, TokenType

from bqhouse.sql.routines import MACRO_CATALOG
from bqhouse.storage.lake import LAKE, execute_prepared, quote

METADATA = f"__ducklake_metadata_{LAKE}"

# DuckLake's type names (https://ducklake.select/docs/stable/specification/data_types) in DuckDB.
_SCALARS = {
    "boolean": "BOOLEAN",
    "int8": "TINYINT",
    "int16": "SMALLINT",
    "int32": "INTEGER",
    "int64": "BIGINT",
    "uint8": "UTINYINT",
    "uint16": "USMALLINT",
    "uint32": "UINTEGER",
    "uint64": "UBIGINT",
    "int128": "HUGEINT",
    "uint128": "UHUGEINT",
    "float32": "FLOAT",
    "float64": "DOUBLE",
    "date": "DATE",
    "time": "TIME",
    "timetz": "TIMETZ",
    "timestamp": "TIMESTAMP",
    "timestamptz": "TIMESTAMPTZ",
    "timestamp_s": "TIMESTAMP_S",
    "timestamp_ms": "TIMESTAMP_MS",
    "timestamp_ns": "TIMESTAMP_NS",
    "interval": "INTERVAL",
    "varchar": "VARCHAR",
    "blob": "BLOB",
    "json": "JSON",
    "uuid": "UUID",
}
_DECIMAL = re.compile(r"decimal\((\d+),(\d+)\)")
_DUCKDB = sqlglot.Dialect.get_or_raise("duckdb")


def _live(prefix: str = "", snapshot: str = "$s") -> str:
    """The rows of a catalog table that are live at a snapshot."""
    begin, end = f"{prefix}begin_snapshot", f"{prefix}end_snapshot"
    return f"{begin} <= {snapshot} AND ({end} IS NULL OR {end} > {snapshot})"


# The referenced tables at snapshot $s (exact (schema, table) pairs are picked in Python).
_TABLES = f"""
SELECT s.schema_name, t.table_name, t.table_id, s.path, s.path_is_relative, t.path,
       t.path_is_relative
FROM {METADATA}.ducklake_schema s JOIN {METADATA}.ducklake_table t ON t.schema_id = s.schema_id
WHERE list_contains($schemas, s.schema_name) AND list_contains($tables, t.table_name)
  AND {_live("s.")} AND {_live("t.")}
"""

# Everything else about those tables in one flat query (a UNION ALL of plain scans plans and
# runs in well under a millisecond; the same as joins and aggregates took 10 ms):
# (kind, table_id, n1, n2, n3, n4, s1, s2, b1)
_DETAILS = f"""
SELECT 'file', table_id, data_file_id, begin_snapshot, path_is_relative::BIGINT, NULL, path,
       NULL, file_format = 'parquet' AND path_is_relative IS NOT NULL AND partial_file_info IS NULL
       AND mapping_id IS NULL AND encryption_key IS NULL AND partition_id IS NULL
FROM {METADATA}.ducklake_data_file WHERE list_contains($ids, table_id) AND {_live()}
UNION ALL
SELECT 'delete', table_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM {METADATA}.ducklake_delete_file WHERE list_contains($ids, table_id) AND {_live()}
UNION ALL
SELECT 'column', table_id, column_id, parent_column, column_order,
       greatest(begin_snapshot, CASE WHEN end_snapshot <= $s THEN end_snapshot END),
       column_name, column_type, end_snapshot IS NULL OR end_snapshot > $s
FROM {METADATA}.ducklake_column WHERE list_contains($ids, table_id) AND begin_snapshot <= $s
UNION ALL
SELECT 'inlined', table_id, schema_version, NULL, NULL, NULL, table_name, NULL, NULL
FROM {METADATA}.ducklake_inlined_data_tables WHERE list_contains($ids, table_id)
UNION ALL
SELECT 'setting', NULL, NULL, NULL, NULL, NULL, key, value, scope IS NULL
FROM {METADATA}.ducklake_metadata WHERE key IN ('data_path', 'encrypted')
"""


def enabled() -> bool:
    """On unless ``BQHOUSE_FAST_SCAN=0`` (for A/B measurements and equivalence tests)."""
    return os.environ.get("BQHOUSE_FAST_SCAN", "1") != "0"


def retry_plain(exc: BaseException) -> bool:
    """Whether a failure of the fast SQL should be retried as translated: a name or file the
    fast SQL could not bind or open. The plain SQL then fails (or not) in DuckLake's words."""
    return isinstance(
        exc.__cause__,
        (
            duckdb.BinderException,
            duckdb.CatalogException,
            duckdb.IOException,
            duckdb.ParserException,
        ),
    )


@dataclass(frozen=True)
class _Reference:
    """One ``lake."schema"."table" [AS alias]`` in the SQL text: characters [start, end)."""

    start: int
    end: int
    schema: str
    table: str
    has_alias: bool


def fast_sql(
    cur: duckdb.DuckDBPyConnection, sql: str, snapshot: int, resolve: Resolver | None = None
) -> str | None:
    """``sql`` reading every lake table at ``snapshot`` from its files, or None to keep ``sql``.

    ``sql`` is a translated read-only statement (see the module docstring for when this holds).
    ``resolve`` stands in for ``table_sources`` at ``snapshot`` (e.g. a memo of it).
    """
    refs = _references(sql)
    if not refs:
        return None
    names = list(dict.fromkeys((r.schema, r.table) for r in refs))
    sources = resolve(names) if resolve is not None else table_sources(cur, names, snapshot)
    if sources is None:
        return None
    pieces: list[str] = []
    last = 0
    for ref in refs:
        source = sources[(ref.schema, ref.table)].sql
        alias = "" if ref.has_alias else f" AS {quote(ref.table)}"
        pieces.extend([sql[last : ref.start], f"({source}){alias}"])
        last = ref.end
    pieces.append(sql[last:])
    return "".join(pieces)


# -- finding the references ------------------------------------------------------------------


def _references(sql: str) -> list[_Reference] | None:
    """Every lake table reference of the translated SQL; None when one is not a plain read.

    The translator writes a lake table as ``lake."project.dataset"."table"`` (quoted, and the
    schema always holds a dot, which no column path can). A reference followed by anything that
    binds to the table itself (time travel ``AT``, ``TABLESAMPLE``, PIVOT, a ``.column``) keeps
    the whole statement on the DuckLake scan.
    """
    try:
        tokens = _DUCKDB.tokenize(sql)
    except sqlglot.errors.TokenError:
        return None
    found: list[_Reference] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if _is_macro(tokens, i):
            return (
                None  # a persistent function or table function may read tables at its own snapshot
            )
        if not _is_lake(token):
            i += 1
            continue
        window = tokens[i : i + 5]
        if (
            len(window) < 5
            or [t.token_type for t in window[1:]]
            != [TokenType.DOT, TokenType.IDENTIFIER, TokenType.DOT, TokenType.IDENTIFIER]
            or "." not in window[2].text
            or (i > 0 and tokens[i - 1].token_type == TokenType.DOT)
        ):
            return None
        after = i + 5
        has_alias = False
        if after < len(tokens) and tokens[after].token_type == TokenType.ALIAS:
            if after + 1 >= len(tokens) or tokens[after + 1].token_type not in _NAMES:
                return None
            after += 2
            has_alias = True
        if after < len(tokens) and not _may_follow(tokens, after):
            return None
        found.append(
            _Reference(token.start, window[4].end + 1, window[2].text, window[4].text, has_alias)
        )
        i = after
    return found


_NAMES = {TokenType.IDENTIFIER, TokenType.VAR}
# What may come right after a table reference (and its ``AS alias``) in the translator's output.
_FOLLOWERS = {
    TokenType.R_PAREN,
    TokenType.COMMA,
    TokenType.SEMICOLON,
    TokenType.WHERE,
    TokenType.GROUP_BY,
    TokenType.HAVING,
    TokenType.ORDER_BY,
    TokenType.LIMIT,
    TokenType.QUALIFY,
    TokenType.WINDOW,
    TokenType.UNION,
    TokenType.EXCEPT,
    TokenType.INTERSECT,
    TokenType.JOIN,
    TokenType.CROSS,
    TokenType.INNER,
    TokenType.LEFT,
    TokenType.RIGHT,
    TokenType.FULL,
    TokenType.OUTER,
    TokenType.NATURAL,
    TokenType.SEMI,
    TokenType.ANTI,
    TokenType.ASOF,
    TokenType.POSITIONAL,
    TokenType.ON,
    TokenType.USING,
    TokenType.OFFSET,
    TokenType.FETCH,
}


def _may_follow(tokens: list[Token], index: int) -> bool:
    token = tokens[index]
    if token.token_type == TokenType.USING:  # JOIN ... USING (k), but not USING SAMPLE
        return index + 1 < len(tokens) and tokens[index + 1].token_type == TokenType.L_PAREN
    return token.token_type in _FOLLOWERS


def _is_macro(tokens: list[Token], index: int) -> bool:
    """``memory.main."p.d.f"``: a persistent routine's macro (``bqhouse.sql.routines``)."""
    token = tokens[index]
    return (
        token.token_type == TokenType.VAR
        and token.text.lower() == MACRO_CATALOG
        and index + 1 < len(tokens)
        and tokens[index + 1].token_type == TokenType.DOT
    )


def _is_lake(token: Token) -> bool:
    return token.token_type == TokenType.VAR and token.text == LAKE


# -- resolving the tables --------------------------------------------------------------------


@dataclass
class _Table:
    """What the catalog says about one referenced table at the snapshot."""

    table_id: int
    data_path: str  # the lake's DATA_PATH, which tells lakes apart
    base: str  # directory of its relative data files
    files: list[tuple[int, int, str, bool, bool]] = field(default_factory=list)
    deletes: int = 0
    columns: list[tuple[int, int | None, int, str, str]] = field(default_factory=list)
    last_change: int = -1  # the last snapshot that added, dropped or changed a column
    inlined: list[tuple[int, str]] = field(default_factory=list)


_Layout = tuple[tuple[str, str], ...]  # (column name, DuckDB type) of the top-level columns


@dataclass(frozen=True)
class TableSource:
    """A simple table's rows at a snapshot: its Parquet files, then its live inlined rows.

    ``files`` are absolute paths in DuckLake's order; ``inlined`` are ``SELECT``s of the live
    inlined rows (already cast to ``layout``); ``layout`` is (column name, DuckDB type) of the
    top-level columns in table order. Files are immutable: a path names the same rows forever.
    """

    layout: _Layout
    files: tuple[str, ...]
    inlined: tuple[str, ...]

    def files_sql(self, files: tuple[str, ...] | None = None) -> str | None:
        """``SELECT`` of the columns from ``files`` (default: all of them), or None if none."""
        chosen = self.files if files is None else files
        if not chosen:
            return None
        paths = ", ".join(_string(path) for path in chosen)
        return f"SELECT {_select(self.layout)} FROM read_parquet([{paths}])"

    @property
    def sql(self) -> str:
        """The table's rows as one ``SELECT ... UNION ALL ...`` (files first, as DuckLake)."""
        files = self.files_sql()
        parts = ([files] if files else []) + list(self.inlined)
        if not parts:
            empty = ", ".join(
                f"CAST(NULL AS {kind}) AS {quote(name)}" for name, kind in self.layout
            )
            parts.append(f"SELECT {empty} WHERE false")
        return " UNION ALL ".join(parts)


Sources = dict[tuple[str, str], TableSource]
Resolver = Callable[[list[tuple[str, str]]], Sources | None]


def table_sources(
    cur: duckdb.DuckDBPyConnection, names: list[tuple[str, str]], snapshot: int
) -> Sources | None:
    """Each (schema, table)'s source at ``snapshot``; None if any one of them is not simple
    (see the module docstring): the caller then reads them through DuckLake."""
    schemas = sorted({schema for schema, _ in names})
    tables = sorted({table for _, table in names})
    args: dict[str, Any] = {"schemas": schemas, "tables": tables, "s": snapshot}
    rows = execute_prepared(cur, "bqhouse_fast_tables", _TABLES, args)
    wanted = set(names)
    found = {(row[0], row[1]): row for row in rows if (row[0], row[1]) in wanted}
    if len(found) != len(wanted):
        return None  # a view, or a name the lake does not have at this snapshot
    ids = [int(row[2]) for row in found.values()]
    details = execute_prepared(cur, "bqhouse_fast_details", _DETAILS, {"ids": ids, "s": snapshot})
    settings = {(row[6], bool(row[8])): row[7] for row in details if row[0] == "setting"}
    data_path = settings.get(("data_path", True))
    if (
        not isinstance(data_path, str)
        or ("data_path", False) in settings
        or settings.get(("encrypted", True), "false") != "false"
    ):
        return None
    by_id: dict[int, _Table] = {}
    for _, _, table_id, schema_path, schema_rel, table_path, table_rel in found.values():
        if None in (schema_path, schema_rel, table_path, table_rel):
            return None  # a catalog that does not spell out its paths: DuckLake knows
        schema_base = _join(data_path, schema_path, schema_rel)
        by_id[int(table_id)] = _Table(
            int(table_id), data_path, _join(schema_base, table_path, table_rel)
        )
    for kind, table_id, n1, n2, n3, n4, s1, s2, b1 in details:
        if kind == "setting":
            continue
        table = by_id[int(table_id)]
        if kind == "file":
            table.files.append((int(n1), int(n2), str(s1), bool(n3), bool(b1)))
        elif kind == "delete":
            table.deletes += 1
        elif kind == "column":
            table.last_change = max(table.last_change, int(n4))
            if b1:
                parent = None if n2 is None else int(n2)
                table.columns.append((int(n1), parent, int(n3), str(s1), str(s2)))
        elif kind == "inlined":
            table.inlined.append((int(n1), str(s1)))
    live = _live(snapshot=str(int(snapshot)))
    inlined = [f"{METADATA}.main.{quote(n)}" for t in by_id.values() for _, n in t.inlined]
    filled = _with_live_rows(cur, inlined, live)
    sources: dict[tuple[str, str], TableSource] = {}
    for name, row in found.items():
        source = _source(cur, by_id[int(row[2])], filled, live)
        if source is None:
            return None
        sources[name] = source
    return sources


# More files than this in one table: DuckLake's scan (the SQL text would grow too long).
MAX_FILES = 1000


def _source(
    cur: duckdb.DuckDBPyConnection, table: _Table, filled: set[str], live: str
) -> TableSource | None:
    """One table's files and live inlined rows, or None.

    Inlined-data tables without rows live at the snapshot are left out: a lone Parquet scan
    keeps DuckDB's count(*) from metadata and its other single-scan optimisations.
    """
    if table.deletes or not table.columns or len(table.files) > MAX_FILES:
        return None
    layout = _layout(table.columns)
    if layout is None:
        return None
    files = sorted(table.files)  # the catalog's order, which is DuckLake's
    if any(not plain or begin < table.last_change for _, begin, _, _, plain in files):
        return None  # written before a column change: its columns are not the table's
    paths = tuple(_join(table.base, path, rel) for _, _, path, rel, _ in files)
    select = _select(layout)
    inlined: list[str] = []
    for _, name in sorted(table.inlined):
        relation = f"{METADATA}.main.{quote(name)}"
        if relation not in filled:
            continue
        if not _same_layout(cur, relation, layout, table.data_path):
            return None  # rows in another column layout: DuckLake maps them, we do not
        inlined.append(f"SELECT {select} FROM {relation} WHERE {live}")
    return TableSource(layout, paths, tuple(inlined))


def _select(layout: _Layout) -> str:
    """The select list that casts each column to its catalog type (free when it already is)."""
    return ", ".join(f"CAST({quote(name)} AS {kind}) AS {quote(name)}" for name, kind in layout)


def _with_live_rows(cur: duckdb.DuckDBPyConnection, relations: list[str], live: str) -> set[str]:
    """Those of the inlined-data tables that hold rows live at the snapshot (one query)."""
    if not relations:
        return set()
    probes = " UNION ALL ".join(
        f"SELECT {index} FROM (SELECT 1 FROM {relation} WHERE {live} LIMIT 1)"
        for index, relation in enumerate(relations)
    )
    return {relations[int(row[0])] for row in cur.execute(probes).fetchall()}


def _join(base: str, path: str, relative: Any) -> str:
    return base + path if relative else path


def _string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _layout(columns: list[tuple[int, int | None, int, str, str]]) -> _Layout | None:
    """The top-level columns in table order with their DuckDB types; None for a type we do not
    know (DuckLake then reads the table)."""
    children: dict[int | None, list[tuple[int, int | None, int, str, str]]] = {}
    for column in sorted(columns, key=lambda c: c[2]):
        children.setdefault(column[1], []).append(column)
    layout = []
    for column in children.get(None, []):
        kind = _duckdb_type(column, children)
        if kind is None:
            return None
        layout.append((column[3], kind))
    return tuple(layout) or None


def _duckdb_type(
    column: tuple[int, int | None, int, str, str],
    children: dict[int | None, list[tuple[int, int | None, int, str, str]]],
) -> str | None:
    """The DuckDB type of a catalog column (nested ones from their child columns), or None."""
    kind = column[4]
    if kind in _SCALARS:
        return _SCALARS[kind]
    if match := _DECIMAL.fullmatch(kind):
        return f"DECIMAL({match.group(1)},{match.group(2)})"
    nested = children.get(column[0], [])
    parts = [_duckdb_type(child, children) for child in nested]
    if not parts or any(part is None for part in parts):
        return None
    if kind == "list" and len(parts) == 1:
        return f"{parts[0]}[]"
    if kind == "map" and len(parts) == 2:
        return f"MAP({parts[0]}, {parts[1]})"
    if kind == "struct":
        fields = [f"{quote(child[3])} {part}" for child, part in zip(nested, parts, strict=True)]
        return f"STRUCT({', '.join(fields)})"
    return None


# Inlined-data tables never change once made (a column change makes a new one, named after the
# new schema version), and a layout's DuckDB types are fixed: both are remembered.
_MEMO_LIMIT = 4096
_described: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {}
_lock = threading.Lock()


def _describe(
    cur: duckdb.DuckDBPyConnection, sql: str, scope: str = ""
) -> tuple[tuple[str, str], ...]:
    """``DESCRIBE sql`` as (name, type) pairs; ``scope`` tells apart the catalogs of lakes."""
    key = (scope, sql)
    with _lock:
        if key in _described:
            return _described[key]
    described = tuple((str(r[0]), str(r[1])) for r in cur.execute(f"DESCRIBE {sql}").fetchall())
    with _lock:
        if len(_described) >= _MEMO_LIMIT:
            _described.clear()
        _described[key] = described
    return described


def _same_layout(
    cur: duckdb.DuckDBPyConnection, relation: str, layout: _Layout, scope: str
) -> bool:
    """Whether the inlined-data table holds exactly the layout's columns, names and types."""
    stored = _describe(cur, relation, scope)
    if [name for name, _ in stored[:3]] != ["row_id", "begin_snapshot", "end_snapshot"]:
        return False
    casts = ", ".join(f"CAST(NULL AS {kind}) AS {quote(name)}" for name, kind in layout)
    return stored[3:] == _describe(cur, f"SELECT {casts}")
