"""Fixtures of the tenants tests: links read from emails."""

import re

import pytest
from django.core import mail

LINK = re.compile(r"https?://[^/\s]+(/admin/\S+)")


@pytest.fixture
def link_to():
    """The admin path of the link in the latest email sent to ``address``."""

    def find(address: str) -> str:
        sent = [message for message in mail.outbox if address in message.to]
        assert sent, f"no email to {address}"
        return LINK.search(sent[-1].body).group(1)

    return find
