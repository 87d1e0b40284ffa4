"""Notebooks on bqhouse: ``%load_ext bqhouse`` points the official ``%%bigquery`` magic at it.

The extension starts an in-process bqhouse on a free loopback port (data in ``BQHOUSE_DATA_DIR``,
default ``./bqhouse-data``; the demo dataset is loaded into an empty directory, as ``bqhouse
serve`` does), or uses a running server when ``BQHOUSE_API`` names its endpoint. Then it sets
``bigquery_magics.context`` (project, anonymous credentials, ``bigquery_client_options``) so that
``%%bigquery df`` runs on bqhouse and returns a DataFrame with db-dtypes and nullable integers.

``pandas-gbq`` has no endpoint setting: without the extension, pass a client to each call
(``pandas_gbq.read_gbq(sql, bigquery_client=bqhouse.jupyter.client())``). That is not enough
for ``to_gbq`` into a table that does not exist yet (pandas-gbq 0.35 creates it with a client of
its own), so the extension also sets ``pandas_gbq.context`` and has pandas-gbq build its clients
on bqhouse: after ``%load_ext bqhouse``, ``read_gbq(sql)`` and ``to_gbq(df, "ds.t")`` just work.

>>> %load_ext bqhouse                                   # doctest: +SKIP
>>> %%bigquery df                                       # doctest: +SKIP
... SELECT tags, COUNT(*) AS n FROM demo.posts_questions GROUP BY tags
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from google.cloud.bigquery import Client

DEFAULT_DATA_DIR = "./bqhouse-data"
DEFAULT_PROJECT = "bqhouse"


@dataclass
class Endpoint:
    """Where the notebook's bqhouse answers: REST ``url`` and, in-process, the gRPC address."""

    url: str
    project: str
    grpc_address: str | None = None
    server: Any = None


_endpoint: Endpoint | None = None


def endpoint() -> Endpoint:
    """The notebook's bqhouse, started on first use unless ``BQHOUSE_API`` names one.

    >>> endpoint().url                                  # doctest: +SKIP
    'http://127.0.0.1:41235'
    """
    global _endpoint
    if _endpoint is None:
        project = os.environ.get("BQHOUSE_PROJECT") or DEFAULT_PROJECT
        api = os.environ.get("BQHOUSE_API")
        _endpoint = Endpoint(api.rstrip("/"), project) if api else _start(project)
    return _endpoint


def _start(project: str) -> Endpoint:
    from bqhouse.demo import is_empty, load_demo
    from bqhouse.server import BackgroundServer
    from bqhouse.warehouse import Warehouse

    data_dir = os.environ.get("BQHOUSE_DATA_DIR") or DEFAULT_DATA_DIR
    fresh = is_empty(data_dir)
    warehouse = Warehouse(data_dir, project=project)
    if fresh:
        load_demo(warehouse)
    server = BackgroundServer(warehouse, grpc_port=0).start()
    return Endpoint(server.url, project, server.grpc_address, server)


def client() -> Client:
    """A ``google.cloud.bigquery.Client`` on the notebook's bqhouse (for pandas-gbq, loads).

    >>> pandas_gbq.read_gbq("SELECT 1 AS x", bigquery_client=client())   # doctest: +SKIP
    """
    from google.api_core.client_options import ClientOptions
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import bigquery

    where = endpoint()
    return bigquery.Client(
        project=where.project,
        credentials=AnonymousCredentials(),
        client_options=ClientOptions(api_endpoint=where.url),
    )


def read_client() -> Any:
    """A Storage API ``BigQueryReadClient`` on the in-process server's plaintext gRPC port, or
    None (then results come through REST ``getQueryResults`` pages)."""
    address = endpoint().grpc_address
    if address is None:
        return None
    import grpc
    from google.cloud.bigquery_storage_v1 import BigQueryReadClient
    from google.cloud.bigquery_storage_v1.services.big_query_read.transports import (
        BigQueryReadGrpcTransport,
    )

    channel = grpc.insecure_channel(address)
    return BigQueryReadClient(transport=BigQueryReadGrpcTransport(channel=channel))


def configure_magics() -> None:
    """Point ``bigquery_magics.context`` at the notebook's bqhouse."""
    import bigquery_magics
    import bigquery_magics.bigquery as cell_magic
    from google.api_core.client_options import ClientOptions
    from google.auth.credentials import AnonymousCredentials

    where = endpoint()
    bigquery_magics.context.project = where.project
    bigquery_magics.context.credentials = AnonymousCredentials()
    bigquery_magics.context.bigquery_client_options = ClientOptions(api_endpoint=where.url)
    # The magic builds its Storage API client with TLS from the client options; bqhouse's gRPC
    # port is plaintext, so hand it one on an insecure channel (or None, for REST paging).
    cell_magic._make_bqstorage_client = lambda _client, _options: read_client()


def configure_pandas_gbq() -> None:
    """Point ``pandas_gbq.read_gbq``/``to_gbq`` at the notebook's bqhouse (when installed)."""
    try:
        import pandas_gbq
        import pandas_gbq.gbq_connector as connector
    except ImportError:
        return
    from google.auth.credentials import AnonymousCredentials

    pandas_gbq.context.project = endpoint().project
    pandas_gbq.context.credentials = AnonymousCredentials()
    # Every pandas-gbq connector (those to_gbq makes for a new table too) gets its client here.
    connector._get_client = lambda *_args: client()


def load_ipython_extension(ipython: Any) -> None:
    """``%load_ext bqhouse``: register ``%%bigquery`` and aim it and pandas-gbq at bqhouse."""
    import bigquery_magics

    configure_magics()
    configure_pandas_gbq()
    bigquery_magics.load_ipython_extension(ipython)
    print(f"bqhouse: %%bigquery runs on {endpoint().url} (project {endpoint().project})")
