"""A shopper pre-orders a sold-out product from its page, and is emailed when the owner's
delivery arrives. In Chromium. Screenshots: test-artifacts/screenshots/preorder-*.png."""

import re
from datetime import date

import pytest
from django.core import mail
from playwright.sync_api import expect

from shop.models import OrderLine, StockLevel, StockMovement
from shop.services import adjust_stock
from tenancy.scope import store_scope
from tests.e2e.browser import capture, store_url
from tests.e2e.test_checkout_page import _fill
from tests.shop.factories import CategoryPageFactory, ProductPageFactory, stocked_variant
from tests.tenants.factories import StoreFactory
from themes.presets import Preset

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_shopper_pre_orders_and_is_emailed_when_stock_arrives(page, live_server, screenshots):
    store = StoreFactory(slug="alpha", name="Alpha Goods", preset=Preset.CLASSIC)
    carafe = stocked_variant(
        site=store.site,
        stock=0,
        price="48.00",
        title="Glass carafe",
        out_of_stock="preorder",
        preorder_expected_on=date(2030, 1, 12),
    )
    category = CategoryPageFactory(parent=store.site.root_page, title="Carafes")
    ProductPageFactory(parent=category, product=carafe.product)

    page.goto(store_url(live_server, "alpha", "/carafes/glass-carafe/"))
    expect(page.get_by_text("Ships from 12 January 2030").first).to_be_visible()
    capture(page, screenshots / "preorder-product-page.png")
    page.fill("input[name=quantity]", "2")
    page.get_by_role("button", name="Pre-order").click()
    page.wait_for_url(re.compile(r"/cart/$"))
    capture(page, screenshots / "preorder-cart.png")
    page.get_by_role("link", name="Check out").click()
    page.wait_for_url(re.compile(r"/checkout/$"))
    expect(page.locator(".summary-lines__preorder")).to_contain_text(
        "2 on pre-order, ships from 12 January 2030"
    )
    _fill(page)
    page.check("input[name=payment_method][value=bank_transfer]")
    capture(page, screenshots / "preorder-checkout.png")
    page.get_by_role("button", name=re.compile(r"^Place order")).click()
    page.wait_for_url(re.compile(r"/checkout/complete/\d+/$"))
    expect(page.locator(".order-table__preorder")).to_contain_text(
        "2 on pre-order: we will email you when they arrive."
    )
    capture(page, screenshots / "preorder-complete.png")

    with store_scope([store.site.pk]):
        line = OrderLine.objects.get(variant=carafe)
        assert (line.quantity, line.preordered, line.preorder_allocated) == (2, 2, 0)
        level = StockLevel.objects.get(variant=carafe)
        assert (level.on_hand, level.reserved) == (0, 0)
        # The delivery: one of the two arrives first.
        adjust_stock(variant=carafe, quantity=1, reason=StockMovement.Reason.RESTOCK)
        line.refresh_from_db()
        level.refresh_from_db()

    assert line.preorder_allocated == 1
    assert level.on_hand == 0  # the unit went to the waiting pre-order, not the shelf
    assert [message.to for message in mail.outbox] == [["sam@example.com"]]
    assert "Glass carafe" in mail.outbox[0].body
