"""Emails to store staff."""

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .models import Store
from .selectors import role_of


def invitation_link(user: User) -> str:
    """Where the invited person goes: choose a password if they have none, else sign in."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    if user.has_usable_password():
        return base + reverse("wagtailadmin_home")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return base + reverse("wagtailadmin_password_reset_confirm", args=[uid, token])


def send_staff_invitation(*, user: User, store: Store, invited_by: User | None) -> None:
    role = role_of(user=user, store=store)
    context = {
        "store": store,
        "role": role.label if role else "",
        "invited_by": (invited_by.get_full_name() or invited_by.email) if invited_by else "",
        "link": invitation_link(user),
        "needs_password": not user.has_usable_password(),
        "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
    }
    send_mail(
        subject=f"You have been invited to {store.name}",
        message=render_to_string("tenants/emails/staff_invitation.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )
