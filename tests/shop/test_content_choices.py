"""Rows chosen into a store's content must be that store's, whatever the request sends.

Each test posts the real admin edit view, as the store's owner, with ids of another store's
page, image, document or product (ids the choosers would never offer), and expects an
error that names the id, a page or row left as it was, and none of the other store's
titles in the answer. The same posts with the store's own rows save.
"""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from shop.blocks import StoreRowChooserBlock
from tenancy.scope import store_scope
from tests.shop.factories import ProductFactory, stocked_product
from tests.tenancy.chosen_rows import answer, assert_refused, my_rows, their_rows
from tests.tenants.factories import owner_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def mine(store):
    return my_rows(store)


@pytest.fixture
def theirs(other_store):
    return their_rows(other_store)


# --- Page bodies ------------------------------------------------------------------------


def _link(*, page=None):
    return {
        "label": "Go",
        "page": str(page.pk) if page else "",
        "url": "" if page else "https://example.test/",
    }


NO_LINK = {"label": "", "page": "", "url": ""}


def _hero(rows):
    return (
        "hero",
        {
            "heading": "Hi",
            "subheading": "",
            "image": rows.image.pk,
            "gradient": "brand",
            "button": _link(),
            "secondary_button": NO_LINK,
        },
    )


def _hero_button(rows):
    button = _link(page=rows.page)
    return (
        "hero",
        {
            "heading": "Hi",
            "subheading": "",
            "image": "",
            "gradient": "brand",
            "button": button,
            "secondary_button": NO_LINK,
        },
    )


def _image_text(rows):
    return (
        "image_text",
        {
            "image": rows.image.pk,
            "heading": "Hi",
            "text": rich_text("<p>Text</p>", features=["bold", "italic", "link", "ol", "ul"]),
            "image_position": "left",
            "button": _link(),
        },
    )


def _call_to_action(rows):
    return ("call_to_action", {"heading": "Hi", "text": "", "button": _link(page=rows.page)})


def _grid(*, category="", products=()):
    return (
        "product_grid",
        {
            "heading": "Picks",
            "source": "picked" if products else "category",
            "category": category,
            "products": {
                "count": str(len(products)),
                **{
                    str(i): {"value": str(pk), "deleted": "", "order": str(i), "id": ""}
                    for i, pk in enumerate(products)
                },
            },
            "limit": "8",
        },
    )


def _grid_category(rows):
    return _grid(category=rows.page.pk)


def _grid_products(rows):
    return _grid(products=[rows.product.pk])


def _text_page_link(rows):
    return ("rich_text", rich_text(f'<p><a linktype="page" id="{rows.page.pk}">Lamps</a></p>'))


def _text_image(rows):
    embed = f'<embed embedtype="image" id="{rows.image.pk}" format="fullwidth" alt="A lamp"/>'
    return ("rich_text", rich_text(f"<p>Look:</p>{embed}"))


def _text_document_link(rows):
    link = f'<a linktype="document" id="{rows.document.pk}">Prices</a>'
    return ("rich_text", rich_text(f"<p>{link}</p>"))


BODY_CASES = {
    "hero image": (_hero, "Hero › Image: image {id}", "image"),
    "hero button page": (_hero_button, "Hero › Button › Page: page {id}", "page"),
    "image with text image": (_image_text, "Image with text › Image: image {id}", "image"),
    "call to action page": (_call_to_action, "Call to action › Button › Page: page {id}", "page"),
    "product grid category": (_grid_category, "Product grid › Category: page {id}", "page"),
    "product grid product": (_grid_products, "Product {id}", "product"),
    "rich text page link": (_text_page_link, "Rich text: page {id}", "page"),
    "rich text image": (_text_image, "Rich text: image {id}", "image"),
    "rich text document link": (_text_document_link, "Rich text: document {id}", "document"),
}


def _post_body(client, page, blocks):
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "body": streamfield(blocks),
            "comments": inline_formset([]),
        }
    )
    data["action-publish"] = "action-publish"
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def _saved_state(page):
    page.refresh_from_db()
    return page.revisions.count(), json.dumps(list(page.body.raw_data))


@pytest.mark.parametrize("case", BODY_CASES.values(), ids=BODY_CASES.keys())
def test_page_body_refuses_another_stores_choice(merchant_client, store, theirs, case):
    block, message, kind = case
    home = store.site.root_page.specific
    before = _saved_state(home)

    response = _post_body(merchant_client, home, [block(theirs)])

    chosen = getattr(theirs, kind)
    assert_refused(response, message.format(id=chosen.pk) + " is not one of this store's", theirs)
    assert _saved_state(home) == before


@pytest.mark.parametrize("case", BODY_CASES.values(), ids=BODY_CASES.keys())
def test_page_body_saves_the_stores_own_choice(merchant_client, store, mine, case):
    block, _message, kind = case
    home = store.site.root_page.specific

    response = _post_body(merchant_client, home, [block(mine)])

    assert response.status_code == 302, answer(response)
    home.refresh_from_db()
    assert str(getattr(mine, kind).pk) in json.dumps(list(home.body.raw_data))


def test_page_body_names_every_foreign_choice_at_its_block(merchant_client, store, mine, theirs):
    home = store.site.root_page.specific

    response = _post_body(
        merchant_client,
        home,
        [_hero(mine), _hero(theirs), _call_to_action(mine), _text_page_link(theirs)],
    )

    errors = response.context["form"].errors.as_data()["body"][0]
    assert set(errors.block_errors) == {1, 3}
    assert errors.block_errors[1].messages == [
        f"Body › Hero › Image: image {theirs.image.pk} is not one of this store's images."
    ]
    assert errors.block_errors[3].messages == [
        f"Body › Rich text: page {theirs.page.pk} is not one of this store's pages."
    ]


def test_an_operator_cannot_put_another_stores_product_into_a_store_page(
    operator_client, store, theirs
):
    """Operators have no store scope, so the product is found: the site check refuses it."""
    home = store.site.root_page.specific
    before = _saved_state(home)

    response = _post_body(operator_client, home, [_grid_products(theirs)])

    assert response.status_code == 200
    message = f"Product grid › Products: product {theirs.product.pk} is not one of this store's"
    assert message in answer(response)
    assert _saved_state(home) == before


def test_a_product_id_that_is_no_number_is_an_error_not_a_crash(merchant_client, store):
    home = store.site.root_page.specific

    response = _post_body(merchant_client, home, [_grid(products=["lamp"])])

    assert response.status_code == 200
    assert "Product lamp is not one of this store's products." in answer(response)


# --- Page foreign keys and rich text fields -----------------------------------------------


def _post_category(client, page, *, image=None, intro="<p>Lamps</p>"):
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": rich_text(intro, features=["bold", "italic", "link"]),
            "image": str(image.pk) if image else "",
            "comments": inline_formset([]),
        }
    )
    data["action-publish"] = "action-publish"
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def test_category_image_of_another_store_is_refused(merchant_client, mine, theirs):
    category = mine.page
    revisions = category.revisions.count()

    response = _post_category(merchant_client, category, image=theirs.image)

    assert_refused(response, f"Image {theirs.image.pk} is not one of this store's", theirs)
    category.refresh_from_db()
    assert category.image is None
    assert category.revisions.count() == revisions


def test_category_image_of_the_store_saves(merchant_client, mine):
    response = _post_category(merchant_client, mine.page, image=mine.image)

    assert response.status_code == 302
    mine.page.refresh_from_db()
    assert mine.page.image == mine.image


def test_category_intro_linking_another_stores_page_is_refused(merchant_client, mine, theirs):
    link = f'<p><a linktype="page" id="{theirs.page.pk}">Their lamps</a></p>'

    response = _post_category(merchant_client, mine.page, intro=link)

    assert_refused(response, f"Intro: page {theirs.page.pk} is not one of this store's", theirs)
    mine.page.refresh_from_db()
    assert "linktype" not in mine.page.intro


# --- Products -------------------------------------------------------------------------------


def _product_edit(client, product, **changes):
    """Post the product's edit form as the admin renders it, with ``changes`` applied."""
    url = reverse("wagtailsnippets_shop_product:edit", args=[product.pk])
    data = querydict_from_html(client.get(url).content.decode(), form_id="w-editor-form")
    data.update(changes)
    return client.post(url, data)


def _with_image(image):
    return {
        "images-TOTAL_FORMS": "1",
        "images-0-image": str(image.pk),
        "images-0-alt_text": "A lamp",
        "images-0-ORDER": "0",
        "images-0-DELETE": "",
        "images-0-id": "",
    }


@pytest.fixture
def lamp(store):
    return stocked_product(site=store.site, title="Alpha Desk Lamp")


def test_product_image_of_another_store_is_refused(merchant_client, lamp, theirs):
    response = _product_edit(merchant_client, lamp, **_with_image(theirs.image))

    assert_refused(response, f"Image {theirs.image.pk} is not one of this store's", theirs)
    with store_scope([lamp.site_id]):
        assert not lamp.images.exists()


def test_product_image_of_the_store_saves(merchant_client, lamp, mine):
    response = _product_edit(merchant_client, lamp, **_with_image(mine.image))

    assert response.status_code == 302, answer(response)
    with store_scope([lamp.site_id]):
        assert [item.image for item in lamp.images.all()] == [mine.image]


def test_product_description_linking_another_stores_page_is_refused(merchant_client, lamp, theirs):
    features = ["h3", "bold", "italic", "ol", "ul", "link"]
    text = f'<p><a linktype="page" id="{theirs.page.pk}">Their lamps</a></p>'

    response = _product_edit(
        merchant_client, lamp, description=rich_text(text, features=features), title="Changed"
    )

    assert_refused(response, f"page {theirs.page.pk} is not one of this store's pages", theirs)
    lamp.refresh_from_db()
    assert lamp.title == "Alpha Desk Lamp"


# --- Other stores' rows wherever they come from -------------------------------------------


def test_a_document_outside_every_store_is_refused(merchant_client, store):
    """The root collection holds no store's files: choosing from it is refused too."""
    loose = get_document_model().objects.create(
        title="Platform terms", collection=Collection.get_first_root_node()
    )
    home = store.site.root_page.specific
    link = f'<p><a linktype="document" id="{loose.pk}">Terms</a></p>'

    response = _post_body(merchant_client, home, [("rich_text", rich_text(link))])

    assert f"document {loose.pk} is not one of this store's documents" in answer(response)


def test_merchants_of_two_stores_each_pick_their_own_products(platform_client, store, other_store):
    """The product chooser's queryset must not keep the store scope of the first request."""
    alpha_lamp = ProductFactory(site=store.site, title="Alpha Lamp")
    beta_lamp = ProductFactory(site=other_store.site, title="Beta Lamp")

    for shop, product in ((store, alpha_lamp), (other_store, beta_lamp)):
        platform_client.force_login(owner_of(shop))
        home = shop.site.root_page.specific
        response = _post_body(platform_client, home, [_grid(products=[product.pk])])
        assert response.status_code == 302, answer(response)


def test_the_product_chooser_names_an_id_it_cannot_see(store, other_store):
    chooser = StoreRowChooserBlock("shop.Product")
    theirs = ProductFactory(site=other_store.site)
    mine = ProductFactory(site=store.site)

    with store_scope([store.site.pk]):
        hidden = chooser.value_from_form(str(theirs.pk))
        garbage = chooser.value_from_form("lamp")
        own = chooser.value_from_form(str(mine.pk))
        empty = chooser.value_from_form("")
        with pytest.raises(ValidationError) as refused:
            chooser.clean(hidden)
        with pytest.raises(ValidationError):
            chooser.clean(garbage)
        assert chooser.clean(own) == mine

    assert refused.value.messages == [f"Product {theirs.pk} is not one of this store's products."]
    assert empty is None


def test_a_rich_text_link_without_its_document_is_an_error(merchant_client, store):
    """Only a hand-made request sends one; Wagtail cannot tell what it links to."""
    home = store.site.root_page.specific
    before = _saved_state(home)
    text = {
        "blocks": [
            {
                "key": "a1",
                "type": "unstyled",
                "depth": 0,
                "text": "Prices",
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": 0, "length": 6, "key": 0}],
            }
        ],
        "entityMap": {"0": {"type": "DOCUMENT", "mutability": "MUTABLE", "data": {}}},
    }

    response = _post_body(merchant_client, home, [("rich_text", json.dumps(text))])

    assert response.status_code == 200
    assert "Body › Rich text: a link or an embed names no page" in answer(response)
    assert _saved_state(home) == before
