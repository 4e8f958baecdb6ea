"""The block library in the browser.

Fjord's owner adds every block type to a content page in Wagtail's editor and publishes
it; the page is then seen on the storefront at phone (390 px) and desktop (1280 px)
widths. Every demo store shows the same blocks, and its home page hero, at both widths.
Screenshots land in test-artifacts/screenshots/blocks-*.png.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.images import get_image_model

from shop.blocks import STORE_PAGE_BLOCKS
from shop.models import CategoryPage, Product, StorePage
from tenancy.scope import store_scope
from tenants.models import Store
from tests.e2e.browser import capture, sign_in, store_url
from tests.themes.block_forms import every_block

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

DEMO_STORES = ["fjord", "aurora", "heritage", "maison"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _store_rows(slug):
    store = Store.objects.get(slug=slug)
    home = store.site.root_page.specific
    with store_scope([store.site_id]):
        product = Product.objects.for_site(store.site).active().order_by("pk").first()
    category = CategoryPage.objects.live().descendant_of(home).order_by("path").first()
    images = list(get_image_model().objects.filter(collection=store.collection).order_by("pk"))
    return store, home, product, category, images


def _blocks_page(slug):
    store, home, product, category, images = _store_rows(slug)
    body = every_block(
        images=images,
        product=product,
        category=category,
        ends_at=timezone.now() + timedelta(days=3, hours=4),
    )
    with store_scope([store.site_id]):
        page = home.add_child(instance=StorePage(title="Block library", slug="blocks", body=body))
        page.save_revision().publish()
    return page


def _hero_in_view(page, slug):
    """The hero's picture, heading and first button are all inside the first screen."""
    viewport = page.viewport_size
    for selector in (".hero__image", ".hero__heading", ".hero__actions .button"):
        box = page.locator(selector).first.bounding_box()
        assert box is not None, f"{slug}: {selector} is not shown"
        assert box["height"] > 0 and box["width"] > 0, f"{slug}: {selector} is empty"
        assert box["y"] + min(box["height"], 80) <= viewport["height"], f"{slug}: {selector} is below the first screen"
    image = page.locator(".hero__image").first.bounding_box()
    assert image["height"] >= min(viewport["width"] * 0.6, 360), f"{slug}: the hero picture is a sliver"


def test_every_block_and_the_hero_in_every_preset_at_both_widths(
    demo, page, screenshots, csp_violations
):
    for slug in DEMO_STORES:
        _blocks_page(slug)
        for name, size in (("phone", PHONE), ("desktop", DESKTOP)):
            page.set_viewport_size(size)
            page.goto(store_url(demo, slug))
            _hero_in_view(page, f"{slug} at {name} width")
            capture(page, screenshots / f"blocks-{slug}-home-{name}.png")
            page.goto(store_url(demo, slug, "/blocks/"))
            for block_type, _block in STORE_PAGE_BLOCKS:
                assert page.locator(f".stream__block--{block_type}").count() == 1, block_type
            capture(page, screenshots / f"blocks-{slug}-library-{name}.png")
            csp_violations.assert_none(f"{slug}: blocks at {name} width")
