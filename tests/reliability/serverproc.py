"""A real ``bqhouse serve`` subprocess that tests can SIGKILL and restart on the same data dir."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from google.api_core.client_options import ClientOptions
from google.auth.credentials import AnonymousCredentials
from google.cloud import bigquery
from google.protobuf import descriptor_pb2

from bqhouse.server import free_port
from bqhouse.testing import proto_message

PROJECT = "rel"


class ServerProcess:
    """``python -m bqhouse serve`` on a free port; ``kill()`` is SIGKILL, ``start()`` restarts."""

    def __init__(
        self,
        data_dir: Path,
        log_path: Path,
        *extra: str,
        grpc: bool = False,
        env: dict[str, str] | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.log_path = log_path
        self.extra = list(extra)
        self.grpc = grpc
        self.env = env or {}
        self.proc: subprocess.Popen[bytes] | None = None
        self.port = 0
        self.grpc_port = -1
        self.starts = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ServerProcess:
        self.port = free_port()
        self.grpc_port = free_port() if self.grpc else -1
        env = {**os.environ, "BQHOUSE_API": "", "BQHOUSE_DATA_DIR": "", **self.env}
        command = [
            sys.executable,
            "-m",
            "bqhouse",
            "serve",
            "--port",
            str(self.port),
            "--grpc-port",
            str(self.grpc_port),
            "--no-demo",
            "--project",
            PROJECT,
            "--data-dir",
            str(self.data_dir),
            *self.extra,
        ]
        with self.log_path.open("ab") as log:
            self.proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
        self.starts += 1
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(self.log_path.read_text()[-5000:])
            time.sleep(0.1)

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def kill(self) -> None:
        """SIGKILL: no shutdown hook, no flush, nothing graceful."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()

    def client(self, **kwargs: object) -> bigquery.Client:
        return bigquery.Client(
            project=PROJECT,
            credentials=AnonymousCredentials(),
            client_options=ClientOptions(api_endpoint=self.url),
            **kwargs,  # type: ignore[arg-type]
        )

    def scalar(self, sql: str) -> object:
        rows = list(self.client().query_and_wait(sql))
        return rows[0][0]


def crash_during(server: ServerProcess, work: Callable[[], Any], delay: float) -> bool:
    """Run ``work`` on a thread, SIGKILL the server after ``delay`` s; True if work finished."""
    done = threading.Event()

    def run() -> None:
        try:
            work()
            done.set()
        except Exception:  # noqa: BLE001 - the connection dies with the server
            pass

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    time.sleep(delay)
    server.kill()
    thread.join(timeout=60)
    return done.is_set()


def id_v_row_class(package: str) -> tuple[Any, descriptor_pb2.DescriptorProto]:
    """A proto message class ``<package>.Row`` with INT64 ``id`` and ``v``, and its descriptor."""
    fd = descriptor_pb2.FieldDescriptorProto
    file = descriptor_pb2.FileDescriptorProto(name=f"{package}_rows.proto", package=package)
    row = file.message_type.add(name="Row")
    row.field.add(name="id", number=1, type=fd.TYPE_INT64, label=fd.LABEL_OPTIONAL)
    row.field.add(name="v", number=2, type=fd.TYPE_INT64, label=fd.LABEL_OPTIONAL)
    return proto_message(file, f"{package}.Row")
