-- RANGE type and range functions

# title: range literal bounds
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#range_literals
SELECT RANGE_START(RANGE<DATE> '[2022-12-01, 2022-12-31)') AS s, RANGE_END(RANGE<DATE> '[2022-12-01, 2022-12-31)') AS e;
[{"s": "2022-12-01", "e": "2022-12-31"}];

# title: range literal unbounded end is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/range-functions#range_end
SELECT RANGE_END(RANGE<DATE> '[2022-12-01, UNBOUNDED)') AS e, RANGE_START(RANGE<DATE> '[UNBOUNDED, 2022-12-01)') AS s;
[{"e": null, "s": null}];

# title: range constructor
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/range-functions#range
SELECT RANGE_START(RANGE(DATE '2022-12-01', DATE '2022-12-31')) AS s, RANGE_END(RANGE(DATE '2022-12-01', NULL)) IS NULL AS unbounded;
[{"s": "2022-12-01", "unbounded": true}];

# title: range of timestamps
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/range-functions#range_start
SELECT RANGE_START(RANGE<TIMESTAMP> '[2020-01-01 12:00:00+00, 2020-12-31 12:00:00+00)') AS s;
[{"s": "2020-01-01T12:00:00+00:00"}];

# title: range value in a result
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#range_type
SELECT RANGE<DATE> '[2022-12-01, 2022-12-31)' AS r;
[{"r": {"start": "2022-12-01", "end": "2022-12-31"}}];

# title: range_contains a point
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/range-functions#range_contains
SELECT RANGE_CONTAINS(RANGE<DATE> '[2022-01-01, 2023-01-01)', DATE '2022-04-01') AS a, RANGE_CONTAINS(RANGE<DATE> '[2022-01-01, 2023-01-01)', DATE '2023-01-01') AS b;
[{"a": true, "b": false}];

# title: range_contains a range
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/range-functions#range_contains
SELECT RANGE_CONTAINS(RANGE<DATE> '[2022-01-01, 2023-01-01)', RANGE<DATE> '[2022-04-01, 2022-07-01)') AS a, RANGE_CONTAINS(RANGE<DATE> '[2022-01-01, 2023-01-01)', RANGE<DATE> '[2022-04-01, UNBOUNDED)') AS b;
[{"a": true, "b": false}];

# title: range_contains with an unbounded start
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/range-functions#range_contains
SELECT RANGE_CONTAINS(RANGE<DATE> '[UNBOUNDED, 2023-01-01)', DATE '1900-01-01') AS c;
[{"c": true}];

# title: range_overlaps
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/range-functions#range_overlaps
SELECT RANGE_OVERLAPS(RANGE<DATE> '[2022-02-01, 2022-09-01)', RANGE<DATE> '[2021-06-01, 2022-04-01)') AS a, RANGE_OVERLAPS(RANGE<DATE> '[2020-02-01, 2020-09-01)', RANGE<DATE> '[2021-06-01, 2022-04-01)') AS b;
[{"a": true, "b": false}];

# title: range_intersect
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/range-functions#range_intersect
SELECT RANGE_START(RANGE_INTERSECT(RANGE<DATE> '[2022-02-01, 2022-09-01)', RANGE<DATE> '[2021-06-01, 2022-04-01)')) AS s, RANGE_END(RANGE_INTERSECT(RANGE<DATE> '[2022-02-01, 2022-09-01)', RANGE<DATE> '[2021-06-01, 2022-04-01)')) AS e;
[{"s": "2022-02-01", "e": "2022-04-01"}];

# title: range column from a subquery
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/range-functions#range_contains
SELECT COUNT(*) AS n FROM (SELECT RANGE(DATE '2022-01-01', DATE '2022-02-01') AS r) WHERE RANGE_CONTAINS(r, DATE '2022-01-15');
[{"n": 1}];
