"""bqhouse: a BigQuery-compatible data warehouse on DuckDB, local and durable.

>>> import bqhouse
>>> client = bqhouse.client()          # doctest: +SKIP
>>> client.query_and_wait("SELECT 1 AS x").to_dataframe()   # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from google.cloud.bigquery import Client

_servers: list[Any] = []


def client(
    data_dir: str | Path = "./bqhouse-data", *, project: str = "bqhouse", **client_kwargs: Any
) -> Client:
    """A ``google.cloud.bigquery.Client`` on an in-process bqhouse on a free loopback port.

    The server lives as long as the Python process. Needs ``google-cloud-bigquery`` installed.
    """
    from google.api_core.client_options import ClientOptions
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import bigquery

    from bqhouse.server import BackgroundServer
    from bqhouse.warehouse import Warehouse

    server = BackgroundServer(Warehouse(data_dir, project=project)).start()
    _servers.append(server)
    return bigquery.Client(
        project=project,
        credentials=AnonymousCredentials(),
        client_options=ClientOptions(api_endpoint=server.url),
        **client_kwargs,
    )


def load_ipython_extension(ipython: Any) -> None:
    """``%load_ext bqhouse`` in Jupyter/IPython: ``%%bigquery`` on an in-process bqhouse.

    See ``bqhouse.jupyter`` (``BQHOUSE_API`` uses a running server instead).
    """
    from bqhouse.jupyter import load_ipython_extension as load

    load(ipython)
