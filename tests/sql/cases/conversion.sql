-- CAST to INT64

# title: cast string to int64
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST('123' AS INT64) AS v;
[{"v": 123}];

# title: cast negative string to int64
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST('-123' AS INT64) AS v;
[{"v": -123}];

# title: cast plus sign string to int64
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST('+5' AS INT64) AS v;
[{"v": 5}];

# title: cast hex string to int64
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST('0x123' AS INT64) AS v;
[{"v": 291}];

# title: cast negative hex string to int64
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST('-0x123' AS INT64) AS v;
[{"v": -291}];

# title: cast upper hex string to int64
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST('0X1A' AS INT64) AS v;
[{"v": 26}];

# title: cast bad string to int64 error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
# error: invalidQuery
SELECT CAST('abc' AS INT64) AS v;
Bad int64 value: abc;

# title: cast decimal string to int64 error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
# error: invalidQuery
SELECT CAST('1.5' AS INT64) AS v;
Bad int64 value: 1.5;

# title: cast exponent string to int64 error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
# error: invalidQuery
SELECT CAST('1e3' AS INT64) AS v;
Bad int64 value: 1e3;

# title: cast empty string to int64 error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
# error: invalidQuery
SELECT CAST('' AS INT64) AS v;
Bad int64 value;

# title: cast max int64 string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST('9223372036854775807' AS INT64) AS v;
[{"v": 9223372036854775807}];

# title: cast string above int64 max error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
# error: invalidQuery
SELECT CAST('9223372036854775808' AS INT64) AS v;
9223372036854775808;

# title: cast float 1.5 rounds away from zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(1.5 AS INT64) AS v;
[{"v": 2}];

# title: cast float -0.5 rounds away from zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(-0.5 AS INT64) AS v;
[{"v": -1}];

# title: cast float 2.4 rounds down
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(2.4 AS INT64) AS v;
[{"v": 2}];

# title: cast float64 column half values
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT ARRAY_AGG(CAST(x AS INT64) ORDER BY x) AS v FROM UNNEST([-2.5, -1.5, 0.5, 1.5, 2.5]) AS x;
[{"v": [-3, -2, 1, 2, 3]}];

# title: cast float64 expression rounds
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(5 / 2 AS INT64) AS v;
[{"v": 3}];

# title: cast infinity to int64 error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
# error: invalidQuery
SELECT CAST(CAST('inf' AS FLOAT64) AS INT64) AS v;
Illegal conversion of non-finite floating point number to an integer;

# title: cast nan to int64 error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
# error: invalidQuery
SELECT CAST(CAST('nan' AS FLOAT64) AS INT64) AS v;
Illegal conversion of non-finite floating point number to an integer;

# title: cast huge float to int64 overflow
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
# error: invalidQuery
SELECT CAST(1.5e30 AS INT64) AS v;
Int64 overflow;

# title: cast true to int64
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(TRUE AS INT64) AS v;
[{"v": 1}];

# title: cast false to int64
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(FALSE AS INT64) AS v;
[{"v": 0}];

# title: cast numeric to int64 rounds half away
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(NUMERIC '2.5' AS INT64) AS a, CAST(NUMERIC '-2.5' AS INT64) AS b;
[{"a": 3, "b": -3}];

# title: cast null to int64
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(NULL AS INT64) AS v;
[{"v": null}];

# title: cast int64 to int64
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(42 AS INT64) AS v;
[{"v": 42}];

-- SAFE_CAST

# title: safe_cast bad string to int64
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#safe_cast
SELECT SAFE_CAST('apple' AS INT64) AS v;
[{"v": null}];

# title: safe_cast good string to int64
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#safe_cast
SELECT SAFE_CAST('42' AS INT64) AS v;
[{"v": 42}];

# title: safe_cast hex string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#safe_cast
SELECT SAFE_CAST('0x10' AS INT64) AS v;
[{"v": 16}];

# title: safe_cast huge float to int64
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#safe_cast
SELECT SAFE_CAST(1e30 AS INT64) AS v;
[{"v": null}];

# title: safe_cast infinity to int64
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#safe_cast
SELECT SAFE_CAST(CAST('inf' AS FLOAT64) AS INT64) AS v;
[{"v": null}];

# title: safe_cast float rounds
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#safe_cast
SELECT SAFE_CAST(2.5 AS INT64) AS v;
[{"v": 3}];

# title: safe_cast bad bool
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#safe_cast
SELECT SAFE_CAST('yes' AS BOOL) AS v;
[{"v": null}];

# title: safe_cast bad float
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#safe_cast
SELECT SAFE_CAST('abc' AS FLOAT64) AS v;
[{"v": null}];

# title: safe_cast bad date
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#safe_cast
SELECT SAFE_CAST('2024-13-01' AS DATE) AS v;
[{"v": null}];

# title: safe_cast bad numeric
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#safe_cast
SELECT SAFE_CAST('abc' AS NUMERIC) AS v;
[{"v": null}];

# title: safe_cast numeric out of range
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#safe_cast
SELECT SAFE_CAST('1e38' AS NUMERIC) AS v;
[{"v": null}];

# title: safe_cast invalid utf8 bytes to string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#safe_cast
SELECT SAFE_CAST(b'\xff' AS STRING) AS v;
[{"v": null}];

# title: safe_cast string to string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#safe_cast
SELECT SAFE_CAST('a' AS STRING) AS v;
[{"v": "a"}];

# title: safe_cast bad timestamp
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#safe_cast
SELECT SAFE_CAST('not a time' AS TIMESTAMP) AS v;
[{"v": null}];

-- CAST to BOOL

# title: cast string true to bool
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST('true' AS BOOL) AS v;
[{"v": true}];

# title: cast string false to bool
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST('false' AS BOOL) AS v;
[{"v": false}];

# title: cast string to bool is case insensitive
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST('TRUE' AS BOOL) AS a, CAST('False' AS BOOL) AS b;
[{"a": true, "b": false}];

# title: cast yes to bool error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
# error: invalidQuery
SELECT CAST('yes' AS BOOL) AS v;
Bad bool value: yes;

# title: cast 1 string to bool error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
# error: invalidQuery
SELECT CAST('1' AS BOOL) AS v;
Bad bool value: 1;

# title: cast int to bool
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(0 AS BOOL) AS a, CAST(1 AS BOOL) AS b, CAST(-7 AS BOOL) AS c;
[{"a": false, "b": true, "c": true}];

# title: cast null string to bool
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(CAST(NULL AS STRING) AS BOOL) AS v;
[{"v": null}];

-- CAST to STRING

# title: cast int to string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(42 AS STRING) AS v;
[{"v": "42"}];

# title: cast negative int to string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(-42 AS STRING) AS v;
[{"v": "-42"}];

# title: cast bool to string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(TRUE AS STRING) AS a, CAST(FALSE AS STRING) AS b;
[{"a": "true", "b": "false"}];

# title: cast float to string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(1.5 AS STRING) AS v;
[{"v": "1.5"}];

# title: cast whole float to string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(1.0 AS STRING) AS v;
[{"v": "1"}];

# title: cast small float to string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(0.1 AS STRING) AS v;
[{"v": "0.1"}];

# title: cast large float to string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(1e20 AS STRING) AS v;
[{"v": "1e+20"}];

# title: cast infinity to string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(CAST('inf' AS FLOAT64) AS STRING) AS a, CAST(CAST('-inf' AS FLOAT64) AS STRING) AS b;
[{"a": "inf", "b": "-inf"}];

# title: cast nan to string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(CAST('nan' AS FLOAT64) AS STRING) AS v;
[{"v": "nan"}];

# title: cast numeric to string without trailing zeros
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(NUMERIC '1.25' AS STRING) AS v;
[{"v": "1.25"}];

# title: cast whole numeric to string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(NUMERIC '100' AS STRING) AS v;
[{"v": "100"}];

# title: cast numeric column to string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(n AS STRING) AS v FROM UNNEST([NUMERIC '3.10']) AS n;
[{"v": "3.1"}];

# title: cast bytes to string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(b'abc' AS STRING) AS v;
[{"v": "abc"}];

# title: cast utf8 bytes to string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(b'\xd0\xb0\xd0\xb1' AS STRING) AS v;
[{"v": "аб"}];

# title: cast invalid utf8 bytes to string error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
# error: invalidQuery
SELECT CAST(b'\xff' AS STRING) AS v;
UTF-8;

# title: cast date to string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(DATE '2024-01-02' AS STRING) AS v;
[{"v": "2024-01-02"}];

# title: cast datetime to string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(DATETIME '2024-01-02 03:04:05' AS STRING) AS v;
[{"v": "2024-01-02 03:04:05"}];

# title: cast time to string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(TIME '03:04:05' AS STRING) AS v;
[{"v": "03:04:05"}];

# title: cast timestamp to string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(TIMESTAMP '2024-01-02 03:04:05+00' AS STRING) AS v;
[{"v": "2024-01-02 03:04:05+00"}];

# title: cast null to string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(NULL AS STRING) AS v;
[{"v": null}];

# title: cast array of int to array of string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST([1, 2] AS ARRAY<STRING>) AS v;
[{"v": ["1", "2"]}];

# title: cast struct field types
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(STRUCT(1 AS a) AS STRUCT<a STRING>) AS v;
[{"v": {"a": "1"}}];

-- CAST to BYTES and FLOAT64 and NUMERIC

# title: cast string to bytes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST('abc' AS BYTES) AS v;
[{"v": "YWJj"}];

# title: cast unicode string to bytes is utf8
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST('абв' AS BYTES) AS v;
[{"v": "0LDQsdCy"}];

# title: cast string to float64
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST('1.5' AS FLOAT64) AS v;
[{"v": 1.5}];

# title: cast exponent string to float64
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST('1e3' AS FLOAT64) AS v;
[{"v": 1000.0}];

# title: cast inf string to float64
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST('inf' AS FLOAT64) AS a, CAST('-inf' AS FLOAT64) AS b;
[{"a": "Infinity", "b": "-Infinity"}];

# title: cast nan string to float64
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST('NaN' AS FLOAT64) AS v;
[{"v": "NaN"}];

# title: cast bad string to float64 error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
# error: invalidQuery
SELECT CAST('abc' AS FLOAT64) AS v;
abc;

# title: cast int to float64
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(3 AS FLOAT64) AS v;
[{"v": 3.0}];

# title: cast string to numeric
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST('3.14' AS NUMERIC) AS v;
[{"v": "3.14"}];

# title: cast string to numeric rounds half away from zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST('1.0000000005' AS NUMERIC) AS a, CAST('-1.0000000005' AS NUMERIC) AS b;
[{"a": "1.000000001", "b": "-1.000000001"}];

# title: cast float to numeric
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(1.25 AS NUMERIC) AS v;
[{"v": "1.25"}];

# title: cast numeric out of range error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
# error: invalidQuery
SELECT CAST('1e38' AS NUMERIC) AS v;
1e38;

# title: cast int to numeric
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(7 AS NUMERIC) AS v;
[{"v": "7"}];

# title: cast numeric to float64
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(NUMERIC '1.5' AS FLOAT64) AS v;
[{"v": 1.5}];

# title: cast string to bignumeric
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST('123.456' AS BIGNUMERIC) AS v;
[{"v": "123.456"}];

# title: numeric max value
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
# notimpl: a 38-digit NUMERIC loses precision on its way to the REST result
SELECT CAST('99999999999999999999999999999.999999999' AS NUMERIC) AS v;
[{"v": "99999999999999999999999999999.999999999"}];

-- CAST to date and time types

# title: cast string to date
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST('2024-01-05' AS DATE) AS v;
[{"v": "2024-01-05"}];

# title: cast bad date string error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
# error: invalidQuery
SELECT CAST('2024-13-05' AS DATE) AS v;
2024-13-05;

# title: cast string to datetime
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST('2024-01-05 10:11:12' AS DATETIME) AS v;
[{"v": "2024-01-05T10:11:12"}];

# title: cast string with T to datetime
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST('2024-01-05T10:11:12' AS DATETIME) AS v;
[{"v": "2024-01-05T10:11:12"}];

# title: cast string to time
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST('10:11:12' AS TIME) AS v;
[{"v": "10:11:12"}];

# title: cast string to timestamp is utc
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST('2024-01-05 10:11:12' AS TIMESTAMP) AS v;
[{"v": "2024-01-05T10:11:12+00:00"}];

# title: cast string with offset to timestamp
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST('2024-01-05 10:11:12+02' AS TIMESTAMP) AS v;
[{"v": "2024-01-05T08:11:12+00:00"}];

# title: cast timestamp to date
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(TIMESTAMP '2024-01-05 23:11:12+00' AS DATE) AS v;
[{"v": "2024-01-05"}];

# title: cast date to timestamp
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(DATE '2024-01-05' AS TIMESTAMP) AS v;
[{"v": "2024-01-05T00:00:00+00:00"}];

# title: cast datetime to date
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(DATETIME '2024-01-05 10:00:00' AS DATE) AS v;
[{"v": "2024-01-05"}];

# title: cast date to datetime
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(DATE '2024-01-05' AS DATETIME) AS v;
[{"v": "2024-01-05T00:00:00"}];

# title: cast timestamp with fraction to string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
SELECT CAST(TIMESTAMP '2024-01-05 10:11:12.5+00' AS STRING) AS v;
[{"v": "2024-01-05 10:11:12.5+00"}];

-- CAST with FORMAT

# title: format date as yyyy
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_string_as_datetime
SELECT CAST(DATE '2018-01-30' AS STRING FORMAT 'YYYY') AS v;
[{"v": "2018"}];

# title: format date yyyy-mm-dd
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_string_as_datetime
SELECT CAST(DATE '2018-02-15' AS STRING FORMAT 'YYYY-MM-DD') AS v;
[{"v": "2018-02-15"}];

# title: format date mm/dd/yy
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_string_as_datetime
SELECT CAST(DATE '2018-02-15' AS STRING FORMAT 'MM/DD/YY') AS v;
[{"v": "02/15/18"}];

# title: format date upper month
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_string_as_datetime
SELECT CAST(DATE '2018-01-30' AS STRING FORMAT 'MONTH') AS v;
[{"v": "JANUARY"}];

# title: format date title month
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_string_as_datetime
SELECT CAST(DATE '2018-01-30' AS STRING FORMAT 'Month') AS v;
[{"v": "January"}];

# title: format date abbreviated month
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_string_as_datetime
SELECT CAST(DATE '2018-01-30' AS STRING FORMAT 'MON') AS v;
[{"v": "JAN"}];

# title: format date day name
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_string_as_datetime
SELECT CAST(DATE '2018-01-30' AS STRING FORMAT 'DAY') AS v;
[{"v": "TUESDAY"}];

# title: format datetime hh24 mi ss
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_string_as_datetime
SELECT CAST(DATETIME '2018-01-30 13:05:09' AS STRING FORMAT 'HH24:MI:SS') AS v;
[{"v": "13:05:09"}];

# title: format datetime hh12
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_string_as_datetime
SELECT CAST(DATETIME '2018-01-30 13:05:09' AS STRING FORMAT 'HH12') AS v;
[{"v": "01"}];

# title: format time
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_string_as_datetime
SELECT CAST(TIME '21:30:00' AS STRING FORMAT 'HH24:MI') AS v;
[{"v": "21:30"}];

# title: format number 999
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_numeric_type_as_string
SELECT CAST(12 AS STRING FORMAT '999') AS v;
[{"v": "  12"}];

# title: format number with decimals
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_numeric_type_as_string
SELECT CAST(-12.3 AS STRING FORMAT '99.999') AS v;
[{"v": "-12.300"}];

# title: format number doc example with currency and groups
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_numeric_type_as_string
SELECT CAST(input AS STRING FORMAT '$999,999.999') AS output FROM UNNEST([1.2, 12.3, 123.456, 1234.56, -12345.678, 1234567.89]) AS input WITH OFFSET AS o ORDER BY o;
[{"output": "       $1.200"}, {"output": "      $12.300"}, {"output": "     $123.456"}, {"output": "   $1,234.560"}, {"output": " -$12,345.678"}, {"output": " $###,###.###"}];

# title: format number leading zeros
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_numeric_type_as_string
SELECT CAST(12 AS STRING FORMAT '000.000') AS a, CAST(-12 AS STRING FORMAT '000.000') AS b;
[{"a": " 012.000", "b": "-012.000"}];

# title: format number explicit sign
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_numeric_type_as_string
SELECT CAST(12 AS STRING FORMAT 'S99') AS a, CAST(-12 AS STRING FORMAT 'S99') AS b, CAST(-12 AS STRING FORMAT '9999S') AS c;
[{"a": "+12", "b": "-12", "c": "  12-"}];

# title: format number mi and pr signs
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_numeric_type_as_string
SELECT CAST(-12 AS STRING FORMAT '9999MI') AS a, CAST(12 AS STRING FORMAT '9999PR') AS b, CAST(-12 AS STRING FORMAT '9999PR') AS c;
[{"a": "  12-", "b": "   12 ", "c": "  <12>"}];

# title: format number currency before the sign
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_numeric_type_as_string
SELECT CAST(12 AS STRING FORMAT '$99') AS a, CAST(-12 AS STRING FORMAT '$99') AS b, CAST(-12 AS STRING FORMAT 'C999') AS c;
[{"a": " $12", "b": "-$12", "c": " -USD12"}];

# title: format number group separator
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_numeric_type_as_string
SELECT CAST(1234 AS STRING FORMAT '999,999') AS a, CAST(12345 AS STRING FORMAT '999G999') AS b;
[{"a": "   1,234", "b": "  12,345"}];

# title: format number fm removes blanks and trailing zeros
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_numeric_type_as_string
SELECT CAST(12.5 AS STRING FORMAT '999999.000FM') AS v;
[{"v": "12.5"}];

# title: format number column of float64
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_numeric_type_as_string
SELECT CAST(x AS STRING FORMAT '99.99') AS v FROM UNNEST([12.5]) AS x;
[{"v": " 12.50"}];

# title: format date column with case matched month
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_date_time_as_string
SELECT CAST(d AS STRING FORMAT 'Month DD, YYYY') AS a, CAST(d AS STRING FORMAT 'mon') AS b FROM UNNEST([DATE '2018-01-30']) AS d;
[{"a": "January 30, 2018", "b": "jan"}];

# title: format time column with meridian and fraction
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_date_time_as_string
SELECT CAST(t AS STRING FORMAT 'HH12:MI:SS.FF2 P.M.') AS v FROM UNNEST([TIME '21:30:25.16']) AS t;
[{"v": "09:30:25.16 P.M."}];

# title: format timestamp column with time zone hour
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_date_time_as_string
SELECT CAST(ts AS STRING FORMAT 'YYYY-MM-DD HH24:MI TZH') AS v FROM UNNEST([TIMESTAMP '2008-12-25 05:30:00+00']) AS ts;
[{"v": "2008-12-25 05:30 +00"}];

# title: string to date with format
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_string_as_datetime
SELECT CAST('18-12-03' AS DATE FORMAT 'YY-MM-DD') AS a, CAST('DEC 03, 2018' AS DATE FORMAT 'MON DD, YYYY') AS b;
[{"a": "2018-12-03", "b": "2018-12-03"}];

# title: string to time with format
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_string_as_datetime
# notimpl: the parser turns CAST(s AS TIME FORMAT ...) into a TIMESTAMP parse and drops the target type
SELECT CAST('15:30' AS TIME FORMAT 'HH24:MI') AS v;
[{"v": "15:30:00"}];

# title: string to timestamp with format
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_string_as_datetime
SELECT CAST('2020.06.03 00:00:53' AS TIMESTAMP FORMAT 'YYYY.MM.DD HH24:MI:SS') AS v;
[{"v": "2020-06-03T00:00:53+00:00"}];

-- PARSE_NUMERIC

# title: parse_numeric plain
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#parse_numeric
SELECT PARSE_NUMERIC('123.45') AS v;
[{"v": "123.45"}];

# title: parse_numeric spaces around sign
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#parse_numeric
SELECT PARSE_NUMERIC('  -  12.34 ') AS v;
[{"v": "-12.34"}];

# title: parse_numeric trailing sign and exponent
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#parse_numeric
SELECT PARSE_NUMERIC('12.34e-1-') AS v;
[{"v": "-1.234"}];

# title: parse_numeric commas
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#parse_numeric
SELECT PARSE_NUMERIC('1,2,,3,.45 + ') AS v;
[{"v": "123.45"}];

# title: parse_numeric leading dot
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#parse_numeric
SELECT PARSE_NUMERIC('.1234  ') AS v;
[{"v": "0.1234"}];

# title: parse_numeric exponent
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#parse_numeric
SELECT PARSE_NUMERIC('1.23e+2') AS v;
[{"v": "123"}];

# title: parse_numeric rounds half away from zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#parse_numeric
SELECT PARSE_NUMERIC('1.0000000005') AS v;
[{"v": "1.000000001"}];

# title: parse_numeric invalid
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#parse_numeric
# error: invalidQuery
SELECT PARSE_NUMERIC('abc') AS v;
Invalid input to PARSE_NUMERIC;

# title: parse_numeric both signs invalid
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#parse_numeric
# error: invalidQuery
SELECT PARSE_NUMERIC('-1-') AS v;
Invalid input to PARSE_NUMERIC;

# title: parse_numeric comma in fraction invalid
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#parse_numeric
# error: invalidQuery
SELECT PARSE_NUMERIC('1.2,3') AS v;
Invalid input to PARSE_NUMERIC;

# title: parse_numeric null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#parse_numeric
SELECT PARSE_NUMERIC(NULL) AS v;
[{"v": null}];

# title: parse_bignumeric plain
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#parse_bignumeric
SELECT PARSE_BIGNUMERIC('123.456789012345') AS v;
[{"v": "123.456789012345"}];

# title: parse_bignumeric trailing sign
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#parse_bignumeric
SELECT PARSE_BIGNUMERIC('1.5-') AS v;
[{"v": "-1.5"}];

# title: parse_bignumeric invalid
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#parse_bignumeric
# error: invalidQuery
SELECT PARSE_BIGNUMERIC('1 2 x') AS v;
Invalid input to PARSE_BIGNUMERIC;

-- bytes conversions

# title: to_base64
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#to_base64
SELECT TO_BASE64(b'\377\340') AS v;
[{"v": "/+A="}];

# title: to_base64 abc
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#to_base64
SELECT TO_BASE64(b'abc') AS v;
[{"v": "YWJj"}];

# title: from_base64
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#from_base64
SELECT FROM_BASE64('/+A=') AS v;
[{"v": "/+A="}];

# title: from_base64 abc
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#from_base64
SELECT CAST(FROM_BASE64('YWJj') AS STRING) AS v;
[{"v": "abc"}];

# title: to_hex
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#to_hex
SELECT TO_HEX(b'\x00\x01\x02\x03\xAA\xEE\xEF\xFF') AS v;
[{"v": "00010203aaeeefff"}];

# title: to_hex foobar
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#to_hex
SELECT TO_HEX(b'foobar') AS v;
[{"v": "666f6f626172"}];

# title: from_hex
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#from_hex
SELECT FROM_HEX('00010203aaeeefff') AS v;
[{"v": "AAECA6ru7/8="}];

# title: from_hex odd length gets a leading zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#from_hex
SELECT FROM_HEX('0AF') AS v;
[{"v": "AK8="}];

# title: from_hex text
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#from_hex
SELECT CAST(FROM_HEX('666f6f626172') AS STRING) AS v;
[{"v": "foobar"}];

# title: from_hex invalid character
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#from_hex
# error: invalidQuery
SELECT FROM_HEX('zz') AS v;
FROM_HEX;

# title: safe_convert_bytes_to_string valid
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#safe_convert_bytes_to_string
SELECT SAFE_CONVERT_BYTES_TO_STRING(b'a') AS v;
[{"v": "a"}];

# title: safe_convert_bytes_to_string replaces invalid
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#safe_convert_bytes_to_string
SELECT SAFE_CONVERT_BYTES_TO_STRING(b'\xc2') AS v;
[{"v": "�"}];

# title: safe_convert_bytes_to_string null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#safe_convert_bytes_to_string
SELECT SAFE_CONVERT_BYTES_TO_STRING(NULL) AS v;
[{"v": null}];

# title: bit_count
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/bit_functions#bit_count
SELECT BIT_COUNT(5) AS v;
[{"v": 2}];

# title: bit_count zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/bit_functions#bit_count
SELECT BIT_COUNT(0) AS v;
[{"v": 0}];

# title: bit_count negative
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/bit_functions#bit_count
SELECT BIT_COUNT(-1) AS v;
[{"v": 64}];

# title: bit_count int64 min
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/bit_functions#bit_count
SELECT BIT_COUNT(-9223372036854775808) AS v;
[{"v": 1}];

# title: bit_count null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/bit_functions#bit_count
SELECT BIT_COUNT(NULL) AS v;
[{"v": null}];

# title: bit_count bytes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/bit_functions#bit_count
SELECT BIT_COUNT(b'\x00\x01\xff') AS v;
[{"v": 9}];

-- coercion

# title: int64 coerces to float64 in arithmetic
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_rules
SELECT 1 + 1.5 AS v;
[{"v": 2.5}];

# title: int64 and numeric add to numeric
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_rules
SELECT 1 + NUMERIC '1.5' AS v;
[{"v": "2.5"}];

# title: string literal coerces to date in comparison
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_rules
SELECT DATE '2024-01-01' = '2024-01-01' AS v;
[{"v": true}];

# title: int64 compared with float64
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_rules
SELECT 1 = 1.0 AS v;
[{"v": true}];
