"""What a shopper's browser does around the checkout form."""

import re

from django.urls import reverse

TOKEN_INPUT = re.compile(r'<input type="hidden" name="checkout_token" value="([^"]+)">')


def issued_checkout_token(client) -> str:
    """Open the checkout page as ``client`` and return the token issued with its form."""
    page = client.get(reverse("shop:checkout"))
    assert page.status_code == 200, page
    return TOKEN_INPUT.search(page.content.decode()).group(1)
