"""Fixtures of the reliability suite: real ``bqhouse serve`` subprocesses (see serverproc.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from serverproc import ServerProcess


@pytest.fixture
def server_factory(tmp_path: Path) -> Iterator[Callable[..., ServerProcess]]:
    """Build servers on ``tmp_path/data``; every one started is stopped at the end."""
    made: list[ServerProcess] = []

    def make(
        *extra: str,
        data_dir: Path | None = None,
        grpc: bool = False,
        env: dict[str, str] | None = None,
    ) -> ServerProcess:
        server = ServerProcess(
            data_dir or tmp_path / "data", tmp_path / "serve.log", *extra, grpc=grpc, env=env
        )
        made.append(server)
        return server

    yield make
    for server in made:
        server.stop()


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """One server per module, for tests that do not kill it."""
    tmp = tmp_path_factory.mktemp("live")
    server = ServerProcess(tmp / "data", tmp / "serve.log").start()
    yield server
    server.stop()
