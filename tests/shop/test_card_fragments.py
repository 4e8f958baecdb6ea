"""Product cards are kept in the cache as rendered fragments (ADR 32), under keys of
everything a card shows: a change to any of it shows on the next page that renders, with
no page cache in the way, and an unchanged card is not rendered again."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext

from shop.models import ProductImage, ProductVariant, StockMovement, StoreSettings
from shop.services import adjust_stock
from tenancy.scope import store_scope
from tests.shop.factories import (
    CategoryPageFactory,
    ImageFactory,
    ProductImageFactory,
    ProductPageFactory,
    stocked_product,
)
from tests.themes.editor import theme_of
from themes.presets import Preset

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _pages_uncached(settings):
    settings.PAGECACHE_ENABLED = False


@pytest.fixture
def listing(store):
    """A category of two pictured products; its page has been shown once (cards cached)."""
    home = store.site.root_page.specific
    category = CategoryPageFactory(parent=home, title="Mugs", slug="mugs")
    picture = ImageFactory(collection=store.collection, title="Mug photo")
    products, pages = [], []
    for n in range(2):
        product = stocked_product(
            site=store.site, title=f"Mug {n}", vendor="Studio North", variants=[{"price": "20.00"}]
        )
        ProductImageFactory(product=product, image=picture)
        products.append(product)
        pages.append(ProductPageFactory(parent=category, product=product, slug=f"mug-{n}"))
    client = HttpClient(HTTP_HOST=store.site.hostname)
    assert "Mug 0" in _listing(client)
    return {"client": client, "products": products, "pages": pages, "store": store}


def _listing(client) -> str:
    response = client.get("/mugs/")
    assert response.status_code == 200
    return response.content.decode()


def _card(html: str, title: str) -> str:
    """The card of the product called ``title`` in ``html``."""
    for card in html.split('<article class="product-card')[1:]:
        if f">{title}<" in card:
            return card.split("</article>")[0]
    raise AssertionError(f"no card of {title}")


def _variant(product) -> ProductVariant:
    with store_scope([product.site_id]):
        return ProductVariant.objects.get(product=product)


def test_an_unchanged_card_is_served_from_the_cache(listing):
    with CaptureQueriesContext(connection) as captured:
        html = _listing(listing["client"])

    assert 'href="/mugs/mug-1/"' in _card(html, "Mug 1")
    # Rendering a card reads the renditions of its pictures; cached cards need none.
    assert not [q for q in captured.captured_queries if "wagtailimages_rendition" in q["sql"]]


def test_a_new_title_shows_on_the_card(listing):
    product = listing["products"][0]
    with store_scope([product.site_id]):
        product.title = "Tall mug"
        product.save()

    assert "Tall mug" in _listing(listing["client"])


def test_a_new_price_shows_on_the_card(listing):
    variant = _variant(listing["products"][1])
    with store_scope([variant.site_id]):
        variant.price = Decimal("15.00")
        variant.save()

    card = _card(_listing(listing["client"]), "Mug 1")
    assert "15.00" in card and "20.00" not in card


def test_a_sale_shows_on_the_card(listing):
    variant = _variant(listing["products"][1])
    with store_scope([variant.site_id]):
        variant.compare_at_price = Decimal("25.00")
        variant.save()

    card = _card(_listing(listing["client"]), "Mug 1")
    assert "25.00" in card and "badge--sale" in card


def test_a_product_sold_out_shows_sold_out_on_its_card(listing):
    variant = _variant(listing["products"][0])
    with store_scope([variant.site_id]):
        adjust_stock(
            variant=variant, quantity=-5, reason=StockMovement.Reason.ADJUSTMENT, note="Broken"
        )

    card = _card(_listing(listing["client"]), "Mug 0")
    assert "Sold out" in card
    assert "Sold out" not in _card(_listing(listing["client"]), "Mug 1")


def test_a_new_picture_shows_on_the_card(listing, store):
    product = listing["products"][0]
    other = ImageFactory(collection=store.collection, title="Other photo")
    with store_scope([product.site_id]):
        ProductImage.objects.filter(product=product).update(sort_order=5)
    ProductImageFactory(product=product, image=other, sort_order=0)

    card = _card(_listing(listing["client"]), "Mug 0")
    assert other.file.name.rsplit("/", 1)[-1].split(".")[0] in card


def test_a_moved_focal_point_shows_a_new_crop(listing):
    product = listing["products"][0]
    with store_scope([product.site_id]):
        image = ProductImage.objects.filter(product=product).first().image
    before = _card(_listing(listing["client"]), "Mug 0")
    image.set_focal_point(None)
    image.focal_point_x, image.focal_point_y = 1, 1
    image.focal_point_width = image.focal_point_height = 2
    image.save()

    after = _card(_listing(listing["client"]), "Mug 0")
    assert after != before


def test_a_new_page_address_shows_on_the_card(listing):
    page = listing["pages"][1]
    with store_scope([listing["store"].site.pk]):
        page.slug = "big-mug"
        page.save_revision().publish()

    card = _card(_listing(listing["client"]), "Mug 1")
    assert 'href="/mugs/big-mug/"' in card


def test_a_new_preset_shows_its_own_cards(listing):
    assert "product-card__go" not in _listing(listing["client"])  # the classic preset's cards
    theme = theme_of(listing["store"])
    with store_scope([listing["store"].site.pk]):
        theme.preset = Preset.MODERN
        theme.save_revision().publish()

    card = _card(_listing(listing["client"]), "Mug 0")
    assert "product-card__go" in card and "View details" not in card


def test_a_new_currency_shows_on_the_card(listing):
    settings = StoreSettings.for_site(listing["store"].site)
    assert settings.currency != "GBP"
    settings.currency = "GBP"
    settings.save()

    assert "£20.00" in _card(_listing(listing["client"]), "Mug 0")


def test_cards_of_one_store_never_show_in_another(listing, other_store):
    """Same titles, prices and pictures in two stores: each links to its own pages."""
    home = other_store.site.root_page.specific
    category = CategoryPageFactory(parent=home, title="Mugs", slug="mugs")
    product = stocked_product(site=other_store.site, title="Mug 0", variants=[{"price": "20.00"}])
    ProductPageFactory(parent=category, product=product, slug="their-mug")

    card = _card(_listing(HttpClient(HTTP_HOST=other_store.site.hostname)), "Mug 0")
    assert 'href="/mugs/their-mug/"' in card
    assert "mug-0" not in card
