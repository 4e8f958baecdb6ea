"""Which categories a product is in, for promotions scoped to categories.

A product is in a category when one of its live product pages sits anywhere below the
category's page, as the category page lists it. Read from the page tree by path, through
Wagtail's ``Page`` and the page types' reverse relations, so this package needs no page
class.
"""

from wagtail.models import Page


def categories_of(*, product_ids) -> dict[int, frozenset[int]]:
    """The ids of the category pages each product is in. A product's pages are all in its
    own store's tree, so its categories are its store's."""
    product_ids = set(product_ids)
    if not product_ids:
        return {}
    pages = list(
        Page.objects.live()
        .filter(productpage__product_id__in=product_ids)
        .values_list("path", "productpage__product_id")
    )
    step = Page.steplen
    prefixes = {path[:end] for path, _ in pages for end in range(step, len(path), step)}
    categories = dict(
        Page.objects.filter(path__in=prefixes, categorypage__isnull=False).values_list("path", "pk")
    )
    found: dict[int, set[int]] = {}
    for path, product_id in pages:
        ids = found.setdefault(product_id, set())
        ids.update(
            categories[path[:end]]
            for end in range(step, len(path), step)
            if path[:end] in categories
        )
    return {product_id: frozenset(ids) for product_id, ids in found.items()}
