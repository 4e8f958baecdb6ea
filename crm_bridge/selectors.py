"""Reads of the CRM that other apps ask for through the hooks they offer."""

from .models import Client


def client_tags(site_id: int, email: str) -> set[str]:
    """The tags the store gave the client with this email address (none for a stranger):
    what promotions for selected customers check (``shop.promotions.customers``)."""
    text = (
        Client.objects.filter(site_id=site_id, email__iexact=email)
        .values_list("tags", flat=True)
        .first()
    )
    return {tag.strip().lower() for tag in (text or "").split(",") if tag.strip()}
