-- INFORMATION_SCHEMA views of routines and partitions, system variables, dynamic SQL

# title: information_schema routines lists a function
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-definition-language#create_function_statement
CREATE OR REPLACE FUNCTION ds.md_add_one(x INT64) RETURNS INT64 AS (x + 1); SELECT routine_name, routine_type, data_type, routine_body FROM ds.INFORMATION_SCHEMA.ROUTINES WHERE routine_name = 'md_add_one';
[{"routine_name": "md_add_one", "routine_type": "FUNCTION", "data_type": "INT64", "routine_body": "SQL"}];

# title: information_schema routines lists a procedure
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-definition-language#create_procedure
CREATE OR REPLACE PROCEDURE ds.md_proc(IN n INT64) BEGIN SELECT n; END; SELECT routine_type FROM ds.INFORMATION_SCHEMA.ROUTINES WHERE routine_name = 'md_proc';
[{"routine_type": "PROCEDURE"}];

# title: information_schema parameters lists the arguments
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-definition-language#create_function_statement
CREATE OR REPLACE FUNCTION ds.md_concat(a STRING, b INT64) RETURNS STRING AS (CONCAT(a, CAST(b AS STRING))); SELECT ordinal_position, parameter_name, data_type, parameter_mode FROM ds.INFORMATION_SCHEMA.PARAMETERS WHERE specific_name = 'md_concat' AND is_result = 'NO' ORDER BY ordinal_position;
[{"ordinal_position": 1, "parameter_name": "a", "data_type": "STRING", "parameter_mode": "IN"}, {"ordinal_position": 2, "parameter_name": "b", "data_type": "INT64", "parameter_mode": "IN"}];

# title: information_schema partitions of an unpartitioned table
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-definition-language#create_table_statement
CREATE OR REPLACE TABLE ds.md_part AS SELECT 1 AS x UNION ALL SELECT 2; SELECT table_name, partition_id, total_rows FROM ds.INFORMATION_SCHEMA.PARTITIONS WHERE table_name = 'md_part';
[{"table_name": "md_part", "partition_id": null, "total_rows": 2}];

# title: information_schema jobs_by_project sees queries
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#select_list
SELECT COUNT(*) > 0 AS seen FROM `region-us`.INFORMATION_SCHEMA.JOBS_BY_PROJECT WHERE job_type = 'QUERY';
[{"seen": true}];

# title: system variable time_zone
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/procedural-language
SELECT @@time_zone AS tz;
[{"tz": "UTC"}];

# title: system variable project_id
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/procedural-language
SELECT @@project_id = 'test-project' AS same;
[{"same": true}];

# title: system variable row_count after dml in a script
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/procedural-language
DECLARE n INT64; CREATE OR REPLACE TABLE ds.md_rows2 AS SELECT 1 AS x UNION ALL SELECT 2; UPDATE ds.md_rows2 SET x = x + 1 WHERE TRUE; SET n = @@row_count; SELECT n;
[{"n": 2}];

# title: system variable row_count after dml
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/procedural-language
# notimpl: a multi-statement query with no procedural statement does not run as a script, so @@row_count is unbound
CREATE OR REPLACE TABLE ds.md_rows AS SELECT 1 AS x UNION ALL SELECT 2; UPDATE ds.md_rows SET x = x + 1 WHERE TRUE; SELECT @@row_count AS n;
[{"n": 2}];

# title: execute immediate with using
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/procedural-language#execute_immediate
DECLARE r INT64; EXECUTE IMMEDIATE 'SELECT ? * 2' INTO r USING 21; SELECT r;
[{"r": 42}];

# title: execute immediate a query
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/procedural-language#execute_immediate
EXECUTE IMMEDIATE 'SELECT @a + 1 AS v' USING 4 AS a;
[{"v": 5}];
