"""The admin of a store's shipping zones and their rates, under Settings (ADR 40).

Built on the store-scoped base of ``tenancy.admin``: a merchant lists and edits the zones
of their active store only, and another store's zone id is a 404. Registered in
``shop/wagtail_hooks.py``.
"""

from django.utils.html import format_html_join
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column

from tenancy.admin.forms import StoreOwnedForm
from tenancy.admin.viewsets import StoreScopedViewSet

from .data.settings import settings_of_store
from .data.shipping import ShippingRate, ShippingZone, bands_overlap
from .money import format_money

BAND_FIELDS = {
    ShippingRate.Kind.WEIGHT: ("min_weight_grams", "max_weight_grams", "weight"),
    ShippingRate.Kind.VALUE: ("min_order_value", "max_order_value", "order value"),
}


class ShippingZoneForm(StoreOwnedForm):
    """A zone with its rates. Two rates of one kind whose bands overlap are refused beside
    the second one's band: a cart would fall in both and the shopper see two prices of one
    thing."""

    def clean(self):
        cleaned = super().clean()
        rates = self.formsets.get("rates")
        if rates is not None and rates.is_valid():
            self._refuse_overlapping_bands(rates)
        return cleaned

    def _refuse_overlapping_bands(self, formset) -> None:
        kept = [
            form
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        for kind, (low_field, high_field, what) in BAND_FIELDS.items():
            seen = []
            for form in kept:
                data = form.cleaned_data
                if data.get("kind") != kind:
                    continue
                band = (data.get(low_field) or 0, data.get(high_field))
                clash = next((name for name, other in seen if bands_overlap(band, other)), None)
                if clash is not None:
                    form.add_error(
                        high_field if data.get(high_field) is not None else low_field,
                        f"This {what} band overlaps the band of “{clash}”. A band runs up "
                        "to its upper bound, not including it: let the next one start there.",
                    )
                seen.append((data.get("name"), band))


def _rates_summary(zone) -> str:
    settings = settings_of_store(zone.site_id)
    currency, locale = settings.currency, settings.locale
    return format_html_join(
        ", ",
        "{} ({})",
        (
            (rate.name, format_money(rate.price, currency=currency, locale=locale))
            for rate in zone.rates.all()
        ),
    )


class ShippingZoneViewSet(StoreScopedViewSet):
    """The store's shipping zones, each with its rates, under Settings."""

    model = ShippingZone
    icon = "site"
    menu_label = "Shipping zones"
    add_to_settings_menu = True
    list_display = [
        "name",
        Column(
            "countries",
            label="Countries",
            accessor=lambda zone: ", ".join(country.name for country in zone.countries),
        ),
        Column("rates", label="Rates", accessor=lambda zone: _rates_summary(zone)),
        "tax_rate",
    ]
    search_fields = ["name"]
    edit_handler = ObjectList(ShippingZone.panels, base_form_class=ShippingZoneForm)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("rates")
