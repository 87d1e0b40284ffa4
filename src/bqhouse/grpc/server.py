"""Bind BigQueryRead and BigQueryWrite on one gRPC server.

Handlers are registered with ``grpc.method_handlers_generic_handler`` and the protobuf classes that
``google-cloud-bigquery-storage`` ships (no generated stubs needed, no hand-written encoders).
A ``BigQueryError`` becomes the gRPC status it names; anything else is INTERNAL, logged.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterator
from concurrent import futures
from typing import Any

import grpc
from google.cloud.bigquery_storage_v1 import types

from bqhouse import errors
from bqhouse.grpc.read import ReadService
from bqhouse.grpc.write import WriteService
from bqhouse.warehouse import Warehouse

_log = logging.getLogger(__name__)

READ_SERVICE = "google.cloud.bigquery.storage.v1.BigQueryRead"
WRITE_SERVICE = "google.cloud.bigquery.storage.v1.BigQueryWrite"
_OPTIONS = [
    ("grpc.max_receive_message_length", 256 * 1024 * 1024),
    ("grpc.max_send_message_length", 256 * 1024 * 1024),
    ("grpc.so_reuseport", 0),
]

Handler = Callable[..., Any]


def _abort(context: grpc.ServicerContext, exc: BaseException) -> None:
    if isinstance(exc, errors.BigQueryError):
        context.abort(getattr(grpc.StatusCode, exc.grpc_status), exc.message)
    _log.error("Storage API call failed", exc_info=exc)
    context.abort(grpc.StatusCode.INTERNAL, f"Internal error: {exc}")


def _unary(fn: Handler) -> Handler:
    @functools.wraps(fn)
    def call(request: Any, context: grpc.ServicerContext) -> Any:
        try:
            return fn(request, context)
        except Exception as exc:
            _abort(context, exc)

    return call


def _streaming(fn: Handler) -> Handler:
    @functools.wraps(fn)
    def call(request: Any, context: grpc.ServicerContext) -> Iterator[Any]:
        try:
            yield from fn(request, context)
        except grpc.RpcError:
            return  # the client went away (reading a request stream it cancelled)
        except Exception as exc:
            _abort(context, exc)

    return call


def _as_is(response: bytes) -> bytes:
    return response


def _method(
    kind: Callable[..., grpc.RpcMethodHandler], fn: Handler, request: Any, response: Any
) -> grpc.RpcMethodHandler:
    """``response`` None: the handler yields serialized responses (ReadRows, see ``wire``)."""
    wrap = _unary if kind is grpc.unary_unary_rpc_method_handler else _streaming
    return kind(
        wrap(fn),
        request_deserializer=request.pb().FromString,
        response_serializer=_as_is if response is None else response.pb().SerializeToString,
    )


def _handlers(read: ReadService, write: WriteService) -> list[grpc.GenericRpcHandler]:
    unary, stream = grpc.unary_unary_rpc_method_handler, grpc.unary_stream_rpc_method_handler
    bidi = grpc.stream_stream_rpc_method_handler
    read_methods = {
        "CreateReadSession": _method(
            unary, read.create_read_session, types.CreateReadSessionRequest, types.ReadSession
        ),
        "ReadRows": _method(stream, read.read_rows, types.ReadRowsRequest, None),
        "SplitReadStream": _method(
            unary,
            read.split_read_stream,
            types.SplitReadStreamRequest,
            types.SplitReadStreamResponse,
        ),
    }
    write_methods = {
        "CreateWriteStream": _method(
            unary, write.create_write_stream, types.CreateWriteStreamRequest, types.WriteStream
        ),
        "AppendRows": _method(
            bidi, write.append_rows, types.AppendRowsRequest, types.AppendRowsResponse
        ),
        "GetWriteStream": _method(
            unary, write.get_write_stream, types.GetWriteStreamRequest, types.WriteStream
        ),
        "FinalizeWriteStream": _method(
            unary,
            write.finalize_write_stream,
            types.FinalizeWriteStreamRequest,
            types.FinalizeWriteStreamResponse,
        ),
        "BatchCommitWriteStreams": _method(
            unary,
            write.batch_commit_write_streams,
            types.BatchCommitWriteStreamsRequest,
            types.BatchCommitWriteStreamsResponse,
        ),
        "FlushRows": _method(
            unary, write.flush_rows, types.FlushRowsRequest, types.FlushRowsResponse
        ),
    }
    return [
        grpc.method_handlers_generic_handler(READ_SERVICE, read_methods),
        grpc.method_handlers_generic_handler(WRITE_SERVICE, write_methods),
    ]


def start_grpc(
    warehouse: Warehouse,
    host: str = "127.0.0.1",
    port: int = 9060,
    *,
    workers: int = 32,
    tls: tuple[bytes, bytes] | None = None,
) -> tuple[grpc.Server, int]:
    """Start the Storage API server; returns it and the bound port (``port=0``: a free one).

    ``tls`` is (certificate chain PEM, private key PEM): the port then speaks TLS only.

    >>> import tempfile
    >>> server, port = start_grpc(Warehouse(tempfile.mkdtemp()), port=0)
    >>> port > 0
    True
    >>> server.stop(None).wait()
    True
    """
    # With auth on (bqhouse.auth), every call is authenticated and its table permission checked.
    interceptors = [] if warehouse.auth is None else [warehouse.auth.grpc_interceptor()]
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=workers),
        options=_OPTIONS,
        interceptors=interceptors,
    )
    server.add_generic_rpc_handlers(_handlers(ReadService(warehouse), WriteService(warehouse)))
    address = f"{host}:{port}"
    if tls is None:
        bound = server.add_insecure_port(address)
    else:
        chain, key = tls
        bound = server.add_secure_port(address, grpc.ssl_server_credentials([(key, chain)]))
    if not bound:
        raise RuntimeError(f"could not bind the gRPC server to {host}:{port}")
    server.start()
    return server, bound
