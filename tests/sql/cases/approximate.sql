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
# notimpl: RESPECT NULLS is dropped by the core ApproxQuantiles rewrite
SELECT APPROX_QUANTILES(x, 2 RESPECT NULLS) AS approx_quantiles FROM UNNEST([NULL, NULL, 1, 1, 1, 4, 5, 6, 7, 8, 9, 10]) AS x;
[{"approx_quantiles": [null, 4, 10]}];

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
# notimpl: HLL_COUNT sketches are not implemented
SELECT HLL_COUNT.EXTRACT(HLL_COUNT.INIT(x)) AS c FROM UNNEST([1, 2, 2, 3]) AS x;
[{"c": 3}];
