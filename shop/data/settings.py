from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django_countries import countries
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from tenancy.forms import SiteSettingForm
from tenancy.store_cache import store_value

from ..validators import no_invisible_characters
from .catalog import OutOfStock

CURRENCIES = [
    ("EUR", "Euro (€)"),
    ("USD", "US dollar ($)"),
    ("GBP", "Pound sterling (£)"),
    ("NOK", "Norwegian krone (kr)"),
    ("SEK", "Swedish krona (kr)"),
    ("CHF", "Swiss franc (CHF)"),
]
# The low-stock threshold of a store that set none.
DEFAULT_LOW_STOCK_THRESHOLD = 5
# Where each store's settings are kept in its cache (``tenancy.store_cache``).
STORE_SETTINGS_ENTRY = "settings"

CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "NOK": "kr ", "SEK": "kr ", "CHF": "CHF "}


@register_setting(icon="cog")
class StoreSettings(BaseSiteSetting):
    """Commerce settings of one store."""

    currency = models.CharField(max_length=3, choices=CURRENCIES, default="EUR")
    default_country = CountryField(
        "store's country",
        default="NO",
        help_text="Preselected at checkout. Orders to this country pay the flat shipping rate "
        "and ship free above the threshold.",
    )
    selling_countries = CountryField(
        "also ships to",
        multiple=True,
        max_length=1000,
        blank=True,
        help_text="Other countries shoppers may choose at checkout. Leave empty to sell only "
        "to the store's country.",
    )
    contact_email = models.EmailField(blank=True)
    flat_shipping_rate = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        default=Decimal("5.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    free_shipping_threshold = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text="Orders to the store's country at or above this subtotal ship free. "
        "Leave empty for never.",
    )
    international_shipping_rate = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text="Shipping to the other countries, whatever the subtotal. "
        "Leave empty to charge the flat rate.",
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
        FieldPanel("currency"),
        FieldPanel("contact_email"),
        MultiFieldPanel(
            [
                FieldPanel("default_country"),
                FieldPanel("selling_countries"),
                FieldPanel("flat_shipping_rate"),
                FieldPanel("free_shipping_threshold"),
                FieldPanel("international_shipping_rate"),
            ],
            heading="Shipping",
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

    @property
    def country_choices(self) -> list[tuple[str, str]]:
        """The countries shoppers may ship to: the store's own first, then by name."""
        home = self.default_country.code
        others = sorted(
            {country.code for country in self.selling_countries} - {home},
            key=lambda code: countries.name(code),
        )
        return [(code, countries.name(code)) for code in [home, *others]]

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
        if self.accepts_bank_transfer and not self.has_bank_details and self.pk:
            # Stores made before bank details existed keep working; a save asks for them.
            raise ValidationError(
                {
                    "bank_account_number": "Enter the account holder and the account number "
                    "shoppers pay into, or stop accepting bank transfers."
                }
            )

    def ships_to(self, country_code: str) -> bool:
        return country_code in {code for code, _ in self.country_choices}

    @property
    def abroad_shipping_rate(self) -> Decimal:
        """What shipping to any country but the store's own costs."""
        rate = self.international_shipping_rate
        return self.flat_shipping_rate if rate is None else rate

    def is_domestic(self, country_code: str) -> bool:
        return country_code == self.default_country.code


def settings_of_store(site_id: int) -> StoreSettings:
    """The store's settings, from the store's cache (saving them drops the entry)."""
    return store_value(
        site_id,
        STORE_SETTINGS_ENTRY,
        lambda: StoreSettings.base_queryset().get_or_create(site_id=site_id)[0],
    )
