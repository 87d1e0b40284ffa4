-- Everyday functions

-- strings
# title: concat with null is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#concat
SELECT CONCAT('a', 'b', 'c') AS a, CONCAT('a', NULL) AS b, 'x' || 'y' AS c;
[{"a": "abc", "b": null, "c": "xy"}];

# title: substr positions
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#substr
SELECT SUBSTR('hello', 2, 3) AS a, SUBSTR('hello', -3) AS b, SUBSTR('hello', 2) AS c;
[{"a": "ell", "b": "llo", "c": "ello"}];

# title: substr position zero is treated as one
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#substr
SELECT SUBSTR('hello', 0, 2) AS a;
[{"a": "he"}];

# title: length counts characters
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#length
SELECT LENGTH('héllo') AS a, LENGTH('') AS b;
[{"a": 5, "b": 0}];

# title: upper lower
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#upper
SELECT UPPER('abc') AS u, LOWER('ABC') AS l, LOWER(NULL) AS n;
[{"u": "ABC", "l": "abc", "n": null}];

# title: trim family
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#trim
SELECT TRIM('  a  ') AS a, LTRIM('xxaxx', 'x') AS b, RTRIM('xxaxx', 'x') AS c;
[{"a": "a", "b": "axx", "c": "xxa"}];

# title: replace all occurrences
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#replace
SELECT REPLACE('aaa', 'a', 'bc') AS r;
[{"r": "bcbcbc"}];

# title: starts_with ends_with
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#starts_with
SELECT STARTS_WITH('bigquery', 'big') AS s, ENDS_WITH('bigquery', 'query') AS e;
[{"s": true, "e": true}];

# title: strpos is one based
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#strpos
SELECT STRPOS('foobar', 'bar') AS a, STRPOS('foobar', 'z') AS b;
[{"a": 4, "b": 0}];

# title: lpad rpad
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#lpad
SELECT LPAD('7', 3, '0') AS l, RPAD('7', 3, '-') AS r;
[{"l": "007", "r": "7--"}];

# title: reverse
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#reverse
SELECT REVERSE('abc') AS r;
[{"r": "cba"}];

# title: regexp_contains
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_contains
SELECT REGEXP_CONTAINS('foo@bar.com', r'@\w+\.com') AS a, REGEXP_CONTAINS('foo', r'^o') AS b;
[{"a": true, "b": false}];

# title: regexp_extract first match or null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_extract
SELECT REGEXP_EXTRACT('abc123def456', r'\d+') AS a, REGEXP_EXTRACT('abc', r'\d+') AS b;
[{"a": "123", "b": null}];

# title: regexp_replace replaces every match
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_replace
SELECT REGEXP_REPLACE('a-b-c', '-', '+') AS r;
[{"r": "a+b+c"}];

# title: format with d and s
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#format_string
SELECT FORMAT('%d-%s', 5, 'x') AS f;
[{"f": "5-x"}];

-- math
# title: round half away from zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#round
SELECT ROUND(2.5) AS a, ROUND(-2.5) AS b, ROUND(3.14159, 2) AS c;
[{"a": 3.0, "b": -3.0, "c": 3.14}];

# title: mod takes the sign of the dividend
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#mod
SELECT MOD(-7, 3) AS a, MOD(7, 3) AS b;
[{"a": -1, "b": 1}];

# title: abs sign
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#abs
SELECT ABS(-3) AS a, SIGN(-2) AS s, SIGN(0) AS z;
[{"a": 3, "s": -1, "z": 0}];

# title: pow and sqrt return float64
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#pow
SELECT POW(2, 10) AS p, SQRT(16) AS s;
[{"p": 1024.0, "s": 4.0}];

# title: floor ceil trunc
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#floor
SELECT FLOOR(-1.5) AS f, CEIL(1.2) AS c, TRUNC(-1.7) AS t;
[{"f": -2.0, "c": 2.0, "t": -1.0}];

# title: ieee_divide gives infinity and nan
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#ieee_divide
SELECT IEEE_DIVIDE(1, 0) AS a, IEEE_DIVIDE(0, 0) AS b, IEEE_DIVIDE(1, 4) AS c;
[{"a": "Infinity", "b": "NaN", "c": 0.25}];

-- conversion
# title: cast float to int64 rounds half away from zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(2.5 AS INT64) AS a, CAST(-2.5 AS INT64) AS b, CAST('12' AS INT64) AS c;
[{"a": 3, "b": -3, "c": 12}];

# title: cast float64 column to int64 rounds half away from zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT ARRAY_AGG(CAST(x AS INT64) ORDER BY x) AS a FROM UNNEST([-2.5, 2.5]) AS x;
[{"a": [-3, 3]}];

# title: cast bad string to int64 is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
# error: invalidQuery
SELECT CAST('abc' AS INT64) AS v;
abc;

# title: safe_cast bad string is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#safe_casting
SELECT SAFE_CAST('abc' AS INT64) AS a, SAFE_CAST('3' AS INT64) AS b;
[{"a": null, "b": 3}];

# title: cast to string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(1.5 AS STRING) AS f, CAST(TRUE AS STRING) AS b, CAST(42 AS STRING) AS i;
[{"f": "1.5", "b": "true", "i": "42"}];

# title: numeric literal has numeric type
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#decimal_types
SELECT NUMERIC '1.25' + NUMERIC '0.5' AS n, CAST('2.5' AS NUMERIC) AS c;
[{"n": "1.75", "c": "2.5"}];

# title: cast numeric to string drops trailing zeros
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast_numeric
SELECT CAST(NUMERIC '1.25' AS STRING) AS s;
[{"s": "1.25"}];

-- conditional expressions
# title: if
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conditional_expressions#if
SELECT IF(1 > 0, 'y', 'n') AS a, IF(NULL, 1, 2) AS b;
[{"a": "y", "b": 2}];

# title: case searched and simple
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conditional_expressions#case
SELECT CASE WHEN x > 1 THEN 'big' ELSE 'small' END AS a, CASE x WHEN 1 THEN 'one' ELSE 'other' END AS b FROM UNNEST([1]) AS x;
[{"a": "small", "b": "one"}];

# title: coalesce nullif
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conditional_expressions#coalesce
SELECT COALESCE(NULL, NULL, 3) AS c, NULLIF(1, 1) AS n, NULLIF(1, 2) AS m;
[{"c": 3, "n": null, "m": 1}];

-- dates and times
# title: date_add month clamps to end of month
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_add
SELECT DATE_ADD(DATE '2024-01-31', INTERVAL 1 MONTH) AS a, DATE_SUB(DATE '2024-03-01', INTERVAL 1 DAY) AS b;
[{"a": "2024-02-29", "b": "2024-02-29"}];

# title: date_trunc week starts on sunday
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_trunc
SELECT DATE_TRUNC(DATE '2024-01-10', WEEK) AS w, DATE_TRUNC(DATE '2024-05-17', MONTH) AS m;
[{"w": "2024-01-07", "m": "2024-05-01"}];

# title: last_day
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#last_day
SELECT LAST_DAY(DATE '2024-02-10') AS d;
[{"d": "2024-02-29"}];

# title: format_date
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#format_date
SELECT FORMAT_DATE('%Y/%m/%d', DATE '2024-03-05') AS s;
[{"s": "2024/03/05"}];

# title: extract dayofyear
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#extract
SELECT EXTRACT(DAYOFYEAR FROM DATE '2024-02-01') AS d;
[{"d": 32}];

# title: timestamp_trunc hour
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_trunc
SELECT TIMESTAMP_TRUNC(TIMESTAMP '2024-03-05 07:08:09+00', HOUR) AS t;
[{"t": "2024-03-05T07:00:00+00:00"}];

# title: unix_seconds and timestamp_seconds
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#unix_seconds
SELECT UNIX_SECONDS(TIMESTAMP '2024-01-01 00:00:00+00') AS s, TIMESTAMP_SECONDS(1704067200) AS t;
[{"s": 1704067200, "t": "2024-01-01T00:00:00+00:00"}];

# title: timestamp literal without zone is utc
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#timestamp_literals
SELECT TIMESTAMP '2024-01-01 00:00:00' AS t, DATE(TIMESTAMP '2024-01-01 23:00:00+00') AS d;
[{"t": "2024-01-01T00:00:00+00:00", "d": "2024-01-01"}];

# title: timestamp_add minutes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_add
SELECT TIMESTAMP_ADD(TIMESTAMP '2024-01-01 00:00:00+00', INTERVAL 90 MINUTE) AS t;
[{"t": "2024-01-01T01:30:00+00:00"}];

# title: datetime literal
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#datetime_literals
SELECT DATETIME '2024-01-01 10:00:00' AS dt;
[{"dt": "2024-01-01T10:00:00"}];

-- aggregates
# title: count sum avg min max
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#count
SELECT COUNT(*) AS n, COUNT(x) AS nx, SUM(x) AS s, AVG(x) AS a, MIN(x) AS lo, MAX(x) AS hi FROM UNNEST([1, 2, NULL]) AS x;
[{"n": 3, "nx": 2, "s": 3, "a": 1.5, "lo": 1, "hi": 2}];

# title: sum of no rows is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#sum
SELECT SUM(x) AS s, COUNT(x) AS n FROM UNNEST(CAST([] AS ARRAY<INT64>)) AS x;
[{"s": null, "n": 0}];

# title: count distinct and logical_and
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#logical_and
SELECT COUNT(DISTINCT x) AS d, LOGICAL_AND(x > 0) AS all_pos, LOGICAL_OR(x > 2) AS any_big FROM UNNEST([1, 1, 2]) AS x;
[{"d": 2, "all_pos": true, "any_big": false}];

# title: group by having
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#having_clause
SELECT MOD(x, 2) AS parity, COUNT(*) AS n FROM UNNEST([1, 2, 3, 5]) AS x GROUP BY parity HAVING COUNT(*) > 1;
[{"parity": 1, "n": 3}];

# title: approx_count_distinct
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/approximate_aggregate_functions#approx_count_distinct
SELECT APPROX_COUNT_DISTINCT(x) AS d FROM UNNEST([1, 1, 2, 3]) AS x;
[{"d": 3}];

-- arrays and structs
# title: array_to_string array_concat array_reverse
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/array_functions#array_to_string
SELECT ARRAY_TO_STRING(['a', 'b'], '-') AS s, ARRAY_CONCAT([1], [2, 3]) AS c, ARRAY_REVERSE([1, 2, 3]) AS r;
[{"s": "a-b", "c": [1, 2, 3], "r": [3, 2, 1]}];

# title: struct constructor and field access
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#struct_type
SELECT STRUCT(1 AS a, 'x' AS b) AS s, STRUCT(1 AS a, 'x' AS b).b AS f;
[{"s": {"a": 1, "b": "x"}, "f": "x"}];

# title: unaliased unnest of structs exposes the fields as columns
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
SELECT a, b FROM UNNEST([STRUCT(1 AS a, 'x' AS b)]);
[{"a": 1, "b": "x"}];

# title: substr negative position before the start
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#substr
SELECT SUBSTR('hello', -10, 2) AS a, SUBSTR(s, p, 2) AS b FROM UNNEST([STRUCT('hello' AS s, 0 AS p)]);
[{"a": "he", "b": "he"}];

# title: array subquery
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/array_functions#array
SELECT ARRAY(SELECT x * 2 FROM UNNEST([1, 2]) AS x ORDER BY x) AS a;
[{"a": [2, 4]}];

# title: in unnest
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#in_operators
SELECT 2 IN UNNEST([1, 2]) AS a, 5 IN UNNEST([1, 2]) AS b;
[{"a": true, "b": false}];

# title: unnest array of structs
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
SELECT s.a, s.b FROM UNNEST([STRUCT(1 AS a, 'x' AS b), STRUCT(2 AS a, 'y' AS b)]) AS s ORDER BY s.a;
[{"a": 1, "b": "x"}, {"a": 2, "b": "y"}];
