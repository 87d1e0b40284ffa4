"""Arrow IPC for the Storage Read API: the session schema and one encapsulated message per batch.

Uncompressed batches use ``RecordBatch.serialize()`` (one copy, into an Arrow buffer that the
response is then built around). With ``ArrowSerializationOptions.buffer_compression`` the body
buffers are LZ4_FRAME or ZSTD compressed as the Arrow IPC format defines; the official client's
``pa.ipc.read_record_batch`` decompresses them.
https://cloud.google.com/bigquery/docs/reference/storage/rpc/google.cloud.bigquery.storage.v1#arrowserializationoptions
"""

from __future__ import annotations

import pyarrow as pa
from google.cloud.bigquery_storage_v1 import types

from bqhouse import errors

_Codec = types.ArrowSerializationOptions.CompressionCodec
# BigQuery's codec enum -> Arrow's IPC codec name (None: uncompressed).
CODECS: dict[int, str | None] = {
    int(_Codec.COMPRESSION_UNSPECIFIED): None,
    int(_Codec.LZ4_FRAME): "lz4",
    int(_Codec.ZSTD): "zstd",
}


def codec(value: int) -> str | None:
    """Arrow's codec name for BigQuery's ``buffer_compression`` value; unknown ones are invalid.

    >>> codec(0) is None, codec(1), codec(2)
    (True, 'lz4', 'zstd')
    """
    if value not in CODECS:
        raise errors.Invalid(
            f"Unsupported Arrow buffer compression codec {value}; "
            "expected COMPRESSION_UNSPECIFIED, LZ4_FRAME or ZSTD"
        )
    return CODECS[value]


class ArrowBatchWriter:
    """Serializes record batches of one schema, compressed with ``compression`` if given."""

    def __init__(self, schema: pa.Schema, compression: str | None = None) -> None:
        self.schema = schema
        self.schema_bytes = schema.serialize().to_pybytes()
        self._options = (
            pa.ipc.IpcWriteOptions(compression=compression) if compression is not None else None
        )

    def encode(self, batch: pa.RecordBatch) -> pa.Buffer:
        """The encapsulated IPC message of ``batch`` (``serialized_record_batch``)."""
        if self._options is None:
            return batch.serialize()
        # A stream is schema message, batch message, end marker; keep only the batch message.
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, self.schema, options=self._options) as writer:
            writer.write_batch(batch)
        stream = sink.getvalue()
        source = pa.BufferReader(stream)
        messages = pa.ipc.MessageReader.open_stream(source)
        messages.read_next_message()  # the schema
        start = source.tell()
        messages.read_next_message()
        return stream.slice(start, source.tell() - start)
