"""The merchant's view of an invoice or credit note (ADR 45), linked from the order screen.

Staff who may view the store's orders may open its documents. The document is read through
the store scope, so another store's invoice id is a 404, like its orders.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse

from .data import Invoice
from .invoice_document import invoice_response

PERMISSION = "shop.view_order"
INVOICE_URL = "shop_invoice"


def invoice_view(request, invoice_id):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    invoice = get_object_or_404(Invoice.objects.select_related("site"), pk=invoice_id)
    back_url = reverse("wagtailsnippets_shop_order:edit", args=[invoice.order_id])
    return invoice_response(
        request,
        invoice,
        back_url=back_url,
        back_label=f"Order #{invoice.document['order']['number']}",
    )
