"""Store scope: which stores' rows the default managers of store-owned models may return.

The admin middleware (``tenants.middleware.AdminStoreMiddleware``) opens a scope for each
merchant request, so every lookup Wagtail's generic views make through the default manager
(index, edit, delete, inspect, history, usage, choosers) sees only that merchant's stores,
and another store's id is a 404. Outside a scope the managers return every row and the
caller filters with ``for_site(site)`` explicitly.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models

_scope: ContextVar[frozenset[int] | None] = ContextVar("store_scope", default=None)


@contextmanager
def store_scope(site_ids):
    """Restrict store-owned default managers to the given site ids inside this block."""
    token = _scope.set(frozenset(site_ids))
    try:
        yield
    finally:
        _scope.reset(token)


def current_scope() -> frozenset[int] | None:
    return _scope.get()


class StoreOwnedQuerySet(models.QuerySet):
    site_field = "site"

    def for_site(self, site):
        return self.filter(**{self.site_field: site})


class StoreScopedManager(models.Manager):
    """Default manager of a store-owned model; honours the active store scope."""

    def get_queryset(self):
        queryset = super().get_queryset()
        site_ids = _scope.get()
        if site_ids is not None:
            field = getattr(queryset, "site_field", "site")
            queryset = queryset.filter(**{f"{field}__in": site_ids})
        return queryset
