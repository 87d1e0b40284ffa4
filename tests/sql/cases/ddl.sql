-- CREATE TABLE

# title: create table with columns
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#create_table_statement
CREATE OR REPLACE TABLE ds.ddl_1 (x INT64, y STRING); INSERT INTO ds.ddl_1 VALUES (1, 'a'); SELECT * FROM ds.ddl_1;
[{"x": 1, "y": "a"}];

# title: create table not null column
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#column_name_and_column_schema
CREATE OR REPLACE TABLE ds.ddl_2 (x INT64 NOT NULL, y STRING); INSERT INTO ds.ddl_2 (x) VALUES (5); SELECT x, y FROM ds.ddl_2;
[{"x": 5, "y": null}];

# title: create table with options
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#table_option_list
CREATE OR REPLACE TABLE ds.ddl_3 (x INT64) OPTIONS (description = 'a table'); INSERT INTO ds.ddl_3 VALUES (1); SELECT COUNT(*) AS n FROM ds.ddl_3;
[{"n": 1}];

# title: create table column options
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#column_option_list
CREATE OR REPLACE TABLE ds.ddl_4 (x INT64 OPTIONS (description = 'the x')); SELECT COUNT(*) AS n FROM ds.ddl_4;
[{"n": 0}];

# title: create table partition by date
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#partition_expression
CREATE OR REPLACE TABLE ds.ddl_5 (ts TIMESTAMP, v INT64) PARTITION BY DATE(ts); INSERT INTO ds.ddl_5 VALUES (TIMESTAMP '2024-01-01 00:00:00+00', 1); SELECT v FROM ds.ddl_5;
[{"v": 1}];

# title: create table partition by date column
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#partition_expression
CREATE OR REPLACE TABLE ds.ddl_6 (d DATE, v INT64) PARTITION BY d; SELECT COUNT(*) AS n FROM ds.ddl_6;
[{"n": 0}];

# title: create table partition by range_bucket
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#partition_expression
CREATE OR REPLACE TABLE ds.ddl_7 (id INT64) PARTITION BY RANGE_BUCKET(id, GENERATE_ARRAY(0, 100, 10)); INSERT INTO ds.ddl_7 VALUES (15); SELECT id FROM ds.ddl_7;
[{"id": 15}];

# title: create table partition by timestamp_trunc
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#partition_expression
CREATE OR REPLACE TABLE ds.ddl_8 (ts TIMESTAMP) PARTITION BY TIMESTAMP_TRUNC(ts, MONTH); SELECT COUNT(*) AS n FROM ds.ddl_8;
[{"n": 0}];

# title: create table cluster by
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#clustering_column_list
CREATE OR REPLACE TABLE ds.ddl_9 (a STRING, b INT64) CLUSTER BY a, b; INSERT INTO ds.ddl_9 VALUES ('x', 1); SELECT a FROM ds.ddl_9;
[{"a": "x"}];

# title: create table partition cluster and options
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#create_table_statement
CREATE OR REPLACE TABLE ds.ddl_10 (ts TIMESTAMP, a STRING) PARTITION BY DATE(ts) CLUSTER BY a OPTIONS (description = 'x', labels = [('k', 'v')]); SELECT COUNT(*) AS n FROM ds.ddl_10;
[{"n": 0}];

# title: create table if not exists keeps existing table
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#create_table_statement
CREATE OR REPLACE TABLE ds.ddl_11 AS SELECT 1 AS x; CREATE TABLE IF NOT EXISTS ds.ddl_11 (y STRING); SELECT x FROM ds.ddl_11;
[{"x": 1}];

# title: create or replace replaces
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#create_table_statement
CREATE OR REPLACE TABLE ds.ddl_12 AS SELECT 1 AS x; CREATE OR REPLACE TABLE ds.ddl_12 AS SELECT 'two' AS y; SELECT * FROM ds.ddl_12;
[{"y": "two"}];

# title: create existing table is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#create_table_statement
# error: duplicate
CREATE OR REPLACE TABLE ds.ddl_13 AS SELECT 1 AS x; CREATE TABLE ds.ddl_13 (x INT64);
Already Exists;

# title: create table as select
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#create_table_statement
CREATE OR REPLACE TABLE ds.ddl_14 AS SELECT x, x * 2 AS y FROM UNNEST([1, 2]) AS x; SELECT * FROM ds.ddl_14 ORDER BY x;
[{"x": 1, "y": 2}, {"x": 2, "y": 4}];

# title: ctas with column list
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#create_table_statement
CREATE OR REPLACE TABLE ds.ddl_15 (a INT64, b STRING) AS SELECT 1, 'x'; SELECT * FROM ds.ddl_15;
[{"a": 1, "b": "x"}];

# title: ctas with partition and cluster
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#create_table_statement
CREATE OR REPLACE TABLE ds.ddl_16 PARTITION BY d CLUSTER BY v AS SELECT DATE '2024-01-01' AS d, 1 AS v; SELECT v FROM ds.ddl_16;
[{"v": 1}];

# title: create table with struct and array columns
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#create_table_statement
CREATE OR REPLACE TABLE ds.ddl_17 (s STRUCT<a INT64, b ARRAY<STRING>>, tags ARRAY<STRING>); INSERT INTO ds.ddl_17 VALUES (STRUCT(1, ['x']), ['t']); SELECT s.a, tags FROM ds.ddl_17;
[{"a": 1, "tags": ["t"]}];

# title: create table with every scalar type
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#create_table_statement
CREATE OR REPLACE TABLE ds.ddl_18 (a INT64, b FLOAT64, c NUMERIC, d BIGNUMERIC, e BOOL, f STRING, g BYTES, h DATE, i DATETIME, j TIME, k TIMESTAMP, l JSON); SELECT COUNT(*) AS n FROM ds.ddl_18;
[{"n": 0}];

# title: create table with parameterized types
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#create_table_statement
CREATE OR REPLACE TABLE ds.ddl_19 (s STRING(10), n NUMERIC(10, 2)); INSERT INTO ds.ddl_19 VALUES ('abc', 1.25); SELECT s, n FROM ds.ddl_19;
[{"s": "abc", "n": "1.25"}];

# title: create table with default value
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#column_name_and_column_schema
CREATE OR REPLACE TABLE ds.ddl_20 (id INT64, created DATE DEFAULT DATE '2024-01-01'); INSERT INTO ds.ddl_20 (id) VALUES (1); SELECT created FROM ds.ddl_20;
[{"created": "2024-01-01"}];

# title: create table like
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#create_table_like
CREATE OR REPLACE TABLE ds.ddl_21 AS SELECT 1 AS id, 'a' AS name UNION ALL SELECT 2, 'b'; CREATE OR REPLACE TABLE ds.ddl_21b LIKE ds.ddl_21; SELECT COUNT(*) AS n FROM ds.ddl_21b;
[{"n": 0}];

# title: create table like then insert
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#create_table_like
CREATE OR REPLACE TABLE ds.ddl_22 AS SELECT 1 AS id, 'a' AS name UNION ALL SELECT 2, 'b'; CREATE OR REPLACE TABLE ds.ddl_22b LIKE ds.ddl_22; INSERT INTO ds.ddl_22b SELECT * FROM ds.ddl_22; SELECT COUNT(*) AS n FROM ds.ddl_22b;
[{"n": 2}];

# title: create table copy
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#create_table_copy
CREATE OR REPLACE TABLE ds.ddl_23 AS SELECT 1 AS id, 'a' AS name UNION ALL SELECT 2, 'b'; CREATE OR REPLACE TABLE ds.ddl_23b COPY ds.ddl_23; SELECT id, name FROM ds.ddl_23b ORDER BY id;
[{"id": 1, "name": "a"}, {"id": 2, "name": "b"}];

# title: create temp table
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#create_table_statement
CREATE TEMP TABLE ddl_tmp AS SELECT 1 AS x; SELECT x FROM ddl_tmp;
[{"x": 1}];

-- ALTER TABLE

# title: alter table add column
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#alter_table_add_column_statement
CREATE OR REPLACE TABLE ds.ddl_30 AS SELECT 1 AS id, 'a' AS name UNION ALL SELECT 2, 'b'; ALTER TABLE ds.ddl_30 ADD COLUMN qty INT64; SELECT id, qty FROM ds.ddl_30 ORDER BY id;
[{"id": 1, "qty": null}, {"id": 2, "qty": null}];

# title: alter table add column if not exists
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#alter_table_add_column_statement
CREATE OR REPLACE TABLE ds.ddl_31 AS SELECT 1 AS id, 'a' AS name UNION ALL SELECT 2, 'b'; ALTER TABLE ds.ddl_31 ADD COLUMN IF NOT EXISTS name STRING; SELECT name FROM ds.ddl_31 ORDER BY id;
[{"name": "a"}, {"name": "b"}];

# title: alter table add two columns
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#alter_table_add_column_statement
CREATE OR REPLACE TABLE ds.ddl_32 AS SELECT 1 AS id, 'a' AS name UNION ALL SELECT 2, 'b'; ALTER TABLE ds.ddl_32 ADD COLUMN a INT64, ADD COLUMN b STRING; SELECT a, b FROM ds.ddl_32 WHERE id = 1;
[{"a": null, "b": null}];

# title: alter table add existing column is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#alter_table_add_column_statement
# error: invalidQuery
CREATE OR REPLACE TABLE ds.ddl_33 AS SELECT 1 AS id, 'a' AS name UNION ALL SELECT 2, 'b'; ALTER TABLE ds.ddl_33 ADD COLUMN name STRING;
;

# title: alter table drop column
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#alter_table_drop_column_statement
CREATE OR REPLACE TABLE ds.ddl_34 AS SELECT 1 AS id, 'a' AS name UNION ALL SELECT 2, 'b'; ALTER TABLE ds.ddl_34 DROP COLUMN name; SELECT * FROM ds.ddl_34 ORDER BY id;
[{"id": 1}, {"id": 2}];

# title: alter table drop column if exists
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#alter_table_drop_column_statement
CREATE OR REPLACE TABLE ds.ddl_35 AS SELECT 1 AS id, 'a' AS name UNION ALL SELECT 2, 'b'; ALTER TABLE ds.ddl_35 DROP COLUMN IF EXISTS nope; SELECT COUNT(*) AS n FROM ds.ddl_35;
[{"n": 2}];

# title: alter table rename column
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#alter_table_rename_column_statement
CREATE OR REPLACE TABLE ds.ddl_36 AS SELECT 1 AS id, 'a' AS name UNION ALL SELECT 2, 'b'; ALTER TABLE ds.ddl_36 RENAME COLUMN name TO label; SELECT label FROM ds.ddl_36 ORDER BY id;
[{"label": "a"}, {"label": "b"}];

# title: alter column set data type widening
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#alter_column_set_data_type_statement
# notimpl: DuckLake refuses INT64 to NUMERIC promotion
CREATE OR REPLACE TABLE ds.ddl_37 AS SELECT 1 AS x; ALTER TABLE ds.ddl_37 ALTER COLUMN x SET DATA TYPE NUMERIC; SELECT x FROM ds.ddl_37;
[{"x": "1"}];

# title: alter column set data type int to float
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#alter_column_set_data_type_statement
# notimpl: DuckLake refuses INT64 to FLOAT64 promotion
CREATE OR REPLACE TABLE ds.ddl_38 AS SELECT 2 AS x; ALTER TABLE ds.ddl_38 ALTER COLUMN x SET DATA TYPE FLOAT64; SELECT x FROM ds.ddl_38;
[{"x": 2.0}];

# title: alter column drop not null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#alter_column_drop_not_null_statement
CREATE OR REPLACE TABLE ds.ddl_39 (x INT64 NOT NULL); ALTER TABLE ds.ddl_39 ALTER COLUMN x DROP NOT NULL; INSERT INTO ds.ddl_39 VALUES (NULL); SELECT COUNT(*) AS n FROM ds.ddl_39;
[{"n": 1}];

# title: alter column set default
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#alter_column_set_default_statement
CREATE OR REPLACE TABLE ds.ddl_40 (id INT64, s STRING); ALTER TABLE ds.ddl_40 ALTER COLUMN s SET DEFAULT 'd'; INSERT INTO ds.ddl_40 (id) VALUES (1); SELECT s FROM ds.ddl_40;
[{"s": "d"}];

# title: alter table rename to
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#alter_table_rename_to_statement
# notimpl: the query runner checks the renamed table before the script runs (and DuckLake 1.4.4 cannot read a renamed table's inlined rows)
CREATE OR REPLACE TABLE ds.ddl_41 AS SELECT 1 AS x; DROP TABLE IF EXISTS ds.ddl_41_renamed; ALTER TABLE ds.ddl_41 RENAME TO ddl_41_renamed; SELECT x FROM ds.ddl_41_renamed;
[{"x": 1}];

# title: alter table set options
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#alter_table_set_options_statement
CREATE OR REPLACE TABLE ds.ddl_42 AS SELECT 1 AS id, 'a' AS name UNION ALL SELECT 2, 'b'; ALTER TABLE ds.ddl_42 SET OPTIONS (description = 'described'); SELECT COUNT(*) AS n FROM ds.ddl_42;
[{"n": 2}];

# title: alter table if exists on missing table
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#alter_table_set_options_statement
ALTER TABLE IF EXISTS ds.ddl_missing_1 SET OPTIONS (description = 'x'); SELECT 1 AS ok;
[{"ok": 1}];

-- DROP, TRUNCATE, VIEW

# title: drop table
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#drop_table_statement
CREATE OR REPLACE TABLE ds.ddl_50 AS SELECT 1 AS x; DROP TABLE ds.ddl_50; SELECT 1 AS ok;
[{"ok": 1}];

# title: drop table if exists missing
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#drop_table_statement
DROP TABLE IF EXISTS ds.ddl_missing_2; SELECT 1 AS ok;
[{"ok": 1}];

# title: drop missing table is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#drop_table_statement
# error: notFound
DROP TABLE ds.ddl_missing_3;
Not found;

# title: select from dropped table is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#drop_table_statement
# error: notFound
CREATE OR REPLACE TABLE ds.ddl_51 AS SELECT 1 AS x; DROP TABLE ds.ddl_51; SELECT * FROM ds.ddl_51;
Not found;

# title: truncate table keeps schema
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#truncate_table_statement
CREATE OR REPLACE TABLE ds.ddl_52 AS SELECT 1 AS id, 'a' AS name UNION ALL SELECT 2, 'b'; TRUNCATE TABLE ds.ddl_52; INSERT INTO ds.ddl_52 VALUES (9, 'z'); SELECT * FROM ds.ddl_52;
[{"id": 9, "name": "z"}];

# title: create view
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#create_view_statement
CREATE OR REPLACE TABLE ds.ddl_53 AS SELECT 1 AS id, 'a' AS name UNION ALL SELECT 2, 'b'; CREATE OR REPLACE VIEW ds.ddl_53_v AS SELECT id * 10 AS tens FROM ds.ddl_53; SELECT tens FROM ds.ddl_53_v ORDER BY tens;
[{"tens": 10}, {"tens": 20}];

# title: view sees later rows
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#create_view_statement
CREATE OR REPLACE TABLE ds.ddl_54 AS SELECT 1 AS id, 'a' AS name UNION ALL SELECT 2, 'b'; CREATE OR REPLACE VIEW ds.ddl_54_v AS SELECT COUNT(*) AS n FROM ds.ddl_54; INSERT INTO ds.ddl_54 VALUES (3, 'c'); SELECT n FROM ds.ddl_54_v;
[{"n": 3}];

# title: create or replace view
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#create_view_statement
CREATE OR REPLACE VIEW ds.ddl_55_v AS SELECT 1 AS x; CREATE OR REPLACE VIEW ds.ddl_55_v AS SELECT 2 AS x; SELECT x FROM ds.ddl_55_v;
[{"x": 2}];

# title: create view if not exists
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#create_view_statement
CREATE OR REPLACE VIEW ds.ddl_56_v AS SELECT 1 AS x; CREATE VIEW IF NOT EXISTS ds.ddl_56_v AS SELECT 2 AS x; SELECT x FROM ds.ddl_56_v;
[{"x": 1}];

# title: create view with options
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#view_option_list
CREATE OR REPLACE VIEW ds.ddl_57_v OPTIONS (description = 'v') AS SELECT 1 AS x; SELECT x FROM ds.ddl_57_v;
[{"x": 1}];

# title: drop view
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#drop_view_statement
CREATE OR REPLACE VIEW ds.ddl_58_v AS SELECT 1 AS x; DROP VIEW ds.ddl_58_v; SELECT 1 AS ok;
[{"ok": 1}];

# title: view over view
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/#data-definition-language#create_view_statement
CREATE OR REPLACE VIEW ds.ddl_59_a AS SELECT 1 AS x; CREATE OR REPLACE VIEW ds.ddl_59_b AS SELECT x + 1 AS y FROM ds.ddl_59_a; SELECT y FROM ds.ddl_59_b;
[{"y": 2}];

-- MATERIALIZED VIEW (stored as a view: reads are always fresh)

# title: materialized view reads are consistent
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-definition-language#create_materialized_view_statement
CREATE OR REPLACE TABLE ds.ddl_mv1 AS SELECT 'a' AS k, 1 AS v UNION ALL SELECT 'b', 2; CREATE OR REPLACE MATERIALIZED VIEW ds.ddl_mv1_m AS SELECT k, SUM(v) AS total FROM ds.ddl_mv1 GROUP BY k; INSERT INTO ds.ddl_mv1 VALUES ('a', 10); SELECT k, total FROM ds.ddl_mv1_m ORDER BY k;
[{"k": "a", "total": 11}, {"k": "b", "total": 2}];

# title: materialized view with options
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-definition-language#materialized_view_option_list
CREATE OR REPLACE TABLE ds.ddl_mv2 AS SELECT 1 AS v; CREATE OR REPLACE MATERIALIZED VIEW ds.ddl_mv2_m OPTIONS (enable_refresh = true, refresh_interval_minutes = 60) AS SELECT COUNT(*) AS n FROM ds.ddl_mv2; SELECT n FROM ds.ddl_mv2_m;
[{"n": 1}];

# title: materialized view table type
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-definition-language#create_materialized_view_statement
CREATE OR REPLACE TABLE ds.ddl_mv3 AS SELECT 1 AS v; CREATE OR REPLACE MATERIALIZED VIEW ds.ddl_mv3_m AS SELECT MAX(v) AS m FROM ds.ddl_mv3; SELECT table_name, table_type FROM ds.INFORMATION_SCHEMA.TABLES WHERE table_name LIKE 'ddl_mv3%' ORDER BY table_name;
[{"table_name": "ddl_mv3", "table_type": "BASE TABLE"}, {"table_name": "ddl_mv3_m", "table_type": "MATERIALIZED VIEW"}];

# title: alter materialized view set options
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-definition-language#alter_materialized_view_set_options_statement
CREATE OR REPLACE TABLE ds.ddl_mv4 AS SELECT 1 AS v; CREATE OR REPLACE MATERIALIZED VIEW ds.ddl_mv4_m AS SELECT SUM(v) AS s FROM ds.ddl_mv4; ALTER MATERIALIZED VIEW ds.ddl_mv4_m SET OPTIONS (enable_refresh = false); SELECT s FROM ds.ddl_mv4_m;
[{"s": 1}];

# title: drop materialized view
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-definition-language#drop_materialized_view_statement
CREATE OR REPLACE TABLE ds.ddl_mv5 AS SELECT 1 AS v; CREATE OR REPLACE MATERIALIZED VIEW ds.ddl_mv5_m AS SELECT SUM(v) AS s FROM ds.ddl_mv5; DROP MATERIALIZED VIEW ds.ddl_mv5_m; SELECT COUNT(*) AS n FROM ds.INFORMATION_SCHEMA.TABLES WHERE table_name = 'ddl_mv5_m';
[{"n": 0}];

# title: drop materialized view if exists
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-definition-language#drop_materialized_view_statement
DROP MATERIALIZED VIEW IF EXISTS ds.ddl_mv_never_created; SELECT 1 AS ok;
[{"ok": 1}];
