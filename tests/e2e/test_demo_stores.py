"""A shopper buys something in each of the four demo stores; the merchant finds the order.

Runs in headless Chromium against the live server. Screenshots of every store land in
test-artifacts/screenshots/. Every step runs under the storefront's (or the admin's)
Content-Security-Policy: a violation in the console fails the test, naming the step.
"""

import re

import pytest

from crm_bridge.models import Client, Ticket
from shop.models import Order, Product
from tenancy.scope import all_stores, store_scope
from tenants.models import Store
from tests.e2e.browser import capture, store_url

# The live server needs committed data (transaction=True); serialized_rollback restores the
# rows migrations made (the page tree root, the platform site) for the tests after these.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

DEMO_STORES = ["fjord", "aurora", "heritage", "maison"]


def buy_first_available_product(page, live_server, slug, screenshots, csp):
    page.goto(store_url(live_server, slug))
    capture(page, screenshots / f"{slug}-home.png")
    csp.assert_none(f"{slug}: home")

    page.locator("nav.site-nav a, .site-nav a").first.click()
    page.wait_for_load_state()
    capture(page, screenshots / f"{slug}-category.png")
    csp.assert_none(f"{slug}: category")

    cards = page.locator(".product-card:not(.product-card--sold-out) a")
    assert cards.count() > 0, f"{slug}: the first category lists no available product"
    cards.first.click()
    page.wait_for_load_state()
    capture(page, screenshots / f"{slug}-product.png")
    csp.assert_none(f"{slug}: product")

    page.get_by_role("button", name="Add to cart").click()
    page.wait_for_url(re.compile(r"/cart/$"))
    assert page.locator("[data-testid=cart-line]").count() == 1
    capture(page, screenshots / f"{slug}-cart.png")
    csp.assert_none(f"{slug}: cart")

    page.get_by_role("link", name="Check out").click()
    page.wait_for_url(re.compile(r"/checkout/$"))
    page.fill("input[name=email]", f"Shopper+{slug}@Example.com")
    page.fill("input[name=name]", "Sam Shopper")
    page.fill("input[name=phone]", "+47 555 01 234")
    page.fill("input[name=address_line1]", "Storgata 1")
    page.fill("input[name=postal_code]", "0155")
    page.fill("input[name=city]", "Oslo")
    page.select_option("select[name=country]", index=0)  # the store's own country
    capture(page, screenshots / f"{slug}-checkout.png")
    csp.assert_none(f"{slug}: checkout")
    page.get_by_role("button", name=re.compile(r"^Place order")).click()
    page.wait_for_url(re.compile(r"/checkout/complete/\d+/$"))
    assert "Thank you" in page.locator("[data-testid=order-confirmed]").inner_text()
    capture(page, screenshots / f"{slug}-order-complete.png")
    csp.assert_none(f"{slug}: order complete")


def test_shopper_checks_out_in_every_demo_store(demo, page, screenshots, csp_violations):
    for slug in DEMO_STORES:
        buy_first_available_product(page, demo, slug, screenshots, csp_violations)

    for slug in DEMO_STORES:
        store = Store.objects.get(slug=slug)
        with store_scope([store.site_id]):
            order = Order.objects.for_site(store.site).get()
            assert order.number == 1001
            assert order.email == f"shopper+{slug}@example.com"
            assert Client.objects.for_site(store.site).get().orders_count == 1
            assert Ticket.objects.for_site(store.site).get(kind=Ticket.Kind.ORDER).order == order


def test_merchant_finds_order_client_and_ticket_in_admin(demo, page, screenshots, csp_violations):
    buy_first_available_product(page, demo, "fjord", screenshots, csp_violations)
    fjord = Store.objects.get(slug="fjord")
    with store_scope([fjord.site_id]):
        order = Order.objects.get(site__store__slug="fjord")

    page.goto(f"{demo.url}/admin/login/")
    page.fill("input[name=username]", "merchant@fjord.example")
    page.fill("input[name=password]", "fjord-demo")
    page.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    csp_violations.assert_none("admin: sign-in and dashboard")

    page.goto(f"{demo.url}/admin/snippets/shop/order/")
    assert f"#{order.number}" in page.locator("body").inner_text()
    capture(page, screenshots / "admin-fjord-orders.png")
    csp_violations.assert_none("admin: orders")
    page.goto(f"{demo.url}/admin/snippets/crm_bridge/client/")
    assert "shopper+fjord@example.com" in page.locator("body").inner_text()
    page.goto(f"{demo.url}/admin/snippets/crm_bridge/ticket/")
    assert f"Order #{order.number}" in page.locator("body").inner_text()
    capture(page, screenshots / "admin-fjord-tickets.png")
    csp_violations.assert_none("admin: clients and tickets")

    page.goto(f"{demo.url}/admin/snippets/shop/product/?per_page=100")
    body = page.locator("body").inner_text()
    csp_violations.assert_none("admin: products")
    with store_scope([fjord.site_id]):
        assert all(p.title in body for p in Product.objects.for_site(fjord.site)[:5])
    with all_stores():
        others = list(Product.objects.exclude(site=fjord.site))
    leaked = [p.title for p in others if p.title in body]
    assert not leaked, f"other stores' products shown to Fjord's merchant: {leaked}"
