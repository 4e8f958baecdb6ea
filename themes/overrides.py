"""Page-tree theming: a page may override a few theme values for itself and its subtree.

A ``PageThemeOverride`` hangs off a page (one at most, edited in the page's "Theme" tab,
so it is drafted, previewed, published and reverted with the page). Each of its fields
left empty inherits. A page's values are resolved field by field from the page upwards to
its store's home page: the nearest page that sets a field wins, and the store's theme
fills the rest.

The whole chain is read in one query, whatever the depth: a page's ancestors are the
prefixes of its tree path, so the query asks for the overrides of those paths. Only the
prefixes from the store's home page down are asked for, so another store's override, or
one above the stores, never applies.
"""

from dataclasses import dataclass, field

from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, Panel
from wagtail.models import Page

from tenancy.store_cache import store_value

from .presets import FooterStyle, HeaderLayout, HeroStyle

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Enter a colour as #RRGGBB, such as #1e3a5f.")

# The theme values a page may override, in the order the editor shows them.
OVERRIDE_FIELDS = ("primary_color", "accent_color", "hero_style", "header_layout", "footer_style")
# A store's home page is the page at this depth (under the tree root): the top of its chain.
STORE_HOME_DEPTH = 2


def _colour_field(label):
    return models.CharField(
        label,
        max_length=7,
        blank=True,
        validators=[hex_colour],
        help_text="#RRGGBB. Leave empty to inherit.",
    )


def _choice_field(label, choices):
    return models.CharField(
        label, max_length=16, choices=choices, blank=True, help_text="Leave empty to inherit."
    )


class PageThemeOverride(models.Model):
    """Theme values one page sets for itself and the pages below it; empty fields inherit."""

    page = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="theme_overrides")
    primary_color = _colour_field("primary colour")
    accent_color = _colour_field("accent colour")
    hero_style = _choice_field("hero style", HeroStyle.choices)
    header_layout = _choice_field("header layout", HeaderLayout.choices)
    footer_style = _choice_field("footer", FooterStyle.choices)

    panels = [
        FieldRowPanel([FieldPanel("primary_color"), FieldPanel("accent_color")]),
        FieldPanel("hero_style"),
        FieldPanel("header_layout"),
        FieldPanel("footer_style"),
    ]

    class Meta:
        verbose_name = "theme override"
        constraints = [
            models.UniqueConstraint(fields=["page"], name="one_theme_override_per_page"),
        ]

    def __str__(self):
        return f"Theme override of page {self.page_id}"

    def values(self) -> dict[str, str]:
        """The fields this override sets (empty ones inherit)."""
        return {name: getattr(self, name) for name in OVERRIDE_FIELDS if getattr(self, name)}


@dataclass(frozen=True)
class Inherited:
    """The nearest ancestor that overrides something: where the editor links to."""

    page_id: int
    title: str
    values: dict[str, str]


@dataclass
class ResolvedOverrides:
    """A page's overrides, merged field by field with the nearest setter winning."""

    values: dict[str, str] = field(default_factory=dict)
    inherited_from: Inherited | None = None  # the nearest ancestor (not the page) with one


def ancestor_paths(path: str, *, include_self: bool) -> list[str]:
    """The tree paths from the store's home page down to the page (or its parent)."""
    end = len(path) if include_self else len(path) - Page.steplen
    start = STORE_HOME_DEPTH * Page.steplen
    return [path[:length] for length in range(start, end + 1, Page.steplen)]


def resolve_overrides(page, *, own=None, parent=None) -> ResolvedOverrides:
    """The overrides that apply to ``page``, in one query for its whole ancestor chain.

    ``own`` is the page's own override as edited but not saved (a preview); by default the
    page's saved override is read in the same query as its ancestors'. For a page not yet
    in the tree, ``parent`` is where it is being added.
    """
    if page.path:  # a page in the tree, or one previewed before it is added
        paths = ancestor_paths(page.path, include_self=own is None)
    elif parent is not None and parent.path:
        paths = ancestor_paths(parent.path, include_self=True)
    else:
        paths = []
    rows = (
        list(
            PageThemeOverride.objects.filter(page__path__in=paths)
            .order_by("-page__depth")
            .values("page_id", "page__title", *OVERRIDE_FIELDS)
        )
        if paths
        else []
    )
    resolved = ResolvedOverrides()
    chain = [own.values()] if own is not None else []
    for row in rows:
        values = {name: row[name] for name in OVERRIDE_FIELDS if row[name]}
        if row["page_id"] == page.pk and own is None:
            chain.append(values)
            continue
        if values and resolved.inherited_from is None:
            resolved.inherited_from = Inherited(row["page_id"], row["page__title"], values)
        chain.append(values)
    for values in reversed(chain):  # the nearest page last, so it wins
        resolved.values.update(values)
    return resolved


OVERRIDES_ENTRY = "theme-overrides"


def published_overrides(page, *, site_id: int) -> dict[str, str]:
    """The overrides that apply to ``page`` as published (its own and its ancestors'),
    merged with the nearest page winning.

    Read from the store's cache, which holds every override of the store's tree, by page
    path: no query per page or per level. Publishing, moving or deleting a page of the
    store (which writes or removes its override) drops the entry.
    """
    home_path = page.path[: STORE_HOME_DEPTH * Page.steplen]

    def build() -> dict[str, dict[str, str]]:
        rows = PageThemeOverride.objects.filter(page__path__startswith=home_path).values(
            "page__path", *OVERRIDE_FIELDS
        )
        return {
            row["page__path"]: {name: row[name] for name in OVERRIDE_FIELDS if row[name]}
            for row in rows
        }

    by_path = store_value(site_id, f"{OVERRIDES_ENTRY}:{home_path}", build)
    values: dict[str, str] = {}
    for path in ancestor_paths(page.path, include_self=True):  # the nearest page last
        values.update(by_path.get(path, {}))
    return values


def unsaved_override(page):
    """The override being previewed with ``page``, from its in-memory child relation.

    A page built from the editor's form holds its children in memory; reading them makes
    no query. Returns an empty override when the page sets none, so that a removed
    override is previewed as removed.
    """
    items = [item for item in page.theme_overrides.all() if item is not None]
    return items[0] if items else PageThemeOverride()


class ThemeInheritancePanel(Panel):
    """Says where a page's theme comes from: the nearest ancestor that overrides it, linked,
    or the store's own theme."""

    class BoundPanel(Panel.BoundPanel):
        def render_html(self, parent_context=None):
            page = self.instance
            parent = getattr(self.form, "parent_page", None)
            inherited = resolve_overrides(page, own=PageThemeOverride(), parent=parent)
            source = inherited.inherited_from
            if source is None:
                return format_html(
                    '<p class="help-block" data-theme-inheritance>{}</p>',
                    "Uses the store's theme. Values set below apply to this page and the "
                    "pages under it.",
                )
            described = ", ".join(
                f"{PageThemeOverride._meta.get_field(name).verbose_name} {value}"
                for name, value in source.values.items()
            )
            return format_html(
                '<p class="help-block" data-theme-inheritance>Inherits from: '
                '<a href="{}">{}</a> ({}). Values set below win over it.</p>',
                reverse("wagtailadmin_pages:edit", args=[source.page_id]),
                source.title,
                described,
            )


def theme_panels():
    """The "Theme" tab of a store page: where its theme comes from, and its override."""
    return [
        ThemeInheritancePanel(heading="Where this page's theme comes from"),
        InlinePanel(
            "theme_overrides",
            max_num=1,
            min_num=0,
            heading="Theme override",
            label="Override",
            help_text="Colours and layouts for this page and every page under it, such as a "
            "sale section in its own colours. Empty fields inherit.",
        ),
    ]


OVERRIDES_PREFIX = "theme_overrides"


def keep_override_when_absent(data, page):
    """Form data for a page form that leaves the page's override as it is when the post
    carries no "Theme" tab (a form posted by a script or an older screen).

    Without it, the override's formset would be invalid (no management form) and the whole
    save refused; with an empty management form instead, the saved override would be
    deleted. The page's current override is posted back unchanged.
    """
    if data is None or f"{OVERRIDES_PREFIX}-TOTAL_FORMS" in data:
        return data
    data = data.copy()
    existing = [item for item in page.theme_overrides.all() if item.pk] if page.pk else []
    data[f"{OVERRIDES_PREFIX}-TOTAL_FORMS"] = str(len(existing))
    data[f"{OVERRIDES_PREFIX}-INITIAL_FORMS"] = str(len(existing))
    data[f"{OVERRIDES_PREFIX}-MIN_NUM_FORMS"] = "0"
    data[f"{OVERRIDES_PREFIX}-MAX_NUM_FORMS"] = "1"
    for index, item in enumerate(existing):
        data[f"{OVERRIDES_PREFIX}-{index}-id"] = str(item.pk)
        for name in OVERRIDE_FIELDS:
            data[f"{OVERRIDES_PREFIX}-{index}-{name}"] = getattr(item, name)
    return data
