"""Hash functions: FARM_FINGERPRINT with the real FarmHash Fingerprint64, MD5 and the SHA family.

https://cloud.google.com/bigquery/docs/reference/standard-sql/hash_functions
STRING inputs are hashed as their UTF-8 bytes; the digests are BYTES.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import farmhash
from sqlglot import exp

from bqhouse.sql.builders import Transform, call
from bqhouse.sql.functions import Udf

MACROS: list[str] = [
    # The bytes a hash function sees: UTF-8 for STRING, the value itself for BYTES.
    "CREATE OR REPLACE MACRO bq_hash_input(x) AS CASE WHEN typeof(x) = 'BLOB' "
    "THEN CAST(CAST(x AS VARCHAR) AS BLOB) ELSE encode(CAST(x AS VARCHAR)) END",
]


def _fingerprint(data: bytes) -> int:
    unsigned = int(farmhash.fingerprint64(data))
    return unsigned - (1 << 64) if unsigned >= 1 << 63 else unsigned


def _digest(name: str) -> Callable[[bytes], bytes]:
    def digest(data: bytes) -> bytes:
        return hashlib.new(name, data).digest()

    return digest


UDFS: list[Udf] = [
    Udf("bq_farm_fingerprint", _fingerprint, ["BLOB"], "BIGINT"),
    Udf("bq_md5", _digest("md5"), ["BLOB"], "BLOB"),
    Udf("bq_sha1", _digest("sha1"), ["BLOB"], "BLOB"),
    Udf("bq_sha256", _digest("sha256"), ["BLOB"], "BLOB"),
    Udf("bq_sha512", _digest("sha512"), ["BLOB"], "BLOB"),
]


def farm_fingerprint(node: exp.Expr) -> exp.Expr:
    """FarmHash Fingerprint64 as a signed INT64.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/hash_functions#farm_fingerprint
    """
    value = node.expressions[0] if node.expressions else node.this
    return call("bq_farm_fingerprint", call("bq_hash_input", value))


def digest(node: exp.Expr) -> exp.Expr:
    """MD5 / SHA1 / SHA256 / SHA512 return BYTES.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/hash_functions#sha512
    """
    if isinstance(node, exp.MD5Digest):
        name = "bq_md5"
    elif isinstance(node, exp.SHA1Digest):
        name = "bq_sha1"
    else:
        length = node.args.get("length")
        name = "bq_sha512" if length is not None and length.name == "512" else "bq_sha256"
    return call(name, call("bq_hash_input", node.this))


TRANSFORMS: dict[type[exp.Expr], Transform] = {
    exp.FarmFingerprint: farm_fingerprint,
    exp.MD5Digest: digest,
    exp.SHA1Digest: digest,
    exp.SHA2Digest: digest,
}
