"""ReadRowsResponse bytes assembled around a row payload, so the payload is copied only once.

Building the response as a protobuf message copies a multi-megabyte payload three times (into the
message, into the encoder, into the result bytes). Protobuf's wire format lets the small fields be
encoded as usual and the payload field be appended: a message followed by more fields of the same
message parses as their merge. The field numbers come from the descriptors that
``google-cloud-bigquery-storage`` ships, so nothing here is hand-maintained.
https://protobuf.dev/programming-guides/encoding/#last-one-wins
"""

from __future__ import annotations

from typing import Any

from google.cloud.bigquery_storage_v1 import types

from bqhouse.protowire import varint

_RESPONSE = types.ReadRowsResponse.pb().DESCRIPTOR.fields_by_name
_ARROW = _RESPONSE["arrow_record_batch"]
_AVRO = _RESPONSE["avro_rows"]
_LEN, _VARINT = 2, 0


def _key(number: int, wire_type: int) -> bytes:
    return varint(number << 3 | wire_type)


def _payload_parts(field: Any, payload: Any, rows: int) -> list[Any]:
    """``field`` (ArrowRecordBatch or AvroRows) holding ``payload`` and ``rows``, as byte parts."""
    inner = field.message_type.fields_by_name
    data = inner["serialized_record_batch" if field is _ARROW else "serialized_binary_rows"]
    head = _key(data.number, _LEN) + varint(len(payload))
    tail = _key(inner["row_count"].number, _VARINT) + varint(rows) if rows else b""
    size = len(head) + len(payload) + len(tail)
    return [_key(field.number, _LEN) + varint(size) + head, payload, tail]


def response_bytes(meta: Any, payload: Any, rows: int, *, avro: bool = False) -> bytes:
    """Serialized ``ReadRowsResponse``: ``meta`` (a message without rows) plus the row payload.

    ``payload`` is any buffer (``bytes``, ``pyarrow.Buffer``); it is copied once, into the result.

    >>> meta = types.ReadRowsResponse.pb()(row_count=2)
    >>> parsed = types.ReadRowsResponse.pb().FromString(response_bytes(meta, b"ab", 2))
    >>> parsed.row_count, parsed.arrow_record_batch.serialized_record_batch
    (2, b'ab')
    """
    parts = _payload_parts(_AVRO if avro else _ARROW, payload, rows)
    return b"".join([meta.SerializeToString(), *parts])
