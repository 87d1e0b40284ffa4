"""JWTs in (the JWT-bearer grant, self-signed JWTs) and short-lived access tokens out.

Assertions follow RFC 7523 as ``google.oauth2.service_account.Credentials`` sends them
(https://developers.google.com/identity/protocols/oauth2/service-account#authorizingrequests):
RS256, ``kid`` = the key id, ``iss`` = the account email, ``aud`` = a token URI, at most one hour.
Access tokens are ``bqh1.<claims>.<HMAC-SHA256>``, signed with a secret kept in ``auth.sqlite``,
so they survive a restart and are checked without a lookup table; disabling or deleting the key
that obtained one revokes it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from dataclasses import dataclass
from typing import Any

import orjson
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from bqhouse.auth.keys import IamStore

ACCESS_TOKEN_SECONDS = 3600
# google-auth signs assertions valid for one hour; a little clock skew is tolerated.
_MAX_ASSERTION_SECONDS = 3600
_SKEW = 300
_PREFIX = "bqh1"
METADATA_KEY = "metadata"
# google-auth names Google's token endpoint as the audience whatever the key file's token_uri says;
# the key is bqhouse's own, so such an assertion can only ever be redeemed here.
GOOGLE_TOKEN_URI = "https://oauth2.googleapis.com/token"
# Audiences a self-signed JWT (no token exchange) may name: BigQuery's and its Storage API's.
SELF_SIGNED_AUDIENCES = (
    "https://bigquery.googleapis.com/",
    "https://bigquerystorage.googleapis.com/",
)


class TokenError(Exception):
    """A token or assertion that does not authenticate anyone; the message says why."""


@dataclass(frozen=True)
class Identity:
    """Who a valid token speaks for."""

    email: str
    key_id: str

    @property
    def member(self) -> str:
        return f"serviceAccount:{self.email}"


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _b64encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _verify_rs256(store: IamStore, token: str) -> tuple[dict[str, Any], Identity]:
    """Check a JWT's RS256 signature with the stored public key its ``kid`` names."""
    try:
        header_b64, claims_b64, signature_b64 = token.split(".")
        header = orjson.loads(_b64decode(header_b64))
        claims = orjson.loads(_b64decode(claims_b64))
        signature = _b64decode(signature_b64)
    except (ValueError, orjson.JSONDecodeError) as exc:
        raise TokenError("malformed JWT") from exc
    if not isinstance(header, dict) or not isinstance(claims, dict) or header.get("alg") != "RS256":
        raise TokenError("JWT must be an RS256-signed object")
    key = store.key(str(header.get("kid") or ""))
    if key is None or key.disabled:
        raise TokenError("JWT signed by an unknown or disabled key")
    public = serialization.load_pem_public_key(key.public_pem.encode())
    assert isinstance(public, rsa.RSAPublicKey)
    try:
        public.verify(
            signature,
            f"{header_b64}.{claims_b64}".encode(),
            padding.PKCS1v15(),
            hashes.SHA256(),
        )
    except InvalidSignature as exc:
        raise TokenError("invalid JWT signature") from exc
    if claims.get("iss") != key.email:
        raise TokenError("JWT issuer is not the key's service account")
    _check_times(claims)
    return claims, Identity(key.email, key.key_id)


def _check_times(claims: dict[str, Any]) -> None:
    now = time.time()
    try:
        iat, exp = float(claims["iat"]), float(claims["exp"])
    except (KeyError, TypeError, ValueError) as exc:
        raise TokenError("JWT needs numeric iat and exp") from exc
    if exp < now - _SKEW:
        raise TokenError("JWT has expired")
    if iat > now + _SKEW or exp - iat > _MAX_ASSERTION_SECONDS + _SKEW:
        raise TokenError("JWT lifetime is invalid")


def verify_assertion(store: IamStore, assertion: str, token_uri: str) -> Identity:
    """The service account a JWT-bearer grant's assertion authenticates (audience = token URI)."""
    claims, identity = _verify_rs256(store, assertion)
    if claims.get("aud") not in (token_uri, GOOGLE_TOKEN_URI):
        raise TokenError(f"JWT audience must be {token_uri}")
    return identity


def issue(store: IamStore, identity: Identity, *, lifetime: int = ACCESS_TOKEN_SECONDS) -> str:
    """A signed access token for ``identity``, valid ``lifetime`` seconds (negative: expired)."""
    now = int(time.time())
    claims = {"sub": identity.email, "kid": identity.key_id, "iat": now, "exp": now + lifetime}
    body = f"{_PREFIX}.{_b64encode(orjson.dumps(claims))}"
    mac = hmac.new(store.token_secret(), body.encode(), hashlib.sha256).digest()
    return f"{body}.{_b64encode(mac)}"


def authenticate(store: IamStore, token: str) -> Identity:
    """Who a bearer token (ours, or a self-signed JWT) speaks for; TokenError otherwise."""
    if not token.startswith(_PREFIX + "."):
        claims, identity = _verify_rs256(store, token)
        if claims.get("aud") not in SELF_SIGNED_AUDIENCES and "scope" not in claims:
            raise TokenError("self-signed JWT has the wrong audience")
        return identity
    body, _, mac = token.rpartition(".")
    expected = hmac.new(store.token_secret(), body.encode(), hashlib.sha256).digest()
    try:
        valid = hmac.compare_digest(_b64decode(mac), expected)
        claims = orjson.loads(_b64decode(body.split(".", 1)[1]))
    except (ValueError, orjson.JSONDecodeError) as exc:
        raise TokenError("malformed access token") from exc
    if not valid:
        raise TokenError("access token signature does not match")
    if float(claims["exp"]) <= time.time():
        raise TokenError("access token has expired")
    identity = Identity(str(claims["sub"]), str(claims["kid"]))
    if identity.key_id == METADATA_KEY:
        if identity.email not in store.service_accounts():
            raise TokenError("service account no longer exists")
    else:
        key = store.key(identity.key_id)
        if key is None or key.disabled:
            raise TokenError("the key that obtained this token is disabled or deleted")
    return identity
