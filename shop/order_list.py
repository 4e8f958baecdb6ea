"""The merchant's list of orders, and "Orders to fulfil": the paid orders (and the cash-on-
delivery ones, paid when they arrive) not yet fully shipped, oldest first, as a filter of
the order list, an item of the Shop menu and a count on the store's dashboard."""

from django.db.models import Q
from django.urls import reverse
from django_filters import BooleanFilter, ChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from tenancy.request import store_access

from .data import Order

S = Order.Status
ORDER_LIST_URL_NAME = "wagtailsnippets_shop_order:list"
PERMISSION = "shop.change_order"
# The Shop menu's hook (``ShopViewSetGroup.submenu_hook``).
SHOP_MENU_HOOK = "register_shop_menu_item"

TO_FULFIL = Q(status__in=[S.PAID, S.PARTIALLY_FULFILLED, S.FULFILLED]) | Q(
    status=S.PENDING_PAYMENT, payment_method=Order.PaymentMethod.CASH_ON_DELIVERY
)


def orders_to_fulfil(queryset):
    return queryset.filter(TO_FULFIL)


def to_fulfil_url() -> str:
    return reverse(ORDER_LIST_URL_NAME) + "?to_fulfil=true&ordering=placed_at"


class OrderFilterSet(WagtailFilterSet):
    status = ChoiceFilter(choices=S.choices, label="Status")
    payment_method = ChoiceFilter(choices=Order.PaymentMethod.choices, label="Payment")
    to_fulfil = BooleanFilter(
        label="To fulfil", method="filter_to_fulfil", help_text="Paid, or cash on delivery."
    )

    class Meta:
        model = Order
        # Declared above: a field named here is resolved through the default manager,
        # which needs a store scope that URL loading does not have.
        fields = []

    def filter_to_fulfil(self, queryset, name, value):
        if value is True:
            return orders_to_fulfil(queryset)
        if value is False:
            return queryset.exclude(TO_FULFIL)
        return queryset


class OrdersToFulfilMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


def orders_to_fulfil_menu_item():
    return OrdersToFulfilMenuItem(
        "Orders to fulfil", to_fulfil_url(), name="orders-to-fulfil", icon_name="mail", order=5
    )


class OrdersToFulfilPanel(Component):
    name = "orders_to_fulfil"
    order = 80
    template_name = "shop/admin/orders_to_fulfil_panel.html"

    def __init__(self, site_id: int):
        self.site_id = site_id

    def get_context_data(self, parent_context=None):
        waiting = orders_to_fulfil(Order.objects.filter(site_id=self.site_id))
        oldest = waiting.order_by("placed_at").first()
        return {"count": waiting.count(), "oldest": oldest, "list_url": to_fulfil_url()}


def add_orders_to_fulfil_panel(request, panels):
    """``construct_homepage_panels``: the count, for the active store's order staff."""
    store = store_access(request).active
    if store is not None and request.user.has_perm(PERMISSION):
        panels.append(OrdersToFulfilPanel(store.site_id))
