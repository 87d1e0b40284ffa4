"""The one error hierarchy: every error a user can see is a ``BigQueryError``.

Each subclass carries BigQuery's ``reason``, the HTTP status the REST API answers with and the gRPC
status the Storage API uses, so every entry point maps the same exception the same way.
See https://cloud.google.com/bigquery/docs/error-messages for the reasons and codes.
"""

from __future__ import annotations

from typing import Any


class BigQueryError(Exception):
    """Base of every user-visible error.

    >>> NotFound("Not found: Table p:d.t").http_status
    404
    """

    reason = "internalError"
    http_status = 500
    status = "INTERNAL"
    grpc_status = "INTERNAL"

    def __init__(
        self,
        message: str,
        *,
        location: str | None = None,
        details: list[dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        # Further ErrorProtos, e.g. one per bad row of a load: a job's ``status.errors[1:]``.
        self.details = details or []

    def error_proto(self) -> dict[str, Any]:
        """BigQuery's ErrorProto, as used in ``errors[]`` and in a job's ``errorResult``."""
        proto: dict[str, Any] = {"reason": self.reason, "message": self.message}
        if self.location:
            proto["location"] = self.location
        return proto


class InvalidQuery(BigQueryError, ValueError):
    reason = "invalidQuery"
    http_status = 400
    status = "INVALID_ARGUMENT"
    grpc_status = "INVALID_ARGUMENT"


class Invalid(BigQueryError, ValueError):
    reason = "invalid"
    http_status = 400
    status = "INVALID_ARGUMENT"
    grpc_status = "INVALID_ARGUMENT"


class BadRequest(Invalid):
    reason = "badRequest"


class NotFound(BigQueryError, LookupError):
    reason = "notFound"
    http_status = 404
    status = "NOT_FOUND"
    grpc_status = "NOT_FOUND"


class Duplicate(BigQueryError):
    reason = "duplicate"
    http_status = 409
    status = "ALREADY_EXISTS"
    grpc_status = "ALREADY_EXISTS"


class AccessDenied(BigQueryError, PermissionError):
    reason = "accessDenied"
    http_status = 403
    status = "PERMISSION_DENIED"
    grpc_status = "PERMISSION_DENIED"


class Unauthenticated(BigQueryError, PermissionError):
    """No valid credential (https://cloud.google.com/bigquery/docs/error-messages: 401)."""

    reason = "authError"
    http_status = 401
    status = "UNAUTHENTICATED"
    grpc_status = "UNAUTHENTICATED"
    # The credential travels in a header, so that is where BigQuery locates the error.
    location_type = "header"


class LoginRequired(Unauthenticated):
    """No credential at all."""

    reason = "required"


class Stopped(BigQueryError):
    """A job that was cancelled."""

    reason = "stopped"
    http_status = 400
    status = "CANCELLED"
    grpc_status = "CANCELLED"


class ResourcesExceeded(BigQueryError):
    """A query that does not fit the memory limit (``bqhouse serve --memory-limit``)."""

    reason = "resourcesExceeded"
    http_status = 400
    status = "RESOURCE_EXHAUSTED"
    grpc_status = "RESOURCE_EXHAUSTED"

    def __init__(self, message: str, *, location: str | None = None) -> None:
        # BigQuery's wording, then the engine's detail.
        detail = message.split("\n\n")[0]  # DuckDB appends tuning advice for its own users
        super().__init__(f"Resources exceeded during query execution: {detail}", location=location)


class InternalError(BigQueryError):
    reason = "internalError"
    http_status = 500
    status = "INTERNAL"
    grpc_status = "INTERNAL"


class BackendError(InternalError):
    reason = "backendError"


def error_body(exc: BigQueryError) -> dict[str, Any]:
    """The JSON body BigQuery answers an error with.

    >>> error_body(NotFound("Not found: Dataset p:d"))["error"]["status"]
    'NOT_FOUND'
    """
    item = {**exc.error_proto(), "domain": "global"}
    if exc.location:
        item["locationType"] = getattr(exc, "location_type", "other")
    return {
        "error": {
            "code": exc.http_status,
            "message": exc.message,
            "errors": [item],
            "status": exc.status,
        }
    }


def class_for_reason(reason: str) -> type[BigQueryError]:
    """The error class whose ``reason`` is ``reason`` (a job's errorResult back to an exception).

    >>> class_for_reason("notFound").__name__
    'NotFound'
    """
    pending: list[type[BigQueryError]] = [BigQueryError]
    while pending:
        klass = pending.pop(0)
        if klass.reason == reason and klass is not BigQueryError:
            return klass
        pending.extend(klass.__subclasses__())
    return InternalError
