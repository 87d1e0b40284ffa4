"""Server-side failures as errors the official client does not retry for minutes.

google-cloud-bigquery retries any error whose reason is ``internalError``, ``backendError``,
``rateLimitExceeded`` or ``badGateway`` for up to 10 minutes, and a query job that failed with
one of those (or ``jobInternalError``...) is re-run for up to 40 (``google.cloud.bigquery.retry``).
BigQuery's own internal errors are transient, so that is right there. A bqhouse failure that is
not a conflict is deterministic (a bug, a damaged or missing data file): a retry gives the same
answer, so the client would look hung. ``classify`` gives such failures documented reasons
outside those sets:

- a data file of the lake that cannot be read: ``tableUnavailable`` (HTTP 400), BigQuery's
  reason for a table whose data is unavailable;
- anything else unexpected: HTTP 500 with reason ``notImplemented`` (a path bqhouse does not
  handle), message ``Internal error: ...``.

``backendError`` stays for transient conditions (a DuckLake write conflict), which a retry fixes.
See https://cloud.google.com/bigquery/docs/error-messages and docs/reliability.md.
"""

from __future__ import annotations

import duckdb

from bqhouse import errors

# Where DuckLake keeps Parquet files (bqhouse.storage.lake): errors naming them are storage faults.
_DATA_FILES = "lake.ducklake.files"


class TableUnavailable(errors.BigQueryError):
    """A table whose data file is missing or damaged."""

    reason = "tableUnavailable"
    http_status = 400
    status = "FAILED_PRECONDITION"
    grpc_status = "FAILED_PRECONDITION"


class ServerFault(errors.BigQueryError):
    """An unexpected failure inside bqhouse: answered at once, never retried by clients."""

    reason = "notImplemented"
    http_status = 500
    status = "INTERNAL"
    grpc_status = "INTERNAL"


def _engine_error(exc: BaseException) -> duckdb.Error | None:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, duckdb.Error):
            return current
        current = current.__cause__ or current.__context__
    return None


def _storage_fault(exc: BaseException) -> bool:
    engine = _engine_error(exc)
    return engine is not None and (
        isinstance(engine, duckdb.IOException) or _DATA_FILES in str(engine)
    )


def classify(exc: BaseException) -> errors.BigQueryError:
    """The error a client should see for ``exc``: BigQuery errors pass through, except the
    retried ``internalError``, which becomes one of the non-retried faults above.

    >>> classify(errors.NotFound("Not found: Table p:d.t")).reason
    'notFound'
    >>> classify(KeyError("x")).reason
    'notImplemented'
    >>> classify(errors.BackendError("conflict")).reason
    'backendError'
    """
    storage = _storage_fault(exc)
    if (
        isinstance(exc, errors.BigQueryError)
        and type(exc) is not errors.InternalError
        and not (isinstance(exc, errors.InvalidQuery) and storage)
    ):
        return exc
    if storage:
        detail = str(_engine_error(exc) or exc).split("\n")[0]
        return TableUnavailable(f"Error while reading table data: {detail}")
    message = exc.message if isinstance(exc, errors.BigQueryError) else str(exc)
    return ServerFault(f"Internal error: {message or type(exc).__name__}")
