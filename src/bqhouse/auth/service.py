"""Turn auth on for a warehouse: the IAM store, the authorizer, and the hooks in the job path."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bqhouse.auth.keys import IamStore
from bqhouse.auth.policy import Authorizer

if TYPE_CHECKING:
    import grpc

    from bqhouse.warehouse import Warehouse


class Auth:
    """Auth state of one server: who exists, who may do what, which account the metadata
    server hands out."""

    def __init__(
        self, warehouse: Warehouse, *, metadata_service_account: str | None = None
    ) -> None:
        self.project = warehouse.project
        self.store = IamStore(warehouse.lake.data_dir)
        self.authorizer = Authorizer(self.store, warehouse.catalog, warehouse.project)
        self.metadata_account = (
            self.store.service_account(metadata_service_account, warehouse.project)
            if metadata_service_account
            else None
        )

    def grpc_interceptor(self) -> grpc.ServerInterceptor:
        from bqhouse.auth.storage import StorageAuthInterceptor

        return StorageAuthInterceptor(self)

    def close(self) -> None:
        self.store.close()


def enable_auth(warehouse: Warehouse, *, metadata_service_account: str | None = None) -> Auth:
    """Require credentials on ``warehouse``'s REST and Storage APIs (before they start).

    >>> import tempfile
    >>> from bqhouse.warehouse import Warehouse
    >>> wh = Warehouse(tempfile.mkdtemp())
    >>> enable_auth(wh) is wh.auth
    True
    """
    auth = Auth(warehouse, metadata_service_account=metadata_service_account)
    warehouse.auth = auth
    warehouse.jobs.authorize = auth.authorizer.authorize_job
    warehouse.jobs.queries.authorize = auth.authorizer.authorize_statement
    return auth
