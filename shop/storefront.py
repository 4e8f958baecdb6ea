"""The ``store`` object storefront templates read: name, currency, navigation."""

import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.template import Template
from django.template.loader import get_template, select_template
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.safestring import mark_safe
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
    def shipping_offer(self):
        """The shipping note's offer to the store's own country (``ShippingTable.offer``)."""
        return self.settings.shipping.offer(self.settings.default_country.code)

    @property
    def locale(self) -> str:
        """How the store writes amounts (``{{ price|money:store }}``)."""
        return self.settings.locale

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


# --- Product card fragments (ADR 32) -------------------------------------------------------

CARD_TEMPLATE = "includes/product_card.html"
PRICE_TEMPLATE = "themes/default/includes/price.html"
CARD_KEY_PREFIX = "card:"
# A card's key names everything it shows, so an entry is never stale: the timeout only
# lets cards nobody shows any more leave the cache.
CARD_TIMEOUT = 60 * 60 * 24


def _template_sources(names: tuple[str, ...]) -> tuple[Template, str]:
    """The card template of the first of ``names`` found, and a digest of its source and
    the price's it includes: a deploy that changes either makes new keys."""
    template = select_template(list(names)).template
    price = get_template(PRICE_TEMPLATE).template
    digest = hashlib.sha256(f"{template.source}\0{price.source}".encode()).hexdigest()[:16]
    return template, digest


_card_templates: dict[tuple[str, ...], tuple[Template, str]] = {}


def _card_template(names: tuple[str, ...]) -> tuple[Template, str]:
    if settings.DEBUG:  # templates are read again on each request while developing
        return _template_sources(names)
    if names not in _card_templates:
        _card_templates[names] = _template_sources(names)
    return _card_templates[names]


def card_fingerprint(card, *, currency, show_vendor) -> tuple:
    """Everything a product card template reads (``includes/product_card.html`` of every
    preset and the price it includes): the product's title, vendor, type, whether it has
    options, its price and sale price with its promotion's badge and end, whether it is in
    stock or on pre-order only, its page's URL, its first two pictures (which file, cropped
    where), the store's currency and locale and the context's ``show_vendor``. Two cards
    with the same fingerprint render the same bytes."""
    product = card.product
    pictures = tuple(
        (
            item.image_id,
            item.image.file.name,
            item.image.file_hash,
            item.image.width,
            item.image.height,
            item.image.focal_point_x,
            item.image.focal_point_y,
            item.image.focal_point_width,
            item.image.focal_point_height,
        )
        for item in list(product.images.all())[:2]
    )
    return (
        product.pk,
        card.title,
        product.vendor,
        product.product_type,
        product.has_options,
        str(card.price),
        str(card.compare_at_price),
        card.shown.badge,
        card.shown.ends_at if card.shown.shows_end else None,
        card.in_stock,
        card.preorder,
        card.url,
        pictures,
        currency,
        bool(show_vendor),
    )


def render_product_cards(context, cards) -> str:
    """The product cards ``cards`` rendered with the theme's card template, each kept in
    the cache under a key of its template and ``card_fingerprint``: a card whose product,
    prices, stock state, pictures, page URL, template or store currency changed gets a new
    key, so no change waits for an entry to expire. Cards are read from the cache in one
    call; those missing are rendered and stored in one more."""
    theme = context.get("theme")
    names = tuple(
        theme.template_names(CARD_TEMPLATE) if theme else [f"themes/default/{CARD_TEMPLATE}"]
    )
    template, digest = _card_template(names)
    store = context.get("store")
    # The currency with the locale that writes its amounts.
    currency = (getattr(store, "currency", None), getattr(store, "locale", None)) if store else None
    show_vendor = context.get("show_vendor")
    keys = []
    for card in cards:
        fingerprint = (
            names,
            digest,
            card_fingerprint(card, currency=currency, show_vendor=show_vendor),
        )
        keys.append(CARD_KEY_PREFIX + hashlib.sha256(repr(fingerprint).encode()).hexdigest())
    found = cache.get_many(keys) if keys else {}
    # The renditions of the pictures of the cards to render, in one query (none if the
    # cards were read with them).
    missing = [card for key, card in zip(keys, cards, strict=True) if key not in found]
    pictures = [item.image for card in missing for item in list(card.product.images.all())[:2]]
    if pictures:
        prefetch_related_objects(pictures, "renditions")
    parts, rendered = [], {}
    for key, card in zip(keys, cards, strict=True):
        html = found.get(key)
        if html is None:
            with context.push(card=card):
                html = rendered[key] = str(template.render(context))
        parts.append(html)
    if rendered:
        cache.set_many(rendered, timeout=CARD_TIMEOUT)
    return mark_safe("\n".join(parts))  # noqa: S308 - the cards' own rendered templates
