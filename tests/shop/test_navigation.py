"""Header and footer menus: the top-level pages until the merchant sets a menu, the
merchant's links once set, never another store's pages, previewed before saving, and built
in a fixed number of queries."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from shop.models import StoreMenu, StorePage
from shop.storefront import StoreContext
from tenancy.scope import store_scope
from tests.helpers import XHR
from tests.shop.factories import CategoryPageFactory

pytestmark = pytest.mark.django_db

ADD_URL = "wagtailsnippets_shop_storemenu:add"


def _home(store):
    return store.site.root_page.specific


def _page(parent, title, *, in_menu=True, live=True):
    page = StorePage(title=title, slug=title.lower().replace(" ", "-"), show_in_menus=in_menu)
    page.live = live
    return parent.add_child(instance=page)


def _menu(store, location, links):
    with store_scope([store.site.pk]):
        return StoreMenu.objects.create(site=store.site, location=location, links=links)


def _link(page=None, *, url="", label="", children=()):
    """A menu link as the menu stores it."""
    return {
        "type": "link",
        "value": {
            "page": page.pk if page else None,
            "url": url,
            "label": label,
            "children": [
                {"type": "item", "value": {"page": c.pk, "url": "", "label": ""}} for c in children
            ],
        },
    }


def _context(store, path="/"):
    request = RequestFactory().get(path, HTTP_HOST=store.site.hostname)
    return StoreContext(store.site, request)


def _titles(items):
    return [item.title for item in items]


@pytest.fixture
def pages(store):
    home = _home(store)
    return {
        "lamps": CategoryPageFactory(parent=home, title="Lamps", show_in_menus=True),
        "about": _page(home, "About"),
        "hidden": _page(home, "Imprint", in_menu=False),
    }


def test_with_no_menu_both_menus_list_the_top_level_pages(store, pages):
    with store_scope([store.site.pk]):
        context = _context(store, "/lamps/")

        assert _titles(context.header_menu) == ["Lamps", "About"]
        assert _titles(context.footer_menu) == ["Lamps", "About"]
        assert [item.is_current for item in context.header_menu] == [True, False]


def test_a_saved_header_menu_replaces_the_default_on_the_storefront(store, pages, shopper_client):
    shades = CategoryPageFactory(parent=pages["lamps"], title="Shades")
    _menu(
        store,
        "header",
        [
            _link(pages["about"], label="Our story"),
            _link(pages["lamps"], children=[shades]),
            _link(url="https://journal.example/", label="Journal"),
        ],
    )

    with store_scope([store.site.pk]):
        menu = _context(store, "/lamps/shades/").header_menu
    text = shopper_client.get("/").content.decode()

    assert _titles(menu) == ["Our story", "Lamps", "Journal"]
    assert _titles(menu[1].children) == ["Shades"]
    assert menu[1].is_current and menu[1].children[0].is_current
    assert menu[2].is_external and menu[2].url == "https://journal.example/"
    assert "Our story" in text and 'href="https://journal.example/"' in text
    assert 'href="/lamps/shades/"' in text


def test_a_saved_footer_menu_shows_in_the_footer_and_leaves_the_header_default(
    store, pages, shopper_client
):
    _menu(store, "footer", [_link(pages["hidden"], label="Legal notice")])

    with store_scope([store.site.pk]):
        context = _context(store)
        assert _titles(context.footer_menu) == ["Legal notice"]
        assert _titles(context.header_menu) == ["Lamps", "About"]
    assert "Legal notice" in shopper_client.get("/").content.decode()


def test_unpublished_and_other_stores_pages_are_left_out_of_a_menu(store, other_store, pages):
    draft = _page(_home(store), "Coming soon", live=False)
    theirs = _page(_home(other_store), "Beta secret page")
    _menu(store, "header", [_link(pages["about"]), _link(draft), _link(theirs)])

    with store_scope([store.site.pk]):
        assert _titles(_context(store).header_menu) == ["About"]


def test_menus_cost_the_same_queries_however_many_links_they_hold(
    store, pages, django_assert_max_num_queries
):
    few = [_link(pages["about"])]
    many = [_link(_page(_home(store), f"Page {n}"), children=[pages["about"]]) for n in range(8)]
    counts = []
    for links in (few, many):
        with store_scope([store.site.pk]):
            StoreMenu.objects.filter(site=store.site).delete()
        _menu(store, "header", links)
        _menu(store, "footer", links[:1])
        with store_scope([store.site.pk]):
            assert _context(store).header_menu  # Wagtail caches the site root paths
            # The menus and the pages they link to come from the store's cache: at most
            # the site's home page is read.
            with django_assert_max_num_queries(1) as captured:
                context = _context(store)
                assert context.header_menu and context.footer_menu
        counts.append(len(captured.captured_queries))

    assert counts[0] == counts[1]


# --- In the admin ---------------------------------------------------------------------


def _form(location, links):
    return nested_form_data({"location": location, "links": streamfield(links)})


def _form_link(page=None, *, url="", label="", children=()):
    value = {"page": page.pk if page else "", "url": url, "label": label}
    value["children"] = {
        "count": str(len(children)),
        **{
            str(index): {
                "value": {"page": child.pk, "url": "", "label": ""},
                "deleted": "",
                "order": str(index),
                "id": "",
            }
            for index, child in enumerate(children)
        },
    }
    return ("link", value)


def _menus(store):
    with store_scope([store.site.pk]):
        return list(StoreMenu.objects.for_site(store.site))


def test_the_merchant_sets_a_header_menu_in_the_admin(merchant_client, store, pages):
    response = merchant_client.post(
        reverse(ADD_URL),
        _form("header", [_form_link(pages["lamps"], label="Shop", children=[pages["about"]])]),
    )

    assert response.status_code == 302
    (menu,) = _menus(store)
    with store_scope([store.site.pk]):
        header = _context(store).header_menu
    assert (menu.location, _titles(header), _titles(header[0].children)) == (
        "header",
        ["Shop"],
        ["About"],
    )


def test_another_stores_page_is_refused_even_with_a_forged_id(
    merchant_client, store, other_store, pages
):
    theirs = _page(_home(other_store), "Beta secret page")

    response = merchant_client.post(reverse(ADD_URL), _form("header", [_form_link(theirs)]))

    text = response.content.decode()
    assert response.status_code == 200
    assert f"page {theirs.pk} is not one of this store&#x27;s pages" in text
    assert "Beta secret page" not in text
    assert _menus(store) == []


@pytest.mark.parametrize(
    ("link", "message"),
    [
        ({"url": "http://journal.example/", "label": "Journal"}, "https://"),
        ({"url": "https://journal.example/"}, "Give a link to another site a label."),
        ({}, "Choose a page or enter an address."),
    ],
)
def test_a_link_with_bad_values_gets_a_clear_error(merchant_client, store, link, message):
    response = merchant_client.post(reverse(ADD_URL), _form("header", [_form_link(**link)]))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert _menus(store) == []


def test_a_footer_menu_with_sub_links_is_refused(merchant_client, store, pages):
    link = _form_link(pages["lamps"], children=[pages["about"]])

    response = merchant_client.post(reverse(ADD_URL), _form("footer", [link]))

    assert response.status_code == 200
    assert "Footer menus have one level" in response.content.decode()
    assert _menus(store) == []


def test_a_second_menu_for_the_same_place_is_refused(merchant_client, store, pages):
    _menu(store, "header", [_link(pages["about"])])

    response = merchant_client.post(reverse(ADD_URL), _form("header", [_form_link(pages["lamps"])]))

    assert response.status_code == 200
    assert "already has a header menu" in response.content.decode()
    assert len(_menus(store)) == 1


def test_the_preview_shows_the_home_page_with_the_unsaved_menu(merchant_client, store, pages):
    menu = _menu(store, "header", [_link(pages["about"])])
    preview_url = reverse("wagtailsnippets_shop_storemenu:preview_on_edit", args=[menu.pk])

    posted = merchant_client.post(
        preview_url, _form("header", [_form_link(pages["lamps"], label="Unsaved label")])
    )
    preview = merchant_client.get(preview_url)

    assert posted.json()["is_valid"]
    assert "Unsaved label" in preview.content.decode()
    with store_scope([store.site.pk]):
        assert _titles(_context(store).header_menu) == ["About"]


def test_another_stores_menu_is_not_found_in_the_admin(merchant_client, other_store):
    theirs = _menu(other_store, "header", [])

    for name in ("edit", "delete", "preview_on_edit"):
        url = reverse(f"wagtailsnippets_shop_storemenu:{name}", args=[theirs.pk])
        assert merchant_client.get(url, **XHR).status_code == 404
