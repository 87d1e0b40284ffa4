"""A real internal failure (a lake data file deleted or damaged on disk) answers at once with an
error the official client does not retry, instead of ``internalError``, which it retries for
minutes (see bqhouse.faults). The error carries the documented reason ``tableUnavailable``; a job
that hits it is DONE with that errorResult (jobs.insert and jobs.get answer HTTP 200)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from google.api_core import exceptions
from google.cloud import bigquery
from google.cloud.bigquery.retry import DEFAULT_JOB_RETRY, DEFAULT_RETRY
from serverproc import PROJECT, ServerProcess

Factory = Callable[..., ServerProcess]


def _table_with_file(server: ServerProcess, tmp_path: Path, name: str) -> Path:
    """Load 10,000 rows into ``c.name`` (one Parquet file in the lake) and return the file."""
    ids = pa.array(range(10_000), pa.int64())
    source = tmp_path / f"{name}.parquet"
    pq.write_table(pa.table({"id": ids, "v": ids}), source)
    config = bigquery.LoadJobConfig(source_format="PARQUET")
    with source.open("rb") as handle:
        server.client().load_table_from_file(handle, f"c.{name}", job_config=config).result()
    files = list((server.data_dir / "lake.ducklake.files").rglob(f"{name}/*.parquet"))
    assert len(files) == 1, files
    return files[0]


def _requests(server: ServerProcess) -> dict[str, int]:
    counts: dict[str, int] = {}
    for line in httpx.get(f"{server.url}/metrics").text.splitlines():
        if line.startswith('bqhouse_http_requests_total{method="POST"'):
            labels, value = line.rsplit(" ", 1)
            counts[labels] = int(float(value))
    return counts


def _not_retried(exc: Exception) -> None:
    # The client's own predicates: neither the RPC retry nor the job retry would fire.
    assert not DEFAULT_RETRY._predicate(exc)
    assert not DEFAULT_JOB_RETRY._predicate(exc)


@pytest.mark.parametrize("damage", ["delete", "garble"])
def test_damaged_data_file_fails_fast(server_factory: Factory, tmp_path: Path, damage: str) -> None:
    server = server_factory().start()
    client = server.client()
    client.create_dataset("c")
    path = _table_with_file(server, tmp_path, "t")
    if damage == "delete":
        path.unlink()
    else:
        data = bytearray(path.read_bytes())
        middle = len(data) // 2
        data[middle : middle + 4096] = b"\xff" * 4096
        path.write_bytes(bytes(data))
    before = _requests(server)

    # Default retry settings: an internalError here would keep this call busy for minutes.
    with pytest.raises(exceptions.BadRequest) as failed:
        client.query_and_wait("SELECT SUM(v) FROM c.t")
    assert failed.value.errors[0]["reason"] == "tableUnavailable", failed.value.errors
    assert "Error while reading table data" in failed.value.message
    _not_retried(failed.value)
    after = _requests(server)
    sent = sum(after.values()) - sum(before.values())
    assert sent == 1, (before, after)  # one POST jobs.query, no retry

    # jobs.insert: HTTP 200 with the error in the job's status; result() raises it at once.
    job = client.query("SELECT SUM(v) FROM c.t")  # the column the damage hit (see above)
    assert job.state == "DONE"
    assert job.error_result is not None and job.error_result["reason"] == "tableUnavailable"
    with pytest.raises(exceptions.BadRequest) as from_result:
        job.result()
    _not_retried(from_result.value)
    assert client.get_job(job.job_id).error_result == job.error_result

    # tabledata.list is not a job: the same error as an HTTP answer.
    with pytest.raises(exceptions.BadRequest) as listed:
        list(client.list_rows(f"{PROJECT}.c.t"))
    assert listed.value.errors[0]["reason"] == "tableUnavailable"

    # Other tables and the server are fine.
    assert server.scalar("SELECT 41 + 1") == 42
