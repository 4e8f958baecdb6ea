"""Reads of stores for the platform operator."""

from decimal import Decimal

from django.contrib.auth.models import User
from django.db.models import Count, DecimalField, IntegerField, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from shop.models import Order, Product, StoreSettings

from .models import Store

# Orders that earned nothing: left out of a store's revenue.
NON_REVENUE_STATUSES = (Order.Status.CANCELLED, Order.Status.REFUNDED)


def _count_of(queryset: QuerySet, group_field: str) -> Coalesce:
    """A correlated ``COUNT(*)`` of ``queryset`` grouped on ``group_field`` (0 when empty).

    One subquery per figure, never a join: joining staff, products and orders at once
    would multiply the rows and inflate every count.
    """
    counted = queryset.order_by().values(group_field).annotate(count=Count("*")).values("count")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def stores_for_operator() -> QuerySet[Store]:
    """Every store with its staff, product and order counts and its revenue.

    ``revenue`` sums the totals of orders in the store's currency (``currency``), except
    cancelled and refunded ones. The listing costs one query however many stores there are.
    It reads every store's rows, so it runs in the all-stores scope of the operator's
    admin requests.
    """
    site = OuterRef("site_id")
    revenue = (
        Order.objects.filter(site_id=site, currency=OuterRef("currency"))
        .exclude(status__in=NON_REVENUE_STATUSES)
        .order_by()
        .values("site_id")
        .annotate(revenue=Sum("total"))
        .values("revenue")[:1]
    )
    money = DecimalField(max_digits=14, decimal_places=2)
    return (
        Store.objects.select_related("site")
        .annotate(
            staff_count=_count_of(
                User.groups.through.objects.filter(group_id=OuterRef("staff_group_id")),
                "group_id",
            ),
            product_count=_count_of(Product.objects.filter(site_id=site), "site_id"),
            order_count=_count_of(Order.objects.filter(site_id=site), "site_id"),
            currency=Subquery(StoreSettings.objects.filter(site_id=site).values("currency")[:1]),
        )
        .annotate(
            revenue=Coalesce(
                Subquery(revenue, output_field=money), Decimal("0.00"), output_field=money
            )
        )
    )
