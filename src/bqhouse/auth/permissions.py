"""Roles, the permissions they hold, and the permission each REST method needs.

Role contents follow https://cloud.google.com/bigquery/docs/access-control (a subset: the
permissions bqhouse checks). Dataset ``access`` roles are the legacy names of the data roles
(https://cloud.google.com/bigquery/docs/reference/rest/v2/datasets#Dataset.FIELDS.access).
"""

from __future__ import annotations

from typing import NamedTuple

_VIEWER = frozenset(
    {
        "bigquery.datasets.get",
        "bigquery.datasets.getIamPolicy",
        "bigquery.tables.get",
        "bigquery.tables.list",
        "bigquery.tables.getData",
        "bigquery.tables.getIamPolicy",
        "bigquery.routines.get",
        "bigquery.routines.list",
        "bigquery.models.getData",
        "bigquery.models.getMetadata",
        "bigquery.models.list",
    }
)
_EDITOR = _VIEWER | {
    "bigquery.datasets.create",
    "bigquery.tables.create",
    "bigquery.tables.update",
    "bigquery.tables.updateData",
    "bigquery.tables.delete",
    "bigquery.routines.create",
    "bigquery.routines.update",
    "bigquery.routines.delete",
    "bigquery.models.create",
    "bigquery.models.updateData",
    "bigquery.models.updateMetadata",
    "bigquery.models.delete",
}
_OWNER = _EDITOR | {
    "bigquery.datasets.update",
    "bigquery.datasets.delete",
    "bigquery.datasets.setIamPolicy",
    "bigquery.tables.setIamPolicy",
}
_JOB_USER = frozenset({"bigquery.jobs.create"})
_READ_SESSION_USER = frozenset(
    {
        "bigquery.readsessions.create",
        "bigquery.readsessions.getData",
        "bigquery.readsessions.update",
    }
)
_USER = (
    _JOB_USER
    | _READ_SESSION_USER
    | {"bigquery.jobs.list", "bigquery.datasets.create", "bigquery.tables.list"}
)
ALL = "bigquery.*"

ROLES: dict[str, frozenset[str]] = {
    "roles/bigquery.admin": frozenset({ALL}),
    "roles/bigquery.dataOwner": _OWNER,
    "roles/bigquery.dataEditor": _EDITOR,
    "roles/bigquery.dataViewer": _VIEWER,
    "roles/bigquery.user": _USER,
    "roles/bigquery.jobUser": _JOB_USER,
    "roles/bigquery.readSessionUser": _READ_SESSION_USER,
    # Basic roles hold the data roles' permissions plus running jobs.
    "roles/owner": frozenset({ALL}),
    "roles/editor": _EDITOR | _USER,
    "roles/viewer": _VIEWER | {"bigquery.jobs.list"},
}
# The legacy names a dataset's access list uses.
DATASET_ROLES = {
    "READER": "roles/bigquery.dataViewer",
    "WRITER": "roles/bigquery.dataEditor",
    "OWNER": "roles/bigquery.dataOwner",
}
# specialGroup -> the project roles whose holders belong to it.
SPECIAL_GROUPS = {
    "projectReaders": {"roles/viewer", "roles/editor", "roles/owner"},
    "projectWriters": {"roles/editor", "roles/owner"},
    "projectOwners": {"roles/owner"},
}


def permissions_of(roles: set[str]) -> set[str]:
    """Every permission any of ``roles`` holds.

    >>> sorted(permissions_of({"roles/bigquery.jobUser"}))
    ['bigquery.jobs.create']
    """
    return set().union(*(ROLES.get(role, frozenset()) for role in roles))


def allows(permissions: set[str], permission: str) -> bool:
    return permission in permissions or ALL in permissions


class Rule(NamedTuple):
    """What a REST method needs: its API name, the permission, and the level it is checked at."""

    method: str
    permission: str | None  # None: any authenticated caller
    level: str  # project | dataset | table | job


_P = "/bigquery/v2/projects/{project}"
_D = _P + "/datasets/{dataset}"
_T = _D + "/tables/{table}"
_SAVED = "/console/api/saved-queries"

# (HTTP method, route path) -> rule. A route missing here needs roles/bigquery.admin.
REST_RULES: dict[tuple[str, str], Rule] = {
    ("GET", "/bigquery/v2/projects"): Rule("projects.list", None, "project"),
    ("GET", _P + "/datasets"): Rule("datasets.list", None, "project"),
    ("POST", _P + "/datasets"): Rule("datasets.insert", "bigquery.datasets.create", "project"),
    ("GET", _D): Rule("datasets.get", "bigquery.datasets.get", "dataset"),
    ("PATCH", _D): Rule("datasets.patch", "bigquery.datasets.update", "dataset"),
    ("PUT", _D): Rule("datasets.update", "bigquery.datasets.update", "dataset"),
    ("DELETE", _D): Rule("datasets.delete", "bigquery.datasets.delete", "dataset"),
    ("GET", _D + "/tables"): Rule("tables.list", "bigquery.tables.list", "dataset"),
    ("POST", _D + "/tables"): Rule("tables.insert", "bigquery.tables.create", "dataset"),
    ("GET", _T): Rule("tables.get", "bigquery.tables.get", "table"),
    ("PATCH", _T): Rule("tables.patch", "bigquery.tables.update", "table"),
    ("PUT", _T): Rule("tables.update", "bigquery.tables.update", "table"),
    ("DELETE", _T): Rule("tables.delete", "bigquery.tables.delete", "table"),
    ("POST", _T + ":getIamPolicy"): Rule(
        "tables.getIamPolicy", "bigquery.tables.getIamPolicy", "table"
    ),
    ("POST", _T + ":setIamPolicy"): Rule(
        "tables.setIamPolicy", "bigquery.tables.setIamPolicy", "table"
    ),
    ("POST", _T + ":testIamPermissions"): Rule("tables.testIamPermissions", None, "table"),
    ("GET", _T + "/data"): Rule("tabledata.list", "bigquery.tables.getData", "table"),
    ("POST", _T + "/insertAll"): Rule("tabledata.insertAll", "bigquery.tables.updateData", "table"),
    ("GET", _D + "/routines"): Rule("routines.list", "bigquery.routines.list", "dataset"),
    ("POST", _D + "/routines"): Rule("routines.insert", "bigquery.routines.create", "dataset"),
    ("GET", _D + "/routines/{routine}"): Rule("routines.get", "bigquery.routines.get", "dataset"),
    ("DELETE", _D + "/routines/{routine}"): Rule(
        "routines.delete", "bigquery.routines.delete", "dataset"
    ),
    ("POST", _P + "/jobs"): Rule("jobs.insert", "bigquery.jobs.create", "project"),
    ("POST", "/upload" + _P + "/jobs"): Rule("jobs.insert", "bigquery.jobs.create", "project"),
    ("PUT", "/upload" + _P + "/jobs"): Rule("jobs.insert", "bigquery.jobs.create", "project"),
    ("POST", _P + "/queries"): Rule("jobs.query", "bigquery.jobs.create", "project"),
    ("GET", _P + "/jobs"): Rule("jobs.list", "bigquery.jobs.list", "project"),
    ("GET", _P + "/jobs/{job}"): Rule("jobs.get", "bigquery.jobs.get", "job"),
    ("POST", _P + "/jobs/{job}/cancel"): Rule("jobs.cancel", "bigquery.jobs.update", "job"),
    ("DELETE", _P + "/jobs/{job}/delete"): Rule("jobs.delete", "bigquery.jobs.delete", "job"),
    ("GET", _P + "/queries/{job}"): Rule("jobs.getQueryResults", "bigquery.jobs.get", "job"),
    # The web console's saved queries: each caller sees and edits only their own.
    ("GET", _SAVED): Rule("console.savedQueries.list", None, "project"),
    ("POST", _SAVED): Rule("console.savedQueries.create", None, "project"),
    ("GET", _SAVED + "/{saved_id}"): Rule("console.savedQueries.get", None, "project"),
    ("PATCH", _SAVED + "/{saved_id}"): Rule("console.savedQueries.update", None, "project"),
    ("DELETE", _SAVED + "/{saved_id}"): Rule("console.savedQueries.delete", None, "project"),
}
# Reading a job's results: getQueryResults, and ReadRows on the job's ``_default`` stream.
JOB_RESULTS = REST_RULES[("GET", _P + "/queries/{job}")]
UNMAPPED = "bigquery.admin.unmappedMethod"

# What a statement needs on the table it writes (reads always need tables.getData).
STATEMENT_PERMISSIONS = {
    "CREATE_TABLE": "bigquery.tables.create",
    "CREATE_TABLE_AS_SELECT": "bigquery.tables.create",
    "CREATE_VIEW": "bigquery.tables.create",
    "DROP_TABLE": "bigquery.tables.delete",
    "DROP_VIEW": "bigquery.tables.delete",
    "CREATE_MATERIALIZED_VIEW": "bigquery.tables.create",
    "DROP_MATERIALIZED_VIEW": "bigquery.tables.delete",
    "ALTER_MATERIALIZED_VIEW": "bigquery.tables.update",
    "ALTER_TABLE": "bigquery.tables.update",
    "CREATE_SCHEMA": "bigquery.datasets.create",
    "DROP_SCHEMA": "bigquery.datasets.delete",
    "ALTER_SCHEMA": "bigquery.datasets.update",
}
WRITE_DATA = "bigquery.tables.updateData"
READ_DATA = "bigquery.tables.getData"
