"""Time and memory limits, /metrics and the JSON logs, on a server started with the flags."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import orjson
import pytest
from google.api_core import exceptions
from serverproc import ServerProcess

SLOW = (
    "SELECT SUM(a * b) FROM UNNEST(GENERATE_ARRAY(1, 200000)) a, "
    "UNNEST(GENERATE_ARRAY(1, 200000)) b"
)
HUGE = "SELECT LENGTH(STRING_AGG(REPEAT('x', 1000), '')) FROM UNNEST(GENERATE_ARRAY(1, 1000000))"


@pytest.fixture
def limited(server_factory: Callable[..., ServerProcess]) -> ServerProcess:
    # The timeout leaves HUGE (~1 s to exhaust 100MB) room to fail on memory first, even on a busy
    # machine; SLOW would run for minutes.
    return server_factory("--query-timeout-seconds", "5", "--memory-limit", "100MB").start()


def test_timeout_memory_metrics_and_logs(limited: ServerProcess) -> None:
    client = limited.client()
    with pytest.raises(exceptions.BadRequest) as timed_out:
        client.query_and_wait(SLOW, job_retry=None)
    assert timed_out.value.errors[0]["reason"] == "stopped"
    assert "timed out" in timed_out.value.message

    with pytest.raises(exceptions.BadRequest) as too_big:
        client.query_and_wait(HUGE, job_retry=None)
    assert too_big.value.errors[0]["reason"] == "resourcesExceeded", too_big.value.errors
    assert "Resources exceeded during query execution" in too_big.value.message

    # The server stays up for the others.
    assert list(client.query_and_wait("SELECT 1"))[0][0] == 1

    text = httpx.get(f"{limited.url}/metrics").text
    assert 'bqhouse_http_requests_total{method="POST",status="200"}' in text
    assert 'bqhouse_jobs_total{type="query",state="error"} 2' in text
    assert 'bqhouse_job_duration_seconds_bucket{type="query",le="+Inf"} 3' in text
    assert "bqhouse_bytes_processed_total" in text

    logs = [
        orjson.loads(line)
        for line in limited.log_path.read_text().splitlines()
        if line.startswith("{")
    ]
    jobs = [entry for entry in logs if entry["logger"] == "bqhouse.jobs"]
    assert {j["reason"] for j in jobs} >= {"stopped", "resourcesExceeded", None}
    assert all(
        {"job_id", "statement_type", "bytes_processed", "duration_ms"} <= set(j) for j in jobs
    )
    assert any(e["logger"] == "bqhouse.requests" and e["status"] == 200 for e in logs)
