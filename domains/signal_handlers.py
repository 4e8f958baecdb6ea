from tenancy.store_cache import forget_store

from . import resolver


def forget_hosts_on_change(sender, instance, **kwargs):
    """A Domain or Site changed: drop every cached host lookup so routing sees it at once,
    and the store's own cached values (``tenancy.store_cache``), which hold its Site."""
    resolver.forget_all()
    forget_store(getattr(instance, "site_id", None))
