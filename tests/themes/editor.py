"""Helpers of the theme editor's tests: the store's theme, its admin URLs, and the editor's
form posted as a browser would (with changes)."""

from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from tenancy.scope import store_scope
from themes.models import StoreTheme

NAMESPACE = "wagtailsnippets_themes_storetheme"


def theme_of(store) -> StoreTheme:
    with store_scope([store.site.pk]):
        return StoreTheme.objects.get(site=store.site)


def theme_url(view: str, theme, *args) -> str:
    return reverse(f"{NAMESPACE}:{view}", args=[theme.pk, *args])


def editor_data(client, url, **changes):
    """The editor form's data as the page at ``url`` fills it, with ``changes``."""
    data = querydict_from_html(client.get(url).content.decode(), form_id="w-editor-form")
    for name, value in changes.items():
        data[name] = value
    return data


def post_theme(client, theme, *, publish=False, url=None, **changes):
    """Post the theme's editor (``url``, by default its edit view) with ``changes``: saves
    a draft, or publishes with ``publish=True``."""
    url = url or theme_url("edit", theme)
    data = editor_data(client, url, **changes)
    if publish:
        data["action-publish"] = "action-publish"
    return client.post(url, data)
