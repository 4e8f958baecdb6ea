"""A 5,000-product Shopify file through the admin's Celery path (eager in tests): planned,
applied in one transaction with its stock through the ledger, then imported again with no
change."""

import csv
import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from shop.models import ImportJob, Product, ProductVariant, StockLevel, StockMovement
from tenancy.scope import store_scope

pytestmark = pytest.mark.django_db

PRODUCTS = 5_000
HEADER = [
    "Handle",
    "Title",
    "Body (HTML)",
    "Vendor",
    "Type",
    "Tags",
    "Published",
    "Option1 Name",
    "Option1 Value",
    "Variant SKU",
    "Variant Grams",
    "Variant Inventory Tracker",
    "Variant Inventory Qty",
    "Variant Inventory Policy",
    "Variant Price",
    "Image Src",
    "Image Position",
    "Status",
]


def large_file() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for n in range(PRODUCTS):
        tags = f"batch-{n % 20}, catalog"
        writer.writerow(
            [
                f"item-{n}",
                f"Item {n}",
                f"<p>Item number {n}.</p>",
                "Bulk Vendor",
                "Things",
                tags,
                "TRUE",
                "Size",
                "One",
                f"SKU-{n:05d}-ONE",
                "100",
                "shopify",
                str(n % 7),
                "deny",
                f"{10 + n % 50}.00",
                f"https://cdn.example.test/item-{n}.jpg",
                "1",
                "active",
            ]
        )
        continuation = dict.fromkeys(HEADER, "")
        continuation.update(
            {
                "Handle": f"item-{n}",
                "Option1 Value": "Two",
                "Variant SKU": f"SKU-{n:05d}-TWO",
                "Variant Grams": "120",
                "Variant Inventory Tracker": "shopify",
                "Variant Inventory Qty": "3",
                "Variant Inventory Policy": "deny",
                "Variant Price": f"{12 + n % 50}.00",
            }
        )
        writer.writerow(continuation.values())
    return out.getvalue().encode()


def run_import(client, data, on_commit):
    with on_commit(execute=True):
        response = client.post(
            "/admin/shop/products/import/",
            {"file": SimpleUploadedFile("large.csv", data, "text/csv")},
        )
    with on_commit(execute=True):
        client.post(response.url)
    return response.url


def test_five_thousand_products_are_imported_through_the_task_then_change_nothing(
    store, merchant_client, django_capture_on_commit_callbacks
):
    data = large_file()

    started = time.perf_counter()
    run_import(merchant_client, data, django_capture_on_commit_callbacks)
    first = time.perf_counter() - started

    with store_scope([store.site.pk]):
        job = ImportJob.objects.latest("pk")
        assert job.status == ImportJob.Status.DONE, job.report
        assert job.report["summary"]["created"] == PRODUCTS
        assert job.processed_rows == job.total_rows == 2 * PRODUCTS
        assert Product.objects.count() == PRODUCTS
        assert ProductVariant.objects.count() == 2 * PRODUCTS
        assert StockLevel.objects.filter(variant__sku="SKU-00006-ONE").get().on_hand == 6
        moved = StockMovement.objects.count()
        assert moved == PRODUCTS + PRODUCTS * 6 // 7

    started = time.perf_counter()
    run_import(merchant_client, data, django_capture_on_commit_callbacks)
    second = time.perf_counter() - started

    with store_scope([store.site.pk]):
        job = ImportJob.objects.latest("pk")
        assert job.report["summary"]["unchanged"] == PRODUCTS
        assert StockMovement.objects.count() == moved
    print(f"5,000 products: first import {first:.1f}s, second {second:.1f}s")
