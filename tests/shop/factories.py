"""Catalog, page-tree, cart and order builders. Stock is always written through the stock
service (``ensure_stock_levels`` / ``adjust_stock``), never by setting ``on_hand``.

Store-owned rows are made in the scope of their store (``tenancy.scope``), as the admin,
the storefront or a task would; tests that read them open a scope themselves.
"""

from decimal import Decimal

import factory
import wagtail_factories
from django.test import TestCase
from django.utils.text import slugify
from factory.django import DjangoModelFactory
from wagtail.models import Collection

from shop.models import (
    Cart,
    CartLine,
    CategoryPage,
    Product,
    ProductImage,
    ProductPage,
    ProductVariant,
    StockLevel,
    StockMovement,
)
from shop.services import CheckoutDetails, adjust_stock, ensure_stock_levels, place_order
from tenancy.scope import store_scope
from tests.tenants.factories import StoreFactory


class StoreOwnedFactory(DjangoModelFactory):
    """Creates its row in the scope of the store the row belongs to."""

    class Meta:
        abstract = True

    @classmethod
    def _site_id(cls, fields) -> int:
        raise NotImplementedError

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with store_scope([cls._site_id(kwargs)]):
            return super()._create(model_class, *args, **kwargs)


class ProductFactory(StoreOwnedFactory):
    class Meta:
        model = Product
        skip_postgeneration_save = True

    site = factory.LazyFunction(lambda: StoreFactory().site)
    title = factory.Sequence(lambda n: f"Product {n}")
    handle = factory.LazyAttribute(lambda o: slugify(o.title))
    status = Product.Status.ACTIVE

    @classmethod
    def _site_id(cls, fields) -> int:
        return fields["site"].pk


class ProductVariantFactory(StoreOwnedFactory):
    """A variant; its ``site`` is copied from the product when it is saved."""

    class Meta:
        model = ProductVariant

    product = factory.SubFactory(ProductFactory)
    sku = factory.Sequence(lambda n: f"SKU-{n:05d}")
    price = Decimal("10.00")
    options = factory.LazyFunction(dict)

    @classmethod
    def _site_id(cls, fields) -> int:
        return fields["product"].site_id


class ImageFactory(wagtail_factories.ImageFactory):
    """An image in the given collection (by default the root one, never a new root)."""

    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.ImageField(width=8, height=8, color="blue")


class DocumentFactory(wagtail_factories.DocumentFactory):
    """A document in the given collection (by default the root one, never a new root)."""

    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.FileField(filename="price-list.txt", data=b"Prices")


class ProductImageFactory(StoreOwnedFactory):
    class Meta:
        model = ProductImage

    product = factory.SubFactory(ProductFactory)
    image = factory.SubFactory(ImageFactory)

    @classmethod
    def _site_id(cls, fields) -> int:
        return fields["product"].site_id


class CategoryPageFactory(wagtail_factories.PageFactory):
    """Pass ``parent`` (a store home page or another category)."""

    class Meta:
        model = CategoryPage

    title = factory.Sequence(lambda n: f"Category {n}")


class ProductPageFactory(wagtail_factories.PageFactory):
    """Pass ``parent`` (a category) and ``product``."""

    class Meta:
        model = ProductPage

    title = factory.LazyAttribute(lambda o: o.product.title)
    slug = factory.LazyAttribute(lambda o: slugify(o.product.title))


class CartFactory(StoreOwnedFactory):
    """A cart; ``lines=[(variant, quantity), ...]`` adds rows as they are, unchecked."""

    class Meta:
        model = Cart
        skip_postgeneration_save = True

    site = factory.LazyFunction(lambda: StoreFactory().site)
    session_key = factory.Sequence(lambda n: f"session-{n:08d}")

    @classmethod
    def _site_id(cls, fields) -> int:
        return fields["site"].pk

    @factory.post_generation
    def lines(cart, create, extracted, **kwargs):
        with store_scope([cart.site_id]):
            for variant, quantity in extracted or []:
                CartLine.objects.create(cart=cart, variant=variant, quantity=quantity)


def stocked_product(*, site, variants=None, **product_fields) -> Product:
    """A product with variants and stock.

    ``variants`` is a list of dicts of variant fields plus ``stock`` (units on hand, default
    5) and ``allow_oversell``; by default one variant at 10.00 with 5 in stock.
    """
    product = ProductFactory(site=site, **product_fields)
    stocked = []
    for spec in variants if variants is not None else [{}]:
        fields = dict(spec)
        stock = fields.pop("stock", 5)
        allow_oversell = fields.pop("allow_oversell", False)
        for money_field in ("price", "compare_at_price"):
            if fields.get(money_field) is not None:
                fields[money_field] = Decimal(fields[money_field])
        variant = ProductVariantFactory(product=product, **fields)
        stocked.append((variant, stock, allow_oversell))
    with store_scope([site.pk]):  # as the admin's stock form would
        ensure_stock_levels(product=product)
        for variant, stock, allow_oversell in stocked:
            if allow_oversell:
                StockLevel.objects.filter(variant=variant).update(policy=StockLevel.Policy.CONTINUE)
            if stock:
                adjust_stock(variant=variant, quantity=stock, reason=StockMovement.Reason.RESTOCK)
    return product


def stocked_variant(*, site, price="10.00", stock=5, **product_fields) -> ProductVariant:
    """The single variant of a new product with ``stock`` units on hand."""
    product = stocked_product(
        site=site, variants=[{"price": price, "stock": stock}], **product_fields
    )
    with store_scope([site.pk]):
        return product.variants.get()


def checkout_details(**overrides) -> CheckoutDetails:
    fields = {
        "email": "ann@example.test",
        "name": "Ann Example",
        "phone": "+47 555 01 00",
        "address_line1": "1 Fjord Street",
        "postal_code": "0150",
        "city": "Oslo",
        "country": "NO",
    }
    return CheckoutDetails(**{**fields, **overrides})


def place_test_order(*, lines, run_on_commit=True, **details):
    """Place an order for ``lines=[(variant, quantity), ...]`` through ``place_order``.

    With ``run_on_commit`` the after-commit side effects (``order_placed`` and the CRM sync)
    run as they would when the shopper's transaction commits.
    """
    cart = CartFactory(site=lines[0][0].site, lines=lines)
    # The checkout view runs in its store's scope, and so do its after-commit effects.
    with store_scope([cart.site_id]), TestCase.captureOnCommitCallbacks(execute=run_on_commit):
        return place_order(cart=cart, details=checkout_details(**details))
