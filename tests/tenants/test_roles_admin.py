"""What each role sees in the admin, and working in several stores one at a time."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from tenancy.scope import store_scope
from tenants import staff
from tenants.roles import Role
from tests.helpers import XHR
from tests.shop.factories import CategoryPageFactory, place_test_order, stocked_product
from tests.tenants.factories import StoreFactory, staff_member
from tests.themes.editor import theme_of, theme_url

pytestmark = pytest.mark.django_db


def _refused(response) -> bool:
    """Wagtail refuses an admin view with a 403, a 404, or a redirect to the dashboard."""
    if response.status_code in (403, 404):
        return True
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


@pytest.fixture
def shop_rows(store):
    with store_scope([store.site.pk]):
        product = stocked_product(site=store.site, title="Alpha Lamp", variants=[{"sku": "AL-1"}])
        order = place_test_order(lines=[(product.variants.get(), 1)], email="buyer@alpha.test")
    category = CategoryPageFactory(parent=store.site.root_page, title="Alpha Lamps")
    return {"product": product, "order": order, "category": category}


def _client_for(client, user):
    client.force_login(user)
    return client


def _menu(client) -> str:
    return client.get(reverse("wagtailadmin_home")).content.decode()


# --- Roles ----------------------------------------------------------------------------


def test_an_editor_cannot_see_orders_clients_or_tickets(platform_client, store, shop_rows):
    client = _client_for(platform_client, staff_member(store, Role.EDITOR))
    order = shop_rows["order"]

    for url_name in (
        "wagtailsnippets_shop_order:list",
        "wagtailsnippets_crm_bridge_client:list",
        "wagtailsnippets_crm_bridge_ticket:list",
    ):
        assert _refused(client.get(reverse(url_name))), url_name
    assert _refused(client.get(reverse("wagtailsnippets_shop_order:edit", args=[order.pk])))
    assert _refused(client.get(reverse("wagtailsnippets_shop_order:inspect", args=[order.pk])))
    menu = _menu(client)
    assert reverse("wagtailsnippets_shop_order:list") not in menu
    assert reverse("wagtailsnippets_crm_bridge_client:list") not in menu
    assert "buyer@alpha.test" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_an_editor_edits_pages_and_products(platform_client, store, shop_rows):
    client = _client_for(platform_client, staff_member(store, Role.EDITOR))

    page = client.get(reverse("wagtailadmin_pages:edit", args=[shop_rows["category"].pk]))
    product = client.get(
        reverse("wagtailsnippets_shop_product:edit", args=[shop_rows["product"].pk])
    )

    assert page.status_code == 200
    assert product.status_code == 200


def test_an_editor_cannot_change_the_store_settings_or_theme(platform_client, store):
    client = _client_for(platform_client, staff_member(store, Role.EDITOR))
    theme = theme_of(store)

    settings_url = reverse("wagtailsettings:edit", args=["shop", "storesettings", store.site.pk])
    assert _refused(client.get(settings_url))
    assert _refused(client.get(theme_url("edit", theme)))
    assert _refused(client.post(theme_url("edit", theme), {"tagline": "Editor's"}, **XHR))
    assert reverse("wagtailsnippets_themes_storetheme:list") not in _menu(client)


def test_support_cannot_edit_pages(platform_client, store, shop_rows):
    client = _client_for(platform_client, staff_member(store, Role.SUPPORT))
    category = shop_rows["category"]

    edit = client.get(reverse("wagtailadmin_pages:edit", args=[category.pk]))
    post = client.post(
        reverse("wagtailadmin_pages:edit", args=[category.pk]),
        {"title": "Changed by support", "slug": "changed"},
        **XHR,
    )
    add = client.get(
        reverse("wagtailadmin_pages:add", args=["shop", "categorypage", store.site.root_page_id])
    )

    assert _refused(edit)
    assert _refused(post)
    assert _refused(add)
    category.refresh_from_db()
    assert category.title == "Alpha Lamps"


def test_support_reads_the_catalog_but_cannot_change_it(platform_client, store, shop_rows):
    client = _client_for(platform_client, staff_member(store, Role.SUPPORT))
    product = shop_rows["product"]

    listing = client.get(reverse("wagtailsnippets_shop_product:list"))
    inspect = client.get(reverse("wagtailsnippets_shop_product:inspect", args=[product.pk]))
    edit = client.post(
        reverse("wagtailsnippets_shop_product:edit", args=[product.pk]), {"title": "X"}, **XHR
    )
    add = client.get(reverse("wagtailsnippets_shop_product:add"))

    assert listing.status_code == 200
    assert "Alpha Lamp" in listing.content.decode()
    assert inspect.status_code == 200
    assert _refused(edit)
    assert _refused(add)
    product.refresh_from_db()
    assert product.title == "Alpha Lamp"


def test_support_handles_orders_clients_and_tickets(platform_client, store, shop_rows):
    client = _client_for(platform_client, staff_member(store, Role.SUPPORT))
    order = shop_rows["order"]

    for url, shows in (
        (reverse("wagtailsnippets_shop_order:list"), "buyer@alpha.test"),
        (reverse("wagtailsnippets_shop_order:edit", args=[order.pk]), "buyer@alpha.test"),
        (reverse("wagtailsnippets_crm_bridge_client:list"), "buyer@alpha.test"),
        (reverse("wagtailsnippets_crm_bridge_ticket:list"), f"Order #{order.number}"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert shows in response.content.decode(), url


def test_a_removed_staff_member_loses_access_at_once(platform_client, store, merchant, shop_rows):
    editor = staff_member(store, Role.EDITOR)
    client = _client_for(platform_client, editor)
    product_url = reverse("wagtailsnippets_shop_product:edit", args=[shop_rows["product"].pk])
    assert client.get(product_url).status_code == 200

    staff.remove_staff(store=store, member=editor, removed_by=merchant)

    after = client.get(product_url)
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert after.status_code == 302
    assert after["Location"].startswith(reverse("wagtailadmin_login"))
    assert dashboard.status_code == 302
    assert "Alpha Lamp" not in after.content.decode()


def test_a_role_change_applies_on_the_next_request(platform_client, store, merchant, shop_rows):
    support = staff_member(store, Role.SUPPORT)
    client = _client_for(platform_client, support)
    orders = reverse("wagtailsnippets_shop_order:list")
    assert client.get(orders).status_code == 200

    staff.change_staff_role(store=store, member=support, role=Role.EDITOR, changed_by=merchant)

    assert _refused(client.get(orders))


# --- Several stores, one active at a time ---------------------------------------------


@pytest.fixture
def two_store_person(store, other_store):
    """Owner of Alpha Goods and editor of Beta Wares."""
    person = staff_member(store, Role.OWNER, email="both@example.test")
    staff.add_staff(store=other_store, user=person, role="editor", added_by=None)
    return User.objects.get(pk=person.pk)


@pytest.fixture
def beta_rows(other_store):
    with store_scope([other_store.site.pk]):
        product = stocked_product(
            site=other_store.site, title="Beta Chair", variants=[{"sku": "BC"}]
        )
        order = place_test_order(lines=[(product.variants.get(), 1)], email="buyer@beta.test")
    return {"product": product, "order": order}


def _switch(client, store):
    """Switch with the store bar's form, landing on the dashboard as a browser would."""
    return client.post(reverse("store:switch"), {"store": store.pk}, follow=True)


def test_the_first_store_by_name_is_active_and_shown_on_every_screen(
    platform_client, store, other_store, two_store_person, shop_rows
):
    client = _client_for(platform_client, two_store_person)

    for url in (
        reverse("wagtailadmin_home"),
        reverse("wagtailsnippets_shop_product:list"),
        reverse("wagtailadmin_pages:edit", args=[shop_rows["category"].pk]),
        reverse("wagtailimages:index"),
        reverse("store:home"),
    ):
        content = client.get(url).content.decode()
        assert 'data-active-store="alpha"' in content, url
        assert "Store: <a" in content and "<strong>Alpha Goods</strong>" in content, url


def test_switching_stores_changes_what_every_listing_shows(
    platform_client, store, other_store, two_store_person, shop_rows, beta_rows
):
    client = _client_for(platform_client, two_store_person)
    products = reverse("wagtailsnippets_shop_product:list")
    assert "Alpha Lamp" in client.get(products).content.decode()

    switched = _switch(client, other_store)
    listing = client.get(products).content.decode()

    assert switched.redirect_chain == [(reverse("wagtailadmin_home"), 302)]
    assert "You are now working in Beta Wares." in switched.content.decode()
    assert "Beta Chair" in listing
    assert "Alpha Lamp" not in listing
    assert 'data-active-store="beta"' in listing


def test_the_role_in_the_active_store_decides_what_the_person_may_do(
    platform_client, store, other_store, two_store_person, beta_rows
):
    client = _client_for(platform_client, two_store_person)
    orders = reverse("wagtailsnippets_shop_order:list")
    assert client.get(orders).status_code == 200  # owner of Alpha Goods

    _switch(client, other_store)

    assert _refused(client.get(orders))  # editor of Beta Wares
    assert _refused(
        client.get(reverse("wagtailsnippets_shop_order:edit", args=[beta_rows["order"].pk]))
    )


def test_new_rows_go_to_the_active_store(platform_client, store, other_store, two_store_person):
    client = _client_for(platform_client, two_store_person)
    add = reverse("wagtailsnippets_shop_product:add")
    assert client.get(add).context["form"].instance.site == store.site

    _switch(client, other_store)

    form = client.get(add).context["form"]
    assert form.instance.site == other_store.site
    assert "site" not in form.fields


def test_the_inactive_stores_pages_and_settings_are_out_of_reach_until_switched(
    platform_client, store, other_store, two_store_person, shop_rows
):
    client = _client_for(platform_client, two_store_person)
    _switch(client, other_store)
    alpha_page = reverse("wagtailadmin_pages:edit", args=[shop_rows["category"].pk])
    alpha_settings = reverse("wagtailsettings:edit", args=["shop", "storesettings", store.site.pk])

    assert client.get(alpha_page).status_code == 404
    assert client.get(alpha_settings).status_code == 404
    explorer = client.get(reverse("wagtailadmin_explore_root"))
    assert explorer["Location"] == reverse(
        "wagtailadmin_explore", args=[other_store.site.root_page_id]
    )

    _switch(client, store)

    assert client.get(alpha_page).status_code == 200
    assert client.get(alpha_settings).status_code == 200


def test_switching_to_a_store_the_person_is_not_staff_of_is_refused(
    platform_client, store, other_store, merchant, beta_rows
):
    client = _client_for(platform_client, merchant)

    response = _switch(client, other_store)
    listing = client.get(reverse("wagtailsnippets_shop_product:list")).content.decode()

    assert response.status_code == 404
    assert "Beta Chair" not in listing
    assert 'data-active-store="alpha"' in listing


def test_after_removal_from_the_active_store_the_next_store_becomes_active(
    platform_client, store, other_store, two_store_person
):
    client = _client_for(platform_client, two_store_person)
    _switch(client, other_store)

    staff.remove_staff(store=other_store, member=two_store_person, removed_by=None)

    content = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'data-active-store="alpha"' in content
    assert "Beta Wares" not in content


def test_the_store_switcher_lists_only_the_persons_stores(
    platform_client, store, other_store, two_store_person
):
    client = _client_for(platform_client, two_store_person)
    StoreFactory(slug="gamma", name="Gamma Things")

    content = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Alpha Goods (Owner)" in content
    assert "Beta Wares (Editor)" in content
    assert "Gamma Things" not in content
