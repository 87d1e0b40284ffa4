"""Run the REST API: in the foreground (``bqhouse serve``) or on a background thread (tests,
notebooks, ``bqhouse.client()``)."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import uvicorn

from bqhouse.api.app import create_app
from bqhouse.warehouse import Warehouse


def free_port(host: str = "127.0.0.1") -> int:
    """A port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _config(warehouse: Warehouse, host: str, port: int) -> uvicorn.Config:
    return uvicorn.Config(
        create_app(warehouse),
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        lifespan="off",
    )


def serve(warehouse: Warehouse, *, host: str = "127.0.0.1", port: int = 9050) -> None:
    """Serve until interrupted."""
    uvicorn.Server(_config(warehouse, host, port)).run()


@dataclass
class BackgroundServer:
    """A server on a daemon thread. ``url`` is what ``api_endpoint`` wants."""

    warehouse: Warehouse
    host: str = "127.0.0.1"
    port: int = 0
    # The Storage API's gRPC port: None for none (``start_grpc`` can still start it), 0 for a
    # free one.
    grpc_port: int | None = None
    _grpc: Any = field(default=None, init=False, repr=False)
    _grpc_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def start(self) -> BackgroundServer:
        self.port = self.port or free_port(self.host)
        if self.grpc_port is not None:
            self.start_grpc(self.grpc_port)
        self._server = uvicorn.Server(_config(self.warehouse, self.host, self.port))
        self._thread = threading.Thread(target=self._server.run, name="bqhouse-server", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 30
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"bqhouse server did not start on {self.host}:{self.port}")
            time.sleep(0.01)
        return self

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start_grpc(self, port: int = 0) -> str:
        """Start the Storage API (gRPC) unless it runs already; its ``host:port``.

        About 0.3 s, which the pytest plugin spends only once a test uses it.
        """
        with self._grpc_lock:
            if self._grpc is None:
                from bqhouse.grpc.server import start_grpc

                self._grpc, self.grpc_port = start_grpc(self.warehouse, self.host, port)
        return f"{self.host}:{self.grpc_port}"

    @property
    def grpc_address(self) -> str | None:
        """``host:port`` of the Storage API, for ``grpc.insecure_channel``."""
        return None if self._grpc is None else f"{self.host}:{self.grpc_port}"

    def stop(self) -> None:
        if self._grpc is not None:
            self._grpc.stop(grace=None).wait()
        self._server.should_exit = True
        self._thread.join(timeout=10)
