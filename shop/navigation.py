"""The header and footer menus storefront templates show, built from the store's menus.

A location with no saved menu shows the store's top-level pages (those marked "show in
menus"). A saved menu's links are read from its raw stream data, and the pages they name
are fetched in one query, live pages of this store only: a page unpublished, deleted or of
another store is left out of the menu rather than linked. Both are kept in the store's
cache (``tenancy.store_cache``), dropped when a menu is saved or a page of the store
changes: a storefront page reads its menus without a query.
"""

from dataclasses import dataclass, field

from wagtail.models import Page

from tenancy.store_cache import store_value

from .data.navigation import StoreMenu

MENUS_ENTRY = "menus"


@dataclass
class MenuItem:
    """A link of a storefront menu, as templates read it."""

    title: str
    url: str
    is_current: bool = False
    is_external: bool = False
    children: list["MenuItem"] = field(default_factory=list)


def _links(raw_links: list[dict]) -> list[dict]:
    return [item["value"] for item in raw_links if item.get("type") == "link"]


def _children(link: dict) -> list[dict]:
    """A link's sub-links: Wagtail stores list items as ``{"type": "item", "value": ...}``
    (older data as bare values)."""
    return [
        child["value"] if isinstance(child, dict) and "value" in child else child
        for child in link.get("children") or []
    ]


def _page_ids(menus) -> set[int]:
    ids = set()
    for menu in menus:
        for link in _links(menu):
            for each in [link, *_children(link)]:
                if isinstance(each.get("page"), int):
                    ids.add(each["page"])
    return ids


def _is_current(url: str, current_path: str) -> bool:
    if not current_path or not url.startswith("/"):
        return False
    return current_path == url or (url != "/" and current_path.startswith(url))


def _raw_links(menu: StoreMenu) -> list[dict]:
    return list(menu.links.raw_data)


def _read_menus(site) -> tuple[dict[str, list[dict]], dict[int, Page]]:
    return _read_menus_with(
        site, {menu.location: _raw_links(menu) for menu in StoreMenu.objects.for_site(site)}
    )


def _read_menus_with(site, menus: dict[str, list[dict]]):
    ids = _page_ids(menus.values())
    pages = (
        {
            page.pk: page
            for page in Page.objects.live().filter(pk__in=ids, path__startswith=site.root_page.path)
        }
        if ids
        else {}
    )
    return menus, pages


def saved_menus(site) -> tuple[dict[str, list[dict]], dict[int, Page]]:
    """The store's saved menus (their raw links) by location, and the live pages of the
    store they link to, by id."""
    return store_value(site.pk, MENUS_ENTRY, lambda: _read_menus(site))


class MenuBuilder:
    """Builds a store's menus from its saved menus (or a menu being previewed)."""

    def __init__(self, *, site, request=None, preview: StoreMenu | None = None):
        self.site = site
        self.request = request
        self.current_path = getattr(request, "path", "") if request is not None else ""
        if preview is None:
            self.menus, self.pages = saved_menus(site)
        else:  # a menu being edited: its links may name pages the saved ones do not
            menus, _ = saved_menus(site)
            menus = {**menus, preview.location: _raw_links(preview)}
            self.menus, self.pages = _read_menus_with(site, menus)

    def has_menu(self, location: str) -> bool:
        return location in self.menus

    def items(self, location: str, *, with_children: bool) -> list[MenuItem]:
        items = []
        for link in _links(self.menus[location]):
            item = self._item(link)
            if item is None:
                continue
            if with_children:
                item.children = [c for c in map(self._item, _children(link)) if c is not None]
                item.is_current = item.is_current or any(c.is_current for c in item.children)
            items.append(item)
        return items

    def _item(self, link: dict) -> MenuItem | None:
        if link.get("page"):
            page = self.pages.get(link["page"])
            if page is None:
                return None
            url = page.get_url(request=self.request)
            return MenuItem(
                title=link.get("label") or page.title,
                url=url,
                is_current=_is_current(url, self.current_path),
            )
        if link.get("url"):
            title = link.get("label") or link["url"]
            return MenuItem(title=title, url=link["url"], is_external=True)
        return None

    def default_items(self, pages) -> list[MenuItem]:
        """The top-level pages, for a location with no saved menu."""
        items = []
        for page in pages:
            url = page.get_url(request=self.request)
            items.append(
                MenuItem(title=page.title, url=url, is_current=_is_current(url, self.current_path))
            )
        return items
