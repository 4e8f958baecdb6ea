"""The admin's CSV screens: a merchant uploads a file, reads the dry run's plan with its
row numbers, applies it and sees it done; bad files get a clear error; the screens are the
active store's and its owners' and editors' only; the export downloads the store's
products."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from shop.models import ImportJob, Product, StockLevel, StockMovement
from tenancy.scope import store_scope
from tenants.roles import Role
from tests.tenants.factories import staff_member

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures" / "csv"
UPLOAD = "/admin/shop/products/import/"


def upload(client, name="shopify_products.csv", *, url=UPLOAD, data=None, on_commit=None):
    content = data if data is not None else (FIXTURES / name).read_bytes()
    with on_commit(execute=True):
        return client.post(url, {"file": SimpleUploadedFile(name, content, "text/csv")})


def the_job(store) -> ImportJob:
    with store_scope([store.site.pk]):
        return ImportJob.objects.get()


def test_upload_shows_the_plan_then_applies_it(
    store, merchant_client, django_capture_on_commit_callbacks
):
    response = upload(merchant_client, on_commit=django_capture_on_commit_callbacks)

    job = the_job(store)
    assert response.status_code == 302
    assert response.url == reverse("shop_import_job", kwargs={"job_id": job.pk})
    assert job.status == ImportJob.Status.PLANNED and job.dry_run
    page = merchant_client.get(response.url).content.decode()
    assert "Dry run done" in page
    assert "3 products to create" in page
    assert "Linen Shirt" in page and "2–6" in page
    assert "Apply this file" in page
    assert "lost its last digits" in page  # the barcode's warning, with its row
    with store_scope([store.site.pk]):
        assert not Product.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        applied = merchant_client.post(response.url)

    assert applied.status_code == 302
    job = the_job(store)
    assert job.status == ImportJob.Status.DONE and not job.dry_run
    assert job.processed_rows == job.total_rows == 9
    page = merchant_client.get(response.url).content.decode()
    assert "Applied" in page and "3 products created" in page
    assert "4 variants; stock of LS-S-SAND 0 → 12;" in page
    assert "sku, options" not in page
    assert "not in the storefront until given a page under a category" in page
    assert 'http-equiv="refresh"' not in page
    with store_scope([store.site.pk]):
        assert Product.objects.count() == 3


def test_a_running_job_shows_its_progress_and_refreshes(store, merchant_client):
    with store_scope([store.site.pk]):
        job = ImportJob.objects.create(
            site=store.site,
            file_name="big.csv",
            content="Handle\n",
            status=ImportJob.Status.RUNNING,
            total_rows=200,
            processed_rows=50,
        )

    page = merchant_client.get(reverse("shop_import_job", kwargs={"job_id": job.pk}))

    body = page.content.decode()
    assert "50 of 200 rows (25%)" in body
    assert '<meta http-equiv="refresh" content="2">' in body
    assert 'aria-valuenow="25"' in body


def test_a_file_with_bad_rows_lists_each_and_cannot_be_applied(
    store, merchant_client, django_capture_on_commit_callbacks
):
    response = upload(
        merchant_client, "shopify_bad_rows.csv", on_commit=django_capture_on_commit_callbacks
    )

    page = merchant_client.get(response.url).content.decode()
    assert "7 rows refused" in page
    assert "Variant Price “twelve” is not a number." in page
    assert "a product has at most 3 options" in page
    assert "Apply this file" not in page
    assert "Nothing was written" in page
    with django_capture_on_commit_callbacks(execute=True):
        merchant_client.post(response.url)
    assert the_job(store).status == ImportJob.Status.PLANNED
    with store_scope([store.site.pk]):
        assert not Product.objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "error"),
    [
        ("products.xlsx", b"PK\x03\x04", "is not a .csv file"),
        ("products.csv", "Handle,Title\nlampe,Lampe à poser\n".encode("latin-1"), "not UTF-8"),
        ("products.csv", b"Name,Price\nLamp,10\n", "no Handle column"),
        ("products.csv", b"", "The submitted file is empty."),
    ],
)
def test_a_wrong_file_gets_a_clear_error_and_nothing_is_recorded(
    store, merchant_client, django_capture_on_commit_callbacks, name, data, error
):
    response = upload(
        merchant_client, name, data=data, on_commit=django_capture_on_commit_callbacks
    )

    assert response.status_code == 200
    assert error in response.content.decode()
    with store_scope([store.site.pk]):
        assert not ImportJob.objects.exists()


def test_a_file_over_the_size_limit_is_refused(
    store, merchant_client, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr("shop.admin_imports.MAX_FILE_BYTES", 10)
    response = upload(merchant_client, on_commit=django_capture_on_commit_callbacks)

    assert "Split it into several files" in response.content.decode()


def test_a_stock_take_is_planned_then_applied(
    store, merchant_client, django_capture_on_commit_callbacks
):
    response = upload(merchant_client, on_commit=django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        merchant_client.post(response.url)

    response = upload(
        merchant_client,
        "stock_take.csv",
        url="/admin/shop/stock/import/",
        on_commit=django_capture_on_commit_callbacks,
    )
    page = merchant_client.get(response.url).content.decode()
    assert "on hand 12 → 20" in page
    with django_capture_on_commit_callbacks(execute=True):
        merchant_client.post(response.url)

    with store_scope([store.site.pk]):
        assert StockLevel.objects.get(variant__sku="LS-S-SAND").on_hand == 20
        assert StockMovement.objects.filter(note="stock take").count() == 2


def test_export_downloads_the_stores_products(
    store, other_store, merchant_client, django_capture_on_commit_callbacks
):
    response = upload(merchant_client, on_commit=django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        merchant_client.post(response.url)

    export = merchant_client.get("/admin/shop/products/export/")

    assert export["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="products-alpha-' in export["Content-Disposition"]
    lines = export.content.decode().splitlines()
    assert lines[0].startswith("Handle,Title,Body (HTML),Vendor,Type,Tags,Published,")
    assert sum(1 for line in lines if line.startswith("linen-shirt,")) == 4


@pytest.mark.parametrize("role", [Role.OWNER, Role.EDITOR])
def test_owners_and_editors_see_the_import_menu(store, platform_client, role):
    platform_client.force_login(staff_member(store, role))

    dashboard = platform_client.get("/admin/").content.decode()

    assert "Import/export" in dashboard
    assert platform_client.get(UPLOAD).status_code == 200


def test_support_staff_get_no_import_or_export(store, platform_client):
    platform_client.force_login(staff_member(store, Role.SUPPORT))
    with store_scope([store.site.pk]):
        job = ImportJob.objects.create(site=store.site, file_name="a.csv", content="Handle\n")

    assert "Import/export" not in platform_client.get("/admin/").content.decode()
    for url in (
        UPLOAD,
        "/admin/shop/stock/import/",
        "/admin/shop/products/export/",
        reverse("shop_import_job", kwargs={"job_id": job.pk}),
    ):
        assert platform_client.get(url).status_code in (302, 403), url


def test_another_stores_job_is_not_found(store, other_store, merchant_client):
    with store_scope([other_store.site.pk]):
        theirs = ImportJob.objects.create(
            site=other_store.site,
            file_name="beta-secret.csv",
            content="Handle\n",
            status=ImportJob.Status.PLANNED,
            report={"ok": True, "summary": {}},
        )

    url = reverse("shop_import_job", kwargs={"job_id": theirs.pk})
    assert merchant_client.get(url).status_code == 404
    assert merchant_client.post(url).status_code == 404
    with store_scope([other_store.site.pk]):
        assert ImportJob.objects.get().status == ImportJob.Status.PLANNED
