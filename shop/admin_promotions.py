"""The admin of a store's promotions, under Shop (ADR 47).

Promotions are snippets with drafts, revisions, preview, locking and scheduled publishing:
"Publish" with a go-live date schedules one, its expiry date ends it. The list shows each
promotion's state and what it brought: orders, revenue and discount given, counting the
orders not cancelled. Codes have a screen of their own per promotion (add one, generate a
batch of single-use codes, download them as CSV): a code is not content to draft, it works
while its promotion is live.

Built on the store-scoped base of ``tenancy.admin``: another store's promotion id is a 404.
"""

import csv

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.generic import TemplateView
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    MultiFieldPanel,
    ObjectList,
    Panel,
    PublishingPanel,
)
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from tenancy.admin.forms import StoreOwnedForm
from tenancy.admin.viewsets import StoreScopedViewSet

from .admin_widgets import SearchableChecklist
from .data import DiscountCode, Product, ProductVariant, Promotion
from .data.settings import settings_of_store
from .exceptions import ShopError
from .money import format_money
from .pages import CategoryPage
from .promotions.display import plain
from .services import promotions as promotion_services

COUNTED = Q(usages__released_at__isnull=True)
ZERO = Value(0, output_field=DecimalField(max_digits=14, decimal_places=2))


def _variant_label(variant) -> str:
    return f"{variant.product.title} – {variant.options_label or variant.sku}"


class PromotionForm(StoreOwnedForm):
    """Only the store's own categories, products and variants are offered.

    Products and variants are fields of the form that fill the promotion's relations on
    save: a model field of theirs would query their store-scoped manager when Wagtail
    builds the form class, outside any request's store."""

    product_choices = forms.ModelMultipleChoiceField(
        queryset=Product._base_manager.none(),
        required=False,
        label="Products",
        widget=SearchableChecklist(noun="products"),
    )
    variant_choices = forms.ModelMultipleChoiceField(
        queryset=ProductVariant._base_manager.none(),
        required=False,
        label="Variants",
        help_text="Single variants, such as one size or colour.",
        widget=SearchableChecklist(noun="variants"),
    )

    class Media:
        js = ["shop/js/promotion-form.js"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        site = self.row_site()
        categories = CategoryPage.objects.none()
        products = Product._base_manager.none()
        variants = ProductVariant._base_manager.none()
        if site is not None:
            categories = CategoryPage.objects.descendant_of(site.root_page).order_by("path")
            products = Product._base_manager.filter(site=site).order_by("title")
            variants = (
                ProductVariant._base_manager.filter(site=site)
                .select_related("product")
                .order_by("product__title", "sort_order")
            )
        if "categories" in self.fields:
            self.fields["categories"].queryset = categories
            self.fields["categories"].widget = forms.CheckboxSelectMultiple(
                choices=self.fields["categories"].choices
            )
        self.fields["product_choices"].queryset = products
        self.fields["variant_choices"].queryset = variants
        self.fields["variant_choices"].label_from_instance = _variant_label
        if self.instance.pk and not self.is_bound:
            self.initial["product_choices"] = [p.pk for p in self.instance.products.all()]
            self.initial["variant_choices"] = [v.pk for v in self.instance.variants.all()]

    def save(self, commit=True):
        promotion = super().save(commit=False)
        promotion.products.set(self.cleaned_data.get("product_choices") or [])
        promotion.variants.set(self.cleaned_data.get("variant_choices") or [])
        if commit:
            promotion.save()
        return promotion


class CodesPanel(Panel):
    """The promotion's codes: how many, and the link to their screen."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "shop/admin/promotion_codes_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            promotion = self.instance
            context["code_count"] = (
                DiscountCode.objects.filter(promotion=promotion).count() if promotion.pk else 0
            )
            context["codes_url"] = (
                reverse("wagtailsnippets_shop_promotion:codes", args=[promotion.pk])
                if promotion.pk
                else ""
            )
            return context


PANELS = [
    MultiFieldPanel(
        [
            FieldPanel("name"),
            FieldPanel("method", widget=forms.RadioSelect),
            CodesPanel(heading="Codes"),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("value")]),
            FieldRowPanel([FieldPanel("buy_quantity"), FieldPanel("get_quantity")]),
            HelpPanel(
                '<p class="help-block" data-promotion-deal-help>Buy X, get Y: of every X + Y '
                "items it applies to, the Y cheapest get the discount above (100: free).</p>"
            ),
        ],
        heading="Discount",
    ),
    MultiFieldPanel(
        [
            FieldPanel("target", widget=forms.RadioSelect),
            FieldPanel("categories"),
            FieldPanel("product_choices"),
            FieldPanel("variant_choices"),
        ],
        heading="Applies to",
    ),
    MultiFieldPanel(
        [
            FieldRowPanel([FieldPanel("min_subtotal"), FieldPanel("min_quantity")]),
            FieldPanel("first_order_only"),
            FieldPanel("customer_tags"),
        ],
        heading="Conditions",
    ),
    MultiFieldPanel(
        [FieldRowPanel([FieldPanel("usage_limit"), FieldPanel("usage_limit_per_customer")])],
        heading="Limits",
    ),
    MultiFieldPanel(
        [
            FieldPanel("priority"),
            FieldPanel("exclusive"),
            FieldPanel("combines_with_items"),
            FieldPanel("combines_with_order"),
            FieldPanel("combines_with_shipping"),
        ],
        heading="Combining with other promotions",
    ),
    PublishingPanel(),
]


def _money_of(promotion, amount) -> str:
    settings = settings_of_store(promotion.site_id)
    return format_money(amount or 0, currency=settings.currency, locale=settings.locale)


METHOD_SHORT = {Promotion.Method.AUTOMATIC: "Automatically", Promotion.Method.CODE: "With a code"}


def describe(promotion: Promotion) -> str:
    """One line a merchant reads in the list: "25 % off items", "Buy 2, get 1 free"."""
    kind = promotion.kind
    if kind == Promotion.Kind.FREE_SHIPPING:
        return "Free shipping"
    if kind == Promotion.Kind.BUY_X_GET_Y:
        off = "free" if promotion.value in (0, 100) else f"{plain(promotion.value)} % off"
        return f"Buy {promotion.buy_quantity}, get {promotion.get_quantity} {off}"
    amount = (
        f"{plain(promotion.value)} %"
        if kind == Promotion.Kind.PERCENTAGE
        else _money_of(promotion, promotion.value)
    )
    where = "the order" if promotion.target == Promotion.Target.ORDER else "chosen items"
    return f"{amount} off {where}"


def state(promotion: Promotion) -> str:
    now = timezone.now()
    if promotion.live and promotion.expire_at and promotion.expire_at <= now:
        return "Ended"
    if promotion.live:
        return "Live" + (" · unpublished changes" if promotion.has_unpublished_changes else "")
    if promotion.go_live_at and promotion.go_live_at > now:
        return "Scheduled"
    if promotion.expired:
        return "Ended"
    return "Draft"


class PromotionViewSet(StoreScopedViewSet):
    model = Promotion
    icon = "tag"
    menu_label = "Promotions"
    list_display = [
        "name",
        Column("offer", label="Discount", accessor=describe),
        Column("method", label="Applies", accessor=lambda p: METHOD_SHORT[p.method]),
        Column("state", label="Status", accessor=state),
        Column("orders", label="Orders", accessor="order_count"),
        Column("revenue", label="Revenue", accessor=lambda p: _money_of(p, p.revenue)),
        Column(
            "given",
            label="Discount given",
            accessor=lambda p: _money_of(p, p.discount_given),
        ),
    ]
    search_fields = ["name"]
    edit_handler = ObjectList(PANELS, base_form_class=PromotionForm)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                order_count=Count("usages", filter=COUNTED),
                revenue=Coalesce(Sum("usages__order__total", filter=COUNTED), ZERO),
                discount_given=Coalesce(Sum("usages__amount", filter=COUNTED), ZERO),
            )
        )

    @property
    def codes_view(self):
        return PromotionCodesView.as_view(
            edit_url_name=self.get_url_name("edit"),
            codes_url_name=self.get_url_name("codes"),
            header_icon=self.icon,
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("codes/<int:pk>/", self.codes_view, name="codes"),
        ]


class AddCodeForm(forms.Form):
    code = forms.CharField(max_length=32, label="Code")
    usage_limit = forms.IntegerField(
        label="Uses",
        required=False,
        min_value=1,
        max_value=10_000_000,
        help_text="Empty: as many as the promotion allows.",
    )


class GenerateCodesForm(forms.Form):
    count = forms.IntegerField(
        label="How many", min_value=1, max_value=promotion_services.MAX_GENERATED
    )
    prefix = forms.CharField(label="Prefix", max_length=16, required=False)
    length = forms.IntegerField(label="Random characters", min_value=6, max_value=16, initial=8)


class PromotionCodesView(WagtailAdminTemplateMixin, TemplateView):
    """One promotion's codes: add one, generate single-use ones, download them as CSV."""

    template_name = "shop/admin/promotion_codes.html"
    edit_url_name = ""
    codes_url_name = ""
    header_icon = "tag"
    _show_breadcrumbs = True

    def dispatch(self, request, pk, *args, **kwargs):
        # The admin's store scope makes another store's promotion a 404.
        self.promotion = get_object_or_404(Promotion.objects.all(), pk=pk)
        permission = "view" if request.method == "GET" else "change"
        if not request.user.has_perm(f"shop.{permission}_promotion"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Codes of “{self.promotion}”"

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "csv":
            return self.csv_response()
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        add_form = AddCodeForm(request.POST if "add" in request.POST else None, prefix="add")
        generate_form = GenerateCodesForm(
            request.POST if "generate" in request.POST else None, prefix="generate"
        )
        try:
            if "add" in request.POST and add_form.is_valid():
                code = promotion_services.add_code(
                    promotion=self.promotion,
                    code=add_form.cleaned_data["code"],
                    usage_limit=add_form.cleaned_data["usage_limit"],
                )
                messages.success(request, f"Added the code {code.code}.")
                return redirect(self.request.path)
            if "generate" in request.POST and generate_form.is_valid():
                made = promotion_services.generate_codes(
                    promotion=self.promotion, **generate_form.cleaned_data
                )
                messages.success(request, f"Generated {len(made):,} single-use codes.")
                return redirect(self.request.path)
        except ShopError as error:
            target = add_form if "add" in request.POST else generate_form
            target.add_error(None, str(error))
        return self.render_to_response(
            self.get_context_data(add_form=add_form, generate_form=generate_form)
        )

    def codes(self):
        return (
            DiscountCode.objects.filter(promotion=self.promotion)
            .annotate(uses=Count("usages", filter=Q(usages__released_at__isnull=True)))
            .order_by("created_at", "code")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        codes = self.codes()
        context.update(
            promotion=self.promotion,
            codes=codes[:200],
            code_count=codes.count(),
            add_form=kwargs.get("add_form") or AddCodeForm(prefix="add"),
            generate_form=kwargs.get("generate_form") or GenerateCodesForm(prefix="generate"),
            edit_url=reverse(self.edit_url_name, args=[self.promotion.pk]),
            export_url=reverse(self.codes_url_name, args=[self.promotion.pk]) + "?export=csv",
            can_change=self.request.user.has_perm("shop.change_promotion"),
        )
        return context

    def csv_response(self):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        name = slugify(self.promotion.name) or "promotion"
        response["Content-Disposition"] = f'attachment; filename="{name}-codes.csv"'
        writer = csv.writer(response)
        writer.writerow(["Code", "Uses", "Use limit", "Batch", "Created"])
        for code in self.codes().iterator(chunk_size=2000):
            writer.writerow(
                [
                    code.code,
                    code.uses,
                    code.usage_limit or "",
                    code.batch,
                    timezone.localtime(code.created_at).strftime("%Y-%m-%d %H:%M"),
                ]
            )
        return response
