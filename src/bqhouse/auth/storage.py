"""Auth on the Storage API: a gRPC interceptor that authenticates every call and checks the
table permission a method needs (reads: ``bigquery.tables.getData``; writes:
``bigquery.tables.updateData``), answering UNAUTHENTICATED or PERMISSION_DENIED."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import grpc

from bqhouse import errors
from bqhouse.auth import tokens
from bqhouse.auth.permissions import READ_DATA, WRITE_DATA
from bqhouse.auth.policy import log_refused
from bqhouse.grpc import job_stream

if TYPE_CHECKING:
    from bqhouse.auth.service import Auth

_TABLE = re.compile(r"^projects/([^/]+)/datasets/([^/]+)/tables/([^/]+)")
# Storage method -> (the request field naming the table, the permission). None: a stream of a
# session whose creation was checked; its unguessable name is the capability (a job's
# ``_default`` stream is checked as getQueryResults instead: see StorageAuthInterceptor._check).
_CHECKS: dict[str, tuple[Callable[[Any], str], str] | None] = {
    "CreateReadSession": (lambda r: r.read_session.table, READ_DATA),
    "ReadRows": None,
    "SplitReadStream": None,
    "CreateWriteStream": (lambda r: r.parent, WRITE_DATA),
    "AppendRows": (lambda r: r.write_stream, WRITE_DATA),
    "GetWriteStream": (lambda r: r.name, WRITE_DATA),
    "FinalizeWriteStream": (lambda r: r.name, WRITE_DATA),
    "FlushRows": (lambda r: r.write_stream, WRITE_DATA),
    "BatchCommitWriteStreams": (lambda r: r.parent, WRITE_DATA),
}


def _abort(context: grpc.ServicerContext, exc: errors.BigQueryError) -> None:
    context.abort(getattr(grpc.StatusCode, exc.grpc_status), exc.message)


class StorageAuthInterceptor(grpc.ServerInterceptor):
    """Wraps each Storage handler with the caller's authentication and table check."""

    def __init__(self, auth: Auth) -> None:
        self.auth = auth

    def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], grpc.RpcMethodHandler | None],
        details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler | None:
        handler = continuation(details)
        if handler is None:
            return None
        method = str(details.method).rsplit("/", 1)[-1]
        metadata = {k: v for k, v in details.invocation_metadata or () if isinstance(v, str)}
        return _wrap(handler, lambda request: self._check(method, metadata, request))

    def _check(self, method: str, metadata: dict[str, str], request: Any) -> None:
        scheme, _, bearer = metadata.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not bearer:
            log_refused("(anonymous)", f"storage.{method}", "no bearer token")
            raise errors.Unauthenticated("Request is missing required authentication credential.")
        try:
            identity = tokens.authenticate(self.auth.store, bearer.strip())
        except tokens.TokenError as exc:
            log_refused("(invalid token)", f"storage.{method}", str(exc))
            raise errors.Unauthenticated("Request had invalid authentication credentials.") from exc
        if method == "ReadRows" and (job := job_stream.parse(request.read_stream)) is not None:
            project, _, job_id = job  # a job's stream: its name is guessable, its owner reads it
            self.auth.authorizer.require_job_results(identity, project, job_id)
            return
        check = _CHECKS.get(method, (lambda r: "", "bigquery.admin.unmappedMethod"))
        if check is None:
            return
        field, permission = check
        match = _TABLE.match(field(request))
        project, dataset, table = match.groups() if match else (self.auth.project, "", "")
        self.auth.authorizer.require(
            identity, f"storage.{method}", permission, project, dataset or None, table or None
        )


def _wrap(handler: grpc.RpcMethodHandler, check: Callable[[Any], None]) -> grpc.RpcMethodHandler:
    def checked(request: Any, context: grpc.ServicerContext) -> bool:
        try:
            check(request)
        except errors.BigQueryError as exc:
            _abort(context, exc)
            return False
        return True

    def unary(request: Any, context: grpc.ServicerContext) -> Any:
        checked(request, context)
        return handler.unary_unary(request, context)

    def server_stream(request: Any, context: grpc.ServicerContext) -> Iterator[Any]:
        checked(request, context)
        yield from handler.unary_stream(request, context)

    def bidi(requests: Iterator[Any], context: grpc.ServicerContext) -> Iterator[Any]:
        first = next(requests, None)
        if first is None:
            return
        checked(first, context)

        def replay() -> Iterator[Any]:
            yield first
            yield from requests

        yield from handler.stream_stream(replay(), context)

    kinds = {
        "unary_unary": (grpc.unary_unary_rpc_method_handler, unary),
        "unary_stream": (grpc.unary_stream_rpc_method_handler, server_stream),
        "stream_stream": (grpc.stream_stream_rpc_method_handler, bidi),
    }
    for attribute, (make, behaviour) in kinds.items():
        if getattr(handler, attribute) is not None:
            return make(
                behaviour,
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
    return handler
