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

from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .contact_page import HONEYPOT_FIELD, ContactPage
from .views import store_view

MESSAGES_PER_HOUR = 5
RATE_WINDOW_SECONDS = 60 * 60
LIMIT_MESSAGE = (
    "You have sent several messages in the last hour. Please wait a little before sending "
    "another; your message is still in the form below."
)


def is_same_origin(request) -> bool:
    """Whether a post came from a page of the host it is sent to (scheme and host)."""
    expected = f"{request.scheme}://{request.get_host()}".lower()
    origin = request.META.get("HTTP_ORIGIN")
    if origin:
        return origin.lower() == expected
    referer = urlsplit(request.META.get("HTTP_REFERER", ""))
    return bool(referer.netloc) and f"{referer.scheme}://{referer.netloc}".lower() == expected


def client_address(request) -> str:
    """The sender's address: the N-th ``X-Forwarded-For`` entry from the right behind
    ``TRUSTED_PROXY_COUNT`` proxies, else the connection's own (the header is then
    ignored: anyone can send it)."""
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [hop for hop in hops if hop]
        if len(hops) >= count:
            return hops[-count]
    return request.META.get("REMOTE_ADDR", "")


def _take_a_message_slot(*, site_id: int, address: str) -> bool:
    """Count one message from ``address`` to the store; False once the hour's are used."""
    key = f"shop:contact-messages:{site_id}:{address}"
    cache.add(key, 0, timeout=RATE_WINDOW_SECONDS)
    try:
        sent = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=RATE_WINDOW_SECONDS)
        sent = 1
    return sent <= MESSAGES_PER_HOUR


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
