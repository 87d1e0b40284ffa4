"""Identity and access: service accounts and keys, tokens, the metadata server, IAM checks.

Off unless ``enable_auth(warehouse)`` (``bqhouse serve --auth``) is called; see docs/security.md.
"""

from __future__ import annotations

from bqhouse.auth.keys import IamStore, service_account_email
from bqhouse.auth.service import Auth, enable_auth

__all__ = ["Auth", "IamStore", "enable_auth", "service_account_email"]
