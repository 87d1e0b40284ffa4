"""CREATE MODEL as a real job: live training progress on jobs.get, and jobs.cancel mid-training.

The training job runs inside the jobs.insert request, so a second client on another thread
watches it: ``get_job`` shows the job RUNNING with ``mlStatistics.iterationResults`` growing
(one result per boosting round), and ``cancel_job`` stops it between two rounds. Training is
sized by its iteration count (boosting always runs every round without early stopping), never
by time.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from google.api_core.exceptions import GoogleAPICallError, NotFound
from google.cloud import bigquery

ROUNDS = 60  # boosting rounds of a cancelled training: each is one iterationResult
WATCHED_ROUNDS = 150  # the watched training: long enough for several progress reports


@pytest.fixture
def big(client: bigquery.Client, dataset: str) -> str:
    """``dataset`` with ``points``: 12,000 rows, four features and a non-linear target."""
    rng = np.random.default_rng(7)
    x = rng.normal(size=(12_000, 4))
    y = x @ [1.0, -2.0, 0.5, 3.0] + np.sin(3 * x[:, 0]) * x[:, 1] + rng.normal(size=len(x))
    rows = [{"a": a, "b": b, "c": c, "d": d, "y": t} for (a, b, c, d), t in zip(x, y, strict=True)]
    schema = [bigquery.SchemaField(n, "FLOAT64") for n in ("a", "b", "c", "d", "y")]
    client.load_table_from_json(
        [{k: float(v) for k, v in r.items()} for r in rows],
        f"{dataset}.points",
        job_config=bigquery.LoadJobConfig(schema=schema),
    ).result()
    return dataset


def _create(data: str, model: str, rounds: int, *, replace: bool = False) -> str:
    verb = "CREATE OR REPLACE MODEL" if replace else "CREATE MODEL"
    return (
        f"{verb} `{data}.{model}` OPTIONS(model_type='boosted_tree_regressor', "
        f"max_iterations={rounds}, max_tree_depth=8, input_label_cols=['y'], "
        f"data_split_method='no_split') AS SELECT a, b, c, d, y FROM `{data}.points`"
    )


class Watcher:
    """Polls ``get_job`` from its own client and thread until the job is DONE."""

    def __init__(
        self,
        emulator: Any,
        job_id: str,
        on_progress: Callable[[bigquery.Client, int], None] | None = None,
    ) -> None:
        self.client = emulator.client()
        self.job_id = job_id
        self.on_progress = on_progress
        self.seen: list[tuple[str, int]] = []  # (state, number of iterationResults)
        self.failure: BaseException | None = None
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Watcher:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop.set()
        self.thread.join()
        if self.failure is not None:
            raise self.failure

    def _run(self) -> None:
        try:
            while not self.stop.is_set():
                try:
                    job = self.client.get_job(self.job_id)
                except NotFound:  # not inserted yet
                    self.stop.wait(0.02)
                    continue
                query = job._properties["statistics"].get("query") or {}
                results = (query.get("mlStatistics") or {}).get("iterationResults") or []
                self.seen.append((job.state, len(results)))
                if job.state == "DONE":
                    return
                if results and self.on_progress is not None:
                    self.on_progress(self.client, len(results))
                self.stop.wait(0.02)
        except BaseException as exc:  # reported by __exit__ on the test's thread
            self.failure = exc


def test_get_job_shows_training_progress(
    bigquery_emulator: Any, client: bigquery.Client, big: str
) -> None:
    job_id = f"train_{uuid.uuid4().hex}"
    with Watcher(bigquery_emulator, job_id) as watcher:
        job = client.query(_create(big, "progress", WATCHED_ROUNDS), job_id=job_id)
        job.result()
    running = [n for state, n in watcher.seen if state == "RUNNING"]
    # Seen from the other client while training: RUNNING, some rounds done, not all of them.
    assert any(0 < n < WATCHED_ROUNDS for n in running), watcher.seen
    assert running == sorted(running)  # the results only grow
    stats = client.get_job(job_id)._properties["statistics"]["query"]["mlStatistics"]
    assert stats["modelType"] == "BOOSTED_TREE_REGRESSOR"
    assert stats["maxIterations"] == str(WATCHED_ROUNDS)
    assert [r["index"] for r in stats["iterationResults"]] == list(range(WATCHED_ROUNDS))
    model = client.get_model(f"{big}.progress")
    assert len(model.training_runs[0]["results"]) == WATCHED_ROUNDS


def _cancel_after_first_round(job_id: str) -> Callable[[bigquery.Client, int], None]:
    sent = threading.Event()

    def cancel(watcher_client: bigquery.Client, _: int) -> None:
        if not sent.is_set():
            sent.set()
            watcher_client.cancel_job(job_id)

    return cancel


def _run_cancelled(emulator: Any, client: bigquery.Client, sql: str) -> None:
    job_id = f"train_{uuid.uuid4().hex}"
    with Watcher(emulator, job_id, _cancel_after_first_round(job_id)):
        job = client.query(sql, job_id=job_id)
        with pytest.raises(GoogleAPICallError, match="User requested cancellation"):
            job.result()
    fetched = client.get_job(job_id)
    assert fetched.state == "DONE" and fetched.cancelled()
    assert fetched.error_result["reason"] == "stopped"
    assert fetched.error_result["message"] == (
        "Job execution was cancelled: User requested cancellation"
    )
    # Stopped between two rounds: some results were published, not all of them.
    stats = fetched._properties["statistics"]["query"]["mlStatistics"]
    assert 0 < len(stats["iterationResults"]) < ROUNDS


def test_cancel_stops_training_and_creates_no_model(
    bigquery_emulator: Any, client: bigquery.Client, big: str
) -> None:
    _run_cancelled(bigquery_emulator, client, _create(big, "cancelled", ROUNDS))
    with pytest.raises(NotFound):
        client.get_model(f"{big}.cancelled")
    assert [m.model_id for m in client.list_models(big)] == []


def test_cancel_keeps_the_model_or_replace_would_replace(
    bigquery_emulator: Any, client: bigquery.Client, big: str
) -> None:
    client.query(_create(big, "kept", 2)).result()
    before = client.get_model(f"{big}.kept")
    _run_cancelled(bigquery_emulator, client, _create(big, "kept", ROUNDS, replace=True))
    after = client.get_model(f"{big}.kept")
    assert len(after.training_runs[0]["results"]) == 2
    assert after.etag == before.etag


def test_cancel_of_an_unknown_job_is_not_found(client: bigquery.Client) -> None:
    with pytest.raises(NotFound) as caught:
        client.cancel_job(f"no_such_job_{uuid.uuid4().hex}")
    assert caught.value.code == 404
    assert caught.value.errors[0]["reason"] == "notFound"
