"""Reads of stores: staff and roles, and the platform operator's figures."""

from decimal import Decimal

from django.contrib.auth.models import User
from django.db.models import (
    Count,
    DecimalField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from wagtail.models import ModelLogEntry

from shop.models import Order, PaymentSettings, Product, StoreSettings
from themes.models import StoreTheme

from .models import StaffInvitation, Store, StoreGroup
from .roles import Role

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
    cancelled and refunded ones; ``locale`` is how the store writes amounts. The listing
    costs one query however many stores there are. It reads every store's rows, so it runs
    in the all-stores scope of the operator's admin requests.
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
                User.groups.through.objects.filter(group__store_role__store_id=OuterRef("pk")),
                "group__store_role__store_id",
            ),
            product_count=_count_of(Product.objects.filter(site_id=site), "site_id"),
            order_count=_count_of(Order.objects.filter(site_id=site), "site_id"),
            currency=Subquery(StoreSettings.objects.filter(site_id=site).values("currency")[:1]),
            locale=Subquery(StoreSettings.objects.filter(site_id=site).values("locale")[:1]),
        )
        .annotate(
            revenue=Coalesce(
                Subquery(revenue, output_field=money), Decimal("0.00"), output_field=money
            )
        )
    )


def role_of(*, user: User, store: Store) -> Role | None:
    """The user's role in the store, or None when they are not on its staff."""
    role = (
        StoreGroup.objects.filter(store=store, group__user=user)
        .values_list("role", flat=True)
        .first()
    )
    return Role(role) if role else None


def staff_of(store: Store) -> list[tuple[User, Role]]:
    """The store's staff with their roles, owners first, then by email."""
    rows = (
        StoreGroup.objects.filter(store=store)
        .values_list("role", "group__user")
        .exclude(group__user=None)
    )
    roles = {user_id: Role(role) for role, user_id in rows}
    users = User.objects.filter(pk__in=roles).order_by("email")
    order = list(Role)
    return sorted(((user, roles[user.pk]) for user in users), key=lambda r: order.index(r[1]))


def open_invitations_of(store: Store) -> QuerySet[StaffInvitation]:
    """The store's invitations not yet accepted or revoked (expired ones too), by address."""
    return StaffInvitation.objects.open().filter(store=store).select_related("invited_by")


def stores_of(user: User) -> list[Store]:
    """The stores the user is on the staff of, by name, each with the user's ``role``."""
    memberships = (
        StoreGroup.objects.filter(group__user=user)
        .select_related("store__site__root_page")
        .order_by("store__name", "store__pk")
    )
    stores = []
    for membership in memberships:
        membership.store.role = Role(membership.role)
        stores.append(membership.store)
    return stores


def store_log_entries(store: Store):
    """Audit log entries of the store itself (staff, suspension) and of its settings."""
    targets = Q()
    for model, pks in (
        (Store, [store.pk]),
        (StoreTheme, StoreTheme.objects.filter(site=store.site).values_list("pk")),
        (StoreSettings, StoreSettings.objects.filter(site=store.site).values_list("pk")),
        (PaymentSettings, PaymentSettings.objects.filter(site=store.site).values_list("pk")),
    ):
        targets |= Q(content_type__app_label=model._meta.app_label) & Q(
            content_type__model=model._meta.model_name, object_id__in=[str(pk) for pk in pks]
        )
    return (
        ModelLogEntry.objects.filter(targets)
        .select_related("user", "content_type")
        .order_by("-timestamp", "-pk")
    )


def owner_addresses(site) -> list[str]:
    """The email addresses of the active owners of the store of ``site``: where its
    new-order emails go when it has no contact email (``shop.order_emails.recipients``)."""
    owners = User.objects.filter(
        is_active=True,
        groups__store_role__role=Role.OWNER,
        groups__store_role__store__site=site,
    ).exclude(email="")
    return list(owners.order_by("pk").values_list("email", flat=True).distinct())
