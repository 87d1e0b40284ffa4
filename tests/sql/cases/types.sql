-- literals

# title: integer literal
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#lexical#integer_literals
SELECT 123 AS v;
[{"v": 123}];

# title: hex integer literal
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#lexical#integer_literals
SELECT 0xFF AS v;
[{"v": 255}];

# title: negative integer literal
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#lexical#integer_literals
SELECT -42 AS v;
[{"v": -42}];

# title: max int64 literal
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#lexical#integer_literals
SELECT 9223372036854775807 AS v;
[{"v": 9223372036854775807}];

# title: float literal
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#lexical#floating_point_literals
SELECT 1.5 AS v;
[{"v": 1.5}];

# title: float exponent literal
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#lexical#floating_point_literals
SELECT 1e3 AS v;
[{"v": 1000.0}];

# title: float leading dot literal
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#lexical#floating_point_literals
SELECT .5 AS v;
[{"v": 0.5}];

# title: numeric literal
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#lexical#numeric_literals
SELECT NUMERIC '1.25' AS v;
[{"v": "1.25"}];

# title: bignumeric literal
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#lexical#bignumeric_literals
SELECT BIGNUMERIC '2.5' AS v;
[{"v": "2.5"}];

# title: string literal single quotes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#lexical#string_and_bytes_literals
SELECT 'abc' AS v;
[{"v": "abc"}];

# title: string literal double quotes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#lexical#string_and_bytes_literals
SELECT "abc" AS v;
[{"v": "abc"}];

# title: triple quoted string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#lexical#string_and_bytes_literals
SELECT '''a'b''' AS v;
[{"v": "a'b"}];

# title: raw string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#lexical#string_and_bytes_literals
SELECT r'a\nb' AS v;
[{"v": "a\\nb"}];

# title: escape sequence newline
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#lexical#escape_sequences
SELECT 'a\nb' AS v;
[{"v": "a\nb"}];

# title: escape sequence unicode
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#lexical#escape_sequences
SELECT '\u00e9' AS v;
[{"v": "é"}];

# title: bytes literal
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#lexical#string_and_bytes_literals
SELECT b'abc' AS v;
[{"v": "YWJj"}];

# title: boolean literals
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#lexical#boolean_literals
SELECT TRUE AS t, FALSE AS f;
[{"t": true, "f": false}];

# title: date literal
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#lexical#date_literals
SELECT DATE '2014-09-27' AS v;
[{"v": "2014-09-27"}];

# title: time literal
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#lexical#time_literals
SELECT TIME '12:30:00.45' AS v;
[{"v": "12:30:00.450000"}];

# title: datetime literal
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#lexical#datetime_literals
SELECT DATETIME '2014-09-27 12:30:00.45' AS v;
[{"v": "2014-09-27T12:30:00.450000"}];

# title: timestamp literal utc
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#lexical#timestamp_literals
SELECT TIMESTAMP '2014-09-27 12:30:00+00' AS v;
[{"v": "2014-09-27T12:30:00+00:00"}];

# title: timestamp literal with offset
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#lexical#timestamp_literals
SELECT TIMESTAMP '2014-09-27 12:30:00-08' AS v;
[{"v": "2014-09-27T20:30:00+00:00"}];

# title: timestamp literal without zone is utc
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#lexical#timestamp_literals
SELECT TIMESTAMP '2014-09-27 12:30:00' AS v;
[{"v": "2014-09-27T12:30:00+00:00"}];

# title: null literal
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#lexical#null_literals
SELECT NULL AS v;
[{"v": null}];

# title: interval literal
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#lexical#interval_literals
SELECT EXTRACT(DAY FROM INTERVAL 5 DAY) AS v;
[{"v": 5}];

# title: invalid date literal is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#lexical#date_literals
# error: invalidQuery
SELECT DATE '2014-13-01' AS v;
;

-- supertypes and coercion

# title: case int and float is float
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#conversion_rules#supertypes
SELECT CASE WHEN TRUE THEN 1 ELSE 2.5 END AS v;
[{"v": 1.0}];

# title: if int and float is float
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#conversion_rules#supertypes
SELECT IF(FALSE, 1, 2.5) AS v;
[{"v": 2.5}];

# title: coalesce int and float
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#conversion_rules#supertypes
SELECT COALESCE(NULL, 1, 2.5) AS v;
[{"v": 1.0}];

# title: case int and numeric is numeric
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#conversion_rules#supertypes
SELECT CASE WHEN TRUE THEN 1 ELSE NUMERIC '2.5' END AS v;
[{"v": "1"}];

# title: in list int and float
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#conversion_rules#supertypes
SELECT 1 IN (1.0, 2.5) AS v;
[{"v": true}];

# title: int plus float is float
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#arithmetic_operators
SELECT 1 + 1.5 AS v;
[{"v": 2.5}];

# title: int division is float
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#arithmetic_operators
SELECT 7 / 2 AS v;
[{"v": 3.5}];

# title: int plus numeric is numeric
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#arithmetic_operators
SELECT 1 + NUMERIC '1.5' AS v;
[{"v": "2.5"}];

# title: numeric plus float is float
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#arithmetic_operators
SELECT NUMERIC '1.5' + 1.5 AS v;
[{"v": 3.0}];

# title: string literal coerces to date
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#conversion_rules#coercion
SELECT DATE '2024-01-02' = '2024-01-02' AS v;
[{"v": true}];

# title: string literal coerces to timestamp
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#conversion_rules#coercion
SELECT TIMESTAMP '2024-01-02 00:00:00+00' > '2024-01-01' AS v;
[{"v": true}];

# title: case with null branch takes other type
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#conversion_rules#supertypes
SELECT CASE WHEN FALSE THEN NULL ELSE 'x' END AS v;
[{"v": "x"}];

# title: string and int in case is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#conversion_rules#supertypes
# error: invalidQuery
SELECT CASE WHEN TRUE THEN 'a' ELSE 1 END AS v;
;

# title: array literal supertype
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#conversion_rules#supertypes
SELECT [1, NUMERIC '1.5'] AS v;
[{"v": ["1", "1.5"]}];

-- comparisons

# title: int equals float
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#comparison_operators
SELECT 1 = 1.0 AS v;
[{"v": true}];

# title: string comparison is byte order
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#comparison_operators
SELECT 'B' < 'a' AS v;
[{"v": true}];

# title: string comparison is case sensitive
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#comparison_operators
SELECT 'a' = 'A' AS v;
[{"v": false}];

# title: date comparison
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#comparison_operators
SELECT DATE '2024-01-01' < DATE '2024-01-02' AS v;
[{"v": true}];

# title: between
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#comparison_operators
SELECT 5 BETWEEN 1 AND 10 AS v;
[{"v": true}];

# title: not between
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#comparison_operators
SELECT 5 NOT BETWEEN 1 AND 3 AS v;
[{"v": true}];

# title: nan equals nan is false
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-types#floating_point_semantics
# notimpl: DuckDB treats NaN as equal to NaN
SELECT CAST('NaN' AS FLOAT64) = CAST('NaN' AS FLOAT64) AS v;
[{"v": false}];

# title: inf greater than max
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-types#floating_point_semantics
SELECT CAST('inf' AS FLOAT64) > 1e308 AS v;
[{"v": true}];

# title: bool ordering
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-types#boolean_type
SELECT FALSE < TRUE AS v;
[{"v": true}];

# title: is distinct from nulls
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#is_distinct
SELECT NULL IS DISTINCT FROM NULL AS a, 1 IS DISTINCT FROM NULL AS b;
[{"a": false, "b": true}];

# title: is not distinct from
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#is_distinct
SELECT NULL IS NOT DISTINCT FROM NULL AS v;
[{"v": true}];

# title: like operator
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#like_operator
SELECT 'apple' LIKE 'a%' AS a, 'apple' LIKE '_pple' AS b, 'apple' LIKE 'b%' AS c;
[{"a": true, "b": true, "c": false}];

# title: bytes vs string comparison is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#comparison_operators
# error: invalidQuery
SELECT b'a' = 'a' AS v;
;

# title: bytes comparison
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#comparison_operators
SELECT b'a' < b'b' AS v;
[{"v": true}];

# title: string to int comparison is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#comparison_operators
# error: invalidQuery
SELECT 'a' = 1 AS v;
;

-- NULL semantics

# title: null equals null is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#comparison_operators
SELECT NULL = NULL AS v;
[{"v": null}];

# title: null comparison is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#comparison_operators
SELECT 1 < NULL AS v;
[{"v": null}];

# title: true and null is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#logical_operators
SELECT TRUE AND NULL AS v;
[{"v": null}];

# title: false and null is false
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#logical_operators
SELECT FALSE AND NULL AS v;
[{"v": false}];

# title: true or null is true
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#logical_operators
SELECT TRUE OR NULL AS v;
[{"v": true}];

# title: false or null is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#logical_operators
SELECT FALSE OR NULL AS v;
[{"v": null}];

# title: not null is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#logical_operators
SELECT NOT CAST(NULL AS BOOL) AS v;
[{"v": null}];

# title: null arithmetic is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#arithmetic_operators
SELECT 1 + NULL AS v;
[{"v": null}];

# title: is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#is_operators
SELECT NULL IS NULL AS a, 1 IS NULL AS b;
[{"a": true, "b": false}];

# title: is true on null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#is_operators
SELECT CAST(NULL AS BOOL) IS TRUE AS a, CAST(NULL AS BOOL) IS NOT FALSE AS b;
[{"a": false, "b": true}];

# title: in list with null not found is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#in_operators
SELECT 3 IN (1, NULL) AS v;
[{"v": null}];

# title: in list with null found is true
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#in_operators
SELECT 1 IN (1, NULL) AS v;
[{"v": true}];

# title: not in list with null is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#in_operators
SELECT 3 NOT IN (1, NULL) AS v;
[{"v": null}];

# title: null in empty list
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#in_operators
SELECT NULL IN UNNEST(ARRAY<INT64>[]) AS v;
[{"v": false}];

# title: case when null is not true
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#conditional_expressions#case
SELECT CASE WHEN NULL THEN 'y' ELSE 'n' END AS v;
[{"v": "n"}];

# title: case value null does not match null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#conditional_expressions#case_expr
SELECT CASE CAST(NULL AS INT64) WHEN NULL THEN 'match' ELSE 'no' END AS v;
[{"v": "no"}];

# title: count ignores nulls
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#aggregate_functions#count
SELECT COUNT(x) AS n, COUNT(*) AS m FROM UNNEST([1, NULL, 2]) AS x;
[{"n": 2, "m": 3}];

# title: concat with null is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#string_functions#concat
SELECT CONCAT('a', NULL) AS v;
[{"v": null}];

# title: string || null is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#concatenation_operator
SELECT 'a' || NULL AS v;
[{"v": null}];

# title: ifnull
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#conditional_expressions#ifnull
SELECT IFNULL(NULL, 0) AS v;
[{"v": 0}];

# title: nullif
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#conditional_expressions#nullif
SELECT NULLIF(0, 0) AS a, NULLIF(1, 0) AS b;
[{"a": null, "b": 1}];

-- CAST between types

# title: cast int to string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#conversion_functions#cast
SELECT CAST(42 AS STRING) AS v;
[{"v": "42"}];

# title: cast string to int
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#conversion_functions#cast
SELECT CAST('42' AS INT64) AS v;
[{"v": 42}];

# title: cast bad string to int is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#conversion_functions#cast
# error: invalidQuery
SELECT CAST('x' AS INT64) AS v;
;

# title: safe_cast bad string to int is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#conversion_functions#safe_casting
SELECT SAFE_CAST('x' AS INT64) AS v;
[{"v": null}];

# title: cast bool to string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#conversion_functions#cast
SELECT CAST(TRUE AS STRING) AS v;
[{"v": "true"}];

# title: cast int to bool
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#conversion_functions#cast
SELECT CAST(0 AS BOOL) AS a, CAST(5 AS BOOL) AS b;
[{"a": false, "b": true}];

# title: cast string to bytes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#conversion_functions#cast
SELECT CAST('abc' AS BYTES) AS v;
[{"v": "YWJj"}];

# title: cast float to int rounds
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#conversion_functions#cast
SELECT CAST(2.6 AS INT64) AS v;
[{"v": 3}];

# title: cast string to date
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#conversion_functions#cast
SELECT CAST('2024-03-04' AS DATE) AS v;
[{"v": "2024-03-04"}];

# title: cast array elements
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#conversion_functions#cast
SELECT CAST([1, 2] AS ARRAY<STRING>) AS v;
[{"v": ["1", "2"]}];

# title: cast struct
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#conversion_functions#cast
SELECT CAST(STRUCT(1 AS a) AS STRUCT<a STRING>) AS v;
[{"v": {"a": "1"}}];

# title: bytes vs string inequality is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#comparison_operators
# error: invalidQuery
SELECT 'a' < b'b' AS v;
No matching signature for operator < for argument types: STRING, BYTES;
