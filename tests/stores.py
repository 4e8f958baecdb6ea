"""Two stores filled with one of everything, for the tests proving that one store's admin
shows and touches nothing of the other (the ``filled_stores`` fixture builds them)."""

from dataclasses import dataclass

from django.contrib.auth.models import User
from wagtail.log_actions import log
from wagtail.models import Page

from crm_bridge.models import Client, Ticket
from shop.models import (
    BackInStockRequest,
    NewsletterSubscriber,
    Order,
    Product,
    StockLevel,
    StockMovement,
)
from shop.services.newsletter import subscribe
from tenancy.scope import store_scope
from tests.shop.factories import (
    CategoryPageFactory,
    ImageFactory,
    ProductPageFactory,
    place_test_order,
    stocked_product,
)


@dataclass
class StoreData:
    """One store's rows, and the words that would betray them if shown to another store."""

    store: object
    owner: User
    product: Product
    order: Order
    home: Page
    category: Page
    product_page: Page
    image: object
    markers: list[str]

    def row(self, model):
        site = self.store.site
        with store_scope([site.pk]):
            return {
                Product: self.product,
                Order: self.order,
                Client: Client.objects.filter(site=site).first(),
                Ticket: Ticket.objects.filter(site=site).first(),
                StockLevel: StockLevel.objects.filter(site=site).first(),
                StockMovement: StockMovement.objects.filter(site=site).first(),
                NewsletterSubscriber: NewsletterSubscriber.objects.filter(site=site).first(),
                BackInStockRequest: BackInStockRequest.objects.filter(site=site).first(),
            }[model]


def fill_store(store, *, prefix, owner) -> StoreData:
    """A product with stock, an order (so a client, a ticket and stock movements), a
    category and a product page, an image, a newsletter subscriber, a shopper waiting for
    the product to be back in stock, and edits logged by ``owner``."""
    product = stocked_product(
        site=store.site,
        title=f"{prefix} Secret Lamp",
        variants=[{"sku": f"{prefix.upper()}-SKU-777", "stock": 9}],
    )
    order = place_test_order(
        lines=[(product.variants.get(), 1)],
        email=f"buyer@{prefix.lower()}-secret.test",
        name=f"{prefix} Buyerson",
    )
    ticket = Ticket.objects.get(order=order)
    ticket.subject = f"{prefix} follow-up ticket"
    ticket.save()
    home = store.site.root_page
    category = CategoryPageFactory(parent=home, title=f"{prefix} Lamps Shelf")
    product_page = ProductPageFactory(parent=category, product=product)
    product_page.save_revision(user=owner, log_action=True).publish(user=owner)
    log(instance=product, action="wagtail.edit", user=owner)
    log(instance=order, action="wagtail.edit", user=owner)
    image = ImageFactory(collection=store.collection, title=f"{prefix} Lamp Photo")
    reader = f"reader@{prefix.lower()}-secret.test"
    subscribe(site=store.site, email=reader, consent_text=f"{prefix} consent", source_page=home)
    waiting = f"waiting@{prefix.lower()}-secret.test"
    with store_scope([store.site.pk]):
        BackInStockRequest.objects.create(
            site=store.site, variant=product.variants.get(), email=waiting
        )
    markers = [
        product.title,
        f"{prefix.upper()}-SKU-777",
        order.email,
        order.name,
        f"{prefix} follow-up ticket",
        category.title,
        image.title,
        store.name,
        owner.email,
        reader,
        waiting,
    ]
    return StoreData(store, owner, product, order, home, category, product_page, image, markers)
