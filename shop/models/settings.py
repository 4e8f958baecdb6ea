from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from themes.forms import SiteSettingForm

CURRENCIES = [
    ("EUR", "Euro (€)"),
    ("USD", "US dollar ($)"),
    ("GBP", "Pound sterling (£)"),
    ("NOK", "Norwegian krone (kr)"),
    ("SEK", "Swedish krona (kr)"),
    ("CHF", "Swiss franc (CHF)"),
]
CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "NOK": "kr ", "SEK": "kr ", "CHF": "CHF "}


@register_setting(icon="cog")
class StoreSettings(BaseSiteSetting):
    """Commerce settings of one store."""

    currency = models.CharField(max_length=3, choices=CURRENCIES, default="EUR")
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
        help_text="Orders at or above this subtotal ship free. Leave empty for never.",
    )
    offline_payment_instructions = models.TextField(
        blank=True,
        default="Pay by bank transfer within 7 days, or in cash when your parcel arrives.",
        help_text="Shown to shoppers who choose bank transfer / pay on delivery.",
    )
    products_per_page = models.PositiveSmallIntegerField(default=12)

    panels = [
        FieldPanel("currency"),
        FieldPanel("contact_email"),
        MultiFieldPanel(
            [FieldPanel("flat_shipping_rate"), FieldPanel("free_shipping_threshold")],
            heading="Shipping",
        ),
        FieldPanel("offline_payment_instructions"),
        FieldPanel("products_per_page"),
    ]
    base_form_class = SiteSettingForm

    class Meta:
        verbose_name = "store settings"

    @property
    def currency_symbol(self) -> str:
        return CURRENCY_SYMBOLS.get(self.currency, f"{self.currency} ")
