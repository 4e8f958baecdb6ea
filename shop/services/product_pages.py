"""A product's storefront page follows the product (docs/adr/0038-one-screen-product-editor.md).

A product saved in the editor with a category gets its ``ProductPage`` under that category;
the page is live while the product is active and unpublished while it is a draft or
archived; choosing another category moves the page; the page's title and address (its
slug) follow the product's title and handle. Publishing, unpublishing and moving go
through Wagtail's own actions, whose signals keep the page cache exact (ADR 30).

A product may also have product pages made by hand in the page tree: the first of its
pages (by id) is the one that follows it; the others are left as they are. A product
saved without a category keeps its page where it is, and gets none if it has none.
"""

from django.db import transaction
from wagtail.actions.move_page import MovePageAction

from ..data import Product
from ..pages import CategoryPage, ProductPage


def product_page(product: Product) -> ProductPage | None:
    """The page that follows ``product``: the first of its pages, if it has one."""
    if product.pk is None:
        return None
    return ProductPage.objects.filter(product=product).order_by("pk").first()


def page_category(page: ProductPage | None) -> CategoryPage | None:
    """The category a product page sits in."""
    if page is None:
        return None
    parent = page.get_parent()
    return parent.specific if parent and parent.specific_class is CategoryPage else None


def store_categories(site) -> list[CategoryPage]:
    """The store's category pages, in tree order (``depth`` tells how deep each sits)."""
    if site is None:
        return []
    return list(CategoryPage.objects.descendant_of(site.root_page).order_by("path"))


def address_taken(*, category: CategoryPage, slug: str, page: ProductPage | None) -> bool:
    """Whether another page under ``category`` already has the address ``slug``."""
    siblings = category.get_children().filter(slug=slug)
    if page is not None:
        siblings = siblings.exclude(pk=page.pk)
    return siblings.exists()


@transaction.atomic
def sync_product_page(
    *, product: Product, category: CategoryPage | None, user=None
) -> ProductPage | None:
    """Make ``product``'s page agree with it: where it sits, its title and address, and
    whether it is live. Returns the page (None for a product with no page and no category).
    """
    page = product_page(product)
    if page is None:
        if category is None:
            return None
        page = ProductPage(title=product.title, slug=product.handle, product=product, live=False)
        category.add_child(instance=page)
        page.save_revision(user=user, log_action=True)
    else:
        if category is not None and page_category(page) != category:
            MovePageAction(page, category, pos="last-child", user=user).execute(
                skip_permission_checks=True
            )
            page.refresh_from_db()
        _follow_title_and_handle(page, product=product, user=user)
    follow_status(page, product=product, user=user)
    return page


def _follow_title_and_handle(page: ProductPage, *, product: Product, user) -> None:
    if (page.title, page.slug) == (product.title, product.handle):
        return
    page.title = page.draft_title = product.title
    page.slug = product.handle
    # The page row itself changes, live or not: its address is the product's handle now.
    page.save()
    page.save_revision(user=user, log_action=True, changed=True)


def follow_status(page: ProductPage, *, product: Product, user=None) -> None:
    """Publish the page of an active product; unpublish that of a draft or archived one."""
    if product.status == Product.Status.ACTIVE:
        if not page.live or page.has_unpublished_changes:
            revision = page.latest_revision or page.save_revision(user=user)
            revision.publish(user=user)
    elif page.live:
        page.unpublish(user=user)


def follow_status_of_products(*, products, user=None) -> None:
    """Publish or unpublish the pages of ``products`` after their status changed."""
    for product in products:
        page = product_page(product)
        if page is not None:
            follow_status(page, product=product, user=user)
