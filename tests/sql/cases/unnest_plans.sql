-- Correlated UNNEST in FROM (an UNNEST that reads a column): run as a lateral projection UNNEST

# title: correlated unnest of struct array cross join
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
WITH t AS (SELECT 1 AS id, [STRUCT(1 AS line, 2.5 AS price), STRUCT(2 AS line, 4.0 AS price)] AS items UNION ALL SELECT 2, [STRUCT(1 AS line, 8.0 AS price)]) SELECT id, i.line, i.price FROM t, UNNEST(t.items) AS i ORDER BY id, i.line;
[{"id": 1, "line": 1, "price": 2.5}, {"id": 1, "line": 2, "price": 4.0}, {"id": 2, "line": 1, "price": 8.0}];

# title: correlated unnest cross join drops null and empty arrays
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
WITH t AS (SELECT 1 AS id, [10, 20] AS arr UNION ALL SELECT 2, ARRAY<INT64>[] UNION ALL SELECT 3, CAST(NULL AS ARRAY<INT64>)) SELECT id, x FROM t CROSS JOIN UNNEST(t.arr) AS x ORDER BY id, x;
[{"id": 1, "x": 10}, {"id": 1, "x": 20}];

# title: correlated unnest left join keeps null and empty arrays
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
WITH t AS (SELECT 1 AS id, [10, 20] AS arr UNION ALL SELECT 2, ARRAY<INT64>[] UNION ALL SELECT 3, CAST(NULL AS ARRAY<INT64>)) SELECT id, x FROM t LEFT JOIN UNNEST(t.arr) AS x ORDER BY id, x;
[{"id": 1, "x": 10}, {"id": 1, "x": 20}, {"id": 2, "x": null}, {"id": 3, "x": null}];

# title: correlated unnest left join with offset gives a null offset for empty arrays
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
WITH t AS (SELECT 1 AS id, ['a', 'b'] AS arr UNION ALL SELECT 2, ARRAY<STRING>[] UNION ALL SELECT 3, CAST(NULL AS ARRAY<STRING>)) SELECT id, x, pos FROM t LEFT JOIN UNNEST(t.arr) AS x WITH OFFSET AS pos ORDER BY id, pos;
[{"id": 1, "x": "a", "pos": 0}, {"id": 1, "x": "b", "pos": 1}, {"id": 2, "x": null, "pos": null}, {"id": 3, "x": null, "pos": null}];

# title: correlated unnest left join of an array holding a null element
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
WITH t AS (SELECT 1 AS id, [7, NULL, 9] AS arr) SELECT id, x, pos FROM t LEFT JOIN UNNEST(t.arr) AS x WITH OFFSET AS pos ORDER BY pos;
[{"id": 1, "x": 7, "pos": 0}, {"id": 1, "x": null, "pos": 1}, {"id": 1, "x": 9, "pos": 2}];

# title: correlated unnest left join of a computed array keeps empty arrays
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
WITH t AS (SELECT 1 AS id, 2 AS n UNION ALL SELECT 2, 0) SELECT id, x FROM t LEFT JOIN UNNEST(GENERATE_ARRAY(1, t.n)) AS x ORDER BY id, x;
[{"id": 1, "x": 1}, {"id": 1, "x": 2}, {"id": 2, "x": null}];

# title: correlated unnest with offset counts from zero per row
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
WITH t AS (SELECT 1 AS id, ['a', 'b', 'c'] AS arr UNION ALL SELECT 2, ['d']) SELECT id, x, pos FROM t, UNNEST(t.arr) AS x WITH OFFSET AS pos ORDER BY id, pos;
[{"id": 1, "x": "a", "pos": 0}, {"id": 1, "x": "b", "pos": 1}, {"id": 1, "x": "c", "pos": 2}, {"id": 2, "x": "d", "pos": 0}];

# title: correlated unnest with offset default name
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
WITH t AS (SELECT ['a', 'b'] AS arr) SELECT x, offset FROM t, UNNEST(t.arr) AS x WITH OFFSET ORDER BY offset;
[{"x": "a", "offset": 0}, {"x": "b", "offset": 1}];

# title: correlated unnest star column order
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
WITH t AS (SELECT 1 AS id, ['a', 'b'] AS arr) SELECT * EXCEPT (arr) FROM t, UNNEST(t.arr) AS x WITH OFFSET AS pos ORDER BY pos;
[{"id": 1, "x": "a", "pos": 0}, {"id": 1, "x": "b", "pos": 1}];

# title: correlated unaliased unnest of structs exposes fields
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
WITH t AS (SELECT 1 AS id, [STRUCT(1 AS a, 'x' AS b), STRUCT(2 AS a, 'y' AS b)] AS items) SELECT id, a, b FROM t, UNNEST(t.items) ORDER BY a;
[{"id": 1, "a": 1, "b": "x"}, {"id": 1, "a": 2, "b": "y"}];

# title: correlated unaliased unnest of structs with offset
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
WITH t AS (SELECT 1 AS id, [STRUCT(5 AS a), STRUCT(6 AS a)] AS items) SELECT id, a, off FROM t, UNNEST(t.items) WITH OFFSET AS off ORDER BY off;
[{"id": 1, "a": 5, "off": 0}, {"id": 1, "a": 6, "off": 1}];

# title: correlated unaliased unnest of structs left join with offset
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
WITH t AS (SELECT 1 AS id, [STRUCT(5 AS a)] AS items UNION ALL SELECT 2, []) SELECT id, a, off FROM t LEFT JOIN UNNEST(t.items) WITH OFFSET AS off ORDER BY id;
[{"id": 1, "a": 5, "off": 0}, {"id": 2, "a": null, "off": null}];

# title: implicit unnest of an array path with alias
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#correlated_join
WITH t AS (SELECT 1 AS id, [3, 4] AS arr) SELECT id, x FROM t, t.arr AS x ORDER BY x;
[{"id": 1, "x": 3}, {"id": 1, "x": 4}];

# title: implicit unnest of a struct array path exposes fields
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#correlated_join
WITH t AS (SELECT 1 AS id, [STRUCT(3 AS a), STRUCT(4 AS a)] AS items) SELECT id, a FROM t, t.items ORDER BY a;
[{"id": 1, "a": 3}, {"id": 1, "a": 4}];

# title: correlated unnest of an unqualified array column
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
WITH t AS (SELECT 1 AS id, ['p', 'q'] AS tags) SELECT id, tag FROM t, UNNEST(tags) AS tag ORDER BY tag;
[{"id": 1, "tag": "p"}, {"id": 1, "tag": "q"}];

# title: correlated unnest of an array inside a struct
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
WITH t AS (SELECT 1 AS id, STRUCT([1, 2] AS nums) AS rec) SELECT id, n FROM t, UNNEST(t.rec.nums) AS n ORDER BY n;
[{"id": 1, "n": 1}, {"id": 1, "n": 2}];

# title: two correlated unnests side by side
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
WITH t AS (SELECT 1 AS id, [1, 2] AS a, ['x', 'y'] AS b) SELECT id, x, y FROM t, UNNEST(t.a) AS x, UNNEST(t.b) AS y ORDER BY x, y;
[{"id": 1, "x": 1, "y": "x"}, {"id": 1, "x": 1, "y": "y"}, {"id": 1, "x": 2, "y": "x"}, {"id": 1, "x": 2, "y": "y"}];

# title: aggregation over a correlated unnest of structs
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
WITH t AS (SELECT 1 AS id, [STRUCT(1 AS p, 2 AS q), STRUCT(2 AS p, 3 AS q)] AS items UNION ALL SELECT 2, [STRUCT(1 AS p, 5 AS q)]) SELECT i.p, SUM(i.q) AS total, COUNT(*) AS n FROM t AS o, UNNEST(o.items) AS i GROUP BY 1 ORDER BY 1;
[{"p": 1, "total": 7, "n": 2}, {"p": 2, "total": 3, "n": 1}];

# title: exists over a correlated unnest
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/subqueries#exists_subquery_concepts
WITH t AS (SELECT 1 AS id, [1, 5] AS arr UNION ALL SELECT 2, [1, 2] UNION ALL SELECT 3, ARRAY<INT64>[]) SELECT id FROM t WHERE EXISTS (SELECT 1 FROM UNNEST(t.arr) AS x WHERE x > 4) ORDER BY id;
[{"id": 1}];

# title: array subquery over a correlated unnest keeps element order
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/array_functions#array
WITH t AS (SELECT 1 AS id, [0, 1, 1, 2, 3, 5] AS some_numbers UNION ALL SELECT 2, [2, 4, 8, 16, 32]) SELECT id, ARRAY(SELECT x * 2 FROM UNNEST(some_numbers) AS x) AS doubled FROM t ORDER BY id;
[{"id": 1, "doubled": [0, 2, 2, 4, 6, 10]}, {"id": 2, "doubled": [4, 8, 16, 32, 64]}];

# title: array subquery over a correlated unnest with offset ordering
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/array_functions#array
WITH t AS (SELECT ['a', 'b', 'c'] AS arr) SELECT ARRAY(SELECT x FROM UNNEST(t.arr) AS x WITH OFFSET AS pos ORDER BY pos DESC) AS reversed FROM t;
[{"reversed": ["c", "b", "a"]}];

# title: scalar subquery over a correlated unnest
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/subqueries#scalar_subquery_concepts
WITH t AS (SELECT 1 AS id, [1, 2, 3] AS arr UNION ALL SELECT 2, ARRAY<INT64>[]) SELECT id, (SELECT SUM(x) FROM UNNEST(t.arr) AS x) AS total FROM t ORDER BY id;
[{"id": 1, "total": 6}, {"id": 2, "total": null}];

# title: correlated unnest alias named like the array column
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
WITH t AS (SELECT 1 AS id, ['p', 'q'] AS tag) SELECT id, t2 FROM t, UNNEST(t.tag) AS t2 WITH OFFSET AS tag_pos ORDER BY tag_pos;
[{"id": 1, "t2": "p"}, {"id": 1, "t2": "q"}];

# title: correlated unnest with quoted aliases
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
WITH t AS (SELECT 1 AS id, [3] AS arr) SELECT `my x`, `the pos` FROM t, UNNEST(t.arr) AS `my x` WITH OFFSET AS `the pos`;
[{"my x": 3, "the pos": 0}];

# title: correlated unnest with reserved-word aliases
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
WITH t AS (SELECT 1 AS id, [3] AS arr) SELECT `order`, `select` FROM t, UNNEST(t.arr) AS `order` WITH OFFSET AS `select`;
[{"order": 3, "select": 0}];

# title: correlated unaliased unnest with offset named like the array column
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
WITH t AS (SELECT 1 AS id, [STRUCT(5 AS a), STRUCT(6 AS a)] AS items) SELECT id, a FROM t, UNNEST(items) WITH OFFSET AS items ORDER BY a;
[{"id": 1, "a": 5}, {"id": 1, "a": 6}];

# title: correlated unnest after a join
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
WITH a AS (SELECT 1 AS id, [1, 2] AS arr), b AS (SELECT 1 AS id, 'z' AS s) SELECT b.s, x FROM a JOIN b ON a.id = b.id, UNNEST(a.arr) AS x ORDER BY x;
[{"s": "z", "x": 1}, {"s": "z", "x": 2}];

# title: correlated unnest alias is the struct element
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
WITH t AS (SELECT 1 AS id, [STRUCT(1 AS a, 2 AS b)] AS items) SELECT i FROM t, UNNEST(t.items) AS i;
[{"i": {"a": 1, "b": 2}}];

# title: value in a correlated unnest
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#in_operators
WITH t AS (SELECT 1 AS id, [3, 4] AS arr UNION ALL SELECT 2, [5]) SELECT id FROM t WHERE 4 IN UNNEST(t.arr);
[{"id": 1}];
