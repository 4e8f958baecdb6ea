"""Where a contact page's form is posted: checks that keep the page shareable and spam out.

The contact page carries no per-shopper CSRF token (every shopper gets the same bytes), so
this view is CSRF-exempt and protects itself instead:

- the post must come from a page of the same store host (``is_same_origin``: its
  ``Origin`` header, or failing that its ``Referer``), which a cross-site form cannot
  fake from a shopper's browser;
- a filled-in honeypot input is answered with the thank-you page and stored nowhere;
- each client address may send ``MESSAGES_PER_HOUR`` messages per store per hour; past
  that the form is shown again with the shopper's text and a clear message (HTTP 429).
"""

from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .contact_page import HONEYPOT_FIELD, ContactPage
from .shared_forms import client_address, is_same_origin, take_attempt
from .views import store_view

MESSAGES_PER_HOUR = 5
RATE_WINDOW_SECONDS = 60 * 60
LIMIT_MESSAGE = (
    "You have sent several messages in the last hour. Please wait a little before sending "
    "another; your message is still in the form below."
)


def _take_a_message_slot(*, site_id: int, address: str) -> bool:
    """Count one message from ``address`` to the store; False once the hour's are used."""
    return take_attempt(
        f"shop:contact-messages:{site_id}:{address}",
        limit=MESSAGES_PER_HOUR,
        window_seconds=RATE_WINDOW_SECONDS,
    )


@csrf_exempt
@require_POST
@store_view
def send_contact_message(request, page_id, *, site):
    """Accept a message for the store's contact page ``page_id``."""
    page = get_object_or_404(
        ContactPage.objects.live().filter(path__startswith=site.root_page.path), pk=page_id
    )
    if not is_same_origin(request):
        return HttpResponseForbidden(
            "This form can only be sent from the store's own contact page.",
            content_type="text/plain; charset=utf-8",
        )
    if request.POST.get(HONEYPOT_FIELD):
        return page.render_landing_page(request)
    if not _take_a_message_slot(site_id=site.pk, address=client_address(request)):
        return page.refuse_message(request, LIMIT_MESSAGE, status=429)
    return page.accept_message(request)
