"""Notify me: a shopper leaves an address on a sold-out variant's page and is emailed once
when it is back. The form carries no CSRF token (the page is shared), so the endpoint
accepts posts from the store's own pages only, counts attempts, and ignores bots."""

import pytest
from django.core import mail
from django.test import Client as HttpClient
from django.test import TestCase
from django.urls import reverse

from shop.models import BackInStockRequest, StockLevel, StockMovement
from shop.notify_views import ATTEMPTS_PER_WINDOW
from shop.services import adjust_stock
from shop.services.alerts import notify_back_in_stock
from shop.tasks import notify_back_in_stock_task
from tenancy.scope import all_stores, store_scope
from tests.races import race
from tests.shop.factories import CategoryPageFactory, ProductPageFactory, stocked_variant
from tests.tenants.factories import StoreFactory

pytestmark = pytest.mark.django_db

PAGE = "/lamps/brass-lamp/"


@pytest.fixture
def sold_out(store):
    variant = stocked_variant(site=store.site, price="80.00", stock=0, title="Brass lamp")
    category = CategoryPageFactory(parent=store.site.root_page, title="Lamps")
    ProductPageFactory(parent=category, product=variant.product)
    return variant


@pytest.fixture
def browser(store):
    """A shopper's browser on the store: it enforces CSRF checks, and sends the Origin of
    the page its form is on."""
    return HttpClient(HTTP_HOST=store.site.hostname, enforce_csrf_checks=True)


def _ask(browser, store, variant_id, email="ann@example.test", **extra):
    headers = {"origin": f"http://{store.site.hostname}"}
    headers.update(extra.pop("headers", {}))
    return browser.post(
        reverse("shop:back-in-stock"),
        {"variant": variant_id, "email": email, "website": "", **extra},
        headers=headers,
    )


def _requests():
    with all_stores():
        return list(BackInStockRequest.objects.order_by("pk").values_list("email", "notified_at"))


def _restock(variant, quantity=5):
    with store_scope([variant.site_id]), TestCase.captureOnCommitCallbacks(execute=True):
        adjust_stock(variant=variant, quantity=quantity, reason=StockMovement.Reason.RESTOCK)


def test_a_sold_out_products_page_offers_the_form_without_a_token(browser, sold_out):
    page = browser.get(PAGE).content.decode()

    assert 'action="/back-in-stock/"' in page
    assert f'name="variant" value="{sold_out.pk}"' in page
    assert "Email me when it is back" in page
    assert "csrfmiddlewaretoken" not in page


def test_a_product_in_stock_offers_no_form(browser, store, sold_out):
    _restock(sold_out)

    assert "Email me when it is back" not in browser.get(PAGE).content.decode()


def test_asking_records_the_request_and_says_so(browser, store, sold_out):
    response = _ask(browser, store, sold_out.pk)

    assert response.status_code == 200
    body = response.content.decode()
    assert "We will email ann@example.test once, when Brass lamp is back in stock." in body
    assert f'href="{PAGE}?variant={sold_out.pk}"' in body
    assert _requests() == [("ann@example.test", None)]


def test_asking_twice_keeps_one_request(browser, store, sold_out):
    _ask(browser, store, sold_out.pk)

    response = _ask(browser, store, sold_out.pk, email="ANN@example.test")

    assert "You are already on the list" in response.content.decode()
    assert len(_requests()) == 1


def test_a_bad_address_shows_the_form_again_with_what_was_typed(browser, store, sold_out):
    response = _ask(browser, store, sold_out.pk, email="ann@")

    assert response.status_code == 400
    body = response.content.decode()
    assert "Enter a valid email address, such as name@example.com." in body
    assert 'value="ann@"' in body
    assert _requests() == []


def test_another_stores_variant_is_refused(browser, store, other_store):
    theirs = stocked_variant(site=other_store.site, stock=0, title="Their lamp")

    response = _ask(browser, store, theirs.pk)

    assert response.status_code == 404
    body = response.content.decode()
    assert "not sold in this store" in body
    assert "Their lamp" not in body
    assert _requests() == []


@pytest.mark.parametrize("variant_id", ["", "abc", "-1", "99999999999", "0"])
def test_a_forged_variant_id_is_refused(browser, store, sold_out, variant_id):
    assert _ask(browser, store, variant_id).status_code == 404
    assert _requests() == []


def test_a_variant_in_stock_is_not_recorded(browser, store, sold_out):
    _restock(sold_out)

    response = _ask(browser, store, sold_out.pk)

    assert response.status_code == 409
    assert "in stock now" in response.content.decode()
    assert _requests() == []


def test_a_post_from_another_site_is_refused(browser, store, sold_out):
    response = _ask(browser, store, sold_out.pk, headers={"origin": "https://evil.example"})

    assert response.status_code == 403
    assert _requests() == []


def test_the_honeypot_thanks_a_bot_and_keeps_nothing(browser, store, sold_out):
    response = _ask(browser, store, sold_out.pk, website="http://spam.example")

    assert response.status_code == 200
    assert _requests() == []


def test_too_many_attempts_from_one_address_are_refused(browser, store, sold_out):
    for n in range(ATTEMPTS_PER_WINDOW):
        assert _ask(browser, store, sold_out.pk, email=f"a{n}@example.test").status_code == 200

    response = _ask(browser, store, sold_out.pk, email="late@example.test")

    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert len(_requests()) == ATTEMPTS_PER_WINDOW


def test_coming_back_emails_each_shopper_once_in_text_and_html(browser, store, sold_out):
    _ask(browser, store, sold_out.pk, email="ann@example.test")
    _ask(browser, store, sold_out.pk, email="bob@example.test")

    _restock(sold_out)

    assert sorted(message.to[0] for message in mail.outbox) == [
        "ann@example.test",
        "bob@example.test",
    ]
    message = mail.outbox[0]
    assert message.subject == "Back in stock at Alpha Goods: Brass lamp"
    assert "Brass lamp is back in stock at Alpha Goods" in message.body
    assert f"{PAGE}?variant={sold_out.pk}" in message.body
    [(html, kind)] = message.alternatives
    assert kind == "text/html"
    assert "Order it now" in html
    assert all(notified_at is not None for _, notified_at in _requests())


def test_running_the_notification_again_sends_nothing_more(browser, store, sold_out):
    _ask(browser, store, sold_out.pk)
    _restock(sold_out)

    notify_back_in_stock_task(sold_out.pk, store.site.pk)
    _restock(sold_out, 3)  # more stock, not a return: no new email

    assert len(mail.outbox) == 1


def test_a_variant_that_sold_out_again_keeps_its_shoppers_waiting(browser, store, sold_out):
    _ask(browser, store, sold_out.pk)
    with store_scope([store.site.pk]):
        StockLevel.objects.filter(variant=sold_out).update(on_hand=0)
        sent = notify_back_in_stock(variant_id=sold_out.pk)

    assert sent == 0
    assert mail.outbox == []
    assert _requests()[0][1] is None


def test_asking_again_after_being_told_waits_for_the_next_return(browser, store, sold_out):
    _ask(browser, store, sold_out.pk)
    _restock(sold_out)
    with store_scope([store.site.pk]), TestCase.captureOnCommitCallbacks(execute=True):
        adjust_stock(variant=sold_out, quantity=-5, reason=StockMovement.Reason.SALE)

    _ask(browser, store, sold_out.pk)
    _restock(sold_out)

    assert len(mail.outbox) == 2


def test_a_task_given_another_stores_id_sends_nothing(browser, store, other_store, sold_out):
    _ask(browser, store, sold_out.pk)
    with store_scope([store.site.pk]):
        StockLevel.objects.filter(variant=sold_out).update(on_hand=4)

    notify_back_in_stock_task(sold_out.pk, other_store.site.pk)

    assert mail.outbox == []


def test_the_merchant_sees_who_waits_for_which_variant(browser, store, sold_out, merchant_client):
    _ask(browser, store, sold_out.pk)

    response = merchant_client.get("/admin/snippets/shop/backinstockrequest/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "ann@example.test" in body
    assert "Brass lamp" in body
    assert "Waiting" in body


def test_a_variant_emptied_outside_the_ledger_still_emails_on_its_return(browser, store):
    variant = stocked_variant(site=store.site, stock=9, title="Brass lamp")
    category = CategoryPageFactory(parent=store.site.root_page, title="Lamps")
    ProductPageFactory(parent=category, product=variant.product)
    _restock(variant, 1)  # the alerts record it in stock
    with store_scope([store.site.pk]):
        StockLevel.objects.filter(variant=variant).update(on_hand=0)  # no movement, no alert

    _ask(browser, store, variant.pk)
    _restock(variant)

    assert [message.to for message in mail.outbox] == [["ann@example.test"]]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("postgresql_only", "restore_initial_data")
def test_two_workers_notifying_at_once_email_each_shopper_once():
    store = StoreFactory(slug="notify-race")
    variant = stocked_variant(site=store.site, stock=0, title="Brass lamp")
    with store_scope([store.site.pk]):
        for n in range(5):
            BackInStockRequest.objects.create(
                site=store.site, variant=variant, email=f"s{n}@example.test"
            )
        StockLevel.objects.filter(variant=variant).update(on_hand=4)

    def notify(_index):
        with store_scope([store.site.pk]):
            return notify_back_in_stock(variant_id=variant.pk)

    outcomes = race(notify, 4)

    assert sum(outcomes) == 5
    assert sorted(message.to[0] for message in mail.outbox) == [
        f"s{n}@example.test" for n in range(5)
    ]
