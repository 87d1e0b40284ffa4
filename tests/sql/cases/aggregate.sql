-- Aggregate functions

# title: any_value
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#any_value
SELECT ANY_VALUE(fruit) AS any_value FROM UNNEST(['apple', 'apple', 'apple']) AS fruit;
[{"any_value": "apple"}];

# title: array_agg
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#array_agg
SELECT ARRAY_AGG(x) AS array_agg FROM UNNEST([2, 1, -2, 3, -2, 1, 2]) AS x;
[{"array_agg": [2, 1, -2, 3, -2, 1, 2]}];

# title: array_agg distinct ordered
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#array_agg
SELECT ARRAY_AGG(DISTINCT x ORDER BY x) AS array_agg FROM UNNEST([2, 1, -2, 3, -2, 1, 2]) AS x;
[{"array_agg": [-2, 1, 2, 3]}];

# title: array_agg ignore nulls
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#array_agg
SELECT ARRAY_AGG(x IGNORE NULLS) AS array_agg FROM UNNEST([NULL, 1, -2, 3, -2, 1, NULL]) AS x;
[{"array_agg": [1, -2, 3, -2, 1]}];

# title: array_agg order by abs
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#array_agg
SELECT ARRAY_AGG(x ORDER BY ABS(x)) AS array_agg FROM UNNEST([2, 1, -2, 3, -2, 1, 2]) AS x;
[{"array_agg": [1, 1, 2, -2, -2, 2, 3]}];

# title: array_agg desc
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#array_agg
SELECT ARRAY_AGG(x ORDER BY x DESC) AS array_agg FROM UNNEST([2, 1, -2, 3, -2, 1, 2]) AS x;
[{"array_agg": [3, 2, 2, 1, 1, -2, -2]}];

# title: array_agg of strings grouped
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#array_agg
SELECT k, ARRAY_AGG(v ORDER BY v) AS vs FROM (SELECT 1 AS k, 'b' AS v UNION ALL SELECT 1, 'a' UNION ALL SELECT 2, 'c') GROUP BY k ORDER BY k;
[{"k": 1, "vs": ["a", "b"]}, {"k": 2, "vs": ["c"]}];

# title: array_agg limit
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#array_agg
SELECT ARRAY_AGG(x LIMIT 5) AS array_agg FROM UNNEST([2, 1, -2, 3, -2, 1, 2]) AS x;
[{"array_agg": [2, 1, -2, 3, -2]}];

# title: array_agg null element is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#array_agg
# error: invalidQuery
SELECT ARRAY_AGG(x) AS a FROM UNNEST([NULL, 1]) AS x;
Array cannot have a null element;

# title: array_agg over window
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#array_agg
SELECT x, ARRAY_AGG(x) OVER (ORDER BY ABS(x), x) AS array_agg FROM UNNEST([2, 1, -2, 3]) AS x ORDER BY ABS(x), x;
[{"x": 1, "array_agg": [1]}, {"x": -2, "array_agg": [1, -2]}, {"x": 2, "array_agg": [1, -2, 2]}, {"x": 3, "array_agg": [1, -2, 2, 3]}];

# title: array_agg empty input is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#array_agg
SELECT ARRAY_AGG(x) AS a FROM UNNEST([1]) AS x WHERE x > 5;
[{"a": []}];

# title: array_concat_agg
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#array_concat_agg
SELECT ARRAY_CONCAT_AGG(x ORDER BY x[OFFSET(0)]) AS array_concat_agg FROM (SELECT [1, 2, 3, 4] AS x UNION ALL SELECT [5, 6] UNION ALL SELECT [7, 8, 9]);
[{"array_concat_agg": [1, 2, 3, 4, 5, 6, 7, 8, 9]}];

# title: array_concat_agg order by length
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#array_concat_agg
SELECT ARRAY_CONCAT_AGG(x ORDER BY ARRAY_LENGTH(x)) AS array_concat_agg FROM (SELECT [1, 2, 3, 4] AS x UNION ALL SELECT [5, 6] UNION ALL SELECT [7, 8, 9]);
[{"array_concat_agg": [5, 6, 7, 8, 9, 1, 2, 3, 4]}];

# title: avg
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#avg
SELECT AVG(x) AS avg FROM UNNEST([0, 2, 4, 4, 5]) AS x;
[{"avg": 3.0}];

# title: avg distinct
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#avg
SELECT AVG(DISTINCT x) AS avg FROM UNNEST([0, 2, 4, 4, 5]) AS x;
[{"avg": 2.75}];

# title: avg of int64 is float64
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#avg
SELECT AVG(x) AS avg FROM UNNEST([1, 2]) AS x;
[{"avg": 1.5}];

# title: avg numeric
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#avg
SELECT AVG(x) AS avg FROM UNNEST([NUMERIC '1', NUMERIC '2']) AS x;
[{"avg": "1.5"}];

# title: avg ignores nulls
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#avg
SELECT AVG(x) AS avg FROM UNNEST([1, NULL, 3]) AS x;
[{"avg": 2.0}];

# title: avg empty is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#avg
SELECT AVG(x) AS avg FROM UNNEST([1]) AS x WHERE x > 1;
[{"avg": null}];

# title: avg with nan
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#avg
SELECT AVG(x) AS avg FROM UNNEST([1.0, CAST('NaN' AS FLOAT64)]) AS x;
[{"avg": "NaN"}];

# title: bit_and
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#bit_and
SELECT BIT_AND(x) AS bit_and FROM UNNEST([0xF001, 0x00A1]) AS x;
[{"bit_and": 1}];

# title: bit_or
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#bit_or
SELECT BIT_OR(x) AS bit_or FROM UNNEST([0xF001, 0x00A1]) AS x;
[{"bit_or": 61601}];

# title: bit_xor
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#bit_xor
SELECT BIT_XOR(x) AS bit_xor FROM UNNEST([5678, 1234]) AS x;
[{"bit_xor": 4860}];

# title: bit_xor repeated
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#bit_xor
SELECT BIT_XOR(x) AS bit_xor FROM UNNEST([1234, 5678, 1234]) AS x;
[{"bit_xor": 5678}];

# title: bit_xor distinct
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#bit_xor
SELECT BIT_XOR(DISTINCT x) AS bit_xor FROM UNNEST([1234, 5678, 1234]) AS x;
[{"bit_xor": 4860}];

# title: count star and column
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#count
SELECT COUNT(*) AS count_star, COUNT(DISTINCT x) AS count_dist_x FROM UNNEST([1, 4, 4, 5]) AS x;
[{"count_star": 4, "count_dist_x": 3}];

# title: count skips nulls
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#count
SELECT COUNT(*) AS count_star, COUNT(x) AS count_x FROM UNNEST([1, 4, NULL, 4, 5]) AS x;
[{"count_star": 5, "count_x": 4}];

# title: count distinct strings
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#count
SELECT COUNT(DISTINCT s) AS c FROM UNNEST(['a', 'b', 'a', NULL]) AS s;
[{"c": 2}];

# title: count empty is zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#count
SELECT COUNT(x) AS c FROM UNNEST([1]) AS x WHERE x > 1;
[{"c": 0}];

# title: count over window
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#count
SELECT x, COUNT(*) OVER (PARTITION BY MOD(x, 3)) AS count_star FROM UNNEST([1, 4, 4, 5]) AS x ORDER BY x;
[{"x": 1, "count_star": 3}, {"x": 4, "count_star": 3}, {"x": 4, "count_star": 3}, {"x": 5, "count_star": 1}];

# title: countif
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#countif
SELECT COUNTIF(x<0) AS num_negative, COUNTIF(x>0) AS num_positive FROM UNNEST([5, -2, 3, 6, -10, -7, 4, 0]) AS x;
[{"num_negative": 3, "num_positive": 4}];

# title: countif null is not counted
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#countif
SELECT COUNTIF(x > 0) AS c FROM UNNEST([NULL, 1, -1]) AS x;
[{"c": 1}];

# title: logical_and
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#logical_and
SELECT LOGICAL_AND(x < 3) AS logical_and FROM UNNEST([1, 2, 4]) AS x;
[{"logical_and": false}];

# title: logical_or
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#logical_or
SELECT LOGICAL_OR(x < 3) AS logical_or FROM UNNEST([1, 2, 4]) AS x;
[{"logical_or": true}];

# title: logical_and ignores nulls
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#logical_and
SELECT LOGICAL_AND(x) AS a FROM UNNEST([TRUE, NULL, TRUE]) AS x;
[{"a": true}];

# title: logical_or empty is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#logical_or
SELECT LOGICAL_OR(x) AS a FROM UNNEST([TRUE]) AS x WHERE NOT x;
[{"a": null}];

# title: max
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#max
SELECT MAX(x) AS max FROM UNNEST([8, 37, 55, 4]) AS x;
[{"max": 55}];

# title: min
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#min
SELECT MIN(x) AS min FROM UNNEST([8, 37, 4, 55]) AS x;
[{"min": 4}];

# title: max of strings
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#max
SELECT MAX(s) AS m FROM UNNEST(['apple', 'pear', 'banana']) AS s;
[{"m": "pear"}];

# title: min of dates
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#min
SELECT MIN(d) AS m FROM UNNEST([DATE '2020-01-02', DATE '2019-05-01']) AS d;
[{"m": "2019-05-01"}];

# title: max with nan is nan
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#max
SELECT MAX(x) AS m FROM UNNEST([1.0, CAST('NaN' AS FLOAT64)]) AS x;
[{"m": "NaN"}];

# title: min with nan is nan
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#min
SELECT MIN(x) AS m FROM UNNEST([1.0, CAST('NaN' AS FLOAT64)]) AS x;
[{"m": "NaN"}];

# title: max ignores nulls
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#max
SELECT MAX(x) AS m FROM UNNEST([NULL, 3, 1]) AS x;
[{"m": 3}];

# title: max over window
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#max
SELECT x, MAX(x) OVER (PARTITION BY MOD(x, 2)) AS max FROM UNNEST([8, 37, 55, 4]) AS x ORDER BY x;
[{"x": 4, "max": 8}, {"x": 8, "max": 8}, {"x": 37, "max": 55}, {"x": 55, "max": 55}];

# title: string_agg
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#string_agg
SELECT STRING_AGG(fruit) AS string_agg FROM UNNEST(['apple', NULL, 'pear', 'banana', 'pear']) AS fruit;
[{"string_agg": "apple,pear,banana,pear"}];

# title: string_agg delimiter
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#string_agg
SELECT STRING_AGG(fruit, ' & ') AS string_agg FROM UNNEST(['apple', 'pear', 'banana', 'pear']) AS fruit;
[{"string_agg": "apple & pear & banana & pear"}];

# title: string_agg distinct
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#string_agg
SELECT STRING_AGG(DISTINCT fruit, ' & ' ORDER BY fruit) AS string_agg FROM UNNEST(['apple', 'pear', 'banana', 'pear']) AS fruit;
[{"string_agg": "apple & banana & pear"}];

# title: string_agg order by length
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#string_agg
SELECT STRING_AGG(fruit, ' & ' ORDER BY LENGTH(fruit)) AS string_agg FROM UNNEST(['apple', 'pear', 'banana', 'pear']) AS fruit;
[{"string_agg": "pear & pear & apple & banana"}];

# title: string_agg limit
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#string_agg
SELECT STRING_AGG(fruit, ' & ' LIMIT 2) AS string_agg FROM UNNEST(['apple', 'pear', 'banana', 'pear']) AS fruit;
[{"string_agg": "apple & pear"}];

# title: string_agg empty is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#string_agg
SELECT STRING_AGG(s) AS a FROM UNNEST(['x']) AS s WHERE s = 'y';
[{"a": null}];

# title: sum
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#sum
SELECT SUM(x) AS sum FROM UNNEST([1, 2, 3, 4, 5, 4, 3, 2, 1]) AS x;
[{"sum": 25}];

# title: sum distinct
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#sum
SELECT SUM(DISTINCT x) AS sum FROM UNNEST([1, 2, 3, 4, 5, 4, 3, 2, 1]) AS x;
[{"sum": 15}];

# title: sum empty is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#sum
SELECT SUM(x) AS sum FROM UNNEST([]) AS x;
[{"sum": null}];

# title: sum of nulls is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#sum
SELECT SUM(x) AS sum FROM UNNEST([NULL]) AS x;
[{"sum": null}];

# title: sum int64 overflow
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#sum
# error: invalidQuery
SELECT SUM(x) AS s FROM UNNEST([9223372036854775807, 1]) AS x;
overflow;

# title: sum numeric
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#sum
SELECT SUM(x) AS s FROM UNNEST([NUMERIC '1.25', NUMERIC '2.5']) AS x;
[{"s": "3.75"}];

# title: sum float64
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#sum
SELECT SUM(x) AS s FROM UNNEST([1.5, 2.25]) AS x;
[{"s": 3.75}];

# title: sum over window
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#sum
SELECT x, SUM(x) OVER (PARTITION BY MOD(x, 3)) AS sum FROM UNNEST([1, 2, 3, 4, 5]) AS x ORDER BY x;
[{"x": 1, "sum": 5}, {"x": 2, "sum": 7}, {"x": 3, "sum": 3}, {"x": 4, "sum": 5}, {"x": 5, "sum": 7}];

# title: grouping with rollup
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#grouping
SELECT product_type, SUM(product_count) AS product_sum, GROUPING(product_type) AS product_type_agg FROM (SELECT 'shirt' AS product_type, 3 AS product_count UNION ALL SELECT 'shirt', 2 UNION ALL SELECT 'pants', 1 UNION ALL SELECT 'pants', 4) GROUP BY ROLLUP(product_type) ORDER BY product_type;
[{"product_type": null, "product_sum": 10, "product_type_agg": 1}, {"product_type": "pants", "product_sum": 5, "product_type_agg": 0}, {"product_type": "shirt", "product_sum": 5, "product_type_agg": 0}];

# title: max_by
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#max_by
SELECT MAX_BY(fruit, price) AS fruit FROM (SELECT 'apple' AS fruit, 10 AS price UNION ALL SELECT 'banana', 5 UNION ALL SELECT 'orange', 8);
[{"fruit": "apple"}];

# title: min_by
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#min_by
SELECT MIN_BY(fruit, price) AS fruit FROM (SELECT 'apple' AS fruit, 10 AS price UNION ALL SELECT 'banana', 5 UNION ALL SELECT 'orange', 8);
[{"fruit": "banana"}];

# title: group by with count and sum
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#count
SELECT k, COUNT(*) AS n, SUM(v) AS s FROM (SELECT 'a' AS k, 1 AS v UNION ALL SELECT 'a', 2 UNION ALL SELECT 'b', 5) GROUP BY k ORDER BY k;
[{"k": "a", "n": 2, "s": 3}, {"k": "b", "n": 1, "s": 5}];

# title: array_agg order by limit
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#array_agg
SELECT ARRAY_AGG(x ORDER BY x DESC LIMIT 2) AS a FROM UNNEST([3, 1, 4, 1, 5]) AS x;
[{"a": [5, 4]}];

# title: array_agg ignore nulls limit
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#array_agg
SELECT ARRAY_AGG(x IGNORE NULLS ORDER BY x LIMIT 2) AS a FROM UNNEST([NULL, 3, NULL, 1, 2]) AS x;
[{"a": [1, 2]}];

# title: string_agg order by limit skips nulls
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#string_agg
SELECT STRING_AGG(s, ',' ORDER BY s LIMIT 2) AS a FROM UNNEST(['c', NULL, 'a', 'b']) AS s;
[{"a": "a,b"}];

# title: string_agg limit of only nulls is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#string_agg
SELECT STRING_AGG(s LIMIT 2) AS a FROM UNNEST([CAST(NULL AS STRING)]) AS s;
[{"a": null}];

# title: min of float64 without nan
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#min
SELECT MIN(x) AS m FROM UNNEST([2.5, -1.5, CAST('-inf' AS FLOAT64)]) AS x;
[{"m": "-Infinity"}];
