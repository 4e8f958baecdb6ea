"""The platform operator's store list: every store's figures, and suspend / reactivate.

Superusers only (``PlatformOperatorPolicy``; ``AdminStoreMiddleware`` also refuses the
whole ``stores`` namespace to merchants). Stores are made by ``create_store`` and change
only through ``suspend_store`` / ``reactivate_store``: nothing is added, edited or deleted
here.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import HistoryView, IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, MenuItem
from wagtail.permission_policies import ModelPermissionPolicy

from shop.money import DEFAULT_LOCALE, MoneyFormat
from shop.templatetags.shop_tags import money

from .exceptions import StaffError
from .forms import AddStaffForm
from .models import Store
from .selectors import stores_for_operator
from .services import reactivate_store, suspend_store
from .staff import add_staff

SUSPEND = "suspend"
REACTIVATE = "reactivate"
ADD_STAFF = "add_staff"


class PlatformOperatorPolicy(ModelPermissionPolicy):
    """Superusers view stores and change their status; nobody adds, edits or deletes one."""

    allowed = frozenset({"view", SUSPEND, ADD_STAFF})

    def user_has_permission(self, user, action):
        return action in self.allowed and user.is_active and user.is_superuser

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        if not self.allowed.intersection(actions):
            return User.objects.none()
        return User.objects.filter(is_active=True, is_superuser=True)


def _revenue(store):
    """The store's revenue written the store's way (a store with no settings yet: euros)."""
    writes = MoneyFormat(store.currency or "EUR", store.locale or DEFAULT_LOCALE)
    return money(store.revenue, writes)


def _status_links(store):
    """(label, url name, icon) of the status change open to ``store``."""
    if store.is_suspended:
        return "Reactivate", f"stores:{REACTIVATE}", "lock-open"
    return "Suspend", f"stores:{SUSPEND}", "lock"


class StoreIndexView(IndexView):
    def get_base_queryset(self):
        return stores_for_operator()

    def get_list_more_buttons(self, instance):
        label, url_name, icon = _status_links(instance)
        return [
            *super().get_list_more_buttons(instance),
            MenuItem(label, url=reverse(url_name, args=[instance.pk]), icon_name=icon, priority=40),
        ]


class StoreInspectView(InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(stores_for_operator(), pk=self.pk)

    def get_field_label(self, field_name, field):
        return STORE_FIGURE_LABELS.get(field_name) or super().get_field_label(field_name, field)

    def get_hostname_display_value(self):
        return self.object.site.hostname

    def get_staff_count_display_value(self):
        return self.object.staff_count

    def get_product_count_display_value(self):
        return self.object.product_count

    def get_order_count_display_value(self):
        return self.object.order_count

    def get_revenue_display_value(self):
        return _revenue(self.object)

    @cached_property
    def header_more_buttons(self):
        label, url_name, icon = _status_links(self.object)
        return [
            *super().header_more_buttons,
            Button(label, url=reverse(url_name, args=[self.object.pk]), icon_name=icon),
            Button(
                "Add staff",
                url=reverse(f"stores:{ADD_STAFF}", args=[self.object.pk]),
                icon_name="user",
            ),
        ]


class StoreHistoryView(HistoryView):
    """The store's audit log (suspensions and reactivations), for operators who may view it."""

    any_permission_required = ["view"]


STORE_FIGURE_LABELS = {
    "hostname": "Hostname",
    "staff_count": "Staff",
    "product_count": "Products",
    "order_count": "Orders",
    "revenue": "Revenue",
}


class SuspendForm(forms.Form):
    reason = forms.CharField(
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the store's history; the shoppers do not see it.",
    )


class StoreStatusView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Confirm (GET) and make (POST) a store's suspension or reactivation."""

    model = Store
    permission_required = SUSPEND
    template_name = "tenants/admin/confirm_store_status.html"
    header_icon = "site"
    action = SUSPEND

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(Store, pk=kwargs["pk"])

    def get_page_title(self):
        return f"{self.action.capitalize()} store"

    def get_page_subtitle(self):
        return self.object.name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("stores:index"), "label": "Stores"},
            {"url": reverse("stores:inspect", args=[self.object.pk]), "label": self.object.name},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_form(self):
        if self.action != SUSPEND:
            return None
        return SuspendForm(self.request.POST if self.request.method == "POST" else None)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            store=self.object,
            action=self.action,
            form=kwargs.pop("form", None) or self.get_form(),
            already=self.object.is_suspended == (self.action == SUSPEND),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if self.action == SUSPEND:
            form = self.get_form()
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(form=form))
            changed = suspend_store(
                store=self.object, user=request.user, reason=form.cleaned_data["reason"]
            )
            done = f"{self.object.name} is suspended: its hosts show a holding page."
        else:
            changed = reactivate_store(store=self.object, user=request.user)
            done = f"{self.object.name} is open again."
        if changed:
            messages.success(request, done)
        else:
            state = self.object.get_status_display().lower()
            messages.info(request, f"Nothing to do: {self.object.name} was already {state}.")
        return redirect("stores:inspect", self.object.pk)


class StoreAddStaffView(StoreStatusView):
    """The operator puts an existing account straight on a store's staff (no invitation)."""

    permission_required = ADD_STAFF
    template_name = "tenants/admin/operator_add_staff.html"
    header_icon = "user"

    def get_page_title(self):
        return "Add staff"

    def get_form(self):
        return AddStaffForm(self.request.POST if self.request.method == "POST" else None)

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=kwargs.pop("form", None) or self.get_form())

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            email, role = form.cleaned_data["email"], form.cleaned_data["role"]
            user = User.objects.filter(email__iexact=email).order_by("pk").first()
            try:
                if user is None:
                    raise StaffError(f"No account uses {email}: create it under Users first.")
                add_staff(store=self.object, user=user, role=role, added_by=request.user)
            except StaffError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"{user.email} is on the staff of {self.object.name}.")
                return redirect("stores:inspect", self.object.pk)
        return self.render_to_response(self.get_context_data(form=form))


class StoreViewSet(ModelViewSet):
    model = Store
    name = "stores"
    icon = "site"
    menu_label = "Stores"
    menu_order = 50
    add_to_admin_menu = True
    index_view_class = StoreIndexView
    inspect_view_class = StoreInspectView
    history_view_class = StoreHistoryView
    inspect_view_enabled = True
    inspect_view_fields = [
        "name",
        "slug",
        "hostname",
        "status",
        "staff_count",
        "product_count",
        "order_count",
        "revenue",
        "created_at",
    ]
    copy_view_enabled = False
    form_fields = ["name"]
    list_display = [
        "name",
        Column("hostname", label="Hostname", accessor=lambda store: store.site.hostname),
        Column("status", label="Status", accessor="get_status_display", sort_key="status"),
        Column("staff_count", label="Staff", sort_key="staff_count"),
        Column("product_count", label="Products", sort_key="product_count"),
        Column("order_count", label="Orders", sort_key="order_count"),
        Column("revenue", label="Revenue", accessor=_revenue, sort_key="revenue"),
        DateColumn("created_at", label="Created", sort_key="created_at"),
    ]
    list_filter = ["status"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "suspend/<int:pk>/",
                StoreStatusView.as_view(action=SUSPEND),
                name=SUSPEND,
            ),
            path(
                "reactivate/<int:pk>/",
                StoreStatusView.as_view(action=REACTIVATE),
                name=REACTIVATE,
            ),
            path("add-staff/<int:pk>/", StoreAddStaffView.as_view(), name=ADD_STAFF),
        ]
