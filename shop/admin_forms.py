"""Admin forms for shop models (``shop.viewsets``). They validate per-store uniqueness and
write stock and order status through the shop's services, never by editing the rows
directly."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from taggit.forms import TagField
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminTagWidget

from tenancy.admin.forms import StoreOwnedForm
from tenancy.numeric_bounds import INTEGER_MAX, INTEGER_MIN

from . import services
from .data.catalog import TAG_NAME_MAX_LENGTH, tag_slug
from .exceptions import ShopError
from .models import Order, Product, ProductVariant, StockLevel, StockMovement
from .selectors import variant_history

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


class ProductForm(StoreOwnedForm):
    """A product of the active store (``StoreOwnedForm``). Its handle and its variants'
    SKUs are unique in the store, a variant with history is not deleted, and the images
    chosen for it, inline ones included, are of the product's store. Its tags are typed by
    name and saved through ``set_product_tags``, in the product's store."""

    tag_names = ProductTagsField(
        label="Tags",
        required=False,
        help_text="Words to group products by, such as winter or gift ideas. A product "
        "grid can show the products with a tag.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        site = self.row_site()
        self.fields["tag_names"].widget.site_id = site.pk if site else None
        if self.instance.pk:
            self.initial.setdefault("tag_names", list(self.instance.tags.all()))

    def clean(self):
        cleaned = super().clean()
        site_id = cleaned["site"].pk if cleaned.get("site") else self.instance.site_id
        handle = cleaned.get("handle")
        if site_id and handle:
            clash = Product.objects.filter(site_id=site_id, handle=handle)
            if clash.exclude(pk=self.instance.pk).exists():
                self.add_error("handle", "Another product of this store uses this handle.")
        return cleaned

    def is_valid(self):
        # SKUs span the variant formset, which is cleaned after this form's clean().
        if not super().is_valid():
            return False
        return self._skus_are_unique() and self._deleted_variants_have_no_history()

    def _deleted_variants_have_no_history(self) -> bool:
        formset = self.formsets.get("variants")
        for form in formset.forms if formset is not None else []:
            data = getattr(form, "cleaned_data", None) or {}
            deleting = data.get("DELETE") and form.instance.pk
            if deleting and variant_history(variant_ids=[form.instance.pk]):
                form.add_error(
                    None,
                    f"{form.instance.sku} has stock history or orders and cannot be "
                    "deleted. Archive the product instead.",
                )
        return not any(form.errors for form in formset.forms) if formset is not None else True

    def _skus_are_unique(self) -> bool:
        formset = self.formsets.get("variants")
        site_id = self.instance.site_id
        if formset is None or not site_id:
            return True
        seen = {}
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            sku = (data.get("sku") or "").strip()
            if not sku or data.get("DELETE"):
                continue
            if sku in seen:
                form.add_error("sku", "This SKU is used twice in this product.")
            seen[sku] = form
        taken = set(
            ProductVariant.objects.filter(site_id=site_id, sku__in=seen)
            .exclude(product_id=self.instance.pk)
            .values_list("sku", flat=True)
        )
        for sku in taken:
            seen[sku].add_error("sku", "Another product of this store uses this SKU.")
        return not any(form.errors for form in formset.forms)

    def save(self, commit=True):
        product = super().save(commit=commit)
        if commit:
            services.ensure_stock_levels(product=product)
            if "tag_names" in self.fields:
                services.set_product_tags(product=product, names=self.cleaned_data["tag_names"])
        return product


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


class OrderForm(WagtailAdminModelForm):
    """An order's status and note. A status change goes through the order lifecycle service:
    choosing Cancelled puts the stock back, and a cancelled order's status is fixed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.fields.get("status")
        if status is not None and self.instance.status == Order.Status.CANCELLED:
            status.disabled = True
            status.help_text = "A cancelled order stays cancelled."

    def clean(self):
        cleaned = super().clean()
        # Browsers do not post a disabled field: a status posted for a cancelled order comes
        # from a form loaded before it was cancelled.
        posted = self.data.get("status")
        if self.instance.status == Order.Status.CANCELLED and posted:
            if posted == Order.Status.CANCELLED:
                self.add_error(
                    None, f"{self.instance} is already cancelled; its stock was put back then."
                )
            else:
                self.add_error("status", f"{self.instance} is cancelled and stays cancelled.")
        return cleaned

    def save(self, commit=True):
        order = super().save(commit=False)
        if not commit:
            return order
        if "status" in self.changed_data:
            # Raises InvalidTransition (cancelled meanwhile, or twice): the view shows it.
            services.change_order_status(
                order=order, status=self.cleaned_data["status"], user=self.for_user
            )
        order.save(update_fields=[name for name in self.changed_data if name != "status"])
        return order
