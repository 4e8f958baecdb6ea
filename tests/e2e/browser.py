"""Helpers for browser tests."""


def capture(page, path) -> None:
    """Full-page screenshot once lazy images have loaded, as a person scrolling would see it."""
    page.evaluate(
        """async () => {
            for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight / 2) {
                window.scrollTo(0, y);
                await new Promise((resolve) => setTimeout(resolve, 60));
            }
            window.scrollTo(0, 0);
            await Promise.all([...document.images].map((img) => img.complete
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
