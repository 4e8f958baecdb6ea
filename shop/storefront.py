"""The ``store`` object storefront templates read: name, currency, navigation."""

from django.utils.functional import SimpleLazyObject, cached_property
from wagtail.models import Site

from .models.settings import StoreSettings


class StoreContext:
    def __init__(self, site, request=None):
        self.site = site
        self.request = request

    @cached_property
    def settings(self) -> StoreSettings:
        return StoreSettings.for_site(self.site)

    @property
    def name(self) -> str:
        return self.site.site_name or self.site.hostname

    @property
    def currency(self) -> str:
        return self.settings.currency

    @cached_property
    def nav_pages(self):
        """Live pages right under the store's home page that are shown in menus."""
        return list(self.site.root_page.get_children().live().in_menu())


def storefront(request):
    """Context processor: ``store`` for templates rendered outside a store page."""

    def build():
        site = Site.find_for_request(request)
        return StoreContext(site, request) if site else None

    return {"store": SimpleLazyObject(build)}
