"""Invoices and credit notes in the browser (ADR 45): the merchant marks an order paid and
opens its invoice from the order screen, then the credit note of a refund; the shopper
opens the invoice from the tracking page. On screen at 1280 px and as printed.
Screenshots: test-artifacts/screenshots/invoice-*.png."""

from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import TestCase
from playwright.sync_api import expect

from shop import services
from shop.money import format_money
from shop.order_access import order_token
from tenancy.scope import store_scope
from tests.e2e.browser import capture, sign_in, store_url
from tests.shop.factories import place_test_order, stocked_product
from tests.shop.shipping_factories import add_zone, rate, set_store
from tests.tenants.factories import OWNER_PASSWORD, StoreFactory
from themes.presets import Preset

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
}


def _store():
    store = StoreFactory(slug="alpha", name="Alpha Goods", preset=Preset.CLASSIC)
    set_store(
        store.site,
        tax_rate=Decimal("25"),
        prices_include_tax=True,
        legal_name="Alpha Goods AS",
        business_address="Storgata 1\n0155 Oslo\nNorway",
        tax_number="NO 912 345 678 MVA",
        contact_email="hello@alpha.test",
        locale="nb-NO",
        currency="NOK",
    )
    add_zone(store.site, ["NO"], rate("Posten, home delivery", price="79.00"))
    return store


def _order(store):
    vase = stocked_product(
        site=store.site,
        title="Stoneware vase",
        variants=[
            {"price": "349.00", "stock": 9, "sku": "VASE-SAND", "options": {"Colour": "Sand"}}
        ],
    )
    cup = stocked_product(
        site=store.site,
        title="Espresso cup",
        variants=[{"price": "89.90", "stock": 9, "sku": "CUP-ESP"}],
    )
    with store_scope([store.site.pk]):
        lines = [(vase.variants.get(), 1), (cup.variants.get(), 4)]
    return place_test_order(lines=lines, email="ann@example.test", name="Ann Nordmann")


def _print_view(page, screenshots, name):
    """The page as printed: the toolbar gone, everything else there."""
    page.emulate_media(media="print")
    expect(page.locator(".invoice-toolbar")).to_be_hidden()
    expect(page.get_by_test_id("invoice-total")).to_be_visible()
    expect(page.get_by_test_id("tax-breakdown")).to_be_visible()
    expect(page.get_by_test_id("seller")).to_be_visible()
    capture(page, screenshots / f"{name}-print.png")
    page.emulate_media(media="screen")


def test_the_merchant_opens_the_invoice_and_the_credit_note_from_the_order_screen(
    page, live_server, screenshots, csp_violations
):
    store = _store()
    order = _order(store)
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server, "owner@alpha.test", OWNER_PASSWORD)

    page.goto(f"{live_server.url}/admin/snippets/shop/order/edit/{order.pk}/")
    page.get_by_role("button", name="Mark as paid").click()
    page.get_by_role("link", name="Invoice INV-0001").click()

    expect(page.get_by_role("heading", name="Invoice")).to_be_visible()
    expect(page.get_by_test_id("invoice-number")).to_have_text("INV-0001")
    total = format_money(order.total, currency="NOK", locale="nb-NO")
    expect(page.get_by_test_id("invoice-total")).to_have_text(total)
    expect(page.get_by_test_id("invoice-tax")).to_have_text(
        format_money(order.tax_total, currency="NOK", locale="nb-NO")
    )
    expect(page.get_by_test_id("seller")).to_contain_text("NO 912 345 678 MVA")
    expect(page.get_by_test_id("invoice-lines")).to_contain_text("VASE-SAND")
    csp_violations.assert_none("invoice")
    capture(page, screenshots / "invoice-merchant-1280.png")
    _print_view(page, screenshots, "invoice-merchant")

    page.get_by_role("link", name=f"Order #{order.number}").click()
    expect(page.get_by_test_id("timeline")).to_contain_text("Invoice INV-0001 issued")
    with store_scope([store.site.pk]), TestCase.captureOnCommitCallbacks(execute=True):
        cup_line = order.lines.get(sku="CUP-ESP")
        services.refund(order=order, lines={cup_line.pk: 2}, reason="Two cups arrived chipped")
    page.reload()
    expect(page.get_by_test_id("order-documents")).to_contain_text("Credit note CN-0001")
    capture(page, screenshots / "invoice-order-screen.png")
    page.get_by_role("link", name="Credit note CN-0001").click()

    expect(page.get_by_role("heading", name="Credit note")).to_be_visible()
    expect(page.get_by_test_id("credited-invoice")).to_contain_text("INV-0001")
    expect(page.get_by_test_id("invoice-total")).to_have_text(
        format_money(Decimal("-179.80"), currency="NOK", locale="nb-NO")
    )
    capture(page, screenshots / "invoice-credit-note-1280.png")
    _print_view(page, screenshots, "invoice-credit-note")

    page.goto(f"{live_server.url}/admin/shop/invoices/")
    register = page.get_by_test_id("invoice-register")
    expect(register).to_contain_text("Invoice INV-0001")
    expect(register).to_contain_text("Credit note CN-0001")
    capture(page, screenshots / "invoice-register.png")


@pytest.mark.parametrize("width", [390, 1280])
def test_the_shopper_opens_the_invoice_from_the_tracking_page(
    page, live_server, screenshots, csp_violations, width
):
    store = _store()
    order = _order(store)
    with store_scope([store.site.pk]), TestCase.captureOnCommitCallbacks(execute=True):
        services.mark_paid(order=order, actor="Stripe", via="card")
    page.set_viewport_size({"width": width, "height": 900})

    page.goto(store_url(live_server, "alpha", f"/orders/track/{order_token(order)}/"))
    page.get_by_role("link", name="Invoice INV-0001").click()

    expect(page.get_by_test_id("invoice-number")).to_have_text("INV-0001")
    expect(page.get_by_test_id("buyer")).to_contain_text("Ann Nordmann")
    expect(page.get_by_test_id("invoice-total")).to_have_text(
        format_money(order.total, currency="NOK", locale="nb-NO")
    )
    expect(page.locator('meta[name="robots"]')).to_have_attribute("content", "noindex, nofollow")
    csp_violations.assert_none("shopper's invoice")
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations] == []
    capture(page, screenshots / f"invoice-shopper-{width}.png")
    if width == 1280:
        _print_view(page, screenshots, "invoice-shopper")
    page.get_by_role("link", name=f"Order #{order.number}").click()
    expect(page.get_by_test_id("order-status")).to_be_visible()
