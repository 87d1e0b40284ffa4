"""Query jobs, jobs.query, results paging, parameters, dry runs, cache, errors, copy jobs."""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import math
import time
from collections.abc import Iterator
from typing import Any

import pandas as pd
import pyarrow as pa
import pytest
from google.api_core import exceptions
from google.cloud import bigquery

from bqhouse import errors
from bqhouse.jobs.store import JobStore
from bqhouse.storage.lake import Lake


def test_query_and_wait_scalars(client: bigquery.Client) -> None:
    rows = list(
        client.query_and_wait(
            "SELECT 1 AS i, 1.5 AS f, 'x' AS s, TRUE AS b, DATE '2024-01-02' AS d, "
            "TIMESTAMP '2024-01-02 03:04:05.678+00' AS ts, NUMERIC '1.25' AS n, "
            "CAST('NaN' AS FLOAT64) AS nan, [1, 2] AS arr, STRUCT(1 AS a, 'z' AS b) AS st"
        )
    )
    row = rows[0]
    assert row["i"] == 1 and row["f"] == 1.5 and row["s"] == "x" and row["b"] is True
    assert row["d"] == dt.date(2024, 1, 2)
    assert row["ts"] == dt.datetime(2024, 1, 2, 3, 4, 5, 678000, tzinfo=dt.UTC)
    assert row["n"] == decimal.Decimal("1.25")
    assert math.isnan(row["nan"])
    assert row["arr"] == [1, 2]
    assert row["st"] == {"a": 1, "b": "z"}


def test_query_job_statistics(client: bigquery.Client, dataset: str) -> None:
    client.query_and_wait(f"CREATE TABLE `{dataset}.nums` AS SELECT x FROM UNNEST([1,2,3]) x")
    job = client.query(
        f"SELECT SUM(x) AS s FROM `{dataset}.nums`",
        job_config=bigquery.QueryJobConfig(labels={"k": "v"}),
    )
    assert [tuple(r) for r in job.result()] == [(6,)]
    assert job.state == "DONE"
    assert job.statement_type == "SELECT"
    assert job.total_bytes_processed == 24
    assert job.started and job.ended and job.created
    assert job.labels == {"k": "v"}
    again = client.get_job(job.job_id)
    assert again.state == "DONE" and again.query == job.query
    assert job.job_id in [j.job_id for j in client.list_jobs(max_results=50)]


def test_dml_updates_num_rows_and_affected_rows(client: bigquery.Client, dataset: str) -> None:
    client.query_and_wait(f"CREATE TABLE `{dataset}.t` (a INT64, b STRING)")
    job = client.query(f"INSERT INTO `{dataset}.t` VALUES (1, 'a'), (2, 'b'), (3, 'c')")
    job.result()
    assert job.num_dml_affected_rows == 3
    assert client.get_table(f"{dataset}.t").num_rows == 3
    job = client.query(f"DELETE FROM `{dataset}.t` WHERE a > 1")
    job.result()
    assert job.num_dml_affected_rows == 2
    assert client.get_table(f"{dataset}.t").num_rows == 1
    job = client.query(f"UPDATE `{dataset}.t` SET b = 'z' WHERE TRUE")
    job.result()
    assert job.num_dml_affected_rows == 1
    assert [tuple(r) for r in client.query_and_wait(f"SELECT * FROM `{dataset}.t`")] == [(1, "z")]


def test_ddl_job_result_has_no_rows(client: bigquery.Client, dataset: str) -> None:
    # A DDL statement returns no rows; a column-less result once paged as 50,000 empty rows.
    for sql in (
        f"CREATE TABLE {dataset}.t AS SELECT 1 AS x",
        f"CREATE VIEW {dataset}.v AS SELECT 1 AS x",
    ):
        job = client.query(sql)
        assert list(job.result()) == []


def test_pagination_of_25000_rows(client: bigquery.Client) -> None:
    job = client.query("SELECT x, CAST(x AS STRING) AS s FROM UNNEST(GENERATE_ARRAY(0, 24999)) x")
    result = job.result(page_size=10_000)
    pages = list(result.pages)
    assert [p.num_items for p in pages] == [10_000, 10_000, 5_000]
    xs = [r["x"] for r in client.query(job.query).result(page_size=7_000)]
    assert sorted(xs) == list(range(25_000))
    assert result.total_rows == 25_000


def test_to_dataframe_and_to_arrow_equal_inserted(client: bigquery.Client, dataset: str) -> None:
    schema = [bigquery.SchemaField("a", "INTEGER"), bigquery.SchemaField("b", "STRING")]
    table = client.create_table(bigquery.Table(f"{dataset}.frame", schema=schema))
    data = [{"a": i, "b": f"s{i}"} for i in range(100)]
    assert client.insert_rows_json(table, data) == []
    sql = f"SELECT a, b FROM `{dataset}.frame` ORDER BY a"
    frame = client.query_and_wait(sql).to_dataframe(create_bqstorage_client=False)
    expected = pd.DataFrame(data)
    assert frame["a"].tolist() == expected["a"].tolist()
    assert frame["b"].tolist() == expected["b"].tolist()
    arrow = client.query_and_wait(sql).to_arrow(create_bqstorage_client=False)
    assert isinstance(arrow, pa.Table)
    assert arrow.column("a").to_pylist() == list(range(100))


def test_query_parameters_of_each_kind(client: bigquery.Client) -> None:
    config = bigquery.QueryJobConfig(
        query_parameters=[
            bigquery.ScalarQueryParameter("i", "INT64", 41),
            bigquery.ScalarQueryParameter("s", "STRING", "hi"),
            bigquery.ScalarQueryParameter(
                "ts", "TIMESTAMP", dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
            ),
            bigquery.ScalarQueryParameter("n", "NUMERIC", decimal.Decimal("1.5")),
            bigquery.ScalarQueryParameter("nothing", "STRING", None),
            bigquery.ArrayQueryParameter("arr", "INT64", [1, 2, 3]),
            bigquery.StructQueryParameter(
                "st",
                bigquery.ScalarQueryParameter("x", "INT64", 7),
                bigquery.ScalarQueryParameter("y", "STRING", "q"),
            ),
        ]
    )
    row = next(
        iter(
            client.query_and_wait(
                "SELECT @i + 1 AS i, @s AS s, @ts AS ts, @n * 2 AS n, @nothing IS NULL AS isnull, "
                "ARRAY_LENGTH(@arr) AS len, @st.x AS x, @st.y AS y",
                job_config=config,
            )
        )
    )
    assert row["i"] == 42 and row["s"] == "hi"
    assert row["ts"] == dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    assert row["n"] == decimal.Decimal("3")
    assert row["isnull"] is True and row["len"] == 3 and row["x"] == 7 and row["y"] == "q"

    positional = bigquery.QueryJobConfig(
        query_parameters=[bigquery.ScalarQueryParameter(None, "INT64", 5)]
    )
    assert [tuple(r) for r in client.query_and_wait("SELECT ? * 2", job_config=positional)] == [
        (10,)
    ]


def test_undeclared_parameter_is_bad_request(client: bigquery.Client) -> None:
    with pytest.raises(exceptions.BadRequest, match="Query parameter 'missing' not found"):
        client.query_and_wait("SELECT @missing")


def test_dry_run_reports_bytes(client: bigquery.Client, dataset: str) -> None:
    client.query_and_wait(
        f"CREATE TABLE `{dataset}.sized` AS "
        "SELECT x AS a, 'abcd' AS s FROM UNNEST(GENERATE_ARRAY(1, 10)) x"
    )
    config = bigquery.QueryJobConfig(dry_run=True, use_query_cache=False)
    only_a = client.query(f"SELECT a FROM `{dataset}.sized`", job_config=config)
    assert only_a.total_bytes_processed == 80  # 10 INT64 values
    both = client.query(f"SELECT * FROM `{dataset}.sized`", job_config=config)
    assert both.total_bytes_processed == 80 + 10 * (2 + 4)
    assert both.state == "DONE"
    # COUNT(*) reads no column: https://cloud.google.com/bigquery/docs/estimate-costs
    rows = client.query(f"SELECT COUNT(*) FROM `{dataset}.sized`", job_config=config)
    assert rows.total_bytes_processed == 0
    mixed = client.query(f"SELECT COUNT(*), MAX(s) FROM `{dataset}.sized`", job_config=config)
    assert mixed.total_bytes_processed == 10 * (2 + 4)
    with pytest.raises(exceptions.BadRequest):
        client.query("SELECT FROM WHERE", job_config=config)


def test_query_cache_hit(client: bigquery.Client, dataset: str) -> None:
    client.query_and_wait(f"CREATE TABLE `{dataset}.c` AS SELECT 1 AS a")
    sql = f"SELECT a FROM `{dataset}.c`"
    first = client.query(sql)
    first.result()
    second = client.query(sql)
    second.result()
    assert first.cache_hit is False
    assert second.cache_hit is True
    client.query_and_wait(f"INSERT INTO `{dataset}.c` VALUES (2)")
    third = client.query(sql)
    assert sorted(r["a"] for r in third.result()) == [1, 2]
    assert third.cache_hit is False
    off = client.query(sql, job_config=bigquery.QueryJobConfig(use_query_cache=False))
    off.result()
    assert off.cache_hit is False


def test_destination_table_dispositions(client: bigquery.Client, dataset: str) -> None:
    dest = f"{dataset}.dest"
    config = bigquery.QueryJobConfig(destination=dest)
    client.query("SELECT 1 AS a", job_config=config).result()
    with pytest.raises(exceptions.Conflict):
        client.query("SELECT 2 AS a", job_config=config).result()
    append = bigquery.QueryJobConfig(destination=dest, write_disposition="WRITE_APPEND")
    client.query("SELECT 2 AS a", job_config=append).result()
    assert client.get_table(dest).num_rows == 2
    truncate = bigquery.QueryJobConfig(destination=dest, write_disposition="WRITE_TRUNCATE")
    client.query("SELECT 3 AS a", job_config=truncate).result()
    assert [r["a"] for r in client.list_rows(dest)] == [3]
    never = bigquery.QueryJobConfig(
        destination=f"{dataset}.nope", create_disposition="CREATE_NEVER"
    )
    with pytest.raises(exceptions.NotFound):
        client.query("SELECT 1", job_config=never).result()


def test_errors_raise_like_bigquery(client: bigquery.Client, dataset: str) -> None:
    with pytest.raises(exceptions.BadRequest, match="Syntax error"):
        client.query_and_wait("SELEC 1")
    with pytest.raises(exceptions.NotFound, match="Not found: Table"):
        client.query_and_wait(f"SELECT * FROM `{dataset}.missing`")
    with pytest.raises(exceptions.NotFound, match="Not found: Dataset"):
        client.query_and_wait("SELECT * FROM no_such_ds.t")
    job = client.query("SELEC 1")
    with pytest.raises(exceptions.BadRequest) as info:
        job.result()
    assert job.error_result["reason"] == "invalidQuery"
    assert info.value.code == 400
    with pytest.raises(exceptions.NotFound):
        client.get_job("no-such-job")


def test_duplicate_job_id_conflicts(client: bigquery.Client) -> None:
    client.query("SELECT 1", job_id="fixed_job_id_1").result()
    with pytest.raises(exceptions.Conflict):
        client.query("SELECT 1", job_id="fixed_job_id_1")


def test_cancel_and_delete_job(client: bigquery.Client) -> None:
    job = client.query("SELECT 1")
    job.result()
    assert client.cancel_job(job.job_id).state == "DONE"
    client.delete_job_metadata(job.job_id, location="US")
    with pytest.raises(exceptions.NotFound):
        client.get_job(job.job_id)


def test_copy_job(client: bigquery.Client, dataset: str) -> None:
    client.query_and_wait(f"CREATE TABLE `{dataset}.src` AS SELECT 1 AS a, 'x' AS b")
    client.copy_table(f"{dataset}.src", f"{dataset}.dst").result()
    assert [tuple(r) for r in client.list_rows(f"{dataset}.dst")] == [(1, "x")]
    with pytest.raises(exceptions.Conflict):
        client.copy_table(f"{dataset}.src", f"{dataset}.dst").result()
    with pytest.raises(exceptions.NotFound):
        client.copy_table(f"{dataset}.missing", f"{dataset}.dst2").result()


def test_with_offset_column_name(client: bigquery.Client) -> None:
    rows = client.query_and_wait(
        "SELECT x, off FROM UNNEST(['a', 'b']) x WITH OFFSET off ORDER BY off"
    )
    assert [tuple(r) for r in rows] == [("a", 0), ("b", 1)]
    assert [f.name for f in rows.schema] == ["x", "off"]


def test_script_temp_table_does_not_outlive_script(client: bigquery.Client, dataset: str) -> None:
    script = (
        "CREATE TEMP TABLE scratch AS SELECT 1 AS a UNION ALL SELECT 2; "
        f"CREATE TABLE `{dataset}.kept` AS SELECT a * 10 AS b FROM scratch; "
        "SELECT SUM(a) AS s FROM scratch"
    )
    assert [tuple(r) for r in client.query_and_wait(script)] == [(3,)]
    assert sorted(r["b"] for r in client.list_rows(f"{dataset}.kept")) == [10, 20]
    with pytest.raises(exceptions.BadRequest, match="must be qualified"):
        client.query_and_wait("SELECT * FROM scratch")
    assert [t.table_id for t in client.list_tables(dataset)] == ["kept"]


def test_query_result_is_readable_as_its_anonymous_table(client: bigquery.Client) -> None:
    job = client.query("SELECT x FROM UNNEST([3, 1, 2]) x ORDER BY x")
    job.result()
    assert job.destination is not None
    assert [r["x"] for r in client.list_rows(job.destination)] == [1, 2, 3]
    assert client.get_table(job.destination).num_rows == 3


def test_for_system_time_as_of_reads_the_past(client: bigquery.Client, dataset: str) -> None:
    client.query_and_wait(f"CREATE TABLE `{dataset}.tt` AS SELECT 1 AS a")
    (before,) = next(iter(client.query_and_wait("SELECT CURRENT_TIMESTAMP()")))
    client.query_and_wait(f"INSERT INTO `{dataset}.tt` VALUES (2)")
    config = bigquery.QueryJobConfig(
        query_parameters=[bigquery.ScalarQueryParameter("ts", "TIMESTAMP", before)]
    )
    past = client.query_and_wait(
        f"SELECT a FROM `{dataset}.tt` FOR SYSTEM_TIME AS OF @ts ORDER BY a", job_config=config
    )
    assert [r["a"] for r in past] == [1]
    now = client.query_and_wait(f"SELECT a FROM `{dataset}.tt` t ORDER BY a")
    assert [r["a"] for r in now] == [1, 2]
    with pytest.raises(exceptions.BadRequest, match="time travel is limited to 7 days"):
        client.query_and_wait(
            f"SELECT a FROM `{dataset}.tt` FOR SYSTEM_TIME AS OF "
            "TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 8 DAY)"
        )


def test_wildcard_table_with_table_suffix(client: bigquery.Client, dataset: str) -> None:
    for day, n in (("20240101", 1), ("20240102", 2), ("20240103", 3)):
        client.query_and_wait(
            f"CREATE TABLE `{dataset}.sessions_{day}` AS SELECT {n} AS visits, 'x' AS who"
        )
    rows = client.query_and_wait(
        f"SELECT _TABLE_SUFFIX AS day, visits FROM `{dataset}.sessions_*` "
        "WHERE _TABLE_SUFFIX BETWEEN '20240102' AND '20240103' ORDER BY day"
    )
    assert [tuple(r) for r in rows] == [("20240102", 2), ("20240103", 3)]
    total = client.query_and_wait(f"SELECT SUM(s.visits) FROM `{dataset}.sessions_*` AS s")
    assert [tuple(r) for r in total] == [(6,)]
    with pytest.raises(exceptions.NotFound, match="nothing_"):
        client.query_and_wait(f"SELECT * FROM `{dataset}.nothing_*`")


def test_result_cache_evicts_oldest_beyond_its_budget() -> None:
    from bqhouse.jobs.store import Result, ResultCache

    table = pa.table({"x": list(range(1000))})
    cache = ResultCache(budget_bytes=table.nbytes * 2)
    for n in range(5):
        cache.put(("p", f"j{n}"), Result(table, []))
    cache.put(("p", "j4"), Result(table, []))  # a re-put replaces, it is not counted twice
    assert [n for n in range(5) if cache.get(("p", f"j{n}")) is not None] == [3, 4]


# ---- the job store: one write for a fast job, RUNNING written once late or once seen -----------


def test_fast_job_is_listed_done_with_statistics(client: bigquery.Client) -> None:
    job = client.query("SELECT 17 AS n")
    assert [tuple(r) for r in job.result()] == [(17,)]
    listed = next(j for j in client.list_jobs(max_results=1000) if j.job_id == job.job_id)
    assert listed.state == "DONE" and listed.error_result is None
    assert listed.statement_type == "SELECT" and listed.ended is not None
    got = client.get_job(job.job_id)
    assert got.state == "DONE" and got.total_bytes_processed == 0


def test_list_jobs_pages_newest_first_and_filters_children(client: bigquery.Client) -> None:
    """Pages come from SQL (only a page's jobs are read): every top-level job once, newest first,
    a script's child jobs only under ``parent_job``."""
    mine = [client.query(f"SELECT {n} AS n").job_id for n in range(5)]
    script = client.query("SELECT 1; SELECT 2;")
    script.result()
    paged = list(client.list_jobs(page_size=2, max_results=40))
    ids = [j.job_id for j in paged]
    assert len(ids) == len(set(ids)) == min(40, len(ids))
    assert set(ids[: len(mine) + 1]) == {script.job_id, *mine}  # the newest (ties: same ms)
    created = [j.created for j in paged]
    assert created == sorted(created, reverse=True)
    children = list(client.list_jobs(parent_job=script.job_id))
    assert len(children) == 2 and all(c.job_id not in ids for c in children)
    assert list(client.list_jobs(parent_job="no-such-job")) == []


@pytest.fixture(scope="module")
def own_lake(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lake]:
    """A lake of this module's own: reopening its job store here is what a restart does."""
    lake = Lake(tmp_path_factory.mktemp("jobstore"))
    yield lake
    lake.close()


def _running(job_id: str) -> dict[str, Any]:
    return {
        "jobReference": {"projectId": "p", "jobId": job_id, "location": "US"},
        "configuration": {"query": {"query": "SELECT 1"}, "jobType": "QUERY"},
        "status": {"state": "RUNNING"},
        "statistics": {"creationTime": "1700000000000", "startTime": "1700000000000"},
    }


def _assert_interrupted(job: dict[str, Any]) -> None:
    assert job["status"]["state"] == "DONE"
    assert job["status"]["errorResult"]["reason"] == "backendError"


def test_fast_job_is_persisted_done_only(own_lake: Lake) -> None:
    store = JobStore(own_lake, running_grace_seconds=3600)
    store.reserve("p", "fast1", _running("fast1"))
    with pytest.raises(errors.NotFound):  # a restart now: the job was never answered nor seen
        JobStore(own_lake).get("p", "fast1")
    done = {**_running("fast1"), "status": {"state": "DONE"}}
    store.save(done)
    assert JobStore(own_lake).get("p", "fast1")["status"] == {"state": "DONE"}


def test_running_job_seen_by_get_or_list_survives_a_crash(own_lake: Lake) -> None:
    store = JobStore(own_lake, running_grace_seconds=3600)
    store.reserve("p", "seen_get", _running("seen_get"))
    store.reserve("p", "seen_list", _running("seen_list"))
    assert store.get("p", "seen_get")["status"]["state"] == "RUNNING"
    assert "seen_list" in [j["jobReference"]["jobId"] for j in store.list_page("p")[0]]
    restarted = JobStore(own_lake)  # reads what a SIGKILL at this point leaves behind
    _assert_interrupted(restarted.get("p", "seen_get"))
    _assert_interrupted(restarted.get("p", "seen_list"))


def test_running_job_is_persisted_after_its_grace_period(own_lake: Lake) -> None:
    store = JobStore(own_lake, running_grace_seconds=0.01)
    store.reserve("p", "slow1", _running("slow1"))
    for _ in range(3000):  # the writer thread persists it shortly; no restart sees it before
        with contextlib.suppress(errors.NotFound):
            _assert_interrupted(JobStore(own_lake).get("p", "slow1"))
            return
        time.sleep(0.01)
    raise AssertionError("the RUNNING job was never persisted")


def test_client_job_id_of_an_earlier_process_is_a_duplicate(own_lake: Lake) -> None:
    JobStore(own_lake).save({**_running("taken"), "status": {"state": "DONE"}})
    with pytest.raises(errors.Duplicate):
        JobStore(own_lake).reserve("p", "taken", _running("taken"))
