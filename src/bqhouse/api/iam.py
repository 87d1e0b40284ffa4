"""tables.getIamPolicy / setIamPolicy / testIamPermissions: table-level grants.

https://cloud.google.com/bigquery/docs/reference/rest/v2/tables/getIamPolicy. The caller's
permission (``bigquery.tables.getIamPolicy`` / ``setIamPolicy``) is checked by the auth
middleware; with auth off the policy is still kept, and every permission tests as held.
"""

from __future__ import annotations

import base64
import hashlib
import weakref
from typing import TYPE_CHECKING

import orjson
from starlette.requests import Request
from starlette.routing import Route

from bqhouse import errors
from bqhouse.api.app import Resource, endpoint
from bqhouse.warehouse import Warehouse

if TYPE_CHECKING:
    from bqhouse.auth.keys import IamStore

_BASE = "/bigquery/v2/projects/{project}/datasets/{dataset}/tables/{table}"


def _table(wh: Warehouse, request: Request) -> tuple[str, str, str, str]:
    p = request.path_params
    wh.catalog.require_table(p["project"], p["dataset"], p["table"])
    resource = f"projects/{p['project']}/datasets/{p['dataset']}/tables/{p['table']}"
    return p["project"], p["dataset"], p["table"], resource


_STORES: weakref.WeakKeyDictionary[Warehouse, IamStore] = weakref.WeakKeyDictionary()


def _store(wh: Warehouse) -> IamStore:
    from bqhouse.auth.keys import IamStore

    if wh.auth is not None:
        return wh.auth.store
    if wh not in _STORES:
        _STORES[wh] = IamStore(wh.lake.data_dir)
    return _STORES[wh]


def _policy(bindings: dict[str, list[str]]) -> Resource:
    items = [{"role": role, "members": members} for role, members in sorted(bindings.items())]
    etag = hashlib.sha256(orjson.dumps(items)).digest()[:8]
    policy: Resource = {"version": 1, "etag": base64.b64encode(etag).decode()}
    if items:
        policy["bindings"] = items
    return policy


def get_policy(wh: Warehouse, request: Request, body: Resource) -> Resource:
    *_, resource = _table(wh, request)
    return _policy(_store(wh).bindings(resource))


def set_policy(wh: Warehouse, request: Request, body: Resource) -> Resource:
    *_, resource = _table(wh, request)
    store = _store(wh)
    policy = body.get("policy")
    if not isinstance(policy, dict):
        raise errors.Invalid("Missing required field: policy")
    current = _policy(store.bindings(resource))
    if policy.get("etag") and policy["etag"] != current["etag"]:
        # Read-modify-write: a stale etag means someone changed the policy in between.
        raise errors.Invalid("Precondition check failed: the policy's etag does not match")
    bindings: dict[str, list[str]] = {}
    for binding in policy.get("bindings") or []:
        role, members = binding.get("role"), binding.get("members") or []
        if not isinstance(role, str) or not role.startswith("roles/"):
            raise errors.Invalid(f"Invalid role in policy binding: {role!r}")
        bindings.setdefault(role, []).extend(str(m) for m in members)
    store.replace_bindings(resource, bindings)
    return _policy(store.bindings(resource))


def check_permissions(wh: Warehouse, request: Request, body: Resource) -> Resource:
    project, dataset, table, _ = _table(wh, request)
    asked = [str(p) for p in body.get("permissions") or []]
    if wh.auth is None:
        return {"permissions": asked}
    from bqhouse.auth.permissions import allows
    from bqhouse.auth.policy import current_identity

    identity = current_identity.get()
    if identity is None:
        return {"permissions": []}
    held = wh.auth.authorizer.permissions(identity, project, dataset, table)
    return {"permissions": [p for p in asked if allows(held, p)]}


ROUTES = [
    Route(_BASE + ":getIamPolicy", endpoint(get_policy), methods=["POST"]),
    Route(_BASE + ":setIamPolicy", endpoint(set_policy), methods=["POST"]),
    Route(_BASE + ":testIamPermissions", endpoint(check_permissions), methods=["POST"]),
]
