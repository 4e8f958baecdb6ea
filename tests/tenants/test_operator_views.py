"""The platform operator's store list and its suspend / reactivate views."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ModelLogEntry

from shop.models import Order
from shop.money import format_money
from tenancy.scope import all_stores, store_scope
from tenants.models import Store
from tenants.roles import Role
from tenants.selectors import stores_for_operator
from tenants.services import SUSPEND_ACTION, suspend_store
from tests.helpers import XHR
from tests.shop.factories import place_test_order, stocked_product, stocked_variant
from tests.shop.shipping_factories import set_store
from tests.tenants.factories import StoreFactory, UserFactory, staff_member

pytestmark = pytest.mark.django_db

NBSP = "\xa0"


def _fill(store, *, products, orders, price="10.00"):
    """``products`` products, the first with ``orders`` orders of one unit each."""
    variant = stocked_variant(site=store.site, price=price, stock=orders + 1)
    for _ in range(products - 1):
        stocked_product(site=store.site)
    return [place_test_order(lines=[(variant, 1)]) for _ in range(orders)]


def _store_urls(store):
    return {
        name: reverse(f"stores:{name}", args=[store.pk])
        for name in ("inspect", "suspend", "reactivate", "history", "edit", "delete")
    } | {"index": reverse("stores:index"), "add": reverse("stores:add")}


def _index_queries(client):
    client.get(reverse("stores:index"))  # warms the caches (routes, site paths, settings)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("stores:index"))
    assert response.status_code == 200
    return len(queries.captured_queries)


# --- The store list ----------------------------------------------------------------------


def test_store_figures_count_staff_products_orders_and_revenue(store, other_store):
    alpha_orders = _fill(store, products=3, orders=2)
    with store_scope([store.site.pk]):
        cancelled = place_test_order(lines=[(alpha_orders[0].lines.get().variant, 1)])
        Order.objects.filter(pk=cancelled.pk).update(status=Order.Status.CANCELLED)
    beta_orders = _fill(other_store, products=1, orders=1, price="7.00")
    staff_member(store, Role.SUPPORT)

    with all_stores():  # the operator's admin requests run in this scope
        figures = {
            store.slug: (store.staff_count, store.product_count, store.order_count, store.revenue)
            for store in stores_for_operator()
        }

    assert figures == {
        "alpha": (2, 3, 3, sum(order.total for order in alpha_orders)),
        "beta": (1, 1, 1, beta_orders[0].total),
    }


def test_an_empty_store_has_zero_figures(store):
    with all_stores():
        listed = stores_for_operator().get()

    assert (listed.staff_count, listed.product_count, listed.order_count) == (1, 0, 0)
    assert listed.revenue == Decimal("0.00")
    assert listed.currency == "EUR"


def test_operator_sees_every_store_with_its_figures(operator_client, store, other_store):
    orders = _fill(store, products=2, orders=2)
    revenue = sum(order.total for order in orders)

    response = operator_client.get(reverse("stores:index"))

    assert response.status_code == 200
    content = response.content.decode()
    for expected in (store.name, other_store.name, store.site.hostname, f"€{revenue:.2f}"):
        assert expected in content
    rows = {row.slug: row for row in response.context["object_list"]}
    assert set(rows) == {"alpha", "beta"}
    assert (rows["alpha"].product_count, rows["alpha"].order_count) == (2, 2)


def test_store_list_shows_status_and_offers_the_right_status_change(
    operator_client, store, other_store
):
    suspend_store(store=other_store)

    content = operator_client.get(reverse("stores:index")).content.decode()

    assert "Suspended" in content
    assert reverse("stores:suspend", args=[store.pk]) in content
    assert reverse("stores:reactivate", args=[other_store.pk]) in content
    assert reverse("stores:suspend", args=[other_store.pk]) not in content


@pytest.mark.parametrize(
    ("ordering", "first"),
    [
        ("-revenue", "beta"),
        ("revenue", "alpha"),
        ("-order_count", "beta"),
        ("-product_count", "alpha"),
        ("-staff_count", "beta"),
    ],
)
def test_operator_sorts_the_store_list_by_its_figures(
    operator_client, store, other_store, ordering, first
):
    _fill(store, products=3, orders=1, price="5.00")
    _fill(other_store, products=1, orders=2, price="40.00")
    staff_member(other_store, Role.SUPPORT)

    response = operator_client.get(reverse("stores:index"), {"ordering": ordering})

    assert response.status_code == 200
    content = response.content.decode()
    positions = {slug: content.index(f"{slug}.localhost") for slug in ("alpha", "beta")}
    assert min(positions, key=positions.get) == first


def test_store_list_query_count_does_not_grow_with_the_number_of_stores(
    operator_client, store, other_store
):
    _fill(store, products=2, orders=1)
    _fill(other_store, products=1, orders=1)
    with_two = _index_queries(operator_client)

    for slug in ("gamma", "delta", "epsilon"):
        _fill(StoreFactory(slug=slug), products=2, orders=1)
    with_five = _index_queries(operator_client)

    assert Store.objects.count() == 5
    assert with_five == with_two


def test_operator_inspects_a_store(operator_client, store):
    orders = _fill(store, products=1, orders=1)

    response = operator_client.get(reverse("stores:inspect", args=[store.pk]))

    assert response.status_code == 200
    content = response.content.decode()
    assert store.site.hostname in content
    assert f"€{orders[0].total:.2f}" in content
    assert reverse("stores:suspend", args=[store.pk]) in content


def test_operator_gets_the_stores_menu_item(operator_client):
    response = operator_client.get(reverse("wagtailadmin_home"))

    assert reverse("stores:index") in response.content.decode()


def test_stores_cannot_be_added_edited_or_deleted_in_the_admin(operator_client, store):
    urls = _store_urls(store)

    for name in ("add", "edit", "delete"):
        assert operator_client.get(urls[name], **XHR).status_code == 403, name
    response = operator_client.post(urls["delete"], **XHR)

    assert response.status_code == 403
    assert Store.objects.filter(pk=store.pk).exists()


# --- Suspend and reactivate through the admin ----------------------------------------------


def test_suspend_view_asks_for_confirmation_and_changes_nothing_on_get(operator_client, store):
    response = operator_client.get(reverse("stores:suspend", args=[store.pk]))

    assert response.status_code == 200
    assert f"Yes, suspend {store.name}" in response.content.decode()
    assert Store.objects.get(pk=store.pk).status == Store.Status.ACTIVE


def test_operator_suspends_a_store_and_its_storefront_closes_at_once(
    operator_client, platform_admin, store
):
    shopper = HttpClient(HTTP_HOST=store.site.hostname)
    assert shopper.get("/").status_code == 200  # caches the open status

    response = operator_client.post(
        reverse("stores:suspend", args=[store.pk]), {"reason": "Chargebacks"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("stores:inspect", args=[store.pk])
    assert Store.objects.get(pk=store.pk).status == Store.Status.SUSPENDED
    entry = ModelLogEntry.objects.get(action=SUSPEND_ACTION)
    assert (entry.user_id, entry.data["reason"]) == (platform_admin.pk, "Chargebacks")
    assert shopper.get("/").status_code == 503


def test_operator_reactivates_a_store_and_its_storefront_opens_at_once(operator_client, store):
    suspend_store(store=store)
    shopper = HttpClient(HTTP_HOST=store.site.hostname)
    assert shopper.get("/").status_code == 503

    confirm = operator_client.get(reverse("stores:reactivate", args=[store.pk]))
    response = operator_client.post(reverse("stores:reactivate", args=[store.pk]))

    assert f"Yes, reactivate {store.name}" in confirm.content.decode()
    assert response.status_code == 302
    assert Store.objects.get(pk=store.pk).status == Store.Status.ACTIVE
    assert shopper.get("/").status_code == 200


def test_suspending_twice_through_the_admin_is_harmless(operator_client, store):
    url = reverse("stores:suspend", args=[store.pk])
    operator_client.post(url)

    again = operator_client.get(url)
    operator_client.post(url)

    assert "already suspended" in again.content.decode()
    assert ModelLogEntry.objects.filter(action=SUSPEND_ACTION).count() == 1


def test_store_history_shows_suspensions_with_the_acting_user(
    operator_client, platform_admin, store
):
    operator_client.post(reverse("stores:suspend", args=[store.pk]))
    operator_client.post(reverse("stores:reactivate", args=[store.pk]))

    response = operator_client.get(reverse("stores:history", args=[store.pk]))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Store suspended" in content
    assert "Store reactivated" in content
    assert platform_admin.username in content


# --- Merchants are kept out ----------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["index", "inspect", "suspend", "reactivate", "history", "edit", "delete", "add"]
)
def test_merchant_is_refused_every_store_list_url(merchant_client, store, other_store, name):
    for target in (store, other_store):
        url = _store_urls(target)[name]

        assert merchant_client.get(url).status_code in (403, 404), url
        assert merchant_client.post(url, {"reason": "x"}).status_code in (403, 404), url

    assert set(Store.objects.values_list("status", flat=True)) == {Store.Status.ACTIVE}
    # Only the stores' creation is logged (their themes' first revision).
    assert not ModelLogEntry.objects.exclude(content_type__app_label="themes").exists()


def test_merchant_gets_no_stores_menu_item(merchant_client):
    response = merchant_client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    assert reverse("stores:index") not in response.content.decode()


def test_staff_user_who_is_not_a_merchant_is_refused_too(platform_client, store):
    platform_client.force_login(UserFactory(is_staff=True))

    response = platform_client.post(reverse("stores:suspend", args=[store.pk]))

    assert response.status_code in (302, 403, 404)
    assert Store.objects.get(pk=store.pk).status == Store.Status.ACTIVE


def test_each_stores_revenue_is_written_the_stores_way(operator_client, store, other_store):
    set_store(store.site, currency="NOK", locale="nb-NO")
    set_store(other_store.site, currency="JPY", locale="ja-JP")
    alpha = _fill(store, products=1, orders=2, price="600.00")
    beta = _fill(other_store, products=1, orders=1, price="1500.00")
    assert sum(order.total for order in alpha) == Decimal("1210.00")  # with 5.00 shipping each

    listing = operator_client.get(reverse("stores:index")).content.decode()
    inspect = operator_client.get(reverse("stores:inspect", args=[store.pk])).content.decode()

    assert f"1{NBSP}210,00{NBSP}kr" in listing
    assert f"1{NBSP}210,00{NBSP}kr" in inspect
    assert format_money(beta[0].total, currency="JPY", locale="ja-JP") in listing
    assert "NOK" not in listing and "1,210.00" not in listing  # not en-GB's "NOK 1,210.00"
