"""Receivers of the stores' own changes (connected in ``TenantsConfig.ready``)."""

from shop.pagecache.invalidation import invalidate_store_on_commit


def invalidate_pages_on_store_change(sender, instance, **kwargs):
    """A store suspended, reactivated or deleted: none of its stored pages may be served
    again (the holding page, or the unknown host's page, answers instead), now and after
    commit (ADR 30)."""
    invalidate_store_on_commit(instance.site_id)
