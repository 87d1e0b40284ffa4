"""translate(): table naming, statement metadata, parameters, errors, and the seed query."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import Any

import duckdb
import pytest

from bqhouse import errors
from bqhouse.sql import TableRef, decode_parameters, functions, translate

SEED = """
WITH question_answers_join AS (
  SELECT *, GREATEST(1, TIMESTAMP_DIFF(answers.first, creation_date, minute)) minutes_2_answer
  FROM (
    SELECT id, creation_date, title,
      (SELECT AS STRUCT MIN(creation_date) first, COUNT(*) c
       FROM `DATASET.posts_answers` WHERE a.id=parent_id) answers,
      SPLIT(tags, '|') tags
    FROM `DATASET.posts_questions` a
    WHERE EXTRACT(year FROM creation_date) > 2014))
SELECT COUNT(*) questions, tag,
  ROUND(EXP(AVG(LOG(minutes_2_answer))), 2) mean_geo_minutes,
  APPROX_QUANTILES(minutes_2_answer, 100)[SAFE_OFFSET(50)] median
FROM question_answers_join, UNNEST(tags) tag
WHERE tag IN ('javascript', 'python', 'rust', 'java', 'scala', 'ruby', 'go', 'react', 'c', 'c++')
  AND answers.c > 0
GROUP BY tag
ORDER BY mean_geo_minutes
"""

QUESTIONS = [
    # id, creation_date, title, tags
    (1, "2015-01-01 00:00:50+00", "q1", "python|rust"),  # first answer after 9m30s -> 9
    (2, "2016-01-01 00:00:00+00", "q2", "python"),  # answer after exactly 100 minutes
    (3, "2017-01-01 00:00:00+00", "q3", "python|go"),  # answer after 30s -> 0 -> GREATEST 1
    (4, "2014-06-01 00:00:00+00", "q4", "python"),  # 2014: excluded by the WHERE
    (5, "2018-01-01 00:00:00+00", "q5", "rust"),  # no answers: excluded by answers.c > 0
    (6, "2019-01-01 00:00:00+00", "q6", "haskell"),  # tag not in the list
]
ANSWERS = [
    # id, parent_id, creation_date
    (10, 1, "2015-01-01 00:10:20+00"),
    (11, 1, "2015-01-01 01:00:00+00"),
    (20, 2, "2016-01-01 01:40:00+00"),
    (30, 3, "2017-01-01 00:00:30+00"),
    (40, 4, "2014-06-01 16:40:00+00"),
    (60, 6, "2019-01-01 00:05:00+00"),
]


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    connection.execute("SET TimeZone = 'UTC'")
    functions.install(connection)  # the function library's macros and UDFs
    connection.execute("ATTACH ':memory:' AS lake")
    connection.execute('CREATE SCHEMA lake."p.ds"')
    return connection


def _run(con: duckdb.DuckDBPyConnection, sql: str, **kwargs: Any) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    for statement in translate(sql, default_project="p", **kwargs):
        cursor = con.execute(statement.sql)
        rows = cursor.fetchall() if cursor.description else []
    return rows


def test_seed_query(con: duckdb.DuckDBPyConnection) -> None:
    _run(
        con,
        "CREATE TABLE ds.posts_questions (id INT64, creation_date TIMESTAMP, title STRING, "
        "tags STRING); CREATE TABLE ds.posts_answers (id INT64, parent_id INT64, "
        "creation_date TIMESTAMP)",
    )
    con.executemany('INSERT INTO lake."p.ds".posts_questions VALUES (?, ?, ?, ?)', QUESTIONS)
    con.executemany('INSERT INTO lake."p.ds".posts_answers VALUES (?, ?, ?)', ANSWERS)
    [statement] = translate(SEED.replace("DATASET", "ds"), default_project="p")
    assert statement.statement_type == "SELECT"
    assert statement.tables == [
        TableRef("p", "ds", "posts_answers"),
        TableRef("p", "ds", "posts_questions"),
    ]
    rows = con.execute(statement.sql).fetchall()
    # python: minutes [9, 100, 1] -> geometric mean 900 ** (1/3) = 9.6549 -> 9.65, median 9
    assert rows == [(1, "go", 1.0, 1), (1, "rust", 9.0, 9), (3, "python", 9.65, 9)]
    assert round(900 ** (1 / 3), 2) == 9.65


@pytest.mark.parametrize(
    "name",
    ["my-proj.ds.t", "`my-proj.ds.t`", "`my-proj`.ds.t", "`my-proj.ds`.t", "ds.t", "t"],
)
def test_table_names(name: str) -> None:
    [statement] = translate(
        f"SELECT x FROM {name}", default_project="my-proj", default_dataset="ds"
    )
    assert statement.sql == 'SELECT x FROM lake."my-proj.ds"."t" AS "t"'
    assert statement.tables == [TableRef("my-proj", "ds", "t")]
    assert statement.target is None


def test_aliases_ctes_and_unnest_are_not_tables() -> None:
    sql = "WITH c AS (SELECT 1 AS x) SELECT a.x, y FROM c, ds.t AS a, UNNEST([1]) AS y"
    [statement] = translate(sql, default_project="p")
    assert statement.sql == (
        'WITH c AS (SELECT 1 AS x) SELECT a.x, y FROM c CROSS JOIN lake."p.ds"."t" AS a '
        "CROSS JOIN UNNEST([1]) AS _t0(y)"
    )
    assert statement.tables == [TableRef("p", "ds", "t")]


def test_table_qualified_column() -> None:
    [statement] = translate("SELECT `p.ds.t`.x, t.y FROM `p.ds.t`", default_project="q")
    assert statement.sql == 'SELECT "t"."x", t.y FROM lake."p.ds"."t" AS "t"'


def test_unqualified_table_without_default_dataset() -> None:
    with pytest.raises(errors.InvalidQuery) as info:
        translate("SELECT * FROM t", default_project="p")
    assert info.value.message == 'Table "t" must be qualified with a dataset (e.g. dataset.table).'


@pytest.mark.parametrize(
    ("sql", "expected", "statement_type"),
    [
        ("CREATE SCHEMA ds", 'CREATE SCHEMA lake."p.ds"', "CREATE_SCHEMA"),
        ("CREATE SCHEMA q.ds", 'CREATE SCHEMA lake."q.ds"', "CREATE_SCHEMA"),
        ("DROP SCHEMA ds CASCADE", 'DROP SCHEMA lake."p.ds" CASCADE', "DROP_SCHEMA"),
        ("DROP SCHEMA IF EXISTS q.ds", 'DROP SCHEMA IF EXISTS lake."q.ds"', "DROP_SCHEMA"),
    ],
)
def test_schema_statements(sql: str, expected: str, statement_type: str) -> None:
    [statement] = translate(sql, default_project="p")
    assert (statement.sql, statement.statement_type) == (expected, statement_type)
    assert statement.target is None


@pytest.mark.parametrize(
    ("sql", "statement_type"),
    [
        ("CREATE TABLE ds.t (x INT64, n NUMERIC)", "CREATE_TABLE"),
        ("CREATE OR REPLACE TABLE ds.t AS SELECT 1 AS x", "CREATE_TABLE_AS_SELECT"),
        ("CREATE VIEW ds.t AS SELECT 1 AS x", "CREATE_VIEW"),
        ("INSERT INTO ds.t (x) SELECT x FROM ds.s", "INSERT"),
        ("UPDATE ds.t SET x = 1 WHERE TRUE", "UPDATE"),
        ("DELETE FROM ds.t WHERE x > 1", "DELETE"),
        ("MERGE ds.t T USING ds.s S ON T.x = S.x WHEN MATCHED THEN DELETE", "MERGE"),
        ("DROP TABLE ds.t", "DROP_TABLE"),
        ("DROP VIEW IF EXISTS ds.t", "DROP_VIEW"),
        ("ALTER TABLE ds.t ADD COLUMN y STRING", "ALTER_TABLE"),
        ("TRUNCATE TABLE ds.t", "TRUNCATE_TABLE"),
    ],
)
def test_statement_types_and_targets(sql: str, statement_type: str) -> None:
    [statement] = translate(sql, default_project="p")
    assert statement.statement_type == statement_type
    assert statement.target == TableRef("p", "ds", "t")
    assert TableRef("p", "ds", "t") in statement.tables
    assert 'lake."p.ds"."t"' in statement.sql


def test_ddl_and_dml_run(con: duckdb.DuckDBPyConnection) -> None:
    rows = _run(
        con,
        "CREATE TABLE ds.t (x INT64, n NUMERIC, s STRUCT<a INT64, b STRING>);"
        "INSERT INTO ds.t (x, n, s) VALUES (1, NUMERIC '1.5', STRUCT(1, 'a')), (2, 2.25, NULL);"
        "UPDATE ds.t SET x = x * 10 WHERE s IS NULL;"
        "SELECT x, n, s.b FROM ds.t ORDER BY x",
    )
    assert rows == [(1, Decimal("1.500000000"), "a"), (20, Decimal("2.250000000"), None)]


def test_script_gives_one_translation_per_statement() -> None:
    statements = translate("SELECT 1; SELECT 2;", default_project="p")
    assert [s.sql for s in statements] == ['SELECT 1 AS "f0_"', 'SELECT 2 AS "f0_"']
    assert statements[0].expression.sql(dialect="bigquery") == "SELECT 1"


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("SELECT FROM WHERE", "Syntax error: "),
        ("SELECT (1", "Syntax error: "),
    ],
)
def test_syntax_errors(sql: str, message: str) -> None:
    with pytest.raises(errors.InvalidQuery) as info:
        translate(sql, default_project="p")
    assert info.value.message.startswith(message)
    assert info.value.message.endswith("]") and " at [1:" in info.value.message
    assert info.value.location == "query"
    assert "<Token" not in info.value.message


def test_named_parameters(con: duckdb.DuckDBPyConnection) -> None:
    params = decode_parameters(
        [
            {"name": "Limit", "parameterType": {"type": "INT64"}, "parameterValue": {"value": "2"}},
            {"name": "f", "parameterType": {"type": "FLOAT64"}, "parameterValue": {}},
        ],
        "NAMED",
    )
    [statement] = translate(
        "SELECT @limit + 1 AS a, @F AS b", default_project="p", parameters=params
    )
    assert (
        statement.sql
        == "SELECT CAST($limit AS BIGINT) + CAST(1 AS BIGINT) AS a, CAST($f AS DOUBLE) AS b"
    )
    assert con.execute(statement.sql, params.values).fetchall() == [(3, None)]


def test_parameter_not_found() -> None:
    with pytest.raises(errors.InvalidQuery) as info:
        translate("SELECT\n  @x", default_project="p")
    assert info.value.message == "Query parameter 'x' not found at [2:3]"


@pytest.mark.parametrize(
    ("parameter_type", "value", "expected"),
    [
        ({"type": "INT64"}, {"value": "-5"}, -5),
        ({"type": "FLOAT64"}, {"value": "1.5"}, 1.5),
        ({"type": "FLOAT64"}, {"value": "Infinity"}, math.inf),
        ({"type": "FLOAT64"}, {"value": "-Infinity"}, -math.inf),
        ({"type": "NUMERIC"}, {"value": "1.25"}, Decimal("1.25")),
        ({"type": "BIGNUMERIC"}, {"value": "1e-3"}, Decimal("0.001")),
        ({"type": "BOOL"}, {"value": "true"}, True),
        ({"type": "STRING"}, {"value": "x"}, "x"),
        ({"type": "BYTES"}, {"value": "YWJj"}, b"abc"),
        ({"type": "DATE"}, {"value": "2024-02-29"}, dt.date(2024, 2, 29)),
        ({"type": "TIME"}, {"value": "12:34:56.5"}, dt.time(12, 34, 56, 500000)),
        ({"type": "DATETIME"}, {"value": "2024-01-01T10:00:00"}, dt.datetime(2024, 1, 1, 10)),
        (
            {"type": "TIMESTAMP"},
            {"value": "2024-01-01 12:00:00+00:00"},
            dt.datetime(2024, 1, 1, 12, tzinfo=dt.UTC),
        ),
        (
            {"type": "TIMESTAMP"},
            {"value": "2024-01-01T12:00:00Z"},
            dt.datetime(2024, 1, 1, 12, tzinfo=dt.UTC),
        ),
        (
            {"type": "TIMESTAMP"},
            {"value": "2024-01-01 12:00:00 UTC"},
            dt.datetime(2024, 1, 1, 12, tzinfo=dt.UTC),
        ),
        ({"type": "STRING"}, {}, None),
        ({"type": "ARRAY", "arrayType": {"type": "INT64"}}, {"arrayValues": [{"value": "1"}]}, [1]),
        ({"type": "ARRAY", "arrayType": {"type": "INT64"}}, {}, []),
        (
            {"type": "STRUCT", "structTypes": [{"name": "a", "type": {"type": "BOOL"}}]},
            {"structValues": {"a": {"value": "false"}}},
            {"a": False},
        ),
    ],
)
def test_decode_values(
    parameter_type: dict[str, Any], value: dict[str, Any], expected: Any
) -> None:
    params = decode_parameters(
        [{"parameterType": parameter_type, "parameterValue": value}], "POSITIONAL"
    )
    assert params.values == [expected]


def test_decode_nan() -> None:
    params = decode_parameters(
        [{"parameterType": {"type": "FLOAT64"}, "parameterValue": {"value": "NaN"}}], "POSITIONAL"
    )
    assert isinstance(params.values, list) and math.isnan(params.values[0])


@pytest.mark.parametrize(
    ("parameter_type", "expected"),
    [
        ({"type": "INT64"}, "BIGINT"),
        ({"type": "NUMERIC"}, "DECIMAL(38, 9)"),
        ({"type": "TIMESTAMP"}, "TIMESTAMPTZ"),
        ({"type": "DATETIME"}, "TIMESTAMP"),
        ({"type": "ARRAY", "arrayType": {"type": "STRING"}}, "VARCHAR[]"),
        (
            {"type": "STRUCT", "structTypes": [{"name": "a", "type": {"type": "DATE"}}]},
            'STRUCT("a" DATE)',
        ),
    ],
)
def test_decode_types(parameter_type: dict[str, Any], expected: str) -> None:
    params = decode_parameters([{"parameterType": parameter_type}], "POSITIONAL")
    assert params.types == [expected]


@pytest.mark.parametrize(
    ("parameter_type", "raw"),
    [("INT64", "abc"), ("INT64", "9223372036854775808"), ("BOOL", "yes"), ("DATE", "2024-13-01")],
)
def test_decode_bad_values(parameter_type: str, raw: str) -> None:
    with pytest.raises(errors.Invalid):
        decode_parameters(
            [{"parameterType": {"type": parameter_type}, "parameterValue": {"value": raw}}],
            "POSITIONAL",
        )


def test_interval_parameter(con: duckdb.DuckDBPyConnection) -> None:
    params = decode_parameters(
        [
            {
                "name": "i",
                "parameterType": {"type": "INTERVAL"},
                "parameterValue": {"value": "1-2 3 4:5:6"},
            }
        ],
        "NAMED",
    )
    [statement] = translate(
        "SELECT DATETIME '2020-01-01 00:00:00' + @i AS d", default_project="p", parameters=params
    )
    assert con.execute(statement.sql, params.values).fetchall() == [
        (dt.datetime(2021, 3, 4, 4, 5, 6),)
    ]


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        # a struct path keeps its qualifiers; a dataset-qualified column drops them
        ("SELECT t.s.a, ds.t.x FROM ds.t", 'SELECT t.s.a, "t".x FROM lake."p.ds"."t" AS "t"'),
        # GoogleSQL's FROM-less DELETE
        ("DELETE ds.t WHERE x = 1", 'DELETE FROM lake."p.ds"."t" WHERE x = 1'),
    ],
)
def test_generated_sql(sql: str, expected: str) -> None:
    [statement] = translate(sql, default_project="p")
    assert statement.sql == expected


def test_delete_without_from_runs(con: duckdb.DuckDBPyConnection) -> None:
    rows = _run(
        con,
        "CREATE TABLE ds.t AS SELECT x FROM UNNEST([1, 2, 3]) AS x;"
        "DELETE ds.t WHERE x > 1; SELECT COUNT(*) FROM ds.t",
    )
    assert rows == [(1,)]
