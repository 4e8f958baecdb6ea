"""Storefront search: one store's live product pages and content pages that match a query.

Products are matched in the database (every word in the page's or the product's title,
vendor or type), so the results follow the catalog exactly: live pages of active
products of this store only, less those it hides while they are sold out. Content pages
go through Wagtail's search backend, which reads their body, and are narrowed to the
store's tree first.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Min, Q

from . import selectors
from .data.catalog import Product
from .pages import ProductPage, StorePage

MAX_QUERY_LENGTH = 100
MAX_WORDS = 8
MAX_CONTENT_PAGES = 10
PER_PAGE = 24


@dataclass
class SearchResults:
    query: str
    products: PaginatorPage | None = None
    cards: list = field(default_factory=list)
    content_pages: list = field(default_factory=list)

    @property
    def count(self) -> int:
        products = self.products.paginator.count if self.products is not None else 0
        return products + len(self.content_pages)


def clean_query(raw: str) -> str:
    """What a shopper typed, as searched: control and formatting characters removed,
    spaces collapsed, at most ``MAX_QUERY_LENGTH`` characters."""
    text = "".join(
        " " if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") else char
        for char in (raw or "")[: MAX_QUERY_LENGTH * 4]
    )
    return re.sub(r"\s+", " ", text).strip()[:MAX_QUERY_LENGTH].strip()


def _product_pages(*, site, words):
    pages = ProductPage.objects.live().descendant_of(site.root_page)
    pages = pages.filter(product__site=site, product__status=Product.Status.ACTIVE)
    pages = pages.exclude(selectors.hidden_when_sold_out(site, "product__"))
    for word in words:
        pages = pages.filter(
            Q(title__icontains=word)
            | Q(product__title__icontains=word)
            | Q(product__vendor__icontains=word)
            | Q(product__product_type__icontains=word)
        )
    return (
        pages.annotate(min_price=Min("product__variants__price"))
        .select_related("product")
        .prefetch_related(*selectors._product_prefetches("product__"))
        .order_by("title", "path")
    )


def _content_pages(*, site, query):
    pages = StorePage.objects.live().descendant_of(site.root_page)
    return list(pages.search(query, operator="and")[:MAX_CONTENT_PAGES])


def search_store(*, site, query: str, page_number=None, request=None) -> SearchResults:
    """The store's products and content pages matching ``query`` (already cleaned)."""
    results = SearchResults(query=query)
    words = query.split()[:MAX_WORDS]
    if not words:
        return results
    results.products = Paginator(_product_pages(site=site, words=words), PER_PAGE).get_page(
        page_number
    )
    results.cards = [
        selectors.ProductCard.from_page(page, request) for page in results.products.object_list
    ]
    if results.products.number == 1:
        results.content_pages = _content_pages(site=site, query=" ".join(words))
    return results
