"""Storefront views that are not pages: search, cart and checkout. Store hosts only."""

from functools import wraps

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from django_countries.fields import Country

from tenancy.request import store_site
from themes.theme import Theme

from . import search, selectors, services
from .checkout_shipping import UPDATE_SHIPPING
from .exceptions import InsufficientStock, ShopError
from .forms import AddToCartForm, CartLineForm, CheckoutForm, DiscountCodeForm
from .models import Order, ProductVariant
from .shared_forms import is_same_origin
from .storefront import StoreContext, shopper_session_key

SESSION_ORDERS_KEY = "shop_placed_orders"


def store_view(view):
    """Serve ``view`` on store hosts only, passing the store's Site as ``site``."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        site = store_site(request)
        if site is None:
            raise Http404("Not a store.")
        return view(request, *args, site=site, **kwargs)

    return wrapper


def render_themed(request, site, name, context, *, shopper_page=False, status=None):
    """A page of the store's theme. ``shopper_page`` marks the shopper's own pages (cart,
    checkout, order confirmation): they show the cart count and messages from the session.
    Every other page is the same for every shopper, who gets those from ``shopper_state``.
    """
    theme = Theme.for_site(site, request=request)
    return TemplateResponse(
        request,
        theme.template_names(name),
        {
            "theme": theme,
            "store": StoreContext(site, request),
            "shopper_page": shopper_page,
            **context,
        },
        status=status,
    )


def same_origin_post(view):
    """For the POST endpoints that shared storefront pages send forms to (add to cart):
    no CSRF token, which would make each page a shopper's own, but a strict same-origin
    check instead, with the session cookie ``SameSite=Lax`` (ADR 24).

    Django's test client skips this check as it skips CSRF checks, unless asked for both
    (``Client(enforce_csrf_checks=True)``).
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not getattr(request, "_dont_enforce_csrf_checks", False) and not is_same_origin(request):
            site = store_site(request)
            if site is None:
                raise Http404("Not a store.")
            response = render_themed(request, site, "shop/refused.html", {}, status=403)
            patch_cache_control(response, no_store=True)
            return response
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapper)


def _session_key(request) -> str:
    if not shopper_session_key(request):
        request.session.save()
    return request.session.session_key


def _back_to(request, fallback="shop:cart-detail"):
    target = request.POST.get("next", "")
    return redirect(target if target.startswith("/") and not target.startswith("//") else fallback)


@require_GET
@store_view
def shopper_state(request, *, site):
    """What shared storefront pages leave out: the shopper's cart count and the messages
    waiting for them, read once by ``themes/js/shopper.js``."""
    count = selectors.cart_item_count(site=site, session_key=shopper_session_key(request))
    waiting = [
        {"level": message.level_tag, "text": str(message)}
        for message in messages.get_messages(request)
    ]
    response = JsonResponse({"cart_count": count, "messages": waiting})
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_GET
@store_view
def store_search(request, *, site):
    theme = Theme.for_site(site, request=request)
    if not theme.show_search:
        raise Http404("This store has no search.")
    query = search.clean_query(request.GET.get("q", ""))
    results = search.search_store(
        site=site, query=query, page_number=request.GET.get("page"), request=request
    )
    context = {
        "query": query,
        "query_too_long": len(request.GET.get("q", "")) > search.MAX_QUERY_LENGTH,
        "results": results,
        "cards": results.cards,
        "max_query_length": search.MAX_QUERY_LENGTH,
    }
    return render_themed(request, site, "shop/search.html", context)


@store_view
def cart_detail(request, *, site):
    cart = selectors.find_cart(site=site, session_key=shopper_session_key(request))
    totals = selectors.cart_totals(site=site, cart=cart)
    return render_themed(request, site, "shop/cart.html", {"totals": totals}, shopper_page=True)


@require_POST
@same_origin_post
@store_view
def cart_add(request, *, site):
    form = AddToCartForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose an option and a quantity.")
        return _back_to(request)
    variant = get_object_or_404(
        ProductVariant.objects.select_related("product"), pk=form.cleaned_data["variant"], site=site
    )
    cart = services.get_or_create_cart(site=site, session_key=_session_key(request))
    try:
        services.add_to_cart(cart=cart, variant=variant, quantity=form.cleaned_data["quantity"])
    except ShopError as error:
        messages.error(request, str(error))
        return _back_to(request)
    messages.success(request, f"Added {variant} to your cart.")
    return redirect("shop:cart-detail")


@require_POST
@store_view
def cart_line_update(request, line_id, *, site):
    cart = selectors.find_cart(site=site, session_key=shopper_session_key(request))
    form = CartLineForm(request.POST)
    if cart is None or not form.is_valid():
        messages.error(request, "Enter a quantity between 0 and 999.")
        return redirect("shop:cart-detail")
    try:
        services.update_cart_line(
            cart=cart, line_id=line_id, quantity=form.cleaned_data["quantity"]
        )
    except ShopError as error:
        messages.error(request, str(error))
    except cart.lines.model.DoesNotExist:
        messages.error(request, "That item is no longer in your cart.")
    return redirect("shop:cart-detail")


@require_POST
@store_view
def cart_code_apply(request, *, site):
    """Keep a discount code on the cart; the cart page then shows what it takes off, or
    why it takes nothing."""
    cart = selectors.find_cart(site=site, session_key=shopper_session_key(request))
    form = DiscountCodeForm(request.POST)
    if cart is None:
        messages.error(request, "Your cart is empty: add something before entering a code.")
    elif not form.is_valid():
        messages.error(request, "Enter a discount code of at most 32 characters.")
    else:
        try:
            services.add_discount_code(cart=cart, code=form.cleaned_data["code"])
        except ShopError as error:
            messages.error(request, str(error))
    return _back_to_cart_or_checkout(request)


@require_POST
@store_view
def cart_code_remove(request, *, site):
    cart = selectors.find_cart(site=site, session_key=shopper_session_key(request))
    form = DiscountCodeForm(request.POST)
    if cart is not None and form.is_valid():
        services.remove_discount_code(cart=cart, code=form.cleaned_data["code"])
    return _back_to_cart_or_checkout(request)


def _back_to_cart_or_checkout(request):
    if request.POST.get("next") == "checkout":
        return redirect("shop:checkout")
    return redirect("shop:cart-detail")


@require_POST
@store_view
def cart_line_remove(request, line_id, *, site):
    cart = selectors.find_cart(site=site, session_key=shopper_session_key(request))
    if cart is not None:
        services.remove_cart_line(cart=cart, line_id=line_id)
    return redirect("shop:cart-detail")


def _remember_order(request, order):
    """Let this session see the order's confirmation page (and pay it, by card)."""
    placed = request.session.get(SESSION_ORDERS_KEY, [])
    if order.pk not in placed:
        request.session[SESSION_ORDERS_KEY] = [*placed[-19:], order.pk]
    if order.payment_method == Order.PaymentMethod.CARD and not order.is_paid:
        return redirect("shop:card-payment", number=order.number)
    return redirect("shop:order-complete", number=order.number)


def _hold_cart(request, cart, *, minutes: int) -> dict:
    """Entering checkout (GET) holds the cart's items for this shopper; each later checkout
    request renews the holds: what the page says of the hold, or of the items that fell
    short."""
    if request.method != "GET":
        return {"hold": services.extend_reservations(cart=cart, minutes=minutes)}
    try:
        return {"hold": services.reserve_cart(cart=cart, minutes=minutes)}
    except InsufficientStock as error:
        return {"shortages": [(variant, max(left, 0)) for variant, left in error.shortages]}


def _priced_for(request, form, *, site, cart, store_settings):
    """The cart priced for the address and rate the form (or, on a GET, the query) names,
    with the destination country."""
    code, postal_code, rate_key = form.destination(request.GET)
    country = Country(code or store_settings.default_country.code)
    totals = selectors.cart_totals(
        site=site,
        cart=cart,
        country=country.code,
        postal_code=postal_code,
        rate_key=rate_key,
        email=form.shopper_email(),
    )
    return totals, country


@store_view
def checkout(request, *, site):
    cart = selectors.find_cart(site=site, session_key=shopper_session_key(request))
    store_settings = selectors.store_settings(site)
    form = CheckoutForm(request.POST or None, store_settings=store_settings, cart=cart)
    # "Update shipping" (no JavaScript) asks for the rates of the address typed: nothing
    # is placed, and nothing is called an error yet.
    updating = UPDATE_SHIPPING in request.POST
    valid = form.is_bound and not updating and form.is_valid()
    cleaned = getattr(form, "cleaned_data", {})
    if cart is not None and cleaned.get("checkout_token"):
        # The same form submitted again (a double click, a retry): show the order it placed.
        placed = selectors.order_for_checkout_token(site=site, token=cleaned["checkout_token"])
        if placed is not None:
            return _remember_order(request, placed)
    totals, country = _priced_for(
        request, form, site=site, cart=cart, store_settings=store_settings
    )
    if not totals.lines:
        messages.info(request, "Your cart is empty.")
        return redirect("shop:cart-detail")
    if (
        valid
        and form.confirm_shipping(totals, country=country)
        and form.confirm_total(totals, country=country)
    ):
        try:
            order = services.place_order(
                cart=cart,
                details=services.CheckoutDetails(**form.checkout_details()),
                checkout_token=cleaned["checkout_token"],
                expected_total=totals.total,
            )
        except ShopError as error:
            # Nothing was written: the cart and what the shopper typed are kept.
            messages.error(request, str(error))
        else:
            return _remember_order(request, order)
    if updating:
        form = CheckoutForm(initial=request.POST.dict(), store_settings=store_settings, cart=cart)
    held = _hold_cart(request, cart, minutes=store_settings.reservation_minutes)
    preordered = services.stock.preordered_in_cart(
        cart=cart,
        lines=[priced.line for priced in totals.lines],
        store_choice=store_settings.out_of_stock,
    )
    context = {
        "form": form,
        "totals": totals,
        "shipping_country": country,
        # Each priced line with its units that would be taken on pre-order.
        "summary_lines": [
            (priced, preordered.get(priced.line.variant_id, 0)) for priced in totals.lines
        ],
        **held,
    }
    return render_themed(request, site, "shop/checkout.html", context, shopper_page=True)


@store_view
def order_complete(request, number, *, site):
    order = get_object_or_404(
        Order.objects.for_site(site).prefetch_related("lines"),
        number=number,
        pk__in=request.session.get(SESSION_ORDERS_KEY, []),
    )
    return render_themed(
        request, site, "shop/order_complete.html", {"order": order}, shopper_page=True
    )
