"""Helpers for browser tests."""

from playwright.sync_api import expect


def capture(page, path) -> None:
    """Full-page screenshot once lazy images have loaded, as a person scrolling would see it."""
    page.evaluate(
        """async () => {
            for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight / 2) {
                window.scrollTo(0, y);
                await new Promise((resolve) => setTimeout(resolve, 60));
            }
            window.scrollTo(0, 0);
            // Pictures a shopper cannot see (inside display: none) never load when lazy.
            const shown = [...document.images].filter((img) => img.getClientRects().length);
            await Promise.all(shown.map((img) => img.complete
                ? null
                : new Promise((resolve) => { img.onload = img.onerror = resolve; })));
        }"""
    )
    page.screenshot(path=path, full_page=True)


def store_url(live_server, slug: str, path: str = "/") -> str:
    port = live_server.url.rsplit(":", 1)[1]
    return f"http://{slug}.localhost:{port}{path}"


def sign_in(page, live_server, username: str, password: str) -> None:
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/admin/")


# Runs in every frame before the page's own scripts. The browser also logs its own
# "Refused to ..." line; this one names the directive, the blocked resource and the document.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  const blocked = event.blockedURI || "inline";
  const sample = event.sample ? ` (${event.sample})` : "";
  console.error(
    `CSP violation: ${event.effectiveDirective} refused ${blocked}${sample} on ${event.documentURI}`
  );
}, true);
"""


class CspViolations:
    """The Content-Security-Policy violations a page reports in its console, as they come."""

    def __init__(self):
        self.found: list[str] = []

    def watch(self, page) -> None:
        page.add_init_script(CSP_LISTENER)
        page.on("console", lambda message: self._record(page, message.text))

    def _record(self, page, text: str) -> None:
        if text.startswith("CSP violation:") or "Content Security Policy" in text:
            self.found.append(f"{page.url}: {text}")

    def assert_none(self, where: str) -> None:
        """Fail naming ``where`` and every blocked resource reported since the last call."""
        found, self.found = self.found, []
        assert not found, f"{where}: the Content-Security-Policy blocked\n" + "\n".join(found)


def open_chooser(page, name: str, button: str):
    """Click the chooser button of the form field ``name`` and return its modal's body once
    the modal has listed what it offers."""
    page.locator(f"#{name}-chooser").get_by_role("button", name=button).click()
    modal = page.locator(".modal .modal-body")
    modal.locator("[data-chooser-modal-choice], .choose-page, .navigate-pages").first.wait_for()
    return modal


def modal_choice_ids(modal) -> list[int]:
    """Ids of the rows a chooser modal offers to choose (its image and snippet links hold
    ``chosen/<id>/``, its page links carry ``data-id``)."""
    return modal.locator("[data-chooser-modal-choice], .choose-page").evaluate_all(
        """(links) => links.map((link) => Number(link.dataset.id
            || link.getAttribute("href").match(/chosen\\/(\\d+)\\//)[1]))"""
    )


def chosen(page, name: str):
    """The chooser of the form field ``name`` once its modal has closed on a choice: the
    title it shows, to be waited on with ``expect``."""
    page.locator(".modal").wait_for(state="detached")
    return page.locator(f"#{name}-chooser [data-chooser-title]")


def watch_autosave(page) -> None:
    """Called right before the last change in Wagtail's editor: ``wait_for_autosave`` then
    waits for an autosave that ends after it."""
    page.locator("form[data-edit-form]").evaluate(
        """(form) => {
            delete form.dataset.autosaved;
            form.addEventListener("w-autosave:success", () => {
                form.dataset.autosaved = "true";
            }, {once: true});
        }"""
    )


def wait_for_autosave(page) -> None:
    """Wait until the editor has autosaved and has no autosave on the way.

    Publishing while an autosave of a new page is on the way can leave the page a draft:
    the autosave, which read the page before it went live, writes it back as it was.
    """
    expect(page.locator("form[data-edit-form]")).to_have_attribute("data-autosaved", "true")
    indicator = page.locator("#w-autosave-indicator")
    expect(indicator).to_have_attribute("data-w-autosave-state-value", "saved")


def store_with_lighting(*, preset):
    """Store ``alpha`` with a Lighting category (in the menu) holding one product page: an
    Arc Floor Lamp at €40.00 with ten in stock. Returns (store, lamp variant, category)."""
    from shop.models import CategoryPage
    from tenancy.scope import store_scope
    from tests.shop.factories import CategoryPageFactory, ProductPageFactory, stocked_variant
    from tests.tenants.factories import StoreFactory

    store = StoreFactory(slug="alpha", name="Alpha Goods", preset=preset)
    lamp = stocked_variant(site=store.site, price="40.00", stock=10, title="Arc Floor Lamp")
    with store_scope([store.site.pk]):
        lighting: CategoryPage = CategoryPageFactory(
            parent=store.site.root_page, title="Lighting", slug="lighting", show_in_menus=True
        )
        ProductPageFactory(parent=lighting, product=lamp.product, slug="arc-floor-lamp")
    return store, lamp, lighting
