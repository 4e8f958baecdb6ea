"""Forms of the store area (staff screen), the invitation page and the account's email."""

from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.models import User
from wagtail.admin.forms.auth import PasswordResetForm

from . import email_limits
from .exceptions import EmailLimitReached
from .roles import ROLE_SUMMARIES, Role


def _role_field(**kwargs):
    return forms.ChoiceField(
        choices=Role.choices,
        widget=forms.RadioSelect,
        help_text=" ".join(f"{role.label}: {ROLE_SUMMARIES[role]}" for role in Role),
        **kwargs,
    )


class InviteStaffForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="They receive an email with a link to accept: new people choose a password "
        "there, people with an account sign in. They get no access until they accept.",
    )
    role = _role_field(initial=Role.EDITOR)


class ChangeRoleForm(forms.Form):
    role = _role_field()


class AddStaffForm(forms.Form):
    """The platform operator's direct add of an existing account (no invitation)."""

    email = forms.EmailField(
        label="Email address of an existing account",
        max_length=254,
        help_text="The account is added at once, without an invitation. To bring in someone "
        "new, create their account under Users first, or ask an owner to invite them.",
    )
    role = _role_field(initial=Role.EDITOR)


class NewAccountForm(SetPasswordForm):
    """The invitee's name and password, for a new account made at the invitation link."""

    first_name = forms.CharField(label="First name", max_length=150, required=False)
    last_name = forms.CharField(label="Last name", max_length=150, required=False)

    field_order = ["first_name", "last_name", "new_password1", "new_password2"]

    def __init__(self, email: str, *args, **kwargs):
        # The unsaved account lets the password validators compare with the address.
        super().__init__(User(username=email, email=email), *args, **kwargs)


class ChangeEmailForm(forms.Form):
    new_email = forms.EmailField(
        label="New email address",
        max_length=254,
        help_text="We email a confirmation link to the new address, and tell your current "
        "address. Your account keeps its current address until the link is opened.",
    )


class LimitedPasswordResetForm(PasswordResetForm):
    """Wagtail's password reset form, refusing an address past the hour's email limit.

    The address is counted whether or not an account uses it, so the answer tells
    nothing about who has an account.
    """

    def clean_email(self):
        email = self.cleaned_data["email"]
        try:
            email_limits.spend(email_limits.PASSWORD_RESET, address=email)
        except EmailLimitReached as error:
            raise forms.ValidationError(str(error), code="email_limit") from error
        return email
