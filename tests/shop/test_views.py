import pytest
from django.conf import settings
from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from shop.models import Cart, CartLine, Order, StockLevel, StockMovement
from tenancy.scope import all_stores, store_scope
from tests.helpers import use_fresh_cache
from tests.shop.factories import (
    CartFactory,
    CategoryPageFactory,
    ImageFactory,
    ProductImageFactory,
    ProductPageFactory,
    place_test_order,
    stocked_product,
    stocked_variant,
)

pytestmark = pytest.mark.django_db

CHECKOUT_FORM = {
    "email": "ann@example.test",
    "name": "Ann Example",
    "phone": "",
    "address_line1": "1 Fjord Street",
    "address_line2": "",
    "postal_code": "0150",
    "city": "Oslo",
    "country": "Norway",
    "note": "",
    "payment_method": "bank_transfer",
}


@pytest.fixture
def variant(store):
    return stocked_variant(site=store.site, price="12.50", stock=3, title="Blue mug")


def _add(client, variant, quantity=1, **extra):
    return client.post(
        reverse("shop:cart-add"), {"variant": variant.pk, "quantity": quantity, **extra}
    )


def _cart_lines(store):
    with store_scope([store.site.pk]):
        return list(
            CartLine.objects.filter(cart__site=store.site).values_list("variant_id", "quantity")
        )


def _messages(response):
    return [str(message) for message in response.context["messages"]]


def test_add_to_cart_puts_the_variant_in_this_sessions_cart(
    shopper_client, store, variant, in_store_scope
):
    response = _add(shopper_client, variant, 2)

    assert response.status_code == 302
    assert response["Location"] == reverse("shop:cart-detail")
    cart = Cart.objects.get(site=store.site)
    assert cart.session_key == shopper_client.session.session_key
    assert _cart_lines(store) == [(variant.pk, 2)]
    page = shopper_client.get(reverse("shop:cart-detail"))
    assert "Blue mug" in page.content.decode()
    assert "€25.00" in page.content.decode()
    assert "Added Blue mug to your cart." in _messages(page)


def test_adding_the_same_variant_again_adds_to_its_line(shopper_client, store, variant):
    _add(shopper_client, variant, 1)
    _add(shopper_client, variant, 2)

    assert _cart_lines(store) == [(variant.pk, 3)]


def test_add_to_cart_goes_back_to_a_local_next_page_on_error(shopper_client, variant):
    response = _add(shopper_client, variant, 9, next="/mugs/blue-mug/")
    evil = _add(shopper_client, variant, 9, next="//evil.test/")

    assert response["Location"] == "/mugs/blue-mug/"
    assert evil["Location"] == reverse("shop:cart-detail")


def test_changing_a_line_quantity_updates_the_cart(shopper_client, store, variant, in_store_scope):
    _add(shopper_client, variant, 1)
    line = CartLine.objects.get()

    response = shopper_client.post(
        reverse("shop:cart-line-update", args=[line.pk]), {"quantity": 3}
    )

    assert response.status_code == 302
    assert _cart_lines(store) == [(variant.pk, 3)]
    assert "€37.50" in shopper_client.get(reverse("shop:cart-detail")).content.decode()


def test_setting_a_line_quantity_to_zero_removes_it(shopper_client, store, variant, in_store_scope):
    _add(shopper_client, variant, 2)
    line = CartLine.objects.get()

    shopper_client.post(reverse("shop:cart-line-update", args=[line.pk]), {"quantity": 0})

    assert _cart_lines(store) == []


def test_removing_a_line_empties_it_from_the_cart(shopper_client, store, variant, in_store_scope):
    _add(shopper_client, variant, 2)
    line = CartLine.objects.get()

    response = shopper_client.post(reverse("shop:cart-line-remove", args=[line.pk]))

    assert response.status_code == 302
    assert _cart_lines(store) == []
    assert "Your cart is empty." in shopper_client.get(reverse("shop:cart-detail")).content.decode()


def test_cart_survives_in_the_database_for_the_same_session_cookie(shopper_client, store, variant):
    _add(shopper_client, variant, 2)
    cookie = shopper_client.cookies[settings.SESSION_COOKIE_NAME].value

    returning = HttpClient(HTTP_HOST=store.site.hostname)
    returning.cookies[settings.SESSION_COOKIE_NAME] = cookie
    response = returning.get(reverse("shop:cart-detail"))

    assert response.context["totals"].item_count == 2
    assert "Blue mug" in response.content.decode()
    stranger = HttpClient(HTTP_HOST=store.site.hostname).get(reverse("shop:cart-detail"))
    assert stranger.context["totals"].item_count == 0


def test_checkout_places_the_order_and_shows_the_confirmation(
    shopper_client, store, variant, in_store_scope
):
    _add(shopper_client, variant, 2)

    response = shopper_client.post(reverse("shop:checkout"), CHECKOUT_FORM)

    order = Order.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("shop:order-complete", args=[order.number])
    assert (order.site_id, order.number, order.email) == (
        store.site.pk,
        1001,
        "ann@example.test",
    )
    assert list(order.lines.values_list("sku", "quantity")) == [(variant.sku, 2)]
    assert StockLevel.objects.get(variant=variant).on_hand == 1
    assert _cart_lines(store) == []
    confirmation = shopper_client.get(response["Location"])
    assert confirmation.status_code == 200
    content = confirmation.content.decode()
    assert "Thank you, Ann Example!" in content
    assert "Order #1001" in content
    assert "€30.00" in content  # 2 x 12.50 + 5.00 shipping


def test_checkout_page_shows_the_cart_summary(shopper_client, variant):
    _add(shopper_client, variant, 2)

    response = shopper_client.get(reverse("shop:checkout"))

    assert response.status_code == 200
    assert response.context["totals"].item_count == 2
    content = response.content.decode()
    assert "Blue mug" in content
    assert "€30.00" in content  # 2 x 12.50 + 5.00 shipping


def test_checkout_with_an_empty_cart_goes_back_to_the_cart(shopper_client, store, in_store_scope):
    response = shopper_client.post(reverse("shop:checkout"), CHECKOUT_FORM)

    assert response.status_code == 302
    assert response["Location"] == reverse("shop:cart-detail")
    assert not Order.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("email", "not-an-email"), ("name", ""), ("address_line1", ""), ("payment_method", "card")],
)
def test_invalid_checkout_shows_errors_and_writes_nothing(
    shopper_client, store, variant, field, value, in_store_scope
):
    _add(shopper_client, variant, 2)
    ledger_before = StockMovement.objects.count()

    response = shopper_client.post(reverse("shop:checkout"), {**CHECKOUT_FORM, field: value})

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Order.objects.exists()
    assert _cart_lines(store) == [(variant.pk, 2)]
    assert StockLevel.objects.get(variant=variant).on_hand == 3
    assert StockMovement.objects.count() == ledger_before


def test_adding_more_than_in_stock_shows_a_message_and_writes_nothing(
    shopper_client, store, variant
):
    response = _add(shopper_client, variant, 4)
    cart_page = shopper_client.get(response["Location"])

    assert "Not enough stock for: Blue mug (only 3 left)." in _messages(cart_page)
    assert _cart_lines(store) == []


def test_raising_a_line_above_stock_shows_a_message_and_keeps_the_line(
    shopper_client, store, variant, in_store_scope
):
    _add(shopper_client, variant, 2)
    line = CartLine.objects.get()

    response = shopper_client.post(
        reverse("shop:cart-line-update", args=[line.pk]), {"quantity": 4}, follow=True
    )

    assert "Not enough stock for: Blue mug (only 3 left)." in _messages(response)
    assert _cart_lines(store) == [(variant.pk, 2)]


def test_checkout_when_stock_ran_out_meanwhile_shows_a_message_and_writes_nothing(
    shopper_client, store, variant, in_store_scope
):
    _add(shopper_client, variant, 3)
    place_test_order(lines=[(variant, 2)], email="faster@example.test")  # someone else
    orders_before = Order.objects.count()

    response = shopper_client.post(reverse("shop:checkout"), CHECKOUT_FORM)

    # The checkout page again, with what the shopper typed.
    assert response.status_code == 200
    assert response.context["form"]["email"].value() == CHECKOUT_FORM["email"]
    assert "Not enough stock for: Blue mug (only 1 left)." in _messages(response)
    assert Order.objects.count() == orders_before
    assert _cart_lines(store) == [(variant.pk, 3)]
    assert StockLevel.objects.get(variant=variant).on_hand == 1


def test_sold_out_and_draft_products_cannot_be_added(shopper_client, store):
    sold_out = stocked_variant(site=store.site, stock=0, title="Sold out mug")
    draft = stocked_variant(site=store.site, title="Secret mug", status="draft")

    first = shopper_client.get(_add(shopper_client, sold_out, 1)["Location"])
    second = shopper_client.get(_add(shopper_client, draft, 1)["Location"])

    assert "Not enough stock for: Sold out mug (out of stock)." in _messages(first)
    assert "This product is not available." in _messages(second)
    assert _cart_lines(store) == []


@pytest.mark.parametrize(
    ("method", "name", "args"),
    [
        ("get", "shop:cart-detail", []),
        ("post", "shop:cart-add", []),
        ("post", "shop:cart-line-update", [1]),
        ("post", "shop:cart-line-remove", [1]),
        ("get", "shop:checkout", []),
        ("post", "shop:checkout", []),
        ("get", "shop:order-complete", [1001]),
    ],
)
def test_cart_and_checkout_are_not_served_on_the_platform_host(
    platform_client, store, variant, method, name, args
):
    data = {"variant": variant.pk, "quantity": 1} if name == "shop:cart-add" else {}

    response = getattr(platform_client, method)(reverse(name, args=args), data)

    assert response.status_code == 404
    with all_stores():
        assert not Cart.objects.exists()


def test_another_stores_variant_cannot_be_added_to_this_stores_cart(
    shopper_client, store, other_store
):
    theirs = stocked_variant(site=other_store.site, title="Their mug")

    response = _add(shopper_client, theirs, 1)

    assert response.status_code == 404
    with all_stores():
        assert not CartLine.objects.exists()


def test_a_line_of_another_cart_cannot_be_changed_or_removed(
    shopper_client, store, variant, in_store_scope
):
    _add(shopper_client, variant, 1)
    other_cart = CartFactory(site=store.site, lines=[(variant, 2)])
    their_line = other_cart.lines.get()

    update = shopper_client.post(
        reverse("shop:cart-line-update", args=[their_line.pk]), {"quantity": 1}, follow=True
    )
    shopper_client.post(reverse("shop:cart-line-remove", args=[their_line.pk]))

    assert "That item is no longer in your cart." in _messages(update)
    their_line.refresh_from_db()
    assert their_line.quantity == 2


def test_order_confirmation_of_an_order_from_another_session_is_404(shopper_client, store, variant):
    order = place_test_order(lines=[(variant, 1)], run_on_commit=False)

    response = shopper_client.get(reverse("shop:order-complete", args=[order.number]))

    assert response.status_code == 404
    assert order.name.encode() not in response.content


def test_order_confirmation_is_404_on_another_stores_host(store, other_store, variant):
    client = HttpClient(HTTP_HOST=store.site.hostname)
    _add(client, variant, 1)
    client.post(reverse("shop:checkout"), CHECKOUT_FORM)
    with store_scope([store.site.pk]):
        order = Order.objects.get()
    # Same session cookie, but on the other store's host: not this store's order.
    elsewhere = HttpClient(HTTP_HOST=other_store.site.hostname)
    elsewhere.cookies = client.cookies

    response = elsewhere.get(reverse("shop:order-complete", args=[order.number]))

    assert response.status_code == 404


def test_product_page_add_to_cart_form_posts_the_variant(shopper_client, store, in_store_scope):
    product = stocked_product(
        site=store.site,
        title="Linen shirt",
        variants=[
            {"price": "40.00", "options": {"Size": "S"}, "stock": 2},
            {"price": "42.00", "options": {"Size": "L"}, "stock": 0},
        ],
    )
    category = CategoryPageFactory(parent=store.site.root_page, title="Shirts")
    ProductPageFactory(parent=category, product=product)
    small = product.variants.get(options__Size="S")

    page = shopper_client.get("/shirts/linen-shirt/")
    response = _add(shopper_client, small, 1, next="/shirts/linen-shirt/")

    assert f'name="variant" value="{small.pk}"' in page.content.decode()
    assert response["Location"] == reverse("shop:cart-detail")
    assert _cart_lines(store) == [(small.pk, 1)]


def _cart_page_queries(client, settings):
    assert client.get(reverse("shop:cart-detail")).status_code == 200  # makes renditions
    use_fresh_cache(settings)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("shop:cart-detail"))
    assert response.status_code == 200
    return len(queries.captured_queries), response.context["totals"].item_count


def test_cart_page_query_count_does_not_grow_with_lines(shopper_client, store, settings):
    def add_product_with_image(index):
        variant = stocked_variant(site=store.site, title=f"Mug {index}")
        image = ImageFactory(collection=store.collection)
        ProductImageFactory(product=variant.product, image=image)
        _add(shopper_client, variant, 1)

    add_product_with_image(0)
    few, few_items = _cart_page_queries(shopper_client, settings)
    for index in range(1, 6):
        add_product_with_image(index)
    many, many_items = _cart_page_queries(shopper_client, settings)

    assert (few_items, many_items) == (1, 6)
    assert many == few
