-- Statistical aggregate functions

# title: corr
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/statistical_aggregate_functions#corr
SELECT CORR(y, x) AS results FROM (SELECT 1.0 AS y, 5.0 AS x UNION ALL SELECT 3.0, 9.0 UNION ALL SELECT 4.0, 7.0);
[{"results": 0.6546536707079772}];

# title: corr single row is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/statistical_aggregate_functions#corr
SELECT CORR(y, x) AS results FROM (SELECT 1.0 AS y, 5.0 AS x);
[{"results": null}];

# title: covar_pop
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/statistical_aggregate_functions#covar_pop
SELECT COVAR_POP(y, x) AS results FROM (SELECT 1.0 AS y, 5.0 AS x UNION ALL SELECT 3.0, 9.0 UNION ALL SELECT 4.0, 7.0);
[{"results": 1.3333333333333333}];

# title: covar_samp
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/statistical_aggregate_functions#covar_samp
SELECT COVAR_SAMP(y, x) AS results FROM (SELECT 1.0 AS y, 5.0 AS x UNION ALL SELECT 3.0, 9.0 UNION ALL SELECT 4.0, 7.0);
[{"results": 2.0}];

# title: covar_samp single row is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/statistical_aggregate_functions#covar_samp
SELECT COVAR_SAMP(y, x) AS results FROM (SELECT 1.0 AS y, 5.0 AS x);
[{"results": null}];

# title: covar_pop single row is zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/statistical_aggregate_functions#covar_pop
SELECT COVAR_POP(y, x) AS results FROM (SELECT 1.0 AS y, 5.0 AS x);
[{"results": 0.0}];

# title: stddev_pop
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/statistical_aggregate_functions#stddev_pop
SELECT STDDEV_POP(x) AS results FROM UNNEST([10, 14, 18]) AS x;
[{"results": 3.265986323710904}];

# title: stddev_pop single value is zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/statistical_aggregate_functions#stddev_pop
SELECT STDDEV_POP(x) AS results FROM UNNEST([10]) AS x;
[{"results": 0.0}];

# title: stddev_samp
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/statistical_aggregate_functions#stddev_samp
SELECT STDDEV_SAMP(x) AS results FROM UNNEST([10, 14, 18]) AS x;
[{"results": 4.0}];

# title: stddev_samp single value is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/statistical_aggregate_functions#stddev_samp
SELECT STDDEV_SAMP(x) AS results FROM UNNEST([10]) AS x;
[{"results": null}];

# title: stddev is stddev_samp
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/statistical_aggregate_functions#stddev
SELECT STDDEV(x) AS results FROM UNNEST([10, 14, 18]) AS x;
[{"results": 4.0}];

# title: var_pop
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/statistical_aggregate_functions#var_pop
SELECT VAR_POP(x) AS results FROM UNNEST([10, 14, 18]) AS x;
[{"results": 10.666666666666666}];

# title: var_samp
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/statistical_aggregate_functions#var_samp
SELECT VAR_SAMP(x) AS results FROM UNNEST([10, 14, 18]) AS x;
[{"results": 16.0}];

# title: variance is var_samp
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/statistical_aggregate_functions#variance
SELECT VARIANCE(x) AS results FROM UNNEST([10, 14, 18]) AS x;
[{"results": 16.0}];

# title: var_samp single value is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/statistical_aggregate_functions#var_samp
SELECT VAR_SAMP(x) AS results FROM UNNEST([10]) AS x;
[{"results": null}];

# title: var_pop single value is zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/statistical_aggregate_functions#var_pop
SELECT VAR_POP(x) AS results FROM UNNEST([10]) AS x;
[{"results": 0.0}];

# title: stddev ignores nulls
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/statistical_aggregate_functions#stddev_samp
SELECT STDDEV_SAMP(x) AS results FROM UNNEST([10, 14, NULL, 18]) AS x;
[{"results": 4.0}];

# title: var_pop empty is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/statistical_aggregate_functions#var_pop
SELECT VAR_POP(x) AS results FROM UNNEST([10]) AS x WHERE x > 10;
[{"results": null}];

# title: stddev_pop nan
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/statistical_aggregate_functions#stddev_pop
SELECT STDDEV_POP(x) AS results FROM UNNEST([10, CAST('NaN' AS FLOAT64)]) AS x;
[{"results": "NaN"}];

# title: var_samp with infinity is nan
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/statistical_aggregate_functions#var_samp
SELECT VAR_SAMP(x) AS results FROM UNNEST([1.0, CAST('inf' AS FLOAT64)]) AS x;
[{"results": "NaN"}];

# title: corr with nan is nan
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/statistical_aggregate_functions#corr
SELECT CORR(r.y, r.x) AS results FROM UNNEST([STRUCT(1.0 AS y, 2.0 AS x), (2.0, CAST('NaN' AS FLOAT64)), (3.0, 4.0)]) AS r;
[{"results": "NaN"}];

# title: stddev_samp ignores nulls
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/statistical_aggregate_functions#stddev_samp
SELECT STDDEV_SAMP(x) AS results FROM UNNEST([2, NULL, 4]) AS x;
[{"results": 1.4142135623730951}];
