"""Where a product page's "tell me when it is back" form is posted.

The product page is the same bytes for every shopper (so that it can be cached), so the
form carries no CSRF token. As with the newsletter sign-up and the contact form (ADRs 25
and 26), the view is CSRF-exempt and protects itself instead: the post must come from a
page of this store's host (``is_same_origin``), each client address may ask
``ATTEMPTS_PER_WINDOW`` times per store in ``WINDOW_SECONDS``, and a filled-in honeypot
field is answered as if it had worked, keeping nothing. The variant must be one of this
store's: another store's id is refused like an unknown one. The answer is a page of the
store's theme, so the form works without JavaScript; after an error it shows the form
again with the address typed.
"""

from django import forms
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .data.catalog import ProductVariant
from .exceptions import ProductUnavailable
from .services.alerts import NotSoldOut, request_back_in_stock
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

UNKNOWN = "This product is not sold in this store any more."
ALREADY = "You are already on the list: we will email {email} once, when it is back."


class BackInStockForm(forms.Form):
    email = shopper_email_field()
    variant = forms.IntegerField(min_value=1, max_value=2**31 - 1)
    # A field people never see (hidden by CSS and from screen readers), filled by bots.
    website = forms.CharField(required=False, max_length=200)


@csrf_exempt  # the form carries no token (pages are shared): same-host check below
@require_POST
@store_view
def back_in_stock_request(request, *, site):
    if not is_same_origin(request):
        return _answer(request, site, FOREIGN, status=403)
    if not take_attempt(
        f"back-in-stock-attempts:{site.pk}:{client_address(request)}",
        limit=ATTEMPTS_PER_WINDOW,
        window_seconds=WINDOW_SECONDS,
    ):
        return _answer(request, site, TOO_MANY, status=429)
    form = BackInStockForm(request.POST)
    variant = _variant_of_store(site, form.data.get("variant"))
    email = (form.data.get("email") or "").strip()[:254]
    if variant is None:
        return _answer(request, site, UNKNOWN, status=404)
    if not form.is_valid():
        message = " ".join(form.errors.get("email", [])) or UNKNOWN
        return _answer(request, site, message, status=400, variant=variant, email=email)
    data = form.cleaned_data
    if data["website"]:  # a bot: keep nothing
        return _answer(request, site, _success(variant, data["email"]), variant=variant)
    try:
        _request, created = request_back_in_stock(
            site=site, variant_id=variant.pk, email=data["email"]
        )
    except ProductUnavailable:
        return _answer(request, site, UNKNOWN, status=404)
    except NotSoldOut as error:
        return _answer(request, site, str(error), status=409, variant=variant, form=False)
    if not created:
        message = ALREADY.format(email=data["email"])
        return _answer(request, site, message, variant=variant)
    return _answer(request, site, _success(variant, data["email"]), variant=variant)


def _success(variant, email) -> str:
    return f"Thank you! We will email {email} once, when {_name(variant)} is back in stock."


def _name(variant) -> str:
    label = variant.options_label
    return f"{variant.product.title} ({label})" if label else variant.product.title


def _variant_of_store(site, raw):
    """The variant of this store's active products with id ``raw``; None for another
    store's, an unknown id or anything that is not one."""
    try:
        pk = int(raw)
    except (TypeError, ValueError):
        return None
    if not 0 < pk < 2**31:
        return None
    return (
        ProductVariant.objects.for_site(site)
        .filter(pk=pk, product__status="active")
        .select_related("product", "stock")
        .first()
    )


def _answer(request, site, message, *, status=200, variant=None, email="", form=True):
    """The result page: the message, the form again after an error (with what was
    typed), and the way back to the product."""
    back_url, back_title = "", ""
    if variant is not None:
        page = variant.product.pages.live().filter(path__startswith=site.root_page.path).first()
        if page is not None:
            back_url = f"{page.get_url(request)}?variant={variant.pk}"
            back_title = variant.product.title
    response = render_themed(
        request,
        site,
        "shop/back_in_stock.html",
        {
            "ok": status == 200,
            "message": message,
            "variant": variant,
            "email": email,
            "show_form": form and status in (400, 429),
            "back_url": back_url,
            "back_title": back_title,
        },
        status=status,
    )
    response["Cache-Control"] = "no-store"
    return response
