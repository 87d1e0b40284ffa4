"""A job cut off by SIGKILL is not lost: after a restart ``jobs.get`` answers it DONE with
``backendError`` (BigQuery's reason for a failed job that can be retried safely), and nothing it
would have written is in the table."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from google.api_core import exceptions
from google.cloud import bigquery
from serverproc import ServerProcess

Factory = Callable[..., ServerProcess]
# 200,000 x 200,000 rows: runs until killed.
ENDLESS = (
    "SELECT SUM(a * b) FROM UNNEST(GENERATE_ARRAY(1, 200000)) a, "
    "UNNEST(GENERATE_ARRAY(1, 200000)) b"
)


def _kill_once_running(server: ServerProcess, job_id: str, work: Callable[[], object]) -> None:
    """Start ``work`` (which creates job ``job_id``) and SIGKILL the server once it is RUNNING."""
    thread = threading.Thread(target=lambda: _swallow(work), daemon=True)
    thread.start()
    watcher = server.client()
    while True:
        try:
            if watcher.get_job(job_id, retry=None).state == "RUNNING":
                break
        except exceptions.NotFound:
            pass
        assert thread.is_alive(), "the job finished before it could be interrupted"
    server.kill()
    thread.join(timeout=60)


def _swallow(work: Callable[[], object]) -> None:
    with contextlib.suppress(Exception):  # the connection dies with the server
        work()


def _assert_interrupted(server: ServerProcess, job_id: str) -> Any:
    job = server.client().get_job(job_id)
    assert job.state == "DONE"
    assert job.error_result is not None
    assert job.error_result["reason"] == "backendError", job.error_result
    assert "interrupted" in job.error_result["message"]
    assert job.ended is not None
    return job


def test_query_killed_mid_run_is_done_with_error(server_factory: Factory) -> None:
    server = server_factory().start()
    client = server.client()
    _kill_once_running(
        server,
        "endless",
        lambda: client.query(ENDLESS, job_id="endless", retry=None, job_retry=None),
    )
    server.start()
    job = _assert_interrupted(server, "endless")
    assert job.job_type == "query"
    # Listed too, and a new job with another id runs normally.
    assert "endless" in [j.job_id for j in server.client().list_jobs()]
    assert server.scalar("SELECT 1") == 1


def test_load_killed_mid_run_is_done_with_error(server_factory: Factory, tmp_path: Path) -> None:
    server = server_factory().start()
    client = server.client()
    client.create_dataset("c")
    client.query_and_wait("CREATE TABLE c.t (id INT64, v INT64)")
    ids = pa.array(range(3_000_000), pa.int64())
    path = tmp_path / "big.parquet"
    pq.write_table(pa.table({"id": ids, "v": ids}), path, row_group_size=100_000)

    def load() -> None:
        config = bigquery.LoadJobConfig(source_format="PARQUET")
        with path.open("rb") as handle:
            job = client.load_table_from_file(
                handle, "c.t", job_id="bigload", job_config=config, num_retries=0
            )
            job.result(retry=None)

    _kill_once_running(server, "bigload", load)
    server.start()
    job = _assert_interrupted(server, "bigload")
    assert job.job_type == "load"
    # The interrupted load left nothing behind.
    assert server.scalar("SELECT COUNT(*) FROM c.t") == 0
