"""``/metrics`` in Prometheus text format, and the per-request and per-job logs.

Series (https://prometheus.io/docs/instrumenting/exposition_formats/):

- ``bqhouse_http_requests_total{method,status}``
- ``bqhouse_jobs_total{type,state}`` with state ``done`` or ``error``
- ``bqhouse_job_duration_seconds{type}`` histogram
- ``bqhouse_bytes_processed_total``
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from bqhouse.observability import JOBS, REQUESTS, configure_logging, log_event

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

    from bqhouse.warehouse import Warehouse

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0)


class Registry:
    """Counters and one histogram family, guarded by one lock."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.requests: Counter[tuple[str, str]] = Counter()
        self.jobs: Counter[tuple[str, str]] = Counter()
        self.bytes_processed = 0
        self.durations: dict[str, list[int]] = {}
        self.duration_sums: dict[str, float] = {}

    def request(self, method: str, status: int) -> None:
        with self._lock:
            self.requests[(method, str(status))] += 1

    def job(self, job_type: str, state: str, seconds: float, bytes_processed: int) -> None:
        with self._lock:
            self.jobs[(job_type, state)] += 1
            self.bytes_processed += bytes_processed
            counts = self.durations.setdefault(job_type, [0] * (len(BUCKETS) + 1))
            index = next((i for i, b in enumerate(BUCKETS) if seconds <= b), len(BUCKETS))
            counts[index] += 1
            self.duration_sums[job_type] = self.duration_sums.get(job_type, 0.0) + seconds

    def render(self) -> str:
        """The exposition text.

        >>> r = Registry(); r.request("GET", 200); "bqhouse_http_requests_total" in r.render()
        True
        """
        out = [
            "# HELP bqhouse_http_requests_total HTTP requests by method and status.",
            "# TYPE bqhouse_http_requests_total counter",
        ]
        with self._lock:
            for (method, status), n in sorted(self.requests.items()):
                out.append(
                    f'bqhouse_http_requests_total{{method="{method}",status="{status}"}} {n}'
                )
            out += [
                "# HELP bqhouse_jobs_total Finished jobs by type and state.",
                "# TYPE bqhouse_jobs_total counter",
            ]
            for (job_type, state), n in sorted(self.jobs.items()):
                out.append(f'bqhouse_jobs_total{{type="{job_type}",state="{state}"}} {n}')
            out += [
                "# HELP bqhouse_job_duration_seconds Job duration.",
                "# TYPE bqhouse_job_duration_seconds histogram",
            ]
            for job_type, counts in sorted(self.durations.items()):
                running = 0
                for bound, n in zip([*map(str, BUCKETS), "+Inf"], counts, strict=True):
                    running += n
                    out.append(
                        f'bqhouse_job_duration_seconds_bucket{{type="{job_type}",le="{bound}"}} '
                        f"{running}"
                    )
                out.append(
                    f'bqhouse_job_duration_seconds_sum{{type="{job_type}"}} '
                    f"{self.duration_sums[job_type]:.6f}"
                )
                out.append(f'bqhouse_job_duration_seconds_count{{type="{job_type}"}} {running}')
            out += [
                "# HELP bqhouse_bytes_processed_total Bytes processed by query jobs.",
                "# TYPE bqhouse_bytes_processed_total counter",
                f"bqhouse_bytes_processed_total {self.bytes_processed}",
            ]
        return "\n".join(out) + "\n"


METRICS = Registry()


class MetricsMiddleware:
    """Counts and logs every HTTP request (pure ASGI, so streaming is untouched)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            METRICS.request(scope["method"], status)
            log_event(
                REQUESTS,
                "request",
                method=scope["method"],
                path=scope.get("path", ""),
                status=status,
                duration_ms=round((time.perf_counter() - start) * 1000, 3),
            )


def _job_facts(job: dict[str, Any]) -> dict[str, Any]:
    stats = job.get("statistics") or {}
    error = (job.get("status") or {}).get("errorResult")
    return {
        "job_id": (job.get("jobReference") or {}).get("jobId"),
        "job_type": str((job.get("configuration") or {}).get("jobType", "")).lower(),
        "statement_type": (stats.get("query") or {}).get("statementType"),
        "state": "error" if error else "done",
        "reason": error.get("reason") if error else None,
        "bytes_processed": int(stats.get("totalBytesProcessed") or 0),
    }


def instrument_jobs(warehouse: Warehouse) -> None:
    """Wrap ``warehouse.jobs.insert`` (jobs.query goes through it too) to count and log jobs."""
    jobs = warehouse.jobs
    if getattr(jobs, "_bqhouse_instrumented", False):
        return
    insert = jobs.insert

    def instrumented(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        job = insert(*args, **kwargs)
        seconds = time.perf_counter() - start
        facts = _job_facts(job)
        if not (job.get("configuration") or {}).get("dryRun"):
            METRICS.job(facts["job_type"], facts["state"], seconds, facts["bytes_processed"])
        log_event(JOBS, "job", **facts, duration_ms=round(seconds * 1000, 3))
        return job

    setattr(jobs, "insert", instrumented)  # noqa: B010 - wraps this instance's method only
    setattr(jobs, "_bqhouse_instrumented", True)  # noqa: B010


async def metrics(request: Request) -> Response:
    return PlainTextResponse(METRICS.render(), media_type="text/plain; version=0.0.4")


def install(app: Starlette, warehouse: Warehouse) -> None:
    """Serve /metrics, count requests and jobs, and log them as JSON lines."""
    configure_logging()
    instrument_jobs(warehouse)
    app.router.routes.append(Route("/metrics", metrics))
    app.add_middleware(MetricsMiddleware)
