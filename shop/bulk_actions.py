"""Bulk edits in the product listing (select products, then change their status,
category, prices, stock or tags in one step) and in the inventory listing (select
variants, then change their stock, prices or sold-out policy), through
``shop.services.bulk``. Each shows what it will touch, asks for the change, and reports
what it did; a refused edit changes nothing and says why.

Wagtail lists every object a bulk action names; ``tenants.admin_scoping.guards`` refuses
ids of another store before any of this runs.
"""

from decimal import Decimal

from django import forms
from django.shortcuts import redirect
from wagtail.admin import messages
from wagtail.log_actions import LogFormatter
from wagtail.models import Site
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from tenancy.numeric_bounds import INTEGER_MAX, INTEGER_MIN

from .admin_forms import CategoryChoiceField
from .data import Product, ProductVariant, StockLevel
from .data.catalog import TAG_NAME_MAX_LENGTH
from .exceptions import ShopError
from .pages import CategoryPage
from .services import bulk


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Product.Status.choices, label="New status")


class CategoryForm(forms.Form):
    category = CategoryChoiceField(
        queryset=CategoryPage.objects.none(),
        label="Move to category",
        help_text="Each product's page moves under it; products without a page get one.",
    )

    def __init__(self, *args, site=None, **kwargs):
        super().__init__(*args, **kwargs)
        if site is not None:
            self.fields["category"].queryset = CategoryPage.objects.descendant_of(
                site.root_page
            ).order_by("path")


class PriceForm(forms.Form):
    mode = forms.ChoiceField(
        choices=[("percent", "Change by a percentage"), ("set", "Set to an amount")],
        widget=forms.RadioSelect,
        label="New prices",
        initial="percent",
    )
    value = forms.DecimalField(
        max_digits=14,
        decimal_places=2,
        label="Amount or percentage",
        help_text="For a percentage, -20 takes 20% off and 10 adds 10%.",
    )


class StockForm(forms.Form):
    mode = forms.ChoiceField(
        choices=[("set", "Set the units on hand to"), ("adjust", "Add (or remove) units")],
        widget=forms.RadioSelect,
        label="New stock",
        initial="set",
    )
    quantity = forms.IntegerField(min_value=INTEGER_MIN, max_value=INTEGER_MAX)
    note = forms.CharField(
        max_length=200, label="Reason", help_text="Kept in each variant's stock history."
    )


def _tag_names(value: str) -> list[str]:
    return [name.strip() for name in value.split(",") if name.strip()]


class TagsForm(forms.Form):
    add = forms.CharField(
        required=False, max_length=2000, help_text="Tag names, separated by commas."
    )
    remove = forms.CharField(
        required=False, max_length=2000, help_text="Tag names, separated by commas."
    )

    def clean(self):
        cleaned = super().clean()
        for name in ("add", "remove"):
            names = _tag_names(cleaned.get(name, ""))
            if any(len(tag) > TAG_NAME_MAX_LENGTH for tag in names):
                self.add_error(name, f"A tag has at most {TAG_NAME_MAX_LENGTH} characters.")
            cleaned[name] = names
        if not cleaned.get("add") and not cleaned.get("remove"):
            raise forms.ValidationError("Name at least one tag to add or remove.")
        return cleaned


class ProductBulkEdit(SnippetBulkAction):
    """A bulk edit of products: its form, and the service call that applies it."""

    models = [Product]
    template_name = "shop/admin/product_bulk_edit.html"
    action_button_text = "Apply"

    def check_perm(self, obj):
        return self.request.user.has_perm("shop.change_product")

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "action_title": self.display_name,
            "action_button_text": self.action_button_text,
            "no_access_msg": f"You may not change these {self.model._meta.verbose_name_plural}.",
        }

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ShopError as error:
            messages.error(self.request, str(error))
            return redirect(self.request.get_full_path())

    def get_success_message(self, num_parent_objects, num_child_objects):
        return f"{self.edit.summary}."

    @classmethod
    def execute_action(cls, objects, **kwargs):
        action = kwargs["self"]
        action.edit = action.apply(objects, action.cleaned_form.cleaned_data)
        return len(objects), 0

    def apply(self, products, data):
        raise NotImplementedError


def _variants_of(products):
    return list(
        ProductVariant.objects.filter(product__in=products).select_related("product").order_by("pk")
    )


class ProductStatusBulkAction(ProductBulkEdit):
    display_name = "Change status"
    action_type = "change_status"
    aria_label = "Change the status of the selected products"
    form_class = StatusForm
    action_priority = 10

    def apply(self, products, data):
        return bulk.bulk_set_status(
            products=products, status=data["status"], user=self.request.user
        )


class ProductCategoryBulkAction(ProductBulkEdit):
    display_name = "Change category"
    action_type = "change_category"
    aria_label = "Move the selected products to another category"
    form_class = CategoryForm
    action_priority = 14

    def get_form_kwargs(self):
        """The category choices are those of the selected products' store."""
        objects, _ = self.get_actionable_objects()
        site_ids = {product.site_id for product in objects}
        site = Site.objects.filter(pk=site_ids.pop()).first() if len(site_ids) == 1 else None
        return {**super().get_form_kwargs(), "site": site}

    def apply(self, products, data):
        return bulk.bulk_set_category(
            products=products, category=data["category"], user=self.request.user
        )


class ProductPriceBulkAction(ProductBulkEdit):
    display_name = "Change prices"
    action_type = "change_prices"
    aria_label = "Change the prices of the selected products' variants"
    form_class = PriceForm
    action_priority = 11

    def apply(self, products, data):
        return bulk.bulk_change_price(
            variants=_variants_of(products),
            mode=data["mode"],
            value=Decimal(data["value"]),
            user=self.request.user,
        )


class ProductStockBulkAction(ProductBulkEdit):
    display_name = "Change stock"
    action_type = "change_stock"
    aria_label = "Change the stock of the selected products' variants"
    form_class = StockForm
    action_priority = 12

    def check_perm(self, obj):
        return self.request.user.has_perm("shop.change_stocklevel")

    def apply(self, products, data):
        return bulk.bulk_change_stock(
            variants=_variants_of(products),
            mode=data["mode"],
            quantity=data["quantity"],
            note=data["note"],
            user=self.request.user,
        )


class ProductTagsBulkAction(ProductBulkEdit):
    display_name = "Change tags"
    action_type = "change_tags"
    aria_label = "Add or remove tags on the selected products"
    form_class = TagsForm
    action_priority = 13

    def apply(self, products, data):
        return bulk.bulk_change_tags(
            products=products, add=data["add"], remove=data["remove"], user=self.request.user
        )


class PolicyForm(forms.Form):
    policy = forms.ChoiceField(
        choices=[("", "Follow the product's setting"), *StockLevel.Policy.choices],
        required=False,
        label="When sold out",
    )


class VariantBulkEdit(ProductBulkEdit):
    """A bulk edit of the variants selected in the inventory listing (one row a variant)."""

    models = [StockLevel]

    def check_perm(self, obj):
        return self.request.user.has_perm("shop.change_stocklevel")

    @staticmethod
    def variants(levels):
        return list(
            ProductVariant.objects.filter(pk__in=[level.variant_id for level in levels])
            .select_related("product")
            .order_by("pk")
        )


class VariantStockBulkAction(VariantBulkEdit):
    display_name = "Change stock"
    action_type = "change_variant_stock"
    aria_label = "Change the stock of the selected variants"
    form_class = StockForm
    action_priority = 10

    def apply(self, levels, data):
        return bulk.bulk_change_stock(
            variants=self.variants(levels),
            mode=data["mode"],
            quantity=data["quantity"],
            note=data["note"],
            user=self.request.user,
        )


class VariantPriceBulkAction(VariantBulkEdit):
    display_name = "Change prices"
    action_type = "change_variant_prices"
    aria_label = "Change the prices of the selected variants"
    form_class = PriceForm
    action_priority = 11

    def check_perm(self, obj):
        return self.request.user.has_perm("shop.change_product")

    def apply(self, levels, data):
        return bulk.bulk_change_price(
            variants=self.variants(levels),
            mode=data["mode"],
            value=Decimal(data["value"]),
            user=self.request.user,
        )


class VariantPolicyBulkAction(VariantBulkEdit):
    display_name = "When sold out"
    action_type = "change_variant_policy"
    aria_label = "Choose what the selected variants do when sold out"
    form_class = PolicyForm
    action_priority = 12

    def apply(self, levels, data):
        return bulk.bulk_set_policy(
            variants=self.variants(levels), policy=data["policy"], user=self.request.user
        )


BULK_EDITS = (
    ProductStatusBulkAction,
    ProductPriceBulkAction,
    ProductStockBulkAction,
    ProductTagsBulkAction,
    ProductCategoryBulkAction,
    VariantStockBulkAction,
    VariantPriceBulkAction,
    VariantPolicyBulkAction,
)


class BulkEditFormatter(LogFormatter):
    """How a bulk edit reads in the store's activity and in the settings' history."""

    label = "Bulk edit of products"

    def format_message(self, log_entry):
        return log_entry.data.get("summary", self.label)
