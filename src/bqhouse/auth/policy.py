"""Decisions: may this identity use this permission on this project, dataset, table or job?

A caller's roles are the union of its project grants (``bqhouse iam grant``), the dataset's
``access`` entries and the table's IAM policy, as in
https://cloud.google.com/bigquery/docs/access-control. Every decision is written to the
``bqhouse.audit`` logger with the principal, method, permission, resource and outcome.
"""

from __future__ import annotations

import logging
from contextvars import ContextVar
from typing import Any

from bqhouse import errors
from bqhouse.auth.keys import IamStore
from bqhouse.auth.permissions import (
    DATASET_ROLES,
    JOB_RESULTS,
    READ_DATA,
    REST_RULES,
    SPECIAL_GROUPS,
    STATEMENT_PERMISSIONS,
    UNMAPPED,
    WRITE_DATA,
    Rule,
    allows,
    permissions_of,
)
from bqhouse.auth.tokens import Identity
from bqhouse.sql import TableRef, Translated, translate
from bqhouse.storage.catalog import Catalog

# The caller of the request being served; None when auth is off (everything is allowed).
current_identity: ContextVar[Identity | None] = ContextVar("bqhouse_identity", default=None)
audit = logging.getLogger("bqhouse.audit")

Resource = dict[str, Any]
_DATASET_LEVEL_WRITES = {"CREATE_TABLE", "CREATE_TABLE_AS_SELECT", "CREATE_VIEW"}


def table_resource(project: str, dataset: str, table: str) -> str:
    """The IAM resource name of a table.

    >>> table_resource("p", "d", "t")
    'projects/p/datasets/d/tables/t'
    """
    return f"projects/{project}/datasets/{dataset}/tables/{table}"


def denied_message(permission: str, project: str, dataset: str | None, table: str | None) -> str:
    """BigQuery's wording for a refused permission."""
    if dataset and table:
        name = f"{project}:{dataset}.{table}"
        return (
            f"Access Denied: Table {name}: Permission {permission} denied on table {name} "
            "(or it may not exist)."
        )
    if dataset:
        name = f"{project}:{dataset}"
        return (
            f"Access Denied: Dataset {name}: Permission {permission} denied on dataset {name} "
            "(or it may not exist)."
        )
    return (
        f"Access Denied: Project {project}: User does not have {permission} permission in "
        f"project {project}."
    )


def _entry_matches(entry: Resource, identity: Identity, project_roles: set[str]) -> bool:
    """Whether one dataset access entry names ``identity`` (groups have no directory here)."""
    if entry.get("userByEmail", "").lower() == identity.email.lower():
        return True
    if entry.get("iamMember") == identity.member:
        return True
    if entry.get("domain") and identity.email.lower().endswith("@" + entry["domain"].lower()):
        return True
    special = entry.get("specialGroup")
    if special == "allAuthenticatedUsers":
        return True
    return bool(special in SPECIAL_GROUPS and project_roles & SPECIAL_GROUPS[special])


class Authorizer:
    """Answers permission questions for one warehouse's catalog and IAM store."""

    def __init__(self, store: IamStore, catalog: Catalog, default_project: str) -> None:
        self.store = store
        self.catalog = catalog
        self.default_project = default_project

    # -- roles -----------------------------------------------------------------------------------

    @staticmethod
    def members(identity: Identity) -> set[str]:
        return {identity.member, "allAuthenticatedUsers"}

    def _dataset_roles(
        self, identity: Identity, project: str, dataset: str, project_roles: set[str]
    ) -> set[str]:
        try:
            access = self.catalog.get_dataset(project, dataset).get("access") or []
        except errors.NotFound:
            return set()
        return {
            DATASET_ROLES.get(entry.get("role", ""), entry.get("role", ""))
            for entry in access
            if entry.get("role") and _entry_matches(entry, identity, project_roles)
        }

    def permissions(
        self, identity: Identity, project: str, dataset: str | None = None, table: str | None = None
    ) -> set[str]:
        """Every permission ``identity`` holds on the resource."""
        members = self.members(identity)
        project_roles = self.store.roles_of(f"projects/{project}", members)
        roles = set(project_roles)
        if dataset:
            roles |= self._dataset_roles(identity, project, dataset, project_roles)
        if dataset and table:
            roles |= self.store.roles_of(table_resource(project, dataset, table), members)
        return permissions_of(roles)

    # -- decisions -------------------------------------------------------------------------------

    def check(
        self,
        identity: Identity,
        method: str,
        permission: str,
        project: str,
        dataset: str | None = None,
        table: str | None = None,
    ) -> bool:
        allowed = allows(self.permissions(identity, project, dataset, table), permission)
        _log(identity, method, permission, _resource(project, dataset, table), allowed)
        return allowed

    def require(
        self,
        identity: Identity,
        method: str,
        permission: str,
        project: str,
        dataset: str | None = None,
        table: str | None = None,
    ) -> None:
        """AccessDenied, worded as BigQuery words it, unless ``identity`` holds ``permission``."""
        if not self.check(identity, method, permission, project, dataset, table):
            raise errors.AccessDenied(denied_message(permission, project, dataset, table))

    def require_route(
        self, identity: Identity, http_method: str, path: str, params: dict[str, str]
    ) -> None:
        """The check for one REST call, from ``REST_RULES`` (unknown routes: admins only)."""
        rule = REST_RULES.get((http_method, path)) or Rule(f"{http_method} {path}", UNMAPPED, "")
        project = params.get("project") or self.default_project
        if rule.permission is None:
            _log(identity, rule.method, "(authenticated)", _resource(project, None, None), True)
        elif rule.level == "job":
            self._require_job(identity, rule, project, params["job"])
        else:
            dataset = params.get("dataset") if rule.level in ("dataset", "table") else None
            table = params.get("table") if rule.level == "table" else None
            self.require(identity, rule.method, rule.permission, project, dataset, table)

    def require_job_results(self, identity: Identity, project: str, job_id: str) -> None:
        """Reading a job's results (getQueryResults, or ReadRows on its ``_default`` stream)."""
        self._require_job(identity, JOB_RESULTS, project, job_id)

    def _require_job(self, identity: Identity, rule: Rule, project: str, job_id: str) -> None:
        # A job's creator may read, cancel and delete it; others need the jobs.* permission.
        assert rule.permission is not None
        held = self.permissions(identity, project)
        owner = self.store.job_owner(project, job_id)
        allowed = allows(held, rule.permission) or (
            owner == identity.email and allows(held, "bigquery.jobs.create")
        )
        _log(identity, rule.method, rule.permission, f"projects/{project}/jobs/{job_id}", allowed)
        if not allowed:
            raise errors.AccessDenied(
                f"Access Denied: Job {project}:{job_id}: Permission {rule.permission} denied on "
                f"job {project}:{job_id} (or it may not exist)."
            )

    # -- queries and jobs (hooks of JobService and QueryRunner) ---------------------------------

    def authorize_statement(self, statement: Translated) -> None:
        """Reads need tables.getData (through views: see ``_require_read``); writes their own."""
        identity = current_identity.get()
        if identity is None:
            return
        kind = statement.statement_type
        if statement.dataset is not None:  # CREATE/DROP/ALTER SCHEMA
            project, dataset = statement.dataset
            permission = STATEMENT_PERMISSIONS[kind]
            where = (project,) if kind == "CREATE_SCHEMA" else (project, dataset)
            self.require(identity, "jobs.query", permission, *where)
            return
        write = STATEMENT_PERMISSIONS.get(kind) or (WRITE_DATA if statement.target else None)
        target = statement.target
        for ref in statement.tables:
            if ref != target:
                self._require_read(identity, ref, frozenset())
        if target is not None and write is not None:
            if kind in _DATASET_LEVEL_WRITES:
                self.require(identity, "jobs.query", write, target.project, target.dataset)
            else:
                self.require(identity, "jobs.query", write, *_parts(target))

    def _require_read(self, identity: Identity, ref: TableRef, seen: frozenset[TableRef]) -> None:
        """getData on ``ref``; through a view, on each table it reads unless the view is
        authorized in that table's dataset (https://cloud.google.com/bigquery/docs/authorized-views).
        """
        self.require(identity, "jobs.query", READ_DATA, *_parts(ref))
        if self.catalog.table_kind(*_parts(ref)) != "VIEW":
            return
        for under in self._view_tables(ref):
            if under in seen or under == ref:
                continue
            if self._authorized(ref, under):
                _log(
                    identity,
                    "jobs.query",
                    READ_DATA,
                    f"{table_resource(*_parts(under))} via authorized view "
                    f"{table_resource(*_parts(ref))}",
                    True,
                )
                continue
            self._require_read(identity, under, seen | {ref})

    def _view_tables(self, view: TableRef) -> list[TableRef]:
        query = (self.catalog.get_table(*_parts(view)).get("view") or {}).get("query") or ""
        found: list[TableRef] = []
        for statement in translate(
            query, default_project=view.project, default_dataset=view.dataset
        ):
            found += statement.tables
        return found

    def _authorized(self, view: TableRef, under: TableRef) -> bool:
        try:
            access = self.catalog.get_dataset(under.project, under.dataset).get("access") or []
        except errors.NotFound:
            return False
        me = {"projectId": view.project, "datasetId": view.dataset, "tableId": view.table}
        for entry in access:
            if entry.get("view") == me:
                return True
            authorized_dataset = (entry.get("dataset") or {}).get("dataset") or {}
            if authorized_dataset == {"projectId": view.project, "datasetId": view.dataset}:
                return True
        return False

    def authorize_job(self, project: str, job: Resource) -> None:
        """Record the job's owner and check the tables its configuration names."""
        identity = current_identity.get()
        if identity is None:
            return
        job["user_email"] = identity.email
        self.store.set_job_owner(project, job["jobReference"]["jobId"], identity.email)
        config = job.get("configuration") or {}
        for kind in ("query", "load", "copy", "extract"):
            section = config.get(kind) or {}
            sources = section.get("sourceTables") or [section.get("sourceTable")]
            if kind in ("copy", "extract"):
                for source in filter(None, sources):
                    self._require_read(identity, _ref(source, project), frozenset())
            if section.get("destinationTable"):
                self._require_write(identity, _ref(section["destinationTable"], project))

    def _require_write(self, identity: Identity, ref: TableRef) -> None:
        if self.catalog.table_kind(*_parts(ref)) is None:
            self.require(
                identity, "jobs.insert", "bigquery.tables.create", ref.project, ref.dataset
            )
        else:
            self.require(identity, "jobs.insert", WRITE_DATA, *_parts(ref))


def _parts(ref: TableRef) -> tuple[str, str, str]:
    return ref.project, ref.dataset, ref.table


def _ref(table: Resource, project: str) -> TableRef:
    return TableRef(table.get("projectId") or project, table["datasetId"], table["tableId"])


def _resource(project: str, dataset: str | None, table: str | None) -> str:
    if dataset and table:
        return table_resource(project, dataset, table)
    return f"projects/{project}/datasets/{dataset}" if dataset else f"projects/{project}"


def _log(identity: Identity, method: str, permission: str, resource: str, allowed: bool) -> None:
    decision = "ALLOW" if allowed else "DENY"
    audit.info(
        "%s principal=%s method=%s permission=%s resource=%s",
        decision,
        identity.member,
        method,
        permission,
        resource,
        extra={
            "principal": identity.member,
            "method": method,
            "permission": permission,
            "resource": resource,
            "decision": decision,
        },
    )


def log_refused(principal: str, method: str, reason: str) -> None:
    """Audit a call refused before anyone was authenticated (no, bad or expired token)."""
    audit.info(
        "DENY principal=%s method=%s permission=(authentication) reason=%s",
        principal,
        method,
        reason,
        extra={"principal": principal, "method": method, "decision": "DENY", "reason": reason},
    )
