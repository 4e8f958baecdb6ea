"""The merchant's invoices and credit notes (ADR 45): each document as its printable page,
linked from the order screen, and the store's register of them by month, with a CSV for
the accountant.

Staff who may view the store's orders may open its documents. Documents are read through
the store scope and the active store, so another store's invoice id is a 404, like its
orders, and its documents never join the register.
"""

import csv
import datetime
import re

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from tenancy.request import store_access

from .data import Invoice
from .invoice_document import invoice_response

PERMISSION = "shop.view_order"
INVOICE_URL = "shop_invoice"
INDEX_URL = "shop_invoices"
MONTH = re.compile(r"(\d{4})-(\d{2})")
CSV_COLUMNS = [
    "Number",
    "Kind",
    "Issued",
    "Order",
    "Credits",
    "Buyer",
    "Net",
    "Tax",
    "Gross",
    "Currency",
]


def invoice_view(request, invoice_id):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    invoice = get_object_or_404(Invoice.objects.select_related("site"), pk=invoice_id)
    number = invoice.document["order"]["number"]
    back_url = reverse("wagtailsnippets_shop_order:edit", args=[invoice.order_id])
    return invoice_response(request, invoice, back_url=back_url, back_label=f"Order #{number}")


class InvoicesMenuItem(MenuItem):
    def is_shown(self, request):
        return store_access(request).active is not None and request.user.has_perm(PERMISSION)


def invoices_menu_item():
    return InvoicesMenuItem(
        "Invoices", reverse(INDEX_URL), name="invoices", icon_name="doc-full", order=15
    )


def _month(value: str):
    """(year, month) of "2026-12", or this month for anything else."""
    match = MONTH.fullmatch(value or "")
    if match and 1 <= int(match[2]) <= 12 and 2000 <= int(match[1]) <= 9999:
        return int(match[1]), int(match[2])
    today = timezone.localdate()
    return today.year, today.month


def _row(invoice: Invoice) -> list[str]:
    doc = invoice.document
    return [
        invoice.reference,
        invoice.get_kind_display(),
        doc["issued_on"],
        str(doc["order"]["number"]),
        (doc.get("credits") or {}).get("reference", ""),
        doc["buyer"]["name"],
        doc["totals"]["net"],
        doc["totals"]["tax"],
        doc["totals"]["gross"],
        invoice.currency,
    ]


class InvoiceIndexView(WagtailAdminTemplateMixin, TemplateView):
    """The active store's invoices and credit notes issued in one month, oldest first; as
    CSV with ``?format=csv`` (amounts as plain decimals, credit notes negative)."""

    template_name = "shop/admin/invoices.html"
    page_title = "Invoices"
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        store = store_access(request).active
        if store is None or not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        self.site = store.site
        self.year, self.month = _month(request.GET.get("month", ""))
        self.invoices = Invoice.objects.for_site(self.site).filter(
            issued_at__year=self.year, issued_at__month=self.month
        )
        if request.GET.get("format") == "csv":
            return self.csv()
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def csv(self) -> HttpResponse:
        name = f"invoices-{self.year}-{self.month:02d}.csv"
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        writer = csv.writer(response)
        writer.writerow(CSV_COLUMNS)
        writer.writerows(_row(invoice) for invoice in self.invoices)
        return response

    def get_context_data(self, **kwargs):
        month = f"{self.year}-{self.month:02d}"
        previous = f"{self.year - 1}-12" if self.month == 1 else f"{self.year}-{self.month - 1:02d}"
        following = (
            f"{self.year + 1}-01" if self.month == 12 else f"{self.year}-{self.month + 1:02d}"
        )
        return super().get_context_data(
            invoices=list(self.invoices),
            month=month,
            month_start=datetime.date(self.year, self.month, 1),
            previous=previous,
            following=following,
            **kwargs,
        )
