"""Shop → Campaigns: the active store's campaigns on a calendar, the campaign editor, and the
preview of the store "as it will look at" any moment (ADR 48).

A campaign is planned from drafts people already made in Wagtail's own editors: the pages,
the theme and the promotions listed are those of the store, each with the state of its
draft, and the campaign publishes each one's latest draft as it stands when the campaign is
saved. Owners and editors plan campaigns (``shop.*_campaign``); the preview is theirs alone:
it is served from the admin, never from the store's address, and never cached.
"""

import re
from contextlib import suppress
from datetime import datetime, timedelta
from urllib.parse import urlencode, urlsplit

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import dateparse, timezone
from django.utils.html import escape
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminDateTimeInput
from wagtail.models import Page, Site

from domains.models import Domain
from tenancy import moment
from tenancy.coming_up import coming_up
from tenancy.request import store_access
from themes.models import PREVIEW_THEMES_ATTR, StoreTheme

from .admin_widgets import SearchableChecklist
from .campaign_book import calendar, changes_of, page_at, version_at, week_start
from .data import Campaign, CampaignChange, Product, Promotion
from .exceptions import CampaignRefused
from .services.campaigns import (
    Plan,
    cancel_campaign,
    change_running_campaign,
    end_campaign_now,
    save_campaign,
    when,
)

INDEX_URL = "shop_campaigns"
ADD_URL = "shop_campaign_add"
EDIT_URL = "shop_campaign_edit"
CANCEL_URL = "shop_campaign_cancel"
END_URL = "shop_campaign_end"
PREVIEW_URL = "shop_campaign_preview"


def _site_of(request, permission: str) -> Site:
    store = store_access(request).active
    if store is None or not request.user.has_perm(f"shop.{permission}_campaign"):
        raise PermissionDenied
    return store.site


def _saved(revision) -> str:
    return timezone.localtime(revision.created_at).strftime("%-d %b, %H:%M")


def draft_state(obj) -> str:
    """What publishing the object's latest draft would do, in a few words."""
    latest = obj.latest_revision
    if not obj.live:
        return f"not published yet, draft saved {_saved(latest)}" if latest else "empty draft"
    if obj.has_unpublished_changes and latest is not None:
        return f"live; draft saved {_saved(latest)}"
    return "live; no draft (publishes it unchanged)"


class ObjectChoices(forms.ModelMultipleChoiceField):
    def __init__(self, *args, root_depth=None, **kwargs):
        self.root_depth = root_depth
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        indent = ""
        if self.root_depth is not None:
            indent = "— " * (obj.depth - self.root_depth)
        return f"{indent}{obj.title if isinstance(obj, Page) else obj} ({draft_state(obj)})"


class CampaignForm(forms.Form):
    name = forms.CharField(max_length=120, help_text="For your team, such as “Black Friday”.")
    starts_at = forms.DateTimeField(label="Starts", widget=AdminDateTimeInput())
    ends_at = forms.DateTimeField(
        label="Ends", widget=AdminDateTimeInput(), help_text="Everything is put back then."
    )
    pages = ObjectChoices(
        queryset=Page.objects.none(),
        required=False,
        widget=SearchableChecklist(noun="pages"),
        help_text="Each page's latest draft is published at the start. A page that was not "
        "live is unpublished at the end; a live one gets back the version live at the start.",
    )
    promotions = ObjectChoices(
        queryset=Promotion._base_manager.none(),
        required=False,
        widget=SearchableChecklist(noun="promotions"),
        help_text="Each promotion's latest draft runs exactly from the start to the end.",
    )
    theme = forms.BooleanField(
        label="Publish the theme's latest draft",
        required=False,
        help_text="The theme goes back to the version live at the start when the campaign ends.",
    )
    shown = forms.ModelMultipleChoiceField(
        label="Products to put on sale",
        queryset=Product._base_manager.none(),
        required=False,
        widget=SearchableChecklist(noun="products"),
        help_text="Products in draft, made active for the campaign.",
    )
    hidden = forms.ModelMultipleChoiceField(
        label="Products to take off sale",
        queryset=Product._base_manager.none(),
        required=False,
        widget=SearchableChecklist(noun="products"),
        help_text="Active products, made draft for the campaign.",
    )

    def __init__(self, *args, site: Site, campaign: Campaign | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.site = site
        self.campaign = campaign
        root = site.root_page
        self.fields["pages"].queryset = (
            Page.objects.descendant_of(root, inclusive=True)
            .exclude(content_type__model="productpage")
            .order_by("path")
        )
        self.fields["pages"].root_depth = root.depth
        self.fields["promotions"].queryset = Promotion.objects.filter(site=site).order_by("name")
        self.theme_row = StoreTheme.objects.filter(site=site).first()
        if self.theme_row is not None:
            self.fields["theme"].help_text += f" Now: {draft_state(self.theme_row)}."
        products = Product.objects.filter(site=site).order_by("title")
        chosen = []
        if campaign is not None:
            chosen = [row.product_id for row in campaign.products.all()]
        self.fields["shown"].queryset = products.filter(
            status=Product.Status.DRAFT
        ) | products.filter(pk__in=chosen)
        self.fields["hidden"].queryset = products.filter(
            status=Product.Status.ACTIVE
        ) | products.filter(pk__in=chosen)
        for name, state in (("shown", "in draft"), ("hidden", "active")):
            if not self.fields[name].queryset.exists():
                self.fields[name].help_text = f"No product is {state} now."
        if campaign is not None and campaign.state == Campaign.State.RUNNING:
            # What it touches is fixed once it has started: the table below lists it.
            for name in ("starts_at", "pages", "promotions", "theme", "shown", "hidden"):
                del self.fields[name]

    @property
    def running(self) -> bool:
        return self.campaign is not None and self.campaign.state == Campaign.State.RUNNING

    def clean(self):
        data = super().clean()
        both = set(data.get("shown") or []) & set(data.get("hidden") or [])
        if both:
            names = ", ".join(sorted(product.title for product in both))
            raise forms.ValidationError(f"A product cannot be both put on and taken off: {names}.")
        return data

    def plan(self) -> Plan:
        data = self.cleaned_data
        objects = [page.specific for page in data["pages"]] + list(data["promotions"])
        if data["theme"] and self.theme_row is not None:
            objects.append(self.theme_row)
        return Plan(
            name=data["name"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            objects=objects,
            shown=list(data["shown"]),
            hidden=list(data["hidden"]),
        )


def initial_of(campaign: Campaign) -> dict:
    changes = list(campaign.changes.select_related("content_type"))
    by_model = {}
    for change in changes:
        by_model.setdefault(change.content_type.model_class(), []).append(change.object_id)
    products = list(campaign.products.all())
    return {
        "name": campaign.name,
        "starts_at": campaign.starts_at,
        "ends_at": campaign.ends_at,
        "pages": by_model.get(Page, []),
        "promotions": by_model.get(Promotion, []),
        "theme": bool(by_model.get(StoreTheme)),
        "shown": [row.product_id for row in products if row.visible],
        "hidden": [row.product_id for row in products if not row.visible],
    }


def preview_url(at: datetime, path: str = "/") -> str:
    local = timezone.localtime(at).strftime("%Y-%m-%dT%H:%M")
    return f"{reverse(PREVIEW_URL)}?{urlencode({'at': local, 'path': path})}"


class CampaignIndexView(WagtailAdminTemplateMixin, TemplateView):
    """The calendar of the store's campaigns, with what is scheduled besides them."""

    template_name = "shop/admin/campaigns.html"
    page_title = "Campaigns"
    header_icon = "date"

    def dispatch(self, request, *args, **kwargs):
        self.site = _site_of(request, "view")
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        now = timezone.now()
        start = week_start(timezone.localdate(now)) - timedelta(weeks=1)
        asked = self.request.GET.get("from", "")
        if re.fullmatch(r"(19|20|21)\d{2}-\d{2}-\d{2}", asked):
            with suppress(ValueError):  # 2026-02-31
                start = week_start(dateparse.parse_date(asked))
        shown = calendar(self.site.pk, start=start, now=now)
        span = (shown.end - shown.start).total_seconds()
        scheduled = [
            (item, round(100 * (item.at - shown.start).total_seconds() / span, 3))
            for item in coming_up(site_id=self.site.pk, now=max(now, shown.start), limit=200)
            if item.at < shown.end
        ]
        campaigns = Campaign.objects.filter(site=self.site).order_by("-starts_at", "-pk")
        return super().get_context_data(
            calendar=shown,
            scheduled=scheduled,
            upcoming=[c for c in campaigns if c.state in Campaign.HOLDING],
            past=[c for c in campaigns if c.state not in Campaign.HOLDING][:50],
            can_add=self.request.user.has_perm("shop.add_campaign"),
            zone=timezone.get_current_timezone_name(),
            preview_now=preview_url(now),
            **kwargs,
        )


class CampaignEditView(WagtailAdminTemplateMixin, TemplateView):
    """Plan a campaign, or change one that has not ended."""

    template_name = "shop/admin/campaign_edit.html"
    header_icon = "date"

    def dispatch(self, request, pk=None, *args, **kwargs):
        self.site = _site_of(request, "change" if pk else "add")
        self.campaign = None
        if pk is not None:
            self.campaign = get_object_or_404(Campaign, pk=pk, site=self.site)
        return super().dispatch(request, *args, **kwargs)

    @property
    def page_title(self):
        return self.campaign.name if self.campaign else "New campaign"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(INDEX_URL), "label": "Campaigns"},
            {"url": "", "label": self.page_title},
        ]

    def form(self, data=None) -> CampaignForm:
        initial = initial_of(self.campaign) if self.campaign else {}
        return CampaignForm(data, site=self.site, campaign=self.campaign, initial=initial)

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if self.campaign is not None and not self.campaign.editable:
            raise PermissionDenied
        if form.is_valid():
            try:
                if form.running:
                    campaign = change_running_campaign(
                        campaign=self.campaign,
                        name=form.cleaned_data["name"],
                        ends_at=form.cleaned_data["ends_at"],
                    )
                else:
                    campaign = save_campaign(
                        site_id=self.site.pk,
                        plan=form.plan(),
                        campaign=self.campaign,
                        user=request.user,
                    )
            except CampaignRefused as refused:
                for message in refused.messages:
                    form.add_error(None, message)
            else:
                messages.success(
                    request,
                    f"“{campaign.name}” is planned from {when(campaign.starts_at)} to "
                    f"{when(campaign.ends_at)}."
                    if campaign.state == Campaign.State.SCHEDULED
                    else f"“{campaign.name}” is saved.",
                )
                return redirect(EDIT_URL, pk=campaign.pk)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        campaign = self.campaign
        kwargs.setdefault("form", self.form())
        changes = []
        if campaign is not None:
            changes = list(
                campaign.changes.select_related(
                    "content_type", "revision", "before_revision", "published_revision"
                )
            )
        return super().get_context_data(
            campaign=campaign,
            changes=changes,
            products=list(campaign.products.select_related("product")) if campaign else [],
            zone=timezone.get_current_timezone_name(),
            preview_start=preview_url(campaign.starts_at) if campaign else None,
            preview_end=preview_url(campaign.ends_at) if campaign else None,
            page_paths=_page_paths(self.site, changes),
            **kwargs,
        )


def _page_paths(site: Site, changes: list[CampaignChange]) -> list[tuple[str, str]]:
    """(title, path in the store) of the campaign's pages, for previews of each."""
    root = site.root_page
    found = []
    for change in changes:
        if change.content_type.model_class() is Page:
            page = Page.objects.filter(pk=change.object_id).first()
            if page is not None and page.url_path.startswith(root.url_path):
                found.append((page.title, "/" + page.url_path[len(root.url_path) :]))
    return found


class CampaignActionView(View):
    """Cancel a planned campaign, or end a running one now (POST)."""

    action = None

    def post(self, request, pk):
        site = _site_of(request, "change")
        campaign = get_object_or_404(Campaign, pk=pk, site=site)
        try:
            if self.action == "cancel":
                cancel_campaign(campaign=campaign)
                messages.success(request, f"“{campaign.name}” is cancelled; it changed nothing.")
            else:
                end_campaign_now(campaign=campaign)
                messages.success(
                    request, f"“{campaign.name}” has ended; everything it changed is put back."
                )
        except CampaignRefused as refused:
            messages.error(request, str(refused))
        return redirect(EDIT_URL, pk=campaign.pk)


# --- The preview ------------------------------------------------------------------------------

HREF = re.compile(r'(<a\b[^>]*?\bhref=")([^"]*)(")', re.IGNORECASE)
BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


def _store_hosts(site: Site) -> set[str]:
    hosts = set(Domain.objects.filter(site=site).values_list("hostname", flat=True))
    return {host.lower() for host in hosts} | {site.hostname.lower()}


def _in_store_path(href: str, hosts: set[str]) -> str | None:
    """The store path an ``href`` leads to, or None for another site, an anchor or a script."""
    if href.startswith("#") or href.startswith("//"):
        return None
    parts = urlsplit(href.replace("&amp;", "&"))
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None
    if parts.netloc and parts.hostname not in hosts:
        return None
    if not parts.path.startswith("/"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _rewrite_links(html: str, at: datetime, hosts: set[str]) -> str:
    """Every link to a page of the store leads to the same preview moment."""

    def swap(match):
        path = _in_store_path(match.group(2), hosts)
        if path is None:
            return match.group(0)
        return f"{match.group(1)}{escape(preview_url(at, path))}{match.group(3)}"

    return HREF.sub(swap, html)


def _page_by_path(site: Site, path: str) -> Page | None:
    root = site.root_page
    clean = path.split("?", 1)[0].strip("/")
    url_path = root.url_path + (f"{clean}/" if clean else "")
    return Page.objects.filter(url_path=url_path).descendant_of(root, inclusive=True).first()


def _parse_at(text: str) -> datetime | None:
    """The moment asked for, in the store's time; None for nonsense such as 2026-13-45."""
    try:
        parsed = dateparse.parse_datetime(text) if text else None
    except ValueError:
        return None
    if parsed is None:
        return None
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


class CampaignPreviewView(View):
    """The store's page at ``path`` as it will look at ``at`` (store time): with the pages,
    theme, promotions and products the campaigns and schedules will have made live then."""

    def get(self, request):
        site = _site_of(request, "view")
        # The past is not kept: a moment gone by shows the store as it is now.
        now = timezone.now()
        at = max(_parse_at(request.GET.get("at", "")) or now, now)
        path = request.GET.get("path") or "/"
        if not path.startswith("/"):
            raise Http404
        page = _page_by_path(site, path)
        shown = page_at(page, at) if page is not None else None
        theme = StoreTheme.objects.filter(site=site).first()
        theme_then = (version_at(theme, at) if theme is not None else None) or theme
        if shown is None:
            response = TemplateResponse(
                request,
                "shop/admin/campaign_preview_missing.html",
                {"path": path, "at": at, "found": page is not None},
                status=404,
            )
            response.render()
        else:
            with moment.as_of(at):
                response = shown.make_preview_request(
                    request,
                    shown.default_preview_mode,
                    {PREVIEW_THEMES_ATTR: {site.pk: theme_then}} if theme_then else {},
                )
        return self._framed(request, response, site=site, at=at, path=path)

    def _framed(self, request, response, *, site, at, path) -> HttpResponse:
        html = response.content.decode(response.charset or "utf-8")
        html = _rewrite_links(html, at, _store_hosts(site))
        bar = render_to_string(
            "shop/admin/campaign_preview_bar.html",
            {
                "site": site,
                "at": at,
                "at_value": timezone.localtime(at).strftime("%Y-%m-%dT%H:%M"),
                "path": path,
                "zone": timezone.get_current_timezone_name(),
                "back_url": reverse(INDEX_URL),
                "preview_url": reverse(PREVIEW_URL),
            },
            request=request,
        )
        match = BODY.search(html)
        html = html[: match.end()] + bar + html[match.end() :] if match else bar + html
        framed = HttpResponse(html, status=response.status_code)
        framed["Cache-Control"] = "private, no-store"
        framed["X-Robots-Tag"] = "noindex, nofollow"
        return framed


def warn_of_campaigns(request, obj) -> None:
    """``before_edit_page`` / ``before_edit_snippet``: the editor of an object a campaign
    changes says so, and what publishing it by hand would do."""
    if request.method != "GET" or not hasattr(obj, "get_base_content_type"):
        return
    for change in changes_of(obj):
        campaign = change.campaign
        if campaign.state == Campaign.State.SCHEDULED:
            messages.warning(
                request,
                f"The campaign “{campaign.name}” publishes this {change.kind}'s draft of "
                f"{_saved(change.revision)} at {when(campaign.starts_at)} and puts back "
                f"what is live now at {when(campaign.ends_at)}. Publishing the draft "
                "yourself would show it early.",
            )
        else:
            messages.warning(
                request,
                f"The campaign “{campaign.name}” runs until {when(campaign.ends_at)}; then "
                f"this {change.kind} gets back the version live before it, and your edits "
                "from now on are kept as its draft.",
            )


class CampaignsMenuItem(MenuItem):
    def is_shown(self, request):
        return store_access(request).active is not None and request.user.has_perm(
            "shop.view_campaign"
        )


def campaigns_menu_item():
    return CampaignsMenuItem(
        "Campaigns", reverse(INDEX_URL), name="campaigns", icon_name="date", order=5
    )
