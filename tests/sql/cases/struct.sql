-- constructors

# title: typed struct constructor
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-types#constructing_a_struct
SELECT STRUCT<a INT64, b STRING>(1, 'x') AS s;
[{"s": {"a": 1, "b": "x"}}];

# title: typed struct coerces int to float
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-types#constructing_a_struct
SELECT STRUCT<x FLOAT64>(1) AS s;
[{"s": {"x": 1.0}}];

# title: typed struct with null field
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-types#constructing_a_struct
SELECT STRUCT<a INT64, b STRING>(1, NULL) AS s;
[{"s": {"a": 1, "b": null}}];

# title: named struct constructor
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-types#constructing_a_struct
SELECT STRUCT(1 AS a, 'abc' AS b) AS s;
[{"s": {"a": 1, "b": "abc"}}];

# title: struct field names inferred from columns
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-types#constructing_a_struct
SELECT STRUCT(x, y) AS s FROM (SELECT 1 AS x, 'y' AS y);
[{"s": {"x": 1, "y": "y"}}];

# title: struct with array field
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-types#constructing_a_struct
SELECT STRUCT([1, 2] AS arr, 'k' AS key) AS s;
[{"s": {"arr": [1, 2], "key": "k"}}];

# title: nested struct
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-types#constructing_a_struct
SELECT STRUCT(1 AS a, STRUCT(2 AS c, 'd' AS d) AS b) AS s;
[{"s": {"a": 1, "b": {"c": 2, "d": "d"}}}];

# title: struct of null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-types#constructing_a_struct
SELECT STRUCT(CAST(NULL AS INT64) AS a) AS s;
[{"s": {"a": null}}];

# title: null struct
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-types#struct_type
SELECT CAST(NULL AS STRUCT<a INT64>) AS s;
[{"s": null}];

# title: struct of date and timestamp
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-types#constructing_a_struct
SELECT STRUCT(DATE '2024-01-02' AS d, TIMESTAMP '2024-01-02 03:04:05+00' AS t) AS s;
[{"s": {"d": "2024-01-02", "t": "2024-01-02T03:04:05+00:00"}}];

# title: array of typed structs
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-types#constructing_a_struct
SELECT ARRAY<STRUCT<a INT64, b STRING>>[(1, 'x'), (2, 'y')] AS arr;
[{"arr": [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}]}];

# title: struct of float and bool
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-types#constructing_a_struct
SELECT STRUCT(1.5 AS f, TRUE AS b) AS s;
[{"s": {"f": 1.5, "b": true}}];

# title: typed struct with nested typed struct
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-types#constructing_a_struct
SELECT STRUCT<a INT64, b STRUCT<c STRING>>(1, STRUCT('z')) AS s;
[{"s": {"a": 1, "b": {"c": "z"}}}];

-- field access

# title: dot field access
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#field_access_operator
SELECT STRUCT(1 AS a, 'x' AS b).b AS v;
[{"v": "x"}];

# title: field access through a column
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#field_access_operator
SELECT s.a AS a FROM (SELECT STRUCT(7 AS a) AS s);
[{"a": 7}];

# title: nested field access
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#field_access_operator
SELECT s.b.c AS c FROM (SELECT STRUCT(1 AS a, STRUCT(2 AS c) AS b) AS s);
[{"c": 2}];

# title: table qualified struct field access
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#field_access_operator
SELECT t.s.a AS a FROM (SELECT STRUCT(3 AS a) AS s) AS t;
[{"a": 3}];

# title: field access on null struct is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#field_access_operator
SELECT s.a AS a FROM (SELECT CAST(NULL AS STRUCT<a INT64>) AS s);
[{"a": null}];

# title: struct star expansion
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#select_expression_star
SELECT s.* FROM (SELECT STRUCT(1 AS a, 'x' AS b) AS s);
[{"a": 1, "b": "x"}];

# title: field of unnested struct array
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#arrays#querying_nested_arrays
SELECT p.name FROM UNNEST([STRUCT('Ann' AS name, 30 AS age), STRUCT('Bob' AS name, 40 AS age)]) AS p WHERE p.age > 35;
[{"name": "Bob"}];

# title: field access in where
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#field_access_operator
SELECT COUNT(*) AS n FROM UNNEST([STRUCT(1 AS a), STRUCT(2 AS a), STRUCT(3 AS a)]) AS s WHERE s.a >= 2;
[{"n": 2}];

# title: unknown field is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#field_access_operator
# error: invalidQuery
SELECT s.zz FROM (SELECT STRUCT(1 AS a) AS s);
zz;

# title: array field of struct
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#field_access_operator
SELECT ARRAY_LENGTH(s.arr) AS n FROM (SELECT STRUCT([1, 2, 3] AS arr) AS s);
[{"n": 3}];

-- comparison

# title: struct equality true
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#comparison_operators
SELECT STRUCT(1 AS a, 'x' AS b) = STRUCT(1 AS a, 'x' AS b) AS eq;
[{"eq": true}];

# title: struct equality false
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#comparison_operators
SELECT STRUCT(1 AS a, 'x' AS b) = STRUCT(1 AS a, 'y' AS b) AS eq;
[{"eq": false}];

# title: struct inequality
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#comparison_operators
SELECT STRUCT(1 AS a, 2 AS b) != STRUCT(1 AS a, 3 AS b) AS ne;
[{"ne": true}];

# title: struct equality ignores field names
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#comparison_operators
SELECT STRUCT(1 AS a, 2 AS b) = STRUCT(1 AS x, 2 AS y) AS eq;
[{"eq": true}];

# title: struct equality with null field is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#comparison_operators
SELECT STRUCT(1 AS a, CAST(NULL AS INT64) AS b) = STRUCT(1 AS a, 2 AS b) AS eq;
[{"eq": null}];

# title: struct inequality by position
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#comparison_operators
SELECT STRUCT(1, 'a') != STRUCT(1, 'b') AS ne, STRUCT(1 AS a, 'x' AS b) != STRUCT(1 AS p, 'x' AS q) AS same;
[{"ne": true, "same": false}];

# title: struct equality with a differing field and a null field is false
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#comparison_operators
SELECT STRUCT(1 AS a, CAST(NULL AS INT64) AS b) = STRUCT(2 AS a, 2 AS b) AS eq;
[{"eq": false}];

# title: field of a null struct is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#field_access_operator
SELECT CAST(NULL AS STRUCT<a INT64, b STRING>).a AS a;
[{"a": null}];

# title: field of a null struct column is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#field_access_operator
SELECT s.b FROM (SELECT CAST(NULL AS STRUCT<a INT64, b STRING>) AS s UNION ALL SELECT STRUCT(1, 'x'));
[{"b": null}, {"b": "x"}];

# title: struct of column references keeps their names
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#constructing_a_struct
SELECT STRUCT(t.id, t.name).name AS n FROM (SELECT 1 AS id, 'ann' AS name) AS t;
[{"n": "ann"}];

# title: struct equality with null field and unequal field is false
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#comparison_operators
SELECT STRUCT(1 AS a, CAST(NULL AS INT64) AS b) = STRUCT(2 AS a, 2 AS b) AS eq;
[{"eq": false}];

# title: struct in list
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#in_operators
SELECT STRUCT(1 AS a, 2 AS b) IN (STRUCT(1 AS a, 2 AS b), STRUCT(3 AS a, 4 AS b)) AS found;
[{"found": true}];

# title: struct not in list
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#in_operators
SELECT STRUCT(5 AS a, 6 AS b) IN (STRUCT(1 AS a, 2 AS b), STRUCT(3 AS a, 4 AS b)) AS found;
[{"found": false}];

# title: struct in unnest
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#in_operators
SELECT STRUCT(3 AS a, 4 AS b) IN UNNEST([STRUCT(1 AS a, 2 AS b), STRUCT(3 AS a, 4 AS b)]) AS found;
[{"found": true}];

-- SELECT AS STRUCT and SELECT AS VALUE

# title: select as struct in scalar subquery
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#select_as_struct
SELECT (SELECT AS STRUCT 1 AS a, 'x' AS b) AS s;
[{"s": {"a": 1, "b": "x"}}];

# title: select as struct in array subquery
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#select_as_struct
SELECT ARRAY(SELECT AS STRUCT x AS v, x * 2 AS w FROM UNNEST([1, 2]) AS x ORDER BY x) AS arr;
[{"arr": [{"v": 1, "w": 2}, {"v": 2, "w": 4}]}];

# title: select as struct field access
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#select_as_struct
SELECT (SELECT AS STRUCT 1 AS a, 2 AS b).b AS b;
[{"b": 2}];

# title: select as value struct
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#select_as_value
SELECT AS VALUE STRUCT(1 AS a, 2 AS b);
[{"a": 1, "b": 2}];

# title: select as value in array subquery
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#select_as_value
SELECT ARRAY(SELECT AS VALUE STRUCT(x AS v) FROM UNNEST([1, 2]) AS x ORDER BY x) AS arr;
[{"arr": [{"v": 1}, {"v": 2}]}];

# title: select as value scalar in subquery
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#select_as_value
SELECT (SELECT AS VALUE 5) AS v;
[{"v": 5}];

-- struct grouping and ordering rules

# title: group by struct is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-types#groupable_data_types
# error: invalidQuery
# notimpl: needs column types: DuckDB groups by STRUCT values
SELECT s FROM (SELECT STRUCT(1 AS a) AS s) GROUP BY s;
;

# title: order by struct is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-types#orderable_data_types
# error: invalidQuery
# notimpl: needs column types: DuckDB orders STRUCT values
SELECT s FROM (SELECT STRUCT(1 AS a) AS s) ORDER BY s;
;

# title: group by struct field is fine
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-types#groupable_data_types
SELECT s.a, COUNT(*) AS n FROM UNNEST([STRUCT(1 AS a), STRUCT(1 AS a), STRUCT(2 AS a)]) AS s GROUP BY s.a ORDER BY s.a;
[{"a": 1, "n": 2}, {"a": 2, "n": 1}];

# title: order by struct field is fine
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-types#orderable_data_types
SELECT s.a FROM UNNEST([STRUCT(2 AS a), STRUCT(1 AS a)]) AS s ORDER BY s.a;
[{"a": 1}, {"a": 2}];

-- structs in tables

# title: struct column in a table
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-types#struct_type
CREATE OR REPLACE TABLE ds.struct_t1 (id INT64, s STRUCT<a INT64, b STRING>); INSERT INTO ds.struct_t1 VALUES (1, STRUCT(10, 'x')), (2, (20, 'y')); SELECT id, s.a, s.b FROM ds.struct_t1 ORDER BY id;
[{"id": 1, "a": 10, "b": "x"}, {"id": 2, "a": 20, "b": "y"}];

# title: struct column read back whole
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-types#struct_type
CREATE OR REPLACE TABLE ds.struct_t2 AS SELECT STRUCT(1 AS a, [1, 2] AS arr) AS s; SELECT s FROM ds.struct_t2;
[{"s": {"a": 1, "arr": [1, 2]}}];

# title: update a struct field by assigning the struct
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#update_statement
CREATE OR REPLACE TABLE ds.struct_t3 AS SELECT STRUCT(1 AS a, 'x' AS b) AS s; UPDATE ds.struct_t3 SET s = STRUCT(s.a + 1 AS a, s.b AS b) WHERE TRUE; SELECT s.a FROM ds.struct_t3;
[{"a": 2}];

# title: array of struct column
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-types#struct_type
CREATE OR REPLACE TABLE ds.struct_t4 AS SELECT [STRUCT(1 AS a), STRUCT(2 AS a)] AS items; SELECT SUM(i.a) AS total FROM ds.struct_t4, UNNEST(items) AS i;
[{"total": 3}];
