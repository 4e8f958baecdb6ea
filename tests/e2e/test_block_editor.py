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
        below = box["y"] + min(box["height"], 80) > viewport["height"]
        assert not below, f"{slug}: {selector} is below the first screen"
    image = page.locator(".hero__image").first.bounding_box()
    sliver = image["height"] < min(viewport["width"] * 0.6, 360)
    assert not sliver, f"{slug}: the hero picture is a sliver"


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


# What the owner types into each block: (label in the block picker, {field: value}); a
# value "<rich>" is typed into the field's rich text editor, a value "#image", "#product"
# or "#category" chooses that row of the store.
EDITOR_STEPS = [
    (
        "Hero",
        {
            "heading": "Winter in the studio",
            "button-label": "Shop now",
            "button-url": "https://fjord.example/",
            "image": "#image",
        },
    ),
    ("Rich text", {"": "<rich>Made slowly, by the fjord."}),
    ("Image with text", {"image": "#image", "heading": "Made to last", "text": "<rich>By hand."}),
    ("Gallery", {"images-0-value-image": "#image", "images-0-value-caption": "The kiln"}),
    (
        "Columns",
        {
            "columns-0-value-text": "<rich>Free returns.",
            "columns-1-value-text": "<rich>Fast delivery.",
        },
    ),
    (
        "Call to action",
        {
            "heading": "Free delivery",
            "button-label": "Shop",
            "button-url": "https://fjord.example/",
        },
    ),
    ("Testimonials", {"items-0-value-quote": "Lovely mugs.", "items-0-value-name": "Ingrid"}),
    (
        "Questions and answers",
        {"items-0-value-question": "Returns?", "items-0-value-answer": "<rich>Within 30 days."},
    ),
    ("Video", {"url": "https://youtu.be/aqz-KE-bpKQ", "title": "In the studio"}),
    ("Spacer or divider", {}),
    ("Product grid", {"source": "type", "product_type": "#product-type"}),
    ("Featured product", {"product": "#product"}),
    ("Category tiles", {"tiles-0-value-category": "#category"}),
    ("Promo banner", {"text": "Winter sale: 20% off"}),
    ("Newsletter sign-up", {}),
]


def _choose(page, name, value):
    """Set a chooser's value as its modal does once a row is picked."""
    page.evaluate(
        "([name, value]) => { const input = document.querySelector(`[name='${name}']`);"
        " input.value = value; input.dispatchEvent(new Event('change', {bubbles: true})); }",
        [name, str(value)],
    )


def _fill_block(page, index, fields, rows):
    for field, value in fields.items():
        name = f"body-{index}-value" + (f"-{field}" if field else "")
        if value.startswith("<rich>"):
            editor = page.locator(f"[name='{name}']").locator("xpath=..")
            editor.locator("[contenteditable=true]").first.click()
            page.keyboard.type(value.removeprefix("<rich>"))
        elif value.startswith("#"):
            _choose(page, name, rows[value])
        elif page.locator(f"select[name='{name}']").count():
            page.select_option(f"select[name='{name}']", value)
        else:
            page.fill(f"[name='{name}']", rows.get(value, value))


def test_the_owner_adds_every_block_in_the_editor_and_publishes(
    demo, page, screenshots, csp_violations
):
    store, home, product, category, images = _store_rows("fjord")
    rows = {
        "#image": images[0].pk,
        "#product": product.pk,
        "#category": category.pk,
        "#product-type": product.product_type,
    }
    sign_in(page, demo, "merchant@fjord.example", "fjord-demo")
    page.goto(f"{demo.url}/admin/pages/add/shop/storepage/{home.pk}/")
    page.fill("#id_title", "Our studio")

    for index, (label, fields) in enumerate(EDITOR_STEPS):
        page.locator("button[title='Insert a block']").last.click()
        option = page.get_by_role("option", name=label, exact=True)
        if index == 0:  # the block picker, with its groups and descriptions
            option.hover()
            page.wait_for_timeout(800)
            page.screenshot(path=screenshots / "blocks-editor-picker.png")
        option.click()
        page.locator(f"[name='body-{index}-type']").wait_for(state="attached")
        _fill_block(page, index, fields, rows)
    capture(page, screenshots / "blocks-editor-filled.png")
    csp_violations.assert_none("the page editor")

    page.locator("footer .w-dropdown__toggle, [data-w-dropdown-target=toggle]").last.click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_load_state()
    errors = page.locator(".error-message, .help-critical, [data-streamfield-block-errors]")
    places = page.evaluate(
        "() => [...document.querySelectorAll('.error-message')].map((e) =>"
        " [...document.querySelectorAll('[data-contentpath]')].filter((p) => p.contains(e))"
        ".map((p) => p.dataset.contentpath).join('/') + ': ' + e.innerText)"
    )
    assert not errors.count(), places
    page.wait_for_url(f"{demo.url}/admin/pages/{home.pk}/")
    with store_scope([store.site_id]):
        published = StorePage.objects.get(slug="our-studio")
        types = [child.block_type for child in published.body]
    assert published.live
    assert types == [name for name, _block in STORE_PAGE_BLOCKS]

    for name, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        page.goto(store_url(demo, "fjord", "/our-studio/"))
        for block_type, _block in STORE_PAGE_BLOCKS:
            assert page.locator(f".stream__block--{block_type}").count() == 1, block_type
        assert page.locator("iframe").count() == 0
        capture(page, screenshots / f"blocks-fjord-edited-{name}.png")
        csp_violations.assert_none(f"the published page at {name} width")

    page.get_by_role("link", name="Play video").click()
    player = page.locator(".video-block iframe")
    assert player.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/")
    assert player.get_attribute("title") == "In the studio"
    csp_violations.assert_none("the video player")
