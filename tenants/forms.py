"""Forms of the store area of the admin (staff screen)."""

from django import forms

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
        help_text="They receive an email with a link to sign in, or to choose a password if "
        "they are new to the platform.",
    )
    role = _role_field(initial=Role.EDITOR)


class ChangeRoleForm(forms.Form):
    role = _role_field()
