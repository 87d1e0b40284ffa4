"""The pytest plugin (entry point ``pytest11``): BigQuery fixtures backed by bqhouse.

Fixtures, named as other BigQuery emulators name them:

- ``bigquery_emulator``: the session's in-process server (``.url``, ``.grpc_address``,
  ``.project``); its Storage API (gRPC) starts the first time ``.grpc_address`` is read;
- ``bigquery_client``: a ``google.cloud.bigquery.Client`` pointed at it;
- ``bigquery_dataset``: a fresh dataset per test, dropped with its contents afterwards;
- ``bigquery_read_client`` / ``bigquery_write_client``: Storage API clients
  (``google-cloud-bigquery-storage``) on the emulator's gRPC port.

The data directory is a temporary one per session unless ``BQHOUSE_TEST_DATA_DIR`` is set.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from google.cloud import bigquery

    from bqhouse.server import BackgroundServer

PROJECT = "test-project"


class Emulator:
    """Where the session's bqhouse answers."""

    def __init__(
        self, url: str, grpc_address: str | None, project: str, server: BackgroundServer
    ) -> None:
        self.url = url
        self.project = project
        self.server = server
        self._grpc_address = grpc_address

    @property
    def grpc_address(self) -> str:
        """``host:port`` of the Storage API, started on first use (most suites never use it)."""
        return self._grpc_address or self.server.start_grpc()

    def client(self, **kwargs: Any) -> bigquery.Client:
        """A new client on this emulator (AnonymousCredentials, no network)."""
        from google.api_core.client_options import ClientOptions
        from google.auth.credentials import AnonymousCredentials
        from google.cloud import bigquery

        return bigquery.Client(
            project=self.project,
            credentials=AnonymousCredentials(),
            client_options=ClientOptions(api_endpoint=self.url),
            **kwargs,
        )


@pytest.fixture(scope="session")
def bigquery_emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Emulator]:
    from bqhouse.server import BackgroundServer
    from bqhouse.warehouse import Warehouse

    data_dir = os.environ.get("BQHOUSE_TEST_DATA_DIR") or tmp_path_factory.mktemp("bqhouse-data")
    server = BackgroundServer(Warehouse(data_dir, project=PROJECT)).start()
    yield Emulator(url=server.url, grpc_address=None, project=PROJECT, server=server)
    server.stop()
    server.warehouse.close()


@pytest.fixture(scope="session")
def bigquery_client(bigquery_emulator: Emulator) -> bigquery.Client:
    return bigquery_emulator.client()


@pytest.fixture
def bigquery_dataset(bigquery_client: bigquery.Client) -> Iterator[bigquery.Dataset]:
    dataset = bigquery_client.create_dataset(f"test_{uuid.uuid4().hex[:12]}")
    yield dataset
    bigquery_client.delete_dataset(dataset, delete_contents=True, not_found_ok=True)


@pytest.fixture(scope="session")
def bigquery_read_client(bigquery_emulator: Emulator) -> Iterator[Any]:
    """A ``BigQueryReadClient`` on the emulator's gRPC port (plaintext loopback)."""
    import grpc
    from google.cloud.bigquery_storage_v1 import BigQueryReadClient
    from google.cloud.bigquery_storage_v1.services.big_query_read.transports import (
        BigQueryReadGrpcTransport,
    )

    channel = grpc.insecure_channel(bigquery_emulator.grpc_address)
    yield BigQueryReadClient(transport=BigQueryReadGrpcTransport(channel=channel))
    channel.close()


@pytest.fixture(scope="session")
def bigquery_write_client(bigquery_emulator: Emulator) -> Iterator[Any]:
    """A ``BigQueryWriteClient`` on the emulator's gRPC port (plaintext loopback)."""
    import grpc
    from google.cloud.bigquery_storage_v1 import BigQueryWriteClient
    from google.cloud.bigquery_storage_v1.services.big_query_write.transports import (
        BigQueryWriteGrpcTransport,
    )

    channel = grpc.insecure_channel(bigquery_emulator.grpc_address)
    yield BigQueryWriteClient(transport=BigQueryWriteGrpcTransport(channel=channel))
    channel.close()


def proto_message(file: Any, full_name: str) -> tuple[Any, Any]:
    """A client's message class for ``full_name`` in the ``FileDescriptorProto`` ``file``, and the
    ``DescriptorProto`` an AppendRows ``ProtoSchema`` carries for it (self-contained only when the
    message has no nested types outside itself, as BigQuery requires)."""
    from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

    pool = descriptor_pool.DescriptorPool()
    pool.Add(file)
    klass = message_factory.GetMessageClass(pool.FindMessageTypeByName(full_name))
    proto = descriptor_pb2.DescriptorProto()
    klass.DESCRIPTOR.CopyToProto(proto)
    return klass, proto
