"""The merchant's store area of the admin: the active store, switching, staff, activity.

Everything here acts on the active store (``tenancy.request.store_access``) and
never takes a store id from the URL: a merchant cannot name another store. Staff and
activity are for the store's owners only. Platform operators have no active store and
manage stores from the Stores list.
"""

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from tenancy.request import store_access

from .exceptions import EmailLimitReached, StaffError
from .forms import ChangeRoleForm, InviteStaffForm
from .invitations import invite_staff, resend_invitation, revoke_invitation
from .roles import ROLE_SUMMARIES, Role
from .selectors import open_invitations_of, role_of, staff_of, store_log_entries
from .staff import change_staff_role, remove_staff
from .store_choice import choose_store

ACTIVITY_PAGE_SIZE = 50


class StoreAreaMixin(WagtailAdminTemplateMixin):
    """A view of the merchant's active store; ``owner_only`` views refuse other roles."""

    owner_only = False
    header_icon = "site"

    def dispatch(self, request, *args, **kwargs):
        self.access = store_access(request)
        self.store = self.access.active
        if self.store is None:
            raise Http404("Platform operators manage stores from the Stores list.")
        if self.owner_only and self.access.role != Role.OWNER:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.store.name

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items, {"url": reverse("store:home"), "label": self.store.name}]
        if self.get_page_title() != self.store.name:
            items.append({"url": "", "label": self.get_page_title()})
        return items


class StoreHomeView(StoreAreaMixin, TemplateView):
    """The active store, the person's role in it, and their other stores to switch to."""

    template_name = "tenants/admin/store_home.html"

    def get_page_title(self):
        return self.store.name

    def get_context_data(self, **kwargs):
        role = self.access.role
        return super().get_context_data(
            store=self.store,
            role=role,
            role_summary=ROLE_SUMMARIES[role],
            other_stores=self.access.other_stores,
            **kwargs,
        )


class SwitchStoreView(View):
    """Make another of the merchant's stores the active one (POST), then go to the dashboard."""

    http_method_names = ["post"]

    def post(self, request):
        try:
            store_id = int(request.POST.get("store", ""))
        except ValueError as error:
            raise Http404 from error
        stores = store_access(request).member_stores
        store = next((s for s in stores if s.pk == store_id), None)
        if store is None:
            raise Http404
        choose_store(request, store)
        messages.success(request, f"You are now working in {store.name}.")
        return redirect("wagtailadmin_home")


class StaffIndexView(StoreAreaMixin, TemplateView):
    owner_only = True
    template_name = "tenants/admin/staff_index.html"
    page_title = "Staff"
    header_icon = "group"

    def get_context_data(self, **kwargs):
        staff = [
            {"user": user, "role": role, "is_me": user == self.request.user}
            for user, role in staff_of(self.store)
        ]
        return super().get_context_data(
            staff=staff,
            invitations=open_invitations_of(self.store),
            summaries=ROLE_SUMMARIES.items(),
            **kwargs,
        )


class InviteStaffView(StoreAreaMixin, FormView):
    owner_only = True
    template_name = "tenants/admin/staff_form.html"
    form_class = InviteStaffForm
    page_title = "Invite staff"
    header_icon = "group"

    def form_valid(self, form):
        try:
            invite_staff(
                store=self.store,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=self.request.user,
            )
        except (StaffError, EmailLimitReached) as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        role = Role(form.cleaned_data["role"]).label
        messages.success(
            self.request,
            f"{form.cleaned_data['email']} is invited to {self.store.name} as {role}. They get "
            "access once they accept.",
        )
        return redirect("store:staff")


class StaffMemberMixin(StoreAreaMixin):
    """A view of one staff member of the active store: anyone else is a 404."""

    owner_only = True
    header_icon = "user"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        store = store_access(request).active
        member = get_object_or_404(User, pk=kwargs["user_id"]) if store else None
        self.member_role = role_of(user=member, store=store) if member else None
        if self.member_role is None:
            raise Http404
        self.member_obj = member

    def get_context_data(self, **kwargs):
        return super().get_context_data(member=self.member_obj, role=self.member_role, **kwargs)


class ChangeRoleView(StaffMemberMixin, FormView):
    template_name = "tenants/admin/staff_form.html"
    form_class = ChangeRoleForm
    page_title = "Change role"

    def get_initial(self):
        return {"role": self.member_role}

    def form_valid(self, form):
        try:
            changed = change_staff_role(
                store=self.store,
                member=self.member_obj,
                role=form.cleaned_data["role"],
                changed_by=self.request.user,
            )
        except StaffError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        role = Role(form.cleaned_data["role"]).label
        if changed:
            messages.success(self.request, f"{self.member_obj.email} is now {role}.")
        else:
            messages.info(self.request, f"{self.member_obj.email} was already {role}.")
        return redirect("store:staff")


class RemoveStaffView(StaffMemberMixin, TemplateView):
    template_name = "tenants/admin/staff_remove.html"
    page_title = "Remove from staff"

    def post(self, request, *args, **kwargs):
        try:
            remove_staff(store=self.store, member=self.member_obj, removed_by=request.user)
        except StaffError as error:
            messages.error(request, str(error))
            return redirect("store:staff")
        messages.success(
            request, f"{self.member_obj.email} no longer has access to {self.store.name}."
        )
        return redirect("store:staff")


class InvitationActionView(StoreAreaMixin, View):
    """Resend or revoke (POST) one open invitation of the active store; any other is a 404."""

    owner_only = True
    http_method_names = ["post"]

    def post(self, request, invitation_id):
        invitation = get_object_or_404(
            open_invitations_of(self.store).select_related("store"), pk=invitation_id
        )
        try:
            self.act(invitation)
        except (StaffError, EmailLimitReached) as error:
            messages.error(request, str(error))
        return redirect("store:staff")


class ResendInvitationView(InvitationActionView):
    def act(self, invitation):
        resend_invitation(invitation=invitation, sent_by=self.request.user)
        messages.success(
            self.request, f"A new link is sent to {invitation.email}; earlier links no longer work."
        )


class RevokeInvitationView(InvitationActionView):
    def act(self, invitation):
        revoke_invitation(invitation=invitation, revoked_by=self.request.user)
        messages.success(self.request, f"The invitation to {invitation.email} is withdrawn.")


class StoreActivityView(StoreAreaMixin, TemplateView):
    """Who changed the store's staff, roles, settings and status, and when."""

    owner_only = True
    template_name = "tenants/admin/store_activity.html"
    page_title = "Store activity"
    header_icon = "history"

    def get_context_data(self, **kwargs):
        paginator = Paginator(store_log_entries(self.store), ACTIVITY_PAGE_SIZE)
        page = paginator.get_page(self.request.GET.get("p"))
        return super().get_context_data(page=page, entries=page.object_list, **kwargs)


urlpatterns = [
    path("", StoreHomeView.as_view(), name="home"),
    path("switch/", SwitchStoreView.as_view(), name="switch"),
    path("staff/", StaffIndexView.as_view(), name="staff"),
    path("staff/invite/", InviteStaffView.as_view(), name="invite"),
    path("staff/<int:user_id>/role/", ChangeRoleView.as_view(), name="change_role"),
    path("staff/<int:user_id>/remove/", RemoveStaffView.as_view(), name="remove"),
    path(
        "staff/invitations/<int:invitation_id>/resend/",
        ResendInvitationView.as_view(),
        name="resend_invitation",
    ),
    path(
        "staff/invitations/<int:invitation_id>/revoke/",
        RevokeInvitationView.as_view(),
        name="revoke_invitation",
    ),
    path("activity/", StoreActivityView.as_view(), name="activity"),
]
