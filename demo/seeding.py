"""``seed_demo()``: the four demo stores with catalog, pictures and pages, and the superuser.

Idempotent: a store whose slug exists is left as it is, so running it again creates
nothing. Each store is made in its own transaction, so a failure leaves no half store
(picture files already written stay in media storage, unreferenced), and filled in its own
store scope (``tenancy.scope``), so callers need none. Every run points
the demo Sites and the platform Site at ``settings.STORES_PORT``, the port ``make run``
serves on. The logins made here are published demo logins, never for a real deployment.
"""

import io
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.images import ImageFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Site
from wagtail.utils.file import hash_filelike

from shop.contact_page import ContactFormField, ContactPage
from shop.models import (
    DiscountCode,
    Product,
    ProductImage,
    ProductVariant,
    Promotion,
    ShippingRate,
    ShippingZone,
    StockMovement,
    StoreMenu,
    StoreSettings,
)
from shop.pages import CategoryPage, ProductPage, StoreHomePage, StorePage
from shop.services import adjust_stock, ensure_stock_levels, set_product_tags
from shop.services.campaigns import Plan, save_campaign
from tenancy.scope import store_scope
from tenants.models import Store
from tenants.roles import Role
from tenants.selectors import role_of
from tenants.services import create_store
from tenants.staff import add_staff
from themes.models import StoreTheme
from themes.overrides import PageThemeOverride
from themes.services import publish_theme

from . import images
from .catalogs import STORES, CategorySpec, ProductSpec, StoreSpec

# The store whose "Summer sale" section shows page-tree theming: its own warm colours.
SUMMER_SALE_STORE = "fjord"
SUMMER_SALE_COLOURS = {"primary_color": "#9a3412", "accent_color": "#ea580c"}

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "admin-demo"  # noqa: S105 - a published demo login


@dataclass(frozen=True)
class StaffSpec:
    """A demo staff member besides the owners: (store slug, email, role, password)."""

    store: str
    email: str
    role: Role
    password: str  # demo only


# An editor and a support agent in Fjord, and one person who edits two stores and
# switches between them.
DEMO_STAFF = (
    StaffSpec("fjord", "editor@fjord.example", Role.EDITOR, "fjord-demo"),
    StaffSpec("fjord", "support@fjord.example", Role.SUPPORT, "fjord-demo"),
    StaffSpec("aurora", "studio@demo.example", Role.EDITOR, "studio-demo"),
    StaffSpec("maison", "studio@demo.example", Role.EDITOR, "studio-demo"),
)


@dataclass(frozen=True)
class SeededStore:
    store: Store
    spec: StoreSpec
    created: bool


@dataclass(frozen=True)
class SeedResult:
    stores: list[SeededStore]
    staff: list[StaffSpec]
    admin_created: bool
    admin_password_is_demo: bool  # False when an existing admin keeps its own password


def seed_demo(
    *, sizes: images.ImageSizes = images.FULL_SIZES, specs: tuple[StoreSpec, ...] = STORES
) -> SeedResult:
    """Create the superuser and whichever demo stores are missing; refresh Site ports."""
    admin_created, admin_password_is_demo = _ensure_superuser()
    seeded = [_seed_store(spec=spec, sizes=sizes) for spec in specs]
    _point_sites_at_stores_port(site_ids=[item.store.site_id for item in seeded])
    staff = _ensure_demo_staff(stores={item.store.slug: item.store for item in seeded})
    return SeedResult(
        stores=seeded,
        staff=staff,
        admin_created=admin_created,
        admin_password_is_demo=admin_password_is_demo,
    )


def _ensure_superuser() -> tuple[bool, bool]:
    """The platform superuser: created if missing; an existing password is kept if usable."""
    user = User.objects.filter(username=ADMIN_USERNAME).first()
    if user is None:
        User.objects.create_superuser(
            ADMIN_USERNAME, email="admin@localhost", password=ADMIN_PASSWORD
        )
        return True, True
    if not user.has_usable_password():
        user.set_password(ADMIN_PASSWORD)
        user.save(update_fields=["password"])
    return False, user.check_password(ADMIN_PASSWORD)


def _ensure_demo_staff(*, stores: dict[str, Store]) -> list[StaffSpec]:
    """Add the demo staff of the seeded stores; people already on a store's staff are left
    as they are. Returns the demo staff of those stores."""
    present = []
    for spec in DEMO_STAFF:
        store = stores.get(spec.store)
        if store is None:
            continue
        present.append(spec)
        user = User.objects.filter(username=spec.email).first()
        if user is None:
            user = User.objects.create_user(spec.email, email=spec.email, password=spec.password)
        if role_of(user=user, store=store) is None:
            add_staff(store=store, user=user, role=spec.role, added_by=None)
    return present


def _point_sites_at_stores_port(*, site_ids) -> None:
    """Give the demo Sites and the platform Site the port shoppers reach them on."""
    port = settings.STORES_PORT
    for site in Site.objects.filter(Q(pk__in=site_ids) | Q(is_default_site=True)):
        if site.port != port:
            site.port = port
            site.save(update_fields=["port"])
    Site.clear_site_root_paths_cache()


def _seed_store(*, spec: StoreSpec, sizes: images.ImageSizes) -> SeededStore:
    existing = Store.objects.filter(slug=spec.slug).first()
    if existing is not None:
        return SeededStore(store=existing, spec=spec, created=False)
    with transaction.atomic():
        store, _ = create_store(
            slug=spec.slug,
            name=spec.name,
            owner_email=spec.owner_email,
            preset=spec.preset,
            owner_password=spec.owner_password,
        )
        with store_scope([store.site_id]):
            _fill_store(store=store, spec=spec, sizes=sizes)
    return SeededStore(store=store, spec=spec, created=True)


def _fill_store(*, store: Store, spec: StoreSpec, sizes: images.ImageSizes) -> None:
    """Settings, catalog, pictures and pages of a new store, in that store's scope."""
    _configure(store=store, spec=spec)
    home = StoreHomePage.objects.get(pk=store.site.root_page_id)
    categories, products = {}, {}
    for category_spec in spec.categories:
        category, made = _add_category(
            store=store, home=home, spec=category_spec, store_spec=spec, sizes=sizes
        )
        categories[category.slug] = category
        products.update(made)
    about = home.add_child(
        instance=StorePage(
            title="About", slug="about", show_in_menus=True, body=[("rich_text", spec.about)]
        )
    )
    _build_home(
        store=store,
        home=home,
        spec=spec,
        categories=categories,
        products=products,
        about=about,
        sizes=sizes,
    )
    if spec.slug == SUMMER_SALE_STORE:
        sale = _add_summer_sale(home=home, products=products)
        contact = _add_contact_page(home=home)
        _add_header_menu(store=store, pages=[*categories.values(), sale, about, contact])
        _plan_weekend_campaign(store=store, home=home)
    else:
        _add_contact_page(home=home)


def _configure(*, store: Store, spec: StoreSpec) -> None:
    shop_settings = StoreSettings.objects.get(site=store.site)
    shop_settings.currency = spec.currency
    shop_settings.contact_email = spec.contact_email
    shop_settings.default_country = spec.country
    shop_settings.locale = spec.locale
    shop_settings.prices_include_tax = spec.prices_include_tax
    shop_settings.tax_rate = Decimal(spec.tax_rate)
    # A demo account, so the confirmation page and email show where to pay.
    shop_settings.bank_account_holder = spec.name
    shop_settings.bank_name = "Demo Bank"
    shop_settings.bank_account_number = "NO93 8601 1117 947"
    shop_settings.bank_bic = "DEMONOKK"
    shop_settings.accepts_cash_on_delivery = True
    shop_settings.save()
    _add_shipping_zones(store=store, spec=spec)
    _add_welcome_code(store=store)
    theme = StoreTheme.objects.get(site=store.site)
    theme.tagline = spec.tagline
    for name, value in spec.theme_colours.items():
        setattr(theme, name, value)
    publish_theme(theme=theme)


def _add_welcome_code(*, store: Store) -> None:
    """A published code promotion: 10 % off a first order with WELCOME10. A code changes
    no price on the storefront until a shopper enters it."""
    promotion = Promotion.objects.create(
        site=store.site,
        name="Welcome: 10 % off your first order",
        method=Promotion.Method.CODE,
        kind=Promotion.Kind.PERCENTAGE,
        value=Decimal("10"),
        first_order_only=True,
        usage_limit_per_customer=1,
        live=False,
    )
    promotion.save_revision().publish()
    DiscountCode.objects.create(site=store.site, promotion=promotion, code="WELCOME10")


def _add_shipping_zones(*, store: Store, spec: StoreSpec) -> None:
    """The store's own country, free above its threshold (with local pickup when it has a
    showroom), and the other countries it ships to at its flat rate."""
    flat = Decimal(spec.flat_shipping_rate)
    with store_scope([store.site.pk]):
        home = ShippingZone.objects.create(
            site=store.site, name="Domestic", countries=[spec.country]
        )
        ShippingRate.objects.create(
            zone=home,
            sort_order=0,
            name="Standard",
            kind=ShippingRate.Kind.FREE_ABOVE,
            price=flat,
            free_above=Decimal(spec.free_shipping_threshold),
        )
        if spec.pickup_address:
            ShippingRate.objects.create(
                zone=home,
                sort_order=1,
                name="Pick up in store",
                kind=ShippingRate.Kind.PICKUP,
                pickup_address=spec.pickup_address,
                pickup_instructions="Ready the next working day; bring your order number.",
            )
        if spec.selling_countries:
            abroad = ShippingZone.objects.create(
                site=store.site, name="International", countries=list(spec.selling_countries)
            )
            ShippingRate.objects.create(zone=abroad, name="International", price=flat)


def _add_category(*, store, home, spec: CategorySpec, store_spec: StoreSpec, sizes):
    """A category page with its products and their pages; returns it and {handle: Product}."""
    products = {
        product_spec.handle: _create_product(
            store=store, spec=product_spec, palette=store_spec.palette, sizes=sizes
        )
        for product_spec in spec.products
    }
    first = products[spec.products[0].handle]
    category = home.add_child(
        instance=CategoryPage(
            title=spec.title,
            slug=spec.slug,
            intro=spec.intro,
            image=first.images.first().image,
            show_in_menus=True,
        )
    )
    for product in products.values():
        category.add_child(
            instance=ProductPage(title=product.title, slug=product.handle, product=product)
        )
    return category, products


def _create_product(*, store: Store, spec: ProductSpec, palette, sizes) -> Product:
    """A product with its variants, pictures and stock (restocked through the ledger)."""
    product = Product.objects.create(
        site=store.site,
        title=spec.title,
        handle=spec.handle,
        description=spec.description,
        vendor=spec.vendor,
        product_type=spec.product_type,
        status=Product.Status.ACTIVE,
        option_names=list(dict.fromkeys(name for v in spec.variants for name in v.options)),
    )
    set_product_tags(product=product, names=spec.tags)
    stock, variants = {}, []
    for position, variant_spec in enumerate(spec.variants):
        variant = ProductVariant.objects.create(
            product=product,
            sku=variant_spec.sku,
            options=dict(variant_spec.options),
            price=Decimal(variant_spec.price),
            compare_at_price=(
                Decimal(variant_spec.compare_at_price) if variant_spec.compare_at_price else None
            ),
            sort_order=position,
        )
        stock[variant] = variant_spec.stock
        variants.append(variant)
    scene = images.Scene.for_palette(palette, key=spec.handle)
    for position, colour in enumerate(spec.colours[:2]):
        picture = images.product_picture(
            scene, images.Subject(shape=spec.shape, colour=colour), size=sizes.product
        )
        image = _save_image(
            store=store, title=spec.title, picture=picture, name=f"{spec.handle}-{position + 1}"
        )
        ProductImage.objects.create(
            product=product, image=image, alt_text=spec.title, sort_order=position
        )
        # Colour variants are listed in the order of the pictures' colours.
        if position < len(variants) and "Colour" in variants[position].options:
            variants[position].image = image
            variants[position].save(update_fields=["image"])
    ensure_stock_levels(product=product)
    for variant, quantity in stock.items():
        if quantity:
            adjust_stock(
                variant=variant,
                quantity=quantity,
                reason=StockMovement.Reason.RESTOCK,
                note="Demo stock",
            )
    return product


def _build_home(*, store, home, spec: StoreSpec, categories, products, about, sizes) -> None:
    """The home page's blocks, in the order a merchant would lay them out; then publish."""
    copy = spec.home
    hero_image, story_image = _home_pictures(store=store, spec=spec, sizes=sizes)
    home.body = [
        (
            "hero",
            {
                "heading": copy.hero_heading,
                "subheading": copy.hero_subheading,
                "image": hero_image,
                "button": _link(copy.hero_button, categories[copy.hero_category]),
            },
        ),
        (
            "product_grid",
            {
                "heading": copy.featured_heading,
                "source": "category",
                "category": categories[copy.featured_category],
                "products": [],
                "limit": 8,
            },
        ),
        (
            "image_text",
            {
                "image": story_image,
                "heading": copy.story_heading,
                "text": copy.story,
                "image_position": "left",
                "button": _link("Our story", about),
            },
        ),
        (
            "product_grid",
            {
                "heading": copy.picked_heading,
                "source": "picked",
                "category": None,
                "products": [products[handle] for handle in copy.picked],
                "limit": len(copy.picked),
            },
        ),
        (
            "call_to_action",
            {
                "heading": copy.cta_heading,
                "text": copy.cta_text,
                "button": _link(copy.cta_button, categories[copy.cta_category]),
            },
        ),
        ("rich_text", copy.closing),
    ]
    home.save_revision().publish()


def _add_summer_sale(*, home, products) -> StorePage:
    """A "Summer sale" section in its own colours (a page-tree theme override), listing the
    products on sale, with a page of sale terms under it that inherits the colours."""
    on_sale = [
        product
        for product in products.values()
        if any(variant.compare_at_price for variant in product.variants.all())
    ][:8]
    sale = home.add_child(
        instance=StorePage(
            title="Summer sale",
            slug="summer-sale",
            show_in_menus=True,
            body=[
                (
                    "rich_text",
                    "<p>Warm days, cool prices: our summer favourites at their lowest "
                    "prices of the year, while stocks last.</p>",
                ),
                (
                    "product_grid",
                    {
                        "heading": "On sale now",
                        "source": "picked",
                        "category": None,
                        "products": on_sale,
                        "limit": max(len(on_sale), 1),
                    },
                ),
            ],
        )
    )
    terms = sale.add_child(
        instance=StorePage(
            title="Sale terms",
            slug="terms",
            body=[
                (
                    "rich_text",
                    "<p>Sale prices apply until 31 August or while stocks last. Sale items "
                    "can be returned within 30 days, like everything else.</p>",
                ),
                (
                    "call_to_action",
                    {
                        "heading": "Everything on sale, in one place",
                        "text": "Summer favourites at their lowest prices of the year.",
                        "button": _link("Back to the sale", sale),
                    },
                ),
            ],
        )
    )
    sale.body.append(
        (
            "call_to_action",
            {
                "heading": "Free returns on sale items",
                "text": "Changed your mind? Send it back within 30 days.",
                "button": _link("Read the sale terms", terms),
            },
        )
    )
    sale.theme_overrides = [PageThemeOverride(**SUMMER_SALE_COLOURS)]
    sale.save_revision().publish()
    return sale


def _plan_weekend_campaign(*, store: Store, home) -> None:
    """A campaign planned for the coming weekend (Friday 00:00 to Monday 00:00, store
    time), from a landing page and an automatic promotion drafted for it (ADR 48): on the
    calendar under Shop → Campaigns, and in the store's preview at its start."""
    landing = home.add_child(
        instance=StorePage(
            title="Weekend sale",
            slug="weekend-sale",
            live=False,
            body=[
                (
                    "rich_text",
                    "<p>This weekend only: 15 % off everything in the shop, from Friday "
                    "morning to Sunday night.</p>",
                ),
            ],
        )
    )
    landing.save_revision()
    promotion = Promotion.objects.create(
        site=store.site,
        name="Weekend: 15 % off everything",
        kind=Promotion.Kind.PERCENTAGE,
        value=Decimal("15"),
        live=False,
    )
    promotion.save_revision()
    zone = StoreSettings.for_site(store.site).zone
    today = timezone.localtime(timezone.now(), zone).date()
    friday = today + timedelta(days=(4 - today.weekday()) % 7 or 7)
    starts_at = datetime.combine(friday, time.min, tzinfo=zone)
    save_campaign(
        site_id=store.site.pk,
        plan=Plan(
            name="Weekend sale",
            starts_at=starts_at,
            ends_at=datetime.combine(friday + timedelta(days=3), time.min, tzinfo=zone),
            objects=[landing, promotion],
        ),
    )


def _add_contact_page(*, home) -> ContactPage:
    """A contact page with the three fields shoppers expect; messages go to the store's
    contact email."""
    return home.add_child(
        instance=ContactPage(
            title="Contact",
            slug="contact",
            show_in_menus=True,
            intro="<p>Questions about an order, a product or a gift? Write to us: we answer "
            "within one working day.</p>",
            thank_you_text="<p>Thank you! Your message is with us, and we will answer within "
            "one working day.</p>",
            form_fields=[
                ContactFormField(label="Your name", field_type="singleline", required=True),
                ContactFormField(label="Email", field_type="email", required=True),
                ContactFormField(label="Message", field_type="multiline", required=True),
            ],
        )
    )


def _add_header_menu(*, store: Store, pages) -> StoreMenu:
    """The header menu the merchant arranged: the categories, the sale, about, contact."""
    return StoreMenu.objects.create(
        site=store.site,
        location=StoreMenu.Location.HEADER,
        links=[{"type": "link", "value": {"page": page.pk, "label": ""}} for page in pages],
    )


def _home_pictures(*, store: Store, spec: StoreSpec, sizes):
    """The hero banner (the hand-picked products) and the story picture (featured ones)."""
    picked = [_product_spec(spec, handle) for handle in spec.home.picked]
    featured = next(c for c in spec.categories if c.slug == spec.home.featured_category)
    hero = images.hero_picture(
        images.Scene.for_palette(spec.palette, key=f"{spec.slug}-hero"),
        [_subject(product) for product in picked],
        size=sizes.hero,
    )
    story = images.feature_picture(
        images.Scene.for_palette(spec.palette, key=f"{spec.slug}-story"),
        [_subject(product) for product in featured.products[:3]],
        size=sizes.feature,
    )
    return (
        _save_image(store=store, title=spec.name, picture=hero, name="hero"),
        _save_image(store=store, title=spec.home.story_heading, picture=story, name="story"),
    )


def _subject(spec: ProductSpec) -> images.Subject:
    return images.Subject(shape=spec.shape, colour=spec.colours[0])


def _link(label, page) -> dict:
    return {"label": label, "page": page, "url": ""}


def _product_spec(spec: StoreSpec, handle: str) -> ProductSpec:
    return next(p for category in spec.categories for p in category.products if p.handle == handle)


def _save_image(*, store: Store, title: str, picture, name: str):
    """A Wagtail image in the store's collection, from a picture held in memory."""
    data = images.jpeg_bytes(picture)
    content = ImageFile(io.BytesIO(data), name=f"{store.slug}-{name}.jpg")
    image = get_image_model()(
        title=title,
        file=content,
        collection=store.collection,
        file_size=len(data),
        file_hash=hash_filelike(io.BytesIO(data)),
    )
    image.save()
    return image
