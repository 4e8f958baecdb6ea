"""The emails of an order's life: which event sends which email to whom (``kinds``), what
each one says, in the store's colours and logo (``content``), and a sample order to preview
them before any order exists (``samples``). Sending them once is
``shop.services.order_emails``' job.
"""

from .content import RenderedEmail, build_message, render_order_email
from .kinds import EMAILS, EmailKind, emails_for_event
from .recipients import MERCHANT_ADDRESSES_HOOK, merchant_addresses

__all__ = [
    "EMAILS",
    "MERCHANT_ADDRESSES_HOOK",
    "EmailKind",
    "RenderedEmail",
    "build_message",
    "emails_for_event",
    "merchant_addresses",
    "render_order_email",
]
