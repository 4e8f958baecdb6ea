"""The block library: every block renders in every preset, refuses bad and oversized
input with a message, never shows another store's rows, and the newsletter sign-up keeps
one address per store with the consent the shopper gave."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.icons import get_icons
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from shop.blocks import COMMERCE_BLOCKS, STORE_PAGE_BLOCKS
from shop.models import NewsletterSubscriber, StorePage
from shop.newsletter import ATTEMPTS_PER_WINDOW
from tenancy.scope import store_scope
from tests.shop.factories import (
    CategoryPageFactory,
    ImageFactory,
    ProductPageFactory,
    stocked_product,
)
from tests.tenants.factories import StoreFactory
from tests.themes.block_forms import every_block
from themes.blocks import THEME_BLOCKS
from themes.presets import Preset
from themes.video import PLAYER_ORIGINS

pytestmark = pytest.mark.django_db

BLOCKS = dict(STORE_PAGE_BLOCKS)


def _filled(store, *, prefix="Alpha"):
    """A category with a product page, a product and three images of ``store``."""
    home = store.site.root_page.specific
    category = CategoryPageFactory(parent=home, title=f"{prefix} Lamps")
    product = stocked_product(site=store.site, title=f"{prefix} Desk Lamp")
    ProductPageFactory(parent=category, product=product)
    images = [ImageFactory(collection=store.collection) for _ in range(3)]
    return category, product, images


def _page(store, body, *, slug="blocks"):
    home = store.site.root_page.specific
    with store_scope([store.site.pk]):
        page = home.add_child(instance=StorePage(title="Blocks", slug=slug, body=body))
        page.save_revision().publish()
    return page


def _every_block_page(store, **ends):
    category, product, images = _filled(store)
    ends_at = ends.get("ends_at", timezone.now() + timedelta(days=2))
    body = every_block(images=images, product=product, category=category, ends_at=ends_at)
    return _page(store, body), product


def _html(client, path="/blocks/"):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


# --- Every block, every preset ----------------------------------------------------------


@pytest.mark.parametrize("preset", Preset.values)
def test_every_block_renders_in_every_preset(client, preset):
    store = StoreFactory(slug=f"s-{preset}", name="Shop", preset=preset)
    _every_block_page(store)
    client.defaults["HTTP_HOST"] = store.site.hostname

    html = _html(client)

    for name in BLOCKS:
        assert f"stream__block--{name}" in html, name
    assert "Alpha Desk Lamp" in html  # product grid and featured product
    assert "Alpha Lamps" in html  # category tiles
    assert "How our mugs are made" in html
    assert f"themes/css/{preset}.css" in html and "themes/css/blocks.css" in html


def test_the_store_homes_first_hero_is_the_pages_heading(shopper_client, store):
    home = store.site.root_page.specific
    home.body = [("hero", {"heading": "Welcome in", "gradient": "soft"})]
    home.save_revision().publish()

    html = _html(shopper_client, "/")

    assert '<h1 class="hero__heading">Welcome in</h1>' in html
    assert "hero--gradient-soft" in html


def test_every_block_is_grouped_described_and_previewed_in_the_picker(merchant_client):
    icons = set(re.findall(r'id="icon-([^"]+)"', get_icons()))  # Wagtail's sprite
    for name, block in STORE_PAGE_BLOCKS:
        assert block.meta.group in {"Text", "Media", "Commerce", "Layout"}, name
        assert block.meta.icon in icons, f"{name}: the picker has no icon {block.meta.icon!r}"
        assert block.get_description(), name
        assert block.is_previewable, name
        response = merchant_client.get(
            reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
        )
        assert response.status_code == 200, name
        assert "themes/css/blocks.css" in response.content.decode(), name


def test_block_previews_need_no_store_row(operator_client):
    for _name, block in COMMERCE_BLOCKS:
        response = operator_client.get(
            reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
        )
        assert response.status_code == 200


# --- Bad and oversized input -------------------------------------------------------------


def _errors(block, value):
    with pytest.raises(ValidationError) as caught:
        block.clean(block.to_python(value))
    error = caught.value
    if isinstance(error, StructBlockValidationError | StreamBlockValidationError):
        return str(error.as_json_data())
    return " ".join(error.messages)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://example.com/watch?v=aqz-KE-bpKQ", "Enter the address of a YouTube or Vimeo"),
        ("https://youtu.be/short", "Enter the address of a YouTube or Vimeo"),
        ("https://vimeo.com/channels/staffpicks", "Enter the address of a YouTube or Vimeo"),
        ("javascript:alert(1)", "Enter a valid URL."),
    ],
)
def test_a_video_that_is_not_on_youtube_or_vimeo_is_refused_with_a_message(url, message):
    value = {"url": url, "title": "A film", "poster": None, "caption": ""}

    assert message in _errors(BLOCKS["video"], value)


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        ("https://www.youtube.com/watch?v=aqz-KE-bpKQ", "youtube-nocookie.com/embed/aqz-KE-bpKQ"),
        ("https://youtu.be/aqz-KE-bpKQ", "youtube-nocookie.com/embed/aqz-KE-bpKQ"),
        ("https://vimeo.com/76979871", "player.vimeo.com/video/76979871"),
    ],
)
def test_a_video_loads_nothing_from_the_video_host_until_played(shopper_client, store, url, embed):
    _page(store, [("video", {"url": url, "title": "A film"})])

    html = _html(shopper_client)

    assert "<iframe" not in html
    assert (
        f'data-embed-url="https://www.{embed}' in html or f'data-embed-url="https://{embed}' in html
    )
    assert 'src="https://' not in html  # no image, script or frame from another host
    assert "themes/js/blocks.js" in html


def test_the_storefront_may_frame_the_video_players_and_nothing_else(shopper_client):
    policy = shopper_client.get("/")["Content-Security-Policy"]
    frame_src = next(d for d in policy.split(";") if d.strip().startswith("frame-src"))

    assert sorted(frame_src.split()[1:]) == sorted(PLAYER_ORIGINS)


def test_oversized_input_is_refused_with_messages(store):
    _category, product, images = _filled(store)
    picture = {"image": images[0].pk, "alt": "", "caption": ""}

    gallery = _errors(BLOCKS["gallery"], {"images": [picture] * 13, "layout": "grid"})
    with store_scope([store.site.pk]):  # as in the admin, which chooses in its store
        grid = _errors(
            BLOCKS["product_grid"],
            {"source": "picked", "products": [product.pk] * 25, "limit": 25},
        )
    hero = _errors(BLOCKS["hero"], {"heading": "x" * 121, "gradient": "brand"})
    columns = _errors(BLOCKS["columns"], {"columns": [{"text": "<p>One</p>"}]})
    rich_text = _errors(BLOCKS["rich_text"], "<p>" + "x" * 20_001 + "</p>")

    assert "The maximum number of items is 12" in gallery
    assert "The maximum number of items is 24" in grid
    assert "less than or equal to 24" in grid
    assert "at most 120 characters" in hero
    assert "The minimum number of items is 2" in columns
    assert "at most 20000 characters" in rich_text


def test_a_product_grid_names_what_its_source_is_missing(store):
    grid = BLOCKS["product_grid"]
    empty = {"products": [], "limit": 8}

    with store_scope([store.site.pk]):
        missing_tag = _errors(grid, {**empty, "source": "tag", "tag": ""})
        missing_type = _errors(grid, {**empty, "source": "type", "product_type": ""})
        missing_category = _errors(grid, {**empty, "source": "category"})
        missing_products = _errors(grid, {**empty, "source": "picked"})

    assert "Choose a tag." in missing_tag
    assert "Enter a product type." in missing_type
    assert "Choose a category." in missing_category
    assert "Pick at least one product." in missing_products


# --- Another store's rows ----------------------------------------------------------------


def _post_block(client, page, name, value):
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "body": streamfield([(name, value)]),
            "comments": inline_formset([]),
        }
    )
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), {**data, "action-publish": "1"}
    )


def test_blocks_refuse_another_stores_product_and_category_even_with_forged_ids(
    merchant_client, store, other_store
):
    page = _page(store, [])
    _mine_category, _mine, _images = _filled(store)
    theirs_category, theirs, _their_images = _filled(other_store, prefix="Beta")
    featured = {
        "product": theirs.pk,
        "heading": "",
        "text": "",
        "action": "cart",
        "image_position": "left",
    }
    tiles = {
        "heading": "",
        "tiles": {
            "count": 1,
            "0": {
                "deleted": "",
                "order": 0,
                "value": {"category": theirs_category.pk, "title": ""},
                "id": "",
            },
        },
    }

    refused_product = _post_block(merchant_client, page, "featured_product", featured)
    refused_category = _post_block(merchant_client, page, "category_tiles", tiles)

    assert f"Product {theirs.pk} is not one of this store" in refused_product.content.decode()
    assert "is not one of this store" in refused_category.content.decode()
    assert "Beta" not in refused_product.content.decode() + refused_category.content.decode()
    page.refresh_from_db()
    assert page.revisions.count() == 1


def test_rows_of_another_store_in_a_saved_body_are_never_shown(shopper_client, store, other_store):
    theirs_category, theirs, _images = _filled(other_store, prefix="Beta")
    with store_scope([store.site.pk, other_store.site.pk]):
        _page(
            store,
            [
                ("product_grid", {"source": "picked", "products": [theirs], "limit": 8}),
                ("product_grid", {"source": "type", "product_type": "Beta", "limit": 8}),
                ("product_grid", {"source": "category", "category": theirs_category}),
                ("featured_product", {"product": theirs, "action": "cart"}),
                ("category_tiles", {"tiles": [{"category": theirs_category}]}),
            ],
        )

    html = _html(shopper_client)

    assert "Beta" not in html


def test_a_grid_of_a_type_shows_that_stores_products_of_the_type(
    shopper_client, store, other_store
):
    mine = stocked_product(site=store.site, title="Oak Mug", product_type="Mug")
    ProductPageFactory(parent=CategoryPageFactory(parent=store.site.root_page), product=mine)
    stocked_product(site=store.site, title="Oak Bowl", product_type="Bowl")
    theirs = stocked_product(site=other_store.site, title="Beta Mug", product_type="mug")
    ProductPageFactory(
        parent=CategoryPageFactory(parent=other_store.site.root_page), product=theirs
    )
    _page(store, [("product_grid", {"source": "type", "product_type": "MUG", "limit": 8})])

    html = _html(shopper_client)

    assert "Oak Mug" in html
    assert "Oak Bowl" not in html and "Beta Mug" not in html


# --- Promo banner ------------------------------------------------------------------------


def test_a_promo_banner_shows_its_end_then_disappears(shopper_client, store):
    ends_at = timezone.now() + timedelta(days=1)
    page = _page(store, [("promo_banner", {"text": "Half price", "ends_at": ends_at})])

    running = _html(shopper_client)
    page.body = [("promo_banner", {"text": "Half price", "ends_at": ends_at - timedelta(days=2)})]
    page.save_revision().publish()
    over = _html(shopper_client)

    assert "Half price" in running and "Ends " in running and "data-countdown-until" in running
    assert "Half price" not in over


# --- Newsletter --------------------------------------------------------------------------


@pytest.fixture
def signup(store):
    page = _page(
        store,
        [("newsletter", {"heading": "News", "consent_text": "Yes, email me news."})],
    )
    return page, page.body[0].id


def _subscribe(client, store, page, block_id, email="Ann@Example.com", **extra):
    data = {"email": email, "consent": "yes", "website": "", "page": page.pk, "block": block_id}
    headers = {"HTTP_ORIGIN": f"http://{store.site.hostname}", "HTTP_ACCEPT": "application/json"}
    return client.post(reverse("shop:newsletter-subscribe"), {**data, **extra}, **{**headers})


def _subscribers(store):
    with store_scope([store.site.pk]):
        return list(NewsletterSubscriber.objects.for_site(store.site))


def test_signing_up_twice_keeps_one_address_and_says_so(shopper_client, store, signup):
    page, block_id = signup

    first = _subscribe(shopper_client, store, page, block_id)
    again = _subscribe(shopper_client, store, page, block_id, email="ann@example.COM")

    assert first.status_code == 200 and first.json()["message"].startswith("Thank you")
    assert again.status_code == 200 and "already subscribed" in again.json()["message"]
    (subscriber,) = _subscribers(store)
    assert subscriber.email == "Ann@Example.com"
    assert subscriber.source_page.pk == page.pk


def test_consent_is_required_and_recorded_as_the_page_showed_it(shopper_client, store, signup):
    page, block_id = signup

    refused = _subscribe(shopper_client, store, page, block_id, consent="")
    accepted = _subscribe(
        shopper_client, store, page, block_id, consent_text="I consent to everything."
    )

    assert refused.status_code == 400
    assert "Tick the box to agree" in refused.json()["message"]
    assert accepted.status_code == 200
    (subscriber,) = _subscribers(store)
    assert subscriber.consent_text == "Yes, email me news."
    assert subscriber.consented_at is not None


def test_a_bad_address_gets_a_message_and_a_page_without_javascript(shopper_client, store, signup):
    page, block_id = signup

    response = shopper_client.post(
        reverse("shop:newsletter-subscribe"),
        {"email": "not-an-address", "consent": "yes", "page": page.pk, "block": block_id},
        HTTP_ORIGIN=f"http://{store.site.hostname}",
    )

    assert response.status_code == 400
    assert "Enter a valid email address" in response.content.decode()
    assert "Back to Blocks" in response.content.decode()
    assert _subscribers(store) == []


def test_a_filled_honeypot_looks_like_success_and_keeps_nothing(shopper_client, store, signup):
    page, block_id = signup

    response = _subscribe(shopper_client, store, page, block_id, website="http://spam.example")

    assert response.status_code == 200
    assert _subscribers(store) == []


def test_too_many_attempts_from_one_address_are_refused(shopper_client, store, signup):
    page, block_id = signup
    answers = [
        _subscribe(shopper_client, store, page, block_id, email=f"n{n}@example.com").status_code
        for n in range(ATTEMPTS_PER_WINDOW + 1)
    ]

    assert answers[:-1] == [200] * ATTEMPTS_PER_WINDOW
    assert answers[-1] == 429
    assert len(_subscribers(store)) == ATTEMPTS_PER_WINDOW


@pytest.mark.parametrize(
    "headers",
    [{}, {"HTTP_ORIGIN": "https://evil.example"}, {"HTTP_REFERER": "https://evil.example/x"}],
    ids=["no-origin", "foreign-origin", "foreign-referer"],
)
def test_a_sign_up_sent_from_another_site_is_refused(shopper_client, store, signup, headers):
    page, block_id = signup
    data = {"email": "ann@example.com", "consent": "yes", "page": page.pk, "block": block_id}

    response = shopper_client.post(reverse("shop:newsletter-subscribe"), data, **headers)

    assert response.status_code == 403
    assert _subscribers(store) == []


def test_a_sign_up_from_this_stores_page_needs_no_csrf_token(store, signup):
    page, block_id = signup
    client = Client(HTTP_HOST=store.site.hostname, enforce_csrf_checks=True)

    response = client.post(
        reverse("shop:newsletter-subscribe"),
        {"email": "ann@example.com", "consent": "yes", "page": page.pk, "block": block_id},
        HTTP_REFERER=f"http://{store.site.hostname}/blocks/",
    )

    assert response.status_code == 200
    assert len(_subscribers(store)) == 1


def test_the_sign_up_form_is_the_same_for_every_shopper(store, signup):
    first = Client(HTTP_HOST=store.site.hostname).get("/blocks/").content.decode()
    second = Client(HTTP_HOST=store.site.hostname).get("/blocks/").content.decode()

    form = first.split('class="newsletter__form"')[1].split("</form>")[0]
    assert "csrfmiddlewaretoken" not in form
    assert form == second.split('class="newsletter__form"')[1].split("</form>")[0]


def test_subscribers_stay_with_their_store(store, other_store, signup):
    page, block_id = signup
    other_page = _page(other_store, [("newsletter", {"heading": "News"})])
    mine, theirs = (
        Client(HTTP_HOST=store.site.hostname),
        Client(HTTP_HOST=other_store.site.hostname),
    )

    _subscribe(mine, store, page, block_id, email="ann@example.com")
    _subscribe(theirs, other_store, other_page, other_page.body[0].id, email="ann@example.com")
    forged = _subscribe(theirs, other_store, page, block_id, email="bob@example.com")

    assert forged.status_code == 400  # a page of another store names no form here
    assert [s.email for s in _subscribers(store)] == ["ann@example.com"]
    assert [s.email for s in _subscribers(other_store)] == ["ann@example.com"]


def test_the_owner_lists_and_exports_only_their_stores_subscribers(
    merchant_client, store, other_store, signup
):
    page, block_id = signup
    _subscribe(Client(HTTP_HOST=store.site.hostname), store, page, block_id, email="a@mine.example")
    other_page = _page(other_store, [("newsletter", {"heading": "News"})])
    _subscribe(
        Client(HTTP_HOST=other_store.site.hostname),
        other_store,
        other_page,
        other_page.body[0].id,
        email="b@theirs.example",
    )
    with store_scope([other_store.site.pk]):
        theirs = NewsletterSubscriber.objects.get()
    listing = reverse("wagtailsnippets_shop_newslettersubscriber:list")

    index = merchant_client.get(listing)
    export = merchant_client.get(listing, {"export": "csv"})
    inspect = merchant_client.get(
        reverse("wagtailsnippets_shop_newslettersubscriber:inspect", args=[theirs.pk])
    )
    add = merchant_client.get(reverse("wagtailsnippets_shop_newslettersubscriber:add"))

    assert index.status_code == 200
    assert "a@mine.example" in index.content.decode()
    assert "b@theirs.example" not in index.content.decode()
    csv = b"".join(export.streaming_content).decode()
    assert "a@mine.example" in csv and "Yes, email me news." in csv
    assert "b@theirs.example" not in csv
    assert inspect.status_code == 404
    assert add.status_code in (302, 403)


def test_every_block_of_the_library_is_offered_on_store_pages():
    offered = {name for name, _block in StorePage.body.field.stream_block.child_blocks.items()}

    assert {name for name, _ in THEME_BLOCKS + COMMERCE_BLOCKS} <= offered
