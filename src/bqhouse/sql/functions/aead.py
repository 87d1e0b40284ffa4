"""AEAD encryption and keysets: KEYS.*, AEAD.* and DETERMINISTIC_* functions.

https://cloud.google.com/bigquery/docs/reference/standard-sql/aead_encryption_functions

A keyset is BYTES holding a serialized Tink ``Keyset`` protocol buffer, as BigQuery's: keys of
type ``AesGcmKey`` (AEAD_AES_GCM_256), ``AesSivKey`` (DETERMINISTIC_AEAD_AES_SIV_CMAC_256) and raw
AES_GCM / AES_CBC_PKCS keys added by KEYS.ADD_KEY_FROM_RAW_BYTES. Ciphertexts follow Tink's wire
format: a 5-byte prefix (0x01 and the big-endian key id) for TINK keys, none for RAW keys, then
the 12-byte IV, the ciphertext and the 16-byte tag for AES-GCM, or the SIV and the ciphertext for
AES-SIV. The cryptography is the ``cryptography`` package's.
"""

from __future__ import annotations

import base64
import inspect
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM, AESSIV
from sqlglot import exp

from bqhouse import errors
from bqhouse.protowire import varint
from bqhouse.sql.builders import Transform, call
from bqhouse.sql.functions import Udf

_TYPE_URL = "type.googleapis.com/google.crypto.tink."
GCM_KEY = _TYPE_URL + "AesGcmKey"
SIV_KEY = _TYPE_URL + "AesSivKey"
CBC_KEY = _TYPE_URL + "AesCbcPkcsKey"

ENABLED, DISABLED, DESTROYED = 1, 2, 3
TINK, LEGACY, RAW, CRUNCHY = 1, 2, 3, 4
SYMMETRIC = 2
_STATUS = {ENABLED: "ENABLED", DISABLED: "DISABLED", DESTROYED: "DESTROYED"}
_PREFIX = {TINK: "TINK", LEGACY: "LEGACY", RAW: "RAW", CRUNCHY: "CRUNCHY"}
_MATERIAL = {SYMMETRIC: "SYMMETRIC"}


class AeadError(ValueError):
    """A failure that SAFE. turns into NULL."""


# --- a minimal protocol buffer codec (varints and length-delimited fields only) ------------------


def _field(number: int, value: int | bytes) -> bytes:
    if isinstance(value, int):
        return varint(number << 3) + varint(value)
    return varint(number << 3 | 2) + varint(len(value)) + value


def _fields(data: bytes) -> list[tuple[int, int | bytes]]:
    """Decode a message into (field number, varint or bytes) pairs."""
    out: list[tuple[int, int | bytes]] = []
    position = 0

    def readvarint() -> int:
        nonlocal position
        shift = result = 0
        while True:
            if position >= len(data) or shift > 63:
                raise AeadError("Keyset deserialization failed: invalid protocol buffer")
            byte = data[position]
            position += 1
            result |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                return result

    while position < len(data):
        key = readvarint()
        number, wire = key >> 3, key & 7
        if wire == 0:
            out.append((number, readvarint()))
        elif wire == 2:
            length = readvarint()
            if position + length > len(data):
                raise AeadError("Keyset deserialization failed: invalid protocol buffer")
            out.append((number, data[position : position + length]))
            position += length
        else:
            raise AeadError("Keyset deserialization failed: invalid protocol buffer")
    return out


# --- keysets -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Key:
    type_url: str
    value: bytes  # the serialized key proto (AesGcmKey, AesSivKey) or the raw key bytes
    key_id: int
    status: int = ENABLED
    prefix: int = TINK
    material: int = SYMMETRIC

    @property
    def secret(self) -> bytes:
        """The AES key bytes."""
        if self.type_url == CBC_KEY:
            return self.value
        number = 2 if self.type_url == SIV_KEY else 3
        for field_number, value in _fields(self.value):
            if field_number == number and isinstance(value, bytes):
                return value
        raise AeadError("Keyset deserialization failed: key has no key material")

    @property
    def output_prefix(self) -> bytes:
        if self.prefix == RAW:
            return b""
        marker = b"\x00" if self.prefix in (LEGACY, CRUNCHY) else b"\x01"
        return marker + self.key_id.to_bytes(4, "big")

    def to_proto(self) -> bytes:
        data = _field(1, self.type_url.encode()) + _field(2, self.value) + _field(3, self.material)
        return (
            _field(1, data)
            + _field(2, self.status)
            + _field(3, self.key_id)
            + _field(4, self.prefix)
        )

    @classmethod
    def from_proto(cls, data: bytes) -> Key:
        fields = dict(_fields(data))
        key_data = dict(_fields(_as_bytes(fields.get(1, b""))))
        return cls(
            type_url=_as_bytes(key_data.get(1, b"")).decode(errors="replace"),
            value=_as_bytes(key_data.get(2, b"")),
            material=_as_int(key_data.get(3, SYMMETRIC)),
            status=_as_int(fields.get(2, ENABLED)),
            key_id=_as_int(fields.get(3, 0)),
            prefix=_as_int(fields.get(4, TINK)),
        )


def _as_bytes(value: int | bytes) -> bytes:
    if not isinstance(value, bytes):
        raise AeadError("Keyset deserialization failed: invalid protocol buffer")
    return value


def _as_int(value: int | bytes) -> int:
    if not isinstance(value, int):
        raise AeadError("Keyset deserialization failed: invalid protocol buffer")
    return value


@dataclass(frozen=True)
class Keyset:
    primary_key_id: int
    keys: tuple[Key, ...]

    def to_bytes(self) -> bytes:
        return _field(1, self.primary_key_id) + b"".join(_field(2, k.to_proto()) for k in self.keys)

    @classmethod
    def from_bytes(cls, data: bytes) -> Keyset:
        primary, keys = 0, []
        for number, value in _fields(data):
            if number == 1:
                primary = _as_int(value)
            elif number == 2:
                keys.append(Key.from_proto(_as_bytes(value)))
        if not keys:
            raise AeadError("Keyset deserialization failed: the keyset has no keys")
        return cls(primary, tuple(keys))

    @property
    def primary(self) -> Key:
        for key in self.keys:
            if key.key_id == self.primary_key_id and key.status == ENABLED:
                return key
        raise AeadError("The keyset has no enabled primary key")

    def to_json(self) -> str:
        keys = [
            {
                "keyData": {
                    "keyMaterialType": _MATERIAL.get(k.material, "UNKNOWN_KEYMATERIAL"),
                    "typeUrl": k.type_url,
                    "value": base64.b64encode(k.value).decode(),
                },
                "keyId": k.key_id,
                "outputPrefixType": _PREFIX.get(k.prefix, "UNKNOWN_PREFIX"),
                "status": _STATUS.get(k.status, "UNKNOWN_STATUS"),
            }
            for k in self.keys
        ]
        return json.dumps({"key": keys, "primaryKeyId": self.primary_key_id}, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Keyset:
        try:
            document = json.loads(text)
            keys = tuple(
                Key(
                    type_url=k["keyData"]["typeUrl"],
                    value=base64.b64decode(k["keyData"]["value"], validate=True),
                    key_id=int(k["keyId"]),
                    status=_enum(_STATUS, k.get("status", "ENABLED")),
                    prefix=_enum(_PREFIX, k.get("outputPrefixType", "TINK")),
                    material=_enum(_MATERIAL, k["keyData"].get("keyMaterialType", "SYMMETRIC")),
                )
                for k in document["key"]
            )
            primary = int(document.get("primaryKeyId", 0))
        except (ValueError, KeyError, TypeError) as exc:
            raise AeadError(f"Keyset deserialization failed: invalid JSON keyset ({exc})") from exc
        if not keys:
            raise AeadError("Keyset deserialization failed: the keyset has no keys")
        return cls(primary, keys)


def _enum(names: dict[int, str], text: str) -> int:
    for number, name in names.items():
        if name == text:
            return number
    raise ValueError(f"unknown value {text!r}")


def _new_key_id(existing: tuple[Key, ...]) -> int:
    taken = {k.key_id for k in existing}
    while True:
        key_id = secrets.randbits(32)
        if key_id and key_id not in taken:
            return key_id


# Key types of KEYS.NEW_KEYSET and KEYS.ROTATE_KEYSET -> (type URL, serialized new key proto).
_NEW_KEY: dict[str, tuple[str, Callable[[], bytes]]] = {
    "AEAD_AES_GCM_256": (GCM_KEY, lambda: _field(3, secrets.token_bytes(32))),
    "DETERMINISTIC_AEAD_AES_SIV_CMAC_256": (SIV_KEY, lambda: _field(2, secrets.token_bytes(64))),
}


def _new_key(key_type: str, existing: tuple[Key, ...]) -> Key:
    spec = _NEW_KEY.get(key_type.upper())
    if spec is None:
        supported = ", ".join(f"'{name}'" for name in _NEW_KEY)
        raise AeadError(f"Unsupported key type '{key_type}'; expected one of {supported}")
    type_url, material = spec
    return Key(type_url, material(), _new_key_id(existing))


def new_keyset(key_type: str) -> bytes:
    key = _new_key(key_type, ())
    return Keyset(key.key_id, (key,)).to_bytes()


def rotate_keyset(keyset: bytes, key_type: str) -> bytes:
    current = Keyset.from_bytes(keyset)
    key = _new_key(key_type, current.keys)
    if key.type_url != current.primary.type_url:
        raise AeadError(
            f"Key type '{key_type}' does not match the type of the keyset's primary key"
        )
    return Keyset(key.key_id, (*current.keys, key)).to_bytes()


# Raw key types of KEYS.ADD_KEY_FROM_RAW_BYTES -> (type URL, allowed key lengths).
_RAW_KEY: dict[str, tuple[str, tuple[int, ...]]] = {
    "AES_GCM": (GCM_KEY, (16, 32)),
    "AES_CBC_PKCS": (CBC_KEY, (16, 24, 32)),
}


def add_key_from_raw_bytes(keyset: bytes, key_type: str, raw: bytes) -> bytes:
    current = Keyset.from_bytes(keyset)
    spec = _RAW_KEY.get(key_type.upper())
    if spec is None:
        supported = ", ".join(f"'{name}'" for name in _RAW_KEY)
        raise AeadError(f"Unsupported key type '{key_type}'; expected one of {supported}")
    type_url, lengths = spec
    if len(raw) not in lengths:
        raise AeadError(
            f"Invalid {key_type.upper()} key length {len(raw)} bytes; expected one of "
            + ", ".join(str(n) for n in lengths)
        )
    value = raw if type_url == CBC_KEY else _field(3, raw)
    key = Key(type_url, value, _new_key_id(current.keys), prefix=RAW)
    return replace(current, keys=(*current.keys, key)).to_bytes()


def keyset_length(keyset: bytes) -> int:
    return len(Keyset.from_bytes(keyset).keys)


def keyset_to_json(keyset: bytes) -> str:
    return Keyset.from_bytes(keyset).to_json()


def keyset_from_json(text: str) -> bytes:
    return Keyset.from_json(text).to_bytes()


# --- encryption ----------------------------------------------------------------------------------


def _encrypt_with(key: Key, plaintext: bytes, associated: bytes) -> bytes:
    if key.type_url == GCM_KEY:
        iv = secrets.token_bytes(12)
        return key.output_prefix + iv + AESGCM(key.secret).encrypt(iv, plaintext, associated)
    if key.type_url == SIV_KEY:
        return key.output_prefix + AESSIV(key.secret).encrypt(plaintext, [associated])
    raise AeadError(f"Encryption with a key of type {key.type_url} is not supported")


def _decrypt_with(key: Key, ciphertext: bytes, associated: bytes) -> bytes:
    if key.type_url == GCM_KEY:
        if len(ciphertext) < 28:
            raise InvalidTag
        return AESGCM(key.secret).decrypt(ciphertext[:12], ciphertext[12:], associated)
    if key.type_url == SIV_KEY:
        return AESSIV(key.secret).decrypt(ciphertext, [associated])
    if key.type_url == CBC_KEY:
        if associated:
            raise InvalidTag  # AES-CBC has no additional data to authenticate
        if len(ciphertext) < 32 or len(ciphertext) % 16:
            raise InvalidTag
        decryptor = Cipher(algorithms.AES(key.secret), modes.CBC(ciphertext[:16])).decryptor()
        padded = decryptor.update(ciphertext[16:]) + decryptor.finalize()
        unpadder = padding.PKCS7(128).unpadder()
        try:
            return unpadder.update(padded) + unpadder.finalize()
        except ValueError:
            raise InvalidTag from None
    raise InvalidTag


_DETERMINISTIC = {SIV_KEY}


def encrypt(keyset: bytes, plaintext: bytes, associated: bytes, deterministic: bool) -> bytes:
    primary = Keyset.from_bytes(keyset).primary
    if (primary.type_url in _DETERMINISTIC) != deterministic:
        wanted = "DETERMINISTIC_AEAD_AES_SIV_CMAC_256" if deterministic else "AEAD_AES_GCM_256"
        raise AeadError(f"The keyset's primary key is not of type {wanted}")
    return _encrypt_with(primary, plaintext, associated)


def decrypt(keyset: bytes, ciphertext: bytes, associated: bytes) -> bytes:
    """Try the keys whose prefix the ciphertext carries, then the RAW keys (as Tink does)."""
    keys = [k for k in Keyset.from_bytes(keyset).keys if k.status == ENABLED]
    for key in keys:
        prefix = key.output_prefix
        if prefix and ciphertext.startswith(prefix):
            try:
                return _decrypt_with(key, ciphertext[len(prefix) :], associated)
            except (InvalidTag, ValueError):
                continue
    for key in keys:
        if key.prefix == RAW:
            try:
                return _decrypt_with(key, ciphertext, associated)
            except (InvalidTag, ValueError):
                continue
    raise AeadError("Decryption failed: the ciphertext does not match any key of the keyset")


def _as_string(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise AeadError("Decryption produced invalid UTF-8 for a STRING result") from None


# --- the UDFs: every one takes the function's name and its SAFE. flag last ------------------------


def _guarded(function: Callable[..., Any]) -> Callable[..., Any]:
    def run(*args: Any) -> Any:
        *values, name, safe = args
        if any(v is None for v in values):
            return None
        try:
            return function(*values)
        except AeadError as exc:
            if safe:
                return None
            raise AeadError(f"{name}: {exc}") from None

    # DuckDB checks the Python arity against the declared parameters. Without annotations: DuckDB
    # resolves each string annotation at registration, ~23 ms apiece (0.5 s of every start-up).
    parameters = [
        p.replace(annotation=inspect.Parameter.empty)
        for p in inspect.signature(function).parameters.values()
    ]
    extra = [
        inspect.Parameter(n, inspect.Parameter.POSITIONAL_OR_KEYWORD) for n in ("name", "safe")
    ]
    run.__signature__ = inspect.Signature(parameters + extra)  # type: ignore[attr-defined]
    return run


def _decrypt_string(keyset: bytes, ciphertext: bytes, associated: bytes) -> str:
    return _as_string(decrypt(keyset, ciphertext, associated))


def _encrypt(keyset: bytes, plaintext: bytes, associated: bytes) -> bytes:
    return encrypt(keyset, plaintext, associated, deterministic=False)


def _deterministic_encrypt(keyset: bytes, plaintext: bytes, associated: bytes) -> bytes:
    return encrypt(keyset, plaintext, associated, deterministic=True)


_TAIL = ["VARCHAR", "BOOLEAN"]
UDFS: list[Udf] = [
    Udf(
        "bq_keys_new_keyset",
        _guarded(new_keyset),
        ["VARCHAR", *_TAIL],
        "BLOB",
        "special",
        side_effects=True,
    ),
    Udf(
        "bq_keys_rotate_keyset",
        _guarded(rotate_keyset),
        ["BLOB", "VARCHAR", *_TAIL],
        "BLOB",
        "special",
        side_effects=True,
    ),
    Udf(
        "bq_keys_add_key_from_raw_bytes",
        _guarded(add_key_from_raw_bytes),
        ["BLOB", "VARCHAR", "BLOB", *_TAIL],
        "BLOB",
        "special",
        side_effects=True,
    ),
    Udf("bq_keys_keyset_length", _guarded(keyset_length), ["BLOB", *_TAIL], "BIGINT", "special"),
    Udf("bq_keys_keyset_to_json", _guarded(keyset_to_json), ["BLOB", *_TAIL], "VARCHAR", "special"),
    Udf(
        "bq_keys_keyset_from_json",
        _guarded(keyset_from_json),
        ["VARCHAR", *_TAIL],
        "BLOB",
        "special",
    ),
    Udf(
        "bq_aead_encrypt",
        _guarded(_encrypt),
        ["BLOB", "BLOB", "BLOB", *_TAIL],
        "BLOB",
        "special",
        side_effects=True,
    ),
    Udf(
        "bq_aead_decrypt_bytes",
        _guarded(decrypt),
        ["BLOB", "BLOB", "BLOB", *_TAIL],
        "BLOB",
        "special",
    ),
    Udf(
        "bq_aead_decrypt_string",
        _guarded(_decrypt_string),
        ["BLOB", "BLOB", "BLOB", *_TAIL],
        "VARCHAR",
        "special",
    ),
    Udf(
        "bq_deterministic_encrypt",
        _guarded(_deterministic_encrypt),
        ["BLOB", "BLOB", "BLOB", *_TAIL],
        "BLOB",
        "special",
    ),
]


# --- the rewrites --------------------------------------------------------------------------------


def _as_blob(node: exp.Expr) -> exp.Expr:
    """STRING arguments are used as their UTF-8 bytes; BYTES as they are."""
    return call("bq_hash_input", node.copy())


def _udf(udf: str, name: str, shapes: str) -> Transform:
    """A rewrite to ``udf``; ``shapes`` has one letter per argument: b = BYTES-ish, s = STRING."""

    def rewrite(node: exp.Expr) -> exp.Expr:
        args = node.expressions
        if len(args) != len(shapes):
            raise_arity(name, len(shapes), len(args))
        converted = [
            _as_blob(a) if shape == "b" else exp.cast(a.copy(), exp.DataType.build("VARCHAR"))
            for a, shape in zip(args, shapes, strict=True)
        ]
        safe = bool(node.meta.get("safe"))
        result = call(udf, *converted, exp.Literal.string(name), exp.Boolean(this=safe))
        result.meta["safe_handled"] = safe
        return result

    rewrite.__doc__ = (
        f"{name}: see https://cloud.google.com/bigquery/docs/reference/standard-sql/"
        "aead_encryption_functions"
    )
    return rewrite


def raise_arity(name: str, expected: int, got: int) -> None:
    raise errors.InvalidQuery(
        f"Number of arguments does not match for function {name}: expected {expected}, got {got}",
        location="query",
    )


NAMESPACED: dict[str, Transform] = {
    "KEYS.NEW_KEYSET": _udf("bq_keys_new_keyset", "KEYS.NEW_KEYSET", "s"),
    "KEYS.ROTATE_KEYSET": _udf("bq_keys_rotate_keyset", "KEYS.ROTATE_KEYSET", "bs"),
    "KEYS.ADD_KEY_FROM_RAW_BYTES": _udf(
        "bq_keys_add_key_from_raw_bytes", "KEYS.ADD_KEY_FROM_RAW_BYTES", "bsb"
    ),
    "KEYS.KEYSET_LENGTH": _udf("bq_keys_keyset_length", "KEYS.KEYSET_LENGTH", "b"),
    "KEYS.KEYSET_TO_JSON": _udf("bq_keys_keyset_to_json", "KEYS.KEYSET_TO_JSON", "b"),
    "KEYS.KEYSET_FROM_JSON": _udf("bq_keys_keyset_from_json", "KEYS.KEYSET_FROM_JSON", "s"),
    "AEAD.ENCRYPT": _udf("bq_aead_encrypt", "AEAD.ENCRYPT", "bbb"),
    "AEAD.DECRYPT_BYTES": _udf("bq_aead_decrypt_bytes", "AEAD.DECRYPT_BYTES", "bbb"),
    "AEAD.DECRYPT_STRING": _udf("bq_aead_decrypt_string", "AEAD.DECRYPT_STRING", "bbb"),
}

# DETERMINISTIC_* are plain names; SAFE.DETERMINISTIC_*(...) reaches them with meta["safe"] set.
FUNCTIONS: dict[str, Transform] = {
    "DETERMINISTIC_ENCRYPT": _udf("bq_deterministic_encrypt", "DETERMINISTIC_ENCRYPT", "bbb"),
    "DETERMINISTIC_DECRYPT_BYTES": _udf(
        "bq_aead_decrypt_bytes", "DETERMINISTIC_DECRYPT_BYTES", "bbb"
    ),
    "DETERMINISTIC_DECRYPT_STRING": _udf(
        "bq_aead_decrypt_string", "DETERMINISTIC_DECRYPT_STRING", "bbb"
    ),
}
