"""The merchant's choice of active store, kept in their session (ADR 9)."""

from .models import Store

ACTIVE_STORE_SESSION_KEY = "tenants.active_store"


def chosen_store(request, stores: list[Store]) -> Store | None:
    """The store picked with the switcher if the user is still on its staff, else the first."""
    chosen = request.session.get(ACTIVE_STORE_SESSION_KEY)
    return next((store for store in stores if store.pk == chosen), stores[0] if stores else None)


def choose_store(request, store: Store) -> None:
    """Make ``store`` the merchant's active store for their next requests."""
    request.session[ACTIVE_STORE_SESSION_KEY] = store.pk
