"""The merchant's register of invoices and credit notes (ADR 45): one month of the active
store's documents, on screen and as CSV, and never another store's."""

import csv
import io
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from shop import services
from shop.models import Invoice
from tenancy.scope import store_scope
from tests.shop.factories import place_test_order, stocked_variant
from tests.shop.shipping_factories import set_store
from tests.tenants.factories import UserFactory

pytestmark = pytest.mark.django_db

REGISTER = "shop_invoices"


def _paid_order(site, price="20.00"):
    lamp = stocked_variant(site=site, price=price, stock=5, title="Desk lamp")
    order = place_test_order(lines=[(lamp, 1)], name="Ann Example")
    with store_scope([site.pk]):
        services.mark_paid(order=order)
    return order


def test_the_register_lists_this_months_documents_of_the_store_only(
    merchant_client, store, other_store
):
    order = _paid_order(store.site)
    with store_scope([store.site.pk]):
        services.refund(order=order, amount="5.00", reason="Scratched")
    _paid_order(other_store.site, price="77.00")

    page = merchant_client.get(reverse(REGISTER)).content.decode()

    assert "Invoice INV-0001" in page and "Credit note CN-0001" in page
    assert "credits INV-0001" in page
    assert "77.00" not in page and "€77" not in page


def test_the_register_csv_gives_the_accountant_each_documents_figures(merchant_client, store):
    order = _paid_order(store.site)
    with store_scope([store.site.pk]):
        services.refund(order=order, amount="5.00")
    month = timezone.localdate().strftime("%Y-%m")

    response = merchant_client.get(reverse(REGISTER), {"month": month, "format": "csv"})

    assert response["Content-Type"].startswith("text/csv")
    assert f'filename="invoices-{month}.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Number", "Kind", "Issued"]
    assert [(r[0], r[1], r[4], r[8]) for r in rows[1:]] == [
        ("INV-0001", "Invoice", "", str(order.total)),
        ("CN-0001", "Credit note", "INV-0001", "-5.00"),
    ]


def test_another_month_shows_its_own_documents(merchant_client, store):
    order = _paid_order(store.site)
    with store_scope([store.site.pk]):
        earlier = timezone.now() - timedelta(days=40)
        Invoice.objects.filter(order=order).update(issued_at=earlier)
    month = timezone.localtime(earlier).strftime("%Y-%m")

    then = merchant_client.get(reverse(REGISTER), {"month": month}).content.decode()
    now = merchant_client.get(reverse(REGISTER), {"month": "not-a-month"}).content.decode()

    assert "INV-0001" in then
    assert "INV-0001" not in now and "No invoice or credit note was issued" in now


def test_staff_without_order_access_cannot_open_the_register(platform_client, store):
    platform_client.force_login(UserFactory(username="nobody", is_staff=True))

    assert platform_client.get(reverse(REGISTER)).status_code in (302, 403)


def test_documents_are_dated_by_the_stores_calendar(store):
    set_store(store.site, time_zone="Pacific/Kiritimati")  # UTC+14: its day starts first
    order = _paid_order(store.site)

    with store_scope([store.site.pk]):
        invoice = Invoice.objects.get(order=order)
    local = timezone.localtime(invoice.issued_at, ZoneInfo("Pacific/Kiritimati")).date()
    assert invoice.document["issued_on"] == local.isoformat()
