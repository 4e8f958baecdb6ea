"""A merchant walks every item of the admin menu and never meets another store.

Runs in headless Chromium against the live server with the four demo stores. Every screen
the menu leads to is screenshotted to test-artifacts/screenshots/admin-walk-*.png, and its
HTML (hidden filter choices and menus included) is searched for the names, owners'
addresses and product titles of the other stores, and every screen must work under the
admin's Content-Security-Policy: a violation in the console fails the walk, naming the screen.
"""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError

from shop.models import Product
from tenancy.scope import all_stores
from tenants.models import Store
from tenants.selectors import staff_of
from tests.e2e.browser import capture, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _markers_of_other_stores(slug: str, person: str) -> list[str]:
    """Names, staff addresses and product titles of the stores ``person`` has no part in."""
    with all_stores():  # the test's own look across every store
        return _markers(slug, person)


def _markers(slug: str, person: str) -> list[str]:
    own = Store.objects.get(slug=slug)
    own_titles = set(Product.objects.filter(site=own.site).values_list("title", flat=True))
    markers = []
    for store in Store.objects.exclude(pk=own.pk):
        staff = [user.email for user, _ in staff_of(store)]
        if person in staff:
            continue  # their own other store: named in the store switcher
        markers.append(store.name)
        markers += staff
        titles = Product.objects.filter(site=store.site).values_list("title", flat=True)
        markers += [title for title in titles if title not in own_titles]
    return markers


def _menu_links(page, admin_url) -> dict[str, str]:
    """{label: URL} of every item of the sidebar menu, opening each submenu like a person."""
    menu = page.locator("#wagtail-sidebar .sidebar-main-menu > ul > li")
    menu.first.wait_for()
    links = {}
    for item in menu.locator("> a").all():
        links[item.locator(".menuitem-label").inner_text().strip()] = item.get_attribute("href")
    for index in range(menu.locator("> button").count()):
        page.goto(admin_url)
        button = menu.locator("> button").nth(index)
        group = button.locator(".menuitem-label").inner_text().strip()
        button.click()
        panel = button.locator("xpath=..").locator(".sidebar-panel--open")
        panel.locator("a[href]").first.wait_for()
        for link in panel.locator("a[href]").all():
            label = link.inner_text().strip() or link.get_attribute("href")
            links[f"{group} > {label}"] = link.get_attribute("href")
    return links


def _leaks(html: str, markers) -> list[str]:
    lowered = html.lower()
    return [marker for marker in markers if marker.lower() in lowered]


def _walk(page, live_server, *, person, slug, screenshots, prefix, csp) -> dict[str, str]:
    markers = _markers_of_other_stores(slug, person)
    outside = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if urlsplit(request.url).hostname not in ("localhost", "127.0.0.1")
            and urlsplit(request.url).scheme in ("http", "https")
            else None
        ),
    )
    page.goto(f"{live_server.url}/admin/")
    links = _menu_links(page, f"{live_server.url}/admin/")
    csp.assert_none(f"{prefix}: the dashboard and the menu")
    for label, href in links.items():
        if not href.startswith(("/", live_server.url)):
            continue  # Wagtail's help links lead to its public guide
        url = live_server.url + href if href.startswith("/") else href
        try:
            page.goto(url)
        except PlaywrightError as error:
            if "Download is starting" not in str(error):
                raise
            # A menu item that downloads a file (the product export): what it downloads
            # must not name another store either.
            download = page.request.get(url)
            assert download.ok, f"{label} ({href}) answered {download.status}"
            leaked = _leaks(download.text(), markers)
            assert not leaked, f"{label} ({href}) downloads other stores' {leaked}"
            continue
        page.wait_for_load_state()
        assert page.url.startswith(live_server.url), f"{label} left the admin: {page.url}"
        name = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
        capture(page, screenshots / f"admin-walk-{prefix}-{name}.png")
        csp.assert_none(f"{prefix}: {label} ({href})")
        store_bar = page.locator(".tenants-store-bar")
        assert store_bar.get_attribute("data-active-store") == slug, label
        leaked = _leaks(page.content(), markers)
        assert not leaked, f"{label} ({href}) shows other stores' {leaked}"
    assert not outside, f"the admin fetched from outside the platform: {outside}"
    return links


def test_an_owner_walks_the_whole_admin_menu_and_sees_only_their_store(
    demo, page, screenshots, csp_violations
):
    sign_in(page, demo, "merchant@fjord.example", "fjord-demo")

    links = _walk(
        page,
        demo,
        person="merchant@fjord.example",
        slug="fjord",
        screenshots=screenshots,
        prefix="fjord-owner",
        csp=csp_violations,
    )

    labels = set(links)
    assert any(label.startswith("Pages > ") for label in labels), sorted(labels)
    for expected in ("Images", "Documents", "Shop > Products", "Shop > Orders", "CRM > Clients"):
        assert expected in labels, sorted(labels)
    assert "Settings > Staff" in labels
    assert not {label for label in labels if "Users" in label or "Sites" in label}
    assert "Stores" not in labels


def test_an_editor_walks_a_smaller_menu(demo, page, screenshots, csp_violations):
    sign_in(page, demo, "editor@fjord.example", "fjord-demo")

    labels = set(
        _walk(
            page,
            demo,
            person="editor@fjord.example",
            slug="fjord",
            screenshots=screenshots,
            prefix="fjord-editor",
            csp=csp_violations,
        )
    )

    assert any(label.startswith("Pages > ") for label in labels), sorted(labels)
    assert {"Images", "Shop > Products", "Shop > Inventory"} <= labels
    assert "Shop > Orders" not in labels
    assert not {label for label in labels if label.startswith("CRM")}
    assert "Settings > Staff" not in labels


def test_a_person_in_two_stores_switches_with_the_store_bar(
    demo, page, screenshots, csp_violations
):
    sign_in(page, demo, "studio@demo.example", "studio-demo")
    bar = page.locator(".tenants-store-bar")
    assert bar.get_attribute("data-active-store") == "aurora"
    capture(page, screenshots / "admin-walk-studio-aurora-dashboard.png")

    bar.locator("select").select_option(label="Maison Lumière (Editor)")
    bar.get_by_role("button", name="Switch").click()
    page.wait_for_url(f"{demo.url}/admin/")

    assert bar.get_attribute("data-active-store") == "maison"
    assert "You are now working in Maison" in page.locator(".messages").inner_text()
    capture(page, screenshots / "admin-walk-studio-maison-dashboard.png")
    csp_violations.assert_none("studio: switching stores")
    _walk(
        page,
        demo,
        person="studio@demo.example",
        slug="maison",
        screenshots=screenshots,
        prefix="studio-maison",
        csp=csp_violations,
    )
