"""Views of a person's own account: accepting a staff invitation, changing their email.

The invitation page answers anyone who holds the link (it is served outside Wagtail's
admin-access check, by ``tenants/admin_scoping/urls.py``): a new person chooses a
password there; someone with an account must be signed in as that account to accept.
The email views are admin views of the signed-in person's own account.
"""

from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.views.account import BaseSettingsPanel
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .email_changes import (
    cancel_email_change,
    confirm_email_change,
    email_change_from_link,
    pending_email_change,
    request_email_change,
)
from .exceptions import EmailChangeError, EmailLimitReached, ExpiredLink, LinkError, StaffError
from .forms import ChangeEmailForm, NewAccountForm
from .invitations import (
    accept_invitation,
    accept_invitation_as_new_person,
    account_for,
    invitation_from_link,
)
from .store_choice import choose_store

# The backend a person who just chose their password is signed in with (axes only counts
# failed sign-ins; it never holds a session).
SESSION_BACKEND = "tenants.admin_scoping.backends.StoreRoleBackend"


def _link_refused(request, error: LinkError, *, what: str) -> TemplateResponse:
    """The page for a link that cannot be used: why, and what to do instead."""
    return TemplateResponse(
        request,
        "tenants/account/link_refused.html",
        {"error": str(error), "what": what, "expired": isinstance(error, ExpiredLink)},
        status=410 if isinstance(error, ExpiredLink) else 400,
    )


class AcceptInvitationView(TemplateView):
    """Join a store's staff through the link of an invitation email.

    Modes: ``new`` (no account, or one that never had a password: choose one here),
    ``sign_in`` (an account exists and nobody is signed in), ``other_account`` (signed in
    as someone else: refused), ``accept`` (signed in as the invited address).
    """

    template_name = "tenants/account/accept_invitation.html"

    def dispatch(self, request, token):
        try:
            self.invitation = invitation_from_link(token)
        except LinkError as error:
            return _link_refused(request, error, what="invitation")
        self.token = token
        return super().dispatch(request, token)

    def mode(self) -> str:
        user, email = self.request.user, self.invitation.email
        if user.is_authenticated and user.email.strip().lower() != email:
            return "other_account"
        account = account_for(email)
        if account is None or not account.has_usable_password():
            return "new"
        return "accept" if user.is_authenticated else "sign_in"

    def get_context_data(self, **kwargs):
        mode = self.mode()
        if mode == "new":
            kwargs.setdefault("form", NewAccountForm(self.invitation.email))
        sign_in = reverse("wagtailadmin_login") + "?" + urlencode({"next": self.request.path})
        return super().get_context_data(
            invitation=self.invitation, mode=mode, sign_in_url=sign_in, **kwargs
        )

    def render(self, status=200, **kwargs):
        if self.mode() == "other_account":
            status = 403
        return self.render_to_response(self.get_context_data(**kwargs), status=status)

    def get(self, request, token):
        return self.render()

    def post(self, request, token):
        mode = self.mode()
        try:
            if mode == "new":
                form = NewAccountForm(self.invitation.email, request.POST)
                if not form.is_valid():
                    return self.render(status=400, form=form)
                user = accept_invitation_as_new_person(
                    token=token,
                    password=form.cleaned_data["new_password1"],
                    first_name=form.cleaned_data["first_name"],
                    last_name=form.cleaned_data["last_name"],
                )
                login(request, user, backend=SESSION_BACKEND)
            elif mode == "accept":
                accept_invitation(token=token, user=request.user)
            else:
                return self.render(status=403 if mode == "other_account" else 400)
        except LinkError as error:
            return _link_refused(request, error, what="invitation")
        except StaffError as error:
            return self.render(status=400, refusal=str(error))
        choose_store(request, self.invitation.store)
        messages.success(
            request,
            f"Welcome to {self.invitation.store.name}: you are on its staff as "
            f"{self.invitation.get_role_display()}.",
        )
        return redirect("wagtailadmin_home")


class EmailSettingsPanel(BaseSettingsPanel):
    """The account page's email section: the address, a pending change, a link to change.

    Replaces Wagtail's email field (``WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False``), which
    would put any address on the account unconfirmed."""

    name = "email"
    title = "Email"
    order = 150
    template_name = "tenants/account/email_panel.html"

    def get_form(self):
        return ChangeEmailForm(prefix=self.name)  # shown by the change page, not posted here

    def get_context_data(self):
        return {"account": self.user, "pending": pending_email_change(self.user)}


class AccountAreaMixin(WagtailAdminTemplateMixin):
    header_icon = "mail"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailadmin_account"), "label": "Account"},
            {"url": "", "label": self.get_page_title()},
        ]


class ChangeEmailView(AccountAreaMixin, FormView):
    template_name = "tenants/account/change_email.html"
    form_class = ChangeEmailForm
    page_title = "Change email address"

    def get_context_data(self, **kwargs):
        return super().get_context_data(pending=pending_email_change(self.request.user), **kwargs)

    def form_valid(self, form):
        try:
            change = request_email_change(
                user=self.request.user, new_email=form.cleaned_data["new_email"]
            )
        except (EmailChangeError, EmailLimitReached) as error:
            form.add_error("new_email", str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"We sent a confirmation link to {change.new_email}. Your address stays "
            f"{change.old_email} until you open it.",
        )
        return redirect("account:email")


class CancelEmailChangeView(View):
    """Cancel (POST) the pending change; a GET goes back to the email page."""

    def get(self, request):
        return redirect("account:email")

    def post(self, request):
        if cancel_email_change(user=request.user):
            messages.success(request, "The email change is cancelled; its link no longer works.")
        return redirect("account:email")


class ConfirmEmailChangeView(AccountAreaMixin, TemplateView):
    """Confirm (POST) an email change from the link sent to the new address, signed in as
    the account it changes. The page (GET) says what will change; opening it changes
    nothing, so mail scanners following links cannot confirm."""

    template_name = "tenants/account/confirm_email.html"
    page_title = "Confirm your new email address"

    def dispatch(self, request, token):
        try:
            self.change = email_change_from_link(token)
        except LinkError as error:
            return _link_refused(request, error, what="email change")
        return super().dispatch(request, token)

    def get_context_data(self, **kwargs):
        mine = self.change.user_id == self.request.user.pk
        return super().get_context_data(change=self.change, mine=mine, **kwargs)

    def get(self, request, token):
        context = self.get_context_data()
        return self.render_to_response(context, status=200 if context["mine"] else 403)

    def post(self, request, token):
        try:
            change = confirm_email_change(token=token, user=request.user)
        except LinkError as error:
            return _link_refused(request, error, what="email change")
        except EmailChangeError as error:
            context = self.get_context_data(refusal=str(error))
            return self.render_to_response(context, status=400)
        messages.success(
            request,
            f"Your email address is now {change.new_email}. Sign in with it from now on.",
        )
        return HttpResponseRedirect(reverse("wagtailadmin_account"))


urlpatterns = [
    path("", ChangeEmailView.as_view(), name="email"),
    path("cancel/", CancelEmailChangeView.as_view(), name="cancel_email"),
    path("confirm/<str:token>/", ConfirmEmailChangeView.as_view(), name="confirm_email"),
]
