"""Fixtures of the console tests: one headless Chromium for the whole session (Debian's chromium,
driven by Playwright; the browser tests skip without them) and an auth-on server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from console_env import AUTH_PROJECT, CHROMIUM, HAS_PLAYWRIGHT, AuthServer

from bqhouse.server import BackgroundServer
from bqhouse.warehouse import Warehouse


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless Chromium shared by the browser tests (each opens its own pages)."""
    if not (CHROMIUM and HAS_PLAYWRIGHT):
        pytest.skip("needs Debian chromium + playwright")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            yield launched
        finally:
            launched.close()


def _access_token(key_file: dict[str, Any]) -> str:
    """What ``google-auth`` gets for a key file from bqhouse's ``/token`` (JWT-bearer grant)."""
    import google.auth.transport.requests
    from google.oauth2 import service_account

    scopes = ["https://www.googleapis.com/auth/bigquery"]
    credentials = service_account.Credentials.from_service_account_info(key_file, scopes=scopes)
    credentials.refresh(google.auth.transport.requests.Request())
    token: str = credentials.token
    return token


@pytest.fixture(scope="session")
def auth_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AuthServer]:
    from bqhouse.auth import IamStore, enable_auth, service_account_email

    data_dir: Path = tmp_path_factory.mktemp("console-auth")
    store = IamStore(data_dir)
    roles = {"admin": "roles/bigquery.admin", "analyst": "roles/bigquery.jobUser"}
    for name, role in roles.items():
        store.create_service_account(name, AUTH_PROJECT)
        member = f"serviceAccount:{service_account_email(name, AUTH_PROJECT)}"
        store.grant(f"projects/{AUTH_PROJECT}", role, member)
    warehouse = Warehouse(data_dir, project=AUTH_PROJECT)
    enable_auth(warehouse)
    server = BackgroundServer(warehouse).start()
    key_files = {
        name: store.create_key(
            service_account_email(name, AUTH_PROJECT), AUTH_PROJECT, server.url + "/token"
        )
        for name in roles
    }
    tokens = {name: _access_token(info) for name, info in key_files.items()}
    yield AuthServer(server, key_files, tokens)
    server.stop()
    warehouse.close()
