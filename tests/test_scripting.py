"""Multi-statement queries: variables, control flow, handlers, transactions (real client)."""

from __future__ import annotations

import pytest
from google.api_core import exceptions
from google.cloud import bigquery


def _rows(client: bigquery.Client, sql: str) -> list[tuple[object, ...]]:
    return [tuple(r) for r in client.query_and_wait(sql)]


def test_declare_set_and_while(client: bigquery.Client) -> None:
    script = """
    DECLARE i INT64 DEFAULT 0;
    DECLARE total INT64 DEFAULT 0;
    WHILE i < 5 DO
      SET i = i + 1;
      IF MOD(i, 2) = 0 THEN CONTINUE; END IF;
      SET total = total + i;
    END WHILE;
    SELECT i, total;
    """
    assert _rows(client, script) == [(5, 9)]


def test_if_elseif_else_and_loop_break(client: bigquery.Client) -> None:
    script = """
    DECLARE x INT64 DEFAULT 0;
    DECLARE label STRING;
    LOOP
      SET x = x + 1;
      IF x >= 3 THEN BREAK; END IF;
    END LOOP;
    IF x < 0 THEN SET label = 'negative';
    ELSEIF x = 3 THEN SET label = 'three';
    ELSE SET label = 'other';
    END IF;
    SELECT label;
    """
    assert _rows(client, script) == [("three",)]


def test_repeat_and_for_in(client: bigquery.Client) -> None:
    script = """
    DECLARE n INT64 DEFAULT 0;
    DECLARE s STRING DEFAULT '';
    REPEAT SET n = n + 10; UNTIL n >= 30 END REPEAT;
    FOR r IN (SELECT word FROM UNNEST(['a', 'b', 'c']) AS word) DO
      SET s = CONCAT(s, r.word);
    END FOR;
    SELECT n, s;
    """
    assert _rows(client, script) == [(30, "abc")]


def test_exception_handler_sees_error_message(client: bigquery.Client) -> None:
    script = """
    BEGIN
      SELECT 1 / 0;
    EXCEPTION WHEN ERROR THEN
      SELECT CONCAT('caught: ', @@error.message) AS m;
    END;
    """
    (row,) = _rows(client, script)
    assert str(row[0]).startswith("caught: ") and "division by zero" in str(row[0]).lower()


def test_raise_is_a_bad_request(client: bigquery.Client) -> None:
    with pytest.raises(exceptions.BadRequest, match="custom failure"):
        client.query_and_wait("DECLARE x INT64 DEFAULT 1; RAISE USING MESSAGE = 'custom failure';")


def test_explicit_transaction_rolls_back(client: bigquery.Client, dataset: str) -> None:
    client.query_and_wait(f"CREATE TABLE `{dataset}.acct` (id INT64, v INT64)")
    client.query_and_wait(
        f"BEGIN TRANSACTION; INSERT INTO `{dataset}.acct` VALUES (1, 10); "
        f"INSERT INTO `{dataset}.acct` VALUES (2, 20); COMMIT TRANSACTION;"
    )
    client.query_and_wait(
        f"BEGIN TRANSACTION; DELETE FROM `{dataset}.acct` WHERE TRUE; ROLLBACK TRANSACTION;"
    )
    assert sorted(_rows(client, f"SELECT id, v FROM `{dataset}.acct`")) == [(1, 10), (2, 20)]
    with pytest.raises(exceptions.BadRequest):
        client.query_and_wait(
            f"BEGIN TRANSACTION; INSERT INTO `{dataset}.acct` VALUES (3, 30); SELECT 1 / 0;"
        )
    assert len(_rows(client, f"SELECT * FROM `{dataset}.acct`")) == 2


def test_execute_immediate_and_row_count(client: bigquery.Client, dataset: str) -> None:
    script = f"""
    DECLARE t STRING DEFAULT '{dataset}.imm';
    EXECUTE IMMEDIATE CONCAT('CREATE TABLE `', t, '` AS SELECT 1 AS a UNION ALL SELECT 2');
    UPDATE `{dataset}.imm` SET a = a + 1 WHERE TRUE;
    SELECT @@row_count AS changed;
    """
    assert _rows(client, script) == [(2,)]


def test_script_job_statement_type(client: bigquery.Client) -> None:
    job = client.query("DECLARE x INT64 DEFAULT 7; SELECT x * 6 AS answer;")
    assert [tuple(r) for r in job.result()] == [(42,)]
    assert job.statement_type == "SCRIPT"


def test_undeclared_variable_and_syntax_errors(client: bigquery.Client) -> None:
    with pytest.raises(exceptions.BadRequest, match="Unrecognized name: nope"):
        client.query_and_wait("DECLARE x INT64; SET nope = 1;")
    with pytest.raises(exceptions.BadRequest, match="Expected keyword"):
        client.query_and_wait("DECLARE x INT64; IF x IS NULL THEN SELECT 1;")


# -- child jobs: https://cloud.google.com/bigquery/docs/multi-statement-queries#jobs -----------


def test_script_statements_are_child_jobs(client: bigquery.Client, dataset: str) -> None:
    ds = dataset.split(".")[1]
    script = (
        "DECLARE n INT64 DEFAULT 2;\n"
        f"CREATE TABLE {ds}.kids (x INT64);\n"
        f"INSERT INTO {ds}.kids VALUES (1), (n);\n"
        "IF n > 1 THEN\n"
        f"\tSELECT SUM(x) AS s FROM {ds}.kids;\n"
        "END IF;"
    )
    parent = client.query(script)
    assert [tuple(r) for r in parent.result()] == [(3,)]
    assert parent.statement_type == "SCRIPT"
    assert parent.num_child_jobs == 3  # DECLARE and IF are not jobs of their own
    children = list(client.list_jobs(parent_job=parent))
    assert sorted(c.statement_type for c in children) == ["CREATE_TABLE", "INSERT", "SELECT"]
    by_type = {c.statement_type: c for c in children}
    assert all(c.parent_job_id == parent.job_id for c in children)
    assert by_type["INSERT"].num_dml_affected_rows == 2
    insert_frame = by_type["INSERT"].script_statistics.stack_frames[0]
    assert (insert_frame.start_line, insert_frame.start_column) == (3, 1)
    assert insert_frame.text == f"INSERT INTO {ds}.kids VALUES (1), (n);"
    select = by_type["SELECT"]
    assert select.script_statistics.evaluation_kind == "STATEMENT"
    frame = select.script_statistics.stack_frames[0]
    # A TAB advances to column 9 (BigQuery's ScriptStackFrame rule).
    assert (frame.start_line, frame.start_column, frame.end_line) == (5, 9, 5)
    assert [tuple(r) for r in select.result()] == [(3,)]
    # Top-level listings do not show child jobs.
    top = {j.job_id for j in client.list_jobs(max_results=50)}
    assert parent.job_id in top and not top & {c.job_id for c in children}


def test_child_jobs_of_plain_multi_statement_query_and_failure(
    client: bigquery.Client, dataset: str
) -> None:
    ds = dataset.split(".")[1]
    parent = client.query(f"CREATE TABLE {ds}.pl (x INT64); SELECT 1 AS one")
    parent.result()
    children = list(client.list_jobs(parent_job=parent))
    assert sorted(c.statement_type for c in children) == ["CREATE_TABLE", "SELECT"]

    failing = client.query("DECLARE d INT64 DEFAULT 0; SELECT 1; SELECT 1 / d")
    with pytest.raises(exceptions.BadRequest):
        failing.result()
    children = sorted(client.list_jobs(parent_job=failing), key=lambda c: c.job_id)
    assert [c.error_result is None for c in children] == [True, False]


def test_statements_inside_a_procedure_have_two_stack_frames(
    client: bigquery.Client, dataset: str
) -> None:
    ds = dataset.split(".")[1]
    client.query_and_wait(f"CREATE PROCEDURE {ds}.twice(x INT64)\nBEGIN\n  SELECT x * 2 AS y;\nEND")
    parent = client.query(f"DECLARE v INT64 DEFAULT 4;\nCALL {ds}.twice(v);")
    assert [tuple(r) for r in parent.result()] == [(8,)]
    (child,) = client.list_jobs(parent_job=parent)
    leaf, caller = child.script_statistics.stack_frames
    assert leaf.procedure_id == f"{dataset}.twice"
    # Lines count from the body (BEGIN is line 1).
    assert (leaf.start_line, leaf.start_column, leaf.text) == (2, 3, "SELECT x * 2 AS y;")
    assert caller.procedure_id is None and caller.start_line == 2
