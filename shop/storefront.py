"""The ``store`` object storefront templates read: name, currency, navigation."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.utils.functional import SimpleLazyObject, cached_property
from wagtail.models import Page

from tenancy.request import request_site
from tenancy.store_cache import store_value

from .data.settings import StoreSettings
from .navigation import MenuBuilder, MenuItem
from .selectors import store_settings

NAV_PAGES_ENTRY = "nav-pages"
CATEGORIES_ENTRY = "categories"


@dataclass
class MenuCategory:
    """A category in the store's category menu, with its live subcategories (one level)."""

    page: Page
    children: list[Page] = field(default_factory=list)


class StoreContext:
    """What storefront templates know of the store: ``store.name``, ``store.header_menu``...

    ``preview_menu`` is a menu being edited in the admin, shown instead of the saved one of
    its location.
    """

    def __init__(self, site, request=None, *, preview_menu=None):
        self.site = site
        self.request = request
        self.preview_menu = preview_menu

    @cached_property
    def settings(self) -> StoreSettings:
        return store_settings(self.site)

    @property
    def name(self) -> str:
        return self.site.site_name or self.site.hostname

    @property
    def currency(self) -> str:
        return self.settings.currency

    @cached_property
    def nav_pages(self):
        """Live pages right under the store's home page that are shown in menus."""
        return store_value(
            self.site.pk,
            NAV_PAGES_ENTRY,
            # By tree path: the site's root page comes from the host's cached route, and
            # its count of children (which ``get_children`` trusts) may be older.
            lambda: list(Page.objects.child_of(self.site.root_page).live().in_menu()),
        )

    @cached_property
    def _menus(self) -> MenuBuilder:
        return MenuBuilder(site=self.site, request=self.request, preview=self.preview_menu)

    @cached_property
    def header_menu(self) -> list[MenuItem]:
        """The header's links (title, url, is_current, children), or the top-level pages."""
        if self._menus.has_menu("header"):
            return self._menus.items("header", with_children=True)
        return self._menus.default_items(self.nav_pages)

    @cached_property
    def footer_menu(self) -> list[MenuItem]:
        """The footer's links, or the top-level pages."""
        if self._menus.has_menu("footer"):
            return self._menus.items("footer", with_children=False)
        return self._menus.default_items(self.nav_pages)

    @cached_property
    def footer_links(self) -> list[MenuItem]:
        """The footer's links for a footer that lists the categories on their own: the
        saved footer menu, else the top-level pages that are not categories."""
        if self._menus.has_menu("footer"):
            return self.footer_menu
        return self._menus.default_items(self.content_pages)

    @cached_property
    def categories(self) -> list[MenuCategory]:
        """The live top-level categories and their subcategories, for sidebars and footers.

        From the store's cache; built in one query, however many categories: two tree
        levels under the store's home page.
        """
        return store_value(self.site.pk, CATEGORIES_ENTRY, self._read_categories)

    def _read_categories(self) -> list[MenuCategory]:
        root = self.site.root_page
        pages = (
            Page.objects.live()
            .descendant_of(root)
            .filter(
                depth__lte=root.depth + 2,
                content_type=ContentType.objects.get_by_natural_key("shop", "categorypage"),
            )
            .order_by("path")
        )
        menu, by_path = [], {}
        for page in pages:
            if page.depth == root.depth + 1:
                by_path[page.path] = MenuCategory(page=page)
                menu.append(by_path[page.path])
            elif parent := by_path.get(page.path[: -Page.steplen]):
                parent.children.append(page)
        return menu

    @cached_property
    def content_pages(self) -> list[Page]:
        """Menu pages that are not categories (about, shipping, contact), for footers."""
        category_ids = {category.page.pk for category in self.categories}
        return [page for page in self.nav_pages if page.pk not in category_ids]


def shopper_session_key(request) -> str | None:
    """The key of the shopper's session, which finds their cart; ``None`` before one exists.

    Whatever is built from it (the cart, its count in every header) is this shopper's
    alone, so reading it marks the session as read: ``SessionMiddleware`` then adds
    ``Vary: Cookie`` and ``shop.middleware.PrivateSessionResponseMiddleware`` adds
    ``Cache-Control: private``, and no shared cache hands the page to someone else.
    """
    request.session.accessed = True
    return request.session.session_key


def storefront(request):
    """Context processor: ``store`` for templates rendered outside a store page."""

    def build():
        site = request_site(request)
        return StoreContext(site, request) if site else None

    return {"store": SimpleLazyObject(build)}
