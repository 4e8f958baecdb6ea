"""The admin's previews of the order emails: each email a store sends, as its shoppers (or
its staff) would receive it, for one of the active store's recent orders or for a sample
order built in memory (``shop.order_emails.samples``).

The HTML is shown in an ``<iframe srcdoc>`` with an empty ``sandbox``: no script runs and
the email cannot reach the admin page around it. Staff who may view the store's orders may
preview; another store's order id is a 404, as every order is read through the store scope.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from tenancy.request import store_access

from .data import Order
from .order_emails import EMAILS, build_message, merchant_addresses, render_order_email
from .order_emails.facts import facts_for_order
from .order_emails.samples import sample_facts

PERMISSION = "shop.view_order"
INDEX_URL = "shop_order_emails"
SAMPLE_URL = "shop_order_email_sample"
ORDER_URL = "shop_order_email_preview"
RECENT_ORDERS = 10


def _active_site(request):
    store = store_access(request).active
    if store is None or not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    return store.site


class OrderEmailsMenuItem(MenuItem):
    def is_shown(self, request):
        return store_access(request).active is not None and request.user.has_perm(PERMISSION)


class OrderEmailIndexView(WagtailAdminTemplateMixin, TemplateView):
    """Every email the store sends, when it goes and to whom, each with its preview."""

    template_name = "shop/admin/order_emails.html"
    page_title = "Order emails"
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        self.site = _active_site(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        orders = list(
            Order.objects.for_site(self.site).only("pk", "number", "name")[:RECENT_ORDERS]
        )
        kinds = [
            {
                "kind": kind,
                "sample_url": reverse(SAMPLE_URL, args=[kind.key]),
                "order_urls": [(o, reverse(ORDER_URL, args=[kind.key, o.pk])) for o in orders[:3]],
            }
            for kind in EMAILS.values()
        ]
        return super().get_context_data(kinds=kinds, **kwargs)


class OrderEmailPreviewView(WagtailAdminTemplateMixin, TemplateView):
    """One email, rendered for a sample order or for one of the store's orders."""

    template_name = "shop/admin/order_email_preview.html"
    header_icon = "mail"

    def dispatch(self, request, *args, kind, order_id=None, **kwargs):
        self.site = _active_site(request)
        if kind not in EMAILS:
            raise Http404("No such email.")
        self.kind = EMAILS[kind]
        if order_id is None:
            self.facts = sample_facts(self.site)
        else:
            order = get_object_or_404(
                Order.objects.for_site(self.site).select_related("site"), pk=order_id
            )
            self.facts = facts_for_order(order)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.kind.label

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(INDEX_URL), "label": "Order emails"},
            {"url": "", "label": self.kind.label},
        ]

    def get_context_data(self, **kwargs):
        rendered = render_order_email(kind=self.kind, facts=self.facts, preview=True)
        order = self.facts.order
        merchant = self.kind.recipient == "merchant"
        to = merchant_addresses(self.site) if merchant else [order.email]
        message = build_message(rendered, to=to)
        return super().get_context_data(
            email=self.kind,
            rendered=rendered,
            message=message,
            order=order,
            is_sample=order.pk is None,
            index_url=reverse(INDEX_URL),
            **kwargs,
        )
