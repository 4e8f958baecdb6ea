"""The platform operator's list of open stock drifts: levels the reconciliation task found
disagreeing with their ledger (``shop.services.stock.reconcile``), in every store.

Operators only: a merchant (or anyone else) gets 403. Each drift can be marked resolved
once dealt with; the task also closes a drift whose level agrees with its ledger again.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from tenancy.request import store_access

from . import services
from .models import StockDrift

URL_NAME = "shop_stock_drift"


def is_operator(request) -> bool:
    return store_access(request).is_operator and request.user.is_superuser


class StockDriftView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "shop/admin/stock_drift.html"
    page_title = "Stock drift"
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not is_operator(request):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        drifts = (
            StockDrift.objects.filter(resolved=False)
            .select_related("site", "variant__product")
            .order_by("-found_at", "-pk")
        )
        return super().get_context_data(drifts=drifts, **kwargs)

    def post(self, request, *args, **kwargs):
        pk = request.POST.get("drift", "")
        drift = StockDrift.objects.filter(pk=pk).first() if pk.isdigit() else None
        if drift is None:
            messages.error(request, "That drift no longer exists.")
        elif services.resolve_drift(drift=drift):
            messages.success(request, f"The drift of {drift.variant.sku} is marked resolved.")
        else:
            messages.info(request, f"The drift of {drift.variant.sku} was already resolved.")
        return redirect(URL_NAME)


class OperatorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_operator(request)
