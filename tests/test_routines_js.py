"""JavaScript UDFs (LANGUAGE js) in the QuickJS sandbox, through the real client.

https://cloud.google.com/bigquery/docs/user-defined-functions#javascript-udf-structure
"""

from __future__ import annotations

import datetime as dt
import decimal
from pathlib import Path

import pytest
from google.api_core import exceptions
from google.cloud import bigquery

from bqhouse.server import BackgroundServer
from bqhouse.sql import js_udf
from bqhouse.testing import Emulator
from bqhouse.warehouse import Warehouse


def _rows(client: bigquery.Client, sql: str) -> list[tuple[object, ...]]:
    return [tuple(r) for r in client.query_and_wait(sql)]


def test_temp_js_function_over_rows(client: bigquery.Client) -> None:
    rows = _rows(
        client,
        "CREATE TEMP FUNCTION multiplyInputs(x FLOAT64, y FLOAT64) RETURNS FLOAT64 LANGUAGE js "
        'AS r"""\n  return x*y;\n""";\n'
        "WITH numbers AS (SELECT 1.0 AS x, 5.0 AS y UNION ALL SELECT 2.0, 10.0 "
        "UNION ALL SELECT 3.0, NULL) "
        "SELECT x, multiplyInputs(x, y) AS product FROM numbers ORDER BY x",
    )
    assert rows == [(1.0, 5.0), (2.0, 20.0), (3.0, 0.0)]  # JS: 3 * null == 0


def test_js_function_on_many_rows(client: bigquery.Client) -> None:
    """Batches of DuckDB vectors (2048 rows) go to the sandbox in one hop each."""
    rows = _rows(
        client,
        "CREATE TEMP FUNCTION plusOne(x FLOAT64) RETURNS FLOAT64 LANGUAGE js AS 'return x + 1;';"
        "SELECT SUM(plusOne(CAST(n AS FLOAT64))) AS s, COUNT(*) AS c "
        "FROM UNNEST(GENERATE_ARRAY(1, 10000)) AS n",
    )
    assert rows == [(50015000.0, 10000)]


def test_js_type_mapping(client: bigquery.Client) -> None:
    rows = _rows(
        client,
        "CREATE TEMP FUNCTION show_types(s STRUCT<a FLOAT64, tags ARRAY<STRING>>, d DATE, "
        "ts TIMESTAMP, b BYTES, n NUMERIC, missing STRING) "
        "RETURNS STRING LANGUAGE js AS r'''\n"
        "  return [typeof s, s.a, s.tags.length, Array.isArray(s.tags), d instanceof Date,\n"
        "          d.toISOString(), ts.getTime(), ts.microsecond, b, typeof n, n,\n"
        "          missing === null].join('|');\n"
        "''';\n"
        "CREATE TEMP FUNCTION build(x FLOAT64) "
        "RETURNS STRUCT<total INT64, names ARRAY<STRING>, day DATE, at TIMESTAMP, raw BYTES> "
        "LANGUAGE js AS r'''\n"
        "  return {total: String(x * 2), names: ['a', 'b'], day: new Date(Date.UTC(2024, 1, 29)),\n"
        "          at: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)), raw: 'aGk='};\n"
        "''';\n"
        "SELECT show_types(STRUCT(1.5 AS a, ['x', 'y'] AS tags), DATE '2024-03-01', "
        "TIMESTAMP '2024-01-02 03:04:05.006007+00', b'hi', NUMERIC '12', NULL) AS d, "
        "build(21) AS b",
    )
    described, built = rows[0]
    assert described == (
        "object|1.5|2|true|true|2024-03-01T00:00:00.000Z|1704164645006|7|aGk=|number|12|true"
    )
    assert built == {
        "total": 42,
        "names": ["a", "b"],
        "day": dt.date(2024, 2, 29),
        "at": dt.datetime(2024, 1, 2, 3, 4, 5, 6000, tzinfo=dt.UTC),
        "raw": b"hi",
    }


def test_js_numeric_beyond_2_53_arrives_as_string(client: bigquery.Client) -> None:
    rows = _rows(
        client,
        "CREATE TEMP FUNCTION kind(n NUMERIC) RETURNS STRING LANGUAGE js "
        "AS 'return typeof n + \":\" + n;';"
        "CREATE TEMP FUNCTION half(n NUMERIC) RETURNS NUMERIC LANGUAGE js AS 'return n / 2;';"
        "SELECT kind(NUMERIC '9007199254740993') AS a, kind(NUMERIC '1.25') AS b, "
        "half(NUMERIC '3') AS c",
    )
    assert rows == [("string:9007199254740993", "string:1.25", decimal.Decimal("1.5"))]


def test_persistent_js_function_and_routines_api(client: bigquery.Client, dataset: str) -> None:
    ds = dataset.split(".")[1]
    client.query_and_wait(
        f"CREATE FUNCTION {ds}.greet(name STRING) RETURNS STRING LANGUAGE js "
        "AS r'''return 'Hello, ' + name + '!';'''"
    )
    assert _rows(client, f"SELECT {ds}.greet('Ada'), `{dataset}.greet`(NULL)") == [
        ("Hello, Ada!", "Hello, null!")
    ]
    got = client.get_routine(f"{dataset}.greet")
    assert got.type_ == "SCALAR_FUNCTION"
    assert got.language == "JAVASCRIPT"
    assert got.body == "return 'Hello, ' + name + '!';"
    assert got.return_type.type_kind == bigquery.StandardSqlTypeNames.STRING

    client.query_and_wait(
        f"CREATE OR REPLACE FUNCTION {ds}.greet(name STRING) RETURNS STRING LANGUAGE js "
        "AS 'return `Hi ${name}`;'"
    )
    assert _rows(client, f"SELECT {ds}.greet('Bo')") == [("Hi Bo",)]
    client.query_and_wait(f"DROP FUNCTION {ds}.greet")
    with pytest.raises(exceptions.BadRequest):
        client.query_and_wait(f"SELECT {ds}.greet('Bo')")


def test_temp_js_functions_are_removed_after_their_query(
    client: bigquery.Client, bigquery_emulator: Emulator
) -> None:
    lake = bigquery_emulator.server.warehouse.catalog.lake
    before = js_udf.registered(lake)
    client.query_and_wait(
        "CREATE TEMP FUNCTION gone(x FLOAT64) RETURNS FLOAT64 LANGUAGE js AS 'return -x;';"
        "SELECT gone(1.0)"
    )
    client.query_and_wait(
        "DECLARE v FLOAT64 DEFAULT 2;"
        "CREATE TEMP FUNCTION gone2(x FLOAT64) RETURNS FLOAT64 LANGUAGE js AS 'return -x;';"
        "SET v = gone2(v);"
        "SELECT v"
    )
    assert js_udf.registered(lake) == before


def test_persistent_js_function_survives_restart(tmp_path: Path) -> None:
    server = BackgroundServer(Warehouse(tmp_path, project="durable")).start()
    try:
        client = Emulator(server.url, None, "durable", server).client()
        client.create_dataset("ds")
        client.query_and_wait(
            "CREATE FUNCTION ds.triple(x FLOAT64) RETURNS FLOAT64 LANGUAGE js AS 'return 3*x;'"
        )
    finally:
        server.stop()
        server.warehouse.close()
    server = BackgroundServer(Warehouse(tmp_path, project="durable")).start()
    try:
        client = Emulator(server.url, None, "durable", server).client()
        assert _rows(client, "SELECT ds.triple(2)") == [(6.0,)]
    finally:
        server.stop()
        server.warehouse.close()


# -- bad input ------------------------------------------------------------------------------------


def test_js_syntax_error_is_reported_at_create(client: bigquery.Client) -> None:
    with pytest.raises(exceptions.BadRequest, match="SyntaxError") as caught:
        client.query_and_wait(
            "CREATE TEMP FUNCTION bad(x FLOAT64) RETURNS FLOAT64 LANGUAGE js AS 'return x +;';"
            "SELECT bad(1.0)"
        )
    assert caught.value.errors[0]["reason"] == "invalidQuery"


def test_js_exception_is_a_query_error(client: bigquery.Client) -> None:
    message = r"Error: too big: 5 at guard\(FLOAT64\) line 2"
    with pytest.raises(exceptions.BadRequest, match=message):
        client.query_and_wait(
            "CREATE TEMP FUNCTION guard(x FLOAT64) RETURNS FLOAT64 LANGUAGE js AS r'''\n"
            "  if (x > 3) throw new Error('too big: ' + x);\n  return x;\n''';\n"
            "SELECT guard(x) FROM UNNEST([1.0, 5.0]) AS x"
        )


def test_js_infinite_loop_hits_the_time_limit(
    client: bigquery.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BQHOUSE_JS_TIME_LIMIT_SECONDS", "0.2")
    with pytest.raises(exceptions.BadRequest, match="exceeded its time limit") as caught:
        client.query_and_wait(
            "CREATE TEMP FUNCTION spin(x FLOAT64) RETURNS FLOAT64 LANGUAGE js "
            "AS 'while (true) {} return x;';"
            "SELECT spin(1.0)"
        )
    assert caught.value.errors[0]["reason"] == "resourcesExceeded"


def test_js_memory_limit(client: bigquery.Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BQHOUSE_JS_MEMORY_LIMIT_MB", "16")
    with pytest.raises(exceptions.BadRequest, match="ran out of memory") as caught:
        client.query_and_wait(
            "CREATE TEMP FUNCTION hog(x FLOAT64) RETURNS FLOAT64 LANGUAGE js AS r'''\n"
            "  var a = []; while (true) a.push(new Array(100000).fill(x));\n''';\n"
            "SELECT hog(1.0)"
        )
    assert caught.value.errors[0]["reason"] == "resourcesExceeded"


def test_js_sandbox_has_no_host_access(client: bigquery.Client) -> None:
    rows = _rows(
        client,
        "CREATE TEMP FUNCTION probe() RETURNS STRING LANGUAGE js AS r'''\n"
        "  return [typeof require, typeof process, typeof std, typeof os, typeof fetch,\n"
        "          typeof XMLHttpRequest, typeof setTimeout].join(',');\n''';\n"
        "SELECT probe()",
    )
    assert rows == [(",".join(["undefined"] * 7),)]


@pytest.mark.parametrize(
    ("definition", "message"),
    [
        (
            "f(x FLOAT64) RETURNS FLOAT64 LANGUAGE js "
            "OPTIONS (library=['gs://bucket/lib.js']) AS 'return x;'",
            "libraries",
        ),
        ("f(x INT64) RETURNS FLOAT64 LANGUAGE js AS 'return x;'", "INT64 is not supported"),
        ("f(x FLOAT64) LANGUAGE js AS 'return x;'", "RETURNS"),
        ("f(x ANY TYPE) RETURNS FLOAT64 LANGUAGE js AS 'return x;'", "ANY TYPE"),
    ],
)
def test_js_function_definitions_refused(
    client: bigquery.Client, definition: str, message: str
) -> None:
    with pytest.raises(exceptions.BadRequest, match=message):
        client.query_and_wait(f"CREATE TEMP FUNCTION {definition}; SELECT 1")


def test_js_result_that_does_not_fit_the_return_type(client: bigquery.Client) -> None:
    with pytest.raises(exceptions.BadRequest, match="Cannot coerce"):
        client.query_and_wait(
            "CREATE TEMP FUNCTION half(x FLOAT64) RETURNS INT64 LANGUAGE js AS 'return x / 2;';"
            "SELECT half(3.0)"
        )


def test_js_runaway_recursion_hits_the_stack_limit(client: bigquery.Client) -> None:
    with pytest.raises(exceptions.BadRequest, match="ran out of stack") as caught:
        client.query_and_wait(
            "CREATE TEMP FUNCTION deep(x FLOAT64) RETURNS FLOAT64 LANGUAGE js "
            "AS 'function r(n) { return r(n + 1) + 1; } return r(x);';"
            "SELECT deep(1.0)"
        )
    assert caught.value.errors[0]["reason"] == "resourcesExceeded"


def test_js_float_specials_round_trip(client: bigquery.Client) -> None:
    rows = _rows(
        client,
        "CREATE TEMP FUNCTION same(x FLOAT64) RETURNS FLOAT64 LANGUAGE js AS 'return x;';"
        "CREATE TEMP FUNCTION text_of(x FLOAT64) RETURNS STRING LANGUAGE js AS 'return String(x);';"
        "SELECT same(CAST('inf' AS FLOAT64)) AS a, text_of(CAST('-inf' AS FLOAT64)) AS b, "
        "text_of(CAST('nan' AS FLOAT64)) AS c, same(CAST('nan' AS FLOAT64)) AS d",
    )
    ((a, b, c, d),) = rows
    assert (a, b, c) == (float("inf"), "-Infinity", "NaN")
    assert isinstance(d, float) and d != d


def test_concurrent_queries_share_and_release_js_functions(
    client: bigquery.Client, bigquery_emulator: Emulator, dataset: str
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    ds = dataset.split(".")[1]
    lake = bigquery_emulator.server.warehouse.catalog.lake
    client.query_and_wait(
        f"CREATE FUNCTION {ds}.neg(x FLOAT64) RETURNS FLOAT64 LANGUAGE js AS 'return -x;'"
    )
    before = js_udf.registered(lake)

    def run(i: int) -> list[tuple[object, ...]]:
        return _rows(
            client,
            "CREATE TEMP FUNCTION twice(x FLOAT64) RETURNS FLOAT64 LANGUAGE js "
            "AS 'return 2 * x;';"
            f"SELECT SUM(twice({ds}.neg(CAST(n AS FLOAT64)))) "
            f"FROM UNNEST(GENERATE_ARRAY(1, {1000 + i})) AS n",
        )

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(run, range(8)))
    assert results == [[(-float((1000 + i) * (1001 + i)),)] for i in range(8)]
    assert js_udf.registered(lake) == before
