-- Window functions

# title: row_number
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/numbering_functions#row_number
SELECT x, ROW_NUMBER() OVER (ORDER BY x) AS row_num FROM UNNEST([1, 2, 2, 5]) AS x ORDER BY x, row_num;
[{"x": 1, "row_num": 1}, {"x": 2, "row_num": 2}, {"x": 2, "row_num": 3}, {"x": 5, "row_num": 4}];

# title: rank
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/numbering_functions#rank
SELECT x, RANK() OVER (ORDER BY x ASC) AS rank FROM UNNEST([1, 2, 2, 5]) AS x ORDER BY x;
[{"x": 1, "rank": 1}, {"x": 2, "rank": 2}, {"x": 2, "rank": 2}, {"x": 5, "rank": 4}];

# title: dense_rank
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/numbering_functions#dense_rank
SELECT x, DENSE_RANK() OVER (ORDER BY x ASC) AS dense_rank FROM UNNEST([1, 2, 2, 5]) AS x ORDER BY x;
[{"x": 1, "dense_rank": 1}, {"x": 2, "dense_rank": 2}, {"x": 2, "dense_rank": 2}, {"x": 5, "dense_rank": 3}];

# title: percent_rank
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/numbering_functions#percent_rank
SELECT x, PERCENT_RANK() OVER (ORDER BY x ASC) AS percent_rank FROM UNNEST([1, 2, 2, 5]) AS x ORDER BY x;
[{"x": 1, "percent_rank": 0.0}, {"x": 2, "percent_rank": 0.3333333333333333}, {"x": 2, "percent_rank": 0.3333333333333333}, {"x": 5, "percent_rank": 1.0}];

# title: cume_dist
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/numbering_functions#cume_dist
SELECT x, CUME_DIST() OVER (ORDER BY x ASC) AS cume_dist FROM UNNEST([1, 2, 2, 5]) AS x ORDER BY x;
[{"x": 1, "cume_dist": 0.25}, {"x": 2, "cume_dist": 0.75}, {"x": 2, "cume_dist": 0.75}, {"x": 5, "cume_dist": 1.0}];

# title: ntile
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/numbering_functions#ntile
SELECT x, NTILE(2) OVER (ORDER BY x ASC) AS ntile FROM UNNEST([1, 2, 2, 5]) AS x ORDER BY x, ntile;
[{"x": 1, "ntile": 1}, {"x": 2, "ntile": 1}, {"x": 2, "ntile": 2}, {"x": 5, "ntile": 2}];

# title: ntile more buckets than rows
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/numbering_functions#ntile
SELECT x, NTILE(5) OVER (ORDER BY x) AS n FROM UNNEST([1, 2]) AS x ORDER BY x;
[{"x": 1, "n": 1}, {"x": 2, "n": 2}];

# title: row_number partition
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/numbering_functions#row_number
SELECT k, v, ROW_NUMBER() OVER (PARTITION BY k ORDER BY v) AS rn FROM (SELECT 'a' AS k, 1 AS v UNION ALL SELECT 'a', 2 UNION ALL SELECT 'b', 3) ORDER BY k, v;
[{"k": "a", "v": 1, "rn": 1}, {"k": "a", "v": 2, "rn": 2}, {"k": "b", "v": 3, "rn": 1}];

# title: rank with nulls first
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/numbering_functions#rank
SELECT x, RANK() OVER (ORDER BY x) AS r FROM UNNEST([2, NULL, 1]) AS x ORDER BY x;
[{"x": null, "r": 1}, {"x": 1, "r": 2}, {"x": 2, "r": 3}];

# title: lag
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/navigation_functions#lag
SELECT x, LAG(x) OVER (ORDER BY x) AS prev FROM UNNEST([1, 2, 3]) AS x ORDER BY x;
[{"x": 1, "prev": null}, {"x": 2, "prev": 1}, {"x": 3, "prev": 2}];

# title: lag offset and default
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/navigation_functions#lag
SELECT x, LAG(x, 2, 0) OVER (ORDER BY x) AS prev FROM UNNEST([1, 2, 3]) AS x ORDER BY x;
[{"x": 1, "prev": 0}, {"x": 2, "prev": 0}, {"x": 3, "prev": 1}];

# title: lead
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/navigation_functions#lead
SELECT x, LEAD(x) OVER (ORDER BY x) AS nxt FROM UNNEST([1, 2, 3]) AS x ORDER BY x;
[{"x": 1, "nxt": 2}, {"x": 2, "nxt": 3}, {"x": 3, "nxt": null}];

# title: lead offset and default
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/navigation_functions#lead
SELECT x, LEAD(x, 2, -1) OVER (ORDER BY x) AS nxt FROM UNNEST([1, 2, 3]) AS x ORDER BY x;
[{"x": 1, "nxt": 3}, {"x": 2, "nxt": -1}, {"x": 3, "nxt": -1}];

# title: lag partitioned strings
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/navigation_functions#lag
SELECT k, v, LAG(v) OVER (PARTITION BY k ORDER BY v) AS p FROM (SELECT 'a' AS k, 'x' AS v UNION ALL SELECT 'a', 'y' UNION ALL SELECT 'b', 'z') ORDER BY k, v;
[{"k": "a", "v": "x", "p": null}, {"k": "a", "v": "y", "p": "x"}, {"k": "b", "v": "z", "p": null}];

# title: first_value
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/navigation_functions#first_value
SELECT x, FIRST_VALUE(x) OVER (ORDER BY x) AS f FROM UNNEST([3, 1, 2]) AS x ORDER BY x;
[{"x": 1, "f": 1}, {"x": 2, "f": 1}, {"x": 3, "f": 1}];

# title: last_value default frame
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/navigation_functions#last_value
SELECT x, LAST_VALUE(x) OVER (ORDER BY x) AS l FROM UNNEST([3, 1, 2]) AS x ORDER BY x;
[{"x": 1, "l": 1}, {"x": 2, "l": 2}, {"x": 3, "l": 3}];

# title: last_value whole partition
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/navigation_functions#last_value
SELECT x, LAST_VALUE(x) OVER (ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS l FROM UNNEST([3, 1, 2]) AS x ORDER BY x;
[{"x": 1, "l": 3}, {"x": 2, "l": 3}, {"x": 3, "l": 3}];

# title: nth_value
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/navigation_functions#nth_value
SELECT x, NTH_VALUE(x, 2) OVER (ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS n FROM UNNEST([3, 1, 2]) AS x ORDER BY x;
[{"x": 1, "n": 2}, {"x": 2, "n": 2}, {"x": 3, "n": 2}];

# title: nth_value before reached is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/navigation_functions#nth_value
SELECT x, NTH_VALUE(x, 2) OVER (ORDER BY x) AS n FROM UNNEST([3, 1, 2]) AS x ORDER BY x;
[{"x": 1, "n": null}, {"x": 2, "n": 2}, {"x": 3, "n": 2}];

# title: first_value ignore nulls
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/navigation_functions#first_value
SELECT o, FIRST_VALUE(x IGNORE NULLS) OVER (ORDER BY o ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS f FROM (SELECT 1 AS o, NULL AS x UNION ALL SELECT 2, 5 UNION ALL SELECT 3, 6) ORDER BY o;
[{"o": 1, "f": 5}, {"o": 2, "f": 5}, {"o": 3, "f": 5}];

# title: last_value ignore nulls
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/navigation_functions#last_value
SELECT o, LAST_VALUE(x IGNORE NULLS) OVER (ORDER BY o ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS l FROM (SELECT 1 AS o, 4 AS x UNION ALL SELECT 2, 5 UNION ALL SELECT 3, NULL) ORDER BY o;
[{"o": 1, "l": 5}, {"o": 2, "l": 5}, {"o": 3, "l": 5}];

# title: first_value respects nulls by default
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/navigation_functions#first_value
SELECT o, FIRST_VALUE(x) OVER (ORDER BY o) AS f FROM (SELECT 1 AS o, NULL AS x UNION ALL SELECT 2, 5) ORDER BY o;
[{"o": 1, "f": null}, {"o": 2, "f": null}];

# title: percentile_cont
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/navigation_functions#percentile_cont
SELECT PERCENTILE_CONT(x, 0) OVER() AS min, PERCENTILE_CONT(x, 0.01) OVER() AS percentile1, PERCENTILE_CONT(x, 0.5) OVER() AS median, PERCENTILE_CONT(x, 0.9) OVER() AS percentile90, PERCENTILE_CONT(x, 1) OVER() AS max FROM UNNEST([0, 3, NULL, 1, 2]) AS x LIMIT 1;
[{"min": 0.0, "percentile1": 0.03, "median": 1.5, "percentile90": 2.7, "max": 3.0}];

# title: percentile_disc
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/navigation_functions#percentile_disc
SELECT x, PERCENTILE_DISC(x, 0) OVER() AS min, PERCENTILE_DISC(x, 0.5) OVER() AS median, PERCENTILE_DISC(x, 1) OVER() AS max FROM UNNEST(['c', NULL, 'b', 'a']) AS x ORDER BY x;
[{"x": null, "min": "a", "median": "b", "max": "c"}, {"x": "a", "min": "a", "median": "b", "max": "c"}, {"x": "b", "min": "a", "median": "b", "max": "c"}, {"x": "c", "min": "a", "median": "b", "max": "c"}];

# title: percentile_cont partitioned
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/navigation_functions#percentile_cont
SELECT k, PERCENTILE_CONT(v, 0.5) OVER (PARTITION BY k) AS m FROM (SELECT 'a' AS k, 1 AS v UNION ALL SELECT 'a', 2 UNION ALL SELECT 'b', 10) ORDER BY k, m;
[{"k": "a", "m": 1.5}, {"k": "a", "m": 1.5}, {"k": "b", "m": 10.0}];

# title: rows frame moving sum
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/window-function-calls#def_window_frame
SELECT x, SUM(x) OVER (ORDER BY x ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS s FROM UNNEST([1, 2, 3, 4]) AS x ORDER BY x;
[{"x": 1, "s": 3}, {"x": 2, "s": 6}, {"x": 3, "s": 9}, {"x": 4, "s": 7}];

# title: rows frame cumulative
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/window-function-calls#def_window_frame
SELECT x, SUM(x) OVER (ORDER BY x ROWS UNBOUNDED PRECEDING) AS s FROM UNNEST([1, 2, 3, 4]) AS x ORDER BY x;
[{"x": 1, "s": 1}, {"x": 2, "s": 3}, {"x": 3, "s": 6}, {"x": 4, "s": 10}];

# title: range frame by value
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/window-function-calls#def_window_frame
SELECT x, SUM(x) OVER (ORDER BY x RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) AS s FROM UNNEST([1, 2, 3, 5]) AS x ORDER BY x;
[{"x": 1, "s": 1}, {"x": 2, "s": 3}, {"x": 3, "s": 5}, {"x": 5, "s": 5}];

# title: default frame with order by is range
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/window-function-calls#def_window_frame
SELECT x, SUM(x) OVER (ORDER BY x) AS s FROM UNNEST([1, 2, 2, 3]) AS x ORDER BY x;
[{"x": 1, "s": 1}, {"x": 2, "s": 5}, {"x": 2, "s": 5}, {"x": 3, "s": 8}];

# title: rows frame following only
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/window-function-calls#def_window_frame
SELECT x, SUM(x) OVER (ORDER BY x ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS s FROM UNNEST([1, 2, 3]) AS x ORDER BY x;
[{"x": 1, "s": 5}, {"x": 2, "s": 3}, {"x": 3, "s": null}];

# title: named window
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/window-function-calls#ref_named_window
SELECT x, LAG(x) OVER w AS p, SUM(x) OVER w AS s FROM UNNEST([1, 2, 3]) AS x WINDOW w AS (ORDER BY x) ORDER BY x;
[{"x": 1, "p": null, "s": 1}, {"x": 2, "p": 1, "s": 3}, {"x": 3, "p": 2, "s": 6}];

# title: named window refined with frame
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/window-function-calls#ref_named_window
SELECT x, SUM(x) OVER (w ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS s FROM UNNEST([1, 2, 3]) AS x WINDOW w AS (ORDER BY x) ORDER BY x;
[{"x": 1, "s": 1}, {"x": 2, "s": 3}, {"x": 3, "s": 5}];

# title: qualify row_number
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#qualify_clause
SELECT x FROM UNNEST([1, 2, 3]) AS x WHERE TRUE QUALIFY ROW_NUMBER() OVER (ORDER BY x DESC) = 1;
[{"x": 3}];

# title: qualify with partition
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#qualify_clause
SELECT k, v FROM (SELECT 'a' AS k, 1 AS v UNION ALL SELECT 'a', 2 UNION ALL SELECT 'b', 3) WHERE TRUE QUALIFY RANK() OVER (PARTITION BY k ORDER BY v DESC) = 1 ORDER BY k;
[{"k": "a", "v": 2}, {"k": "b", "v": 3}];

# title: avg over window
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/window-function-calls#window-function-calls
SELECT x, AVG(x) OVER (ORDER BY x ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS a FROM UNNEST([1, 2, 4]) AS x ORDER BY x;
[{"x": 1, "a": 1.0}, {"x": 2, "a": 1.5}, {"x": 4, "a": 3.0}];

# title: count over whole window
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/window-function-calls#window-function-calls
SELECT x, COUNT(*) OVER () AS n FROM UNNEST([1, 2]) AS x ORDER BY x;
[{"x": 1, "n": 2}, {"x": 2, "n": 2}];

# title: min max over partition
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/window-function-calls#window-function-calls
SELECT k, v, MIN(v) OVER (PARTITION BY k) AS lo, MAX(v) OVER (PARTITION BY k) AS hi FROM (SELECT 'a' AS k, 1 AS v UNION ALL SELECT 'a', 5 UNION ALL SELECT 'b', 3) ORDER BY k, v;
[{"k": "a", "v": 1, "lo": 1, "hi": 5}, {"k": "a", "v": 5, "lo": 1, "hi": 5}, {"k": "b", "v": 3, "lo": 3, "hi": 3}];

# title: window over aggregate
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/window-function-calls#window-function-calls
SELECT k, SUM(v) AS s, RANK() OVER (ORDER BY SUM(v) DESC) AS r FROM (SELECT 'a' AS k, 1 AS v UNION ALL SELECT 'a', 5 UNION ALL SELECT 'b', 3) GROUP BY k ORDER BY r;
[{"k": "a", "s": 6, "r": 1}, {"k": "b", "s": 3, "r": 2}];

# title: countif over window
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/window-function-calls#window-function-calls
SELECT x, COUNTIF(x > 1) OVER (ORDER BY x) AS c FROM UNNEST([1, 2, 3]) AS x ORDER BY x;
[{"x": 1, "c": 0}, {"x": 2, "c": 1}, {"x": 3, "c": 2}];

# title: string_agg over window
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/window-function-calls#window-function-calls
SELECT x, STRING_AGG(x, '') OVER (ORDER BY x) AS s FROM UNNEST(['a', 'b', 'c']) AS x ORDER BY x;
[{"x": "a", "s": "a"}, {"x": "b", "s": "ab"}, {"x": "c", "s": "abc"}];
