"""``bqhouse iam``: service accounts, keys and project grants, on the data dir directly.

These commands open only ``auth.sqlite`` (not the lake), so they work while ``serve`` runs.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from bqhouse.auth.keys import DEFAULT_TOKEN_URI, IamStore
from bqhouse.auth.permissions import ROLES

_DATA_DIR = "./bqhouse-data"
_PROJECT = "bqhouse"


def _store_options(command: Callable[..., None]) -> Callable[..., None]:
    command = click.option(
        "--project", envvar="BQHOUSE_PROJECT", default=_PROJECT, show_default=True
    )(command)
    return click.option(
        "--data-dir", envvar="BQHOUSE_DATA_DIR", default=_DATA_DIR, show_default=True
    )(command)


@click.group()
def iam() -> None:
    """Service accounts, their keys, and project role grants (acts on --data-dir)."""


@iam.command("create-service-account")
@click.argument("name")
@_store_options
def create_service_account(name: str, data_dir: str, project: str) -> None:
    """Create service account NAME (email NAME@PROJECT.iam.gserviceaccount.com)."""
    store = IamStore(data_dir)
    click.echo(f"Created service account {store.create_service_account(name, project)}")


@iam.command("grant")
@click.option("--role", required=True, type=click.Choice(sorted(ROLES)), help="Project role.")
@click.option("--member", required=True, help="serviceAccount:EMAIL (or user:EMAIL).")
@_store_options
def grant(role: str, member: str, data_dir: str, project: str) -> None:
    """Grant a project-level role to a member."""
    if ":" not in member:
        raise click.BadParameter(
            "expected serviceAccount:EMAIL or user:EMAIL", param_hint="--member"
        )
    IamStore(data_dir).grant(f"projects/{project}", role, member)
    click.echo(f"Granted {role} on project {project} to {member}")


@iam.command("revoke")
@click.option("--role", required=True, type=click.Choice(sorted(ROLES)), help="Project role.")
@click.option("--member", required=True, help="serviceAccount:EMAIL (or user:EMAIL).")
@_store_options
def revoke(role: str, member: str, data_dir: str, project: str) -> None:
    """Remove a project-level role from a member."""
    IamStore(data_dir).revoke(f"projects/{project}", role, member)
    click.echo(f"Revoked {role} on project {project} from {member}")


@iam.group()
def keys() -> None:
    """Keys of a service account."""


@keys.command("create")
@click.argument("name")
@click.option("--output", required=True, type=click.Path(dir_okay=False), help="Key file to write.")
@click.option(
    "--server-url",
    default=DEFAULT_TOKEN_URI,
    show_default=True,
    help="The token URI written into the key file: this server's /token.",
)
@_store_options
def create_key(name: str, output: str, server_url: str, data_dir: str, project: str) -> None:
    """Create a key for NAME and write its key file (the server keeps only the public key)."""
    store = IamStore(data_dir)
    email = store.service_account(name, project)
    token_uri = server_url if server_url.endswith("/token") else server_url.rstrip("/") + "/token"
    info = store.create_key(email, project, token_uri)
    # The private key exists only in this file: create it readable by its owner alone.
    fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        json.dump(info, out, indent=2)
    click.echo(f"Created key {info['private_key_id']} for {email}, written to {Path(output)}")


def _key_rows(store: IamStore, email: str) -> list[dict[str, Any]]:
    return [
        {
            "key_id": key.key_id,
            "created": dt.datetime.fromtimestamp(key.created, dt.UTC).isoformat(timespec="seconds"),
            "disabled": key.disabled,
        }
        for key in store.keys(email)
    ]


@keys.command("list")
@click.argument("name")
@_store_options
def list_keys(name: str, data_dir: str, project: str) -> None:
    """List the keys of NAME."""
    store = IamStore(data_dir)
    for row in _key_rows(store, store.service_account(name, project)):
        state = "DISABLED" if row["disabled"] else "ENABLED"
        click.echo(f"{row['key_id']}  {row['created']}  {state}")


@keys.command("disable")
@click.argument("name")
@click.argument("key_id")
@_store_options
def disable_key(name: str, key_id: str, data_dir: str, project: str) -> None:
    """Disable KEY_ID: it and the tokens it obtained stop working."""
    store = IamStore(data_dir)
    store.service_account(name, project)
    store.set_key_disabled(key_id, True)
    click.echo(f"Disabled key {key_id}")


@keys.command("enable")
@click.argument("name")
@click.argument("key_id")
@_store_options
def enable_key(name: str, key_id: str, data_dir: str, project: str) -> None:
    """Enable a disabled KEY_ID again."""
    store = IamStore(data_dir)
    store.service_account(name, project)
    store.set_key_disabled(key_id, False)
    click.echo(f"Enabled key {key_id}")


@keys.command("delete")
@click.argument("name")
@click.argument("key_id")
@_store_options
def delete_key(name: str, key_id: str, data_dir: str, project: str) -> None:
    """Delete KEY_ID for good."""
    store = IamStore(data_dir)
    store.service_account(name, project)
    store.delete_key(key_id)
    click.echo(f"Deleted key {key_id}")
