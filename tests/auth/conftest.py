"""One auth-on server for tests/auth: service accounts with key files, datasets, a view."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from auth_env import ACCOUNTS, PROJECT, AuthEnv, seed

from bqhouse.auth import IamStore, enable_auth, service_account_email
from bqhouse.server import BackgroundServer
from bqhouse.warehouse import Warehouse


@pytest.fixture(scope="session")
def auth_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AuthEnv]:
    data_dir = tmp_path_factory.mktemp("auth-data")
    keys_dir = tmp_path_factory.mktemp("auth-keys")
    store = IamStore(data_dir)
    for name in ACCOUNTS:
        store.create_service_account(name, PROJECT)
    project = f"projects/{PROJECT}"
    store.grant(
        project, "roles/bigquery.admin", f"serviceAccount:{service_account_email('admin', PROJECT)}"
    )
    for name in ("reader", "writer", "viewer", "outsider", "workload"):
        store.grant(
            project,
            "roles/bigquery.jobUser",
            f"serviceAccount:{service_account_email(name, PROJECT)}",
        )
    warehouse = Warehouse(data_dir, project=PROJECT)
    enable_auth(warehouse, metadata_service_account="workload")
    server = BackgroundServer(warehouse, grpc_port=0).start()
    key_files = {}
    for name in ACCOUNTS:
        info = store.create_key(
            service_account_email(name, PROJECT), PROJECT, server.url + "/token"
        )
        key_files[name] = keys_dir / f"{name}.json"
        key_files[name].write_text(json.dumps(info))
    env = AuthEnv(server, store, data_dir, key_files)
    seed(env)
    yield env
    server.stop()
    warehouse.close()
