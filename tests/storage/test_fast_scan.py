"""The fast read path returns exactly what DuckLake's scan returns: rows, order and Arrow types.

Each check runs the same translated-style SQL both ways on a real lake (real DuckDB catalog, real
Parquet files): as written (DuckLake's scan) and as ``fast_scan.fast_sql`` rewrote it. Where the
fast path must not be taken (delete files, column changes, views, time travel), it must say so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bqhouse.storage import fast_scan
from bqhouse.storage.lake import Lake

T = 'lake."p.d"."t"'
SELECT_T = f'SELECT * FROM {T} AS "t"'


@pytest.fixture
def lake(tmp_path: Path) -> Iterator[Lake]:
    opened = Lake(tmp_path / "data")
    opened.cursor().execute('CREATE SCHEMA lake."p.d"')
    yield opened
    opened.close()


@pytest.fixture
def cur(lake: Lake) -> duckdb.DuckDBPyConnection:
    return lake.cursor()


def both(lake: Lake, sql: str, snapshot: int | None = None) -> tuple[pa.Table, pa.Table | None]:
    """(DuckLake's answer, the fast path's answer or None when it declines)."""
    cur = lake.cursor()
    at = lake.snapshot_id() if snapshot is None else snapshot
    fast = fast_scan.fast_sql(cur, sql, at)
    plain = cur.execute(sql).fetch_arrow_table()
    return plain, None if fast is None else cur.execute(fast).fetch_arrow_table()


def assert_same(lake: Lake, sql: str = SELECT_T) -> pa.Table:
    plain, fast = both(lake, sql)
    assert fast is not None, "the fast path declined a simple table"
    assert fast.schema == plain.schema
    assert fast.to_pylist() == plain.to_pylist()
    return plain


def declines(lake: Lake, sql: str = SELECT_T) -> bool:
    return fast_scan.fast_sql(lake.cursor(), sql, lake.snapshot_id()) is None


def test_files_then_inlined_rows_in_duckdb_order(
    lake: Lake, cur: duckdb.DuckDBPyConnection
) -> None:
    cur.execute(f"CREATE TABLE {T} AS SELECT range AS a, range * 2 AS b FROM range(1000)")
    cur.execute(f"INSERT INTO {T} VALUES (-1, NULL), (-2, 4)")  # inlined (< 100 rows)
    cur.execute(f"INSERT INTO {T} SELECT range, NULL FROM range(5000, 5500)")  # a second file
    cur.execute(f"INSERT INTO {T} VALUES (-3, 6)")
    rows = assert_same(lake).to_pylist()
    assert len(rows) == 1503 and rows[1000:1002] == [{"a": 5000, "b": None}, {"a": 5001, "b": None}]
    assert rows[-3:] == [{"a": -1, "b": None}, {"a": -2, "b": 4}, {"a": -3, "b": 6}]
    assert_same(lake, f'SELECT b, count(*) AS n FROM {T} AS "t" GROUP BY b ORDER BY b LIMIT 5')
    assert_same(lake, f'SELECT a FROM {T} AS "t" WHERE a = 5')


def test_self_join_and_alias_free_reference(lake: Lake, cur: duckdb.DuckDBPyConnection) -> None:
    cur.execute(f"CREATE TABLE {T} AS SELECT range AS a FROM range(300)")
    assert_same(lake, f"SELECT count(*) FROM {T} AS x, {T} AS y WHERE x.a = y.a AND x.a < 10")
    assert_same(lake, f"SELECT x.a FROM {T} AS x JOIN {T} AS y USING (a) ORDER BY 1 LIMIT 3")
    assert_same(lake, f'SELECT "t".a FROM {T} WHERE "t".a IN (SELECT a + 1 FROM {T}) ORDER BY 1')


def test_only_inlined_rows_and_deleted_inlined_rows(
    lake: Lake, cur: duckdb.DuckDBPyConnection
) -> None:
    cur.execute(f"CREATE TABLE {T} (a BIGINT, s VARCHAR)")
    assert_same(lake)  # empty: no files, no rows
    cur.execute(f"INSERT INTO {T} VALUES (1, 'x'), (2, NULL), (3, 'z')")
    cur.execute(f"DELETE FROM {T} WHERE a = 2")  # inlined rows end, no delete file
    assert [r["a"] for r in assert_same(lake).to_pylist()] == [1, 3]


def test_delete_files_keep_ducklake(lake: Lake, cur: duckdb.DuckDBPyConnection) -> None:
    cur.execute(f"CREATE TABLE {T} AS SELECT range AS a FROM range(1000)")
    assert_same(lake)
    cur.execute(f"DELETE FROM {T} WHERE a % 7 = 0")
    assert declines(lake)
    cur.execute(f"CREATE OR REPLACE TABLE {T} AS SELECT range AS a FROM range(1000)")
    assert_same(lake)  # a new table: clean again
    cur.execute(f"UPDATE {T} SET a = -a WHERE a < 10")
    assert declines(lake)


def test_column_changes_keep_ducklake_for_older_files(
    lake: Lake, cur: duckdb.DuckDBPyConnection
) -> None:
    cur.execute(f"CREATE TABLE {T} AS SELECT range AS a FROM range(500)")
    cur.execute(f"ALTER TABLE {T} ADD COLUMN b VARCHAR")
    assert declines(lake)  # the file has no b
    cur.execute(f"CREATE OR REPLACE TABLE {T} AS SELECT range AS a, 'x' AS b FROM range(500)")
    cur.execute(f"ALTER TABLE {T} DROP COLUMN b")
    assert declines(lake)
    cur.execute(f"CREATE OR REPLACE TABLE {T} AS SELECT range AS a, 'x' AS b FROM range(500)")
    cur.execute(f"ALTER TABLE {T} RENAME COLUMN b TO c")
    assert declines(lake)


def test_column_changes_on_inlined_rows(lake: Lake, cur: duckdb.DuckDBPyConnection) -> None:
    cur.execute(f"CREATE TABLE {T} (a BIGINT)")
    cur.execute(f"INSERT INTO {T} VALUES (1)")
    cur.execute(f"ALTER TABLE {T} ADD COLUMN b VARCHAR")
    assert declines(lake)  # a live row in the old layout: DuckLake fills b in
    cur.execute(f"DELETE FROM {T} WHERE a = 1")
    cur.execute(f"INSERT INTO {T} VALUES (2, 'y')")
    assert assert_same(lake).to_pylist() == [{"a": 2, "b": "y"}]  # the old layout has no rows


ALL_TYPES = """
    range::BIGINT AS i64, range::INTEGER AS i32, range::SMALLINT AS i16,
    (range % 100)::TINYINT AS i8,
    range::UBIGINT AS u64, range::UTINYINT AS u8, range::HUGEINT AS h, range::UHUGEINT AS uh,
    range / 3 AS f64, (range / 3)::FLOAT AS f32, (range / 7)::DECIMAL(38,9) AS num,
    (range / 7)::DECIMAL(38,18) AS bignum, (range / 7)::DECIMAL(4,2) AS d42,
    range % 2 = 0 AS b, 'x' || range AS s, ('x' || range)::BLOB AS bl,
    DATE '2020-01-01' + range::INTEGER AS dt, TIME '12:00:00' + INTERVAL (range) SECOND AS tm,
    TIMESTAMP '2020-01-01 01:02:03.123456' + INTERVAL (range) HOUR AS ts,
    TIMESTAMPTZ '2020-01-01 01:02:03.123456+00' + INTERVAL (range) MINUTE AS tstz,
    TIMESTAMP_MS '2020-01-01 01:02:03.123' AS tsms, TIMESTAMP_S '2020-01-01 01:02:03' AS tss,
    TIMESTAMP_NS '2020-01-01 01:02:03.123456789' AS tsns, INTERVAL (range) DAY AS iv,
    ('{"a":' || range || '}')::JSON AS js, 'POINT(1 2)' AS geog_wkt,
    '0b7f2a5e-9bd3-4c0c-9a8e-4f1c8f3a7d10'::UUID AS u,
    {'a': range, 'b': 'x', 'c': [range, NULL], 'd': {'e': 1.5::DOUBLE}} AS st,
    [range, range + 1] AS li, [{'x': range, 'y': [1, 2]}] AS lst, [[range]] AS nested,
    MAP {'k': range} AS mp
"""


def _with_nulls(sql: str) -> str:
    """The same columns, all NULL where range is odd."""
    names = re.findall(r" AS (\w+)", sql)
    return ", ".join(
        f"CASE WHEN range % 2 = 1 THEN NULL ELSE {name} END AS {name}" for name in names
    )


def test_every_type_and_nulls_from_files_and_inlined_rows(
    lake: Lake, cur: duckdb.DuckDBPyConnection
) -> None:
    def source(rows: int) -> str:
        return f"(SELECT range, {ALL_TYPES} FROM range({rows}))"

    cur.execute(f"CREATE TABLE {T} AS SELECT {_with_nulls(ALL_TYPES)} FROM {source(250)}")
    cur.execute(f"INSERT INTO {T} SELECT {_with_nulls(ALL_TYPES)} FROM {source(5)}")  # inlined
    table = assert_same(lake)
    assert table.num_rows == 255 and table.column("st")[1].as_py() is None
    assert str(table.schema.field("h").type) == "decimal128(38, 0)"  # HUGEINT, not DOUBLE
    assert_same(lake, f"SELECT st.c, lst[1].y, mp['k'], js->>'a' FROM {T} AS \"t\"")


def test_not_simple_statements_keep_ducklake(lake: Lake, cur: duckdb.DuckDBPyConnection) -> None:
    cur.execute(f"CREATE TABLE {T} AS SELECT range AS a FROM range(300)")
    cur.execute(f'CREATE VIEW lake."p.d".v AS SELECT * FROM {T}')
    version = lake.snapshot_id()
    assert declines(lake, 'SELECT * FROM lake."p.d"."v" AS "v"')  # a view
    assert declines(lake, 'SELECT * FROM lake."p.d"."nope" AS "nope"')
    assert declines(lake, f'SELECT * FROM {T} AS "t" AT (VERSION => {version})')
    assert declines(lake, f'SELECT * FROM {T} AS "t" TABLESAMPLE 10%')
    assert declines(lake, f'SELECT * FROM {T} AS "t" USING SAMPLE 10%')
    assert declines(lake, f'SELECT * FROM {T} AS "t" PIVOT (count(*) FOR a IN (1, 2))')
    assert declines(lake, f"SELECT {T}.a FROM {T}")
    assert declines(lake, f'SELECT * FROM {T} AS "t", lake."p.d"."v" AS "v"')  # one is a view
    assert declines(lake, 'SELECT \'lake."p.d"."t"\' AS s')  # no table at all
    assert_same(lake, f'SELECT \'lake."p.d"."t"\' AS s, count(*) AS n FROM {T} AS "t"')


def test_concurrent_commit_reads_the_pinned_snapshot(
    lake: Lake, cur: duckdb.DuckDBPyConnection
) -> None:
    cur.execute(f"CREATE TABLE {T} AS SELECT range AS a FROM range(500)")
    cur.execute(f"INSERT INTO {T} VALUES (-1)")
    pinned = lake.snapshot_id()
    fast = fast_scan.fast_sql(cur, SELECT_T, pinned)
    assert fast is not None
    cur.execute(f"INSERT INTO {T} VALUES (-2)")  # inlined, after the plan
    cur.execute(f"INSERT INTO {T} SELECT range FROM range(1000, 1200)")  # a new file
    cur.execute(f"DELETE FROM {T} WHERE a = -1")  # ends the inlined row after the plan
    then = cur.execute(f'SELECT * FROM {T} AS "t" AT (VERSION => {pinned})').fetch_arrow_table()
    got = cur.execute(fast).fetch_arrow_table()
    assert got.schema == then.schema and got.to_pylist() == then.to_pylist()
    assert got.num_rows == 501


# -- an equivalence property over random histories ------------------------------------------

_SMALL = st.tuples(st.just("insert"), st.integers(1, 5))  # inlined rows
_DELETE = st.tuples(st.just("delete"), st.integers(2, 5))
_OPS = st.lists(
    st.one_of(
        _SMALL,
        _SMALL,
        _DELETE,
        _DELETE,
        st.tuples(st.just("insert"), st.integers(150, 400)),  # a file
        st.tuples(st.just("update"), st.integers(2, 9)),
        st.tuples(st.just("add"), st.integers(0, 3)),
        st.tuples(st.just("drop"), st.integers(0, 3)),
        st.tuples(st.just("replace"), st.integers(0, 300)),
    ),
    min_size=1,
    max_size=7,
)


def test_random_histories_match_ducklake(lake: Lake) -> None:
    """Random inserts (inlined and to files), deletes, updates, column changes and replaces of
    one table (a fresh one per example, in one lake): whenever the fast path answers, it answers
    what DuckLake does; it must answer at least sometimes."""
    cur = lake.cursor()
    examples = iter(range(10**6))
    answered = []

    @settings(max_examples=60, deadline=None, database=None)
    @given(ops=_OPS)
    def history(ops: list[tuple[str, int]]) -> None:
        table = f'lake."p.d"."h{next(examples)}"'
        cur.execute(f"CREATE TABLE {table} (a BIGINT, s VARCHAR)")
        extra: list[str] = []
        for counter, (op, n) in enumerate(ops, start=1):
            if op == "insert":
                tail = "".join(", NULL" for _ in extra)
                cur.execute(
                    f"INSERT INTO {table} SELECT range + {counter * 1000}, 'v' || range{tail} "
                    f"FROM range({n})"
                )
            elif op == "delete":
                cur.execute(f"DELETE FROM {table} WHERE a % {n} = 0")
            elif op == "update":
                cur.execute(f"UPDATE {table} SET s = 'u' WHERE a % {n} = 1")
            elif op == "add":
                cur.execute(f"ALTER TABLE {table} ADD COLUMN c{counter} INTEGER")
                extra.append(f"c{counter}")
            elif op == "drop" and extra:
                cur.execute(f"ALTER TABLE {table} DROP COLUMN {extra.pop(n % len(extra))}")
            elif op == "replace":
                extra.clear()
                cur.execute(
                    f"CREATE OR REPLACE TABLE {table} AS "
                    f"SELECT range AS a, 'r' AS s FROM range({n})"
                )
            plain, fast = both(lake, f"SELECT * FROM {table} AS x")
            answered.append(fast is not None)
            if fast is not None:
                assert fast.schema == plain.schema
                # The same rows; not their order: under load DuckLake's own scan now and then
                # returns a table's second file first (seen once in ~5 runs on a busy machine).
                assert sorted(fast.to_pylist(), key=repr) == sorted(plain.to_pylist(), key=repr)

    history()
    assert any(answered) and not all(answered)


# -- GoogleSQL forms, through the real translator ----------------------------------------------

FORMS = [
    "SELECT t FROM d.t WHERE a < 3",
    "SELECT t.* EXCEPT (arr) FROM d.t WHERE a < 3",
    "SELECT e FROM d.t, UNNEST(t.arr) AS e WHERE a < 2",
    "SELECT a FROM d.t WHERE EXISTS (SELECT 1 FROM d.u WHERE u.a = t.a)",
    "SELECT * FROM d.t JOIN d.u USING (a)",
    "WITH x AS (SELECT * FROM d.t) SELECT count(*) FROM x",
    "SELECT st.x FROM `p.d.t` ORDER BY a DESC LIMIT 2",
    "SELECT (SELECT max(a) FROM d.u) AS m",
    "SELECT a FROM d.t UNION ALL SELECT a FROM d.u",
    "SELECT ARRAY(SELECT a FROM d.u ORDER BY a) AS arr",
    "SELECT _TABLE_SUFFIX AS s, count(*) AS n FROM `d.w*` GROUP BY 1 ORDER BY 1",
]


@pytest.mark.parametrize("query", FORMS)
def test_translated_forms(lake: Lake, cur: duckdb.DuckDBPyConnection, query: str) -> None:
    from bqhouse.sql import translate

    cur.execute(
        f"CREATE TABLE {T} AS SELECT range AS a, [range, 1] AS arr, {{'x': range}} AS st "
        "FROM range(300)"
    )
    for name, rows in (("u", 10), ("w1", 150), ("w2", 3)):
        cur.execute(f'CREATE TABLE lake."p.d".{name} AS SELECT range AS a FROM range({rows})')
    statement = translate(
        query, default_project="p", list_tables=lambda p, d: ["t", "u", "w1", "w2"]
    )[0]
    assert_same(lake, statement.sql)
