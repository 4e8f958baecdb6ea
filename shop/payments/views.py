"""The shopper's card payment pages and Stripe's webhook endpoint.

The payment page is the one page that loads Stripe.js: its Content-Security-Policy adds
Stripe's script, frame and API origins, and no store code runs on it. The return page only
reads the PaymentIntent to say where the payment stands; the order is marked paid by the
webhook alone.
"""

import stripe
from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from tenancy.request import is_platform_request

from ..data import Order, Payment
from ..exceptions import PaymentProviderError
from ..views import SESSION_ORDERS_KEY, render_themed, store_view
from . import stripe_client
from .services import card_payment_for, payment_window
from .webhooks import receive_event

STRIPE_JS = "https://js.stripe.com/v3/"
# What Stripe.js and its Payment Element need, on the payment page only.
STRIPE_CSP = {
    "script-src": ["https://js.stripe.com", "https://*.js.stripe.com"],
    "frame-src": ["https://js.stripe.com", "https://*.js.stripe.com", "https://hooks.stripe.com"],
    "connect-src": ["https://api.stripe.com"],
}
# What the return page says for each PaymentIntent status.
STATUS_MESSAGES = {
    "succeeded": ("paid", "Payment received, thank you."),
    "processing": ("processing", "Your payment is processing. We will email you when it is."),
    "requires_action": ("processing", "Your bank is still confirming the payment."),
    "requires_payment_method": ("failed", "The payment did not go through. Try again."),
    "requires_confirmation": ("failed", "The payment was not completed. Try again."),
    "canceled": ("failed", "This payment was cancelled."),
}


class TestCardForm(forms.Form):
    """Stripe's test cards, paid through our own endpoint where Stripe.js cannot load."""

    card = forms.ChoiceField(
        label="Test card",
        choices=[
            ("pm_card_visa", "Visa 4242 (succeeds)"),
            ("pm_card_authenticationRequired", "Visa 3155 (asks for 3-D Secure)"),
            ("pm_card_chargeDeclined", "Visa 0002 (declined)"),
        ],
    )


def _own_order(request, site, number) -> Order:
    """The order, if this shopper's session placed it."""
    return get_object_or_404(
        Order.objects.for_site(site),
        number=number,
        pk__in=request.session.get(SESSION_ORDERS_KEY, []),
        payment_method=Order.PaymentMethod.CARD,
    )


def _private(response):
    patch_cache_control(response, private=True, no_store=True)
    return response


def _waiting_for_card(order: Order) -> bool:
    return order.status == Order.Status.PENDING_PAYMENT and not order.is_paid


@require_GET
@store_view
def card_payment(request, number, *, site):
    order = _own_order(request, site, number)
    if not _waiting_for_card(order):
        return redirect("shop:order-complete", number=order.number)
    keys = stripe_client.keys_for_site(site.pk)
    window = payment_window(site.pk)
    context = {
        "order": order,
        "stripe_js": STRIPE_JS,
        "pay_by": order.placed_at + window,
        "pay_minutes": int(window.total_seconds() // 60),
    }
    if keys is None:
        context["unavailable"] = "This store does not take cards at the moment."
    else:
        try:
            payment, intent = card_payment_for(order=order, keys=keys)
        except (PaymentProviderError, stripe.StripeError):
            context["unavailable"] = "Card payments are unavailable for a moment. Try again."
        else:
            context.update(
                payment=payment,
                publishable_key=keys.publishable_key,
                client_secret=intent.client_secret,
                stripe_account=keys.account,
                return_url=request.build_absolute_uri(
                    reverse("shop:card-payment-return", args=[order.number])
                ),
                test_card_form=TestCardForm() if keys.may_confirm_with_test_card else None,
            )
    response = render_themed(request, site, "shop/card_payment.html", context, shopper_page=True)
    if "client_secret" in context:
        response._csp_update = STRIPE_CSP
    return _private(response)


@require_POST
@store_view
def card_payment_test_confirm(request, number, *, site):
    """Pay with a Stripe test card server-side, then follow the same return page. Only for
    test keys on installs that allow it (``STRIPE_TEST_CONFIRM``)."""
    order = _own_order(request, site, number)
    keys = stripe_client.keys_for_site(site.pk)
    if keys is None or not keys.may_confirm_with_test_card:
        raise Http404("No test payments here.")
    if not _waiting_for_card(order):
        return redirect("shop:order-complete", number=order.number)
    form = TestCardForm(request.POST)
    payment = Payment.objects.filter(order=order).first()
    if payment is None or not form.is_valid():
        messages.error(request, "Choose a test card.")
        return redirect("shop:card-payment", number=order.number)
    return_url = reverse("shop:card-payment-return", args=[order.number])
    try:
        stripe_client.confirm_with_test_card(
            keys,
            payment.intent_id,
            payment_method=form.cleaned_data["card"],
            return_url=request.build_absolute_uri(return_url),
        )
    except stripe.CardError as error:
        messages.error(request, error.user_message or "Your card was declined.")
        return redirect("shop:card-payment", number=order.number)
    except stripe.InvalidRequestError:
        pass  # already confirmed (a double click): the return page says where it stands
    return redirect(f"{return_url}?payment_intent={payment.intent_id}")


@require_GET
@store_view
def card_payment_return(request, number, *, site):
    """Where Stripe sends the shopper back: what the payment's status is, for display."""
    order = _own_order(request, site, number)
    payment = Payment.objects.filter(order=order).first()
    keys = stripe_client.keys_for_site(site.pk)
    state, text = "processing", "We are confirming your payment."
    if order.is_paid:
        state, text = STATUS_MESSAGES["succeeded"]
    elif payment is not None and keys is not None:
        try:
            intent = stripe_client.retrieve_intent(keys, payment.intent_id)
        except stripe.StripeError:
            pass
        else:
            state, text = STATUS_MESSAGES.get(intent.status, (state, text))
    context = {"order": order, "card_status": {"state": state, "text": text}}
    response = render_themed(request, site, "shop/order_complete.html", context, shopper_page=True)
    return _private(response)


@csrf_exempt
@require_POST
def stripe_webhook(request, site_id=None):
    """Stripe's events: the platform's endpoint, or a store's own-keys endpoint. Served
    on platform hosts only."""
    if not is_platform_request(request):
        raise Http404("Not here.")
    receipt = receive_event(
        payload=request.body,
        signature=request.headers.get("Stripe-Signature", ""),
        own_keys_site_id=site_id,
    )
    return HttpResponse(receipt.detail, status=receipt.status, content_type="text/plain")
