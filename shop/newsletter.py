"""The newsletter sign-up endpoint behind the newsletter block.

Storefront pages must be the same bytes for every anonymous shopper (so that a cache can
share them), so the sign-up form carries no per-shopper CSRF token. The endpoint is
exempt from Django's token check and protected instead by a same-host check of the
``Origin`` header (or, without one, the ``Referer``): a browser on another site cannot
forge either. It also refuses more than a few attempts per client address, takes the
consent sentence from the published page itself (never from the post), and answers a
filled-in honeypot field as if it had worked, keeping nothing. ADR "newsletter sign-up
without a CSRF token" explains the choice.
"""

from django import forms
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.fields import StreamField
from wagtail.models import Page

from .services.newsletter import subscribe
from .shared_forms import (
    FOREIGN,
    TOO_MANY,
    client_address,
    is_same_origin,
    shopper_email_field,
    take_attempt,
)
from .views import render_themed, store_view

ATTEMPTS_PER_WINDOW = 8
WINDOW_SECONDS = 10 * 60

SUBSCRIBED = "Thank you! You are now subscribed."
ALREADY = "You are already subscribed. Thank you!"
CHANGED = "This sign-up form has changed. Reload the page and try again."


class NewsletterForm(forms.Form):
    email = shopper_email_field()
    consent = forms.BooleanField(
        error_messages={"required": "Tick the box to agree to receive our emails."}
    )
    # A field people never see (hidden by CSS and from screen readers), filled by bots.
    website = forms.CharField(required=False, max_length=200)
    page = forms.IntegerField(min_value=1, max_value=2**31 - 1)
    block = forms.CharField(max_length=64)


@csrf_exempt  # the form carries no token (pages are shared): same-host check below
@require_POST
@store_view
def newsletter_subscribe(request, *, site):
    if not is_same_origin(request):
        return _answer(request, site, FOREIGN, status=403)
    if _too_many_attempts(request, site):
        return _answer(request, site, TOO_MANY, status=429)
    form = NewsletterForm(request.POST)
    if not form.is_valid():
        errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
        shown = {name: errs for name, errs in errors.items() if name in ("email", "consent")}
        message = " ".join(e for errs in shown.values() for e in errs) or CHANGED
        page, _block = _signup_block(site, form.cleaned_data.get("page"), "")
        return _answer(request, site, message, status=400, errors=shown, page=page)
    data = form.cleaned_data
    page, block = _signup_block(site, data["page"], data["block"])
    if block is None:
        return _answer(request, site, CHANGED, status=400, page=page)
    if data["website"]:
        return _answer(request, site, SUBSCRIBED, page=page)  # a bot: keep nothing
    created = subscribe(
        site=site,
        email=data["email"],
        consent_text=block.value["consent_text"],
        source_page=page,
    )
    return _answer(request, site, SUBSCRIBED if created else ALREADY, page=page)


def _answer(request, site, message, *, status=200, errors=None, page=None):
    ok = status == 200
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"ok": ok, "message": message, "errors": errors or {}}, status=status)
    response = render_themed(
        request,
        site,
        "blocks/newsletter_result.html",
        {"ok": ok, "message": message, "back_page": page},
    )
    response.status_code = status
    return response


def _too_many_attempts(request, site) -> bool:
    """Counts this attempt; True past ``ATTEMPTS_PER_WINDOW`` from one address and store."""
    return not take_attempt(
        f"newsletter-attempts:{site.pk}:{client_address(request)}",
        limit=ATTEMPTS_PER_WINDOW,
        window_seconds=WINDOW_SECONDS,
    )


def _signup_block(site, page_id, block_id):
    """The live page of this store with that id, and its newsletter block with that id
    (None when the page or the block is not there any more)."""
    if page_id is None:
        return None, None
    page = (
        Page.objects.live().descendant_of(site.root_page, inclusive=True).filter(pk=page_id).first()
    )
    if page is None:
        return None, None
    page = page.specific
    for field in page._meta.get_fields():
        if not isinstance(field, StreamField):
            continue
        for child in getattr(page, field.name):
            if child.id == block_id and child.block_type == "newsletter":
                return page, child
    return page, None
