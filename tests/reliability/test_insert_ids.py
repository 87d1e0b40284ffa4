"""insertAll de-duplication (bqhouse.storage.insert_ids): ids commit with their rows, survive a
SIGKILL, and two clients sending the same new insertId at once store the row once."""

from __future__ import annotations

import threading
from collections.abc import Callable

from google.cloud import bigquery
from serverproc import PROJECT, ServerProcess

Factory = Callable[..., ServerProcess]
SCHEMA = [bigquery.SchemaField("id", "INT64"), bigquery.SchemaField("v", "INT64")]


def _table(server: ServerProcess) -> None:
    client = server.client()
    client.create_dataset("c")
    client.create_table(bigquery.Table(f"{PROJECT}.c.s", schema=SCHEMA))


def _count(server: ServerProcess) -> tuple[int, int]:
    row = list(server.client().query_and_wait("SELECT COUNT(*), COUNT(DISTINCT id) FROM c.s"))[0]
    return int(row[0]), int(row[1])


def test_concurrent_identical_insert_ids_store_once(server_factory: Factory) -> None:
    server = server_factory().start()
    _table(server)
    clients, rounds, size = 6, 5, 50
    for r in range(rounds):
        rows = [{"id": r * size + i, "v": r} for i in range(size)]
        ids = [f"r{r}-{i}" for i in range(size)]
        barrier = threading.Barrier(clients)
        failures: list[object] = []

        def send(
            rows: list[dict[str, int]] = rows,
            ids: list[str] = ids,
            barrier: threading.Barrier = barrier,
            failures: list[object] = failures,
        ) -> None:
            client = server.client()
            barrier.wait()
            failures.extend(client.insert_rows_json("c.s", rows, row_ids=ids))

        threads = [threading.Thread(target=send) for _ in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert failures == []
    assert _count(server) == (rounds * size, rounds * size)


def test_insert_ids_survive_sigkill(server_factory: Factory) -> None:
    server = server_factory().start()
    _table(server)
    rows = [{"id": i, "v": 1} for i in range(300)]
    ids = [f"k{i}" for i in range(300)]
    # 300 rows: the ids go to a Parquet file of the lake, not only to inlined rows.
    assert server.client().insert_rows_json("c.s", rows, row_ids=ids) == []
    server.kill()
    server.start()
    # The client's retry of the acknowledged batch, plus a duplicate inside one request.
    assert server.client().insert_rows_json("c.s", rows, row_ids=ids) == []
    extra = [{"id": 1000, "v": 2}, {"id": 1000, "v": 2}]
    assert server.client().insert_rows_json("c.s", extra, row_ids=["x", "x"]) == []
    assert _count(server) == (301, 301)
    # Rows without insertId are never de-duplicated.
    plain = [{"id": 2000, "v": 3}]
    server.client().insert_rows_json("c.s", plain, row_ids=[None])
    server.client().insert_rows_json("c.s", plain, row_ids=[None])
    assert _count(server) == (303, 302)


def test_window_is_configurable(server_factory: Factory) -> None:
    server = server_factory(env={"BQHOUSE_INSERT_ID_WINDOW_SECONDS": "0"}).start()
    _table(server)
    for _ in range(2):
        assert server.client().insert_rows_json("c.s", [{"id": 1, "v": 1}], row_ids=["a"]) == []
    # With a zero-second window every resend is new.
    assert _count(server) == (2, 1)
