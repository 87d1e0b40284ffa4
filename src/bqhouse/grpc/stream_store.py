"""Durable state of Storage Write API streams: what a restart (or a SIGKILL) must not lose.

Two places, each with the guarantee it is cheap to give:

- ``DATA_DIR/write_streams/<sha256(name)>/``: ``meta.json`` (name, table, type, schema, times,
  finalized row count) and, for PENDING and BUFFERED streams, ``rows.log``: one record per
  appended batch, ``magic | first offset | length | crc32 | Arrow IPC stream``, appended and
  fsynced (one ``fdatasync``) *before* the append is acknowledged: no lake commit, no rename per
  append. A crash mid-write leaves a torn last record, never acknowledged: loading stops at the
  first record that is short or fails its checksum and cuts the file there.
- The lake table ``_bqhouse.write_streams``: one row per event that must commit together with
  rows in the lake: ``append`` (a COMMITTED stream's next offset), ``flush`` (a BUFFERED stream's
  flushed offset) and ``commit`` (a PENDING stream's BatchCommit). ``record`` runs inside the
  transaction that writes the rows, so offsets and rows can never disagree after a crash.

Streams are garbage-collected (``scan`` + ``remove``) when idle longer than BigQuery's TTL.
Files hold only Arrow IPC and JSON: nothing is ever unpickled.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import struct
import time
import zlib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from bqhouse.storage.lake import LAKE, META_SCHEMA, Lake

EVENTS = _TABLE = f"{LAKE}.{META_SCHEMA}.write_streams"
_COLUMNS = "stream VARCHAR, event VARCHAR, end_offset BIGINT, at_ms BIGINT"
_SUFFIX = ".arrow"  # the layout before ``rows.log``: one file per batch, still read
_LOG = "rows.log"
_HEADER = struct.Struct("<4sQQI")  # magic, first offset, payload length, crc32 of the payload
_MAGIC = b"BQWS"

APPEND, FLUSH, COMMIT = "append", "flush", "commit"
_COMMITTED = 1  # WriteStream.Type.COMMITTED: its rows go straight to the lake, no log


@dataclass
class StreamMeta:
    """What ``meta.json`` holds; times are Unix nanoseconds, 0 when not yet."""

    name: str
    table: list[str]
    kind: int
    fields: list[dict[str, Any]]
    create_ns: int
    finalize_ns: int = 0
    finalized_rows: int = -1


@dataclass
class Loaded:
    """One stream as found on disk and in the lake."""

    meta: StreamMeta
    batches: list[tuple[int, pa.Table]] = field(default_factory=list)  # (first offset, rows)
    events: dict[str, tuple[int, int]] = field(default_factory=dict)  # event -> (end, at_ms)

    @property
    def end(self) -> int:
        """The offset after the last persisted batch (0 if none)."""
        if not self.batches:
            return 0
        start, data = self.batches[-1]
        return start + data.num_rows


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_atomic(path: Path, write: Any) -> None:
    """``write(handle)`` into ``path`` via a fsynced temporary file and a rename."""
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as handle:
        write(handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def folder_name(name: str) -> str:
    """The folder of stream ``name``: a hash, so a client-chosen id (``..``) is never a path."""
    return hashlib.sha256(name.encode()).hexdigest()[:40]


def encode_record(offset: int, data: pa.Table) -> bytes:
    """One ``rows.log`` record: header, then ``data`` as an Arrow IPC stream."""
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, data.schema) as writer:
        writer.write_table(data)
    payload = sink.getvalue().to_pybytes()
    return _HEADER.pack(_MAGIC, offset, len(payload), zlib.crc32(payload)) + payload


class StreamStore:
    """Persists stream metadata and uncommitted rows under the lake's data directory.

    >>> import tempfile
    >>> store = StreamStore(Lake(tempfile.mkdtemp()))
    >>> name = "projects/p/datasets/d/tables/t/streams/s"
    >>> store.create(StreamMeta(name, ["p", "d", "t"], 2, [], 1))
    >>> store.append_batch(name, 0, pa.table({"x": [1, 2]}))
    >>> loaded = store.load(name)
    >>> loaded.end, loaded.meta.kind
    (2, 2)
    >>> store.load(name + "x") is None
    True
    """

    def __init__(self, lake: Lake) -> None:
        self.lake = lake
        self.root = lake.data_dir / "write_streams"
        self.root.mkdir(parents=True, exist_ok=True)
        lake.cursor().execute(f"CREATE TABLE IF NOT EXISTS {_TABLE} ({_COLUMNS})")

    def _dir(self, name: str) -> Path:
        return self.root / folder_name(name)

    # ---- files ----------------------------------------------------------------------------

    def create(self, meta: StreamMeta) -> None:
        """Persist a new stream's metadata (before CreateWriteStream answers)."""
        folder = self._dir(meta.name)
        folder.mkdir(parents=True, exist_ok=True)
        _fsync_dir(self.root)
        if meta.kind != _COMMITTED:  # the log exists before the first append: one fsync each
            (folder / _LOG).touch()
        self.save(meta)

    def save(self, meta: StreamMeta) -> None:
        text = json.dumps(asdict(meta)).encode()
        _write_atomic(self._dir(meta.name) / "meta.json", lambda handle: handle.write(text))

    def append_batch(self, name: str, offset: int, data: pa.Table) -> None:
        """Persist one appended batch starting at ``offset`` (before the append is acked)."""
        path = self._dir(name) / _LOG
        new = not path.exists()
        with path.open("ab") as handle:
            start = handle.tell()
            try:
                handle.write(encode_record(offset, data))
                handle.flush()
                os.fdatasync(handle.fileno())
            except BaseException:
                handle.truncate(start)  # never leave a half record before later appends
                raise
        if new:  # a stream from before ``rows.log`` (``create`` makes the file otherwise)
            _fsync_dir(path.parent)

    def _records(self, name: str) -> tuple[list[tuple[int, pa.Table]], int]:
        """The whole records of ``rows.log`` and the byte length they span (the rest is torn)."""
        path = self._dir(name) / _LOG
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return [], 0
        found, at = [], 0
        while at + _HEADER.size <= len(raw):
            magic, offset, size, crc = _HEADER.unpack_from(raw, at)
            body = raw[at + _HEADER.size : at + _HEADER.size + size]
            if magic != _MAGIC or len(body) != size or zlib.crc32(body) != crc:
                break
            found.append((offset, pa.ipc.open_stream(pa.py_buffer(body)).read_all()))
            at += _HEADER.size + size
        return found, at

    def _batch_files(self, name: str) -> list[tuple[int, int, Path]]:
        """(first offset, end offset, path) of each batch file, in offset order."""
        found = []
        for path in self._dir(name).glob(f"*{_SUFFIX}"):
            start, _, end = path.stem.partition("-")
            found.append((int(start), int(end), path))
        return sorted(found)

    def drop_batches(self, name: str, upto: int | None = None) -> None:
        """Forget batches wholly before ``upto`` (all of them with ``None``)."""
        for _, end, path in self._batch_files(name):
            if upto is None or end <= upto:
                path.unlink(missing_ok=True)
        log = self._dir(name) / _LOG
        if upto is None:
            log.unlink(missing_ok=True)
            return
        records, _ = self._records(name)
        keep = [(start, data) for start, data in records if start + data.num_rows > upto]
        if len(keep) == len(records):
            return
        # Rewrite what is left (the rows not flushed yet: usually little) atomically.
        text = b"".join(encode_record(start, data) for start, data in keep)
        _write_atomic(log, lambda handle: handle.write(text))

    def load(self, name: str) -> Loaded | None:
        """The stream's persisted state, or None if it was never created here."""
        folder = self._dir(name)
        try:
            raw = json.loads((folder / "meta.json").read_bytes())
        except FileNotFoundError:
            return None
        loaded = Loaded(StreamMeta(**raw))
        if loaded.meta.name != name:
            return None
        for stale in folder.glob("*.tmp"):  # a write the crash interrupted: never acknowledged
            stale.unlink(missing_ok=True)
        batches: list[tuple[int, pa.Table]] = []
        for start, end, path in self._batch_files(name):
            with pa.OSFile(str(path)) as source:
                data = pa.ipc.open_stream(source).read_all()
            if data.num_rows != end - start:
                break  # damaged: fsync + rename make this impossible short of disk faults
            batches.append((start, data))
        records, good = self._records(name)
        log = folder / _LOG
        if log.exists() and log.stat().st_size > good:  # a torn tail: the unacknowledged append
            with log.open("r+b") as handle:
                handle.truncate(good)
                os.fsync(handle.fileno())
        for start, data in [*batches, *records]:
            if loaded.batches and start != loaded.end:
                break  # not contiguous: cannot happen with acknowledged appends
            loaded.batches.append((start, data))
        loaded.events = self.events(name)
        return loaded

    # ---- garbage collection ---------------------------------------------------------------

    def scan(self) -> list[tuple[StreamMeta | None, Path, int]]:
        """Every stream on disk: (meta, folder, last activity in Unix ns).

        Activity is the latest of creation, finalization, an appended batch (the log's mtime)
        and an event in the lake (a COMMITTED append, a flush, a commit). ``meta`` is None for
        a folder whose ``meta.json`` is missing (a crash during ``create`` or ``remove``).
        """
        cur = self.lake.cursor()
        rows = cur.execute(f"SELECT stream, max(at_ms) FROM {_TABLE} GROUP BY stream").fetchall()
        lake_ms = {str(stream): int(at_ms) for stream, at_ms in rows}
        found: list[tuple[StreamMeta | None, Path, int]] = []
        for folder in sorted(self.root.iterdir()):
            if not folder.is_dir():
                continue
            times = [p.stat().st_mtime_ns for p in folder.iterdir() if p.is_file()]
            times.append(folder.stat().st_mtime_ns)
            try:
                meta: StreamMeta | None = StreamMeta(
                    **json.loads((folder / "meta.json").read_bytes())
                )
            except (FileNotFoundError, ValueError, TypeError):
                meta = None
            if meta is not None:
                times += [meta.create_ns, meta.finalize_ns, lake_ms.get(meta.name, 0) * 1_000_000]
            found.append((meta, folder, max(times)))
        for orphan in set(lake_ms) - {m.name for m, _, _ in found if m is not None}:
            found.append((None, self._dir(orphan), lake_ms[orphan] * 1_000_000))
        return found

    def remove(self, folders: list[Path]) -> None:
        """Delete streams' folders, then their lake events (and events of no folder at all).

        ``meta.json`` goes first: a crash midway leaves a folder that loads as "not found" and
        that the next scan removes. Events go last, so a stream never loses its offsets while
        its folder can still be loaded.
        """
        for folder in folders:
            (folder / "meta.json").unlink(missing_ok=True)
            shutil.rmtree(folder, ignore_errors=True)
        live = {folder.name for folder in self.root.iterdir()}
        cur = self.lake.cursor()
        names = [str(n) for (n,) in cur.execute(f"SELECT DISTINCT stream FROM {_TABLE}").fetchall()]
        gone = [n for n in names if self._dir(n).name not in live]
        if gone:
            with self.lake.transaction() as tx:
                tx.execute(f"DELETE FROM {_TABLE} WHERE list_contains(?, stream)", [gone])

    def compact_events(self) -> None:
        """Keep only each stream's latest row per event (COMMITTED streams add one per append)."""
        cur = self.lake.cursor()
        stale = (
            f"EXISTS (SELECT 1 FROM {_TABLE} AS later WHERE later.stream = {_TABLE}.stream "
            f"AND later.event = {_TABLE}.event AND later.end_offset > {_TABLE}.end_offset)"
        )
        count = cur.execute(f"SELECT count(*) FROM {_TABLE} WHERE {stale}").fetchall()[0][0]
        if count:
            with self.lake.transaction() as tx:
                tx.execute(f"DELETE FROM {_TABLE} WHERE {stale}")

    # ---- lake events ----------------------------------------------------------------------

    def events(self, name: str) -> dict[str, tuple[int, int]]:
        rows = (
            self.lake.cursor()
            .execute(
                f"SELECT event, max(end_offset), max(at_ms) FROM {_TABLE} WHERE stream = ? "
                "GROUP BY event",
                [name],
            )
            .fetchall()
        )
        return {event: (int(end), int(at_ms)) for event, end, at_ms in rows}

    @staticmethod
    def record(
        cur: duckdb.DuckDBPyConnection, name: str, event: str, end: int, at_ms: int = 0
    ) -> None:
        """Insert one event inside the caller's lake transaction (``at_ms`` 0: now)."""
        at_ms = at_ms or int(time.time() * 1000)
        cur.execute(f"INSERT INTO {_TABLE} VALUES (?, ?, ?, ?)", [name, event, end, at_ms])
