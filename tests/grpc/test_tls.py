"""``bqhouse serve --grpc-tls-cert/--grpc-tls-key``: the Storage API over TLS, with a self-signed
certificate made here, read through the official client on a ``grpc.secure_channel``."""

from __future__ import annotations

import datetime
import ipaddress
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from google.api_core.client_options import ClientOptions
from google.auth.credentials import AnonymousCredentials
from google.cloud import bigquery
from google.cloud.bigquery_storage_v1 import BigQueryReadClient, types
from google.cloud.bigquery_storage_v1.services.big_query_read.transports import (
    BigQueryReadGrpcTransport,
)

from bqhouse.server import free_port

x509 = pytest.importorskip("cryptography.x509")
hashes = pytest.importorskip("cryptography.hazmat.primitives.hashes")
serialization = pytest.importorskip("cryptography.hazmat.primitives.serialization")
ec = pytest.importorskip("cryptography.hazmat.primitives.asymmetric.ec")

HOST = "localhost"


def _self_signed(directory: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(x509.oid.NameOID.COMMON_NAME, HOST)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName(HOST), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


class TlsServer:
    def __init__(self, url: str, grpc_port: int, cert: bytes) -> None:
        self.url, self.grpc_port, self.cert = url, grpc_port, cert

    def channel(self, root: bytes | None = None) -> grpc.Channel:
        credentials = grpc.ssl_channel_credentials(root_certificates=root or self.cert)
        return grpc.secure_channel(
            f"127.0.0.1:{self.grpc_port}",
            credentials,
            options=[("grpc.ssl_target_name_override", HOST)],
        )


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TlsServer]:
    tmp = tmp_path_factory.mktemp("tls")
    cert, key = _self_signed(tmp)
    port, grpc_port = free_port(), free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "BQHOUSE_API": "", "BQHOUSE_DATA_DIR": ""}
    command = [
        *(sys.executable, "-m", "bqhouse", "serve", "--no-demo"),
        *("--port", str(port), "--grpc-port", str(grpc_port), "--data-dir", str(tmp / "data")),
        *("--grpc-tls-cert", str(cert), "--grpc-tls-key", str(key)),
    ]
    with (tmp / "serve.log").open("wb") as log:
        proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError((tmp / "serve.log").read_text())
            time.sleep(0.2)
        assert "gRPC, TLS" in (tmp / "serve.log").read_text()
        yield TlsServer(url, grpc_port, cert.read_bytes())
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _session(read: BigQueryReadClient, table: str) -> Any:
    return read.create_read_session(
        parent="projects/bqhouse",
        read_session=types.ReadSession(
            table=f"projects/bqhouse/datasets/tls/tables/{table}",
            data_format=types.DataFormat.ARROW,
        ),
        max_stream_count=1,
    )


def test_read_over_tls(tls_server: TlsServer) -> None:
    client = bigquery.Client(
        project="bqhouse",
        credentials=AnonymousCredentials(),
        client_options=ClientOptions(api_endpoint=tls_server.url),
    )
    client.create_dataset("tls")
    client.query("CREATE TABLE tls.t AS SELECT n FROM UNNEST(GENERATE_ARRAY(1, 100)) AS n").result()
    channel = tls_server.channel()
    read = BigQueryReadClient(transport=BigQueryReadGrpcTransport(channel=channel))
    session = _session(read, "t")
    table = read.read_rows(session.streams[0].name).to_arrow(session)
    assert sorted(table.column("n").to_pylist()) == list(range(1, 101))
    channel.close()


def test_plaintext_client_cannot_talk_to_tls_port(tls_server: TlsServer) -> None:
    channel = grpc.insecure_channel(f"127.0.0.1:{tls_server.grpc_port}")
    read = BigQueryReadClient(transport=BigQueryReadGrpcTransport(channel=channel))
    with pytest.raises(Exception, match="(?i)unavailable|connect|closed|reset|eof|handshake"):
        read.create_read_session(
            parent="projects/bqhouse",
            read_session=types.ReadSession(table="projects/bqhouse/datasets/tls/tables/t"),
            max_stream_count=1,
            timeout=10,
            retry=None,
        )
    channel.close()


def test_tls_needs_both_cert_and_key(tmp_path: Path) -> None:
    cert, _ = _self_signed(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "bqhouse", "serve", "--grpc-tls-cert", str(cert)],
        capture_output=True,
        text=True,
        env={**os.environ, "BQHOUSE_DATA_DIR": str(tmp_path / "data")},
        timeout=120,
    )
    assert proc.returncode != 0
    assert "--grpc-tls-cert and --grpc-tls-key go together" in proc.stderr
