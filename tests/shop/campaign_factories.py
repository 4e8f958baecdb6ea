"""A store prepared for a campaign, as a content team prepares one: a landing page drafted
and never published, a draft of the home page, a promotion drafted and not published, a draft
of the theme and a product kept in draft until the sale."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine

from shop.data import Campaign, Product, ProductVariant, Promotion
from shop.models import StorePage
from shop.services.campaigns import Plan, run_campaigns, save_campaign
from tenancy.scope import store_scope
from tests.shop.factories import ProductFactory, ProductVariantFactory
from tests.shop.promotion_factories import make_promotion
from tests.themes.editor import theme_of

STORE_ZONE = ZoneInfo("Europe/Oslo")  # the test stores' (from their country)
START = datetime(2026, 11, 27, 0, 0, tzinfo=STORE_ZONE)  # Friday 00:00, store time
END = datetime(2026, 11, 30, 0, 0, tzinfo=STORE_ZONE)  # Monday 00:00
BEFORE = START - timedelta(days=3)
LIVE_COLOUR = "#112233"
SALE_COLOUR = "#cc0000"


@dataclass
class Prepared:
    landing: StorePage
    home: StorePage
    promotion: Promotion
    theme: object
    product: Product
    variant: ProductVariant


def prepare(store) -> Prepared:
    site = store.site
    with time_machine.travel(BEFORE, tick=False), store_scope([site.pk]):
        root = site.root_page.specific
        root.title = "Welcome"
        root.save_revision().publish()
        landing = StorePage(title="Black Friday", slug="black-friday", live=False)
        root.add_child(instance=landing)
        landing.save_revision()
        root = site.root_page.specific.__class__.objects.get(pk=site.root_page_id)
        root.title = "Black Friday is on"
        root.save_revision()  # the home page's draft for the sale
        promotion = make_promotion(
            site=site, name="Black Friday 20%", kind="percentage", value=20, publish=False
        )
        theme = theme_of(store)
        theme.primary_color = LIVE_COLOUR
        theme.save_revision().publish()
        theme.refresh_from_db()
        theme.primary_color = SALE_COLOUR
        theme.save_revision()  # the seasonal theme, drafted
        product = ProductFactory(site=site, title="Sale mug", status=Product.Status.DRAFT)
        variant = ProductVariantFactory(product=product, price="100.00")
    return Prepared(
        landing=StorePage.objects.get(pk=landing.pk),
        home=root.__class__.objects.get(pk=root.pk),
        promotion=promotion,
        theme=theme_of(store),
        product=product,
        variant=variant,
    )


def plan_for(prepared: Prepared, *, name="Black Friday", starts_at=START, ends_at=END) -> Plan:
    return Plan(
        name=name,
        starts_at=starts_at,
        ends_at=ends_at,
        objects=[prepared.landing, prepared.home, prepared.promotion, prepared.theme],
        shown=[prepared.product],
    )


def schedule(store, prepared: Prepared, **plan) -> Campaign:
    with time_machine.travel(BEFORE, tick=False), store_scope([store.site.pk]):
        return save_campaign(site_id=store.site.pk, plan=plan_for(prepared, **plan))


def run_at(moment):
    with time_machine.travel(moment, tick=False):
        return run_campaigns()
