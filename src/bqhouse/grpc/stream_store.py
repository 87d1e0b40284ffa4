"""Durable state of Storage Write API streams: what a restart (or a SIGKILL) must not lose.

Two places, each with the guarantee it is cheap to give:

- ``DATA_DIR/write_streams/<sha256(name)>/``: ``meta.json`` (name, table, type, schema, times,
  finalized row count) and, for PENDING and BUFFERED streams, one Arrow IPC file per appended
  batch, ``<first offset>-<end offset>.arrow``. Every file is written to a temporary name,
  fsynced, renamed and its directory fsynced *before* the append is acknowledged: no lake commit
  per append.
- The lake table ``_bqhouse.write_streams``: one row per event that must commit together with
  rows in the lake: ``append`` (a COMMITTED stream's next offset), ``flush`` (a BUFFERED stream's
  flushed offset) and ``commit`` (a PENDING stream's BatchCommit). ``record`` runs inside the
  transaction that writes the rows, so offsets and rows can never disagree after a crash.

Files hold only Arrow IPC and JSON: nothing is ever unpickled.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from bqhouse.storage.lake import LAKE, META_SCHEMA, Lake

_TABLE = f"{LAKE}.{META_SCHEMA}.write_streams"
_COLUMNS = "stream VARCHAR, event VARCHAR, end_offset BIGINT, at_ms BIGINT"
_SUFFIX = ".arrow"

APPEND, FLUSH, COMMIT = "append", "flush", "commit"


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
        # A hash: a client-chosen stream id (``..``, say) never becomes a path.
        return self.root / hashlib.sha256(name.encode()).hexdigest()[:40]

    # ---- files ----------------------------------------------------------------------------

    def create(self, meta: StreamMeta) -> None:
        """Persist a new stream's metadata (before CreateWriteStream answers)."""
        self._dir(meta.name).mkdir(parents=True, exist_ok=True)
        _fsync_dir(self.root)
        self.save(meta)

    def save(self, meta: StreamMeta) -> None:
        text = json.dumps(asdict(meta)).encode()
        _write_atomic(self._dir(meta.name) / "meta.json", lambda handle: handle.write(text))

    def append_batch(self, name: str, offset: int, data: pa.Table) -> None:
        """Persist one appended batch starting at ``offset`` (before the append is acked)."""

        def write(handle: Any) -> None:
            with pa.ipc.new_stream(handle, data.schema) as writer:
                writer.write_table(data)

        end = offset + data.num_rows
        _write_atomic(self._dir(name) / f"{offset:020d}-{end:020d}{_SUFFIX}", write)

    def _batch_files(self, name: str) -> list[tuple[int, int, Path]]:
        """(first offset, end offset, path) of each batch file, in offset order."""
        found = []
        for path in self._dir(name).glob(f"*{_SUFFIX}"):
            start, _, end = path.stem.partition("-")
            found.append((int(start), int(end), path))
        return sorted(found)

    def drop_batches(self, name: str, upto: int | None = None) -> None:
        """Delete batch files wholly before ``upto`` (all of them with ``None``)."""
        for _, end, path in self._batch_files(name):
            if upto is None or end <= upto:
                path.unlink(missing_ok=True)

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
        for start, end, path in self._batch_files(name):
            if loaded.batches and start != loaded.end:
                break  # not contiguous: cannot happen with acknowledged appends
            with pa.OSFile(str(path)) as source:
                data = pa.ipc.open_stream(source).read_all()
            if data.num_rows != end - start:
                break  # damaged: fsync + rename make this impossible short of disk faults
            loaded.batches.append((start, data))
        loaded.events = self.events(name)
        return loaded

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
