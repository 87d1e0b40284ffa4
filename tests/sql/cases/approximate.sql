-- Approximate aggregate functions

# title: approx_count_distinct
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/approximate_aggregate_functions#approx_count_distinct
SELECT APPROX_COUNT_DISTINCT(x) AS approx_distinct FROM UNNEST([0, 1, 1, 2, 3, 5]) AS x;
[{"approx_distinct": 5}];

# title: approx_count_distinct strings
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/approximate_aggregate_functions#approx_count_distinct
SELECT APPROX_COUNT_DISTINCT(s) AS a FROM UNNEST(['a', 'b', 'a']) AS s;
[{"a": 2}];

# title: approx_quantiles
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/approximate_aggregate_functions#approx_quantiles
SELECT APPROX_QUANTILES(x, 2) AS approx_quantiles FROM UNNEST([1, 1, 1, 4, 5, 6, 7, 8, 9, 10]) AS x;
[{"approx_quantiles": [1, 5, 10]}];

# title: approx_quantiles offset
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/approximate_aggregate_functions#approx_quantiles
SELECT APPROX_QUANTILES(x, 100)[OFFSET(90)] AS percentile_90 FROM UNNEST([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) AS x;
[{"percentile_90": 9}];

# title: approx_quantiles distinct
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/approximate_aggregate_functions#approx_quantiles
SELECT APPROX_QUANTILES(DISTINCT x, 2) AS approx_quantiles FROM UNNEST([1, 1, 1, 4, 5, 6, 7, 8, 9, 10]) AS x;
[{"approx_quantiles": [1, 6, 10]}];

# title: approx_quantiles ignores nulls
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/approximate_aggregate_functions#approx_quantiles
SELECT APPROX_QUANTILES(x, 2) AS approx_quantiles FROM UNNEST([NULL, NULL, 1, 1, 1, 4, 5, 6, 7, 8, 9, 10]) AS x;
[{"approx_quantiles": [1, 5, 10]}];

# title: approx_quantiles respect nulls
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/approximate_aggregate_functions#approx_quantiles
# notimpl: the doc example's result is an ARRAY with a NULL element, which a query result refuses
SELECT APPROX_QUANTILES(x, 2 RESPECT NULLS) AS approx_quantiles FROM UNNEST([NULL, NULL, 1, 1, 1, 4, 5, 6, 7, 8, 9, 10]) AS x;
[{"approx_quantiles": [null, 4, 10]}];

# title: approx_quantiles respect nulls median
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/approximate_aggregate_functions#approx_quantiles
SELECT APPROX_QUANTILES(x, 2 RESPECT NULLS)[OFFSET(1)] AS median, APPROX_QUANTILES(x, 2 RESPECT NULLS)[OFFSET(0)] IS NULL AS lowest_is_null FROM UNNEST([NULL, NULL, 1, 1, 1, 4, 5, 6, 7, 8, 9, 10]) AS x;
[{"median": 4, "lowest_is_null": true}];

# title: approx_quantiles respect nulls without nulls
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/approximate_aggregate_functions#approx_quantiles
SELECT APPROX_QUANTILES(x, 2 RESPECT NULLS) AS q FROM UNNEST([1, 1, 1, 4, 5, 6, 7, 8, 9, 10]) AS x;
[{"q": [1, 5, 10]}];

# title: approx_quantiles min and max
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/approximate_aggregate_functions#approx_quantiles
SELECT APPROX_QUANTILES(x, 1) AS q FROM UNNEST([3, 9, 1]) AS x;
[{"q": [1, 9]}];

# title: approx_top_count
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/approximate_aggregate_functions#approx_top_count
SELECT APPROX_TOP_COUNT(x, 2) AS approx_top_count FROM UNNEST(['apple', 'apple', 'pear', 'pear', 'pear', 'banana']) AS x;
[{"approx_top_count": [{"value": "pear", "count": 3}, {"value": "apple", "count": 2}]}];

# title: approx_top_sum
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/approximate_aggregate_functions#approx_top_sum
SELECT APPROX_TOP_SUM(x, weight, 2) AS approx_top_sum FROM (SELECT 'apple' AS x, 3 AS weight UNION ALL SELECT 'pear', 2 UNION ALL SELECT 'apple', 0 UNION ALL SELECT 'banana', 5 UNION ALL SELECT 'pear', 4);
[{"approx_top_sum": [{"value": "pear", "sum": 6}, {"value": "banana", "sum": 5}]}];

# title: hll_count extract of init
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hll_functions#hll_countextract
SELECT HLL_COUNT.EXTRACT(HLL_COUNT.INIT(x)) AS c FROM UNNEST([1, 2, 2, 3]) AS x;
[{"c": 3}];

# title: hll_count init ignores nulls
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hll_functions#hll_countinit
SELECT HLL_COUNT.EXTRACT(HLL_COUNT.INIT(x)) AS c FROM UNNEST([1, NULL, 2, NULL, 1]) AS x;
[{"c": 2}];

# title: hll_count init of only nulls is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hll_functions#hll_countinit
SELECT HLL_COUNT.INIT(x) IS NULL AS n FROM UNNEST([CAST(NULL AS STRING), NULL]) AS x;
[{"n": true}];

# title: hll_count init returns bytes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hll_functions#hll_countinit
SELECT LENGTH(HLL_COUNT.INIT(s, 10)) > 0 AS has_bytes FROM UNNEST(['a', 'b']) AS s;
[{"has_bytes": true}];

# title: hll_count init precision out of range is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hll_functions#hll_countinit
# error: invalidQuery
SELECT HLL_COUNT.INIT(x, 25) FROM UNNEST([1]) AS x;
precision must be between 10 and 24;

# title: hll_count init of float64 is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hll_functions#hll_countinit
# error: invalidQuery
SELECT HLL_COUNT.INIT(x) FROM UNNEST([1.5]) AS x;
No matching signature for aggregate function HLL_COUNT.INIT;

# title: hll_count extract per group
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hll_functions#hll_countextract
SELECT r.country, HLL_COUNT.EXTRACT(HLL_COUNT.INIT(r.customer_id)) AS c FROM UNNEST([STRUCT('UA' AS country, 'c1' AS customer_id), ('BR', 'c3'), ('CZ', 'c2'), ('CZ', 'c2'), ('BR', 'c3'), ('UA', 'c2')]) AS r GROUP BY r.country ORDER BY r.country;
[{"country": "BR", "c": 1}, {"country": "CZ", "c": 1}, {"country": "UA", "c": 2}];

# title: hll_count extract of null is zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hll_functions#hll_countextract
SELECT HLL_COUNT.EXTRACT(CAST(NULL AS BYTES)) AS c;
[{"c": 0}];

# title: hll_count extract of bytes that are not a sketch is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hll_functions#hll_countextract
# error: invalidQuery
SELECT HLL_COUNT.EXTRACT(b'not a sketch') AS c;
not a valid HLL++ sketch;

# title: hll_count merge of sketches
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hll_functions#hll_countmerge
SELECT HLL_COUNT.MERGE(sketch) AS c FROM (SELECT r.country, HLL_COUNT.INIT(r.customer_id) AS sketch FROM UNNEST([STRUCT('UA' AS country, 'c1' AS customer_id), ('BR', 'c3'), ('CZ', 'c2'), ('CZ', 'c2'), ('BR', 'c3'), ('UA', 'c2')]) AS r GROUP BY r.country);
[{"c": 3}];

# title: hll_count merge of only nulls is zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hll_functions#hll_countmerge
SELECT HLL_COUNT.MERGE(s) AS c FROM UNNEST([CAST(NULL AS BYTES)]) AS s;
[{"c": 0}];

# title: hll_count merge of different input types is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hll_functions#hll_countmerge
# error: invalidQuery
SELECT HLL_COUNT.MERGE(s) AS c FROM (SELECT HLL_COUNT.INIT(x) AS s FROM UNNEST([1]) AS x UNION ALL SELECT HLL_COUNT.INIT(y) FROM UNNEST(['a']) AS y);
cannot be merged;

# title: hll_count merge_partial then extract
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hll_functions#hll_countmerge_partial
SELECT HLL_COUNT.EXTRACT(HLL_COUNT.MERGE_PARTIAL(sketch)) AS c FROM (SELECT MOD(x, 3) AS g, HLL_COUNT.INIT(x) AS sketch FROM UNNEST(GENERATE_ARRAY(1, 100)) AS x GROUP BY g);
[{"c": 100}];

# title: hll_count merge_partial of only nulls is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hll_functions#hll_countmerge_partial
SELECT HLL_COUNT.MERGE_PARTIAL(s) IS NULL AS n FROM UNNEST([CAST(NULL AS BYTES)]) AS s;
[{"n": true}];

# title: hll_count merge of different precisions
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hll_functions#hll_countmerge_partial
SELECT HLL_COUNT.MERGE(s) AS c FROM (SELECT HLL_COUNT.INIT(x, 10) AS s FROM UNNEST(GENERATE_ARRAY(1, 50)) AS x UNION ALL SELECT HLL_COUNT.INIT(x, 20) FROM UNNEST(GENERATE_ARRAY(40, 60)) AS x);
[{"c": 60}];

# title: hll_count large cardinality within the error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hll_functions#hll_countextract
SELECT ABS(HLL_COUNT.EXTRACT(HLL_COUNT.INIT(x)) - 200000) < 200000 * 0.02 AS close FROM UNNEST(GENERATE_ARRAY(1, 200000)) AS x;
[{"close": true}];

# title: hll_count numeric and bytes inputs
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hll_functions#hll_countinit
SELECT HLL_COUNT.EXTRACT(HLL_COUNT.INIT(n)) AS numerics, HLL_COUNT.EXTRACT(HLL_COUNT.INIT(CAST(CAST(n AS STRING) AS BYTES))) AS bytes FROM UNNEST([NUMERIC '1.5', NUMERIC '1.50', NUMERIC '2']) AS n;
[{"numerics": 2, "bytes": 2}];
