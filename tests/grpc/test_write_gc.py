"""Write streams are garbage-collected after BigQuery's TTL of inactivity.

"A committed stream has a TTL of four days if there is no traffic on the stream. A buffered stream
by default has a TTL of seven days": https://cloud.google.com/bigquery/docs/write-api-streaming
The clock is passed in (``collect(now_ns=...)``): no test waits for days, or for seconds.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from google.cloud.bigquery_storage_v1 import types

from bqhouse import errors
from bqhouse.grpc import stream_store
from bqhouse.grpc.write import WriteService, ttl_seconds
from bqhouse.storage.writer import WriteRequest, write_arrow
from bqhouse.warehouse import Warehouse

DAY = 86_400 * 10**9
PARENT = "projects/p/datasets/d/tables/t"
FIELDS = [{"name": "id", "type": "INTEGER", "mode": "NULLABLE"}]


@pytest.fixture
def service(tmp_path: Path) -> Any:
    warehouse = Warehouse(tmp_path / "data", project="p")
    warehouse.catalog.create_dataset("p", "d", {})
    write_arrow(warehouse.catalog, WriteRequest("p", "d", "t"), pa.table({"id": []}), FIELDS)
    yield WriteService(warehouse)
    warehouse.close()


def _create(service: WriteService, kind: Any) -> str:
    request = types.CreateWriteStreamRequest.pb()(
        parent=PARENT, write_stream=types.WriteStream.pb()(type_=kind)
    )
    return str(service.create_write_stream(request).name)


def _append(service: WriteService, name: str, ids: list[int], offset: int) -> Any:
    batch = pa.record_batch({"id": pa.array(ids, pa.int64())})
    request = types.AppendRowsRequest.pb()(write_stream=name)
    request.offset.value = offset
    request.arrow_rows.writer_schema.serialized_schema = batch.schema.serialize().to_pybytes()
    request.arrow_rows.rows.serialized_record_batch = batch.serialize().to_pybytes()
    (response,) = service.append_rows(iter([request]))
    return response


def _get(service: WriteService, name: str) -> Any:
    return service.get_write_stream(types.GetWriteStreamRequest.pb()(name=name))


def _events(service: WriteService) -> list[tuple[str, str, int]]:
    sql = f"SELECT stream, event, end_offset FROM {stream_store.EVENTS} ORDER BY ALL"
    return [tuple(row) for row in service.warehouse.lake.cursor().execute(sql).fetchall()]


def _count(service: WriteService) -> int:
    sql = 'SELECT count(*) FROM lake."p.d".t'
    return int(service.warehouse.lake.cursor().execute(sql).fetchall()[0][0])


T = types.WriteStream.Type


def test_streams_expire_by_type_after_their_ttl(service: WriteService) -> None:
    committed, pending, buffered = (
        _create(service, k) for k in (T.COMMITTED, T.PENDING, T.BUFFERED)
    )
    assert not _append(service, committed, [1, 2], 0).error.code
    assert not _append(service, pending, [3], 0).error.code
    assert not _append(service, buffered, [4], 0).error.code
    now = time.time_ns()
    assert service.collect(now_ns=now) == []  # just used: nothing goes
    assert service.collect(now_ns=now + 3 * DAY) == []
    assert sorted(service.collect(now_ns=now + 5 * DAY)) == sorted([committed, pending])
    for name in (committed, pending):
        with pytest.raises(errors.NotFound):
            _get(service, name)
    assert _get(service, buffered).name == buffered  # seven days for BUFFERED
    assert service.collect(now_ns=now + 8 * DAY) == [buffered]
    with pytest.raises(errors.NotFound):
        _get(service, buffered)
    assert list(service.store.root.iterdir()) == []
    assert _events(service) == []
    assert _count(service) == 2  # committed rows belong to the table, not to the stream


def test_a_connection_holding_a_collected_stream_gets_not_found(service: WriteService) -> None:
    name = _create(service, T.COMMITTED)
    assert not _append(service, name, [1], 0).error.code
    stream = service._stream(name)
    service.collect(now_ns=time.time_ns() + 5 * DAY)
    assert stream.gone
    response = _append(service, name, [2], 1)  # a new lookup: NOT_FOUND
    assert response.error.code == 5, response.error.message
    assert _count(service) == 1


def test_activity_keeps_a_stream(service: WriteService) -> None:
    """The TTL counts from the last append, not from creation."""
    name = _create(service, T.COMMITTED)
    assert not _append(service, name, [1], 0).error.code  # now: an event in the lake
    loaded = service.store.load(name)
    assert loaded is not None
    old = time.time_ns() - 5 * DAY  # make the stream look created five days ago
    loaded.meta.create_ns = old
    service.store.save(loaded.meta)
    (folder,) = service.store.root.iterdir()
    for path in (folder / "meta.json", folder):
        os.utime(path, ns=(old, old))
    assert service.collect() == []
    assert service.collect(now_ns=time.time_ns() + 5 * DAY) == [name]


def test_compaction_keeps_only_the_latest_offset(service: WriteService) -> None:
    name = _create(service, T.COMMITTED)
    for i in range(4):
        assert not _append(service, name, [i], i).error.code
    assert [e[2] for e in _events(service)] == [1, 2, 3, 4]
    service.collect()
    assert _events(service) == [(name, "append", 4)]
    response = _append(service, name, [9], 3)  # the offsets still hold after compaction
    assert response.error.code == 6, response.error.message  # ALREADY_EXISTS
    service.streams.clear()  # as after a restart: offsets come back from the lake
    assert not _append(service, name, [4], 4).error.code
    assert _count(service) == 5


def test_default_ttl_is_bigquerys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BQHOUSE_WRITE_STREAM_TTL_SECONDS", raising=False)
    assert ttl_seconds(int(T.COMMITTED)) == 4 * 86_400
    assert ttl_seconds(int(T.BUFFERED)) == 7 * 86_400
    monkeypatch.setenv("BQHOUSE_WRITE_STREAM_TTL_SECONDS", "2.5")
    assert ttl_seconds(int(T.PENDING)) == 2.5
