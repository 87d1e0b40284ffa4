-- Semantic fixes: DuckDB answers differently from BigQuery unless transforms.py rewrites the node

-- TIMESTAMP_DIFF counts whole elapsed units, truncated toward zero
# title: timestamp_diff minute counts elapsed minutes, not boundaries
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_diff
SELECT TIMESTAMP_DIFF(TIMESTAMP '2024-01-01 00:01:30+00', TIMESTAMP '2024-01-01 00:00:59+00', MINUTE) AS d;
[{"d": 0}];

# title: timestamp_diff negative truncates toward zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_diff
SELECT TIMESTAMP_DIFF(TIMESTAMP '2024-01-01 00:00:00+00', TIMESTAMP '2024-01-01 00:01:30+00', MINUTE) AS d;
[{"d": -1}];

# title: timestamp_diff hour doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_diff
SELECT TIMESTAMP_DIFF(TIMESTAMP "2010-07-07 10:20:00+00", TIMESTAMP "2008-12-25 15:30:00+00", HOUR) AS hours;
[{"hours": 13410}];

# title: timestamp_diff hour under one hour is zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_diff
SELECT TIMESTAMP_DIFF(TIMESTAMP '2024-01-01 10:59:59+00', TIMESTAMP '2024-01-01 10:00:00+00', HOUR) AS d;
[{"d": 0}];

# title: timestamp_diff day is 24 elapsed hours
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_diff
SELECT TIMESTAMP_DIFF(TIMESTAMP '2024-01-02 00:30:00+00', TIMESTAMP '2024-01-01 01:00:00+00', DAY) AS d;
[{"d": 0}];

# title: timestamp_diff second ignores sub-second remainder
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_diff
SELECT TIMESTAMP_DIFF(TIMESTAMP '2024-01-01 00:00:01.999+00', TIMESTAMP '2024-01-01 00:00:00+00', SECOND) AS d;
[{"d": 1}];

# title: timestamp_diff millisecond
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_diff
SELECT TIMESTAMP_DIFF(TIMESTAMP '2024-01-01 00:00:00.0015+00', TIMESTAMP '2024-01-01 00:00:00+00', MILLISECOND) AS d;
[{"d": 1}];

# title: timestamp_diff microsecond
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_diff
SELECT TIMESTAMP_DIFF(TIMESTAMP '2024-01-01 00:00:00.000007+00', TIMESTAMP '2024-01-01 00:00:00+00', MICROSECOND) AS d;
[{"d": 7}];

-- DATE_DIFF and DATETIME_DIFF count part boundaries in BigQuery, as DuckDB's date_diff does
# title: date_diff day counts boundaries
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_diff
SELECT DATE_DIFF(DATE '2024-01-02', DATE '2023-12-31', DAY) AS d;
[{"d": 2}];

# title: date_diff year counts boundaries
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_diff
SELECT DATE_DIFF(DATE '2018-01-01', DATE '2017-12-31', YEAR) AS d;
[{"d": 1}];

# title: date_diff week starts on Sunday
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_diff
SELECT DATE_DIFF(DATE '2017-12-18', DATE '2017-12-17', WEEK) AS week_diff;
[{"week_diff": 0}];

# title: date_diff isoweek starts on Monday
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_diff
SELECT DATE_DIFF(DATE '2017-12-18', DATE '2017-12-17', ISOWEEK) AS isoweek_diff;
[{"isoweek_diff": 1}];

# title: datetime_diff day doc example counts boundaries
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_diff
SELECT DATETIME_DIFF(DATETIME "2010-07-07 10:20:00", DATETIME "2008-12-25 15:30:00", DAY) AS difference;
[{"difference": 559}];

# title: datetime_diff week doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_diff
SELECT DATETIME_DIFF(DATETIME '2017-10-15 00:00:00', DATETIME '2017-10-14 00:00:00', WEEK) AS week_diff;
[{"week_diff": 1}];

-- UNNEST WITH OFFSET is 0-based
# title: unnest with offset is zero based
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
SELECT x, off FROM UNNEST(['a', 'b', 'c']) AS x WITH OFFSET AS off ORDER BY off;
[{"x": "a", "off": 0}, {"x": "b", "off": 1}, {"x": "c", "off": 2}];

# title: correlated unnest with offset
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
SELECT id, tag, pos
FROM (SELECT 1 AS id, ['x', 'y'] AS tags UNION ALL SELECT 2, ['z']) AS t, UNNEST(t.tags) AS tag WITH OFFSET pos
ORDER BY id, pos;
[{"id": 1, "tag": "x", "pos": 0}, {"id": 1, "tag": "y", "pos": 1}, {"id": 2, "tag": "z", "pos": 0}];

-- Array subscripts
# title: offset is zero based
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#array_subscript_operator
SELECT [10, 20, 30][OFFSET(0)] AS a, [10, 20, 30][ORDINAL(1)] AS b, [10, 20, 30][1] AS c;
[{"a": 10, "b": 10, "c": 20}];

# title: offset out of range is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#array_subscript_operator
# error: invalidQuery
SELECT [1, 2, 3][OFFSET(5)] AS v;
Array index 5 is out of bounds (overflow);

# title: ordinal zero is an underflow error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#array_subscript_operator
# error: invalidQuery
SELECT [1, 2, 3][ORDINAL(0)] AS v;
Array index 0 is out of bounds (underflow);

# title: negative bare subscript is an error, not counted from the end
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#array_subscript_operator
# error: invalidQuery
SELECT [1, 2, 3][-1] AS v;
is out of bounds (underflow);

# title: safe_offset out of range is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#array_subscript_operator
SELECT [1, 2, 3][SAFE_OFFSET(5)] AS a, [1, 2, 3][SAFE_OFFSET(-1)] AS b, [1, 2, 3][SAFE_OFFSET(2)] AS c;
[{"a": null, "b": null, "c": 3}];

# title: safe_ordinal out of range is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#array_subscript_operator
SELECT [1, 2, 3][SAFE_ORDINAL(0)] AS a, [1, 2, 3][SAFE_ORDINAL(-1)] AS b, [1, 2, 3][SAFE_ORDINAL(3)] AS c;
[{"a": null, "b": null, "c": 3}];

# title: subscript with a column index
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#array_subscript_operator
SELECT i, ['a', 'b'][SAFE_OFFSET(i)] AS v FROM UNNEST([-1, 0, 1, 2]) AS i ORDER BY i;
[{"i": -1, "v": null}, {"i": 0, "v": "a"}, {"i": 1, "v": "b"}, {"i": 2, "v": null}];

-- APPROX_QUANTILES returns input values
# title: approx_quantiles returns n plus one boundaries
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/approximate_aggregate_functions#approx_quantiles
SELECT APPROX_QUANTILES(x, 2) AS q FROM UNNEST([1, 5, 3, 4, 2]) AS x;
[{"q": [1, 3, 5]}];

# title: approx_quantiles median with safe_offset ignores nulls
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/approximate_aggregate_functions#approx_quantiles
SELECT APPROX_QUANTILES(x, 100)[SAFE_OFFSET(50)] AS median FROM UNNEST([7, NULL, 1, 100]) AS x;
[{"median": 7}];

-- ORDER BY puts NULLs first ascending and last descending
# title: order by ascending puts nulls first
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#order_by_clause
SELECT x FROM UNNEST([2, NULL, 1]) AS x ORDER BY x;
[{"x": null}, {"x": 1}, {"x": 2}];

# title: order by descending puts nulls last
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#order_by_clause
SELECT x FROM UNNEST([2, NULL, 1]) AS x ORDER BY x DESC;
[{"x": 2}, {"x": 1}, {"x": null}];

# title: array_agg order by puts nulls first
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#array_agg
SELECT ARRAY_AGG(r.y ORDER BY r.x) AS a FROM UNNEST([STRUCT(2 AS x, 'b' AS y), (NULL, 'n'), (1, 'a')]) AS r;
[{"a": ["n", "a", "b"]}];

-- Division by zero raises
# title: division by zero is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
# error: invalidQuery
SELECT 1 / 0 AS v;
division by zero;

# title: integer division returns float64
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
SELECT 7 / 2 AS v;
[{"v": 3.5}];

# title: div truncates toward zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#div
SELECT DIV(7, 2) AS a, DIV(-7, 2) AS b;
[{"a": 3, "b": -3}];

# title: div by zero is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#div
# error: invalidQuery
SELECT DIV(x, 0) AS v FROM UNNEST([1]) AS x;
division by zero;

# title: mod by zero is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#mod
# error: invalidQuery
SELECT MOD(x, y) AS v FROM UNNEST([STRUCT(5 AS x, 0 AS y)]);
division by zero;

# title: safe_divide by zero is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#safe_divide
SELECT SAFE_DIVIDE(1, 0) AS a, SAFE_DIVIDE(6, 3) AS b;
[{"a": null, "b": 2.0}];

-- INT64 arithmetic
# title: int64 literal overflow is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
# error: invalidQuery
SELECT 9223372036854775807 + 1 AS v;
Overflow;

# title: int64 column overflow is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
# error: invalidQuery
SELECT x * 2 AS v FROM UNNEST([9223372036854775807]) AS x;
Overflow;

# title: small integer literals are int64 not int32
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#integer_literals
SELECT 2147483647 + 1 AS a, 100000 * 100000 AS b;
[{"a": 2147483648, "b": 10000000000}];

# title: sum overflow is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#sum
# error: invalidQuery
SELECT SUM(x) AS s FROM UNNEST([9223372036854775807, 1]) AS x;
overflow;

# title: decimal literals are float64
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#floating_point_literals
SELECT 0.1 + 0.2 AS v;
[{"v": 0.30000000000000004}];

-- Functions sqlglot already maps correctly, pinned here
# title: select as struct
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#select_as_struct
SELECT (SELECT AS STRUCT 1 AS a, 'x' AS b) AS s;
[{"s": {"a": 1, "b": "x"}}];

# title: split on a delimiter
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#split
SELECT SPLIT('a|b|c', '|') AS a, SPLIT('x,y') AS b, SPLIT('', ',') AS c;
[{"a": ["a", "b", "c"], "b": ["x", "y"], "c": [""]}];

# title: log is natural log, log with base
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#log
SELECT LOG(1) AS a, ROUND(LOG(10), 6) AS b, LOG(8, 2) AS c;
[{"a": 0.0, "b": 2.302585, "c": 3.0}];

# title: greatest and least with null return null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#greatest
SELECT GREATEST(1, NULL, 3) AS g, LEAST(1, NULL) AS l, GREATEST(1, 5, 3) AS g2;
[{"g": null, "l": null, "g2": 5}];

# title: extract year from timestamp
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#extract
SELECT EXTRACT(YEAR FROM TIMESTAMP '2015-06-01 00:00:00+00') AS y;
[{"y": 2015}];

# title: extract dayofweek is one for sunday
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#extract
SELECT EXTRACT(DAYOFWEEK FROM DATE '2024-01-07') AS sun, EXTRACT(DAYOFWEEK FROM DATE '2024-01-13') AS sat;
[{"sun": 1, "sat": 7}];

# title: current_timestamp
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#current_timestamp
SELECT CURRENT_TIMESTAMP() IS NOT NULL AS ok, EXTRACT(YEAR FROM CURRENT_TIMESTAMP()) >= 2024 AS recent;
[{"ok": true, "recent": true}];

# title: ifnull
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conditional_expressions#ifnull
SELECT IFNULL(NULL, 2) AS a, IFNULL(1, 2) AS b;
[{"a": 2, "b": 1}];

# title: countif
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#countif
SELECT COUNTIF(x > 1) AS n FROM UNNEST([1, 2, 3, NULL]) AS x;
[{"n": 2}];

# title: format_timestamp
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#format_timestamp
SELECT FORMAT_TIMESTAMP('%Y-%m-%d %H:%M', TIMESTAMP '2024-03-05 07:08:09+00') AS s;
[{"s": "2024-03-05 07:08"}];

# title: parse_date
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#parse_date
SELECT PARSE_DATE('%Y%m%d', '20240305') AS d;
[{"d": "2024-03-05"}];

# title: array_agg with order by
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#array_agg
SELECT ARRAY_AGG(x ORDER BY x DESC) AS a FROM UNNEST([2, 1, 3]) AS x;
[{"a": [3, 2, 1]}];

# title: string_agg with delimiter and default comma
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#string_agg
SELECT STRING_AGG(s, '-' ORDER BY s) AS a, STRING_AGG(s ORDER BY s DESC) AS b FROM UNNEST(['b', 'a']) AS s;
[{"a": "a-b", "b": "b,a"}];

# title: array_length
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/array_functions#array_length
SELECT ARRAY_LENGTH([1, 2, 3]) AS a, ARRAY_LENGTH(CAST([] AS ARRAY<INT64>)) AS b;
[{"a": 3, "b": 0}];

# title: generate_array
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/array_functions#generate_array
SELECT GENERATE_ARRAY(1, 5) AS a, GENERATE_ARRAY(0, 10, 3) AS b, GENERATE_ARRAY(5, 1) AS c, GENERATE_ARRAY(10, 0, -3) AS d;
[{"a": [1, 2, 3, 4, 5], "b": [0, 3, 6, 9], "c": [], "d": [10, 7, 4, 1]}];

# title: generate_array with float step
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/array_functions#generate_array
SELECT GENERATE_ARRAY(0, 1, 0.5) AS a;
[{"a": [0.0, 0.5, 1.0]}];
