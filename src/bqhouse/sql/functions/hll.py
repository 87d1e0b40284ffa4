"""HyperLogLog++ sketches: HLL_COUNT.INIT, MERGE, MERGE_PARTIAL and EXTRACT.

https://cloud.google.com/bigquery/docs/reference/standard-sql/hll_functions

A sketch is BYTES. It starts in HLL++'s *sparse* mode, a sorted set of (index, rank) pairs at the
sparse precision ``p + 5`` (at most 25) whose count is linear counting over ``2^(p+5)`` buckets,
exact in practice for small cardinalities. Once the set outgrows ``0.75 * 2^p`` pairs the sketch
turns *dense*: ``2^p`` one-byte registers, estimated with Ertl's improved raw estimator (2017),
which needs no empirical bias tables. Values hash with FarmHash Fingerprint64 of the bytes a hash
function sees (UTF-8 for STRING, the decimal text for INT64 and NUMERIC), so sketches stay
mergeable across server versions. The byte layout is bqhouse's own, not BigQuery's.

The aggregates are DuckDB ``LIST`` aggregates finished by vectorized (Arrow) Python functions.
"""

from __future__ import annotations

import math
import struct
import zlib
from collections.abc import Iterable

import farmhash
import numpy as np
import pyarrow as pa
from numpy.typing import NDArray
from sqlglot import exp

from bqhouse import errors
from bqhouse.sql.builders import Transform, call, is_number
from bqhouse.sql.functions import Udf

DEFAULT_PRECISION = 15
MIN_PRECISION, MAX_PRECISION = 10, 24
MAX_SPARSE_PRECISION = 25

_MAGIC = b"BQHLL"
_VERSION = 1
_HEADER = struct.Struct("<5sBBBBB")  # magic, version, type, precision, sparse precision, mode
_SPARSE, _DENSE = 0, 1
_RANK_BITS = 6  # a sparse pair is index << 6 | rank

# GoogleSQL input types a sketch can be built from, by the DuckDB type name prefix.
_TYPE_TAGS = {"INT64": 1, "NUMERIC": 2, "BIGNUMERIC": 3, "STRING": 4, "BYTES": 5}
_DUCK_TYPES = [
    ("BIGINT", "INT64"),
    ("INTEGER", "INT64"),
    ("SMALLINT", "INT64"),
    ("TINYINT", "INT64"),
    ("HUGEINT", "INT64"),
    ("DECIMAL(38,18)", "BIGNUMERIC"),
    ("DECIMAL", "NUMERIC"),
    ("VARCHAR", "STRING"),
    ("BLOB", "BYTES"),
]
_DUCK_NAMES = {"VARCHAR": "STRING", "DOUBLE": "FLOAT64", "BOOLEAN": "BOOL", "BLOB": "BYTES"}
U64 = NDArray[np.uint64]


class Sketch:
    """One HLL++ sketch: sparse pairs or dense registers, plus the input type it counts."""

    def __init__(
        self,
        type_tag: int,
        precision: int,
        sparse: NDArray[np.uint32] | None = None,
        registers: NDArray[np.uint8] | None = None,
    ) -> None:
        self.type_tag = type_tag
        self.precision = precision
        self.sparse_precision = min(precision + 5, MAX_SPARSE_PRECISION)
        self.sparse = sparse
        self.registers = registers

    # --- building -------------------------------------------------------------------------------

    @classmethod
    def from_hashes(cls, type_tag: int, precision: int, hashes: U64) -> Sketch:
        sketch = cls(type_tag, precision)
        sp = sketch.sparse_precision
        index = (hashes >> np.uint64(64 - sp)).astype(np.uint32)
        rank = _rank(hashes << np.uint64(sp), 64 - sp).astype(np.uint32)
        sketch.sparse = _max_rank_pairs(index << np.uint32(_RANK_BITS) | rank)
        return sketch._settled()

    def _settled(self) -> Sketch:
        """Switch to dense once the sparse set is bigger than the dense registers would be."""
        if self.sparse is not None and len(self.sparse) > 3 * (1 << self.precision) // 4:
            self.registers = self._dense_registers()
            self.sparse = None
        return self

    def _dense_registers(self) -> NDArray[np.uint8]:
        if self.registers is not None:
            return self.registers
        assert self.sparse is not None
        index, rank = _reindex(
            self.sparse >> np.uint32(_RANK_BITS),
            self.sparse & np.uint32((1 << _RANK_BITS) - 1),
            self.sparse_precision,
            self.precision,
        )
        registers = np.zeros(1 << self.precision, dtype=np.uint8)
        np.maximum.at(registers, index.astype(np.int64), rank.astype(np.uint8))
        return registers

    def downgraded(self, precision: int) -> Sketch:
        """The same sketch at a lower precision (merging keeps the lowest precision)."""
        if precision == self.precision:
            return self
        result = Sketch(self.type_tag, precision)
        if self.sparse is not None:
            index, rank = _reindex(
                self.sparse >> np.uint32(_RANK_BITS),
                self.sparse & np.uint32((1 << _RANK_BITS) - 1),
                self.sparse_precision,
                result.sparse_precision,
            )
            result.sparse = _max_rank_pairs(index << np.uint32(_RANK_BITS) | rank)
            return result._settled()
        assert self.registers is not None
        used = np.nonzero(self.registers)[0].astype(np.uint32)
        index, rank = _reindex(
            used, self.registers[used].astype(np.uint32), self.precision, precision
        )
        result.registers = np.zeros(1 << precision, dtype=np.uint8)
        np.maximum.at(result.registers, index.astype(np.int64), rank.astype(np.uint8))
        return result

    @classmethod
    def merged(cls, sketches: list[Sketch]) -> Sketch:
        tags = {s.type_tag for s in sketches}
        if len(tags) > 1:
            names = sorted(_tag_name(t) for t in tags)
            raise ValueError(
                f"HLL_COUNT sketches of different input types cannot be merged: {', '.join(names)}"
            )
        precision = min(s.precision for s in sketches)
        parts = [s.downgraded(precision) for s in sketches]
        result = cls(parts[0].type_tag, precision)
        if all(p.sparse is not None for p in parts):
            result.sparse = _max_rank_pairs(
                np.concatenate([p.sparse for p in parts if p.sparse is not None])
            )
            return result._settled()
        result.registers = np.maximum.reduce([p._dense_registers() for p in parts])
        return result

    # --- estimating -----------------------------------------------------------------------------

    def estimate(self) -> int:
        if self.sparse is not None:
            buckets = 1 << self.sparse_precision
            empty = buckets - len(self.sparse)
            return round(buckets * math.log(buckets / empty))  # linear counting
        assert self.registers is not None
        return round(_ertl_estimate(self.registers, self.precision))

    # --- bytes ----------------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        mode = _SPARSE if self.sparse is not None else _DENSE
        header = _HEADER.pack(
            _MAGIC, _VERSION, self.type_tag, self.precision, self.sparse_precision, mode
        )
        if self.sparse is not None:
            deltas = np.diff(self.sparse, prepend=np.uint32(0)).astype("<u4")
            return header + zlib.compress(deltas.tobytes())
        assert self.registers is not None
        return header + zlib.compress(self.registers.tobytes())

    @classmethod
    def from_bytes(cls, data: bytes, function: str) -> Sketch:
        try:
            magic, version, tag, precision, sparse_precision, mode = _HEADER.unpack_from(data)
            payload = zlib.decompress(data[_HEADER.size :])
        except (struct.error, zlib.error):
            magic = b""
        if (
            magic != _MAGIC
            or version != _VERSION
            or not MIN_PRECISION <= precision <= MAX_PRECISION
        ):
            raise ValueError(f"{function}: the input is not a valid HLL++ sketch")
        sketch = cls(tag, precision)
        if sketch.sparse_precision != sparse_precision or tag not in _TYPE_TAGS.values():
            raise ValueError(f"{function}: the input is not a valid HLL++ sketch")
        if mode == _SPARSE:
            sketch.sparse = np.cumsum(np.frombuffer(payload, dtype="<u4"), dtype=np.uint32)
        else:
            sketch.registers = np.frombuffer(payload, dtype=np.uint8).copy()
            if len(sketch.registers) != 1 << precision:
                raise ValueError(f"{function}: the input is not a valid HLL++ sketch")
        return sketch


def _tag_name(tag: int) -> str:
    return next(name for name, value in _TYPE_TAGS.items() if value == tag)


def _bit_length(values: U64) -> NDArray[np.int64]:
    """Vectorized ``int.bit_length`` of unsigned 64-bit values."""
    x = values.astype(np.uint64, copy=True)
    length = np.zeros(x.shape, dtype=np.int64)
    for shift in (32, 16, 8, 4, 2, 1):
        high = x >= np.uint64(1 << shift)
        length[high] += shift
        x[high] >>= np.uint64(shift)
    return length + (x > 0)


def _rank(rest: U64, bits: int) -> NDArray[np.int64]:
    """HLL's rank: leading zeros of the remaining ``bits`` hash bits (at the top) plus one."""
    return np.minimum(64 - _bit_length(rest) + 1, bits + 1)


def _reindex(
    index: NDArray[np.uint32], rank: NDArray[np.uint32], bits: int, new_bits: int
) -> tuple[NDArray[np.uint32], NDArray[np.uint32]]:
    """(index, rank) at ``bits`` index bits -> the same hash's (index, rank) at ``new_bits``."""
    drop = bits - new_bits
    if drop == 0:
        return index, rank
    low = (index & np.uint32((1 << drop) - 1)).astype(np.uint64)
    in_low = drop - _bit_length(low) + 1
    new_rank = np.where(low != 0, in_low, drop + rank.astype(np.int64))
    return index >> np.uint32(drop), new_rank.astype(np.uint32)


def _max_rank_pairs(pairs: NDArray[np.uint32]) -> NDArray[np.uint32]:
    """Sorted pairs keeping, for each index, only its largest rank."""
    pairs = np.unique(pairs)
    index = pairs >> np.uint32(_RANK_BITS)
    last = np.append(index[1:] != index[:-1], True) if len(pairs) else np.zeros(0, dtype=bool)
    return pairs[last]


def _sigma(x: float) -> float:
    if x == 1.0:
        return math.inf
    y, z = 1.0, x
    while True:
        x *= x
        previous = z
        z += x * y
        y += y
        if z == previous:
            return z


def _tau(x: float) -> float:
    if x in (0.0, 1.0):
        return 0.0
    y, z = 1.0, 1.0 - x
    while True:
        x = math.sqrt(x)
        previous = z
        y *= 0.5
        z -= (1.0 - x) ** 2 * y
        if z == previous:
            return z / 3


def _ertl_estimate(registers: NDArray[np.uint8], precision: int) -> float:
    """Ertl, "New cardinality estimation algorithms for HyperLogLog sketches" (2017), alg. 6."""
    m = float(1 << precision)
    q = 64 - precision
    counts = np.bincount(registers, minlength=q + 2).astype(np.float64)
    z = m * _tau(1.0 - counts[q + 1] / m)
    for k in range(q, 0, -1):
        z = 0.5 * (z + counts[k])
    z += m * _sigma(counts[0] / m)
    return m * m / (2.0 * math.log(2.0) * z)


# --- the vectorized UDFs ------------------------------------------------------------------------


def _combined(array: pa.Array | pa.ChunkedArray) -> pa.Array:
    return array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array


def _input_tag(duck_type: str | None) -> int:
    name = (duck_type or "").upper().replace(" ", "")
    for prefix, googlesql in _DUCK_TYPES:
        if name.startswith(prefix):
            return _TYPE_TAGS[googlesql]
    shown = _DUCK_NAMES.get(name, name)
    raise ValueError(
        f"No matching signature for aggregate function HLL_COUNT.INIT for argument types: {shown}. "
        "Supported signatures: HLL_COUNT.INIT(INT64|NUMERIC|BIGNUMERIC|STRING|BYTES [, INT64])"
    )


def _hashes(values: Iterable[bytes | None]) -> U64:
    return np.fromiter(
        (farmhash.fingerprint64(v) for v in values if v is not None), dtype=np.uint64
    )


def _init(lists: pa.ChunkedArray, precisions: pa.ChunkedArray, types: pa.ChunkedArray) -> pa.Array:
    groups = _combined(lists)
    precision_of = _combined(precisions).to_pylist()
    type_of = _combined(types).to_pylist()
    out: list[bytes | None] = []
    for row, values in enumerate(groups):
        items = values.values.to_pylist() if values.is_valid else []
        hashes = _hashes(items)
        if not len(hashes):
            out.append(None)
            continue
        precision = precision_of[row]
        if precision is None or not MIN_PRECISION <= precision <= MAX_PRECISION:
            raise ValueError(
                f"HLL_COUNT.INIT precision must be between {MIN_PRECISION} and {MAX_PRECISION}, "
                f"got {precision}"
            )
        sketch = Sketch.from_hashes(_input_tag(type_of[row]), precision, hashes)
        out.append(sketch.to_bytes())
    return pa.array(out, pa.binary())


def _merged(values: list[bytes | None], function: str) -> Sketch | None:
    sketches = [Sketch.from_bytes(v, function) for v in values if v is not None]
    return Sketch.merged(sketches) if sketches else None


def _merge_partial(lists: pa.ChunkedArray) -> pa.Array:
    out = []
    for values in _combined(lists).to_pylist():
        sketch = _merged(values or [], "HLL_COUNT.MERGE_PARTIAL")
        out.append(None if sketch is None else sketch.to_bytes())
    return pa.array(out, pa.binary())


def _merge(lists: pa.ChunkedArray) -> pa.Array:
    out = []
    for values in _combined(lists).to_pylist():
        sketch = _merged(values or [], "HLL_COUNT.MERGE")
        out.append(0 if sketch is None else sketch.estimate())
    return pa.array(out, pa.int64())


def _extract(sketches: pa.ChunkedArray) -> pa.Array:
    out = []
    for value in _combined(sketches).to_pylist():
        out.append(0 if value is None else Sketch.from_bytes(value, "HLL_COUNT.EXTRACT").estimate())
    return pa.array(out, pa.int64())


UDFS: list[Udf] = [
    Udf("bq_hll_init", _init, ["BLOB[]", "BIGINT", "VARCHAR"], "BLOB", "special", "arrow"),
    Udf("bq_hll_merge_partial", _merge_partial, ["BLOB[]"], "BLOB", "special", "arrow"),
    Udf("bq_hll_merge", _merge, ["BLOB[]"], "BIGINT", "special", "arrow"),
    Udf("bq_hll_extract", _extract, ["BLOB"], "BIGINT", "special", "arrow"),
]


# --- the rewrites -------------------------------------------------------------------------------


def hll_init(node: exp.Expr) -> exp.Expr:
    """HLL_COUNT.INIT(input [, precision]): the sketch of the non-NULL inputs (NULL if none).

    https://cloud.google.com/bigquery/docs/reference/standard-sql/hll_functions#hll_countinit
    """
    args = node.expressions
    value = args[0]
    precision = args[1] if len(args) > 1 else exp.Literal.number(DEFAULT_PRECISION)
    if isinstance(precision, exp.Literal) and not is_number(
        precision, lambda v: MIN_PRECISION <= v <= MAX_PRECISION
    ):
        raise errors.InvalidQuery(
            f"HLL_COUNT.INIT precision must be between {MIN_PRECISION} and {MAX_PRECISION}, "
            f"got {precision.sql()}",
            location="query",
        )
    return call(
        "bq_hll_init",
        call("LIST", call("bq_hash_input", value.copy())),
        exp.cast(precision, exp.DataType.build("BIGINT")),
        call("ANY_VALUE", call("TYPEOF", value.copy())),
    )


def hll_merge(node: exp.Expr) -> exp.Expr:
    """HLL_COUNT.MERGE(sketch): the cardinality of the union of the sketches (0 if none).

    https://cloud.google.com/bigquery/docs/reference/standard-sql/hll_functions#hll_countmerge
    """
    return call("bq_hll_merge", call("LIST", node.expressions[0]))


def hll_merge_partial(node: exp.Expr) -> exp.Expr:
    """HLL_COUNT.MERGE_PARTIAL(sketch): the union of the sketches, as a sketch (NULL if none).

    https://cloud.google.com/bigquery/docs/reference/standard-sql/hll_functions#hll_countmerge_partial
    """
    return call("bq_hll_merge_partial", call("LIST", node.expressions[0]))


def hll_extract(node: exp.Expr) -> exp.Expr:
    """HLL_COUNT.EXTRACT(sketch): the sketch's cardinality estimate (0 for NULL).

    https://cloud.google.com/bigquery/docs/reference/standard-sql/hll_functions#hll_countextract
    """
    return call("bq_hll_extract", node.expressions[0])


NAMESPACED: dict[str, Transform] = {
    "HLL_COUNT.INIT": hll_init,
    "HLL_COUNT.MERGE": hll_merge,
    "HLL_COUNT.MERGE_PARTIAL": hll_merge_partial,
    "HLL_COUNT.EXTRACT": hll_extract,
}
