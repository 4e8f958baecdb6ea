"""Fixtures of the tenants tests: the store owner's admin, and links read from emails."""

import re

import pytest
from django.core import mail

LINK = re.compile(r"https?://[^/\s]+(/admin/\S+)")


@pytest.fixture
def owner_client(platform_client, merchant):
    """Store ``store``'s owner, signed in to the admin."""
    platform_client.force_login(merchant)
    return platform_client


@pytest.fixture
def link_to():
    """The admin path of the link in the latest email sent to ``address``."""

    def find(address: str) -> str:
        sent = [message for message in mail.outbox if address in message.to]
        assert sent, f"no email to {address}"
        return LINK.search(sent[-1].body).group(1)

    return find
