"""A store's custom CSS, code and analytics: on its own storefront pages only, under a
Content-Security-Policy that allows exactly them.
"""

import base64
import hashlib
from html.parser import HTMLParser

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from shop.models import StorePage
from tests.config.headers import csp_directives
from tests.shop.checkout_helpers import issued_checkout_token
from tests.shop.factories import CategoryPageFactory, ProductPageFactory, stocked_variant
from tests.themes.theme_values import set_theme

pytestmark = pytest.mark.django_db

HEAD_CODE = (
    '<meta name="site-verification" content="alpha-123">\n'
    "<script>window.alphaChat = {room: 'alpha'};</script>\n"
    '<script async src="https://widgets.example.com/chat.js?key=9"></script>'
)
BODY_CODE = '<div id="alpha-banner" onclick="steal()">Free delivery</div><script>show("x")</script>'
CUSTOM_CSS = ".site-brand { letter-spacing: .2em; }"

STOREFRONT_PAGES = {
    "home": "/",
    "category": "/mugs/",
    "product": "/mugs/blue-mug/",
    "content page": "/about-us/",
    "search": "/search/?q=mug",
}


class InlineCode(HTMLParser):
    """The text of every inline <script> and <style> of a page, as a browser reads it."""

    def __init__(self, html):
        super().__init__(convert_charrefs=False)
        self.scripts, self.styles, self.external, self._open = [], [], [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.external.append(attrs["src"])
        elif tag in ("script", "style"):
            self._open = (tag, [])

    def handle_data(self, data):
        if self._open:
            self._open[1].append(data)

    def handle_endtag(self, tag):
        if self._open and tag == self._open[0]:
            (self.scripts if tag == "script" else self.styles).append("".join(self._open[1]))
            self._open = None


def _sha256(text):
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


@pytest.fixture
def shop(store):
    """``store`` with a category, a product, a content page and search switched on."""
    variant = stocked_variant(site=store.site, title="Blue mug", stock=5)
    category = CategoryPageFactory(parent=store.site.root_page, title="Mugs")
    ProductPageFactory(parent=category, product=variant.product)
    store.site.root_page.add_child(instance=StorePage(title="About us", slug="about-us"))
    set_theme(store.site, show_search=True)
    return variant


@pytest.fixture
def with_code(store, shop):
    set_theme(
        store.site,
        custom_head_code=HEAD_CODE,
        custom_body_code=BODY_CODE,
        custom_css=CUSTOM_CSS,
        ga4_measurement_id="G-AB12CD34EF",
    )
    return shop


@pytest.mark.parametrize("name", STOREFRONT_PAGES)
def test_storefront_pages_carry_the_stores_code_and_a_policy_for_exactly_it(
    shopper_client, with_code, name
):
    response = shopper_client.get(STOREFRONT_PAGES[name])

    assert response.status_code == 200
    page = response.content.decode()
    code = InlineCode(page)
    policy = csp_directives(response)
    assert '<meta name="site-verification" content="alpha-123">' in page
    assert '<div id="alpha-banner">Free delivery</div>' in page, "handler attribute left out"
    assert f"<style>{CUSTOM_CSS}</style>" in page
    assert 'data-ga4="G-AB12CD34EF"' in page
    assert policy["script-src"] == [
        "'self'",
        _sha256("window.alphaChat = {room: 'alpha'};"),
        _sha256('show("x")'),
        "https://widgets.example.com/chat.js",
        "https://www.googletagmanager.com",
    ]
    assert policy["connect-src"] == [
        "'self'",
        "https://*.google-analytics.com",
        "https://www.googletagmanager.com",
    ]
    assert policy["img-src"] == [
        "'self'",
        "data:",
        "https://*.google-analytics.com",
        "https://www.googletagmanager.com",
    ]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src-attr"] == ["'unsafe-inline'"]
    assert policy["style-src-elem"] == ["'self'", *[_sha256(style) for style in code.styles]]
    assert len(code.styles) == 2, "the theme's colours and the store's CSS"
    assert policy["default-src"] == ["'self'"]
    # Custom code adds no frame: only the video block's two players may be framed.
    assert policy["frame-src"] == ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]


def test_every_inline_script_on_the_page_is_allowed_by_its_hash(shopper_client, with_code):
    response = shopper_client.get("/")
    code = InlineCode(response.content.decode())
    policy = csp_directives(response)

    assert len(code.scripts) == 2
    assert [_sha256(script) for script in code.scripts] == [
        source for source in policy["script-src"] if source.startswith("'sha256-")
    ]
    external = [src for src in code.external if src.startswith("https://")]
    assert external == ["https://widgets.example.com/chat.js?key=9"]


def test_pages_without_custom_code_keep_the_strict_policy(shopper_client, shop):
    response = shopper_client.get("/")
    policy = csp_directives(response)

    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["connect-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert "style-src-elem" not in policy
    assert "analytics.js" not in response.content.decode()


def test_meta_pixel_adds_exactly_its_own_origins(shopper_client, store, shop):
    set_theme(store.site, meta_pixel_id="123456789012345")

    response = shopper_client.get("/mugs/blue-mug/")
    policy = csp_directives(response)

    assert 'data-meta-pixel="123456789012345"' in response.content.decode()
    assert 'data-ga4=""' in response.content.decode()
    assert policy["script-src"] == ["'self'", "https://connect.facebook.net"]
    assert policy["connect-src"] == ["'self'", "https://www.facebook.com"]
    assert policy["img-src"] == ["'self'", "data:", "https://www.facebook.com"]
    assert "style-src-elem" not in policy


def test_analytics_load_from_our_own_file_without_inline_script(shopper_client, store, shop):
    set_theme(store.site, ga4_measurement_id="G-AB12CD34EF", meta_pixel_id="123456789012345")

    code = InlineCode(shopper_client.get("/").content.decode())

    assert code.scripts == []
    assert [src for src in code.external if "analytics" in src] == [
        "/static/themes/js/analytics.js"
    ]


def _order_complete(client, store, variant):
    client.post(reverse("shop:cart-add"), {"variant": variant.pk, "quantity": 1})
    token = issued_checkout_token(client)
    return client.post(
        reverse("shop:checkout"),
        {
            "email": "ann@example.test",
            "name": "Ann Example",
            "address_line1": "1 Fjord Street",
            "postal_code": "0150",
            "city": "Oslo",
            "country": "NO",
            "payment_method": "bank_transfer",
            "checkout_token": token,
        },
        follow=True,
    )


@pytest.mark.parametrize(
    "name", ["cart", "checkout", "order complete", "not found", "refused add to cart"]
)
def test_the_stores_code_never_runs_on_the_shoppers_own_or_error_pages(store, with_code, name):
    client = HttpClient(HTTP_HOST=store.site.hostname)
    if name == "order complete":
        response = _order_complete(client, store, with_code)
        assert response.redirect_chain[-1][0].startswith("/checkout/complete/")
    elif name == "refused add to cart":
        client = HttpClient(HTTP_HOST=store.site.hostname, enforce_csrf_checks=True)
        response = client.post(reverse("shop:cart-add"), headers={"origin": "https://x.test"})
    else:
        client.post(reverse("shop:cart-add"), {"variant": with_code.pk, "quantity": 1})
        path = {"cart": "/cart/", "checkout": "/checkout/", "not found": "/no-such-page/"}
        response = client.get(path[name])

    page = response.content.decode()
    policy = csp_directives(response)
    assert "alpha" not in page.lower().replace("alpha goods", "")
    assert CUSTOM_CSS not in page
    assert "analytics.js" not in page
    assert policy["script-src"] == ["'self'"]
    assert "style-src-elem" not in policy
    assert policy["connect-src"] == ["'self'"]


def test_the_stores_code_is_not_in_the_admins_view_of_a_draft(merchant_client, store, with_code):
    response = merchant_client.get(
        reverse("wagtailadmin_pages:view_draft", args=[store.site.root_page_id])
    )

    assert response.status_code == 200
    assert "alpha-banner" not in response.content.decode()
    assert "alphaChat" not in response.content.decode()


def test_a_stores_code_never_appears_on_another_store(other_store, with_code):
    other = HttpClient(HTTP_HOST=other_store.site.hostname)

    response = other.get("/")

    assert response.status_code == 200
    assert "alpha-banner" not in response.content.decode()
    assert "alphaChat" not in response.content.decode()
    assert csp_directives(response)["script-src"] == ["'self'"]
