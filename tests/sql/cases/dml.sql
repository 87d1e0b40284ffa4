-- INSERT

# title: insert values
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#insert_statement
CREATE OR REPLACE TABLE ds.dml_1 (id INT64, name STRING, qty INT64); INSERT INTO ds.dml_1 (id, name, qty) VALUES (1, 'a', 5); SELECT * FROM ds.dml_1;
[{"id": 1, "name": "a", "qty": 5}];

# title: insert multiple rows
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#insert_statement
CREATE OR REPLACE TABLE ds.dml_2 (id INT64, name STRING, qty INT64); INSERT INTO ds.dml_2 (id, name, qty) VALUES (1, 'a', 5), (2, 'b', 6); SELECT id FROM ds.dml_2 ORDER BY id;
[{"id": 1}, {"id": 2}];

# title: insert without into
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#insert_statement
CREATE OR REPLACE TABLE ds.dml_3 (id INT64, name STRING, qty INT64); INSERT ds.dml_3 (id, name, qty) VALUES (1, 'a', 5); SELECT COUNT(*) AS n FROM ds.dml_3;
[{"n": 1}];

# title: insert without column list
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#insert_statement
CREATE OR REPLACE TABLE ds.dml_4 (id INT64, name STRING, qty INT64); INSERT INTO ds.dml_4 VALUES (7, 'x', 1); SELECT * FROM ds.dml_4;
[{"id": 7, "name": "x", "qty": 1}];

# title: insert column subset leaves nulls
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#insert_statement
CREATE OR REPLACE TABLE ds.dml_5 (id INT64, name STRING, qty INT64); INSERT INTO ds.dml_5 (id) VALUES (1); SELECT * FROM ds.dml_5;
[{"id": 1, "name": null, "qty": null}];

# title: insert columns in another order
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#insert_statement
CREATE OR REPLACE TABLE ds.dml_6 (id INT64, name STRING, qty INT64); INSERT INTO ds.dml_6 (qty, id, name) VALUES (9, 1, 'z'); SELECT * FROM ds.dml_6;
[{"id": 1, "name": "z", "qty": 9}];

# title: insert select
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#insert_select_statement
CREATE OR REPLACE TABLE ds.dml_7 (id INT64, name STRING, qty INT64); INSERT INTO ds.dml_7 (id, name, qty) SELECT x, CAST(x AS STRING), x * 10 FROM UNNEST([1, 2]) AS x; SELECT * FROM ds.dml_7 ORDER BY id;
[{"id": 1, "name": "1", "qty": 10}, {"id": 2, "name": "2", "qty": 20}];

# title: insert select with cte
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#insert_select_statement
CREATE OR REPLACE TABLE ds.dml_8 (id INT64, name STRING, qty INT64); INSERT INTO ds.dml_8 (id, name, qty) WITH src AS (SELECT 5 AS id) SELECT id, 'w', 0 FROM src; SELECT id FROM ds.dml_8;
[{"id": 5}];

# title: insert default value
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#insert_statement
CREATE OR REPLACE TABLE ds.dml_9 (id INT64, status STRING DEFAULT 'new'); INSERT INTO ds.dml_9 (id, status) VALUES (1, DEFAULT); SELECT * FROM ds.dml_9;
[{"id": 1, "status": "new"}];

# title: insert omitted column takes default
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#insert_statement
CREATE OR REPLACE TABLE ds.dml_10 (id INT64, status STRING DEFAULT 'new'); INSERT INTO ds.dml_10 (id) VALUES (1); SELECT * FROM ds.dml_10;
[{"id": 1, "status": "new"}];

# title: insert coerces int to float column
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#insert_statement
CREATE OR REPLACE TABLE ds.dml_11 (f FLOAT64); INSERT INTO ds.dml_11 (f) VALUES (1); SELECT f FROM ds.dml_11;
[{"f": 1.0}];

# title: insert array and struct values
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#insert_statement
CREATE OR REPLACE TABLE ds.dml_12 (a ARRAY<INT64>, s STRUCT<x INT64, y STRING>); INSERT INTO ds.dml_12 (a, s) VALUES ([1, 2], (3, 'q')); SELECT a, s FROM ds.dml_12;
[{"a": [1, 2], "s": {"x": 3, "y": "q"}}];

# title: insert wrong value count is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#insert_statement
# error: invalidQuery
CREATE OR REPLACE TABLE ds.dml_14 (id INT64, name STRING, qty INT64); INSERT INTO ds.dml_14 (id, name) VALUES (1);
;

# title: insert into itself
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#insert_select_statement
CREATE OR REPLACE TABLE ds.dml_15 AS SELECT 1 AS id, 'a' AS name, 10 AS qty UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'c', 30; INSERT INTO ds.dml_15 SELECT id + 10, name, qty FROM ds.dml_15; SELECT COUNT(*) AS n FROM ds.dml_15;
[{"n": 6}];

# title: insert string into int column is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#insert_statement
# error: invalidQuery
CREATE OR REPLACE TABLE ds.dml_16 (id INT64, name STRING, qty INT64); INSERT INTO ds.dml_16 (id) VALUES ('x');
;

# title: insert timestamp and date
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#insert_statement
CREATE OR REPLACE TABLE ds.dml_17 (d DATE, ts TIMESTAMP); INSERT INTO ds.dml_17 VALUES (DATE '2024-01-02', TIMESTAMP '2024-01-02 03:04:05+00'); SELECT * FROM ds.dml_17;
[{"d": "2024-01-02", "ts": "2024-01-02T03:04:05+00:00"}];

-- UPDATE

# title: update with where
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#update_statement
CREATE OR REPLACE TABLE ds.dml_20 AS SELECT 1 AS id, 'a' AS name, 10 AS qty UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'c', 30; UPDATE ds.dml_20 SET qty = qty + 1 WHERE id = 2; SELECT id, qty FROM ds.dml_20 ORDER BY id;
[{"id": 1, "qty": 10}, {"id": 2, "qty": 21}, {"id": 3, "qty": 30}];

# title: update all rows with where true
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#update_statement
CREATE OR REPLACE TABLE ds.dml_21 AS SELECT 1 AS id, 'a' AS name, 10 AS qty UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'c', 30; UPDATE ds.dml_21 SET name = 'z' WHERE TRUE; SELECT DISTINCT name FROM ds.dml_21;
[{"name": "z"}];

# title: update several columns
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#update_statement
CREATE OR REPLACE TABLE ds.dml_22 AS SELECT 1 AS id, 'a' AS name, 10 AS qty UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'c', 30; UPDATE ds.dml_22 SET name = 'q', qty = 0 WHERE id = 1; SELECT name, qty FROM ds.dml_22 WHERE id = 1;
[{"name": "q", "qty": 0}];

# title: update with alias
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#update_statement
CREATE OR REPLACE TABLE ds.dml_23 AS SELECT 1 AS id, 'a' AS name, 10 AS qty UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'c', 30; UPDATE ds.dml_23 t SET t.qty = t.qty * 2 WHERE t.id = 3; SELECT qty FROM ds.dml_23 WHERE id = 3;
[{"qty": 60}];

# title: update from join
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#update_from_join
CREATE OR REPLACE TABLE ds.dml_24 AS SELECT 1 AS id, 'a' AS name, 10 AS qty UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'c', 30; UPDATE ds.dml_24 t SET qty = s.new_qty FROM (SELECT 1 AS id, 100 AS new_qty UNION ALL SELECT 2, 200) AS s WHERE t.id = s.id; SELECT id, qty FROM ds.dml_24 ORDER BY id;
[{"id": 1, "qty": 100}, {"id": 2, "qty": 200}, {"id": 3, "qty": 30}];

# title: update with subquery
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#update_statement
CREATE OR REPLACE TABLE ds.dml_25 AS SELECT 1 AS id, 'a' AS name, 10 AS qty UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'c', 30; UPDATE ds.dml_25 SET qty = (SELECT MAX(qty) FROM ds.dml_25) WHERE id = 1; SELECT qty FROM ds.dml_25 WHERE id = 1;
[{"qty": 30}];

# title: update to null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#update_statement
CREATE OR REPLACE TABLE ds.dml_26 AS SELECT 1 AS id, 'a' AS name, 10 AS qty UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'c', 30; UPDATE ds.dml_26 SET name = NULL WHERE id = 1; SELECT COUNTIF(name IS NULL) AS n FROM ds.dml_26;
[{"n": 1}];

# title: update matching no rows
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#update_statement
CREATE OR REPLACE TABLE ds.dml_27 AS SELECT 1 AS id, 'a' AS name, 10 AS qty UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'c', 30; UPDATE ds.dml_27 SET qty = 0 WHERE id = 99; SELECT SUM(qty) AS s FROM ds.dml_27;
[{"s": 60}];

# title: update without where is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#update_statement
# error: invalidQuery
CREATE OR REPLACE TABLE ds.dml_28 AS SELECT 1 AS id, 'a' AS name, 10 AS qty UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'c', 30; UPDATE ds.dml_28 SET qty = 0;
;

# title: update with in subquery
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#update_statement
CREATE OR REPLACE TABLE ds.dml_29 AS SELECT 1 AS id, 'a' AS name, 10 AS qty UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'c', 30; UPDATE ds.dml_29 SET qty = -1 WHERE id IN (SELECT x FROM UNNEST([1, 3]) AS x); SELECT id FROM ds.dml_29 WHERE qty = -1 ORDER BY id;
[{"id": 1}, {"id": 3}];

-- DELETE and TRUNCATE

# title: delete with where
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#delete_statement
CREATE OR REPLACE TABLE ds.dml_30 AS SELECT 1 AS id, 'a' AS name, 10 AS qty UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'c', 30; DELETE FROM ds.dml_30 WHERE id = 2; SELECT id FROM ds.dml_30 ORDER BY id;
[{"id": 1}, {"id": 3}];

# title: delete without from
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#delete_statement
CREATE OR REPLACE TABLE ds.dml_31 AS SELECT 1 AS id, 'a' AS name, 10 AS qty UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'c', 30; DELETE ds.dml_31 WHERE id = 1; SELECT COUNT(*) AS n FROM ds.dml_31;
[{"n": 2}];

# title: delete all rows
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#delete_statement
CREATE OR REPLACE TABLE ds.dml_32 AS SELECT 1 AS id, 'a' AS name, 10 AS qty UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'c', 30; DELETE FROM ds.dml_32 WHERE TRUE; SELECT COUNT(*) AS n FROM ds.dml_32;
[{"n": 0}];

# title: delete with subquery
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#delete_statement
CREATE OR REPLACE TABLE ds.dml_33 AS SELECT 1 AS id, 'a' AS name, 10 AS qty UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'c', 30; DELETE FROM ds.dml_33 WHERE qty > (SELECT AVG(qty) FROM ds.dml_33); SELECT id FROM ds.dml_33 ORDER BY id;
[{"id": 1}, {"id": 2}];

# title: delete with exists
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#delete_statement
CREATE OR REPLACE TABLE ds.dml_34 AS SELECT 1 AS id, 'a' AS name, 10 AS qty UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'c', 30; DELETE FROM ds.dml_34 t WHERE EXISTS(SELECT 1 FROM UNNEST(['a', 'c']) AS n WHERE n = t.name); SELECT id FROM ds.dml_34;
[{"id": 2}];

# title: delete without where is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#delete_statement
# error: invalidQuery
CREATE OR REPLACE TABLE ds.dml_35 AS SELECT 1 AS id, 'a' AS name, 10 AS qty UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'c', 30; DELETE FROM ds.dml_35;
;

# title: delete where null deletes nothing
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#delete_statement
CREATE OR REPLACE TABLE ds.dml_36 AS SELECT 1 AS id, 'a' AS name, 10 AS qty UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'c', 30; DELETE FROM ds.dml_36 WHERE NULL; SELECT COUNT(*) AS n FROM ds.dml_36;
[{"n": 3}];

# title: truncate table
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#truncate_table_statement
CREATE OR REPLACE TABLE ds.dml_37 AS SELECT 1 AS id, 'a' AS name, 10 AS qty UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'c', 30; TRUNCATE TABLE ds.dml_37; SELECT COUNT(*) AS n FROM ds.dml_37;
[{"n": 0}];

-- MERGE

# title: merge update and insert
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#merge_statement
CREATE OR REPLACE TABLE ds.dml_40 AS SELECT 1 AS id, 'a' AS name, 10 AS qty UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'c', 30; MERGE ds.dml_40 T USING (SELECT 2 AS id, 'B' AS name, 22 AS qty UNION ALL SELECT 4, 'd', 40) S ON T.id = S.id WHEN MATCHED THEN UPDATE SET name = S.name, qty = S.qty WHEN NOT MATCHED THEN INSERT (id, name, qty) VALUES (S.id, S.name, S.qty); SELECT * FROM ds.dml_40 ORDER BY id;
[{"id": 1, "name": "a", "qty": 10}, {"id": 2, "name": "B", "qty": 22}, {"id": 3, "name": "c", "qty": 30}, {"id": 4, "name": "d", "qty": 40}];

# title: merge into keyword
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#merge_statement
CREATE OR REPLACE TABLE ds.dml_41 AS SELECT 1 AS id, 'a' AS name, 10 AS qty UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'c', 30; MERGE INTO ds.dml_41 T USING (SELECT 1 AS id) S ON T.id = S.id WHEN MATCHED THEN DELETE; SELECT id FROM ds.dml_41 ORDER BY id;
[{"id": 2}, {"id": 3}];

# title: merge matched with condition
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#merge_statement
CREATE OR REPLACE TABLE ds.dml_42 AS SELECT 1 AS id, 'a' AS name, 10 AS qty UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'c', 30; MERGE ds.dml_42 T USING (SELECT id FROM UNNEST([1, 2, 3]) AS id) S ON T.id = S.id WHEN MATCHED AND T.qty > 15 THEN UPDATE SET qty = 0; SELECT id, qty FROM ds.dml_42 ORDER BY id;
[{"id": 1, "qty": 10}, {"id": 2, "qty": 0}, {"id": 3, "qty": 0}];

# title: merge first matching clause wins
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#merge_statement
# notimpl: DuckLake MERGE allows only one UPDATE/DELETE action
CREATE OR REPLACE TABLE ds.dml_43 AS SELECT 1 AS id, 'a' AS name, 10 AS qty UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'c', 30; MERGE ds.dml_43 T USING (SELECT id FROM UNNEST([1, 2]) AS id) S ON T.id = S.id WHEN MATCHED AND T.id = 1 THEN DELETE WHEN MATCHED THEN UPDATE SET qty = -1; SELECT id, qty FROM ds.dml_43 ORDER BY id;
[{"id": 2, "qty": -1}, {"id": 3, "qty": 30}];

# title: merge not matched by target
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#merge_statement
CREATE OR REPLACE TABLE ds.dml_44 AS SELECT 1 AS id, 'a' AS name, 10 AS qty UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'c', 30; MERGE ds.dml_44 T USING (SELECT 9 AS id, 'z' AS name, 90 AS qty) S ON T.id = S.id WHEN NOT MATCHED BY TARGET THEN INSERT (id, name, qty) VALUES (id, name, qty); SELECT COUNT(*) AS n, MAX(id) AS m FROM ds.dml_44;
[{"n": 4, "m": 9}];

# title: merge insert row
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#merge_statement
CREATE OR REPLACE TABLE ds.dml_45 AS SELECT 1 AS id, 'a' AS name, 10 AS qty UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'c', 30; MERGE ds.dml_45 T USING (SELECT 5 AS id, 'e' AS name, 50 AS qty) S ON T.id = S.id WHEN NOT MATCHED THEN INSERT ROW; SELECT name FROM ds.dml_45 WHERE id = 5;
[{"name": "e"}];

# title: merge not matched by source delete
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#merge_statement
CREATE OR REPLACE TABLE ds.dml_46 AS SELECT 1 AS id, 'a' AS name, 10 AS qty UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'c', 30; MERGE ds.dml_46 T USING (SELECT 1 AS id) S ON T.id = S.id WHEN NOT MATCHED BY SOURCE THEN DELETE; SELECT id FROM ds.dml_46;
[{"id": 1}];

# title: merge not matched by source update
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#merge_statement
CREATE OR REPLACE TABLE ds.dml_47 AS SELECT 1 AS id, 'a' AS name, 10 AS qty UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'c', 30; MERGE ds.dml_47 T USING (SELECT 1 AS id) S ON T.id = S.id WHEN NOT MATCHED BY SOURCE THEN UPDATE SET qty = 0; SELECT id, qty FROM ds.dml_47 ORDER BY id;
[{"id": 1, "qty": 10}, {"id": 2, "qty": 0}, {"id": 3, "qty": 0}];

# title: merge not matched by source with condition
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#merge_statement
CREATE OR REPLACE TABLE ds.dml_48 AS SELECT 1 AS id, 'a' AS name, 10 AS qty UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'c', 30; MERGE ds.dml_48 T USING (SELECT 1 AS id) S ON T.id = S.id WHEN NOT MATCHED BY SOURCE AND T.qty > 25 THEN DELETE; SELECT id FROM ds.dml_48 ORDER BY id;
[{"id": 1}, {"id": 2}];

# title: merge every clause form
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#merge_statement
# notimpl: DuckLake MERGE allows only one UPDATE/DELETE action
CREATE OR REPLACE TABLE ds.dml_49 AS SELECT 1 AS id, 'a' AS name, 10 AS qty UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'c', 30; MERGE ds.dml_49 T USING (SELECT 1 AS id, 'A' AS name, 11 AS qty UNION ALL SELECT 7, 'g', 70) S ON T.id = S.id WHEN MATCHED THEN UPDATE SET name = S.name WHEN NOT MATCHED BY TARGET THEN INSERT (id, name, qty) VALUES (S.id, S.name, S.qty) WHEN NOT MATCHED BY SOURCE AND T.id = 2 THEN DELETE; SELECT id, name FROM ds.dml_49 ORDER BY id;
[{"id": 1, "name": "A"}, {"id": 3, "name": "c"}, {"id": 7, "name": "g"}];

# title: merge on false inserts everything
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#merge_statement
CREATE OR REPLACE TABLE ds.dml_50 AS SELECT 1 AS id, 'a' AS name, 10 AS qty UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'c', 30; MERGE ds.dml_50 T USING (SELECT 8 AS id, 'h' AS name, 80 AS qty) S ON FALSE WHEN NOT MATCHED THEN INSERT ROW; SELECT COUNT(*) AS n FROM ds.dml_50;
[{"n": 4}];

# title: merge source row matching target twice is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#merge_statement
# error: invalidQuery
CREATE OR REPLACE TABLE ds.dml_51 AS SELECT 1 AS id, 'a' AS name, 10 AS qty UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'c', 30; MERGE ds.dml_51 T USING (SELECT 1 AS id, 'x' AS name UNION ALL SELECT 1, 'y') S ON T.id = S.id WHEN MATCHED THEN UPDATE SET name = S.name;
UPDATE/MERGE must match at most one source row for each target row;

# title: merge from a table source
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#merge_statement
CREATE OR REPLACE TABLE ds.dml_52 AS SELECT 1 AS id, 'a' AS name, 10 AS qty UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'c', 30; CREATE OR REPLACE TABLE ds.dml_52_src AS SELECT 3 AS id, 333 AS qty; MERGE ds.dml_52 T USING ds.dml_52_src S ON T.id = S.id WHEN MATCHED THEN UPDATE SET qty = S.qty; SELECT qty FROM ds.dml_52 WHERE id = 3;
[{"qty": 333}];

# title: merge insert with explicit values
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#merge_statement
CREATE OR REPLACE TABLE ds.dml_53 AS SELECT 1 AS id, 'a' AS name, 10 AS qty UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'c', 30; MERGE ds.dml_53 T USING (SELECT 6 AS k) S ON T.id = S.k WHEN NOT MATCHED THEN INSERT (id, name) VALUES (k, 'six'); SELECT id, name, qty FROM ds.dml_53 WHERE id = 6;
[{"id": 6, "name": "six", "qty": null}];

# title: merge matched delete with condition
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#dml-syntax#merge_statement
CREATE OR REPLACE TABLE ds.dml_54 AS SELECT 1 AS id, 'a' AS name, 10 AS qty UNION ALL SELECT 2, 'b', 20 UNION ALL SELECT 3, 'c', 30; MERGE ds.dml_54 T USING (SELECT id FROM UNNEST([1, 2, 3]) AS id) S ON T.id = S.id WHEN MATCHED AND T.name = 'b' THEN DELETE; SELECT id FROM ds.dml_54 ORDER BY id;
[{"id": 1}, {"id": 3}];

# title: delete where true deletes every row
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/dml-syntax#delete_statement
CREATE OR REPLACE TABLE ds.dml_del_all AS SELECT 1 AS id UNION ALL SELECT 2; DELETE ds.dml_del_all WHERE TRUE; SELECT COUNT(*) AS n FROM ds.dml_del_all;
[{"n": 0}];
