"""Store scope: which stores' rows the default managers of store-owned models may return.

Every store-owned model (a row that belongs to one store: products, stock, carts, orders,
clients, tickets...) has ``StoreScopedManager`` as its default manager. The manager reads
the store scope, a context variable in one of three states:

- no scope: any query through the manager raises ``StoreScopeError``. Nothing reads or
  writes store rows without first saying whose rows they are.
- ``store_scope(site_ids)``: only rows of those stores (an empty list sees nothing).
  Opened by ``tenancy.middleware.StoreScopeMiddleware`` for a store host's requests, by
  ``tenants.middleware.AdminStoreMiddleware`` for a merchant's admin requests, and by every
  task that works on one store's rows (the task takes the site id).
- ``all_stores()``: every row. Platform code that spans stores on purpose: the platform
  operator's admin requests and management commands (``manage.py`` opens it).

Migrations are not affected: their historical models have plain managers.

The scope is read when a queryset is made, so a queryset made in one scope keeps its
filter when evaluated later. ``_base_manager`` (forward foreign keys, saving, deleting,
``refresh_from_db``) and raw SQL do not read it.
See docs/adr/0004-store-scope-for-admin-lookups.md.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django import forms
from django.db import models


class StoreScopeError(RuntimeError):
    """A store-owned model was queried while no store scope was open."""


class _AllStores:
    """The scope of platform code that works across every store on purpose."""

    def __repr__(self):
        return "ALL_STORES"


ALL_STORES = _AllStores()

_scope: ContextVar[frozenset[int] | _AllStores | None] = ContextVar("store_scope", default=None)


@contextmanager
def _scoped(scope):
    token = _scope.set(scope)
    try:
        yield
    finally:
        _scope.reset(token)


def store_scope(site_ids):
    """Restrict store-owned default managers to the stores of these site ids in this block."""
    return _scoped(frozenset(site_ids))


def all_stores():
    """Let store-owned default managers see every store's rows in this block.

    For platform code that spans stores on purpose (the operator's admin, management
    commands). Code that works for one store opens ``store_scope([site.pk])`` instead.
    """
    return _scoped(ALL_STORES)


def no_store_scope():
    """Close any open scope in this block: code inside must open its own (a new request)."""
    return _scoped(None)


def current_scope() -> frozenset[int] | _AllStores | None:
    """The open scope: site ids, ``ALL_STORES``, or None when there is none."""
    return _scope.get()


class StoreOwnedQuerySet(models.QuerySet):
    site_field = "site"

    def for_site(self, site):
        return self.filter(**{self.site_field: site})


class StoreScopedManager(models.Manager):
    """Default manager of a store-owned model: returns the rows of the open store scope.

    Raises StoreScopeError when no scope is open. Related managers (``order.lines``) and
    ``create()`` go through it too; a row is created inside the scope of its store.
    """

    def get_queryset(self):
        queryset = super().get_queryset()
        scope = _scope.get()
        if scope is None:
            raise StoreScopeError(
                f"{self.model._meta.label} belongs to a store and was queried with no store "
                "scope open. Open one around this code: store_scope([site.pk]) for one "
                "store's rows (requests on store hosts, admin requests and tasks that name "
                "their store have one), or all_stores() in platform code that spans stores "
                "on purpose (docs/adr/0004-store-scope-for-admin-lookups.md)."
            )
        if scope is ALL_STORES:
            return queryset
        field = getattr(queryset, "site_field", "site")
        return queryset.filter(**{f"{field}__in": scope})


class StoreScopedChoiceField(forms.ModelChoiceField):
    """A choice among a store-owned model's rows in the store scope open when it is used.

    For form fields that outlive a request, such as a StreamField block's: a queryset made
    once would keep the scope of whichever request made it.
    """

    def __init__(self, model, **kwargs):
        self.model = model
        super().__init__(queryset=model._base_manager.none(), **kwargs)

    @property
    def queryset(self):
        return self.model._default_manager.all()

    @queryset.setter
    def queryset(self, value):
        """Ignored: the rows are read from the default manager at each use."""
