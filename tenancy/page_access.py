"""Wagtail's view restrictions on storefront pages, checked without a query per request.

Wagtail checks every page it serves for view restrictions (a password, signed-in
shoppers only) on the page and on each of its ancestors, resolving aliases first: two
queries a request. Stores rarely restrict a page, so whether a store has any restriction
or alias in its tree, or above it, is kept in the store's cache (``tenancy.store_cache``);
only the pages of a store that has one are checked the way Wagtail does.
"""

from wagtail.models import Page, PageViewRestriction

from .store_cache import store_value

# A store's home page sits right under the tree root (ADR 2).
STORE_HOME_DEPTH = 2


def _store_home_path(page) -> str:
    return page.path[: STORE_HOME_DEPTH * Page.steplen]


def may_be_restricted(page, *, site_id: int) -> bool:
    """Whether a view restriction may apply to ``page`` of the store ``site_id``: one on
    a page of the store's tree or above it, or an alias in the tree (which takes its
    source page's restrictions)."""
    home_path = _store_home_path(page)

    def build() -> bool:
        above = [home_path[:length] for length in range(Page.steplen, len(home_path), Page.steplen)]
        return (
            PageViewRestriction.objects.filter(page__path__startswith=home_path).exists()
            or PageViewRestriction.objects.filter(page__path__in=above).exists()
            or Page.objects.filter(path__startswith=home_path, alias_of__isnull=False).exists()
        )

    return store_value(site_id, f"may-be-restricted:{home_path}", build)
