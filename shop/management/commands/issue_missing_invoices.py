"""Issue the invoice of every paid order that has none: orders paid before invoices were
issued with their payment (ADR 45). Running it again issues nothing more."""

from django.core.management.base import BaseCommand
from django.db import transaction

from shop.data import Invoice, Order
from shop.services.invoices import issue_invoice
from shop.services.lifecycle import lock_order
from tenancy.scope import all_stores, store_scope


class Command(BaseCommand):
    help = "Issue the invoice of every paid order that has none, oldest payment first."

    def handle(self, *args, **options):
        with all_stores():
            invoiced = Invoice.objects.filter(kind=Invoice.Kind.INVOICE).values("order_id")
            missing = list(
                Order.objects.exclude(paid_at=None)
                .exclude(pk__in=invoiced)
                .order_by("paid_at", "pk")
                .values_list("pk", "site_id")
            )
        issued = 0
        for order_id, site_id in missing:
            with store_scope([site_id]), transaction.atomic():
                order = lock_order(Order(pk=order_id))
                issued += issue_invoice(order=order) is not None
        self.stdout.write(f"{issued} invoice(s) issued.")
