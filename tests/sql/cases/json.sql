-- JSON literals and PARSE_JSON

# title: json literal object
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#lexical#json_literals
SELECT TO_JSON_STRING(JSON '{"age": 30, "name": "Alice"}') AS j;
[{"j": "{\"age\":30,\"name\":\"Alice\"}"}];

# title: json result column is typed json
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-types#json_type
# notimpl: JSON result columns reach the client as STRING (needs arrow_lossless_conversion on the engine)
SELECT JSON '{"age": 30}' AS j;
[{"j": {"age": 30}}];

# title: json literal array
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#lexical#json_literals
SELECT TO_JSON_STRING(JSON '[1, "a", true, null]') AS j;
[{"j": "[1,\"a\",true,null]"}];

# title: json literal scalar
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#lexical#json_literals
SELECT TO_JSON_STRING(JSON '10') AS j;
[{"j": "10"}];

# title: parse_json doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#parse_json
SELECT TO_JSON_STRING(PARSE_JSON('{"coordinates": [10, 20], "id": 1}')) AS json_data;
[{"json_data": "{\"coordinates\":[10,20],\"id\":1}"}];

# title: parse_json invalid is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#parse_json
# error: invalidQuery
SELECT PARSE_JSON('{"a": ') AS j;
;

# title: parse_json wide number exact is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#parse_json
# error: invalidQuery
# notimpl: wide_number_mode is ignored: DuckDB parses wide numbers as DOUBLE
SELECT PARSE_JSON('{"id": 922337203685477580701}') AS json_data;
;

# title: parse_json wide number round
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#parse_json
SELECT JSON_TYPE(PARSE_JSON('{"id": 922337203685477580701}', wide_number_mode=>'round').id) AS t;
[{"t": "number"}];

# title: parse_json null is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#parse_json
SELECT PARSE_JSON(CAST(NULL AS STRING)) IS NULL AS j;
[{"j": true}];

# title: json null literal is a json null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-types#json_type
SELECT JSON_TYPE(JSON 'null') AS t;
[{"t": "null"}];

-- TO_JSON and TO_JSON_STRING

# title: to_json struct doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#to_json
SELECT TO_JSON_STRING(TO_JSON(STRUCT([10, 20] AS coordinates, 1 AS id))) AS json_data;
[{"json_data": "{\"coordinates\":[10,20],\"id\":1}"}];

# title: to_json int
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#to_json
SELECT JSON_TYPE(TO_JSON(5)) AS j;
[{"j": "number"}];

# title: to_json string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#to_json
SELECT JSON_TYPE(TO_JSON('x')) AS j;
[{"j": "string"}];

# title: to_json array
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#to_json
SELECT JSON_TYPE(TO_JSON([1, 2])) AS j;
[{"j": "array"}];

# title: to_json_string struct doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#to_json_string
SELECT TO_JSON_STRING(STRUCT(1 AS id, [10, 20] AS coordinates)) AS json_data;
[{"json_data": "{\"id\":1,\"coordinates\":[10,20]}"}];

# title: to_json_string pretty print
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#to_json_string
SELECT TO_JSON_STRING(STRUCT(1 AS id, [10, 20] AS coordinates), true) AS json_data;
[{"json_data": "{\n  \"id\": 1,\n  \"coordinates\": [\n    10,\n    20\n  ]\n}"}];

# title: to_json_string int
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#to_json_string
SELECT TO_JSON_STRING(1) AS s;
[{"s": "1"}];

# title: to_json_string string is quoted
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#to_json_string
SELECT TO_JSON_STRING('abc') AS s;
[{"s": "\"abc\""}];

# title: to_json_string escapes quotes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#to_json_string
SELECT TO_JSON_STRING('a"b') AS s;
[{"s": "\"a\\\"b\""}];

# title: to_json_string null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#to_json_string
SELECT TO_JSON_STRING(CAST(NULL AS INT64)) AS s;
[{"s": "null"}];

# title: to_json_string bool
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#to_json_string
SELECT TO_JSON_STRING(TRUE) AS s;
[{"s": "true"}];

# title: to_json_string float
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#to_json_string
SELECT TO_JSON_STRING(1.5) AS s;
[{"s": "1.5"}];

# title: to_json_string nan
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#to_json_string
SELECT TO_JSON_STRING(CAST('NaN' AS FLOAT64)) AS s;
[{"s": "\"NaN\""}];

# title: to_json_string infinity
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#to_json_string
SELECT TO_JSON_STRING(CAST('inf' AS FLOAT64)) AS s;
[{"s": "\"Infinity\""}];

# title: to_json_string negative infinity
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#to_json_string
SELECT TO_JSON_STRING(CAST('-inf' AS FLOAT64)) AS s;
[{"s": "\"-Infinity\""}];

# title: to_json_string timestamp
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#to_json_string
SELECT TO_JSON_STRING(TIMESTAMP '2017-06-25 10:00:00+00') AS s;
[{"s": "\"2017-06-25T10:00:00Z\""}];

# title: to_json_string date
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#to_json_string
SELECT TO_JSON_STRING(DATE '2017-06-25') AS s;
[{"s": "\"2017-06-25\""}];

# title: to_json_string array
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#to_json_string
SELECT TO_JSON_STRING([1, 2, 3]) AS s;
[{"s": "[1,2,3]"}];

# title: to_json_string empty array
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#to_json_string
SELECT TO_JSON_STRING(ARRAY<INT64>[]) AS s;
[{"s": "[]"}];

# title: to_json_string struct with null field
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#to_json_string
SELECT TO_JSON_STRING(STRUCT(CAST(NULL AS STRING) AS a)) AS s;
[{"s": "{\"a\":null}"}];

# title: to_json_string nested struct
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#to_json_string
SELECT TO_JSON_STRING(STRUCT(1 AS a, STRUCT('x' AS c) AS b)) AS s;
[{"s": "{\"a\":1,\"b\":{\"c\":\"x\"}}"}];

# title: to_json_string array of structs
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#to_json_string
SELECT TO_JSON_STRING([STRUCT(1 AS a), STRUCT(2 AS a)]) AS s;
[{"s": "[{\"a\":1},{\"a\":2}]"}];

# title: to_json_string of a row
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#to_json_string
SELECT TO_JSON_STRING(t) AS s FROM (SELECT 1 AS x, 'y' AS y) AS t;
[{"s": "{\"x\":1,\"y\":\"y\"}"}];

# title: to_json_string json value
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#to_json_string
SELECT TO_JSON_STRING(JSON '{"a": 1}') AS s;
[{"s": "{\"a\":1}"}];

-- JSON_VALUE and JSON_EXTRACT_SCALAR

# title: json_value doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_value
SELECT JSON_VALUE(JSON '{"name": "Jakob", "age": "6"}', '$.age') AS scalar_age;
[{"scalar_age": "6"}];

# title: json_value string input
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_value
SELECT JSON_VALUE('{"name": "Jakob", "age": "6"}', '$.name') AS name;
[{"name": "Jakob"}];

# title: json_value number
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_value
SELECT JSON_VALUE('{"a": 1.5}', '$.a') AS v;
[{"v": "1.5"}];

# title: json_value boolean
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_value
SELECT JSON_VALUE('{"a": true}', '$.a') AS v;
[{"v": "true"}];

# title: json_value array is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_value
SELECT JSON_VALUE('{"fruits": ["apple", "banana"]}', '$.fruits') AS v;
[{"v": null}];

# title: json_value object is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_value
SELECT JSON_VALUE('{"a": {"b": 1}}', '$.a') AS v;
[{"v": null}];

# title: json_value json null is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_value
SELECT JSON_VALUE('{"a": null}', '$.a') AS v;
[{"v": null}];

# title: json_value missing key is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_value
SELECT JSON_VALUE('{"a": 1}', '$.b') AS v;
[{"v": null}];

# title: json_value quoted key
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_value
SELECT JSON_VALUE('{"a.b": {"c": "world"}}', '$."a.b".c') AS hello;
[{"hello": "world"}];

# title: json_value array index
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_value
SELECT JSON_VALUE('{"a": [10, 20]}', '$.a[1]') AS v;
[{"v": "20"}];

# title: json_value default path
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_value
SELECT JSON_VALUE('"x"') AS v;
[{"v": "x"}];

# title: json_value unescapes strings
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_value
SELECT JSON_VALUE('{"a": "x\\"y"}', '$.a') AS v;
[{"v": "x\"y"}];

# title: json_extract_scalar doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_extract_scalar
SELECT JSON_EXTRACT_SCALAR('{"name": "Jakob", "age": "6"}', '$.age') AS scalar_age;
[{"scalar_age": "6"}];

# title: json_extract_scalar array is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_extract_scalar
SELECT JSON_EXTRACT_SCALAR('{"fruits": ["apple", "banana"]}', '$.fruits') AS v;
[{"v": null}];

# title: json_extract_scalar bracket quoted key
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_extract_scalar
SELECT JSON_EXTRACT_SCALAR('{"a.b": {"c": "world"}}', "$['a.b'].c") AS hello;
[{"hello": "world"}];

# title: json_extract_scalar of json
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_extract_scalar
SELECT JSON_EXTRACT_SCALAR(JSON '{"a": 5}', '$.a') AS v;
[{"v": "5"}];

-- JSON_QUERY and JSON_EXTRACT

# title: json_query root
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_query
SELECT JSON_QUERY('{"class": {"students": [{"name": "Jane"}]}}', '$') AS j;
[{"j": "{\"class\":{\"students\":[{\"name\":\"Jane\"}]}}"}];

# title: json_query nested array
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_query
SELECT JSON_QUERY('{"class": {"students": [{"name": "Jane"}]}}', '$.class.students') AS j;
[{"j": "[{\"name\":\"Jane\"}]"}];

# title: json_query array element
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_query
SELECT JSON_QUERY('{"class": {"students": [{"name": "Jane"}]}}', '$.class.students[0]') AS j;
[{"j": "{\"name\":\"Jane\"}"}];

# title: json_query string keeps quotes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_query
SELECT JSON_QUERY('{"a": "x"}', '$.a') AS j;
[{"j": "\"x\""}];

# title: json_query missing is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_query
SELECT JSON_QUERY('{"a": 1}', '$.b') AS j;
[{"j": null}];

# title: json_query quoted key
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_query
SELECT JSON_QUERY('{"a.b": {"c": "world"}}', '$."a.b"') AS j;
[{"j": "{\"c\":\"world\"}"}];

# title: json_query of json returns json
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_query
SELECT JSON_TYPE(JSON_QUERY(JSON '{"a": {"b": [1, 2]}}', '$.a')) AS j;
[{"j": "object"}];

# title: json_extract doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_extract
SELECT JSON_EXTRACT('{"class": {"students": [{"name": "Jane"}]}}', '$.class') AS j;
[{"j": "{\"students\":[{\"name\":\"Jane\"}]}"}];

# title: json_extract bracket key
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_extract
SELECT JSON_EXTRACT('{"a.b": {"c": "world"}}', "$['a.b']") AS j;
[{"j": "{\"c\":\"world\"}"}];

# title: json_extract null value
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_extract
SELECT JSON_EXTRACT('{"a": null}', '$.a') AS j;
[{"j": "null"}];

-- JSON arrays

# title: json_extract_array doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_extract_array
SELECT JSON_EXTRACT_ARRAY('[1, 2, 3]') AS string_array;
[{"string_array": ["1", "2", "3"]}];

# title: json_extract_array strings keep quotes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_extract_array
SELECT JSON_EXTRACT_ARRAY('{"fruits": ["apples", "oranges", "grapes"]}', '$.fruits') AS string_array;
[{"string_array": ["\"apples\"", "\"oranges\"", "\"grapes\""]}];

# title: json_extract_array not an array is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_extract_array
SELECT JSON_EXTRACT_ARRAY('{"a": 1}', '$.a') IS NULL AS n;
[{"n": true}];

# title: json_extract_string_array doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_extract_string_array
SELECT JSON_EXTRACT_STRING_ARRAY('["apples", "oranges", "grapes"]') AS string_array;
[{"string_array": ["apples", "oranges", "grapes"]}];

# title: json_extract_string_array numbers
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_extract_string_array
SELECT JSON_EXTRACT_STRING_ARRAY('[1, 2, 3]') AS string_array;
[{"string_array": ["1", "2", "3"]}];

# title: json_query_array doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_query_array
SELECT JSON_QUERY_ARRAY('{"fruits": ["apples", "oranges"]}', '$.fruits') AS a;
[{"a": ["\"apples\"", "\"oranges\""]}];

# title: json_query_array of objects
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_query_array
SELECT JSON_QUERY_ARRAY('[{"a": 1}, {"a": 2}]') AS a;
[{"a": ["{\"a\":1}", "{\"a\":2}"]}];

# title: json_query_array of json
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_query_array
SELECT ARRAY_LENGTH(JSON_QUERY_ARRAY(JSON '{"a": [1, 2, 3]}', '$.a')) AS n;
[{"n": 3}];

# title: json_value_array doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_value_array
SELECT JSON_VALUE_ARRAY('["foo", "bar", "baz"]') AS a;
[{"a": ["foo", "bar", "baz"]}];

# title: json_value_array path
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_value_array
SELECT JSON_VALUE_ARRAY('{"fruits": ["apples", "oranges"]}', '$.fruits') AS a;
[{"a": ["apples", "oranges"]}];

# title: json_value_array of json
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_value_array
SELECT JSON_VALUE_ARRAY(JSON '[1, 2]') AS a;
[{"a": ["1", "2"]}];

# title: unnest json_extract_array
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_extract_array
SELECT ARRAY(SELECT JSON_EXTRACT_SCALAR(x, '$.n') FROM UNNEST(JSON_EXTRACT_ARRAY('[{"n": "a"}, {"n": "b"}]')) AS x) AS a;
[{"a": ["a", "b"]}];

-- JSON_TYPE, JSON_KEYS and JSON construction

# title: json_type object
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_type
SELECT JSON_TYPE(JSON '{"a": 1}') AS t;
[{"t": "object"}];

# title: json_type array
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_type
SELECT JSON_TYPE(JSON '[1, 2]') AS t;
[{"t": "array"}];

# title: json_type number
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_type
SELECT JSON_TYPE(JSON '1.5') AS t;
[{"t": "number"}];

# title: json_type integer is number
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_type
SELECT JSON_TYPE(JSON '10') AS t;
[{"t": "number"}];

# title: json_type string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_type
SELECT JSON_TYPE(JSON '"x"') AS t;
[{"t": "string"}];

# title: json_type boolean
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_type
SELECT JSON_TYPE(JSON 'true') AS t;
[{"t": "boolean"}];

# title: json_type sql null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_type
SELECT JSON_TYPE(CAST(NULL AS JSON)) AS t;
[{"t": null}];

# title: json_keys doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_keys
SELECT JSON_KEYS(JSON '{"a": {"b": 1}}') AS json_keys;
[{"json_keys": ["a", "a.b"]}];

# title: json_keys max depth
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_keys
SELECT JSON_KEYS(JSON '{"a": {"b": 1}}', 1) AS json_keys;
[{"json_keys": ["a"]}];

# title: json_array doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_array
SELECT TO_JSON_STRING(JSON_ARRAY(10, 'foo', NULL)) AS json_data;
[{"json_data": "[10,\"foo\",null]"}];

# title: json_array empty
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_array
SELECT TO_JSON_STRING(JSON_ARRAY()) AS json_data;
[{"json_data": "[]"}];

# title: json_object doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_object
SELECT TO_JSON_STRING(JSON_OBJECT('foo', 10, 'bar', TRUE)) AS json_data;
[{"json_data": "{\"foo\":10,\"bar\":true}"}];

# title: json_object empty
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_object
SELECT TO_JSON_STRING(JSON_OBJECT()) AS json_data;
[{"json_data": "{}"}];

# title: json_set doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_set
SELECT TO_JSON_STRING(JSON_SET(JSON '{"a": 1}', '$.b', 999)) AS json_data;
[{"json_data": "{\"a\":1,\"b\":999}"}];

# title: json_set replaces
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_set
SELECT TO_JSON_STRING(JSON_SET(JSON '{"a": 1}', '$.a', 'x')) AS json_data;
[{"json_data": "{\"a\":\"x\"}"}];

# title: json_remove doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_remove
SELECT TO_JSON_STRING(JSON_REMOVE(JSON '{"a": 1, "b": 2}', '$.a')) AS json_data;
[{"json_data": "{\"b\":2}"}];

# title: json_remove array element
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_remove
SELECT TO_JSON_STRING(JSON_REMOVE(JSON '["a", "b", "c"]', '$[1]')) AS json_data;
[{"json_data": "[\"a\",\"c\"]"}];

# title: json_strip_nulls doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#json_strip_nulls
SELECT TO_JSON_STRING(JSON_STRIP_NULLS(JSON '{"a": null, "b": "c"}')) AS json_data;
[{"json_data": "{\"b\":\"c\"}"}];

-- converters

# title: int64 of json number
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#int64_for_json
SELECT INT64(JSON '2005') AS flight_number;
[{"flight_number": 2005}];

# title: int64 of json field
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#int64_for_json
SELECT INT64(JSON '{"a": 7}'.a) AS v;
[{"v": 7}];

# title: int64 of json string is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#int64_for_json
# error: invalidQuery
SELECT INT64(JSON '"10"') AS v;
;

# title: int64 of json fraction is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#int64_for_json
# error: invalidQuery
SELECT INT64(JSON '10.5') AS v;
;

# title: int64 of json integral float
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#int64_for_json
SELECT INT64(JSON '10.0') AS v;
[{"v": 10}];

# title: float64 of json number
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#double_for_json
SELECT FLOAT64(JSON '9.8') AS velocity;
[{"velocity": 9.8}];

# title: float64 of json integer
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#double_for_json
SELECT FLOAT64(JSON '5') AS v;
[{"v": 5.0}];

# title: float64 of json string is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#double_for_json
# error: invalidQuery
SELECT FLOAT64(JSON '"x"') AS v;
;

# title: bool of json
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#bool_for_json
SELECT BOOL(JSON 'true') AS vacancy;
[{"vacancy": true}];

# title: bool of json string is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#bool_for_json
# error: invalidQuery
SELECT BOOL(JSON '"true"') AS v;
;

# title: string of json
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#string_for_json
SELECT STRING(JSON '"purple"') AS color;
[{"color": "purple"}];

# title: string of json number is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#string_for_json
# error: invalidQuery
SELECT STRING(JSON '10') AS v;
;

# title: lax_bool true
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#lax_bool
SELECT LAX_BOOL(JSON 'true') AS r;
[{"r": true}];

# title: lax_bool string true
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#lax_bool
SELECT LAX_BOOL(JSON '"true"') AS r;
[{"r": true}];

# title: lax_bool string foo
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#lax_bool
SELECT LAX_BOOL(JSON '"foo"') AS r;
[{"r": null}];

# title: lax_bool number
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#lax_bool
SELECT LAX_BOOL(JSON '10') AS r;
[{"r": true}];

# title: lax_bool zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#lax_bool
SELECT LAX_BOOL(JSON '0') AS r;
[{"r": false}];

# title: lax_bool object
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#lax_bool
SELECT LAX_BOOL(JSON '{"a": 1}') AS r;
[{"r": null}];

# title: lax_int64 number
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#lax_int64
SELECT LAX_INT64(JSON '10') AS r;
[{"r": 10}];

# title: lax_int64 rounds
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#lax_int64
SELECT LAX_INT64(JSON '10.6') AS r;
[{"r": 11}];

# title: lax_int64 string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#lax_int64
SELECT LAX_INT64(JSON '"10"') AS r;
[{"r": 10}];

# title: lax_int64 bool
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#lax_int64
SELECT LAX_INT64(JSON 'true') AS r;
[{"r": 1}];

# title: lax_int64 bad string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#lax_int64
SELECT LAX_INT64(JSON '"foo"') AS r;
[{"r": null}];

# title: lax_int64 null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#lax_int64
SELECT LAX_INT64(JSON 'null') AS r;
[{"r": null}];

# title: lax_int64 out of range
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#lax_int64
SELECT LAX_INT64(JSON '1e100') AS r;
[{"r": null}];

# title: lax_float64 number
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#lax_float64
SELECT LAX_FLOAT64(JSON '9.8') AS r;
[{"r": 9.8}];

# title: lax_float64 string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#lax_float64
SELECT LAX_FLOAT64(JSON '"9.8"') AS r;
[{"r": 9.8}];

# title: lax_float64 string nan
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#lax_float64
SELECT LAX_FLOAT64(JSON '"NaN"') AS r;
[{"r": "NaN"}];

# title: lax_float64 bool is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#lax_float64
SELECT LAX_FLOAT64(JSON 'true') AS r;
[{"r": null}];

# title: lax_float64 bad string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#lax_float64
SELECT LAX_FLOAT64(JSON '"foo"') AS r;
[{"r": null}];

# title: lax_string string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#lax_string
SELECT LAX_STRING(JSON '"purple"') AS r;
[{"r": "purple"}];

# title: lax_string number
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#lax_string
SELECT LAX_STRING(JSON '10') AS r;
[{"r": "10"}];

# title: lax_string bool
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#lax_string
SELECT LAX_STRING(JSON 'true') AS r;
[{"r": "true"}];

# title: lax_string null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#lax_string
SELECT LAX_STRING(JSON 'null') AS r;
[{"r": null}];

# title: lax_string object is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#json_functions#lax_string
SELECT LAX_STRING(JSON '{"a": 1}') AS r;
[{"r": null}];

-- JSON field access

# title: json dot access
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#json_subscript_operator
SELECT TO_JSON_STRING(JSON '{"a": {"b": 1}}'.a.b) AS v;
[{"v": "1"}];

# title: json subscript key
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#json_subscript_operator
SELECT TO_JSON_STRING(JSON '{"a": {"b": "x"}}'['a']['b']) AS v;
[{"v": "\"x\""}];

# title: json subscript index
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#json_subscript_operator
SELECT TO_JSON_STRING(JSON '{"a": [10, 20]}'.a[1]) AS v;
[{"v": "20"}];

# title: json missing member is sql null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#json_subscript_operator
SELECT JSON '{"a": 1}'.zz IS NULL AS v;
[{"v": true}];

# title: json column field access
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#json_subscript_operator
SELECT STRING(j.name) AS name FROM (SELECT JSON '{"name": "Ann"}' AS j);
[{"name": "Ann"}];

# title: json field access then json_value
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#json_subscript_operator
SELECT JSON_VALUE(j.a) AS v FROM (SELECT JSON '{"a": "q"}' AS j);
[{"v": "q"}];

# title: json equality is not supported
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-types#json_type
# error: invalidQuery
# notimpl: DuckDB compares JSON values as text
SELECT JSON '1' = JSON '1' AS eq;
;

# title: json literal subscript missing key is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#json_subscript_operator
SELECT JSON '{"a": 1}'['b'] IS NULL AS v;
[{"v": true}];

# title: json literal array subscript
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#json_subscript_operator
SELECT TO_JSON_STRING(JSON '[{"k": 1}, {"k": 2}]'[1]['k']) AS v;
[{"v": "2"}];
