"""Live progress of CREATE MODEL's training, and the points where jobs.cancel can stop it.

The job runner (``JobService.insert``) opens ``watching(job, save, checkpoint)`` on the thread
that runs the job. Training calls ``start`` once, ``iteration`` after each step (an ALS sweep, a
boosting round, a Lloyd step) and ``checkpoint`` between phases. ``iteration`` puts the results
so far into the job's ``statistics.query.mlStatistics``: jobs.get sees them at once, since the
job store serves a RUNNING job from memory, and the job is persisted at most every 0.5 s (so
another process reading ``jobs.sqlite`` sees progress too, without a write per iteration). Each
call raises ``Stopped`` once the job was cancelled, so training ends between two steps. Outside a
job (in-process use) every call does nothing.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

Resource = dict[str, Any]

SAVE_EVERY_SECONDS = 0.5


class _Watch:
    """The job a thread is running, and its training's results so far."""

    def __init__(
        self, job: Resource, save: Callable[[Resource], None], checkpoint: Callable[[], None]
    ) -> None:
        self.job = job
        self.save = save
        self.checkpoint = checkpoint
        self.stats: Resource | None = None
        self.results: list[Resource] = []
        self.tick = time.monotonic()
        self.saved = -SAVE_EVERY_SECONDS

    def publish(self) -> None:
        assert self.stats is not None
        stats = {**self.stats, "iterationResults": list(self.results)}
        statistics = self.job["statistics"]
        # A new dict swapped in whole: a concurrent jobs.get never sees a half-built one.
        statistics["query"] = {
            **(statistics.get("query") or {}),
            "statementType": "CREATE_MODEL",
            "mlStatistics": stats,
        }
        now = time.monotonic()
        if now - self.saved >= SAVE_EVERY_SECONDS:
            self.saved = now
            self.save(self.job)


class _Current(threading.local):
    watch: _Watch | None = None


_current = _Current()


@contextmanager
def watching(
    job: Resource, save: Callable[[Resource], None], checkpoint: Callable[[], None]
) -> Iterator[None]:
    """Report the training run on this thread into ``job``; ``checkpoint`` raises if cancelled."""
    outer, _current.watch = _current.watch, _Watch(job, save, checkpoint)
    try:
        yield
    finally:
        _current.watch = outer


def start(model_type: str, max_iterations: Any) -> None:
    """A training begins: ``model_type`` is the REST enum (``Model.modelType``)."""
    watch = _current.watch
    if watch is None:
        return
    watch.checkpoint()
    watch.stats = {
        "maxIterations": str(max_iterations),
        "modelType": model_type,
        "trainingType": "SINGLE_TRAINING",
    }
    watch.results = []
    watch.tick = time.monotonic()
    watch.saved = -SAVE_EVERY_SECONDS  # the RUNNING job shows its model type at once
    watch.publish()


def iteration(
    loss: float | None, eval_loss: float | None = None, learn_rate: float | None = None
) -> None:
    """One training step is done: publish its ``IterationResult``, then stop if cancelled."""
    watch = _current.watch
    if watch is None:
        return
    if watch.stats is not None:
        now = time.monotonic()
        result: Resource = {
            "index": len(watch.results),
            "durationMs": str(int((now - watch.tick) * 1000)),
        }
        if loss is not None:
            result["trainingLoss"] = float(loss)
        if eval_loss is not None:
            result["evalLoss"] = float(eval_loss)
        if learn_rate is not None:
            result["learnRate"] = float(learn_rate)
        watch.tick = now
        watch.results.append(result)
        watch.publish()
    watch.checkpoint()


def checkpoint() -> None:
    """Raise ``Stopped`` if the job running on this thread was cancelled."""
    watch = _current.watch
    if watch is not None:
        watch.checkpoint()
