"""Authentication with the real google-auth: key files, the metadata server, and 401s."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import httpx
import pytest
from auth_env import PROJECT, SCOPES, AuthEnv
from click.testing import CliRunner
from google.api_core import exceptions
from google.auth import credentials, jwt
from google.auth import exceptions as auth_exceptions
from google.auth.credentials import AnonymousCredentials
from google.oauth2 import service_account

from bqhouse.auth import tokens
from bqhouse.auth.keys import key_file, new_key_pair
from bqhouse.cli import cli


class NoCredentials(AnonymousCredentials):
    """Sends no Authorization header and does not give up on a 401 (AnonymousCredentials does)."""

    def refresh(self, request: object) -> None:
        pass


class FixedToken(credentials.Credentials):
    """Always sends ``token``: a 401 then reaches the caller as ``Unauthorized``."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def refresh(self, request: object) -> None:
        pass


def test_key_file_flow_end_to_end(auth_env: AuthEnv) -> None:
    client = auth_env.client("reader")
    rows = client.query("SELECT id FROM sales.orders ORDER BY id").result()
    assert [r.id for r in rows] == [1, 2]
    assert client._credentials.token.startswith("bqh1.")


def test_no_token_is_401_with_bigquerys_body(auth_env: AuthEnv) -> None:
    client = auth_env.client(credentials=NoCredentials())
    with pytest.raises(exceptions.Unauthorized) as info:
        client.get_dataset("sales")
    assert info.value.errors[0]["reason"] == "required"
    raw = httpx.get(f"{auth_env.url}/bigquery/v2/projects/{PROJECT}/datasets")
    assert raw.status_code == 401
    assert raw.json()["error"]["status"] == "UNAUTHENTICATED"
    assert raw.json()["error"]["errors"][0]["locationType"] == "header"
    assert "Bearer" in raw.headers["www-authenticate"]
    assert httpx.get(f"{auth_env.url}/healthz").status_code == 200


def test_expired_token_is_401(auth_env: AuthEnv) -> None:
    key_id = auth_env.store.keys(auth_env.email("admin"))[0].key_id
    expired = tokens.issue(
        auth_env.store, tokens.Identity(auth_env.email("admin"), key_id), lifetime=-60
    )
    client = auth_env.client(credentials=FixedToken(expired))
    with pytest.raises(exceptions.Unauthorized) as info:
        client.get_dataset("sales")
    assert info.value.errors[0]["reason"] == "authError"


def test_tampered_token_is_401(auth_env: AuthEnv) -> None:
    key_id = auth_env.store.keys(auth_env.email("reader"))[0].key_id
    token = tokens.issue(auth_env.store, tokens.Identity(auth_env.email("reader"), key_id))
    head, claims, mac = token.split(".")
    forged = tokens._b64encode(
        json.dumps({"sub": auth_env.email("admin"), "kid": key_id, "iat": 0, "exp": 2**40}).encode()
    )
    client = auth_env.client(credentials=FixedToken(f"{head}.{forged}.{mac}"))
    with pytest.raises(exceptions.Unauthorized):
        client.get_dataset("sales")


def _unknown_key_info() -> dict[str, str]:
    private, _ = new_key_pair()
    return key_file(
        f"admin@{PROJECT}.iam.gserviceaccount.com", PROJECT, "f" * 40, private, "unused"
    )


def test_token_signed_by_unknown_key_is_refused(auth_env: AuthEnv) -> None:
    info = {**_unknown_key_info(), "token_uri": auth_env.url + "/token"}
    # The JWT-bearer grant refuses the assertion...
    grant = service_account.Credentials.from_service_account_info(info, scopes=SCOPES)
    with pytest.raises(auth_exceptions.RefreshError, match="invalid_grant"):
        auth_env.client(credentials=grant).get_dataset("sales")
    # ...and a self-signed JWT used directly as the bearer token is a 401.
    self_signed = jwt.Credentials.from_service_account_info(
        info, audience="https://bigquery.googleapis.com/"
    )
    with pytest.raises(exceptions.Unauthorized):
        auth_env.client(credentials=self_signed).get_dataset("sales")


def test_self_signed_jwt_of_a_known_key_works(auth_env: AuthEnv) -> None:
    info = json.loads(auth_env.key_files["reader"].read_text())
    self_signed = jwt.Credentials.from_service_account_info(
        info, audience="https://bigquery.googleapis.com/"
    )
    assert auth_env.client(credentials=self_signed).get_dataset("sales").dataset_id == "sales"


def test_assertion_for_another_audience_is_refused(auth_env: AuthEnv) -> None:
    info = json.loads(auth_env.key_files["reader"].read_text())
    signer = service_account.Credentials.from_service_account_info(info).signer
    now = int(time.time())
    claims = {"iss": info["client_email"], "aud": "https://example.com/token"}
    assertion = jwt.encode(signer, {**claims, "iat": now, "exp": now + 600}).decode()
    grant = {"grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer", "assertion": assertion}
    answer = httpx.post(auth_env.url + "/token", data=grant)
    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_grant"
    assert "audience" in answer.json()["error_description"]


_METADATA_SCRIPT = textwrap.dedent(
    """
    import google.auth
    from google.api_core.client_options import ClientOptions
    from google.cloud import bigquery

    credentials, project = google.auth.default(scopes=["https://www.googleapis.com/auth/bigquery"])
    client = bigquery.Client(
        project=project, credentials=credentials,
        client_options=ClientOptions(api_endpoint="{url}"),
    )
    rows = list(client.query("SELECT 40 + 2 AS answer").result())
    print(type(credentials).__module__, project, credentials.service_account_email, rows[0].answer)
    """
)


def test_metadata_flow_end_to_end(auth_env: AuthEnv, tmp_path: Path) -> None:
    host = auth_env.url.removeprefix("http://")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("GOOGLE_APPLICATION_CREDENTIALS", "GOOGLE_CLOUD_PROJECT")
    }
    # google.auth reads GCE_METADATA_HOST at import: a fresh interpreter, no gcloud config.
    env.update(GCE_METADATA_HOST=host, GCE_METADATA_IP=host, CLOUDSDK_CONFIG=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", _METADATA_SCRIPT.format(url=auth_env.url)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [
        "google.auth.compute_engine.credentials",
        PROJECT,
        auth_env.email("workload"),
        "42",
    ]


def test_metadata_server_wants_the_flavor_header(auth_env: AuthEnv) -> None:
    path = "/computeMetadata/v1/instance/service-accounts/default/token"
    assert httpx.get(auth_env.url + path).status_code == 403
    answer = httpx.get(auth_env.url + path, headers={"Metadata-Flavor": "Google"})
    assert answer.headers["metadata-flavor"] == "Google"
    assert answer.json()["token_type"] == "Bearer"


def test_cli_keys_lifecycle_and_disabled_key(auth_env: AuthEnv, tmp_path: Path) -> None:
    runner = CliRunner()
    base = ["--data-dir", str(auth_env.data_dir), "--project", PROJECT]
    out = runner.invoke(cli, ["iam", "create-service-account", "cli-sa", *base])
    assert out.exit_code == 0, out.output
    key_path = tmp_path / "key.json"
    out = runner.invoke(
        cli,
        ["iam", "keys", "create", "cli-sa", "--output", str(key_path), *base]
        + ["--server-url", auth_env.url],
    )
    assert out.exit_code == 0, out.output
    info = json.loads(key_path.read_text())
    assert info["type"] == "service_account" and info["token_uri"] == auth_env.url + "/token"
    assert key_path.stat().st_mode & 0o077 == 0
    member = f"serviceAccount:{info['client_email']}"
    out = runner.invoke(
        cli, ["iam", "grant", "--role", "roles/bigquery.admin", "--member", member, *base]
    )
    assert out.exit_code == 0, out.output
    creds = service_account.Credentials.from_service_account_file(str(key_path), scopes=SCOPES)
    assert auth_env.client(credentials=creds).get_dataset("sales").dataset_id == "sales"
    listed = runner.invoke(cli, ["iam", "keys", "list", "cli-sa", *base]).output
    assert info["private_key_id"] in listed and "ENABLED" in listed
    assert "PRIVATE" not in (auth_env.data_dir / "auth.sqlite").read_bytes().decode("latin-1")
    out = runner.invoke(cli, ["iam", "keys", "disable", "cli-sa", info["private_key_id"], *base])
    assert out.exit_code == 0, out.output
    # The token obtained with the key stops working with it, and no new one is issued.
    with pytest.raises(auth_exceptions.RefreshError, match="invalid_grant"):
        auth_env.client(credentials=creds).get_dataset("sales")
    out = runner.invoke(cli, ["iam", "keys", "delete", "cli-sa", info["private_key_id"], *base])
    assert out.exit_code == 0, out.output
    assert (
        info["private_key_id"]
        not in runner.invoke(cli, ["iam", "keys", "list", "cli-sa", *base]).output
    )
