"""Admin forms for shop models (``shop.viewsets``). They validate per-store uniqueness and
write stock and order status through the shop's services, never by editing the rows
directly."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.text import slugify
from taggit.forms import TagField
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminTagWidget
from wagtail.images import get_image_model

from tenancy.admin.forms import StoreOwnedForm
from tenancy.content_choices import store_collection
from tenancy.numeric_bounds import INTEGER_MAX, INTEGER_MIN

from . import services
from .data.catalog import MAX_OPTIONS, TAG_NAME_MAX_LENGTH, OutOfStock, tag_slug
from .exceptions import ShopError
from .models import (
    CategoryPage,
    Product,
    ProductImage,
    ProductVariant,
    StockLevel,
    StockMovement,
)
from .product_options import (
    OPTION_TEXT_MAX_LENGTH,
    Option,
    arrange_rows,
    combinations,
    key_label,
    product_options,
    split_values,
)
from .selectors import variant_history
from .services.product_pages import address_taken, page_category, product_page
from .variant_rows import (
    MAX_VARIANTS,
    PREFIX,
    VariantRowForm,
    VariantRowFormSet,
    formset_data,
    initial_rows,
    new_row,
    posted_rows,
    suggested_sku,
    variant_row,
)

# The most tags one product may have.
MAX_TAGS = 50


class ProductTagWidget(AdminTagWidget):
    """Wagtail's tag field (type a tag, a comma or Enter ends it) suggesting the tags of
    the product's store, from ``shop_product_tag_autocomplete``."""

    def __init__(self, *args, site_id=None, **kwargs):
        self.site_id = site_id
        super().__init__(*args, **kwargs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        url = reverse("shop_product_tag_autocomplete")
        if self.site_id:
            url += f"?site={self.site_id}"
        context["widget"]["attrs"]["data-w-tag-url-value"] = url
        return context


class ProductTagsField(TagField):
    """Tag names, typed comma-separated ("winter, gift ideas"), each at most 100
    characters and with a letter or digit; at most ``MAX_TAGS`` of them."""

    widget = ProductTagWidget

    def clean(self, value):
        names = super().clean(value)
        too_long = [name for name in names if len(name) > TAG_NAME_MAX_LENGTH]
        if too_long:
            raise ValidationError(
                f"A tag may have at most {TAG_NAME_MAX_LENGTH} characters: {', '.join(too_long)}."
            )
        if any(not tag_slug(name) for name in names):
            raise ValidationError("Every tag needs a letter or a digit.")
        if len({tag_slug(name) for name in names}) > MAX_TAGS:
            raise ValidationError(f"A product may have at most {MAX_TAGS} tags.")
        return names


class CategoryChoiceField(forms.ModelChoiceField):
    """The store's category pages, indented by depth."""

    def label_from_instance(self, obj):
        return f"{'— ' * max(0, obj.depth - 3)}{obj.title}"


# How long an option's name, and the text of its values, may be.
OPTION_NAME = OPTION_TEXT_MAX_LENGTH
OPTION_VALUES = 2000


class ProductForm(StoreOwnedForm):
    """A product of the active store on one screen (``StoreOwnedForm``).

    Besides the product's own fields: its tags, typed by name (``set_product_tags``); the
    category its page goes under (``shop.services.product_pages``); up to three options
    with their values, and a row per variant (``shop.variant_rows``) saved through
    ``save_variants``, stock changes included. Its handle and its variants' SKUs are unique
    in the store, a variant with history is not removed, and the images chosen for it,
    inline ones included, are of the product's store.
    """

    tag_names = ProductTagsField(
        label="Tags",
        required=False,
        help_text="Words to group products by, such as winter or gift ideas. A product "
        "grid can show the products with a tag.",
    )
    category = CategoryChoiceField(
        queryset=CategoryPage.objects.none(),
        required=False,
        empty_label="No category: not in the shop yet",
        help_text="The product's page in the shop goes under this category.",
        error_messages={"invalid_choice": "Choose one of this store's categories."},
    )
    option1_name = forms.CharField(label="Option 1", required=False, max_length=OPTION_NAME)
    option1_values = forms.CharField(label="Values", required=False, max_length=OPTION_VALUES)
    option2_name = forms.CharField(label="Option 2", required=False, max_length=OPTION_NAME)
    option2_values = forms.CharField(label="Values", required=False, max_length=OPTION_VALUES)
    option3_name = forms.CharField(label="Option 3", required=False, max_length=OPTION_NAME)
    option3_values = forms.CharField(label="Values", required=False, max_length=OPTION_VALUES)

    # The rows this form edits besides its own fields and inline panels: name (the post's
    # prefix, and the attribute holding the formset) -> (row form, model it writes).
    row_forms = {PREFIX: (VariantRowForm, ProductVariant)}

    class Media:
        js = ["shop/js/product-editor.js"]
        css = {"all": ["shop/css/product-admin.css"]}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        site = self.row_site()
        self.fields["tag_names"].widget.site_id = site.pk if site else None
        self.fields["handle"].required = False
        self.fields["out_of_stock"].choices = [("", "As the store's setting"), *OutOfStock.choices]
        self.fields[
            "handle"
        ].help_text = "The product's address in the shop. Unique within the store."
        if site is not None:
            self.fields["category"].queryset = CategoryPage.objects.descendant_of(
                site.root_page
            ).order_by("path")
        self.page = product_page(self.instance)
        saved = []
        if self.instance.pk:
            self.initial.setdefault("tag_names", list(self.instance.tags.all()))
            category = page_category(self.page)
            self.initial.setdefault("category", category.pk if category else None)
            if self.page is not None:
                state = "live" if self.page.live else "not published"
                self.fields["category"].help_text += f" Its page: {self.page.full_url} ({state})."
            saved = list(
                ProductVariant.objects.filter(product=self.instance)
                .select_related("stock")
                .order_by("sort_order", "pk")
            )
        self.saved_variants = {str(variant.pk): variant for variant in saved}
        self.saved_options, self.saved_keys = product_options(self.instance, saved)
        self.stock_notices: list[str] = []
        self._row_problems: list[str] = []
        form_kwargs = {"image_choices": self._image_choices(site)}
        if not self.is_bound:
            for number, option in enumerate(self.saved_options, 1):
                self.initial[f"option{number}_name"] = option.name
                self.initial[f"option{number}_values"] = ", ".join(option.values)
            self.options = self.saved_options
            rows = [variant_row(v, self.saved_keys[v.pk]) for v in saved] or [new_row()]
            self.variant_rows = VariantRowFormSet(
                prefix=PREFIX, initial=initial_rows(rows), form_kwargs=form_kwargs
            )
            return
        self.options, self._option_errors = self._posted_options()
        rows = self._rows_from_post()
        self.variant_rows = VariantRowFormSet(
            formset_data(rows), prefix=PREFIX, form_kwargs=form_kwargs
        )

    # --- Reading the post ------------------------------------------------------------------

    def _posted_options(self) -> tuple[list[Option], dict[str, str]]:
        options, errors, names = [], {}, set()
        for number in range(1, MAX_OPTIONS + 1):
            name = " ".join(str(self.data.get(f"option{number}_name", "")).split())
            values = split_values(self.data.get(f"option{number}_values", ""))
            if not name and not values:
                continue
            if not name:
                errors[f"option{number}_name"] = "Name this option, such as Size or Colour."
            elif not values:
                errors[f"option{number}_values"] = "Give this option at least one value."
            elif name.casefold() in names:
                errors[f"option{number}_name"] = "Each option needs a name of its own."
            elif any(len(value) > OPTION_TEXT_MAX_LENGTH for value in values):
                errors[f"option{number}_values"] = (
                    f"A value may have at most {OPTION_TEXT_MAX_LENGTH} characters."
                )
            else:
                names.add(name.casefold())
                options.append(Option(name, values))
        return options, errors

    def _rows_from_post(self) -> list[dict]:
        """The posted rows over the options as now given. A row naming a variant that is
        not this product's is dropped, and refused in ``clean``; a saved variant missing
        from the post keeps its saved row."""
        rows, named = [], set()
        for row in posted_rows(self.data):
            if row["id"]:
                if row["id"] not in self.saved_variants or row["id"] in named:
                    self._row_problems.append(
                        "A variant row names a variant that is not one of this product's."
                    )
                    continue
                named.add(row["id"])
            rows.append(row)
        for pk, variant in self.saved_variants.items():
            if pk not in named:
                rows.append(variant_row(variant, self.saved_keys[variant.pk]))
        complete = self.instance.pk is None or self.options != self.saved_options or not rows
        if len(combinations(self.options)) > MAX_VARIANTS:
            self._row_problems.append(
                f"These options make {len(combinations(self.options))} variants; a product "
                f"may have at most {MAX_VARIANTS}."
            )
            complete = False
        self.arranged_rows = arrange_rows(rows, self.options, complete=complete)
        return self.arranged_rows

    def _image_choices(self, site) -> list[tuple[int, str]]:
        """The pictures a variant may show: the product's, saved or being added."""
        ids = set()
        if self.instance.pk:
            ids |= set(
                ProductImage.objects.filter(product=self.instance).values_list(
                    "image_id", flat=True
                )
            )
        if self.is_bound:
            for key, value in self.data.items():
                if key.startswith("images-") and key.endswith("-image") and str(value).isdigit():
                    deleted = self.data.get(key.removesuffix("-image") + "-DELETE")
                    if not deleted:
                        ids.add(int(value))
        collection = store_collection(site) if site is not None else None
        if not ids or collection is None:
            return []
        images = get_image_model().objects.filter(
            pk__in=ids, collection__path__startswith=collection.path
        )
        return [(image.pk, image.title) for image in images.order_by("title", "pk")]

    # --- Validation ------------------------------------------------------------------------

    def clean(self):
        cleaned = super().clean()
        for name, message in getattr(self, "_option_errors", {}).items():
            self.add_error(name, message)
        for problem in self._row_problems:
            self.add_error(None, problem)
        if not cleaned.get("handle") and cleaned.get("title"):
            cleaned["handle"] = slugify(cleaned["title"])[:255]
            if not cleaned["handle"]:
                self.add_error("handle", "Give the product an address with a letter or digit.")
        site_id = cleaned["site"].pk if cleaned.get("site") else self.instance.site_id
        handle = cleaned.get("handle")
        if site_id and handle:
            clash = Product.objects.filter(site_id=site_id, handle=handle)
            if clash.exclude(pk=self.instance.pk).exists():
                self.add_error("handle", "Another product of this store uses this handle.")
        category = cleaned.get("category")
        if (
            category is not None
            and handle
            and address_taken(category=category, slug=handle, page=self.page)
        ):
            self.add_error(
                "handle", f"Another page in “{category.title}” has the address “{handle}”."
            )
        return cleaned

    def is_valid(self):
        valid = super().is_valid()
        rows_valid = self.variant_rows.is_valid()
        if not rows_valid:
            for row in self.variant_rows.forms:
                for name, errors in row.errors.items():
                    label = row.fields[name].label if name in row.fields else ""
                    prefix = f"{row.label}, {label}" if label else row.label
                    self.add_error(None, f"{prefix}: {' '.join(errors)}")
            return False
        return valid and self._skus_are_unique() and self._removed_variants_have_no_history()

    def _skus_are_unique(self) -> bool:
        site_id = self.instance.site_id
        rows = self.variant_rows.forms
        handle = self.cleaned_data.get("handle") or ""
        typed = {(row.cleaned_data.get("sku") or "").strip() for row in rows}
        taken = set()
        if site_id:
            taken = set(
                ProductVariant.objects.filter(site_id=site_id)
                .exclude(product_id=self.instance.pk)
                .values_list("sku", flat=True)
            )
        seen = {}
        for row in rows:
            sku = (row.cleaned_data.get("sku") or "").strip()
            if not sku:
                sku = base = suggested_sku(handle, row.combination)
                counter = 2
                while sku in taken or sku in typed or sku in seen:
                    sku = f"{base[:60]}-{counter}"
                    counter += 1
            row.cleaned_data["sku"] = sku
            if sku in seen:
                row.add_error("sku", "This SKU is used twice in this product.")
            elif sku in taken:
                row.add_error("sku", "Another product of this store uses this SKU.")
            seen[sku] = row
        problems = [row for row in rows if row.errors]
        for row in problems:
            self.add_error(None, f"{row.label}, SKU: {' '.join(row.errors['sku'])}")
        return not problems

    def _removed_variants_have_no_history(self) -> bool:
        kept = {str(row.cleaned_data.get("id") or "") for row in self.variant_rows.forms}
        ok = True
        for pk, variant in self.saved_variants.items():
            if pk not in kept and variant_history(variant_ids=[variant.pk]):
                label = key_label(self.saved_keys[variant.pk])
                self.add_error(
                    None,
                    f"{label} ({variant.sku}) has stock history or orders and cannot be "
                    "removed: keep its option value, or archive the product.",
                )
                ok = False
        return ok

    # --- Saving ----------------------------------------------------------------------------

    def save(self, commit=True):
        self.instance.option_names = [option.name for option in self.options]
        product = super().save(commit=commit)
        if commit:
            self.stock_notices = services.save_variants(
                product=product, rows=self._variant_changes(), user=self.for_user
            )
            if "tag_names" in self.fields:
                services.set_product_tags(product=product, names=self.cleaned_data["tag_names"])
            self.page = services.sync_product_page(
                product=product, category=self.cleaned_data.get("category"), user=self.for_user
            )
        return product

    def _variant_changes(self) -> list[services.VariantChange]:
        names = [option.name for option in self.options]
        changes = []
        for row in self.variant_rows.forms:
            data = row.cleaned_data
            changes.append(
                services.VariantChange(
                    variant_id=int(data["id"]) if data.get("id") else None,
                    options=dict(zip(names, row.combination, strict=True)),
                    sku=data["sku"],
                    barcode=data.get("barcode") or "",
                    price=data["price"],
                    compare_at_price=data.get("compare_at_price"),
                    cost=data.get("cost"),
                    weight_grams=data.get("weight_grams") or 0,
                    image_id=data.get("image"),
                    track_inventory=bool(data.get("track_inventory")),
                    policy=data.get("policy") or "",
                    on_hand=data["on_hand"],
                    stock_initial=data.get("stock_initial") or 0,
                )
            )
        return changes


class StockLevelForm(WagtailAdminModelForm):
    """Edit a variant's stock settings and record a movement through the stock service."""

    change = forms.IntegerField(
        required=False,
        min_value=INTEGER_MIN,
        max_value=INTEGER_MAX,
        label="Add or remove units",
        help_text="Positive to add (a delivery), negative to remove (damage, loss).",
    )
    reason = forms.ChoiceField(
        choices=[
            (StockMovement.Reason.RESTOCK, "Restock"),
            (StockMovement.Reason.ADJUSTMENT, "Adjustment"),
            (StockMovement.Reason.RETURN, "Return"),
        ],
        initial=StockMovement.Reason.RESTOCK,
    )
    note = forms.CharField(required=False, max_length=255)

    settings_fields = ("policy", "low_stock_threshold")

    def clean(self):
        cleaned = super().clean()
        change = cleaned.get("change") or 0
        oversell = cleaned.get("policy", self.instance.policy) == StockLevel.Policy.CONTINUE
        after = self.instance.on_hand + change
        if not oversell and after < self.instance.reserved:
            held = self.instance.reserved
            self.add_error(
                "change",
                f"Only {self.instance.on_hand} on hand"
                + (f", {held} of them held in checkouts." if held else "."),
            )
        elif (
            change
            and cleaned.get("reason") == StockMovement.Reason.ADJUSTMENT
            and not (cleaned.get("note") or "").strip()
        ):
            self.add_error("note", "Say why the stock is adjusted (a stock take, damage, loss).")
        elif not INTEGER_MIN <= after <= INTEGER_MAX:
            self.add_error("change", services.stock_range_message(self.instance.on_hand))
        return cleaned

    def save(self, commit=True):
        # Only the settings are written from the form: on_hand may have moved since the
        # form was loaded, and changes to it go through the stock service.
        level = super().save(commit=False)
        if not commit:
            return level
        level.save(update_fields=[*self.settings_fields, "updated_at"])
        change = self.cleaned_data.get("change") or 0
        if change:
            try:
                services.adjust_stock(
                    variant=level.variant,
                    quantity=change,
                    reason=self.cleaned_data["reason"],
                    note=self.cleaned_data.get("note", ""),
                    user=self.for_user,
                )
            except ShopError as error:
                raise ValidationError(str(error)) from error
            level.refresh_from_db()
        return level
