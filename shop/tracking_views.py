"""The shopper's order tracking page: order number and email in, status, timeline and
parcels out (ADR 44).

``order_track`` asks for the order number and the email address it was placed with. A
wrong number and a wrong address get the same answer, with the same status, after the same
single query, so the form tells nobody which orders exist. Each client address and each
order number may try ``ATTEMPTS_PER_WINDOW`` times in ``WINDOW_SECONDS`` (per store). The
form carries no CSRF token (it is posted by no signed-in session and changes nothing) and
accepts posts from the store's own pages only. A right pair leads to ``order_status``,
whose address carries the order's signed token (``shop.order_access``): the link every
order email has. The status page shows the order's status, its shopper-visible timeline
and its parcels, and nothing else: no address, phone, items or staff names.

Every answer is ``Cache-Control: private, no-store``.
"""

from decimal import Decimal

from django import forms
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from .data import Fulfilment, Order, OrderEvent
from .money import format_money
from .order_access import order_for_token, order_token
from .services.returns import can_request_return
from .shared_forms import (
    FOREIGN,
    TOO_MANY,
    client_address,
    is_same_origin,
    shopper_email_field,
    take_attempt,
)
from .views import render_themed, store_view

ATTEMPTS_PER_WINDOW = 10
WINDOW_SECONDS = 15 * 60
NOT_FOUND = (
    "We could not find an order with that number and email address. Check both against "
    "your order confirmation email."
)
BAD_LINK = (
    "This link does not open an order of this shop. Enter your order number and email "
    "address instead."
)


class TrackOrderForm(forms.Form):
    number = forms.CharField(
        label="Order number",
        max_length=20,
        error_messages={"required": "Enter your order number."},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    email = shopper_email_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Email address"
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def clean_number(self) -> int:
        raw = self.cleaned_data["number"].strip().lstrip("#").strip()
        if not (raw.isascii() and raw.isdigit() and 0 < int(raw) < 2**31):
            raise forms.ValidationError(
                "Enter the order number from your confirmation email, such as 1001."
            )
        return int(raw)


def _private(response):
    patch_cache_control(response, private=True, no_store=True)
    return response


def _form_page(request, site, form, *, message="", status=200):
    return _private(
        render_themed(
            request,
            site,
            "shop/order_track.html",
            {"form": form, "message": message},
            status=status,
        )
    )


def _allowed(request, site, number) -> bool:
    """Count the attempt against the client's address and the order number asked for."""
    by_client = take_attempt(
        f"order-track:{site.pk}:client:{client_address(request)}",
        limit=ATTEMPTS_PER_WINDOW,
        window_seconds=WINDOW_SECONDS,
    )
    if number is None:
        return by_client
    by_number = take_attempt(
        f"order-track:{site.pk}:number:{number}",
        limit=ATTEMPTS_PER_WINDOW,
        window_seconds=WINDOW_SECONDS,
    )
    return by_client and by_number


@csrf_exempt  # no session is involved and nothing changes: a same-host check instead
@require_http_methods(["GET", "POST"])
@store_view
def order_track(request, *, site):
    if request.method == "GET":
        return _form_page(request, site, TrackOrderForm())
    form = TrackOrderForm(request.POST)
    if not is_same_origin(request):
        return _form_page(request, site, form, message=FOREIGN, status=403)
    valid = form.is_valid()
    number = form.cleaned_data.get("number") if valid else None
    if not _allowed(request, site, number):
        return _form_page(request, site, form, message=TOO_MANY, status=429)
    if not valid:
        return _form_page(request, site, form, status=400)
    order = (
        Order.objects.for_site(site)
        .filter(number=number, email__iexact=form.cleaned_data["email"].strip())
        .first()
    )
    if order is None:
        return _form_page(request, site, form, message=NOT_FOUND, status=404)
    return _private(redirect("shop:order-status", token=order_token(order)))


def _timeline(order, parcels) -> list[OrderEvent]:
    """The shopper's entries of the timeline, each with a ``detail`` they may read: the
    carrier of the parcel that left, the amount of a refund written the order's way."""
    carriers = {parcel.pk: parcel.carrier for parcel in parcels}
    events = list(
        OrderEvent.objects.filter(order=order, kind__in=OrderEvent.SHOPPER_KINDS).only(
            "kind", "created_at", "order_id", "data"
        )
    )
    for event in events:
        event.detail = ""
        if event.kind == OrderEvent.Kind.REFUNDED and event.data.get("amount"):
            event.detail = format_money(
                Decimal(event.data["amount"]), currency=order.currency, locale=order.locale
            )
        elif event.kind == OrderEvent.Kind.SHIPPED:
            event.detail = carriers.get(event.data.get("fulfilment"), "")
    return events


@require_GET
@store_view
def order_status(request, token, *, site):
    order = order_for_token(site, token)
    if order is None:
        return _form_page(request, site, TrackOrderForm(), message=BAD_LINK, status=404)
    parcels = list(
        Fulfilment.objects.filter(order=order, shipped_at__isnull=False).only(
            "carrier", "tracking_number", "tracking_url", "shipped_at", "delivered_at", "order_id"
        )
    )
    context = {
        "order": order,
        "timeline": _timeline(order, parcels),
        "parcels": parcels,
        "token": token,
        "can_return": can_request_return(order),
    }
    return _private(render_themed(request, site, "shop/order_status.html", context))
