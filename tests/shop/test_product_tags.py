"""Products carry tags of their own store: typed in the product form, suggested from the
store's own tags only, and never shared with (or revealed to) another store."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from shop.models import ProductTag
from shop.services import set_product_tags
from tenancy.scope import all_stores, store_scope
from tests.shop.factories import stocked_product
from tests.tenancy.chosen_rows import answer

pytestmark = pytest.mark.django_db

SUGGESTIONS = "shop_product_tag_autocomplete"


def _tag(product, *names):
    with store_scope([product.site_id]):
        return set_product_tags(product=product, names=names)


def _tag_names(product):
    with store_scope([product.site_id]):
        return sorted(product.tags.values_list("name", flat=True))


def _edit_url(product):
    return reverse("wagtailsnippets_shop_product:edit", args=[product.pk])


def _product_edit(client, product, **changes):
    """Post the product's edit form as the admin renders it, with ``changes`` applied."""
    url = _edit_url(product)
    data = querydict_from_html(client.get(url).content.decode(), form_id="w-editor-form")
    data.update(changes)
    return client.post(url, data)


def _suggested(client, term, **query):
    response = client.get(reverse(SUGGESTIONS), {"term": term, **query})
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def lamp(store):
    return stocked_product(site=store.site, title="Alpha Desk Lamp")


@pytest.fixture
def their_lamp(other_store):
    return stocked_product(site=other_store.site, title="Beta Desk Lamp")


# --- The product form ----------------------------------------------------------------------


def test_the_product_form_saves_typed_tags_in_the_products_store(merchant_client, lamp, store):
    response = _product_edit(merchant_client, lamp, tag_names='winter, "gift ideas"')

    assert response.status_code == 302, answer(response)
    assert _tag_names(lamp) == ["gift ideas", "winter"]
    with all_stores():
        assert set(ProductTag.objects.values_list("site_id", flat=True)) == {store.site.pk}


def test_the_product_form_shows_the_products_tags_and_removes_cleared_ones(merchant_client, lamp):
    _tag(lamp, "winter", "gift ideas")

    form = merchant_client.get(_edit_url(lamp)).content.decode()
    response = _product_edit(merchant_client, lamp, tag_names="winter")

    assert 'value="&quot;gift ideas&quot;, winter"' in form
    assert response.status_code == 302, answer(response)
    assert _tag_names(lamp) == ["winter"]


def test_the_product_form_offers_suggestions_from_the_products_store(merchant_client, lamp):
    form = merchant_client.get(_edit_url(lamp)).content.decode()

    suggestions = f"{reverse(SUGGESTIONS)}?site={lamp.site_id}"
    assert f'data-w-tag-url-value="{suggestions}"' in form


def test_the_product_form_refuses_a_tag_with_no_letter_or_digit(merchant_client, lamp):
    response = _product_edit(merchant_client, lamp, tag_names="winter, !!!")

    assert response.status_code == 200
    assert "Every tag needs a letter or a digit." in response.content.decode()
    assert _tag_names(lamp) == []


def test_the_product_form_refuses_a_tag_longer_than_a_hundred_characters(merchant_client, lamp):
    response = _product_edit(merchant_client, lamp, tag_names="x" * 101)

    assert "A tag may have at most 100 characters" in response.content.decode()
    assert _tag_names(lamp) == []


def test_the_product_list_search_finds_products_by_tag(merchant_client, lamp, store):
    other = stocked_product(site=store.site, title="Alpha Floor Lamp")
    _tag(lamp, "Winter sale")

    response = merchant_client.get(reverse("wagtailsnippets_shop_product:list"), {"q": "winter"})

    content = response.content.decode()
    assert "Alpha Desk Lamp" in content
    assert other.title not in content


# --- One store's tags are its own ------------------------------------------------------------


def test_a_tag_name_another_store_uses_makes_a_tag_of_this_store(lamp, their_lamp):
    theirs = _tag(their_lamp, "Winter")[0]

    mine = _tag(lamp, "winter")[0]

    assert mine.pk != theirs.pk
    assert (mine.site_id, mine.name) == (lamp.site_id, "winter")
    with all_stores():
        assert list(their_lamp.tags.all()) == [theirs]
        assert list(lamp.tags.all()) == [mine]


def test_names_differing_in_capitals_or_punctuation_are_one_tag(lamp, store):
    other = stocked_product(site=store.site, title="Alpha Floor Lamp")
    first = _tag(lamp, "Gift ideas")[0]

    again = _tag(other, "gift-ideas", "GIFT IDEAS")

    assert again == [first]
    assert first.name == "Gift ideas"


def test_the_same_tag_name_may_exist_once_in_each_store(lamp, their_lamp):
    _tag(lamp, "winter")
    _tag(their_lamp, "winter")

    with all_stores():
        assert ProductTag.objects.filter(slug="winter").count() == 2


# --- Suggestions -----------------------------------------------------------------------------


def test_suggestions_list_only_the_stores_own_tags(merchant_client, lamp, their_lamp):
    _tag(lamp, "Winter sale", "Wool")
    _tag(their_lamp, "Winter secret beta", "Beta wares")

    assert _suggested(merchant_client, "w") == ["Winter sale", "Wool"]
    assert _suggested(merchant_client, "beta") == []


def test_suggestions_for_another_stores_site_are_empty(merchant_client, lamp, their_lamp):
    _tag(lamp, "Winter sale")
    _tag(their_lamp, "Winter secret beta")

    assert _suggested(merchant_client, "w", site=their_lamp.site_id) == []
    assert _suggested(merchant_client, "w", site=lamp.site_id) == ["Winter sale"]


def test_suggestions_leave_out_tags_no_product_uses_any_longer(merchant_client, lamp):
    _tag(lamp, "Winter sale", "Wool")
    _tag(lamp, "Wool")

    assert _suggested(merchant_client, "w") == ["Wool"]


def test_an_operator_gets_the_suggestions_of_the_products_store(operator_client, lamp, their_lamp):
    _tag(lamp, "Winter sale")
    _tag(their_lamp, "Winter secret beta")

    assert _suggested(operator_client, "w", site=their_lamp.site_id) == ["Winter secret beta"]


def test_wagtails_own_tag_autocomplete_never_lists_product_tags(merchant_client, their_lamp):
    _tag(their_lamp, "Beta secret tag")

    generic = merchant_client.get(
        reverse("wagtailadmin_tag_model_autocomplete", args=["shop", "producttag"]),
        {"term": "beta"},
    )
    plain = merchant_client.get(reverse("wagtailadmin_tag_autocomplete"), {"term": "beta"})

    assert generic.status_code == 404
    assert "Beta secret tag" not in plain.content.decode()
