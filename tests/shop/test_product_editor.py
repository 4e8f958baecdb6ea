"""The product editor: one screen makes a product, its options, a variant per combination
with its stock (through the ledger), and its page in the shop; errors name the variant row
and keep what was typed; another store's rows are refused."""

import json
from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from shop.models import Product, ProductPage, ProductVariant, StockLevel, StockMovement
from tenancy.scope import all_stores, store_scope
from tests.shop.factories import CategoryPageFactory, place_test_order, stocked_product
from tests.tenancy.chosen_rows import answer, assert_refused, my_rows, their_rows

pytestmark = pytest.mark.django_db

ADD = "wagtailsnippets_shop_product:add"
EDIT = "wagtailsnippets_shop_product:edit"


def _form(client, url) -> dict:
    return querydict_from_html(client.get(url).content.decode(), form_id="w-editor-form")


def _rows(rows: list[dict]) -> dict:
    """Variant rows as the editor posts them: each a dict with ``key`` (option values)."""
    data = {"variant_rows-TOTAL_FORMS": str(len(rows)), "variant_rows-INITIAL_FORMS": "0"}
    for index, row in enumerate(rows):
        for name, value in row.items():
            if name == "key":
                value = json.dumps(value)
            elif name == "track_inventory":
                if not value:
                    continue
                value = "on"
            data[f"variant_rows-{index}-{name}"] = str(value)
    return data


def _without_rows(data) -> dict:
    return {key: value for key, value in data.items() if not key.startswith("variant_rows-")}


def _post(client, url, data, **changes):
    data = data.copy() if hasattr(data, "copy") else dict(data)
    data.update(changes)
    return client.post(url, data)


def _variants(product):
    with store_scope([product.site_id]):
        return {
            tuple(v.options.values()): v
            for v in ProductVariant.objects.filter(product=product).select_related("stock")
        }


def _product(store, handle):
    with store_scope([store.site.pk]):
        return Product.objects.get(handle=handle)


@pytest.fixture
def shirts(store):
    return CategoryPageFactory(parent=store.site.root_page.specific, title="Shirts")


def _new_tee(merchant_client, shirts, **changes):
    """Post the add form for a tee in S and M, Red and Blue, with stock per variant."""
    data = _without_rows(_form(merchant_client, reverse(ADD)))
    data.update(
        title="Linen Tee",
        handle="",
        status="active",
        category=str(shirts.pk),
        option1_name="Size",
        option1_values="S, M",
        option2_name="Colour",
        option2_values="Red, Blue",
        **_rows(
            [
                {"key": [size, colour], "price": "25.00", "on_hand": stock, "track_inventory": 1}
                for (size, colour), stock in zip(
                    [("S", "Red"), ("S", "Blue"), ("M", "Red"), ("M", "Blue")],
                    [3, 0, 5, 2],
                    strict=True,
                )
            ]
        ),
    )
    data.update(changes)
    return merchant_client.post(reverse(ADD), data)


def test_one_post_makes_the_product_its_variants_their_stock_and_its_live_page(
    merchant_client, store, shirts
):
    response = _new_tee(merchant_client, shirts)

    assert response.status_code == 302, answer(response)
    tee = _product(store, "linen-tee")  # the handle comes from the title
    assert tee.option_names == ["Size", "Colour"]
    variants = _variants(tee)
    assert {key: v.stock.on_hand for key, v in variants.items()} == {
        ("S", "Red"): 3,
        ("S", "Blue"): 0,
        ("M", "Red"): 5,
        ("M", "Blue"): 2,
    }
    assert variants["S", "Red"].sku == "LINEN-TEE-S-RED"
    with store_scope([store.site.pk]):
        ledger = StockMovement.objects.filter(variant__product=tee)
        assert sorted(ledger.values_list("quantity", "reason")) == [
            (2, "adjustment"),
            (3, "adjustment"),
            (5, "adjustment"),
        ]
    page = ProductPage.objects.get(product=tee)
    assert page.live and page.get_parent().pk == shirts.pk and page.slug == "linen-tee"


def test_the_shopper_finds_the_new_product_in_its_category(merchant_client, shopper_client, shirts):
    _new_tee(merchant_client, shirts)

    category = shopper_client.get("/shirts/").content.decode()
    product = shopper_client.get("/shirts/linen-tee/")

    assert "Linen Tee" in category
    assert product.status_code == 200


def test_options_typed_without_rows_make_a_row_per_combination_with_the_first_price(
    merchant_client, store
):
    data = _form(merchant_client, reverse(ADD))
    data.update(
        {
            "title": "Mug",
            "option1_name": "Colour",
            "option1_values": "White, Black,  white",
            "variant_rows-0-price": "9.50",
        }
    )

    response = merchant_client.post(reverse(ADD), data)

    assert response.status_code == 302, answer(response)
    variants = _variants(_product(store, "mug"))
    assert set(variants) == {("White",), ("Black",)}
    assert {v.price for v in variants.values()} == {Decimal("9.50")}


@pytest.fixture
def jug(store):
    """A jug in S and L at 30.00, 4 of each on hand."""
    return stocked_product(
        site=store.site,
        title="Jug",
        option_names=["Size"],
        variants=[
            {"sku": "JUG-S", "price": "30.00", "options": {"Size": "S"}, "stock": 4},
            {"sku": "JUG-L", "price": "30.00", "options": {"Size": "L"}, "stock": 4},
        ],
    )


def test_adding_a_value_adds_variants_and_keeps_the_others(merchant_client, jug):
    url = reverse(EDIT, args=[jug.pk])
    before = _variants(jug)

    response = _post(merchant_client, url, _form(merchant_client, url), option1_values="S, L, XL")

    assert response.status_code == 302, answer(response)
    after = _variants(jug)
    assert set(after) == {("S",), ("L",), ("XL",)}
    assert after["S",].pk == before["S",].pk and after["S",].sku == "JUG-S"
    assert after["L",].stock.on_hand == 4
    assert after["XL",].price == Decimal("30.00") and after["XL",].stock.on_hand == 0


def test_adding_an_option_keeps_the_variants_under_its_first_value(merchant_client, jug):
    url = reverse(EDIT, args=[jug.pk])
    before = _variants(jug)

    response = _post(
        merchant_client,
        url,
        _form(merchant_client, url),
        option2_name="Glaze",
        option2_values="Matt, Gloss",
    )

    assert response.status_code == 302, answer(response)
    after = _variants(jug)
    assert len(after) == 4
    assert after["S", "Matt"].pk == before["S",].pk
    assert after["L", "Matt"].stock.on_hand == 4
    assert after["L", "Gloss"].stock.on_hand == 0


def test_removing_a_value_removes_its_variants_when_they_have_no_history(merchant_client, store):
    product = stocked_product(
        site=store.site,
        title="Cup",
        option_names=["Size"],
        variants=[
            {"sku": "CUP-S", "options": {"Size": "S"}, "stock": 2},
            {"sku": "CUP-L", "options": {"Size": "L"}, "stock": 0},
        ],
    )
    url = reverse(EDIT, args=[product.pk])

    response = _post(merchant_client, url, _form(merchant_client, url), option1_values="S")

    assert response.status_code == 302, answer(response)
    assert set(_variants(product)) == {("S",)}


def test_a_stock_change_is_added_to_a_sale_made_while_the_editor_was_open(merchant_client, jug):
    url = reverse(EDIT, args=[jug.pk])
    data = _form(merchant_client, url)
    small = _variants(jug)["S",]
    with store_scope([jug.site_id]):
        place_test_order(lines=[(small, 1)])  # 4 -> 3 while the merchant edits
    row = next(key for key, value in data.items() if value == "JUG-S").removesuffix("-sku")
    data[f"{row}-on_hand"] = "10"  # the merchant adds 6 to the 4 they saw

    response = merchant_client.post(url, data, follow=True)

    assert "stock went from 4 to 3 while the product was being edited" in (
        response.content.decode()
    )
    small = _variants(jug)["S",]
    assert small.stock.on_hand == 9
    with store_scope([jug.site_id]):
        last = StockMovement.objects.filter(variant=small).latest("pk")
    assert (last.quantity, last.reason) == (6, "adjustment")


def test_an_unchanged_stock_count_writes_no_ledger_row(merchant_client, jug):
    url = reverse(EDIT, args=[jug.pk])
    with store_scope([jug.site_id]):
        before = StockMovement.objects.count()

    response = _post(merchant_client, url, _form(merchant_client, url), title="Big jug")

    assert response.status_code == 302, answer(response)
    with store_scope([jug.site_id]):
        assert StockMovement.objects.count() == before


def test_taking_more_than_on_hand_is_refused_for_a_variant_that_stops_selling(merchant_client, jug):
    url = reverse(EDIT, args=[jug.pk])
    data = _form(merchant_client, url)
    row = next(key for key, value in data.items() if value == "JUG-L").removesuffix("-sku")
    data[f"{row}-on_hand"] = "-2"
    data[f"{row}-policy"] = StockLevel.Policy.DENY

    response = merchant_client.post(url, data)

    assert response.status_code == 200
    assert "Not enough stock for: Jug – L" in answer(response)
    assert _variants(jug)["L",].stock.on_hand == 4


def test_errors_name_the_variant_row_and_keep_what_was_typed(merchant_client, shirts):
    response = _new_tee(
        merchant_client,
        shirts,
        **{"variant_rows-2-price": "", "variant_rows-3-compare_at_price": "1.00"},
    )

    text = answer(response)
    assert response.status_code == 200
    assert "M / Red, Price: Enter a price." in text
    assert "M / Blue, Compare-at price: Must be higher than the price." in text
    form = querydict_from_html(response.content.decode(), form_id="w-editor-form")
    assert form["title"] == "Linen Tee"
    assert form["variant_rows-3-on_hand"] == "2"
    assert form["option2_values"] == "Red, Blue"
    with all_stores():
        assert not Product.objects.filter(title="Linen Tee").exists()


def test_option_mistakes_are_explained(merchant_client, shirts):
    response = _new_tee(
        merchant_client, shirts, option2_name="size", option3_name="", option3_values="Cotton"
    )

    text = answer(response)
    assert "Each option needs a name of its own." in text
    assert "Name this option, such as Size or Colour." in text


def test_a_handle_taken_in_the_store_is_refused(merchant_client, shirts, jug):
    response = _new_tee(merchant_client, shirts, handle="jug")

    assert "Another product of this store uses this handle." in answer(response)


def test_a_duplicate_sku_names_its_row(merchant_client, shirts, jug):
    response = _new_tee(merchant_client, shirts, **{"variant_rows-1-sku": "JUG-S"})

    assert "S / Blue, SKU: Another product of this store uses this SKU." in answer(response)


# --- Another store's rows ------------------------------------------------------------------


def test_a_category_of_another_store_is_refused(merchant_client, shirts, other_store):
    theirs = their_rows(other_store)

    response = _new_tee(merchant_client, shirts, category=str(theirs.page.pk))

    assert_refused(response, "Choose one of this store's categories.", theirs)
    assert not ProductPage.objects.filter(title="Linen Tee").exists()


def test_a_variant_image_of_another_store_is_refused(merchant_client, jug, other_store):
    theirs = their_rows(other_store)
    url = reverse(EDIT, args=[jug.pk])
    data = _form(merchant_client, url)
    row = next(key for key, value in data.items() if value == "JUG-S").removesuffix("-sku")
    data[f"{row}-image"] = str(theirs.image.pk)

    response = merchant_client.post(url, data)

    assert_refused(response, "S, Image: Choose one of the product's images.", theirs)


def test_a_variant_image_of_the_product_is_saved(merchant_client, store, jug):
    mine = my_rows(store)
    url = reverse(EDIT, args=[jug.pk])
    data = _form(merchant_client, url)
    row = next(key for key, value in data.items() if value == "JUG-S").removesuffix("-sku")
    data.update(
        {
            "images-TOTAL_FORMS": "1",
            "images-0-image": str(mine.image.pk),
            "images-0-alt_text": "A jug",
            "images-0-ORDER": "0",
            "images-0-DELETE": "",
            "images-0-id": "",
            f"{row}-image": str(mine.image.pk),
        }
    )

    response = merchant_client.post(url, data)

    assert response.status_code == 302, answer(response)
    assert _variants(jug)["S",].image_id == mine.image.pk


def test_a_variant_row_naming_another_products_variant_is_refused(
    merchant_client, jug, other_store
):
    theirs = stocked_product(site=other_store.site, title="Their jug")
    with store_scope([other_store.site.pk]):
        their_variant = theirs.variants.get()
    url = reverse(EDIT, args=[jug.pk])
    data = _form(merchant_client, url)
    row = next(key for key, value in data.items() if value == "JUG-S").removesuffix("-sku")
    data[f"{row}-id"] = str(their_variant.pk)

    response = merchant_client.post(url, data)

    assert response.status_code == 200
    assert "names a variant that is not one of this product's" in answer(response)
    with store_scope([other_store.site.pk]):
        their_variant.refresh_from_db()
    assert their_variant.product_id == theirs.pk
