-- Query parameters (REST queryParameters) and user-visible errors

# title: named int64 parameter
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#query_parameters
# params: [{"name": "n", "parameterType": {"type": "INT64"}, "parameterValue": {"value": "41"}}]
SELECT @n + 1 AS v;
[{"v": 42}];

# title: null string parameter keeps its type
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#query_parameters
# params: [{"name": "s", "parameterType": {"type": "STRING"}, "parameterValue": {}}]
SELECT @s IS NULL AS is_null, CONCAT(@s, 'x') AS c;
[{"is_null": true, "c": null}];

# title: empty array parameter keeps its type
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#query_parameters
# params: [{"name": "a", "parameterType": {"type": "ARRAY", "arrayType": {"type": "INT64"}}, "parameterValue": {"arrayValues": []}}]
SELECT ARRAY_LENGTH(@a) AS n, 1 IN UNNEST(@a) AS has_one;
[{"n": 0, "has_one": false}];

# title: positional parameters
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#query_parameters
# params: [{"parameterType": {"type": "STRING"}, "parameterValue": {"value": "x"}}, {"parameterType": {"type": "INT64"}, "parameterValue": {"value": "2"}}]
SELECT ? AS a, ? AS b;
[{"a": "x", "b": 2}];

# title: timestamp parameter with utc suffix
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#query_parameters
# params: [{"name": "ts", "parameterType": {"type": "TIMESTAMP"}, "parameterValue": {"value": "2024-01-01 12:00:00 UTC"}}]
SELECT TIMESTAMP_ADD(@ts, INTERVAL 1 HOUR) AS t;
[{"t": "2024-01-01T13:00:00+00:00"}];

# title: struct parameter field access
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#query_parameters
# params: [{"name": "st", "parameterType": {"type": "STRUCT", "structTypes": [{"name": "a", "type": {"type": "INT64"}}, {"name": "b", "type": {"type": "STRING"}}]}, "parameterValue": {"structValues": {"a": {"value": "1"}, "b": {"value": "z"}}}}]
SELECT @st.a AS a, @st.b AS b;
[{"a": 1, "b": "z"}];

# title: numeric and bytes and date parameters
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#query_parameters
# params: [{"name": "n", "parameterType": {"type": "NUMERIC"}, "parameterValue": {"value": "1.5"}}, {"name": "b", "parameterType": {"type": "BYTES"}, "parameterValue": {"value": "YWJj"}}, {"name": "d", "parameterType": {"type": "DATE"}, "parameterValue": {"value": "2024-02-28"}}]
SELECT @n * 2 AS n, @b AS b, DATE_ADD(@d, INTERVAL 1 DAY) AS d;
[{"n": "3", "b": "YWJj", "d": "2024-02-29"}];

# title: undeclared parameter
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#query_parameters
# error: invalidQuery
SELECT 1,
  @missing AS v;
Query parameter 'missing' not found at [2:3];

# title: syntax error has a location
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax
# error: invalidQuery
SELECT FROM WHERE;
Syntax error:;
