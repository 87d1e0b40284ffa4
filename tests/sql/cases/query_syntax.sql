-- SELECT list

# title: select star except
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#select_except
SELECT * EXCEPT (name) FROM (SELECT 1 AS id, 'a' AS name, 10 AS v UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'a', 30) ORDER BY id;
[{"id": 1, "v": 10}, {"id": 2, "v": 20}, {"id": 3, "v": 30}];

# title: select star except doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#select_except
WITH orders AS (SELECT 5 AS order_id, 'sprocket' AS item_name, 200 AS quantity) SELECT * EXCEPT (order_id) FROM orders;
[{"item_name": "sprocket", "quantity": 200}];

# title: select star replace doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#select_replace
WITH orders AS (SELECT 5 AS order_id, 'sprocket' AS item_name, 200 AS quantity) SELECT * REPLACE ('widget' AS item_name) FROM orders;
[{"order_id": 5, "item_name": "widget", "quantity": 200}];

# title: select star replace expression
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#select_replace
WITH orders AS (SELECT 5 AS order_id, 'sprocket' AS item_name, 200 AS quantity) SELECT * REPLACE (quantity / 2 AS quantity) FROM orders;
[{"order_id": 5, "item_name": "sprocket", "quantity": 100.0}];

# title: select star except and replace
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#select_replace
SELECT * EXCEPT (name) REPLACE (v * 2 AS v) FROM (SELECT 1 AS id, 'a' AS name, 10 AS v UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'a', 30) WHERE id = 1;
[{"id": 1, "v": 20}];

# title: select except unknown column is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#select_except
# error: invalidQuery
SELECT * EXCEPT (nope) FROM (SELECT 1 AS id, 'a' AS name, 10 AS v UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'a', 30);
;

# title: select distinct
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#select_distinct
SELECT DISTINCT name FROM (SELECT 1 AS id, 'a' AS name, 10 AS v UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'a', 30) ORDER BY name;
[{"name": "a"}, {"name": "b"}];

# title: select distinct multiple columns
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#select_distinct
SELECT DISTINCT x, y FROM UNNEST([STRUCT(1 AS x, 2 AS y), STRUCT(1, 2), STRUCT(1, 3)]) ORDER BY y;
[{"x": 1, "y": 2}, {"x": 1, "y": 3}];

# title: select distinct treats nulls as equal
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#select_distinct
SELECT COUNT(*) AS n FROM (SELECT DISTINCT x FROM UNNEST([1, NULL, NULL]) AS x);
[{"n": 2}];

# title: select all
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#select_all
SELECT ALL x FROM UNNEST([1, 1]) AS x;
[{"x": 1}, {"x": 1}];

# title: select expression alias
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#select_list
SELECT 1 + 2 AS three;
[{"three": 3}];

# title: select without from
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#select_list
SELECT 'x' AS a, 2 AS b;
[{"a": "x", "b": 2}];

# title: select table star from subquery alias
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#select_list
SELECT t.* FROM (SELECT 1 AS id, 'a' AS name, 10 AS v UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'a', 30) AS t WHERE t.id = 2;
[{"id": 2, "name": "b", "v": 20}];

# title: anonymous column name
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#implicit_aliases
SELECT 1 + 1;
[{"f0_": 2}];

# title: column names are case insensitive
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#lexical#case_sensitivity
SELECT ID AS a, Name AS b FROM (SELECT 1 AS id, 'x' AS name);
[{"a": 1, "b": "x"}];

# title: table aliases are case insensitive
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#lexical#case_sensitivity
SELECT T.id FROM (SELECT 1 AS id) AS t;
[{"id": 1}];

# title: keywords are case insensitive
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#lexical#case_sensitivity
select 1 as x from unnest([1]) as y where y = 1;
[{"x": 1}];

# title: backtick quoted identifier
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#lexical#quoted_identifiers
SELECT `my col` FROM (SELECT 1 AS `my col`);
[{"my col": 1}];

# title: duplicate column names in subquery
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#select_list
SELECT * FROM (SELECT 1 AS a, 2 AS b);
[{"a": 1, "b": 2}];

-- WHERE, ORDER BY, LIMIT

# title: where filter
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#where_clause
SELECT id FROM (SELECT 1 AS id, 'a' AS name, 10 AS v UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'a', 30) WHERE v > 15 ORDER BY id;
[{"id": 2}, {"id": 3}];

# title: where null is not true
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#where_clause
SELECT COUNT(*) AS n FROM UNNEST([1, NULL, 3]) AS x WHERE x > 0;
[{"n": 2}];

# title: order by desc
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#order_by_clause
SELECT id FROM (SELECT 1 AS id, 'a' AS name, 10 AS v UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'a', 30) ORDER BY v DESC;
[{"id": 3}, {"id": 2}, {"id": 1}];

# title: order by asc puts nulls first
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#order_by_clause
SELECT x FROM UNNEST([2, NULL, 1]) AS x ORDER BY x;
[{"x": null}, {"x": 1}, {"x": 2}];

# title: order by desc puts nulls last
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#order_by_clause
SELECT x FROM UNNEST([2, NULL, 1]) AS x ORDER BY x DESC;
[{"x": 2}, {"x": 1}, {"x": null}];

# title: order by nulls last
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#order_by_clause
SELECT x FROM UNNEST([2, NULL, 1]) AS x ORDER BY x NULLS LAST;
[{"x": 1}, {"x": 2}, {"x": null}];

# title: order by desc nulls first
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#order_by_clause
SELECT x FROM UNNEST([2, NULL, 1]) AS x ORDER BY x DESC NULLS FIRST;
[{"x": null}, {"x": 2}, {"x": 1}];

# title: order by nan sorts before numbers
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-types#floating_point_semantics
SELECT x FROM UNNEST([1.0, CAST('NaN' AS FLOAT64), -1.0, NULL]) AS x ORDER BY x;
[{"x": null}, {"x": "NaN"}, {"x": -1.0}, {"x": 1.0}];

# title: order by ordinal
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#order_by_clause
SELECT id, v FROM (SELECT 1 AS id, 'a' AS name, 10 AS v UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'a', 30) ORDER BY 2 DESC;
[{"id": 3, "v": 30}, {"id": 2, "v": 20}, {"id": 1, "v": 10}];

# title: order by alias
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#order_by_clause
SELECT id, v * -1 AS neg FROM (SELECT 1 AS id, 'a' AS name, 10 AS v UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'a', 30) ORDER BY neg;
[{"id": 3, "neg": -30}, {"id": 2, "neg": -20}, {"id": 1, "neg": -10}];

# title: order by column not selected
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#order_by_clause
SELECT name FROM (SELECT 1 AS id, 'a' AS name, 10 AS v UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'a', 30) ORDER BY v DESC LIMIT 1;
[{"name": "a"}];

# title: order by two keys
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#order_by_clause
SELECT id FROM (SELECT 1 AS id, 'a' AS name, 10 AS v UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'a', 30) ORDER BY name DESC, id DESC;
[{"id": 2}, {"id": 3}, {"id": 1}];

# title: limit
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#limit_and_offset_clause
SELECT x FROM UNNEST([1, 2, 3, 4]) AS x ORDER BY x LIMIT 2;
[{"x": 1}, {"x": 2}];

# title: limit offset
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#limit_and_offset_clause
SELECT x FROM UNNEST([1, 2, 3, 4]) AS x ORDER BY x LIMIT 2 OFFSET 1;
[{"x": 2}, {"x": 3}];

# title: limit zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#limit_and_offset_clause
SELECT x FROM UNNEST([1, 2]) AS x LIMIT 0;
[];

# title: offset past the end
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#limit_and_offset_clause
SELECT x FROM UNNEST([1, 2]) AS x ORDER BY x LIMIT 5 OFFSET 5;
[];

# title: negative limit is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#limit_and_offset_clause
# error: invalidQuery
SELECT x FROM UNNEST([1, 2]) AS x LIMIT -1;
;

-- GROUP BY and HAVING

# title: group by column
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#group_by_clause
SELECT name, SUM(v) AS total FROM (SELECT 1 AS id, 'a' AS name, 10 AS v UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'a', 30) GROUP BY name ORDER BY name;
[{"name": "a", "total": 40}, {"name": "b", "total": 20}];

# title: group by ordinal
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#group_by_clause
SELECT name, COUNT(*) AS n FROM (SELECT 1 AS id, 'a' AS name, 10 AS v UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'a', 30) GROUP BY 1 ORDER BY 1;
[{"name": "a", "n": 2}, {"name": "b", "n": 1}];

# title: group by alias
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#group_by_clause
SELECT UPPER(name) AS u, COUNT(*) AS n FROM (SELECT 1 AS id, 'a' AS name, 10 AS v UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'a', 30) GROUP BY u ORDER BY u;
[{"u": "A", "n": 2}, {"u": "B", "n": 1}];

# title: group by all
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#group_by_all
SELECT name, SUM(v) AS total FROM (SELECT 1 AS id, 'a' AS name, 10 AS v UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'a', 30) GROUP BY ALL ORDER BY name;
[{"name": "a", "total": 40}, {"name": "b", "total": 20}];

# title: group by groups nulls together
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#group_by_clause
SELECT x, COUNT(*) AS n FROM UNNEST([1, NULL, NULL]) AS x GROUP BY x ORDER BY x;
[{"x": null, "n": 2}, {"x": 1, "n": 1}];

# title: having
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#having_clause
SELECT name, SUM(v) AS total FROM (SELECT 1 AS id, 'a' AS name, 10 AS v UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'a', 30) GROUP BY name HAVING SUM(v) > 25;
[{"name": "a", "total": 40}];

# title: having with alias
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#having_clause
SELECT name, SUM(v) AS total FROM (SELECT 1 AS id, 'a' AS name, 10 AS v UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'a', 30) GROUP BY name HAVING total < 25;
[{"name": "b", "total": 20}];

# title: aggregate without group by
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#group_by_clause
SELECT COUNT(*) AS n, MAX(v) AS m FROM (SELECT 1 AS id, 'a' AS name, 10 AS v UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'a', 30);
[{"n": 3, "m": 30}];

# title: aggregate over empty input
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#group_by_clause
SELECT COUNT(*) AS n, SUM(x) AS s FROM UNNEST(ARRAY<INT64>[]) AS x;
[{"n": 0, "s": null}];

# title: non aggregated column is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#group_by_clause
# error: invalidQuery
SELECT name, v FROM (SELECT 1 AS id, 'a' AS name, 10 AS v UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'a', 30) GROUP BY name;
;

# title: rollup doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#group_by_rollup
WITH Sales AS (SELECT 123 AS sku, 1 AS day, 9.99 AS price UNION ALL SELECT 123, 1, 8.99 UNION ALL SELECT 456, 1, 4.56 UNION ALL SELECT 123, 2, 9.99 UNION ALL SELECT 789, 3, 1.00 UNION ALL SELECT 456, 3, 4.25 UNION ALL SELECT 789, 3, 0.99) SELECT day, ROUND(SUM(price), 2) AS total FROM Sales GROUP BY ROLLUP(day) ORDER BY day;
[{"day": null, "total": 39.77}, {"day": 1, "total": 23.54}, {"day": 2, "total": 9.99}, {"day": 3, "total": 6.24}];

# title: rollup two columns
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#group_by_rollup
SELECT a, b, COUNT(*) AS n FROM UNNEST([STRUCT(1 AS a, 'x' AS b), STRUCT(1, 'y'), STRUCT(2, 'x')]) GROUP BY ROLLUP(a, b) ORDER BY a, b;
[{"a": null, "b": null, "n": 3}, {"a": 1, "b": null, "n": 2}, {"a": 1, "b": "x", "n": 1}, {"a": 1, "b": "y", "n": 1}, {"a": 2, "b": null, "n": 1}, {"a": 2, "b": "x", "n": 1}];

# title: cube
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#group_by_cube
SELECT a, b, COUNT(*) AS n FROM UNNEST([STRUCT(1 AS a, 'x' AS b), STRUCT(2, 'x')]) GROUP BY CUBE(a, b) ORDER BY a, b;
[{"a": null, "b": null, "n": 2}, {"a": null, "b": "x", "n": 2}, {"a": 1, "b": null, "n": 1}, {"a": 1, "b": "x", "n": 1}, {"a": 2, "b": null, "n": 1}, {"a": 2, "b": "x", "n": 1}];

# title: grouping sets
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#group_by_grouping_sets
SELECT a, b, COUNT(*) AS n FROM UNNEST([STRUCT(1 AS a, 'x' AS b), STRUCT(2, 'x')]) GROUP BY GROUPING SETS ((a), (b)) ORDER BY a, b;
[{"a": null, "b": "x", "n": 2}, {"a": 1, "b": null, "n": 1}, {"a": 2, "b": null, "n": 1}];

# title: grouping sets with empty set
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#group_by_grouping_sets
SELECT a, COUNT(*) AS n FROM UNNEST([1, 2]) AS a GROUP BY GROUPING SETS (a, ()) ORDER BY a;
[{"a": null, "n": 2}, {"a": 1, "n": 1}, {"a": 2, "n": 1}];

# title: grouping function
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#aggregate_functions#grouping
SELECT a, GROUPING(a) AS g FROM UNNEST([1]) AS a GROUP BY ROLLUP(a) ORDER BY g;
[{"a": 1, "g": 0}, {"a": null, "g": 1}];

-- QUALIFY and window

# title: qualify row_number
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#qualify_clause
SELECT name, id FROM (SELECT 1 AS id, 'a' AS name, 10 AS v UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'a', 30) WHERE TRUE QUALIFY ROW_NUMBER() OVER (PARTITION BY name ORDER BY id DESC) = 1 ORDER BY name;
[{"name": "a", "id": 3}, {"name": "b", "id": 2}];

# title: qualify with alias
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#qualify_clause
SELECT id, RANK() OVER (ORDER BY v DESC) AS r FROM (SELECT 1 AS id, 'a' AS name, 10 AS v UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'a', 30) WHERE TRUE QUALIFY r <= 2 ORDER BY r;
[{"id": 3, "r": 1}, {"id": 2, "r": 2}];

# title: named window
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#window_clause
SELECT id, SUM(v) OVER w AS running FROM (SELECT 1 AS id, 'a' AS name, 10 AS v UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'a', 30) WINDOW w AS (ORDER BY id) ORDER BY id;
[{"id": 1, "running": 10}, {"id": 2, "running": 30}, {"id": 3, "running": 60}];

-- PIVOT and UNPIVOT

# title: pivot doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#pivot_operator
SELECT * FROM (SELECT product, sales, quarter FROM (SELECT 'Kale' AS product, 51 AS sales, 'Q1' AS quarter, 2020 AS year UNION ALL SELECT 'Kale', 23, 'Q2', 2020 UNION ALL SELECT 'Kale', 45, 'Q3', 2020 UNION ALL SELECT 'Kale', 3, 'Q4', 2020 UNION ALL SELECT 'Apple', 77, 'Q1', 2020 UNION ALL SELECT 'Apple', 0, 'Q2', 2020 UNION ALL SELECT 'Apple', 25, 'Q3', 2020 UNION ALL SELECT 'Apple', 2, 'Q4', 2020)) PIVOT(SUM(sales) FOR quarter IN ('Q1', 'Q2', 'Q3', 'Q4')) ORDER BY product;
[{"product": "Apple", "Q1": 77, "Q2": 0, "Q3": 25, "Q4": 2}, {"product": "Kale", "Q1": 51, "Q2": 23, "Q3": 45, "Q4": 3}];

# title: pivot with aliases
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#pivot_operator
SELECT * FROM (SELECT product, sales, quarter FROM (SELECT 'Kale' AS product, 51 AS sales, 'Q1' AS quarter, 2020 AS year UNION ALL SELECT 'Kale', 23, 'Q2', 2020 UNION ALL SELECT 'Kale', 45, 'Q3', 2020 UNION ALL SELECT 'Kale', 3, 'Q4', 2020 UNION ALL SELECT 'Apple', 77, 'Q1', 2020 UNION ALL SELECT 'Apple', 0, 'Q2', 2020 UNION ALL SELECT 'Apple', 25, 'Q3', 2020 UNION ALL SELECT 'Apple', 2, 'Q4', 2020)) PIVOT(SUM(sales) AS total FOR quarter IN ('Q1' AS q1, 'Q2' AS q2)) ORDER BY product;
[{"product": "Apple", "total_q1": 77, "total_q2": 0}, {"product": "Kale", "total_q1": 51, "total_q2": 23}];

# title: pivot implicit group by all other columns
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#pivot_operator
SELECT * FROM (SELECT sales, quarter FROM (SELECT 'Kale' AS product, 51 AS sales, 'Q1' AS quarter, 2020 AS year UNION ALL SELECT 'Kale', 23, 'Q2', 2020 UNION ALL SELECT 'Kale', 45, 'Q3', 2020 UNION ALL SELECT 'Kale', 3, 'Q4', 2020 UNION ALL SELECT 'Apple', 77, 'Q1', 2020 UNION ALL SELECT 'Apple', 0, 'Q2', 2020 UNION ALL SELECT 'Apple', 25, 'Q3', 2020 UNION ALL SELECT 'Apple', 2, 'Q4', 2020)) PIVOT(SUM(sales) FOR quarter IN ('Q1', 'Q2'));
[{"Q1": 128, "Q2": 23}];

# title: pivot missing value is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#pivot_operator
SELECT * FROM (SELECT product, sales, quarter FROM (SELECT 'Kale' AS product, 51 AS sales, 'Q1' AS quarter, 2020 AS year UNION ALL SELECT 'Kale', 23, 'Q2', 2020 UNION ALL SELECT 'Kale', 45, 'Q3', 2020 UNION ALL SELECT 'Kale', 3, 'Q4', 2020 UNION ALL SELECT 'Apple', 77, 'Q1', 2020 UNION ALL SELECT 'Apple', 0, 'Q2', 2020 UNION ALL SELECT 'Apple', 25, 'Q3', 2020 UNION ALL SELECT 'Apple', 2, 'Q4', 2020)) PIVOT(SUM(sales) FOR quarter IN ('Q1', 'Q9')) ORDER BY product;
[{"product": "Apple", "Q1": 77, "Q9": null}, {"product": "Kale", "Q1": 51, "Q9": null}];

# title: unpivot doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#unpivot_operator
WITH Produce AS (SELECT 'Kale' AS product, 51 AS Q1, 23 AS Q2, 45 AS Q3, 3 AS Q4 UNION ALL SELECT 'Apple', 77, 0, 25, 2) SELECT * FROM Produce UNPIVOT(sales FOR quarter IN (Q1, Q2, Q3, Q4)) ORDER BY product, quarter;
[{"product": "Apple", "sales": 77, "quarter": "Q1"}, {"product": "Apple", "sales": 0, "quarter": "Q2"}, {"product": "Apple", "sales": 25, "quarter": "Q3"}, {"product": "Apple", "sales": 2, "quarter": "Q4"}, {"product": "Kale", "sales": 51, "quarter": "Q1"}, {"product": "Kale", "sales": 23, "quarter": "Q2"}, {"product": "Kale", "sales": 45, "quarter": "Q3"}, {"product": "Kale", "sales": 3, "quarter": "Q4"}];

# title: unpivot excludes nulls by default
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#unpivot_operator
SELECT * FROM (SELECT 1 AS id, 5 AS a, CAST(NULL AS INT64) AS b) UNPIVOT(val FOR col IN (a, b));
[{"id": 1, "val": 5, "col": "a"}];

# title: unpivot include nulls
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#unpivot_operator
SELECT * FROM (SELECT 1 AS id, 5 AS a, CAST(NULL AS INT64) AS b) UNPIVOT INCLUDE NULLS (val FOR col IN (a, b)) ORDER BY col;
[{"id": 1, "val": 5, "col": "a"}, {"id": 1, "val": null, "col": "b"}];

# title: unpivot with alias
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#unpivot_operator
SELECT * FROM (SELECT 1 AS id, 5 AS a, 6 AS b) UNPIVOT(val FOR col IN (a AS 'first', b AS 'second')) ORDER BY col;
[{"id": 1, "val": 5, "col": "first"}, {"id": 1, "val": 6, "col": "second"}];

-- WITH

# title: with clause
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#with_clause
WITH a AS (SELECT 1 AS x), b AS (SELECT x + 1 AS y FROM a) SELECT y FROM b;
[{"y": 2}];

# title: with recursive doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#recursive_keyword
WITH RECURSIVE T1 AS ((SELECT 1 AS n) UNION ALL (SELECT n + 1 AS n FROM T1 WHERE n < 3)) SELECT n FROM T1 ORDER BY n;
[{"n": 1}, {"n": 2}, {"n": 3}];

# title: with recursive graph
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#recursive_keyword
WITH RECURSIVE edges AS (SELECT 1 AS s, 2 AS d UNION ALL SELECT 2, 3 UNION ALL SELECT 3, 4), reach AS (SELECT 1 AS node UNION ALL SELECT d FROM reach JOIN edges ON reach.node = edges.s) SELECT ARRAY_AGG(node ORDER BY node) AS nodes FROM reach;
[{"nodes": [1, 2, 3, 4]}];

# title: cte shadows nothing outside
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#with_clause
WITH t AS (SELECT 5 AS v) SELECT v FROM t;
[{"v": 5}];

-- subqueries

# title: scalar subquery
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#subqueries#scalar_subquery_concepts
SELECT (SELECT MAX(x) FROM UNNEST([1, 5, 3]) AS x) AS m;
[{"m": 5}];

# title: scalar subquery no rows is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#subqueries#scalar_subquery_concepts
SELECT (SELECT x FROM UNNEST(ARRAY<INT64>[]) AS x) AS m;
[{"m": null}];

# title: scalar subquery more than one row is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#subqueries#scalar_subquery_concepts
# error: invalidQuery
SELECT (SELECT x FROM UNNEST([1, 2]) AS x) AS m;
Scalar subquery produced more than one element;

# title: correlated scalar subquery
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#subqueries#correlated_subquery_concepts
SELECT id, (SELECT COUNT(*) FROM (SELECT 1 AS id, 'a' AS name, 10 AS v UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'a', 30) AS i WHERE i.v <= o.v) AS rank FROM (SELECT 1 AS id, 'a' AS name, 10 AS v UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'a', 30) AS o ORDER BY id;
[{"id": 1, "rank": 1}, {"id": 2, "rank": 2}, {"id": 3, "rank": 3}];

# title: exists subquery
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#subqueries#exists_subquery_concepts
SELECT EXISTS(SELECT 1 FROM UNNEST([1]) AS x WHERE x = 1) AS e;
[{"e": true}];

# title: not exists subquery
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#subqueries#exists_subquery_concepts
SELECT NOT EXISTS(SELECT 1 FROM UNNEST([1]) AS x WHERE x = 2) AS e;
[{"e": true}];

# title: in subquery
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#subqueries#in_subquery_concepts
SELECT id FROM (SELECT 1 AS id, 'a' AS name, 10 AS v UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'a', 30) WHERE id IN (SELECT x FROM UNNEST([1, 3]) AS x) ORDER BY id;
[{"id": 1}, {"id": 3}];

# title: not in subquery with null is empty
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#in_operators
SELECT id FROM (SELECT 1 AS id, 'a' AS name, 10 AS v UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'a', 30) WHERE id NOT IN (SELECT x FROM UNNEST([1, NULL]) AS x);
[];

# title: in subquery null probe is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#operators#in_operators
SELECT CAST(NULL AS INT64) IN (SELECT 1) AS v;
[{"v": null}];

# title: table subquery in from
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#subqueries#table_subquery_concepts
SELECT s.y FROM (SELECT 1 AS y) AS s;
[{"y": 1}];

# title: correlated exists
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#subqueries#correlated_subquery_concepts
SELECT id FROM (SELECT 1 AS id, 'a' AS name, 10 AS v UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'a', 30) AS o WHERE EXISTS(SELECT 1 FROM UNNEST([20, 30]) AS x WHERE x = o.v) ORDER BY id;
[{"id": 2}, {"id": 3}];

-- joins

# title: inner join
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#inner_join
SELECT a.k, a.x, b.y FROM (SELECT 1 AS k, 'a' AS x UNION ALL SELECT 2, 'b') AS a JOIN (SELECT 2 AS k, 'z' AS y UNION ALL SELECT 3, 'w') AS b ON a.k = b.k;
[{"k": 2, "x": "b", "y": "z"}];

# title: left join
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#left_join
SELECT a.k, b.y FROM (SELECT 1 AS k UNION ALL SELECT 2) AS a LEFT JOIN (SELECT 2 AS k, 'z' AS y) AS b ON a.k = b.k ORDER BY a.k;
[{"k": 1, "y": null}, {"k": 2, "y": "z"}];

# title: right join
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#right_join
SELECT a.x, b.k FROM (SELECT 1 AS k, 'a' AS x) AS a RIGHT JOIN (SELECT 1 AS k UNION ALL SELECT 2) AS b ON a.k = b.k ORDER BY b.k;
[{"x": "a", "k": 1}, {"x": null, "k": 2}];

# title: full join
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#full_join
SELECT a.k AS ak, b.k AS bk FROM (SELECT 1 AS k UNION ALL SELECT 2) AS a FULL JOIN (SELECT 2 AS k UNION ALL SELECT 3) AS b ON a.k = b.k ORDER BY COALESCE(a.k, b.k);
[{"ak": 1, "bk": null}, {"ak": 2, "bk": 2}, {"ak": null, "bk": 3}];

# title: cross join
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#cross_join
SELECT x, y FROM UNNEST([1, 2]) AS x CROSS JOIN UNNEST(['a', 'b']) AS y ORDER BY x, y;
[{"x": 1, "y": "a"}, {"x": 1, "y": "b"}, {"x": 2, "y": "a"}, {"x": 2, "y": "b"}];

# title: comma cross join
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#comma_cross_join
SELECT x, y FROM UNNEST([1, 2]) AS x, UNNEST(['a']) AS y ORDER BY x;
[{"x": 1, "y": "a"}, {"x": 2, "y": "a"}];

# title: join using
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#using_clause
SELECT k, x, y FROM (SELECT 1 AS k, 'a' AS x) JOIN (SELECT 1 AS k, 'b' AS y) USING (k);
[{"k": 1, "x": "a", "y": "b"}];

# title: full join using coalesces key
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#using_clause
SELECT k FROM (SELECT 1 AS k) FULL JOIN (SELECT 2 AS k) USING (k) ORDER BY k;
[{"k": 1}, {"k": 2}];

# title: join on null keys does not match
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#join_types
SELECT COUNT(*) AS n FROM (SELECT CAST(NULL AS INT64) AS k) AS a JOIN (SELECT CAST(NULL AS INT64) AS k) AS b ON a.k = b.k;
[{"n": 0}];

# title: self join
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#join_types
SELECT a AS ax, b AS bx FROM UNNEST([1, 2]) AS a JOIN UNNEST([1, 2]) AS b ON a < b;
[{"ax": 1, "bx": 2}];

# title: join with non equality condition
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#join_types
SELECT COUNT(*) AS n FROM UNNEST([1, 2, 3]) AS a JOIN UNNEST([1, 2, 3]) AS b ON a <= b;
[{"n": 6}];

# title: ambiguous column is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#join_types
# error: invalidQuery
SELECT k FROM (SELECT 1 AS k) AS a JOIN (SELECT 1 AS k) AS b ON a.k = b.k;
;

# title: unknown column is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#select_list
# error: invalidQuery
SELECT nope FROM (SELECT 1 AS k);
Unrecognized name: nope;

# title: unknown column error has its location
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#select_list
# error: invalidQuery
SELECT k,
  nope FROM (SELECT 1 AS k);
Unrecognized name: nope at [2:3];

# title: dry run of an unknown column is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#select_list
# dry_run: true
# error: invalidQuery
SELECT nosuchcol FROM (SELECT 1 AS k);
Unrecognized name: nosuchcol at [1:8];

# title: dry run of an unknown function is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#select_list
# dry_run: true
# error: invalidQuery
SELECT NO_SUCH_FUNCTION(k) FROM (SELECT 1 AS k);
no_such_function;

# title: dry run of a valid query
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#select_list
# dry_run: true
SELECT k + 1 AS v FROM (SELECT 1 AS k);
[];

# title: dry run with parameters
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#select_list
# dry_run: true
# params: [{"name": "n", "parameterType": {"type": "INT64"}, "parameterValue": {"value": "3"}}]
SELECT @n + k AS v FROM (SELECT 1 AS k);
[];

-- TABLESAMPLE and tables

# title: tablesample system bounds
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#tablesample_operator
CREATE OR REPLACE TABLE ds.query_syntax_t1 AS SELECT x FROM UNNEST(GENERATE_ARRAY(1, 100)) AS x; SELECT COUNT(*) <= 100 AS ok FROM ds.query_syntax_t1 TABLESAMPLE SYSTEM (10 PERCENT);
[{"ok": true}];

# title: tablesample 100 percent keeps all rows
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#tablesample_operator
CREATE OR REPLACE TABLE ds.query_syntax_t2 AS SELECT x FROM UNNEST(GENERATE_ARRAY(1, 10)) AS x; SELECT COUNT(*) AS n FROM ds.query_syntax_t2 TABLESAMPLE SYSTEM (100 PERCENT);
[{"n": 10}];

# title: backtick project dataset table path
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#lexical#table_names
CREATE OR REPLACE TABLE ds.query_syntax_t4 AS SELECT 1 AS x; SELECT x FROM `test-project.ds.query_syntax_t4`;
[{"x": 1}];

# title: backtick dataset table path
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#lexical#table_names
CREATE OR REPLACE TABLE ds.query_syntax_t5 AS SELECT 2 AS x; SELECT x FROM `ds.query_syntax_t5`;
[{"x": 2}];

# title: separately quoted path parts
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#lexical#table_names
CREATE OR REPLACE TABLE ds.query_syntax_t6 AS SELECT 3 AS x; SELECT x FROM `test-project`.`ds`.`query_syntax_t6`;
[{"x": 3}];

# title: column qualified by table name
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#lexical#table_names
CREATE OR REPLACE TABLE ds.query_syntax_t7 AS SELECT 4 AS x; SELECT query_syntax_t7.x FROM ds.query_syntax_t7;
[{"x": 4}];

# title: table column names are case insensitive
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#lexical#case_sensitivity
CREATE OR REPLACE TABLE ds.query_syntax_t8 AS SELECT 5 AS MixedCase; SELECT mixedcase AS v FROM ds.query_syntax_t8;
[{"v": 5}];

# title: wildcard table with _table_suffix
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#wildcard_tables
CREATE OR REPLACE TABLE ds.query_syntax_w2023 AS SELECT 1 AS x; CREATE OR REPLACE TABLE ds.query_syntax_w2024 AS SELECT 2 AS x; SELECT x, _TABLE_SUFFIX AS s FROM `ds.query_syntax_w*` ORDER BY x;
[{"x": 1, "s": "2023"}, {"x": 2, "s": "2024"}];

# title: wildcard table filtered by _table_suffix
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#query-syntax#wildcard_tables
CREATE OR REPLACE TABLE ds.query_syntax_v2023 AS SELECT 1 AS x; CREATE OR REPLACE TABLE ds.query_syntax_v2024 AS SELECT 2 AS x; SELECT SUM(x) AS s FROM `ds.query_syntax_v*` WHERE _TABLE_SUFFIX > '2023';
[{"s": 2}];
