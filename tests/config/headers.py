"""Reading the security headers of a response in tests."""

from html.parser import HTMLParser

BASELINE = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "SAMEORIGIN",
}


def csp_directives(response) -> dict[str, list[str]]:
    """{directive: [sources]} of the response's Content-Security-Policy header."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def missing_baseline_headers(response) -> dict[str, str | None]:
    """The baseline headers the response lacks or carries with another value."""
    missing = {
        name: response.headers.get(name)
        for name, value in BASELINE.items()
        if response.headers.get(name) != value
    }
    if not response.headers.get("Content-Security-Policy"):
        missing["Content-Security-Policy"] = None
    return missing


class ScriptsAndHandlers(HTMLParser):
    """Collects the attributes of every <script> and every inline event-handler attribute."""

    def __init__(self, html: str):
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.handlers: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append(dict(attrs))
        self.handlers += [f"<{tag} {name}=...>" for name, _ in attrs if name.startswith("on")]
