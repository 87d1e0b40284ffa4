"""Structured logs: one JSON object per line, per request and per job.

Loggers ``bqhouse.requests`` (method, path, status, duration_ms) and ``bqhouse.jobs`` (job_id,
job_type, statement_type, state, reason, bytes_processed, duration_ms). ``BQHOUSE_LOG_LEVEL``
(default INFO; WARNING silences them) sets the level of the handler installed on ``bqhouse``.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from typing import Any

import orjson

REQUESTS = logging.getLogger("bqhouse.requests")
JOBS = logging.getLogger("bqhouse.jobs")


class JsonFormatter(logging.Formatter):
    """Render a record as one JSON line; ``extra={"fields": {...}}`` adds keys.

    >>> record = logging.LogRecord("bqhouse.jobs", logging.INFO, "", 0, "job", None, None)
    >>> record.fields = {"job_id": "j1"}
    >>> JsonFormatter().format(record)[-31:]
    '"message":"job","job_id":"j1"}'
    """

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **getattr(record, "fields", {}),
        }
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        return orjson.dumps(entry, default=str).decode()


def configure_logging() -> None:
    """Install the JSON handler on the ``bqhouse`` logger once (stderr)."""
    root = logging.getLogger("bqhouse")
    if any(isinstance(h.formatter, JsonFormatter) for h in root.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root.addHandler(handler)
    root.setLevel(os.environ.get("BQHOUSE_LOG_LEVEL", "INFO").upper())


def log_event(logger: logging.Logger, message: str, **fields: Any) -> None:
    """Log ``message`` with ``fields`` as top-level JSON keys."""
    if logger.isEnabledFor(logging.INFO):
        logger.info(message, extra={"fields": fields})
