"""One store's choosable rows, and how an admin answer that refuses another store's looks.

Shared by the tests that post the real admin edit views of each app's forms with ids of
another store's rows (``tests/shop/test_content_choices.py``,
``tests/themes/test_settings_choices.py``).
"""

import html
from dataclasses import dataclass

from wagtail_factories import DocumentFactory

from shop.models import Product
from tests.shop.factories import CategoryPageFactory, ImageFactory, ProductFactory


@dataclass
class Rows:
    """One store's choosable rows: a page, an image, a document and a product."""

    page: object
    image: object
    document: object
    product: Product

    @property
    def titles(self):
        return [self.page.title, self.image.title, self.document.title, self.product.title]


def store_rows(store, *, prefix, collection) -> Rows:
    return Rows(
        page=CategoryPageFactory(parent=store.site.root_page, title=f"{prefix} Lamps Shelf"),
        image=ImageFactory(collection=collection, title=f"{prefix} Lamp Photo"),
        document=DocumentFactory(collection=collection, title=f"{prefix} Price List"),
        product=ProductFactory(site=store.site, title=f"{prefix} Secret Lamp"),
    )


def my_rows(store) -> Rows:
    """The store's rows; its image and document sit in a sub-collection of its collection."""
    shelf = store.collection.add_child(name="Alpha photos")
    return store_rows(store, prefix="Alpha", collection=shelf)


def their_rows(other_store) -> Rows:
    return store_rows(other_store, prefix="Beta", collection=other_store.collection)


def answer(response) -> str:
    """The page's text with Wagtail's block errors (JSON in HTML attributes) readable."""
    text = html.unescape(response.content.decode())
    return text.replace("\\u203a", "›").replace("\\u2019", "’")


def assert_refused(response, message, other: Rows):
    assert response.status_code == 200  # the edit form again, with its errors
    text = answer(response)
    assert message.lower() in text.lower(), message
    leaked = [title for title in other.titles if title in text]
    assert not leaked, leaked
