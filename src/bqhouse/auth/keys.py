"""Service accounts, their RSA keys and IAM grants, kept in ``auth.sqlite`` in the data dir.

The server keeps only public keys: ``create_key`` returns the private key once, inside the standard
service-account key file (https://cloud.google.com/iam/docs/keys-create-delete), and forgets it.
"""

from __future__ import annotations

import secrets
import sqlite3
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from bqhouse import errors

DB_NAME = "auth.sqlite"
DEFAULT_TOKEN_URI = "http://127.0.0.1:9050/token"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS service_accounts (
    email TEXT PRIMARY KEY, name TEXT NOT NULL, project TEXT NOT NULL, created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS keys (
    key_id TEXT PRIMARY KEY, email TEXT NOT NULL, public_pem TEXT NOT NULL,
    created REAL NOT NULL, disabled INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS grants (
    resource TEXT NOT NULL, role TEXT NOT NULL, member TEXT NOT NULL,
    PRIMARY KEY (resource, role, member)
);
CREATE TABLE IF NOT EXISTS job_owners (
    project TEXT NOT NULL, job_id TEXT NOT NULL, email TEXT NOT NULL, PRIMARY KEY (project, job_id)
);
CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass(frozen=True)
class KeyInfo:
    """A stored public key."""

    key_id: str
    email: str
    public_pem: str
    created: float
    disabled: bool


def _key_info(row: tuple[Any, ...]) -> KeyInfo:
    key_id, email, public_pem, created, disabled = row
    return KeyInfo(str(key_id), str(email), str(public_pem), float(created), bool(disabled))


def service_account_email(name: str, project: str) -> str:
    """The email BigQuery would show for service account ``name``.

    >>> service_account_email("etl", "p")
    'etl@p.iam.gserviceaccount.com'
    """
    return name if "@" in name else f"{name}@{project}.iam.gserviceaccount.com"


def new_key_pair() -> tuple[str, str]:
    """A fresh 2048-bit RSA key pair as (private PKCS#8 PEM, public SubjectPublicKeyInfo PEM)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private, public


def key_file(
    email: str, project: str, key_id: str, private_pem: str, token_uri: str
) -> dict[str, Any]:
    """The key file ``google.oauth2.service_account`` reads; token_uri points at bqhouse."""
    return {
        "type": "service_account",
        "project_id": project,
        "private_key_id": key_id,
        "private_key": private_pem,
        "client_email": email,
        "client_id": str(uuid.uuid5(uuid.NAMESPACE_DNS, email).int)[:21],
        "auth_uri": token_uri.rsplit("/", 1)[0] + "/auth",
        "token_uri": token_uri,
        "universe_domain": "googleapis.com",
    }


class IamStore:
    """Service accounts, public keys and grants of one data dir (SQLite, safe across processes).

    >>> import tempfile
    >>> store = IamStore(tempfile.mkdtemp())
    >>> store.create_service_account("etl", "p")
    'etl@p.iam.gserviceaccount.com'
    """

    def __init__(self, data_dir: str | Path) -> None:
        self.path = Path(data_dir) / DB_NAME
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA busy_timeout = 10000")
        self._db.executescript(_SCHEMA)
        self.path.chmod(0o600)

    def _rows(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    def close(self) -> None:
        self._db.close()

    # -- service accounts ------------------------------------------------------------------------

    def create_service_account(self, name: str, project: str) -> str:
        email = service_account_email(name, project)
        try:
            self._rows(
                "INSERT INTO service_accounts VALUES (?, ?, ?, ?)",
                email,
                name.split("@")[0],
                project,
                time.time(),
            )
        except sqlite3.IntegrityError as exc:
            raise errors.Duplicate(f"Already Exists: Service account {email}") from exc
        return email

    def service_account(self, name: str, project: str) -> str:
        """The email of an existing service account, or NotFound."""
        email = service_account_email(name, project)
        if not self._rows("SELECT 1 FROM service_accounts WHERE email = ?", email):
            raise errors.NotFound(f"Not found: Service account {email}")
        return email

    def service_accounts(self) -> list[str]:
        return [r[0] for r in self._rows("SELECT email FROM service_accounts ORDER BY email")]

    # -- keys ------------------------------------------------------------------------------------

    def create_key(self, email: str, project: str, token_uri: str) -> dict[str, Any]:
        """Store a new public key for ``email``; the key file (with the private key) is returned."""
        private, public = new_key_pair()
        key_id = secrets.token_hex(20)
        self._rows("INSERT INTO keys VALUES (?, ?, ?, ?, 0)", key_id, email, public, time.time())
        return key_file(email, project, key_id, private, token_uri)

    def key(self, key_id: str) -> KeyInfo | None:
        rows = self._rows("SELECT * FROM keys WHERE key_id = ?", key_id)
        return _key_info(rows[0]) if rows else None

    def keys(self, email: str) -> list[KeyInfo]:
        rows = self._rows("SELECT * FROM keys WHERE email = ? ORDER BY created", email)
        return [_key_info(r) for r in rows]

    def set_key_disabled(self, key_id: str, disabled: bool) -> None:
        self._require_key(key_id)
        self._rows("UPDATE keys SET disabled = ? WHERE key_id = ?", int(disabled), key_id)

    def delete_key(self, key_id: str) -> None:
        self._require_key(key_id)
        self._rows("DELETE FROM keys WHERE key_id = ?", key_id)

    def _require_key(self, key_id: str) -> None:
        if self.key(key_id) is None:
            raise errors.NotFound(f"Not found: Key {key_id}")

    # -- grants ----------------------------------------------------------------------------------

    def grant(self, resource: str, role: str, member: str) -> None:
        self._rows("INSERT OR IGNORE INTO grants VALUES (?, ?, ?)", resource, role, member)

    def revoke(self, resource: str, role: str, member: str) -> None:
        self._rows(
            "DELETE FROM grants WHERE resource = ? AND role = ? AND member = ?",
            resource,
            role,
            member,
        )

    def bindings(self, resource: str) -> dict[str, list[str]]:
        """``{role: [member, ...]}`` granted on ``resource`` (``projects/p`` or a table path)."""
        found: dict[str, list[str]] = {}
        for role, member in self._rows(
            "SELECT role, member FROM grants WHERE resource = ? ORDER BY role, member", resource
        ):
            found.setdefault(role, []).append(member)
        return found

    def replace_bindings(self, resource: str, bindings: dict[str, list[str]]) -> None:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.execute("DELETE FROM grants WHERE resource = ?", (resource,))
                self._db.executemany(
                    "INSERT OR IGNORE INTO grants VALUES (?, ?, ?)",
                    [(resource, role, m) for role, members in bindings.items() for m in members],
                )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def roles_of(self, resource: str, members: set[str]) -> set[str]:
        return {role for role, granted in self.bindings(resource).items() if members & set(granted)}

    def set_job_owner(self, project: str, job_id: str, email: str) -> None:
        self._rows("INSERT OR REPLACE INTO job_owners VALUES (?, ?, ?)", project, job_id, email)

    def job_owner(self, project: str, job_id: str) -> str | None:
        rows = self._rows(
            "SELECT email FROM job_owners WHERE project = ? AND job_id = ?", project, job_id
        )
        return str(rows[0][0]) if rows else None

    # -- the secret that signs access tokens -------------------------------------------------------

    def token_secret(self) -> bytes:
        self._rows(
            "INSERT OR IGNORE INTO settings VALUES ('token_secret', ?)", secrets.token_hex(32)
        )
        return bytes.fromhex(
            self._rows("SELECT value FROM settings WHERE name = 'token_secret'")[0][0]
        )
