"""What the forms on shared storefront pages rely on instead of a per-shopper CSRF token.

Storefront pages are the same bytes for every shopper (ADR 24), so add to cart, the
newsletter sign-up and the contact form carry no CSRF token. Their endpoints accept a post
only from a page of the very host they answer on, and count each client address's attempts.
"""

from ipaddress import ip_address
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.cache import cache

# What a shopper is told when a post comes from elsewhere, or too often.
FOREIGN = "This form was not sent from this store. Reload the page and try again."
TOO_MANY = "Too many attempts from your connection. Please try again in a few minutes."


def shopper_email_field() -> forms.EmailField:
    """The email address a shopper types into a storefront form, with plain errors."""
    return forms.EmailField(
        max_length=254,
        error_messages={
            "required": "Enter your email address.",
            "invalid": "Enter a valid email address, such as name@example.com.",
        },
    )


def _origin(url: str) -> str | None:
    """``scheme://host[:port]`` of ``url``, lower case, without a default port."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    if scheme not in ("http", "https") or not host:
        return None
    default = {"http": 80, "https": 443}[scheme]
    return f"{scheme}://{host}" + (f":{port}" if port and port != default else "")


def is_same_origin(request) -> bool:
    """The request was sent by a page of this very host: its ``Origin`` header (every
    current browser sends one with a POST) names it, or, when a browser sends none, its
    ``Referer`` does. Neither, ``Origin: null`` or any other origin is refused."""
    own = _origin(f"{request.scheme}://{request.get_host()}")
    origin = request.headers.get("Origin")
    if origin is not None:
        return _origin(origin) == own
    referer = request.headers.get("Referer")
    return bool(referer) and _origin(referer) == own


def client_address(request) -> str:
    """The client's address: ``REMOTE_ADDR``, or behind ``TRUSTED_PROXY_COUNT`` proxies
    the entry they appended to ``X-Forwarded-For`` (what the client wrote is ignored)."""
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        hops = [hop.strip() for hop in request.headers.get("X-Forwarded-For", "").split(",")]
        hops = [hop for hop in hops if hop]
        if len(hops) >= count:
            try:
                return str(ip_address(hops[-count]))
            except ValueError:
                pass
    return request.META.get("REMOTE_ADDR") or "unknown"


def take_attempt(key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one attempt under ``key``; False once ``limit`` were counted in the window."""
    cache.add(key, 0, timeout=window_seconds)
    try:
        attempts = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        attempts = 1
    return attempts <= limit
