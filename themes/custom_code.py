"""A store's own code on its storefront pages, and the Content-Security-Policy that allows it.

Merchants write custom CSS, HTML for the end of ``<head>`` and of ``<body>``, and analytics
IDs. The storefront policy allows scripts from the project only (ADR 13), so what the
merchant wrote is allowed one piece at a time: the SHA-256 hash of each inline script, the
exact https address of each external script, the hash of the custom CSS, and the origins
of the analytics providers the store enabled. Nothing else is added (ADR 28).

The code is parsed with Python's HTML parser and written out again from what was parsed:
every element closed, attributes quoted and escaped, comments, event-handler attributes
and elements that could take over the page (``<base>``, ``<plaintext>``, SVG and MathML)
left out. What the browser runs is then exactly what was hashed. A script whose text the
browser could read differently (it contains ``</script`` or ``<!--``) is left out rather
than allowed.
"""

import base64
import hashlib
import html
import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.utils.functional import cached_property
from django.utils.safestring import SafeString, mark_safe

from .models import ga4_id, meta_pixel_id

# Elements the HTML serializer writes without an end tag.
VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    | {"track", "wbr"}
)
# Left out with everything inside them: a base address would redirect the page's links,
# <plaintext> swallows the rest of the page, and scripts in SVG or MathML are parsed by
# other rules than HTML's, so their hashes could not be trusted.
DROPPED_ELEMENTS = frozenset({"base", "plaintext", "svg", "math", "html", "head", "body"})
# Elements whose content the browser reads as text: scripts in them never run.
TEXT_CONTAINERS = frozenset(
    {"noscript", "iframe", "noembed", "noframes", "textarea", "title", "xmp"}
)
# What may stand at the end of <head>; anything else would end the head early.
HEAD_ELEMENTS = frozenset({"script", "noscript", "meta", "link", "style", "template"})
# <script type> values browsers run as script; other types are data blocks, never run.
SCRIPT_TYPES = frozenset(
    {"", "module", "text/javascript", "application/javascript", "text/ecmascript"}
    | {"application/ecmascript", "text/jscript", "text/livescript"}
)
ATTRIBUTE_NAME = re.compile(r"[a-z_][a-z0-9_.:-]*")
# An https URL that can stand in a CSP source list as it is: no spaces, quotes, commas or
# semicolons (which would end the directive) and no user name or password.
CSP_HOST = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")
CSP_PATH = re.compile(r"/[A-Za-z0-9/._~!$&()*+=:@%-]*")

ANALYTICS_SOURCES = {
    # Google Analytics 4: gtag.js from Google Tag Manager, hits to *.google-analytics.com.
    "ga4": {
        "script-src": ["https://www.googletagmanager.com"],
        "connect-src": ["https://*.google-analytics.com", "https://www.googletagmanager.com"],
        "img-src": ["https://*.google-analytics.com", "https://www.googletagmanager.com"],
    },
    # Meta Pixel: fbevents.js from connect.facebook.net, events to www.facebook.com.
    "meta_pixel": {
        "script-src": ["https://connect.facebook.net"],
        "connect-src": ["https://www.facebook.com"],
        "img-src": ["https://www.facebook.com"],
    },
}

# A shared page shows an empty cart count until the shopper's script fills it in.
PLACEHOLDER_RULES = ".site-cart__count:empty { display: none; }"


def csp_hash(text: str) -> str:
    """The CSP source that allows an inline script or style with exactly ``text``."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _browser_text(source: str) -> str:
    """``source`` as the browser's HTML parser reads it: newlines normalised, NULs replaced."""
    return source.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")


def script_source(url: str) -> str | None:
    """The CSP source for an external script at ``url``, or None when it is not a plain
    https address (the script is then left out). The query is not part of a CSP source."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    path = parts.path or "/"
    if (
        parts.scheme.lower() != "https"
        or parts.username is not None
        or not CSP_HOST.fullmatch(host)
        or not CSP_PATH.fullmatch(path)
    ):
        return None
    return f"https://{host}{f':{port}' if port else ''}{path}"


@dataclass
class CodeFragment:
    """Custom code as it is printed, with what the policy must allow for it."""

    html: str = ""
    script_hashes: list[str] = field(default_factory=list)
    script_sources: list[str] = field(default_factory=list)
    style_hashes: list[str] = field(default_factory=list)


class _CodeWriter(HTMLParser):
    """Writes parsed HTML out again, element by element, and notes the scripts in it."""

    def __init__(self, *, in_head: bool):
        super().__init__(convert_charrefs=True)
        self.in_head = in_head
        self.out: list[str] = []
        self.open: list[str] = []  # elements written and not yet closed
        self.skipping: list[str] = []  # a left-out element and what is open inside it
        self.raw = None  # (tag, attributes as written, attributes, text chunks)
        self.fragment = CodeFragment()

    def _in_text_container(self) -> bool:
        return any(name in TEXT_CONTAINERS for name in self.open)

    def _left_out(self, tag) -> bool:
        if tag in DROPPED_ELEMENTS:
            return True
        if self.in_head and not self.open and tag not in HEAD_ELEMENTS:
            return True
        # Scripts and styles in a text container never run; a second container in one
        # would end the first where the browser and this parser disagree.
        return self._in_text_container() and (tag in TEXT_CONTAINERS or tag in ("script", "style"))

    def handle_starttag(self, tag, attrs):
        if self.skipping or self._left_out(tag):
            if tag not in VOID_ELEMENTS:
                self.skipping.append(tag)
            return
        attrs = [(n, v) for n, v in attrs if ATTRIBUTE_NAME.fullmatch(n) and n[:2] != "on"]
        written = "".join(
            f" {name}" if value is None else f' {name}="{html.escape(value)}"'
            for name, value in attrs
        )
        if tag in ("script", "style"):
            self.raw = (tag, written, dict(attrs), [])
            return
        self.out.append(f"<{tag}{written}>")
        if tag not in VOID_ELEMENTS:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if self.raw is not None:
            if tag == self.raw[0]:
                self._write_raw()
            return
        stack = self.skipping or self.open
        if tag not in stack:
            return
        while stack:
            name = stack.pop()
            if stack is self.open:
                self.out.append(f"</{name}>")
            if name == tag:
                break

    def handle_data(self, data):
        if self.raw is not None:
            self.raw[3].append(data)
        elif not self.skipping and not (self.in_head and not self.open and data.strip()):
            self.out.append(html.escape(data, quote=False))

    # Comments, doctypes and processing instructions are left out: no handler for them.

    def close(self) -> CodeFragment:
        super().close()
        if self.raw is not None:
            self._write_raw()
        while self.open:
            self.out.append(f"</{self.open.pop()}>")
        self.fragment.html = "".join(self.out)
        return self.fragment

    def _write_raw(self):
        tag, written, attrs, chunks = self.raw
        self.raw = None
        text = "".join(chunks)
        if f"</{tag}" in text.lower() or "<!--" in text:
            return
        if tag == "style":
            self.fragment.style_hashes.append(csp_hash(text))
        elif "src" in attrs:
            source = script_source(attrs["src"] or "")
            if source is None:
                return
            self.fragment.script_sources.append(source)
            text = ""
        elif (attrs.get("type") or "").strip().lower() in SCRIPT_TYPES:
            self.fragment.script_hashes.append(csp_hash(text))
        self.out.append(f"<{tag}{written}>{text}</{tag}>")


@lru_cache(maxsize=256)
def parse_code(source: str, *, in_head: bool) -> CodeFragment:
    """``source`` written out as safe, well-formed HTML with what its scripts need.

    Remembered by its text: every page of a store asks for the same code. The fragment
    returned is shared, so nobody changes it."""
    if not source or not source.strip():
        return CodeFragment()
    writer = _CodeWriter(in_head=in_head)
    writer.feed(_browser_text(source))
    return writer.close()


def theme_style(theme) -> str:
    """The text of the ``<style>`` every storefront page has: the theme's colours and fonts
    as CSS custom properties, and the rule that hides a cart count not filled in yet."""
    return f":root {{ {theme.css_variables} }} {PLACEHOLDER_RULES}"


class StoreCode:
    """What one store's storefront pages add to the theme: custom CSS and code, analytics.

    Built from the theme for the store's own storefront pages only
    (``shop.middleware.StorefrontCodeMiddleware`` decides which pages those are).
    """

    def __init__(self, theme):
        self.theme = theme

    @cached_property
    def css(self) -> str:
        css = _browser_text(getattr(self.theme, "custom_css", "") or "")
        return "" if not css.strip() or "</style" in css.lower() else css

    @cached_property
    def head(self) -> CodeFragment:
        return parse_code(getattr(self.theme, "custom_head_code", "") or "", in_head=True)

    @cached_property
    def body(self) -> CodeFragment:
        return parse_code(getattr(self.theme, "custom_body_code", "") or "", in_head=False)

    @cached_property
    def ga4_id(self) -> str:
        value = getattr(self.theme, "ga4_measurement_id", "") or ""
        return value if ga4_id.regex.fullmatch(value) else ""

    @cached_property
    def meta_pixel_id(self) -> str:
        value = getattr(self.theme, "meta_pixel_id", "") or ""
        return value if meta_pixel_id.regex.fullmatch(value) else ""

    @property
    def head_html(self) -> SafeString:
        return mark_safe(self.head.html)  # noqa: S308 (written by _CodeWriter from parsed HTML)

    @property
    def body_html(self) -> SafeString:
        return mark_safe(self.body.html)  # noqa: S308 (written by _CodeWriter from parsed HTML)

    def csp_update(self) -> dict[str, list[str]]:
        """The sources to add to the storefront policy for this store's code; empty when
        the store has none, so its pages keep the strict policy."""
        update: dict[str, list[str]] = {}

        def add(directive, sources):
            for source in sources:
                if source not in update.setdefault(directive, []):
                    update[directive].append(source)

        fragments = (self.head, self.body)
        add("script-src", [h for f in fragments for h in f.script_hashes])
        add("script-src", [s for f in fragments for s in f.script_sources])
        styles = [h for f in fragments for h in f.style_hashes]
        if self.css:
            styles.insert(0, csp_hash(self.css))
        if styles:
            # Once an inline <style> is allowed by its hash, browsers ignore
            # 'unsafe-inline' for <style> elements: the theme's own one is hashed too.
            # Style attributes keep 'unsafe-inline' (style-src-attr); style-src stays as
            # it is for browsers without the CSP 3 directives.
            add("style-src-elem", ["'self'", csp_hash(theme_style(self.theme)), *styles])
            add("style-src-attr", ["'unsafe-inline'"])
        for provider, enabled in (("ga4", self.ga4_id), ("meta_pixel", self.meta_pixel_id)):
            if enabled:
                for directive, sources in ANALYTICS_SOURCES[provider].items():
                    add(directive, sources)
        return {directive: sources for directive, sources in update.items() if sources}
