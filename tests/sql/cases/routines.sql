-- Routines: SQL and JavaScript UDFs, table functions, procedures

# title: temp sql function
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/user-defined-functions#sql_udf_structure
CREATE TEMP FUNCTION AddFourAndDivide(x INT64, y INT64) RETURNS FLOAT64 AS ((x + 4) / y); SELECT val, AddFourAndDivide(val, 2) AS r FROM UNNEST([2, 3, 5, 8]) AS val ORDER BY val;
[{"val": 2, "r": 3.0}, {"val": 3, "r": 3.5}, {"val": 5, "r": 4.5}, {"val": 8, "r": 6.0}];

# title: temp js function
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/user-defined-functions#javascript_udf_structure
CREATE TEMP FUNCTION multiplyInputs(x FLOAT64, y FLOAT64) RETURNS FLOAT64 LANGUAGE js AS r"""return x*y;"""; SELECT multiplyInputs(3, 15) AS product;
[{"product": 45.0}];

# title: js function plus one over an array
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/user-defined-functions#javascript_udf_structure
CREATE TEMP FUNCTION plusOne(x FLOAT64) RETURNS FLOAT64 LANGUAGE js AS "return x+1;"; SELECT val, plusOne(val) AS result FROM UNNEST([1, 2, 3]) AS val ORDER BY val;
[{"val": 1, "result": 2.0}, {"val": 2, "result": 3.0}, {"val": 3, "result": 4.0}];

# title: js function sums fields of a json string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/user-defined-functions#javascript_udf_structure
CREATE TEMP FUNCTION SumFieldsNamedFoo(json_row STRING) RETURNS FLOAT64 LANGUAGE js AS r"""function SumFoo(obj) { var sum = 0; for (var field in obj) { if (obj.hasOwnProperty(field) && obj[field] != null) { if (typeof obj[field] == "object") { sum += SumFoo(obj[field]); } else if (field == "foo") { sum += obj[field]; } } } return sum; } return SumFoo(JSON.parse(json_row));"""; SELECT SumFieldsNamedFoo('{"s":{"foo":1,"bar":2,"baz":{"x":"foo","foo":3.14}},"foo":10}') AS foo_sum;
[{"foo_sum": 14.14}];

# title: js null argument arrives as null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/user-defined-functions#supported_javascript_udf_data_types
CREATE TEMP FUNCTION isNull(s STRING) RETURNS BOOL LANGUAGE js AS "return s === null;"; SELECT isNull(NULL) AS a, isNull('x') AS b;
[{"a": true, "b": false}];

# title: js struct argument is an object and array an array
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/user-defined-functions#supported_javascript_udf_data_types
CREATE TEMP FUNCTION shape(s STRUCT<name STRING, tags ARRAY<STRING>>) RETURNS STRING LANGUAGE js AS "return s.name + ':' + s.tags.join('+');"; SELECT shape(STRUCT('n' AS name, ['a', 'b'] AS tags)) AS r;
[{"r": "n:a+b"}];

# title: js int64 return accepts a string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/user-defined-functions#supported_javascript_udf_data_types
CREATE TEMP FUNCTION big() RETURNS INT64 LANGUAGE js AS "return '9007199254740993';"; SELECT big() AS r;
[{"r": 9007199254740993}];

# title: js bytes arrive base64 encoded
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/user-defined-functions#supported_javascript_udf_data_types
CREATE TEMP FUNCTION b64(b BYTES) RETURNS STRING LANGUAGE js AS "return b;"; SELECT b64(b'abc') AS r;
[{"r": "YWJj"}];

# title: js timestamp is a date object
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/user-defined-functions#supported_javascript_udf_data_types
CREATE TEMP FUNCTION year(t TIMESTAMP) RETURNS FLOAT64 LANGUAGE js AS "return t.getUTCFullYear();"; SELECT year(TIMESTAMP '2021-06-01 12:00:00+00') AS r;
[{"r": 2021.0}];

# title: js int64 argument is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/user-defined-functions#supported_javascript_udf_data_types
# error: invalidQuery
CREATE TEMP FUNCTION f(x INT64) RETURNS INT64 LANGUAGE js AS "return x;"; SELECT f(1);
INT64 is not supported;

# title: js library option is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/user-defined-functions#including-javascript-libraries
# error: invalidQuery
CREATE TEMP FUNCTION f(x FLOAT64) RETURNS FLOAT64 LANGUAGE js OPTIONS (library=['gs://my-bucket/lib1.js']) AS "return x;"; SELECT f(1);
libraries;

# title: js exception is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/user-defined-functions#javascript_udf_structure
# error: invalidQuery
CREATE TEMP FUNCTION boom(x FLOAT64) RETURNS FLOAT64 LANGUAGE js AS "throw new Error('no');"; SELECT boom(1);
Error: no;

# title: persistent sql function
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/user-defined-functions#sql_udf_structure
CREATE OR REPLACE FUNCTION ds.rt_add_four(x INT64) AS (x + 4); SELECT ds.rt_add_four(1) AS r;
[{"r": 5}];

# title: persistent js function
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/user-defined-functions#javascript_udf_structure
CREATE OR REPLACE FUNCTION ds.rt_js_upper(s STRING) RETURNS STRING LANGUAGE js AS "return s.toUpperCase();"; SELECT ds.rt_js_upper('abc') AS r;
[{"r": "ABC"}];

# title: table function
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-definition-language#create_table_function_statement
CREATE OR REPLACE TABLE FUNCTION ds.rt_numbers(n INT64) AS SELECT x FROM UNNEST(GENERATE_ARRAY(1, n)) AS x; SELECT SUM(x) AS s FROM ds.rt_numbers(4);
[{"s": 10}];

# title: table function returns table
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-definition-language#create_table_function_statement
CREATE OR REPLACE TABLE FUNCTION ds.rt_typed(n INT64) RETURNS TABLE<x FLOAT64> AS SELECT n AS x; SELECT x FROM ds.rt_typed(2);
[{"x": 2.0}];

# title: unknown table function is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-definition-language#create_table_function_statement
# error: invalidQuery
SELECT * FROM ds.rt_no_such_function(1);
Table-valued function not found;

# title: procedure with out argument
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-definition-language#create_procedure
CREATE OR REPLACE PROCEDURE ds.rt_square(IN x INT64, OUT y INT64) BEGIN SET y = x * x; END; DECLARE r INT64; CALL ds.rt_square(7, r); SELECT r;
[{"r": 49}];

# title: procedure inout argument
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/procedural-language#call
CREATE OR REPLACE PROCEDURE ds.rt_append(INOUT s STRING, suffix STRING) BEGIN SET s = CONCAT(s, suffix); END; DECLARE v STRING DEFAULT 'a'; CALL ds.rt_append(v, 'b'); CALL ds.rt_append(v, 'c'); SELECT v;
[{"v": "abc"}];

# title: call with wrong argument count is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/procedural-language#call
# error: invalidQuery
CREATE OR REPLACE PROCEDURE ds.rt_one(x INT64) BEGIN SELECT x; END; CALL ds.rt_one(1, 2);
takes 1 argument;

# title: call of a missing procedure is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/procedural-language#call
# error: notFound
CALL ds.rt_missing_procedure();
Not found: Procedure;

-- Script variables and column names

# title: a column shadows a script variable of the same name
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/procedural-language#declare
DECLARE x INT64 DEFAULT 5; SELECT x FROM (SELECT 1 AS x);
[{"x": 1}];

# title: a script variable is used where no column has its name
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/procedural-language#declare
DECLARE y INT64 DEFAULT 5; SELECT x + y AS s FROM (SELECT 1 AS x);
[{"s": 6}];

# title: a table column shadows a script variable in where
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/procedural-language#declare
CREATE OR REPLACE TABLE ds.rt_shadow AS SELECT 1 AS id, 'a' AS name UNION ALL SELECT 2, 'b'; DECLARE id INT64 DEFAULT 2; DECLARE wanted INT64 DEFAULT 2; SELECT name FROM ds.rt_shadow WHERE id = wanted;
[{"name": "b"}];

# title: an outer query column shadows a script variable in a subquery
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/procedural-language#declare
DECLARE x INT64 DEFAULT 5; SELECT (SELECT x) AS v FROM (SELECT 1 AS x);
[{"v": 1}];

# title: a script variable outside the query that has the column
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/procedural-language#declare
DECLARE x INT64 DEFAULT 5; SELECT x AS v, (SELECT MAX(x) FROM (SELECT 1 AS x)) AS m;
[{"v": 5, "m": 1}];

# title: a cte column shadows a script variable
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/procedural-language#declare
DECLARE n INT64 DEFAULT 10; WITH c AS (SELECT 3 AS n) SELECT n FROM c;
[{"n": 3}];

# title: a table column shadows a script variable in update
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/procedural-language#declare
CREATE OR REPLACE TABLE ds.rt_shadow_u AS SELECT 1 AS k, 10 AS v; DECLARE v INT64 DEFAULT 99; UPDATE ds.rt_shadow_u SET k = v WHERE TRUE; SELECT k FROM ds.rt_shadow_u;
[{"k": 10}];
