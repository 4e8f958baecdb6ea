"""A suspended store: its hosts show a holding page and take no orders; staff keep access."""

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from wagtail.models import ModelLogEntry

from domains.models import Domain
from shop.models import Order
from tenancy.scope import store_scope
from tenants.middleware import SUSPENDED_RETRY_AFTER
from tenants.models import Store
from tenants.services import REACTIVATE_ACTION, SUSPEND_ACTION, reactivate_store, suspend_store
from tests.shop.factories import CategoryPageFactory, ProductPageFactory, stocked_variant
from tests.tenants.factories import OWNER_PASSWORD

pytestmark = pytest.mark.django_db

CHECKOUT_FORM = {
    "email": "ann@example.test",
    "name": "Ann Example",
    "address_line1": "1 Fjord Street",
    "postal_code": "0150",
    "city": "Oslo",
    "country": "Norway",
    "payment_method": "bank_transfer",
}


@pytest.fixture
def variant(store):
    return stocked_variant(site=store.site, price="12.50", stock=3, title="Blue mug")


@pytest.fixture
def storefront_paths(store, variant):
    """A page of each kind the storefront serves: home, product page, cart, checkout."""
    category = CategoryPageFactory(parent=store.site.root_page, title="Mugs", slug="mugs")
    ProductPageFactory(parent=category, product=variant.product, slug="blue-mug")
    return ["/", "/mugs/blue-mug/", reverse("shop:cart-detail"), reverse("shop:checkout")]


def _fill_cart(client, variant):
    response = client.post(reverse("shop:cart-add"), {"variant": variant.pk, "quantity": 1})
    assert response.status_code == 302


def _assert_holding_page(response, store):
    assert response.status_code == 503
    assert response["Retry-After"] == str(SUSPENDED_RETRY_AFTER)
    assert f"{store.name} is closed for the moment" in response.content.decode()


def _log_entries(store):
    return list(
        ModelLogEntry.objects.filter(object_id=str(store.pk), content_type__model="store")
        .order_by("timestamp", "pk")
        .values_list("action", "user_id", "data")
    )


# --- The services ------------------------------------------------------------------------


def test_suspend_store_sets_the_status_and_logs_who_did_it(store, platform_admin):
    assert suspend_store(store=store, user=platform_admin, reason="Unpaid invoice") is True

    assert store.status == Store.Status.SUSPENDED
    assert Store.objects.get(pk=store.pk).status == Store.Status.SUSPENDED
    assert _log_entries(store) == [
        (SUSPEND_ACTION, platform_admin.pk, {"store": "alpha", "reason": "Unpaid invoice"})
    ]


def test_reactivate_store_sets_the_status_back_and_logs_it(store, platform_admin):
    suspend_store(store=store, user=platform_admin)

    assert reactivate_store(store=store, user=platform_admin) is True

    assert Store.objects.get(pk=store.pk).status == Store.Status.ACTIVE
    assert [(action, user) for action, user, _ in _log_entries(store)] == [
        (SUSPEND_ACTION, platform_admin.pk),
        (REACTIVATE_ACTION, platform_admin.pk),
    ]


def test_suspending_a_suspended_store_changes_nothing_and_logs_nothing(store, platform_admin):
    suspend_store(store=store, user=platform_admin)

    assert suspend_store(store=store, user=platform_admin, reason="again") is False

    assert len(_log_entries(store)) == 1
    assert Store.objects.get(pk=store.pk).status == Store.Status.SUSPENDED


def test_reactivating_an_active_store_changes_nothing_and_logs_nothing(store):
    assert reactivate_store(store=store) is False

    assert _log_entries(store) == []
    assert Store.objects.get(pk=store.pk).status == Store.Status.ACTIVE


def test_suspension_log_actions_have_labels(store, platform_admin):
    suspend_store(store=store, user=platform_admin)
    reactivate_store(store=store, user=platform_admin)

    labels = [
        entry.message
        for entry in ModelLogEntry.objects.filter(content_type__model="store").order_by("pk")
    ]

    assert labels == ["Store suspended", "Store reactivated"]


def test_suspend_store_runs_in_a_stale_instance_without_undoing_another_change(store):
    stale = Store.objects.get(pk=store.pk)
    suspend_store(store=store)

    assert suspend_store(store=stale) is False
    assert stale.status == Store.Status.SUSPENDED


# --- The storefront ----------------------------------------------------------------------


def test_suspended_store_answers_every_storefront_url_with_the_holding_page(
    shopper_client, store, variant, storefront_paths
):
    _fill_cart(shopper_client, variant)
    suspend_store(store=store)

    for path in storefront_paths:
        _assert_holding_page(shopper_client.get(path), store)


def test_checkout_post_on_a_suspended_store_creates_no_order(shopper_client, store, variant):
    _fill_cart(shopper_client, variant)
    suspend_store(store=store)

    response = shopper_client.post(reverse("shop:checkout"), CHECKOUT_FORM)

    _assert_holding_page(response, store)
    with store_scope([store.site.pk]):
        assert not Order.objects.exists()


def test_adding_to_the_cart_of_a_suspended_store_is_refused(shopper_client, store, variant):
    suspend_store(store=store)

    response = shopper_client.post(reverse("shop:cart-add"), {"variant": variant.pk})

    _assert_holding_page(response, store)


def test_every_hostname_of_a_suspended_store_shows_the_holding_page(store):
    Domain.objects.create(
        site=store.site, hostname="alpha-goods.example", status=Domain.Status.ACTIVE
    )
    suspend_store(store=store)

    response = HttpClient(HTTP_HOST="alpha-goods.example").get("/")

    # The custom domain redirects to the primary one, which is closed.
    assert response.status_code == 301
    _assert_holding_page(HttpClient(HTTP_HOST=store.site.hostname).get("/"), store)


def test_a_primary_custom_domain_of_a_suspended_store_shows_the_holding_page(store):
    Domain.objects.filter(site=store.site).update(is_primary=False)
    Domain.objects.create(
        site=store.site,
        hostname="alpha-goods.example",
        status=Domain.Status.ACTIVE,
        is_primary=True,
    )
    suspend_store(store=store)

    _assert_holding_page(HttpClient(HTTP_HOST="alpha-goods.example").get("/"), store)


def test_reactivated_store_serves_its_storefront_again_at_once(
    shopper_client, store, variant, storefront_paths
):
    _fill_cart(shopper_client, variant)
    suspend_store(store=store)
    _assert_holding_page(shopper_client.get("/"), store)  # the closed status is now cached

    reactivate_store(store=store)

    for path in storefront_paths:
        assert shopper_client.get(path).status_code == 200, path


def test_checkout_works_again_after_reactivation(shopper_client, store, variant):
    suspend_store(store=store)
    reactivate_store(store=store)
    _fill_cart(shopper_client, variant)

    response = shopper_client.post(reverse("shop:checkout"), CHECKOUT_FORM)

    assert response.status_code == 302
    with store_scope([store.site.pk]):
        assert Order.objects.filter(site=store.site).count() == 1


def test_other_stores_stay_open_when_one_is_suspended(store, other_store):
    suspend_store(store=store)

    response = HttpClient(HTTP_HOST=other_store.site.hostname).get("/")

    assert response.status_code == 200
    assert other_store.name in response.content.decode()


def test_static_and_media_files_are_not_blocked_for_a_suspended_store(store, settings):
    settings.WHITENOISE_USE_FINDERS = True  # serve app static files without collectstatic
    suspend_store(store=store)
    client = HttpClient(HTTP_HOST=store.site.hostname)

    static = client.get("/static/platform/platform.css")
    media = client.get("/media/no-such-file.png")

    assert static.status_code == 200
    assert media.status_code == 404  # served by Django's media view, not the holding page


def test_the_platform_site_is_not_affected_by_a_suspended_store(platform_client, store):
    suspend_store(store=store)

    assert platform_client.get("/").status_code == 200


def test_store_status_is_read_from_the_cache_after_the_first_request(
    shopper_client, store, django_assert_max_num_queries
):
    shopper_client.get("/")
    suspend_store(store=store)
    _assert_holding_page(shopper_client.get("/"), store)

    with django_assert_max_num_queries(0):
        _assert_holding_page(shopper_client.get("/"), store)


def test_suspended_store_is_left_off_the_platform_landing_page(platform_client, store):
    suspend_store(store=store)

    assert store.name not in platform_client.get("/").content.decode()


# --- The suspended store's staff ---------------------------------------------------------


def test_merchant_of_a_suspended_store_can_still_sign_in_and_sees_the_banner(
    platform_client, store, merchant
):
    suspend_store(store=store)

    login = platform_client.post(
        reverse("wagtailadmin_login"), {"username": merchant.username, "password": OWNER_PASSWORD}
    )
    dashboard = platform_client.get(reverse("wagtailadmin_home"))

    assert login.status_code == 302
    assert dashboard.status_code == 200
    assert f"{store.name} is suspended by the platform." in dashboard.content.decode()


def test_suspension_banner_shows_on_every_admin_page_of_the_merchant(
    platform_client, store, merchant
):
    suspend_store(store=store)
    platform_client.force_login(merchant)

    for url in [
        reverse("wagtailadmin_explore", args=[store.site.root_page_id]),
        reverse("wagtailsnippets_shop_product:list"),
        reverse("wagtailsnippets_shop_order:list"),
    ]:
        response = platform_client.get(url)
        assert response.status_code == 200, url
        assert f"{store.name} is suspended by the platform." in response.content.decode(), url


def test_no_banner_for_an_active_store_or_for_other_merchants(
    platform_client, store, other_store, merchant, other_merchant
):
    suspend_store(store=other_store)

    platform_client.force_login(merchant)
    mine = platform_client.get(reverse("wagtailadmin_home")).content.decode()
    platform_client.force_login(other_merchant)
    theirs = platform_client.get(reverse("wagtailadmin_home")).content.decode()

    assert "suspended by the platform" not in mine
    assert f"{other_store.name} is suspended by the platform." in theirs
