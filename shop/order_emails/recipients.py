"""Who hears of a new order in the store: its contact email, else its owners.

The shop does not know the store's staff (``tenants`` does, above it), so it asks the
``MERCHANT_ADDRESSES_HOOK``: each function registered under it is called with the store's
Site, ``fn(site)``, and answers a list of addresses. ``tenants`` answers with the owners'.
"""

from wagtail import hooks

from ..data.settings import settings_of_store

MERCHANT_ADDRESSES_HOOK = "shop_merchant_addresses"


def merchant_addresses(site) -> list[str]:
    """Where the store's new-order notifications go, without duplicates."""
    contact = settings_of_store(site.pk).contact_email
    if contact:
        return [contact]
    found: list[str] = []
    for answer in hooks.get_hooks(MERCHANT_ADDRESSES_HOOK):
        for address in answer(site):
            if address and address.lower() not in {known.lower() for known in found}:
                found.append(address)
    return found
