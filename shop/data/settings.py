from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django_countries import countries
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from tenancy.forms import SiteSettingForm
from tenancy.store_cache import store_value

from ..money import DEFAULT_LOCALE, LOCALES
from ..time_zones import validate_time_zone, zone_choices, zone_info, zone_of_country
from ..validators import no_invisible_characters, no_invisible_characters_multiline
from .catalog import OutOfStock
from .shipping import ShippingTable, shipping_of_store

CURRENCIES = [
    ("EUR", "Euro (€)"),
    ("DKK", "Danish krone (kr)"),
    ("JPY", "Japanese yen (¥)"),
    ("USD", "US dollar ($)"),
    ("GBP", "Pound sterling (£)"),
    ("NOK", "Norwegian krone (kr)"),
    ("SEK", "Swedish krona (kr)"),
    ("CHF", "Swiss franc (CHF)"),
]
# The low-stock threshold of a store that set none.
DEFAULT_LOW_STOCK_THRESHOLD = 5
# What invoice and credit note numbers start with, until a store chooses otherwise.
DEFAULT_INVOICE_PREFIX = "INV-"
DEFAULT_CREDIT_NOTE_PREFIX = "CN-"
# Where each store's settings are kept in its cache (``tenancy.store_cache``).
STORE_SETTINGS_ENTRY = "settings"


@register_setting(icon="cog")
class StoreSettings(BaseSiteSetting):
    """Commerce settings of one store."""

    currency = models.CharField(max_length=3, choices=CURRENCIES, default="EUR")
    default_country = CountryField(
        "store's country",
        default="NO",
        help_text="Preselected at checkout. Where the store ships, and what it charges, "
        "is set in Settings › Shipping zones.",
    )
    time_zone = models.CharField(
        "time zone",
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text="Dates in the admin (publishing schedules, orders) are entered and shown in "
        "this zone, and shoppers see them in it. Empty: the zone of the store's country.",
    )
    locale = models.CharField(
        "how amounts are written",
        max_length=5,
        choices=LOCALES,
        default=DEFAULT_LOCALE,
        help_text="The language and country whose way of writing amounts the store uses: "
        "1 000,00 kr in Norwegian, NOK 1,000.00 in English.",
    )
    contact_email = models.EmailField(blank=True)
    prices_include_tax = models.BooleanField(
        "prices include tax",
        default=True,
        help_text="Product prices and shipping rates are entered with tax included (as "
        "shoppers in Europe see them). Untick to enter them before tax, which checkout adds.",
    )
    tax_rate = models.DecimalField(
        "tax rate (%)",
        max_digits=6,
        decimal_places=3,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text="VAT or sales tax on products and shipping, unless a shipping zone sets "
        "its own. 0 charges none.",
    )
    offline_payment_instructions = models.TextField(
        blank=True,
        default="Pay by bank transfer within 7 days, or in cash when your parcel arrives.",
        help_text="Shown to shoppers who pay by bank transfer or cash on delivery.",
    )
    accepts_bank_transfer = models.BooleanField(
        "accept bank transfers",
        default=True,
        help_text="Shoppers pay into the account below, quoting their order's payment "
        "reference; you mark the order paid when the money arrives.",
    )
    bank_account_holder = models.CharField(
        "account holder", max_length=100, blank=True, validators=[no_invisible_characters]
    )
    bank_name = models.CharField(max_length=100, blank=True, validators=[no_invisible_characters])
    bank_account_number = models.CharField(
        "account number or IBAN",
        max_length=40,
        blank=True,
        validators=[no_invisible_characters],
    )
    bank_bic = models.CharField(
        "BIC / SWIFT", max_length=11, blank=True, validators=[no_invisible_characters]
    )
    accepts_cash_on_delivery = models.BooleanField(
        "accept cash on delivery",
        default=False,
        help_text="Shoppers pay the carrier or you when the parcel arrives; you mark the "
        "order paid then.",
    )
    legal_name = models.CharField(
        "legal name",
        max_length=200,
        blank=True,
        validators=[no_invisible_characters],
        help_text="The registered name of your business, printed on invoices (the store's "
        "name when empty).",
    )
    business_address = models.TextField(
        "business address",
        max_length=500,
        blank=True,
        validators=[no_invisible_characters_multiline],
        help_text="Your registered address, printed on invoices.",
    )
    tax_number = models.CharField(
        "VAT or tax number",
        max_length=40,
        blank=True,
        validators=[no_invisible_characters],
        help_text="Printed on invoices, such as NO999999999MVA or DE123456789.",
    )
    invoice_prefix = models.CharField(
        "invoice number prefix",
        max_length=20,
        default=DEFAULT_INVOICE_PREFIX,
        blank=True,
        validators=[no_invisible_characters],
        help_text="Printed before each invoice's number: INV- gives INV-0001. Changing it "
        "keeps the numbering and leaves issued invoices as they are.",
    )
    credit_note_prefix = models.CharField(
        "credit note number prefix",
        max_length=20,
        default=DEFAULT_CREDIT_NOTE_PREFIX,
        blank=True,
        validators=[no_invisible_characters],
        help_text="Printed before each credit note's number: CN- gives CN-0001.",
    )
    return_window_days = models.PositiveSmallIntegerField(
        "returns accepted for (days)",
        default=30,
        validators=[MaxValueValidator(365)],
        help_text="Shoppers may ask to return shipped items for this many days after they "
        "were shipped. 0 accepts no returns.",
    )
    products_per_page = models.PositiveSmallIntegerField(default=12)
    out_of_stock = models.CharField(
        "when a product sells out",
        max_length=16,
        choices=OutOfStock.choices,
        default=OutOfStock.SOLD_OUT,
        help_text="Each product may choose otherwise.",
    )
    low_stock_threshold = models.PositiveIntegerField(
        default=DEFAULT_LOW_STOCK_THRESHOLD,
        help_text="A variant with this many or fewer left is low on stock, unless it sets "
        "its own threshold.",
    )
    reservation_minutes = models.PositiveSmallIntegerField(
        "hold items in checkout for (minutes)",
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text="A shopper entering checkout holds their cart's items this long, renewed "
        "while they are active.",
    )

    panels = [
        FieldRowPanel([FieldPanel("currency"), FieldPanel("locale")]),
        FieldPanel("contact_email"),
        FieldRowPanel(
            [
                FieldPanel("default_country"),
                FieldPanel(
                    "time_zone",
                    widget=forms.Select(choices=[("", "The country's zone"), *zone_choices()]),
                ),
            ]
        ),
        MultiFieldPanel(
            [FieldPanel("prices_include_tax"), FieldPanel("tax_rate")],
            heading="Tax",
        ),
        MultiFieldPanel(
            [
                FieldPanel("accepts_bank_transfer"),
                FieldPanel("bank_account_holder"),
                FieldPanel("bank_name"),
                FieldPanel("bank_account_number"),
                FieldPanel("bank_bic"),
                FieldPanel("accepts_cash_on_delivery"),
                FieldPanel("offline_payment_instructions"),
            ],
            heading="Payments",
        ),
        MultiFieldPanel(
            [
                FieldPanel("legal_name"),
                FieldPanel("business_address"),
                FieldPanel("tax_number"),
                FieldRowPanel([FieldPanel("invoice_prefix"), FieldPanel("credit_note_prefix")]),
            ],
            heading="Invoices",
        ),
        FieldPanel("return_window_days"),
        FieldPanel("products_per_page"),
        MultiFieldPanel(
            [
                FieldPanel("out_of_stock"),
                FieldPanel("low_stock_threshold"),
                FieldPanel("reservation_minutes"),
            ],
            heading="Inventory",
        ),
    ]
    base_form_class = SiteSettingForm

    class Meta:
        verbose_name = "store settings"

    def save(self, *args, **kwargs):
        if not self.time_zone:  # a store that chose none keeps its country's
            self.time_zone = zone_of_country(self.default_country.code)
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "time_zone"}
        super().save(*args, **kwargs)

    @property
    def zone(self):
        """The store's time zone (``zoneinfo.ZoneInfo``)."""
        return zone_info(self.time_zone or zone_of_country(self.default_country.code))

    @property
    def shipping(self) -> ShippingTable:
        """The store's shipping zones and rates (``shop.data.shipping``)."""
        return shipping_of_store(self.site_id, self.default_country.code)

    @property
    def has_bank_details(self) -> bool:
        return bool(self.bank_account_holder and self.bank_account_number)

    @property
    def offline_payment_methods(self) -> list[str]:
        """The offline ways of paying this store offers at checkout (``Order.PaymentMethod``
        values); card payments join them when the store can take cards."""
        methods = []
        if self.accepts_bank_transfer:
            methods.append("bank_transfer")
        if self.accepts_cash_on_delivery:
            methods.append("cash_on_delivery")
        return methods

    def clean(self):
        super().clean()
        if self.invoice_prefix == self.credit_note_prefix:
            raise ValidationError(
                {
                    "credit_note_prefix": "Give credit notes a prefix of their own, so that no "
                    "invoice and credit note ever carry the same number."
                }
            )
        if self.accepts_bank_transfer and not self.has_bank_details and self.pk:
            # Stores made before bank details existed keep working; a save asks for them.
            raise ValidationError(
                {
                    "bank_account_number": "Enter the account holder and the account number "
                    "shoppers pay into, or stop accepting bank transfers."
                }
            )

    @property
    def country_choices(self) -> list[tuple[str, str]]:
        """The countries shoppers may ship to, those of the store's shipping zones: the
        store's own first (when it ships there), then by name."""
        home = self.default_country.code
        codes = self.shipping.countries()
        others = sorted(codes - {home}, key=lambda code: countries.name(code))
        return [(code, countries.name(code)) for code in ([home] if home in codes else []) + others]

    def ships_to(self, country_code: str) -> bool:
        return country_code in self.shipping.countries()


def settings_of_store(site_id: int) -> StoreSettings:
    """The store's settings, from the store's cache (saving them drops the entry)."""
    return store_value(
        site_id,
        STORE_SETTINGS_ENTRY,
        lambda: StoreSettings.base_queryset().get_or_create(site_id=site_id)[0],
    )
