"""How django-axes sees sign-ins: from which address, and what a locked-out person sees.

Both are named in the "Login throttling" section of ``config.settings.base``.
"""

from ipaddress import ip_address

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import messages
from django.template.defaultfilters import pluralize
from wagtail.admin.views.account import LoginView


def client_ip_address(request) -> str | None:
    """The address a sign-in came from.

    Behind ``TRUSTED_PROXY_COUNT`` reverse proxies (Caddy in production), each proxy
    appends the address it was reached from to ``X-Forwarded-For``, so the client is the
    N-th entry from the right; anything to its left was written by the client and is
    ignored. With no trusted proxy (the default) the header is ignored altogether: anyone
    can send it.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= count and _is_address(hops[-count]):
            return hops[-count]
    return request.META.get("REMOTE_ADDR")


def _is_address(value: str) -> bool:
    try:
        ip_address(value)
    except ValueError:
        return False
    return True


def lockout_message(request) -> str:
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else 0
    wait = f"Try again in {minutes} minute{pluralize(minutes)}" if minutes else "Try again later"
    return (
        "Too many failed sign-in attempts for this account or from your network, so "
        f"signing in is locked for now. {wait}, or ask the platform operator to unlock it."
    )


class LockedOutLoginView(LoginView):
    """Wagtail's sign-in page again, empty, with the reason the sign-in was refused.

    The form is never bound to the posted data: validating it would try the password
    once more.
    """

    def post(self, request, *args, **kwargs):
        messages.error(request, lockout_message(request))
        return self.render_to_response(self.get_context_data())

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("data", None)
        kwargs.pop("files", None)
        kwargs["initial"] = {"username": self.request.POST.get("username", "")}
        return kwargs


def locked_out_response(request, original_response=None, credentials=None):
    """Axes' answer to a locked-out sign-in (``AXES_LOCKOUT_CALLABLE``): 429 Too Many
    Requests, showing the admin's sign-in page and the message."""
    response = LockedOutLoginView.as_view()(request)
    response.render()
    response.status_code = settings.AXES_HTTP_RESPONSE_CODE
    return response
