"""Absolute addresses of the platform and of store hosts, for commands and their output."""

from django.conf import settings


def public_url(hostname: str) -> str:
    """The address a browser reaches ``hostname`` at, on the port stores are served on."""
    port = settings.STORES_PORT
    suffix = "" if port in (80, 443) else f":{port}"
    return f"{settings.STORES_SCHEME}://{hostname}{suffix}/"


def platform_url() -> str:
    return public_url(settings.PLATFORM_HOSTS[0])
