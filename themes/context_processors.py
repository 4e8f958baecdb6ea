from django.utils.functional import SimpleLazyObject

from tenancy.request import request_site

from .theme import Theme


def theme(request):
    """``theme`` in every template: the current store's resolved Theme, built on first use."""

    def build():
        site = request_site(request)
        return Theme.for_site(site, request=request) if site else None

    return {"theme": SimpleLazyObject(build)}
