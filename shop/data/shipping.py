"""Where a store ships and what it charges: shipping zones and their rates (ADR 40).

A zone is a set of countries, optionally narrowed to postal codes starting with given
prefixes, with its own tax rate or the store's. Its rates are what a shopper picks from at
checkout: a flat price, a price by weight band or by order-value band, a price that falls
to nothing above a threshold, or local pickup. Bands are half-open, ``min <= x < max``, so
bands that meet (0 to 1000 g, 1000 to 5000 g) never overlap.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from tenancy.scope import StoreOwnedQuerySet, StoreScopedManager, store_scope
from tenancy.store_cache import store_value

# The largest weight a band names: ten tonnes, in grams.
MAX_GRAMS = 10_000_000
PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]
AMOUNT = {
    "max_digits": 10,
    "decimal_places": 2,
    "validators": [MinValueValidator(Decimal("0"))],
}


def postal_prefixes(text: str) -> list[str]:
    """The prefixes of a zone's postal-code field: one per line or comma, spaces and case
    ignored."""
    parts = text.replace(",", "\n").splitlines()
    return [p.replace(" ", "").upper() for p in parts if p.strip()]


class ShippingZone(ClusterableModel):
    """A region one store ships to, with the rates a shopper there may choose from."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=100, help_text='Shown to you only, e.g. "Nordics".')
    countries = CountryField(multiple=True, max_length=1000)
    postal_codes = models.TextField(
        "postal codes starting with",
        blank=True,
        help_text="One prefix per line (e.g. 9 for northern Norway). Leave empty for the "
        "whole of the countries. A zone with prefixes wins over one without.",
    )
    tax_rate = models.DecimalField(
        "tax rate (%)",
        max_digits=6,
        decimal_places=3,
        null=True,
        blank=True,
        validators=PERCENT,
        help_text="Leave empty to charge the store's tax rate.",
    )

    objects = StoreScopedManager.from_queryset(StoreOwnedQuerySet)()

    panels = [
        FieldPanel("site"),
        FieldPanel("name"),
        FieldPanel("countries"),
        FieldPanel("postal_codes"),
        FieldPanel("tax_rate"),
        InlinePanel("rates", heading="Rates", label="Rate", min_num=1),
    ]

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def covers(self, country: str, postal_code: str = "") -> bool:
        if country not in {c.code for c in self.countries}:
            return False
        prefixes = postal_prefixes(self.postal_codes)
        code = postal_code.replace(" ", "").upper()
        return not prefixes or any(code.startswith(prefix) for prefix in prefixes)


class ShippingRateQuerySet(StoreOwnedQuerySet):
    site_field = "zone__site"


class ShippingRate(Orderable):
    """One way of shipping to a zone, and its price for a cart of a weight and a value."""

    class Kind(models.TextChoices):
        FLAT = "flat", "Flat rate"
        WEIGHT = "weight", "By weight"
        VALUE = "value", "By order value"
        FREE_ABOVE = "free_above", "Free above a threshold"
        PICKUP = "pickup", "Local pickup"

    zone = ParentalKey(ShippingZone, on_delete=models.CASCADE, related_name="rates")
    name = models.CharField(max_length=100, help_text='Shown to shoppers, e.g. "Standard".')
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.FLAT)
    price = models.DecimalField(**AMOUNT, default=Decimal("0"))
    min_weight_grams = models.PositiveIntegerField(
        "from (g)", null=True, blank=True, validators=[MaxValueValidator(MAX_GRAMS)]
    )
    max_weight_grams = models.PositiveIntegerField(
        "up to, not including (g)",
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_GRAMS)],
    )
    min_order_value = models.DecimalField("from (order value)", **AMOUNT, null=True, blank=True)
    max_order_value = models.DecimalField(
        "up to, not including (order value)", **AMOUNT, null=True, blank=True
    )
    free_above = models.DecimalField("free from (order value)", **AMOUNT, null=True, blank=True)
    pickup_address = models.TextField(blank=True)
    pickup_instructions = models.TextField(blank=True, help_text="Opening hours, what to bring.")

    objects = StoreScopedManager.from_queryset(ShippingRateQuerySet)()

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind"), FieldPanel("price")]),
        FieldRowPanel([FieldPanel("min_weight_grams"), FieldPanel("max_weight_grams")]),
        FieldRowPanel([FieldPanel("min_order_value"), FieldPanel("max_order_value")]),
        FieldPanel("free_above"),
        MultiFieldPanel(
            [FieldPanel("pickup_address"), FieldPanel("pickup_instructions")],
            heading="Local pickup",
        ),
    ]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.kind == self.Kind.WEIGHT:
            errors |= _band_errors(self.min_weight_grams, self.max_weight_grams, "weight_grams")
        if self.kind == self.Kind.VALUE:
            errors |= _band_errors(self.min_order_value, self.max_order_value, "order_value")
        if self.kind == self.Kind.FREE_ABOVE and self.free_above is None:
            errors["free_above"] = "Give the order value from which this rate is free."
        if self.kind == self.Kind.PICKUP and not self.pickup_address.strip():
            errors["pickup_address"] = "Give the address shoppers collect their order from."
        if errors:
            raise ValidationError(errors)

    def band(self) -> tuple | None:
        """The half-open band of weight or value this rate applies to, else None."""
        if self.kind == self.Kind.WEIGHT:
            return (self.min_weight_grams or 0, self.max_weight_grams)
        if self.kind == self.Kind.VALUE:
            return (self.min_order_value or Decimal("0"), self.max_order_value)
        return None

    def price_for(self, *, weight_grams: int, subtotal: Decimal) -> Decimal | None:
        """What this rate charges for a cart of this weight and value; None when it does
        not apply to it (outside its band)."""
        band = self.band()
        if band is not None:
            measure = weight_grams if self.kind == self.Kind.WEIGHT else subtotal
            low, high = band
            if measure < low or (high is not None and measure >= high):
                return None
        if self.kind == self.Kind.FREE_ABOVE and subtotal >= self.free_above:
            return Decimal("0")
        return self.price


def _band_errors(low, high, suffix: str) -> dict:
    if low is None and high is None:
        return {f"min_{suffix}": "Give this band a lower or an upper bound."}
    if low is not None and high is not None and high <= low:
        return {f"max_{suffix}": "The upper bound must be above the lower one."}
    return {}


def bands_overlap(first: tuple, second: tuple) -> bool:
    """Whether two half-open bands ``(low, high)`` (``high`` None: no bound) share a value."""
    (low_a, high_a), (low_b, high_b) = first, second
    return (high_b is None or low_a < high_b) and (high_a is None or low_b < high_a)


# Where each store's zones and rates are kept in its cache (``tenancy.store_cache``).
SHIPPING_ENTRY = "shipping"
# What a store that has set up no zone charges: its own country only, at the flat rate
# every store had by default before zones.
DEFAULT_RATE_NAME = "Standard"
DEFAULT_RATE_PRICE = Decimal("5.00")


@dataclass(frozen=True)
class ShippingOffer:
    """What the store's own country is told of shipping (the storefront's shipping note):
    free above ``amount``, a flat ``amount``, or ``from`` the cheapest rate."""

    kind: str  # "free_above", "flat" or "from"
    amount: Decimal


@dataclass(frozen=True)
class ShippingTable:
    """One store's zones, each with its rates, as checkout reads them."""

    zones: tuple[tuple[ShippingZone, tuple[ShippingRate, ...]], ...]

    @classmethod
    def default(cls, home_country: str) -> "ShippingTable":
        zone = ShippingZone(name="Domestic", countries=[home_country])
        rate = ShippingRate(name=DEFAULT_RATE_NAME, kind=ShippingRate.Kind.FLAT)
        rate.price = DEFAULT_RATE_PRICE
        return cls(zones=((zone, (rate,)),))

    def countries(self) -> set[str]:
        return {country.code for zone, _ in self.zones for country in zone.countries}

    def zone_for(self, country: str, postal_code: str = "") -> ShippingZone | None:
        """The zone a parcel to this address goes by: among the zones that cover it, one
        naming postal-code prefixes wins over one naming whole countries; then the first by
        name."""
        covering = [zone for zone, _ in self.zones if zone.covers(country, postal_code)]
        covering.sort(key=lambda zone: not postal_prefixes(zone.postal_codes))
        return covering[0] if covering else None

    def offer(self, country: str) -> ShippingOffer | None:
        """The headline offer of shipping to ``country`` (local pickup is not shipping): a
        free threshold first; else one price for every order ("flat") when every rate
        costs the same or a flat rate is free; else the cheapest price ("from")."""
        zone = self.zone_for(country)
        rates = self.rates_of(zone) if zone is not None else ()
        rates = [rate for rate in rates if rate.kind != ShippingRate.Kind.PICKUP]
        free = [rate.free_above for rate in rates if rate.kind == ShippingRate.Kind.FREE_ABOVE]
        if free:
            lowest = min(free)
            return ShippingOffer("free_above" if lowest else "flat", lowest)
        prices = [rate.price for rate in rates]
        if not prices:
            return None
        cheapest = min(prices)
        flat = [rate.price for rate in rates if rate.kind == ShippingRate.Kind.FLAT]
        if flat and min(flat) == cheapest and (not cheapest or len(set(prices)) == 1):
            return ShippingOffer("flat", cheapest)
        return ShippingOffer("from", cheapest)

    def rates_of(self, zone: ShippingZone) -> tuple[ShippingRate, ...]:
        return next((rates for candidate, rates in self.zones if candidate is zone), ())


def load_shipping_table(site_id: int, home_country: str) -> ShippingTable:
    """The store's zones with their rates, read in the store's own scope; the default
    table while it has none."""
    with store_scope([site_id]):
        zones = list(ShippingZone.objects.filter(site_id=site_id).prefetch_related("rates"))
    if not zones:
        return ShippingTable.default(home_country)
    return ShippingTable(zones=tuple((zone, tuple(zone.rates.all())) for zone in zones))


def shipping_of_store(site_id: int, home_country: str) -> ShippingTable:
    """The store's shipping table, from the store's cache (saving a zone drops it)."""
    return store_value(site_id, SHIPPING_ENTRY, lambda: load_shipping_table(site_id, home_country))
