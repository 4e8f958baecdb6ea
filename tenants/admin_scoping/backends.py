"""Model permissions that follow the active store (``StoreRoleBackend``).

Django's model permissions are global: someone who is an owner in one store and support
in another would hold the owner's model permissions in both. While a store is active
(``active_store``, opened by ``AdminStoreMiddleware`` for the request), this backend counts
only the permissions of that store's group and of groups that belong to no store. Page,
collection and site-setting permissions are tied to the store's own rows and need no such
filter.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Q

_active_store_id: ContextVar[int | None] = ContextVar("active_store_id", default=None)

PERMISSION_CACHES = ("_perm_cache", "_group_perm_cache", "_user_perm_cache")


@contextmanager
def active_store(store, *, user=None):
    """Make ``store`` the store whose role decides ``user``'s model permissions."""
    token = _active_store_id.set(store.pk)
    forget_permissions(user)
    try:
        yield
    finally:
        _active_store_id.reset(token)
        forget_permissions(user)


def forget_permissions(user) -> None:
    for name in PERMISSION_CACHES:
        if user is not None and hasattr(user, name):
            delattr(user, name)


class StoreRoleBackend(ModelBackend):
    """Django's model backend, counting only the active store's group and storeless groups.

    The only authentication backend that keeps a session (``AUTHENTICATION_BACKENDS``;
    axes' backend only counts failures). Wagtail's snippet and model viewsets, and every
    ``user.has_perm`` in the admin, read model permissions through it.
    """

    def _get_group_permissions(self, user_obj):
        store_id = _active_store_id.get()
        if store_id is None:
            return super()._get_group_permissions(user_obj)
        return Permission.objects.filter(
            Q(group__store_role__isnull=True) | Q(group__store_role__store_id=store_id),
            group__user=user_obj,
        )
