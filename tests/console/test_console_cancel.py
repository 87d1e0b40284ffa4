"""Cancelling a running query: jobs.cancel interrupts its DuckDB statement, and the job ends DONE
with ``stopped``; from the official client and from the console's Cancel button."""

from __future__ import annotations

import re
import threading
import time
import uuid
from typing import Any

import httpx
import pytest
from console_env import needs_browser
from google.cloud import bigquery

from bqhouse.testing import Emulator

# 4e10 pairs: minutes of work for DuckDB on this machine (about 1.6e8 pairs a second) unless
# it is interrupted.
LONG_QUERY = (
    "SELECT COUNT(*) AS n FROM UNNEST(GENERATE_ARRAY(1, 200000)) AS a "
    "CROSS JOIN UNNEST(GENERATE_ARRAY(1, 200000)) AS b WHERE a + b > 7"
)


def _wait_running(url: str, project: str, job_id: str) -> None:
    """Poll jobs.get until the job exists and is RUNNING (it is inserted on another thread)."""
    api = f"{url}/bigquery/v2/projects/{project}/jobs/{job_id}"
    while True:
        response = httpx.get(api)
        if response.status_code == 200:
            state = response.json()["status"]["state"]
            assert state == "RUNNING", response.json()
            return
        time.sleep(0.05)


# A script: its statements share one connection, and the cancel must also stop the ones after.
LONG_SCRIPT = f"DECLARE n INT64; SET n = ({LONG_QUERY}); CREATE TEMP TABLE t AS SELECT n; SELECT n;"


@pytest.mark.parametrize("sql", [LONG_QUERY, LONG_SCRIPT], ids=["query", "script"])
def test_client_cancels_a_running_query(
    bigquery_client: bigquery.Client, bigquery_emulator: Emulator, sql: str
) -> None:
    job_id = f"cancel_me_{uuid.uuid4().hex}"
    inserted: dict[str, Any] = {}
    worker = threading.Thread(
        target=lambda: inserted.update(job=bigquery_client.query(sql, job_id=job_id))
    )
    worker.start()
    _wait_running(bigquery_emulator.url, bigquery_emulator.project, job_id)
    assert bigquery_client.cancel_job(job_id) is not None
    worker.join()
    job = bigquery_client.get_job(job_id)
    assert job.state == "DONE"
    assert job.cancelled()
    assert job.error_result == {
        "reason": "stopped",
        "message": "Job execution was cancelled: User requested cancellation",
    }
    # The server is free again: the next query runs at once.
    assert list(bigquery_client.query_and_wait("SELECT 1 AS x"))[0]["x"] == 1


def test_cancelling_a_finished_job_keeps_its_result(bigquery_client: bigquery.Client) -> None:
    job = bigquery_client.query("SELECT 7 AS seven")
    assert [row["seven"] for row in job.result()] == [7]
    bigquery_client.cancel_job(job.job_id)
    again = bigquery_client.get_job(job.job_id)
    assert again.state == "DONE" and again.error_result is None


@needs_browser
def test_browser_cancel(browser: Any, bigquery_emulator: Emulator) -> None:
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1366, "height": 768})
    try:
        page.goto(bigquery_emulator.url + "/")
        page.click("#editor .cm-content")
        page.keyboard.press("Control+a")
        page.keyboard.press("Delete")
        page.keyboard.insert_text(LONG_QUERY)
        page.keyboard.press("Control+Enter")
        status = page.locator("#status")
        expect(status).to_contain_text("Running… (job console_")
        match = re.search(r"job (console_\w+)", status.inner_text())
        assert match is not None
        job_id = match.group(1)
        _wait_running(bigquery_emulator.url, bigquery_emulator.project, job_id)
        expect(page.locator("#run")).to_be_disabled()
        page.click("#cancel")
        expect(status).to_contain_text(
            "Cancelled: Job execution was cancelled: User requested cancellation"
        )
        expect(page.locator("#run")).to_be_enabled()
        expect(page.locator("#cancel")).to_be_disabled()
        job = httpx.get(
            f"{bigquery_emulator.url}/bigquery/v2/projects/{bigquery_emulator.project}/jobs/{job_id}"
        ).json()
        assert job["status"]["state"] == "DONE"
        assert job["status"]["errorResult"]["reason"] == "stopped"
        page.click("[data-tab=job]")
        expect(page.locator("#job-details")).to_contain_text("stopped")
    finally:
        page.close()
