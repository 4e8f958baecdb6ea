"""Invoices and credit notes (ADR 45): one invoice per paid order, numbered per store
without gaps, a snapshot whose figures are the order's own; a credit note per refund whose
figures are the refund's; the documents open for the store's staff and, through the signed
order link, for the shopper, and for nobody else."""

import re
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from shop import services
from shop.data.invoices import IssuedDocumentError
from shop.exceptions import PaymentProviderError
from shop.models import Invoice, Order, OrderEvent, ProductVariant, Refund, StoreSettings
from shop.order_access import order_for_token, order_token
from shop.order_timeline import order_timeline
from shop.services.invoices import issue_invoice
from shop.services.refunds import REFUND_PROVIDERS
from tenancy.scope import store_scope
from tests.shop.factories import place_test_order, stocked_product, stocked_variant
from tests.shop.order_email_helpers import html_of, run_after_commit, sent_to
from tests.shop.shipping_factories import add_zone, rate, set_store

pytestmark = pytest.mark.django_db

D = Decimal
DOCUMENT_LINK = re.compile(r"/orders/track/([^/\s\"]+)/documents/(\d+)/")


def _item(site, *, price, title, sku, stock=20):
    """The single variant, ``sku``, of a new product with ``stock`` units on hand."""
    product = stocked_product(
        site=site, variants=[{"price": price, "stock": stock, "sku": sku}], title=title
    )
    with store_scope([site.pk]):
        return product.variants.get()


def _paid(order):
    with store_scope([order.site_id]):
        services.mark_paid(order=order)
        return Invoice.objects.get(order=order, kind=Invoice.Kind.INVOICE)


def _doc_sums(invoice, part):
    return sum((D(row[part]) for row in invoice.document["breakdown"]), D("0"))


def _assert_matches_order(invoice, order):
    """The invoice says what the order says, to the minor unit."""
    doc = invoice.document
    assert invoice.total == order.total == D(doc["totals"]["gross"]) == _doc_sums(invoice, "gross")
    assert invoice.tax_total == order.tax_total == _doc_sums(invoice, "tax")
    assert D(doc["totals"]["subtotal"]) == order.subtotal
    assert D(doc["totals"]["shipping"]) == order.shipping_total
    assert _doc_sums(invoice, "net") + _doc_sums(invoice, "tax") == order.total
    with store_scope([order.site_id]):
        lines = list(order.lines.all())
    assert [
        (row["sku"], row["quantity"], D(row["amount"]), D(row["tax"])) for row in doc["lines"]
    ] == [(line.sku, line.quantity, line.line_total, line.tax_amount) for line in lines]


@pytest.fixture
def vat_store(store):
    """Alpha sells with 25 % VAT in its prices and ships in Norway for 49.00."""
    set_store(store.site, tax_rate=D("25"), prices_include_tax=True, legal_name="Alpha Goods AS")
    add_zone(store.site, ["NO"], rate("Posten", price="49.00"))
    return store


@pytest.fixture
def goods(vat_store):
    # Prices whose VAT does not divide evenly: each line rounds on its own.
    mug = _item(vat_store.site, price="19.99", title="Mug", sku="MUG-1")
    tea = _item(vat_store.site, price="7.45", title="Tea", sku="TEA-1")
    return mug, tea


@pytest.fixture
def order(goods):
    mug, tea = goods
    return place_test_order(lines=[(mug, 3), (tea, 1)])


# --- Issued when paid, once ---------------------------------------------------------------


def test_paying_an_order_issues_its_invoice_with_the_orders_figures(order):
    invoice = _paid(order)

    order.refresh_from_db()
    _assert_matches_order(invoice, order)
    assert invoice.reference == "INV-0001"
    assert invoice.document["breakdown"] == [
        {
            "rate": "25",
            "net": str(order.total - order.tax_total),
            "tax": str(order.tax_total),
            "gross": str(order.total),
        }
    ]
    assert invoice.document["shipping"]["amount"] == "49.00"
    assert invoice.document["seller"]["legal_name"] == "Alpha Goods AS"
    assert invoice.document["buyer"]["name"] == "Ann Example"


def test_tax_added_to_prices_is_on_the_invoice_per_rate_as_on_the_order(store):
    set_store(store.site, tax_rate=D("25"), prices_include_tax=False)
    add_zone(store.site, ["SE"], rate("PostNord", price="9.99"), tax_rate=D("12.5"))
    lamp = stocked_variant(site=store.site, price="33.33", stock=9, title="Lamp")
    order = place_test_order(lines=[(lamp, 3)], country="SE", postal_code="11122", city="Stockholm")

    invoice = _paid(order)

    _assert_matches_order(invoice, order)
    assert [row["rate"] for row in invoice.document["breakdown"]] == ["12.5"]
    assert D(invoice.document["totals"]["net"]) == order.subtotal + order.shipping_total


def test_a_yen_invoice_keeps_whole_yen(store):
    set_store(store.site, currency="JPY", locale="ja-JP", default_country="JP", tax_rate=10)
    add_zone(store.site, ["JP"], rate("Yamato", price="800"))
    teapot = stocked_variant(site=store.site, price="1999", stock=5, title="Teapot")
    order = place_test_order(
        lines=[(teapot, 1)], country="JP", postal_code="100-0001", city="Tokyo", phone=""
    )

    invoice = _paid(order)

    _assert_matches_order(invoice, order)
    assert invoice.document["totals"]["tax"] == "255"
    assert all("." not in row["tax"] for row in invoice.document["breakdown"])


def test_paying_twice_or_issuing_again_makes_one_invoice_and_one_timeline_entry(order):
    first = _paid(order)
    with store_scope([order.site_id]):
        services.mark_paid(order=order)
        again = issue_invoice(order=Order.objects.get(pk=order.pk))
        issued = OrderEvent.objects.filter(order=order, kind=OrderEvent.Kind.INVOICE_ISSUED)

        assert again == first
        assert Invoice.objects.filter(order=order).count() == 1
        assert [event.data["reference"] for event in issued] == ["INV-0001"]
        assert order_timeline(order)[0].title == "Invoice INV-0001 issued"


def test_unpaid_and_cancelled_orders_have_no_invoice(goods):
    mug, _tea = goods
    unpaid = place_test_order(lines=[(mug, 1)])
    cancelled = place_test_order(lines=[(mug, 1)])
    with store_scope([unpaid.site_id]):
        services.cancel_order(order=cancelled)

        assert issue_invoice(order=unpaid) is None
        assert not Invoice.objects.exists()


# --- Numbers ------------------------------------------------------------------------------


def test_each_store_numbers_its_invoices_from_one_without_gaps(goods, other_store):
    mug, _tea = goods
    spoon = stocked_variant(site=other_store.site, price="4.00", stock=9, title="Spoon")
    set_store(other_store.site, invoice_prefix="B-2026-")

    ours = [_paid(place_test_order(lines=[(mug, 1)])) for _ in range(3)]
    theirs = [_paid(place_test_order(lines=[(spoon, 1)])) for _ in range(2)]

    assert [invoice.reference for invoice in ours] == ["INV-0001", "INV-0002", "INV-0003"]
    assert [invoice.reference for invoice in theirs] == ["B-2026-0001", "B-2026-0002"]


def test_a_payment_rolled_back_gives_its_invoice_number_back(goods):
    mug, _tea = goods
    lost, kept = (place_test_order(lines=[(mug, 1)]) for _ in range(2))

    with store_scope([lost.site_id]), pytest.raises(RuntimeError), transaction.atomic():
        services.mark_paid(order=lost)
        raise RuntimeError("the database went away before commit")

    assert _paid(kept).number == 1
    assert _paid(lost).number == 2


def test_a_new_prefix_applies_to_new_invoices_only(goods):
    mug, _tea = goods
    first = _paid(place_test_order(lines=[(mug, 1)]))
    set_store(mug.site, invoice_prefix="F2027-")

    second = _paid(place_test_order(lines=[(mug, 1)]))

    first.refresh_from_db()
    assert (first.reference, second.reference) == ("INV-0001", "F2027-0002")


# --- A snapshot -----------------------------------------------------------------------------


def test_later_edits_of_the_store_and_catalog_never_change_an_issued_invoice(
    order, goods, merchant_client
):
    invoice = _paid(order)
    before = invoice.document
    mug, _tea = goods
    set_store(order.site, legal_name="Renamed Holding", tax_number="NO999", invoice_prefix="X-")
    with store_scope([order.site_id]):
        ProductVariant.objects.filter(pk=mug.pk).update(price=D("99.00"), sku="MUG-NEW")
        mug.product.title = "Renamed mug"
        mug.product.save()

    invoice.refresh_from_db()
    page = merchant_client.get(reverse("shop_invoice", args=[invoice.pk])).content.decode()
    assert invoice.document == before
    assert "Alpha Goods AS" in page and "MUG-1" in page
    assert "Renamed" not in page and "MUG-NEW" not in page and "NO999" not in page


def test_an_issued_invoice_cannot_be_saved_again(order):
    invoice = _paid(order)
    invoice.document["totals"]["gross"] = "0.00"

    with store_scope([order.site_id]), pytest.raises(IssuedDocumentError):
        invoice.save()


# --- Credit notes -----------------------------------------------------------------------


def _credit_note(refund):
    with store_scope([refund.order.site_id]):
        return Invoice.objects.get(refund=refund)


def _assert_matches_refund(note, refund):
    doc = note.document
    assert note.total == -refund.amount == D(doc["totals"]["gross"]) == _doc_sums(note, "gross")
    assert note.tax_total == D(doc["totals"]["tax"]) == _doc_sums(note, "tax")
    assert note.kind == Invoice.Kind.CREDIT_NOTE


def test_a_full_refund_issues_a_credit_note_taking_the_whole_invoice_back(order):
    invoice = _paid(order)
    with store_scope([order.site_id]):
        refund = services.refund(order=order, reason="Arrived broken")

    note = _credit_note(refund)
    _assert_matches_refund(note, refund)
    assert note.reference == "CN-0001"
    assert note.credits == invoice
    assert note.document["credits"]["reference"] == "INV-0001"
    assert note.tax_total == -invoice.tax_total
    assert [line["amount"] for line in note.document["lines"]] == [
        str(-D(line["amount"])) for line in invoice.document["lines"]
    ]
    with store_scope([order.site_id]):
        assert OrderEvent.objects.filter(kind=OrderEvent.Kind.CREDIT_NOTE_ISSUED).count() == 1


def test_a_partial_amount_is_credited_with_its_share_of_vat(order):
    _paid(order)
    with store_scope([order.site_id]):
        refund = services.refund(order=order, amount="12.50", reason="Late delivery")

    note = _credit_note(refund)
    _assert_matches_refund(note, refund)
    assert note.document["lines"][0]["title"] == "Refund: Late delivery"
    assert note.document["totals"]["tax"] == "-2.50"  # 25 % VAT in 12.50


def test_refunds_by_line_credit_exactly_the_lines_tax_in_the_end(store):
    """Tax added to prices: a line's units refunded one by one give back its price and,
    in all, exactly the tax it carried; each credit note equals its refund."""
    set_store(store.site, tax_rate=D("25"), prices_include_tax=False)
    add_zone(store.site, ["NO"], rate("Posten", price="10.00"))
    pen = _item(store.site, price="0.99", title="Pen", sku="PEN")
    order = place_test_order(lines=[(pen, 3)])
    _paid(order)
    with store_scope([order.site_id]):
        line = order.lines.get()
        refunds = [services.refund(order=order, lines={line.pk: 1}) for _ in range(3)]
        order.refresh_from_db()

    notes = [_credit_note(refund) for refund in refunds]
    for note, refund in zip(notes, refunds, strict=True):
        _assert_matches_refund(note, refund)
        assert note.document["lines"][0]["sku"] == "PEN"
    assert sum(-note.tax_total for note in notes) == line.tax_amount == D("0.74")
    assert sum(refund.amount for refund in refunds) == line.line_total + line.tax_amount
    assert order.refunded_total == D("3.71")


def test_lines_and_shipping_refunded_together_are_credited_as_such(order):
    _paid(order)
    with store_scope([order.site_id]):
        mug_line = order.lines.get(sku="MUG-1")
        refund = services.refund(order=order, lines={mug_line.pk: 2}, shipping=True)

    note = _credit_note(refund)
    _assert_matches_refund(note, refund)
    assert [(line["sku"], line["quantity"]) for line in note.document["lines"]] == [("MUG-1", 2)]
    assert note.document["shipping"]["amount"] == "-49.00"


def test_a_refused_card_refund_issues_no_credit_note(order, monkeypatch):
    with store_scope([order.site_id]):
        Order.objects.filter(pk=order.pk).update(payment_method=Order.PaymentMethod.CARD)
        order.refresh_from_db()
    _paid(order)

    def refuse(refund):
        raise PaymentProviderError("card_declined")

    monkeypatch.setitem(REFUND_PROVIDERS, "card", refuse)
    with store_scope([order.site_id]), pytest.raises(PaymentProviderError):
        services.refund(order=order, amount="5.00")

    with store_scope([order.site_id]):
        assert Refund.objects.get().status == Refund.Status.FAILED
        assert not Invoice.objects.filter(kind=Invoice.Kind.CREDIT_NOTE).exists()


def test_credit_notes_are_numbered_apart_from_invoices(goods):
    mug, _tea = goods
    orders = [place_test_order(lines=[(mug, 1)]) for _ in range(2)]
    for order in orders:
        _paid(order)

    with store_scope([mug.site.pk]):
        refunds = [services.refund(order=order, amount="1.00") for order in orders]

    assert [_credit_note(refund).reference for refund in refunds] == ["CN-0001", "CN-0002"]


# --- Who may open them ------------------------------------------------------------------


def _links_to(text, order, document):
    """Whether ``text`` links ``document`` through a token that opens ``order`` (tokens
    carry the second they were signed, so a link is read back rather than rebuilt)."""
    with store_scope([order.site_id]):
        return any(
            order_for_token(order.site, token) == order and int(pk) == document.pk
            for token, pk in DOCUMENT_LINK.findall(text)
        )


def _document_url(order, invoice, token=None):
    return reverse(
        "shop:order-document",
        kwargs={"token": token or order_token(order), "document_id": invoice.pk},
    )


def test_the_shopper_opens_the_invoice_from_the_orders_link_privately(order, shopper_client):
    invoice = _paid(order)
    status_page = shopper_client.get(
        reverse("shop:order-status", kwargs={"token": order_token(order)})
    )

    response = shopper_client.get(_document_url(order, invoice))

    assert _links_to(status_page.content.decode(), order, invoice)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    page = response.content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "INV-0001" in page and "Alpha Goods AS" in page


def test_forged_foreign_and_mismatched_links_open_no_document(
    order, goods, other_store, platform_client
):
    invoice = _paid(order)
    mug, _tea = goods
    other_invoice = _paid(place_test_order(lines=[(mug, 1)]))
    spoon = stocked_variant(site=other_store.site, price="4.00", stock=9, title="Spoon")
    foreign = place_test_order(lines=[(spoon, 1)])
    _paid(foreign)
    ours = HttpClient(HTTP_HOST=order.site.hostname)
    theirs = HttpClient(HTTP_HOST=other_store.site.hostname)
    token = order_token(order)

    answers = [
        ours.get(_document_url(order, invoice, token=token[:-2] + "xx")),  # forged
        theirs.get(_document_url(order, invoice)),  # our link on their host
        ours.get(_document_url(order, other_invoice)),  # our token, another order's document
        ours.get(_document_url(foreign, invoice)),  # their token on our host
        platform_client.get(_document_url(order, invoice)),  # the platform's own host
    ]

    assert [answer.status_code for answer in answers] == [404] * 5
    assert not any("INV-0001" in answer.content.decode() for answer in answers)


def test_staff_open_their_stores_documents_and_not_anothers(order, merchant_client, other_merchant):
    invoice = _paid(order)
    url = reverse("shop_invoice", args=[invoice.pk])
    screen = merchant_client.get(reverse("wagtailsnippets_shop_order:edit", args=[order.pk]))

    mine = merchant_client.get(url)
    merchant_client.force_login(other_merchant)
    theirs = merchant_client.get(url)

    assert url in screen.content.decode()
    assert mine.status_code == 200 and "no-store" in mine["Cache-Control"]
    assert theirs.status_code == 404


def test_the_payment_received_email_links_the_invoice(order):
    run_after_commit(order.site, lambda: services.mark_paid(order=order))

    [message] = sent_to("ann@example.test")[-1:]
    with store_scope([order.site_id]):
        invoice = Invoice.objects.get(order=order)
    assert _links_to(html_of(message), order, invoice)
    assert _links_to(message.body, order, invoice)


def test_the_refund_email_links_the_credit_note(order):
    _paid(order)
    refund = run_after_commit(order.site, lambda: services.refund(order=order, amount="5.00"))

    [message] = sent_to("ann@example.test")[-1:]
    note = _credit_note(refund)
    assert _links_to(html_of(message), order, note) and _links_to(message.body, order, note)


def test_orders_paid_before_invoices_existed_get_theirs_once(goods):
    mug, _tea = goods
    older, newer = (place_test_order(lines=[(mug, 1)]) for _ in range(2))
    with store_scope([mug.site.pk]):
        for order in (older, newer):
            Order.objects.filter(pk=order.pk).update(paid_at=timezone.now(), status="paid")

    call_command("issue_missing_invoices", stdout=StringIO())
    call_command("issue_missing_invoices", stdout=StringIO())

    with store_scope([mug.site.pk]):
        assert [(i.order_id, i.reference) for i in Invoice.objects.order_by("number")] == [
            (older.pk, "INV-0001"),
            (newer.pk, "INV-0002"),
        ]


def test_invoices_and_credit_notes_cannot_share_a_prefix(store):
    store_settings = StoreSettings.for_site(store.site)
    store_settings.accepts_bank_transfer = False
    store_settings.invoice_prefix = store_settings.credit_note_prefix = "DOC-"

    with pytest.raises(ValidationError) as refused:
        store_settings.full_clean()

    assert "prefix of their own" in str(refused.value.message_dict["credit_note_prefix"])


def test_a_card_orders_confirmation_links_its_invoice(order):
    with store_scope([order.site_id]):
        Order.objects.filter(pk=order.pk).update(payment_method=Order.PaymentMethod.CARD)
        order.refresh_from_db()

    run_after_commit(order.site, lambda: services.mark_paid(order=order, actor="Stripe"))

    [confirmation] = [m for m in sent_to("ann@example.test") if "payment received" in m.subject]
    with store_scope([order.site_id]):
        invoice = Invoice.objects.get(order=order)
    assert _links_to(html_of(confirmation), order, invoice)
    assert _links_to(confirmation.body, order, invoice)
