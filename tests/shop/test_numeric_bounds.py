"""Every numeric input of the admin is bounded by what its column holds, on every database.

The guard at the end walks the numeric fields of our models: each is either edited in an
admin form, where posting a value past its column through the real edit view gives a form
error and changes nothing, or listed in ``NOT_EDITABLE`` with the reason. A new numeric
field is covered without editing this file, or noticed.
"""

from decimal import Decimal

import pytest
from django import forms
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import get_resolver, reverse
from wagtail.admin.panels import get_edit_handler
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.test.utils.form_data import querydict_from_html

from shop import services
from shop.exceptions import StockOutOfRange
from shop.models import StockLevel, StockMovement
from tenancy.numeric_bounds import INTEGER_MAX, decimal_range, integer_range
from tenancy.scope import store_scope
from tests.shop.factories import place_test_order, stocked_product
from tests.shop.promotion_factories import make_promotion
from tests.shop.shipping_factories import Kind, add_zone, rate

pytestmark = pytest.mark.django_db

OUR_APPS = ("shop", "crm_bridge", "themes", "tenants", "domains")
HUGE = 10**20
PAST_POSTGRES_INTEGER = 3_000_000_000

# Numeric model fields no admin form edits, with the reason. A key naming no field, or a
# field that an admin form does edit, fails the guard.
NOT_EDITABLE = {
    "shop.Order.number": "given by the store's order-number sequence at checkout",
    "shop.Order.subtotal": "computed at checkout from the cart",
    "shop.Order.shipping_total": "computed at checkout from the store's shipping settings",
    "shop.Order.total": "computed at checkout",
    "shop.OrderLine.unit_price": "a snapshot taken at checkout",
    "shop.OrderLine.quantity": "a snapshot of the cart line (the cart form caps it)",
    "shop.OrderLine.line_total": "a snapshot taken at checkout",
    "shop.OrderNumberSequence.last_number": "moved by the order service only",
    "shop.OrderEmail.attempts": "counted by the order email task only",
    "shop.Order.refunded_total": "summed by the refund service from succeeded refunds",
    "shop.Refund.amount": "typed on the order screen's refund form, capped at what is left",
    "shop.RefundLine.amount": "priced by the refund service from the line's snapshot",
    "shop.RefundLine.quantity": "typed on the refund form, capped at the line's units left",
    "shop.FulfilmentLine.quantity": "typed on the fulfil form, capped at the units left",
    "shop.ReturnLine.quantity": "typed on the return request, capped at the units shipped",
    "shop.Payment.amount": "the order's total, sent to Stripe by the card payment service",
    "shop.StripeEvent.site_id_seen": "read from the event's metadata by the webhook",
    "shop.CartLine.quantity": "set by the storefront's cart forms, which cap it",
    "shop.StockLevel.on_hand": "moved by the stock service only (the form's 'change')",
    "shop.ImportJob.total_rows": "counted by the CSV import from the uploaded file",
    "shop.ImportJob.processed_rows": "counted by the CSV import while it runs",
    "shop.PendingProductImage.position": "read from a CSV file by the import, which bounds it",
    "shop.StockMovement.quantity": "the ledger is written by the stock service only",
    "shop.StockMovement.balance_after": "the ledger is written by the stock service only",
    "shop.StockLevel.reserved": "moved by the stock service only, as checkouts hold items",
    "shop.StockMovement.reserved_change": "the ledger is written by the stock service only",
    "shop.StockMovement.reserved_after": "the ledger is written by the stock service only",
    "shop.OrderLine.preordered": "a snapshot of the order, counted by place_order",
    "shop.OrderLine.preorder_allocated": "moved by the stock service only, as stock arrives",
    "shop.PreorderAllocation.quantity": "written by the stock service only, as stock arrives",
    "shop.Reservation.quantity": "written by the stock service only, as checkouts hold items",
    "shop.StockDrift.expected_on_hand": "found by the reconciliation task, never typed",
    "shop.StockDrift.actual_on_hand": "found by the reconciliation task, never typed",
    "shop.StockDrift.expected_reserved": "found by the reconciliation task, never typed",
    "shop.StockDrift.actual_reserved": "found by the reconciliation task, never typed",
    "shop.ProductVariant.sort_order": "set from the order of the editor's variant rows",
    "shop.ProductImage.sort_order": "set from the inline panel's order, not typed",
    "shop.ContactFormField.sort_order": "set from the inline panel's order, not typed",
    "shop.ShippingRate.sort_order": "set from the inline panel's order, not typed",
    "shop.Order.tax_total": "computed at checkout, per line (ADR 40)",
    "shop.Order.shipping_tax": "computed at checkout from the rate chosen",
    "shop.OrderLine.tax_rate": "a snapshot of the rate at checkout",
    "shop.OrderLine.tax_amount": "a snapshot taken at checkout",
    "shop.Order.discount_total": "computed at checkout by the promotion engine (ADR 47)",
    "shop.Order.shipping_discount": "computed at checkout by the promotion engine",
    "shop.OrderLine.discount_amount": "a snapshot taken at checkout",
    "shop.PromotionUsage.amount": "written by place_order from the promotion engine",
    "shop.DiscountCode.usage_limit": "typed on the promotion's codes screen, whose form bounds it",
    "shop.Invoice.number": "given by the store's invoice number sequence when issued",
    "shop.Invoice.tax_total": "copied from the order or refund when the document is issued",
    "shop.Invoice.total": "copied from the order or refund when the document is issued",
    "shop.InvoiceNumberSequence.last_number": "moved by the invoice service only",
    "crm_bridge.Client.orders_count": "recomputed from the client's orders",
    "crm_bridge.Client.total_spent": "recomputed from the client's orders",
    "tenants.StaffInvitation.link_version": "raised by the invitation service on each resend",
    "tenants.StaffInvitation.emailed_version": "set by the invitation email task",
}


def _out_of_range(field) -> list[str]:
    """Values just past the column's range, and far past it."""
    if isinstance(field, models.DecimalField):
        _, high = decimal_range(field)
        return [str(high + Decimal(1).scaleb(-field.decimal_places)), str(HUGE)]
    if isinstance(field, models.IntegerField):
        _, high = integer_range(field)
        values = {high + 1, HUGE}
        if high < PAST_POSTGRES_INTEGER:
            values.add(PAST_POSTGRES_INTEGER)
        return [str(value) for value in sorted(values)]
    return [str(HUGE), str(PAST_POSTGRES_INTEGER), "1e400"]  # a float or a form-only number


def _numeric(field) -> bool:
    number_types = (models.IntegerField, models.DecimalField, models.FloatField)
    return isinstance(field, number_types) and not isinstance(field, models.AutoField)


def _our_numeric_fields():
    for label in OUR_APPS:
        for model in apps.get_app_config(label).get_models():
            for field in model._meta.local_fields:
                if _numeric(field) and not field.remote_field:
                    yield f"{model._meta.label}.{field.name}", model, field


def _admin_form_class(model):
    if issubclass(model, BaseSiteSetting) and model in settings_registry:
        return get_edit_handler(model).get_form_class()
    if getattr(model, "snippet_viewset", None) is not None:
        return model.get_edit_handler().get_form_class()
    return None


def _admin_inputs():
    """(edited model, input name prefix, form field name, model field or None, the field's
    model) for every numeric input of every admin form of our models, inline formsets included."""
    get_resolver().url_patterns  # noqa: B018 (loading the admin registers its viewsets)
    for label in OUR_APPS:
        for model in apps.get_app_config(label).get_models():
            form_class = _admin_form_class(model)
            if form_class is None:
                continue
            yield from _numeric_inputs(model, form_class, model, "")
            for relation, formset in form_class.formsets.items():
                yield from _numeric_inputs(model, formset.form, formset.model, f"{relation}-0-")
            # Rows a form edits outside Wagtail's inline panels (the product's variant rows).
            for relation, (row_form, row_model) in getattr(form_class, "row_forms", {}).items():
                yield from _numeric_inputs(model, row_form, row_model, f"{relation}-0-")


def _numeric_inputs(edited, form_class, model, prefix):
    numbers = (forms.IntegerField, forms.DecimalField, forms.FloatField)
    for name, form_field in form_class.base_fields.items():
        model_field = next((f for f in model._meta.local_fields if f.name == name), None)
        if isinstance(form_field, numbers) or (model_field is not None and _numeric(model_field)):
            yield edited, prefix, name, model_field, model


@pytest.fixture
def rows(store):
    """A product with a variant and stock, an order and a shipping zone with a rate: a row
    of every model the admin edits."""
    product = stocked_product(site=store.site, title="Alpha Lamp", variants=[{"stock": 4}])
    add_zone(
        store.site, ["NO"], rate("Post", Kind.WEIGHT, min_weight_grams=0, max_weight_grams=900)
    )
    with store_scope([store.site.pk]):
        place_test_order(lines=[(product.variants.get(), 1)])
    make_promotion(site=store.site, name="Alpha sale", value="10")
    return store


def _edit_url(model, site):
    if issubclass(model, BaseSiteSetting):
        label = model._meta
        return reverse("wagtailsettings:edit", args=[label.app_label, label.model_name, site.pk])
    with store_scope([site.pk]):
        row = model.objects.filter(site=site).order_by("pk").first()
    return reverse(model.snippet_viewset.get_url_name("edit"), args=[row.pk])


def _form_errors(response, prefix, name):
    form = response.context["form"]
    if prefix:
        relation = prefix.split("-")[0]
        formset = form.formsets[relation] if relation in form.formsets else getattr(form, relation)
        form = formset.forms[0]
    return form.errors.get(name)


def _table_rows(site):
    with store_scope([site.pk]):
        return {
            model._meta.label: list(model._base_manager.order_by("pk").values())
            for _, model, _ in _our_numeric_fields()
            if not issubclass(model, ContentType)
        }


INPUTS = sorted(
    set(_admin_inputs()),
    key=lambda item: (item[0]._meta.label, item[1], item[2]),
)


@pytest.mark.parametrize(
    ("edited", "prefix", "name", "field", "model"),
    INPUTS,
    ids=[f"{edited._meta.label}:{prefix}{name}" for edited, prefix, name, _, _ in INPUTS],
)
def test_admin_form_refuses_a_number_its_column_cannot_hold(
    merchant_client, rows, edited, prefix, name, field, model
):
    url = _edit_url(edited, rows.site)
    before = _table_rows(rows.site)

    for value in _out_of_range(field):
        data = querydict_from_html(merchant_client.get(url).content.decode(), "w-editor-form")
        assert f"{prefix}{name}" in data, f"{url} has no input {prefix}{name}"
        data[f"{prefix}{name}"] = value
        response = merchant_client.post(url, data)

        assert response.status_code == 200, f"{prefix}{name}={value}: {response.status_code}"
        assert _form_errors(response, prefix, name), f"{prefix}{name}={value} was accepted"
        assert _table_rows(rows.site) == before, f"{prefix}{name}={value} changed rows"


def test_every_numeric_field_is_bounded_in_an_admin_form_or_not_editable():
    edited = {f"{model._meta.label}.{name}" for _, _, name, field, model in INPUTS if field}
    fields = {label for label, _, _ in _our_numeric_fields()}

    unaccounted = sorted(fields - edited - set(NOT_EDITABLE))
    stale = sorted(set(NOT_EDITABLE) - fields)
    edited_yet_excused = sorted(set(NOT_EDITABLE) & edited)
    assert not unaccounted, f"numeric fields neither in an admin form nor excused: {unaccounted}"
    assert not stale, f"excuses for fields that no longer exist: {stale}"
    assert not edited_yet_excused, f"excused, yet edited in an admin form: {edited_yet_excused}"


# --- The stock form and the stock service ------------------------------------------------


def _stock_edit(client, level, **changes):
    url = reverse("wagtailsnippets_shop_stocklevel:edit", args=[level.pk])
    data = querydict_from_html(client.get(url).content.decode(), "w-editor-form")
    data.update({key: str(value) for key, value in changes.items()})
    return client.post(url, data)


@pytest.fixture
def level(store):
    product = stocked_product(site=store.site, title="Alpha Lamp", variants=[{"stock": 4}])
    with store_scope([store.site.pk]):
        return StockLevel.objects.get(variant__product=product)


@pytest.mark.parametrize("change", [HUGE, PAST_POSTGRES_INTEGER, -PAST_POSTGRES_INTEGER, -HUGE])
def test_stock_change_past_the_column_is_a_form_error(merchant_client, level, change):
    response = _stock_edit(merchant_client, level, change=change, reason="restock")

    assert response.status_code == 200
    assert response.context["form"].errors["change"]
    with store_scope([level.site_id]):
        level.refresh_from_db()
        assert level.on_hand == 4
        assert StockMovement.objects.filter(variant=level.variant).count() == 1


def test_stock_change_that_would_take_the_count_past_its_column_is_a_form_error(
    merchant_client, level
):
    with store_scope([level.site_id]):
        services.adjust_stock(variant=level.variant, quantity=INTEGER_MAX - 4, reason="restock")

    response = _stock_edit(merchant_client, level, change=1, reason="restock")

    assert response.status_code == 200
    assert "a stock count must stay between" in str(response.context["form"].errors["change"])
    with store_scope([level.site_id]):
        level.refresh_from_db()
    assert level.on_hand == INTEGER_MAX


def test_stock_change_within_the_column_is_recorded(merchant_client, level):
    response = _stock_edit(merchant_client, level, change=2_000_000_000, reason="restock")

    assert response.status_code == 302
    with store_scope([level.site_id]):
        level.refresh_from_db()
    assert level.on_hand == 2_000_000_004


def test_stock_service_refuses_a_count_past_its_column(level):
    with store_scope([level.site_id]), pytest.raises(StockOutOfRange):
        services.adjust_stock(variant=level.variant, quantity=INTEGER_MAX, reason="restock")

    with store_scope([level.site_id]):
        level.refresh_from_db()
        assert level.on_hand == 4
        assert StockMovement.objects.filter(variant=level.variant).count() == 1
