-- array literals

# title: array literal of integers
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#arrays#constructing_arrays
SELECT [1, 2, 3] AS numbers;
[{"numbers": [1, 2, 3]}];

# title: array literal of strings
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#arrays#constructing_arrays
SELECT ['apple', 'pear', 'orange'] AS fruit;
[{"fruit": ["apple", "pear", "orange"]}];

# title: array literal of booleans
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#arrays#constructing_arrays
SELECT [true, false, true] AS booleans;
[{"booleans": [true, false, true]}];

# title: array keyword with type
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#arrays#constructing_arrays
SELECT ARRAY<INT64>[1, 2] AS a;
[{"a": [1, 2]}];

# title: array keyword without type
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#arrays#constructing_arrays
SELECT ARRAY[1, 2, 3] AS a;
[{"a": [1, 2, 3]}];

# title: empty typed array
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#arrays#constructing_arrays
SELECT ARRAY<STRING>[] AS a;
[{"a": []}];

# title: empty array literal
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#arrays#constructing_arrays
SELECT [] AS a;
[{"a": []}];

# title: array literal of expressions
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#arrays#constructing_arrays
SELECT [1 + 1, 2 * 3] AS a;
[{"a": [2, 6]}];

# title: array literal supertype int and float
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#conversion_rules#supertypes
SELECT [1, 2.5] AS a;
[{"a": [1.0, 2.5]}];

# title: array of dates
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#arrays#constructing_arrays
SELECT [DATE '2024-01-01', DATE '2024-01-02'] AS a;
[{"a": ["2024-01-01", "2024-01-02"]}];

# title: array of structs
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#arrays#constructing_arrays
SELECT [STRUCT(1 AS x, 'a' AS y), STRUCT(2 AS x, 'b' AS y)] AS a;
[{"a": [{"x": 1, "y": "a"}, {"x": 2, "y": "b"}]}];

# title: array of arrays is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-types#array_type
# error: invalidQuery
SELECT [[1, 2], [3]] AS a;
ARRAY;

# title: array with null element in result is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-types#array_nulls
# error: invalidQuery
SELECT [1, NULL, 3] AS a;
Array cannot have a null element;

# title: null array reads as empty
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-types#array_nulls
SELECT CAST(NULL AS ARRAY<INT64>) AS a;
[{"a": []}];

# title: array with null element is fine inside a query
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-types#array_nulls
SELECT ARRAY_LENGTH([1, NULL, 3]) AS n;
[{"n": 3}];

-- ARRAY(subquery)

# title: array subquery union all
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array
SELECT ARRAY(SELECT x FROM (SELECT 1 AS x UNION ALL SELECT 2 UNION ALL SELECT 3) ORDER BY x) AS new_array;
[{"new_array": [1, 2, 3]}];

# title: array subquery of structs
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array
SELECT ARRAY(SELECT AS STRUCT 1 AS a, 'x' AS b) AS new_array;
[{"new_array": [{"a": 1, "b": "x"}]}];

# title: array subquery with order by
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array
SELECT ARRAY(SELECT x FROM UNNEST([3, 1, 2]) AS x ORDER BY x) AS a;
[{"a": [1, 2, 3]}];

# title: array subquery empty is empty array
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array
SELECT ARRAY(SELECT 1 FROM UNNEST(ARRAY<INT64>[]) AS x) AS a;
[{"a": []}];

# title: array subquery with filter
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array
SELECT ARRAY(SELECT x * 2 FROM UNNEST([1, 2, 3]) AS x WHERE x > 1 ORDER BY x) AS a;
[{"a": [4, 6]}];

# title: array subquery with more than one column is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array
# error: invalidQuery
SELECT ARRAY(SELECT 1 AS a, 2 AS b) AS arr;
;

# title: array subquery correlated
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array
SELECT ARRAY(SELECT x * y FROM UNNEST([1, 2]) AS x ORDER BY x) AS a FROM UNNEST([10]) AS y;
[{"a": [10, 20]}];

-- ARRAY_CONCAT

# title: array_concat doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array_concat
SELECT ARRAY_CONCAT([1, 2], [3, 4], [5, 6]) AS count_to_six;
[{"count_to_six": [1, 2, 3, 4, 5, 6]}];

# title: array_concat single
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array_concat
SELECT ARRAY_CONCAT([1, 2]) AS a;
[{"a": [1, 2]}];

# title: array_concat with empty
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array_concat
SELECT ARRAY_CONCAT([1], ARRAY<INT64>[], [2]) AS a;
[{"a": [1, 2]}];

# title: array_concat with null input is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array_concat
SELECT ARRAY_LENGTH(ARRAY_CONCAT([1, 2], NULL)) IS NULL AS n;
[{"n": true}];

# title: array_concat strings
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array_concat
SELECT ARRAY_CONCAT(['a'], ['b', 'c']) AS a;
[{"a": ["a", "b", "c"]}];

# title: array concatenation operator
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#concatenation_operator
SELECT [1, 2] || [3] AS a;
[{"a": [1, 2, 3]}];

-- ARRAY_LENGTH

# title: array_length doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array_length
SELECT ARRAY_LENGTH(['coffee', NULL, 'milk']) AS size_a, ARRAY_LENGTH(['cake', 'pie']) AS size_b;
[{"size_a": 3, "size_b": 2}];

# title: array_length empty
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array_length
SELECT ARRAY_LENGTH(ARRAY<INT64>[]) AS n;
[{"n": 0}];

# title: array_length null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array_length
SELECT ARRAY_LENGTH(CAST(NULL AS ARRAY<INT64>)) AS n;
[{"n": null}];

# title: array_length of array subquery
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array_length
SELECT ARRAY_LENGTH(ARRAY(SELECT x FROM UNNEST([1, 2, 3, 4]) AS x)) AS n;
[{"n": 4}];

-- ARRAY_TO_STRING

# title: array_to_string doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array_to_string
SELECT ARRAY_TO_STRING(['coffee', 'tea', 'milk', NULL], '--') AS text;
[{"text": "coffee--tea--milk"}];

# title: array_to_string null_text doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array_to_string
SELECT ARRAY_TO_STRING(['cake', 'pie', NULL], '--', 'MISSING') AS text;
[{"text": "cake--pie--MISSING"}];

# title: array_to_string empty array
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array_to_string
SELECT ARRAY_TO_STRING(ARRAY<STRING>[], ',') AS text;
[{"text": ""}];

# title: array_to_string null delimiter
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array_to_string
SELECT ARRAY_TO_STRING(['a'], NULL) AS text;
[{"text": null}];

# title: array_to_string empty delimiter
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array_to_string
SELECT ARRAY_TO_STRING(['a', 'b', 'c'], '') AS text;
[{"text": "abc"}];

# title: array_to_string all nulls skipped
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array_to_string
SELECT ARRAY_TO_STRING([CAST(NULL AS STRING), NULL], ',') AS text;
[{"text": ""}];

-- ARRAY_REVERSE

# title: array_reverse doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array_reverse
SELECT ARRAY_REVERSE([1, 2, 3]) AS reverse_arr;
[{"reverse_arr": [3, 2, 1]}];

# title: array_reverse strings
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array_reverse
SELECT ARRAY_REVERSE(['a', 'b']) AS a;
[{"a": ["b", "a"]}];

# title: array_reverse empty
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array_reverse
SELECT ARRAY_REVERSE(ARRAY<INT64>[]) AS a;
[{"a": []}];

# title: array_reverse null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array_reverse
SELECT ARRAY_REVERSE(CAST(NULL AS ARRAY<INT64>)) IS NULL AS n;
[{"n": true}];

-- ARRAY_FIRST, ARRAY_LAST, ARRAY_SLICE

# title: array_first doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array_first
SELECT ARRAY_FIRST(['a', 'b', 'c', 'd']) AS first_element;
[{"first_element": "a"}];

# title: array_last doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array_last
SELECT ARRAY_LAST(['a', 'b', 'c', 'd']) AS last_element;
[{"last_element": "d"}];

# title: array_first empty is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array_first
# error: invalidQuery
SELECT ARRAY_FIRST(ARRAY<INT64>[]) AS x;
empty;

# title: array_last empty is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array_last
# error: invalidQuery
SELECT ARRAY_LAST(ARRAY<INT64>[]) AS x;
empty;

# title: array_first null array
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array_first
SELECT ARRAY_FIRST(CAST(NULL AS ARRAY<INT64>)) AS x;
[{"x": null}];

# title: array_slice 1 to 3
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array_slice
SELECT ARRAY_SLICE(['a', 'b', 'c', 'd', 'e'], 1, 3) AS result;
[{"result": ["b", "c", "d"]}];

# title: array_slice -1 to 3
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array_slice
SELECT ARRAY_SLICE(['a', 'b', 'c', 'd', 'e'], -1, 3) AS result;
[{"result": []}];

# title: array_slice 1 to -3
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array_slice
SELECT ARRAY_SLICE(['a', 'b', 'c', 'd', 'e'], 1, -3) AS result;
[{"result": ["b", "c"]}];

# title: array_slice -1 to -3
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array_slice
SELECT ARRAY_SLICE(['a', 'b', 'c', 'd', 'e'], -1, -3) AS result;
[{"result": []}];

# title: array_slice -3 to -1
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array_slice
SELECT ARRAY_SLICE(['a', 'b', 'c', 'd', 'e'], -3, -1) AS result;
[{"result": ["c", "d", "e"]}];

# title: array_slice 3 to 3
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array_slice
SELECT ARRAY_SLICE(['a', 'b', 'c', 'd', 'e'], 3, 3) AS result;
[{"result": ["d"]}];

# title: array_slice -3 to -3
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array_slice
SELECT ARRAY_SLICE(['a', 'b', 'c', 'd', 'e'], -3, -3) AS result;
[{"result": ["c"]}];

# title: array_slice 1 to 30
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array_slice
SELECT ARRAY_SLICE(['a', 'b', 'c', 'd', 'e'], 1, 30) AS result;
[{"result": ["b", "c", "d", "e"]}];

# title: array_slice 1 to -30
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array_slice
SELECT ARRAY_SLICE(['a', 'b', 'c', 'd', 'e'], 1, -30) AS result;
[{"result": []}];

# title: array_slice -30 to 30
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array_slice
SELECT ARRAY_SLICE(['a', 'b', 'c', 'd', 'e'], -30, 30) AS result;
[{"result": ["a", "b", "c", "d", "e"]}];

# title: array_slice -30 to -5
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array_slice
SELECT ARRAY_SLICE(['a', 'b', 'c', 'd', 'e'], -30, -5) AS result;
[{"result": ["a"]}];

# title: array_slice 5 to 30
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array_slice
SELECT ARRAY_SLICE(['a', 'b', 'c', 'd', 'e'], 5, 30) AS result;
[{"result": []}];

# title: array_slice null offset
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array_slice
SELECT ARRAY_SLICE(['a', 'b', 'c', 'd', 'e'], 1, NULL) IS NULL AS result;
[{"result": true}];

-- GENERATE_ARRAY

# title: generate_array 1 to 5
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#generate_array
SELECT GENERATE_ARRAY(1, 5) AS example_array;
[{"example_array": [1, 2, 3, 4, 5]}];

# title: generate_array step 2
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#generate_array
SELECT GENERATE_ARRAY(0, 10, 3) AS example_array;
[{"example_array": [0, 3, 6, 9]}];

# title: generate_array negative step
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#generate_array
SELECT GENERATE_ARRAY(10, 0, -3) AS example_array;
[{"example_array": [10, 7, 4, 1]}];

# title: generate_array start equals end
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#generate_array
SELECT GENERATE_ARRAY(4, 4, 10) AS example_array;
[{"example_array": [4]}];

# title: generate_array wrong direction is empty
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#generate_array
SELECT GENERATE_ARRAY(10, 0, 3) AS example_array;
[{"example_array": []}];

# title: generate_array null end
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#generate_array
SELECT GENERATE_ARRAY(5, NULL, 1) IS NULL AS is_null;
[{"is_null": true}];

# title: generate_array float step
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#generate_array
SELECT GENERATE_ARRAY(0.0, 1.0, 0.25) AS a;
[{"a": [0.0, 0.25, 0.5, 0.75, 1.0]}];

# title: generate_array float step doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#generate_array
SELECT GENERATE_ARRAY(2, 0, -0.5) AS a;
[{"a": [2.0, 1.5, 1.0, 0.5, 0.0]}];

# title: generate_array zero step is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#generate_array
# error: invalidQuery
SELECT GENERATE_ARRAY(1, 5, 0) AS a;
;

# title: generate_array per row
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#generate_array
SELECT ARRAY_LENGTH(GENERATE_ARRAY(s, 5)) AS n FROM UNNEST([3, 5]) AS s ORDER BY s;
[{"n": 3}, {"n": 1}];

# title: generate_date_array doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#generate_date_array
SELECT GENERATE_DATE_ARRAY('2016-10-05', '2016-10-08') AS example;
[{"example": ["2016-10-05", "2016-10-06", "2016-10-07", "2016-10-08"]}];

# title: generate_date_array interval
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#generate_date_array
SELECT GENERATE_DATE_ARRAY('2016-10-05', '2016-10-09', INTERVAL 2 DAY) AS example;
[{"example": ["2016-10-05", "2016-10-07", "2016-10-09"]}];

# title: generate_date_array month
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#generate_date_array
SELECT GENERATE_DATE_ARRAY('2016-01-01', '2016-04-01', INTERVAL 1 MONTH) AS example;
[{"example": ["2016-01-01", "2016-02-01", "2016-03-01", "2016-04-01"]}];

# title: generate_date_array wrong direction is empty
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#generate_date_array
SELECT GENERATE_DATE_ARRAY('2016-10-05', '2016-10-01', INTERVAL 1 DAY) AS example;
[{"example": []}];

# title: generate_timestamp_array doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#generate_timestamp_array
SELECT GENERATE_TIMESTAMP_ARRAY('2016-10-05 00:00:00', '2016-10-05 00:00:02', INTERVAL 1 SECOND) AS timestamp_array;
[{"timestamp_array": ["2016-10-05T00:00:00+00:00", "2016-10-05T00:00:01+00:00", "2016-10-05T00:00:02+00:00"]}];

-- UNNEST

# title: unnest array of integers
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#unnest_operator
SELECT * FROM UNNEST([1, 2, 3]) AS x;
[{"x": 1}, {"x": 2}, {"x": 3}];

# title: unnest with offset
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#unnest_operator
SELECT x, off FROM UNNEST(['a', 'b']) AS x WITH OFFSET AS off ORDER BY off;
[{"x": "a", "off": 0}, {"x": "b", "off": 1}];

# title: unnest array of structs flattens fields
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#unnest_operator
SELECT * FROM UNNEST([STRUCT(1 AS a, 'x' AS b), STRUCT(2 AS a, 'y' AS b)]) ORDER BY a;
[{"a": 1, "b": "x"}, {"a": 2, "b": "y"}];

# title: unnest array of structs with alias
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#unnest_operator
SELECT s.a FROM UNNEST([STRUCT(1 AS a), STRUCT(2 AS a)]) AS s ORDER BY s.a;
[{"a": 1}, {"a": 2}];

# title: unnest struct column with no alias exposes its fields
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
WITH t AS (SELECT 1 AS id, [STRUCT(1 AS a, 'x' AS b), STRUCT(2 AS a, 'y' AS b)] AS items) SELECT id, a, b FROM t, UNNEST(t.items) ORDER BY a;
[{"id": 1, "a": 1, "b": "x"}, {"id": 1, "a": 2, "b": "y"}];

# title: select star over unaliased unnest of a struct column
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
WITH t AS (SELECT [STRUCT(1 AS a, 'x' AS b)] AS items) SELECT * EXCEPT (items) FROM t CROSS JOIN UNNEST(items);
[{"a": 1, "b": "x"}];

# title: unnest of a struct path with no alias
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
WITH t AS (SELECT [STRUCT(1 AS a, 'x' AS b)] AS items) SELECT b FROM t, t.items;
[{"b": "x"}];

# title: unaliased unnest of a struct column in a left join
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
WITH t AS (SELECT 1 AS id, [STRUCT(7 AS a)] AS items UNION ALL SELECT 2, []) SELECT id, a FROM t LEFT JOIN UNNEST(t.items) ORDER BY id;
[{"id": 1, "a": 7}, {"id": 2, "a": null}];

# title: unaliased unnest of structs with offset
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
SELECT a, b, off FROM UNNEST([STRUCT(1 AS a, 'x' AS b), STRUCT(2 AS a, 'y' AS b)]) WITH OFFSET AS off ORDER BY off;
[{"a": 1, "b": "x", "off": 0}, {"a": 2, "b": "y", "off": 1}];

# title: unnest alias of a struct column is the struct value
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
WITH t AS (SELECT [STRUCT(1 AS a, 'x' AS b)] AS items) SELECT s, s.a FROM t, UNNEST(t.items) AS s;
[{"s": {"a": 1, "b": "x"}, "a": 1}];

# title: unnest alias of structs with offset
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
SELECT s.b, o FROM UNNEST([STRUCT(1 AS a, 'x' AS b), STRUCT(2 AS a, 'y' AS b)]) AS s WITH OFFSET AS o ORDER BY o;
[{"b": "x", "o": 0}, {"b": "y", "o": 1}];

# title: unnest of a stored struct column with no alias
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
CREATE OR REPLACE TABLE ds.unnest_struct_t AS SELECT 1 AS id, [STRUCT('k' AS key, 5 AS value)] AS kv; SELECT id, key, value FROM ds.unnest_struct_t, UNNEST(kv);
[{"id": 1, "key": "k", "value": 5}];

# title: unnest null array is empty
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#unnest_operator
SELECT COUNT(*) AS n FROM UNNEST(CAST(NULL AS ARRAY<INT64>)) AS x;
[{"n": 0}];

# title: unnest keeps null elements
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#unnest_operator
SELECT COUNT(*) AS n FROM UNNEST([1, NULL, 3]) AS x;
[{"n": 3}];

# title: correlated unnest comma join
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#arrays#flattening_arrays
SELECT id, x FROM (SELECT 1 AS id, [10, 20] AS arr UNION ALL SELECT 2, [30]) AS t, UNNEST(t.arr) AS x ORDER BY id, x;
[{"id": 1, "x": 10}, {"id": 1, "x": 20}, {"id": 2, "x": 30}];

# title: correlated unnest cross join drops empty arrays
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#arrays#flattening_arrays
SELECT id FROM (SELECT 1 AS id, [10] AS arr UNION ALL SELECT 2, ARRAY<INT64>[]) AS t CROSS JOIN UNNEST(t.arr) AS x;
[{"id": 1}];

# title: correlated unnest left join keeps empty arrays
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#arrays#flattening_arrays
SELECT id, x FROM (SELECT 1 AS id, [10] AS arr UNION ALL SELECT 2, ARRAY<INT64>[]) AS t LEFT JOIN UNNEST(t.arr) AS x ORDER BY id;
[{"id": 1, "x": 10}, {"id": 2, "x": null}];

# title: unnest implicit alias from path
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#arrays#flattening_arrays
SELECT SUM(x) AS total FROM (SELECT [1, 2, 3] AS arr) AS t, t.arr AS x;
[{"total": 6}];

-- IN UNNEST and EXISTS

# title: in unnest true
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#in_operators
SELECT 2 IN UNNEST([0, 1, 1, 2, 3, 5]) AS contains_value;
[{"contains_value": true}];

# title: in unnest false
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#in_operators
SELECT 4 IN UNNEST([0, 1, 1, 2, 3, 5]) AS contains_value;
[{"contains_value": false}];

# title: in unnest with null element not found is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#in_operators
SELECT 4 IN UNNEST([1, NULL]) AS v;
[{"v": null}];

# title: in unnest empty array is false
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#in_operators
SELECT 1 IN UNNEST(ARRAY<INT64>[]) AS v;
[{"v": false}];

# title: not in unnest
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#in_operators
SELECT 4 NOT IN UNNEST([1, 2]) AS v;
[{"v": true}];

# title: in unnest in where
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#arrays#scanning_arrays
SELECT id FROM (SELECT 1 AS id, [1, 2] AS a UNION ALL SELECT 2, [3]) WHERE 2 IN UNNEST(a);
[{"id": 1}];

# title: exists over unnest
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#arrays#scanning_arrays
SELECT id FROM (SELECT 1 AS id, [1, 5] AS a UNION ALL SELECT 2, [3]) AS t WHERE EXISTS(SELECT * FROM UNNEST(t.a) AS x WHERE x > 4);
[{"id": 1}];

# title: exists over empty unnest is false
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#arrays#scanning_arrays
SELECT EXISTS(SELECT * FROM UNNEST(ARRAY<INT64>[]) AS x) AS e;
[{"e": false}];

-- array subscripts and comparisons

# title: offset subscript
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#array_subscript_operator
SELECT ['coffee', 'tea', 'milk'][OFFSET(1)] AS item;
[{"item": "tea"}];

# title: ordinal subscript
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#array_subscript_operator
SELECT ['coffee', 'tea', 'milk'][ORDINAL(1)] AS item;
[{"item": "coffee"}];

# title: bare index is offset
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#array_subscript_operator
SELECT ['coffee', 'tea', 'milk'][2] AS item;
[{"item": "milk"}];

# title: safe_offset out of range
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#array_subscript_operator
SELECT ['coffee', 'tea', 'milk'][SAFE_OFFSET(6)] AS item;
[{"item": null}];

# title: offset out of range is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#array_subscript_operator
# error: invalidQuery
SELECT ['coffee', 'tea', 'milk'][OFFSET(6)] AS item;
Array index 6 is out of bounds;

# title: array_length in where
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#array_functions#array_length
SELECT COUNT(*) AS n FROM (SELECT [1, 2] AS a UNION ALL SELECT [3]) WHERE ARRAY_LENGTH(a) > 1;
[{"n": 1}];
