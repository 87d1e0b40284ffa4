-- UNION

# title: union all keeps duplicates
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#union
SELECT x FROM (SELECT x FROM UNNEST([1, 1, 2, 3]) AS x) UNION ALL SELECT x FROM (SELECT x FROM UNNEST([2, 3, 3, 4]) AS x) ORDER BY x;
[{"x": 1}, {"x": 1}, {"x": 2}, {"x": 2}, {"x": 3}, {"x": 3}, {"x": 3}, {"x": 4}];

# title: union distinct removes duplicates
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#union
SELECT x FROM (SELECT x FROM UNNEST([1, 1, 2, 3]) AS x) UNION DISTINCT SELECT x FROM (SELECT x FROM UNNEST([2, 3, 3, 4]) AS x) ORDER BY x;
[{"x": 1}, {"x": 2}, {"x": 3}, {"x": 4}];

# title: bare union is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#set_operators
# error: invalidQuery
SELECT 1 UNION SELECT 2;
;

# title: union all literals
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#union
SELECT 1 AS a UNION ALL SELECT 2 ORDER BY a;
[{"a": 1}, {"a": 2}];

# title: union takes column names from the first query
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#set_operators
SELECT 1 AS first UNION ALL SELECT 2 AS second ORDER BY first;
[{"first": 1}, {"first": 2}];

# title: union int and float is float
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#conversion_rules#supertypes
SELECT 1 AS v UNION ALL SELECT 2.5 ORDER BY v;
[{"v": 1.0}, {"v": 2.5}];

# title: union int and numeric is numeric
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#conversion_rules#supertypes
SELECT 1 AS v UNION ALL SELECT NUMERIC '2.5' ORDER BY v;
[{"v": "1"}, {"v": "2.5"}];

# title: union string and int is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#conversion_rules#supertypes
# error: invalidQuery
SELECT 'a' AS v UNION ALL SELECT 1;
;

# title: union column count mismatch is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#set_operators
# error: invalidQuery
SELECT 1, 2 UNION ALL SELECT 1;
;

# title: union distinct with nulls
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#union
SELECT CAST(NULL AS INT64) AS v UNION DISTINCT SELECT NULL;
[{"v": null}];

# title: union all three branches
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#union
SELECT 1 AS v UNION ALL SELECT 2 UNION ALL SELECT 3 ORDER BY v;
[{"v": 1}, {"v": 2}, {"v": 3}];

# title: union with order by and limit applies to the whole
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#set_operators
SELECT 3 AS v UNION ALL SELECT 1 UNION ALL SELECT 2 ORDER BY v LIMIT 2;
[{"v": 1}, {"v": 2}];

# title: parenthesized union branches
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#set_operators
(SELECT 2 AS v) UNION ALL (SELECT 1) ORDER BY v;
[{"v": 1}, {"v": 2}];

# title: union all in subquery
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#union
SELECT SUM(v) AS s FROM (SELECT 1 AS v UNION ALL SELECT 2);
[{"s": 3}];

# title: union of structs
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#union
SELECT s.a FROM (SELECT STRUCT(1 AS a) AS s UNION ALL SELECT STRUCT(2 AS a)) ORDER BY s.a;
[{"a": 1}, {"a": 2}];

# title: union of arrays
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#union
SELECT ARRAY_LENGTH(a) AS n FROM (SELECT [1] AS a UNION ALL SELECT [1, 2]) ORDER BY n;
[{"n": 1}, {"n": 2}];

# title: union all by name
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#by_name_or_corresponding
SELECT 1 AS a, 2 AS b UNION ALL BY NAME SELECT 3 AS b, 4 AS a ORDER BY a;
[{"a": 1, "b": 2}, {"a": 4, "b": 3}];

# title: union distinct of equal floats
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#union
SELECT 1.0 AS v UNION DISTINCT SELECT 1.0;
[{"v": 1.0}];

# title: union distinct counts
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#union
SELECT COUNT(*) AS n FROM (SELECT x FROM (SELECT x FROM UNNEST([1, 1, 2, 3]) AS x) UNION DISTINCT SELECT x FROM (SELECT x FROM UNNEST([1, 1, 2, 3]) AS x));
[{"n": 3}];

-- INTERSECT and EXCEPT

# title: intersect distinct
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#intersect
SELECT x FROM (SELECT x FROM UNNEST([1, 1, 2, 3]) AS x) INTERSECT DISTINCT SELECT x FROM (SELECT x FROM UNNEST([2, 3, 3, 4]) AS x) ORDER BY x;
[{"x": 2}, {"x": 3}];

# title: except distinct
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#except
SELECT x FROM (SELECT x FROM UNNEST([1, 1, 2, 3]) AS x) EXCEPT DISTINCT SELECT x FROM (SELECT x FROM UNNEST([2, 3, 3, 4]) AS x) ORDER BY x;
[{"x": 1}];

# title: except distinct reversed
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#except
SELECT x FROM (SELECT x FROM UNNEST([2, 3, 3, 4]) AS x) EXCEPT DISTINCT SELECT x FROM (SELECT x FROM UNNEST([1, 1, 2, 3]) AS x) ORDER BY x;
[{"x": 4}];

# title: bare intersect is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#set_operators
# error: invalidQuery
SELECT 1 INTERSECT SELECT 1;
;

# title: bare except is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#set_operators
# error: invalidQuery
SELECT 1 EXCEPT SELECT 2;
;

# title: intersect distinct doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#intersect
SELECT * FROM UNNEST(ARRAY<INT64>[1, 2, 3, 3, 4]) AS number INTERSECT DISTINCT SELECT * FROM UNNEST(ARRAY<INT64>[2, 3, 3, 5]) AS number ORDER BY number;
[{"number": 2}, {"number": 3}];

# title: except distinct doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#except
SELECT * FROM UNNEST(ARRAY<INT64>[1, 2, 3]) AS number EXCEPT DISTINCT SELECT 1 ORDER BY number;
[{"number": 2}, {"number": 3}];

# title: intersect with nulls matches nulls
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#intersect
SELECT CAST(NULL AS INT64) AS v INTERSECT DISTINCT SELECT NULL;
[{"v": null}];

# title: except with nulls removes nulls
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#except
SELECT v FROM UNNEST([1, NULL]) AS v EXCEPT DISTINCT SELECT NULL;
[{"v": 1}];

# title: intersect all
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#intersect
# error: invalidQuery
SELECT x FROM (SELECT x FROM UNNEST([1, 1, 2, 3]) AS x) INTERSECT ALL SELECT x FROM (SELECT x FROM UNNEST([2, 3, 3, 4]) AS x) ORDER BY x;
;

# title: intersect empty
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#intersect
SELECT 1 AS v INTERSECT DISTINCT SELECT 2;
[];

# title: except everything
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#except
SELECT 1 AS v EXCEPT DISTINCT SELECT 1;
[];

# title: chained except distinct
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#except
SELECT v FROM UNNEST([1, 2, 3]) AS v EXCEPT DISTINCT SELECT 1 EXCEPT DISTINCT SELECT 2;
[{"v": 3}];

# title: parenthesized mix of set operators
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#set_operators
(SELECT v FROM UNNEST([1, 2, 3]) AS v INTERSECT DISTINCT SELECT v FROM UNNEST([2, 3]) AS v) UNION ALL (SELECT 9) ORDER BY v;
[{"v": 2}, {"v": 3}, {"v": 9}];

# title: set operation in cte
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#set_operators
WITH u AS (SELECT 1 AS v UNION ALL SELECT 2) SELECT COUNT(*) AS n FROM u;
[{"n": 2}];

# title: set operation in in subquery
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#set_operators
SELECT 2 IN (SELECT 1 UNION ALL SELECT 2) AS found;
[{"found": true}];

# title: except all is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#except
# error: invalidQuery
SELECT 1 AS x EXCEPT ALL SELECT 2;
EXCEPT ALL is not supported;

# title: union int and float literals coerce
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#set_operators
SELECT 1 AS v UNION ALL SELECT 2.5 ORDER BY v;
[{"v": 1.0}, {"v": 2.5}];

# title: except distinct string and int is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#set_operators
# error: invalidQuery
SELECT 1 AS v EXCEPT DISTINCT SELECT 'a';
incompatible types: INT64, STRING;
