"""NET functions: URL hosts and domains, IP addresses as BYTES.

https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions
Python UDFs (``ipaddress`` and the Public Suffix List bundled with ``publicsuffixlist``, no
network access).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from functools import cache

from publicsuffixlist import PublicSuffixList
from sqlglot import exp

from bqhouse.sql.builders import Transform, call
from bqhouse.sql.functions import Udf

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")


@cache
def _suffixes() -> PublicSuffixList:
    return PublicSuffixList(only_icann=True, accept_unknown=False)


def _host(url: str) -> str | None:
    """The host of a URL: no scheme, user info, port, path, query or fragment."""
    text = url.strip()
    match = _SCHEME.match(text)
    if match:
        text = text[match.end() :]
    elif text.startswith("//"):
        text = text[2:]
    text = re.split(r"[/?#]", text, maxsplit=1)[0]
    text = text.rsplit("@", 1)[-1]
    if text.startswith("["):
        end = text.find("]")
        text = text[: end + 1] if end >= 0 else text
    else:
        text = text.split(":", 1)[0]
    return text or None


def _labels_like(host: str, suffix: str | None) -> str | None:
    """The last labels of ``host`` (original case) matching the lower-case ``suffix``."""
    if not suffix:
        return None
    count = suffix.count(".") + 1
    return ".".join(host.split(".")[-count:])


def _public_suffix(url: str) -> str | None:
    host = _host(url)
    if host is None or host.startswith("[") or "." not in host:
        return None
    return _labels_like(host, _suffixes().publicsuffix(host.lower().rstrip(".")))


def _reg_domain(url: str) -> str | None:
    host = _host(url)
    if host is None or host.startswith("[") or "." not in host:
        return None
    return _labels_like(host, _suffixes().privatesuffix(host.lower().rstrip(".")))


def _ip_from_string(text: str) -> bytes:
    try:
        return ipaddress.ip_address(text).packed
    except ValueError:
        raise ValueError(f"Unparseable IP address: {text}") from None


def _safe_ip_from_string(text: str) -> bytes | None:
    try:
        return ipaddress.ip_address(text).packed
    except ValueError:
        return None


def _ip_to_string(data: bytes) -> str:
    if len(data) == 4:
        return str(ipaddress.IPv4Address(data))
    if len(data) == 16:
        address = ipaddress.IPv6Address(data)
        if address.ipv4_mapped is not None:
            return f"::ffff:{address.ipv4_mapped}"
        return str(address)
    raise ValueError(f"Invalid IP address bytes: length {len(data)}")


def _ipv4_from_int64(value: int) -> bytes:
    if not -(2**31) <= value <= 2**32 - 1:
        raise ValueError(f"Invalid IPv4 integer: {value}")
    return (value & 0xFFFFFFFF).to_bytes(4, "big")


def _ipv4_to_int64(data: bytes) -> int:
    if len(data) != 4:
        raise ValueError(f"NET.IPV4_TO_INT64 requires 4 bytes, got {len(data)}")
    return int.from_bytes(data, "big")


def _ip_net_mask(length: int, prefix: int) -> bytes:
    if length not in (4, 16) or not 0 <= prefix <= length * 8:
        raise ValueError(f"Invalid arguments to NET.IP_NET_MASK: {length}, {prefix}")
    bits = length * 8
    return (((1 << bits) - 1) ^ ((1 << (bits - prefix)) - 1)).to_bytes(length, "big")


def _ip_trunc(data: bytes, prefix: int) -> bytes:
    if len(data) not in (4, 16) or not 0 <= prefix <= len(data) * 8:
        raise ValueError(f"Invalid arguments to NET.IP_TRUNC: length {len(data)}, {prefix}")
    mask = int.from_bytes(_ip_net_mask(len(data), prefix), "big")
    return (int.from_bytes(data, "big") & mask).to_bytes(len(data), "big")


def _nullable(function: Callable[[str], str | None]) -> Callable[[str | None], str | None]:
    """NULL in, NULL out, for UDFs that may also return NULL (DuckDB's "special" handling)."""

    def wrapper(value: str | None) -> str | None:
        return None if value is None else function(value)

    return wrapper


def _safe_ip_nullable(text: str | None) -> bytes | None:
    return None if text is None else _safe_ip_from_string(text)


UDFS: list[Udf] = [
    Udf("bq_net_host", _nullable(_host), ["VARCHAR"], "VARCHAR", "special"),
    Udf("bq_net_public_suffix", _nullable(_public_suffix), ["VARCHAR"], "VARCHAR", "special"),
    Udf("bq_net_reg_domain", _nullable(_reg_domain), ["VARCHAR"], "VARCHAR", "special"),
    Udf("bq_net_ip_from_string", _ip_from_string, ["VARCHAR"], "BLOB"),
    Udf("bq_net_safe_ip_from_string", _safe_ip_nullable, ["VARCHAR"], "BLOB", "special"),
    Udf("bq_net_ip_to_string", _ip_to_string, ["BLOB"], "VARCHAR"),
    Udf("bq_net_ipv4_from_int64", _ipv4_from_int64, ["BIGINT"], "BLOB"),
    Udf("bq_net_ipv4_to_int64", _ipv4_to_int64, ["BLOB"], "BIGINT"),
    Udf("bq_net_ip_net_mask", _ip_net_mask, ["BIGINT", "BIGINT"], "BLOB"),
    Udf("bq_net_ip_trunc", _ip_trunc, ["BLOB", "BIGINT"], "BLOB"),
]

_NAMES = {
    "HOST": "bq_net_host",
    "REGDOMAIN": "bq_net_reg_domain",
    "REG_DOMAIN": "bq_net_reg_domain",
    "PUBLIC_SUFFIX": "bq_net_public_suffix",
    "IP_FROM_STRING": "bq_net_ip_from_string",
    "SAFE_IP_FROM_STRING": "bq_net_safe_ip_from_string",
    "IP_TO_STRING": "bq_net_ip_to_string",
    "IPV4_FROM_INT64": "bq_net_ipv4_from_int64",
    "IPV4_TO_INT64": "bq_net_ipv4_to_int64",
    "IP_NET_MASK": "bq_net_ip_net_mask",
    "IP_TRUNC": "bq_net_ip_trunc",
}


def net_function(node: exp.Expr) -> exp.Expr:
    """``NET.X(...)`` -> the ``bq_net_x`` UDF.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions
    """
    inner = node.this
    if isinstance(inner, exp.Anonymous):
        name, args = str(inner.this).upper(), list(inner.expressions)
    elif isinstance(inner, exp.Func):
        name = type(inner).__name__.upper()
        args = [a for a in [inner.this, *inner.expressions] if isinstance(a, exp.Expr)]
    else:
        return node
    udf = _NAMES.get(name)
    return call(udf, *args) if udf else node


TRANSFORMS: dict[type[exp.Expr], Transform] = {exp.NetFunc: net_function}
