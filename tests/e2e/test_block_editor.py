"""The block library in the browser.

Fjord's owner adds every block type to a content page in Wagtail's editor, choosing its
image, product and category in Wagtail's choosers, which offer Fjord's rows only, and
publishes it; the page is then seen on the storefront at phone (390 px) and desktop
(1280 px) widths. The owner also hand-picks the products of a product grid. Every demo
store shows the same blocks, and its home page hero, at both widths. Screenshots land in
test-artifacts/screenshots/blocks-*.png (blocks-editor-chooser-*.png: each chooser open).
"""

from datetime import timedelta

import pytest
from django.db.models import Q
from django.utils import timezone
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect
from wagtail.images import get_image_model
from wagtail.models import Page

from shop.blocks import STORE_PAGE_BLOCKS
from shop.models import CategoryPage, Product, StorePage
from tenancy.scope import store_scope
from tenants.models import Store
from tests.e2e.browser import (
    capture,
    chosen,
    modal_choice_ids,
    open_chooser,
    sign_in,
    store_url,
    wait_for_autosave,
    watch_autosave,
)
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
# or "#category" is chosen in that field's chooser.
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


class StoreChoosers:
    """The owner's way through Wagtail's image, product and page choosers.

    The first time each chooser opens, a screenshot is taken
    (``<prefix>-image.png``, ``-product.png``, ``-page.png``) and it is checked to offer
    this store's rows only: what it lists first and how many rows it counts, what a search
    for another demo store's row finds (nothing), then what a search for the row to choose
    finds. Later choices go straight to the row. Each choice is waited on until the
    chooser shows the row's title.
    """

    def __init__(self, page, screenshots, csp_violations, store, prefix):
        self.page = page
        self.screenshots = screenshots
        self.prefix = prefix
        self.csp_violations = csp_violations
        self.checked = set()
        home = store.site.root_page
        others = Store.objects.exclude(pk=store.pk).order_by("pk")
        images = get_image_model().objects.order_by("pk")
        in_store = Q(collection__path__startswith=store.collection.path)
        with store_scope([store.site_id]):
            own_products = set(Product.objects.values_list("pk", flat=True))
        with store_scope([other.site_id for other in others]):
            other_product = Product.objects.order_by("pk").first()
        categories = CategoryPage.objects.order_by("path")
        self.own = {
            "image": set(images.filter(in_store).values_list("pk", flat=True)),
            "product": own_products,
            "page": set(Page.objects.descendant_of(home, True).values_list("pk", flat=True)),
        }
        self.elsewhere = {
            "image": images.exclude(in_store).first().title,
            "product": other_product.title,
            "page": categories.exclude(path__startswith=home.path).first().title,
        }
        assert self.own["image"] and own_products, "the store has images and products"
        self.counted = {
            "image": f"{len(self.own['image'])} images",
            "product": f"{len(own_products)} products",
        }

    def image(self, name, image):
        self._choose("image", name, "Choose an image", image.pk, image.title)

    def product(self, name, product):
        self._choose("product", name, "Choose product", product.pk, product.title)

    def category(self, name, category):
        self._choose("page", name, "Choose a page (Category page)", category.pk, category.title)

    def _choose(self, kind, name, button, pk, title):
        modal = open_chooser(self.page, name, button)
        choice = modal.locator(
            f"[data-chooser-modal-choice][href*='/chosen/{pk}/'], .choose-page[data-id='{pk}']"
        )
        if kind not in self.checked:
            self.checked.add(kind)
            shot = self.screenshots / f"{self.prefix}-{kind}.png"
            self.page.screenshot(path=shot, animations="disabled")
            dialog = self.page.locator(".modal .modal-content").bounding_box()
            width = self.page.viewport_size["width"]
            assert dialog["x"] >= 0 and dialog["x"] + dialog["width"] <= width, dialog
            offered = modal_choice_ids(modal)
            assert offered and set(offered) <= self.own[kind], (kind, offered)
            if kind == "page":  # opened on the store's home page, not above every store
                assert pk in offered
            else:
                expect(modal.get_by_text(self.counted[kind], exact=True)).to_be_visible()
            self._search(self.elsewhere[kind])
            expect(modal.locator("[data-chooser-modal-choice], .choose-page")).to_have_count(0)
            self._search(title)
            expect(choice).to_be_visible()
            assert set(modal_choice_ids(modal)) <= self.own[kind], kind
            self.csp_violations.assert_none(f"the {kind} chooser")
        elif not choice.count():
            self._search(title)
        choice.click()
        expect(chosen(self.page, name)).to_have_text(title)
        assert self.page.locator(f"[name='{name}']").input_value() == str(pk)

    def _search(self, text):
        self.page.locator(".modal input[name='q']").fill(text)


def _fill_block(page, index, fields, rows, choosers):
    for field, value in fields.items():
        name = f"body-{index}-value" + (f"-{field}" if field else "")
        if value.startswith("<rich>"):
            editor = page.locator(f"[name='{name}']").locator("xpath=..")
            editor.locator("[contenteditable=true]").first.click()
            page.keyboard.type(value.removeprefix("<rich>"))
        elif value.startswith("#") and value != "#product-type":
            getattr(choosers, value.removeprefix("#"))(name, rows[value])
        elif page.locator(f"select[name='{name}']").count():
            page.select_option(f"select[name='{name}']", value)
        else:
            page.fill(f"[name='{name}']", rows.get(value, value))


def _add_block(page, index, label):
    page.locator("button[title='Insert a block']").last.click()
    page.get_by_role("option", name=label, exact=True).click()
    page.locator(f"[name='body-{index}-type']").wait_for(state="attached")


def _publish(page, demo, home):
    wait_for_autosave(page)
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


def test_the_owner_adds_every_block_in_the_editor_and_publishes(
    demo, page, screenshots, csp_violations
):
    store, home, product, category, images = _store_rows("fjord")
    image = images[-1]  # the newest, first in the image chooser
    rows = {
        "#image": image,
        "#product": product,
        "#category": category,
        "#product-type": product.product_type,
    }
    choosers = StoreChoosers(page, screenshots, csp_violations, store, "blocks-editor-chooser")
    sign_in(page, demo, "merchant@fjord.example", "fjord-demo")
    page.goto(f"{demo.url}/admin/pages/add/shop/storepage/{home.pk}/")
    page.fill("#id_title", "Our studio")

    for index, (label, fields) in enumerate(EDITOR_STEPS):
        if index == 0:  # the block picker, with its groups and descriptions
            page.locator("button[title='Insert a block']").last.click()
            page.get_by_role("option", name=label, exact=True).hover()
            page.wait_for_timeout(800)
            page.screenshot(path=screenshots / "blocks-editor-picker.png")
            page.keyboard.press("Escape")
        if index == len(EDITOR_STEPS) - 1:
            watch_autosave(page)
        _add_block(page, index, label)
        _fill_block(page, index, fields, rows, choosers)
    assert choosers.checked == {"image", "product", "page"}
    capture(page, screenshots / "blocks-editor-filled.png")
    csp_violations.assert_none("the page editor")

    _publish(page, demo, home)
    with store_scope([store.site_id]):
        published = StorePage.objects.get(slug="our-studio")
        body = {child.block_type: child.value for child in published.body}
        types = [child.block_type for child in published.body]
        assert published.live
        assert types == [name for name, _block in STORE_PAGE_BLOCKS]
        assert body["hero"]["image"] == image
        assert body["image_text"]["image"] == image
        assert body["gallery"]["images"][0]["image"] == image
        assert body["featured_product"]["product"] == product
        assert body["category_tiles"]["tiles"][0]["category"].pk == category.pk

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


def _add_list_item(page, field_list, name):
    """Press the list's "Add" until its new item ``name`` is on the page: a block just
    inserted wires its list's buttons a moment after they show, and a press before that
    does nothing (as a person would, press again)."""
    item = page.locator(f"#{name}-chooser")
    for _attempt in range(3):
        field_list.locator("[data-streamfield-list-add]").last.click()
        try:
            item.wait_for(state="attached", timeout=5_000)
            return
        except PlaywrightTimeoutError:
            continue
    raise AssertionError(f"the list never added {name}")


def test_the_owner_hand_picks_the_products_of_a_grid(demo, page, screenshots, csp_violations):
    store, home, _product, _category, _images = _store_rows("fjord")
    with store_scope([store.site_id]):
        first, second = Product.objects.for_site(store.site).active().order_by("-pk")[:2]
    choosers = StoreChoosers(page, screenshots, csp_violations, store, "blocks-editor-chooser-grid")
    sign_in(page, demo, "merchant@fjord.example", "fjord-demo")
    page.goto(f"{demo.url}/admin/pages/add/shop/storepage/{home.pk}/")
    page.fill("#id_title", "Staff picks")

    _add_block(page, 0, "Product grid")
    page.fill("[name='body-0-value-heading']", "Our favourites")
    page.select_option("[name='body-0-value-source']", "picked")
    products = page.locator("[data-contentpath='products']")
    for position, product in enumerate((first, second)):
        if position == 1:
            watch_autosave(page)
        _add_list_item(page, products, f"body-0-value-products-{position}-value")
        choosers.product(f"body-0-value-products-{position}-value", product)
    csp_violations.assert_none("the product grid's choosers")

    _publish(page, demo, home)
    with store_scope([store.site_id]):
        grid = StorePage.objects.get(slug="staff-picks").body[0].value
    assert [product.pk for product in grid["products"]] == [first.pk, second.pk]

    page.goto(store_url(demo, "fjord", "/staff-picks/"))
    cards = page.locator(".stream__block--product_grid").get_by_role("link", name=first.title)
    expect(cards.first).to_be_visible()
    grid_text = page.locator(".stream__block--product_grid").inner_text()
    assert grid_text.index(first.title) < grid_text.index(second.title)
    capture(page, screenshots / "blocks-fjord-picked-grid.png")
    csp_violations.assert_none("the hand-picked grid")
