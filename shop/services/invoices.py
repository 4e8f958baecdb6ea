"""Issuing invoices and credit notes (ADR 45): once per paid order, once per refund.

``issue_invoice`` runs inside ``lifecycle.mark_paid`` and ``issue_credit_note`` inside the
refund services, in their transactions and under the order's row lock, so a payment
reported twice (a retried webhook task, a double click) or by two callers at once issues
one invoice; the unique constraints of ``Invoice`` hold the same line in the database.
Numbers come from the store's ``InvoiceNumberSequence`` row, updated in the issuing
transaction: a rollback gives the number back, so a series has no gaps.

A document is a snapshot: seller, buyer, lines, shipping, tax per rate and totals are
copied when it is issued and never read again from the store, the order or the catalog.
Its figures are the order's own (tax per line, as ``shop.pricing`` rounded it): an
invoice's tax per rate adds up to the order's ``tax_total`` and its gross to ``total``; a
credit note's gross is the refund's amount, negated.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import F, Sum
from django.utils import timezone

from ..data import Invoice, InvoiceNumberSequence, Order, OrderEvent, Refund, RefundLine
from ..data.settings import settings_of_store
from ..money import quantize
from ..pricing import tax_for_units, tax_of
from .timeline import record_event

ZERO = Decimal("0")
MONEY_FIELDS = ("unit_price", "amount", "net", "tax", "gross")


def next_document_number(*, site, kind: str) -> int:
    """The store's next number in the series of ``kind``; the row stays locked until
    commit, so two documents issued at once are numbered one after the other."""
    sequence, _ = InvoiceNumberSequence.objects.get_or_create(site=site, kind=kind)
    InvoiceNumberSequence.objects.filter(pk=sequence.pk).update(last_number=F("last_number") + 1)
    return InvoiceNumberSequence.objects.values_list("last_number", flat=True).get(pk=sequence.pk)


def _rate_text(rate: Decimal) -> str:
    """25.000 -> "25", 12.500 -> "12.5"."""
    return f"{Decimal(rate).normalize():f}"


def _seller(order: Order) -> dict:
    site = order.site
    store_settings = settings_of_store(site.pk)
    name = site.site_name or site.hostname
    return {
        "name": name,
        "legal_name": store_settings.legal_name or name,
        "address": store_settings.business_address,
        "tax_number": store_settings.tax_number,
        "email": store_settings.contact_email,
        "website": site.hostname,
    }


def _buyer(order: Order) -> dict:
    return {
        "name": order.name,
        "email": order.email,
        "phone": order.phone,
        "address": order.shipping_address,
    }


def _entry(
    order: Order, *, title, amount, tax, rate, quantity=1, unit_price=None, discount=0, **extra
):
    """A printed line: ``amount`` as the order shows it (after its discount, with tax when
    prices include it), its tax, and the net and gross it stands for. ``discount`` is what
    promotions took off it, already out of ``amount``."""
    currency = order.currency
    amount, tax = quantize(amount, currency), quantize(tax, currency)
    net, gross = (amount - tax, amount) if order.prices_include_tax else (amount, amount + tax)
    if discount:
        extra["discount"] = quantize(discount, currency)
    return {
        "title": title,
        "variant": "",
        "sku": "",
        **extra,
        "quantity": quantity,
        "unit_price": quantize(amount if unit_price is None else unit_price, currency),
        "tax_rate": _rate_text(rate),
        "amount": amount,
        "net": net,
        "tax": tax,
        "gross": gross,
    }


def _order_rate(order: Order) -> Decimal:
    """The tax rate of the order's destination: the rate its lines (and shipping) carry."""
    line = order.lines.order_by("pk").first()
    return line.tax_rate if line is not None else ZERO


def _order_lines(order: Order) -> list[dict]:
    return [
        _entry(
            order,
            title=line.product_title,
            variant=line.variant_label,
            sku=line.sku,
            quantity=line.quantity,
            unit_price=line.unit_price,
            discount=line.discount_amount,
            amount=line.discounted_total,
            tax=line.tax_amount,
            rate=line.tax_rate,
        )
        for line in order.lines.all()
    ]


def _order_shipping(order: Order) -> dict | None:
    if not order.shipping_total and not order.shipping_rate_name:
        return None
    return _entry(
        order,
        title=order.shipping_rate_name or "Shipping",
        unit_price=order.shipping_total,
        discount=order.shipping_discount,
        amount=order.shipping_paid,
        tax=order.shipping_tax,
        rate=_order_rate(order),
    )


def _summed(entries: list[dict], currency: str) -> tuple[list[dict], dict]:
    """Net, tax and gross per tax rate (highest rate first), and in all."""
    by_rate = defaultdict(lambda: {"net": ZERO, "tax": ZERO, "gross": ZERO})
    for entry in entries:
        for name in ("net", "tax", "gross"):
            by_rate[entry["tax_rate"]][name] += entry[name]
    breakdown = [
        {"rate": rate, **{name: quantize(value, currency) for name, value in sums.items()}}
        for rate, sums in sorted(by_rate.items(), key=lambda item: -Decimal(item[0]))
    ]
    totals = {
        name: quantize(sum((row[name] for row in breakdown), ZERO), currency)
        for name in ("net", "tax", "gross")
    }
    return breakdown, totals


def _document(order: Order, *, lines: list[dict], shipping: dict | None, **extra) -> dict:
    breakdown, totals = _summed([*lines, *([shipping] if shipping else [])], order.currency)
    return {
        "seller": _seller(order),
        "buyer": _buyer(order),
        "order": {
            "number": order.number,
            "placed_at": order.placed_at.isoformat(),
            "paid_at": order.paid_at.isoformat() if order.paid_at else "",
            "payment_method": order.get_payment_method_display(),
        },
        "lines": lines,
        "shipping": shipping,
        "breakdown": breakdown,
        "totals": {
            **totals,
            # After discounts: what the lines above add up to.
            "subtotal": quantize(sum((line["amount"] for line in lines), ZERO), order.currency),
            "shipping": shipping["amount"] if shipping else quantize(0, order.currency),
        },
        "currency": order.currency,
        "locale": order.locale,
        "prices_include_tax": order.prices_include_tax,
        **extra,
    }


def _negated(document: dict) -> dict:
    """A credit note's figures: every amount of ``document`` taken back."""

    def back(value):
        return -value if value else value  # no "-0.00"

    def flip(row):
        return {key: back(value) if key in MONEY_FIELDS else value for key, value in row.items()}

    return {
        **document,
        "lines": [flip(line) for line in document["lines"]],
        "shipping": flip(document["shipping"]) if document["shipping"] else None,
        "breakdown": [flip(row) for row in document["breakdown"]],
        "totals": {key: back(value) for key, value in document["totals"].items()},
    }


def _json_safe(value):
    """Decimals as strings (JSON keeps no Decimal), everything else as it is."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {key: _json_safe(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_safe(item) for item in value]
    return value


def _prefix(order: Order, kind: str) -> str:
    store_settings = settings_of_store(order.site_id)
    if kind == Invoice.Kind.INVOICE:
        return store_settings.invoice_prefix
    return store_settings.credit_note_prefix


def _issue(order: Order, *, kind: str, document: dict, **links) -> Invoice:
    number = next_document_number(site=order.site, kind=kind)
    reference = f"{_prefix(order, kind)}{number:04d}"
    issued_at = timezone.now()
    # The date printed: the store's calendar day when it was issued, kept as issued.
    issued_on = timezone.localtime(issued_at, settings_of_store(order.site_id).zone).date()
    invoice = Invoice.objects.create(
        site=order.site,
        kind=kind,
        number=number,
        reference=reference,
        order=order,
        issued_at=issued_at,
        currency=order.currency,
        total=document["totals"]["gross"],
        tax_total=document["totals"]["tax"],
        document=_json_safe(
            {**document, "reference": reference, "issued_on": issued_on.isoformat()}
        ),
        **links,
    )
    event_kind = (
        OrderEvent.Kind.INVOICE_ISSUED
        if kind == Invoice.Kind.INVOICE
        else OrderEvent.Kind.CREDIT_NOTE_ISSUED
    )
    record_event(
        order=order, kind=event_kind, actor="System", invoice=invoice.pk, reference=reference
    )
    return invoice


def issue_invoice(*, order: Order) -> Invoice | None:
    """The invoice of paid ``order``, issued now unless it was already; None while the
    order is not paid. Call with the order's row locked (``lifecycle.mark_paid`` does)."""
    existing = Invoice.objects.filter(order=order, kind=Invoice.Kind.INVOICE).first()
    if existing is not None or not order.is_paid:
        return existing
    document = _document(order, lines=_order_lines(order), shipping=_order_shipping(order))
    return _issue(order, kind=Invoice.Kind.INVOICE, document=document)


# --- Credit notes ------------------------------------------------------------------------


def _units_refunded_before(refund: Refund) -> dict[int, int]:
    """Units of each order line given back by the order's succeeded refunds before this."""
    earlier = RefundLine.objects.filter(
        refund__order_id=refund.order_id,
        refund__status=Refund.Status.SUCCEEDED,
        refund__pk__lt=refund.pk,
    )
    return dict(earlier.values_list("order_line").annotate(units=Sum("quantity")).order_by())


def _refund_line_entries(order: Order, refund: Refund) -> list[dict]:
    before = _units_refunded_before(refund)
    entries = []
    for refund_line in refund.lines.select_related("order_line"):
        line = refund_line.order_line
        tax = tax_for_units(
            line_tax=line.tax_amount,
            quantity=line.quantity,
            before=before.get(line.pk, 0),
            units=refund_line.quantity,
            currency=order.currency,
        )
        # ``refund_line.amount`` is what went back: with tax, whichever way prices were
        # entered; the line shows it the way the order does.
        amount = refund_line.amount if order.prices_include_tax else refund_line.amount - tax
        entries.append(
            _entry(
                order,
                title=line.product_title,
                variant=line.variant_label,
                sku=line.sku,
                quantity=refund_line.quantity,
                unit_price=line.unit_price,
                amount=amount,
                tax=tax,
                rate=line.tax_rate,
            )
        )
    return entries


def _amount_entry(order: Order, gross: Decimal, *, title: str) -> dict:
    """A refunded amount not tied to units: its tax is the part of it at the order's rate."""
    rate = _order_rate(order)
    tax = tax_of(gross, rate=rate, included=True, currency=order.currency)
    amount = gross if order.prices_include_tax else gross - tax
    return _entry(order, title=title, amount=amount, tax=tax, rate=rate)


def _credit_document(order: Order, refund: Refund, invoice: Invoice) -> dict:
    lines = _refund_line_entries(order, refund)
    rest = refund.amount - sum((line["gross"] for line in lines), ZERO)
    shipping = None
    earlier = Refund.objects.filter(
        order=order, status=Refund.Status.SUCCEEDED, pk__lt=refund.pk
    ).exists()
    if not lines and not earlier and refund.amount == order.total:
        # The whole order given back at once: the invoice, line by line, taken back.
        lines, shipping = _order_lines(order), _order_shipping(order)
    elif lines and rest > 0 and rest == order.shipping_charged:
        shipping = _order_shipping(order)
    elif rest > 0:
        title = "Refund" + (f": {refund.reason}" if refund.reason else "")
        lines.append(_amount_entry(order, rest, title=title))
    document = _document(
        order,
        lines=lines,
        shipping=shipping,
        credits={"reference": invoice.reference, "issued_on": invoice.document["issued_on"]},
        reason=refund.reason,
    )
    return _negated(document)


def issue_credit_note(*, refund: Refund) -> Invoice | None:
    """The credit note of succeeded ``refund``, issued now unless it was already. It
    corrects the order's invoice (issued first if the order was paid before invoices
    existed); a refund of an order never paid has none. Call with the order locked."""
    existing = Invoice.objects.filter(refund=refund).first()
    if existing is not None or refund.status != Refund.Status.SUCCEEDED:
        return existing
    order = refund.order
    invoice = issue_invoice(order=order)
    if invoice is None:
        return None
    document = _credit_document(order, refund, invoice)
    return _issue(
        order, kind=Invoice.Kind.CREDIT_NOTE, document=document, refund=refund, credits=invoice
    )
