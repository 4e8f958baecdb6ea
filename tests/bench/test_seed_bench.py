"""``seed_bench`` at a small scale: the catalog the benchmark requests, served as shoppers
see it; the stores written in bulk are stores like any other; a second run adds only what
is missing. And the bare baseline serves exactly the bytes it was given."""

import json
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from wagtail.models import Collection, Page, Site

from demo.bench_catalog import add_other_stores, seed_bench
from demo.catalogs import FJORD
from domains.models import Domain
from shop.models import OrderNumberSequence, Product, StockLevel, StockMovement, StoreSettings
from shop.pages import ProductPage, StoreHomePage
from tenancy.scope import all_stores
from tenants.models import Store
from themes.models import StoreTheme

pytestmark = pytest.mark.django_db

SMALL = {"products": 40, "category_products": 3, "other_stores": 3}


def _tree_problems(model):
    return [problem for problem in model.find_problems() if problem]


def test_seed_bench_makes_the_catalog_the_benchmark_requests():
    catalog = seed_bench(**SMALL)

    assert catalog.hostname == "fjord.localhost"
    assert catalog.products == 40
    assert catalog.stores == 4
    client = Client(HTTP_HOST=catalog.hostname)
    category = client.get(catalog.category_path)
    assert category.status_code == 200
    with all_stores():
        listed = Product.objects.filter(handle__startswith="everyday-")
        assert listed.count() == 3
        for product in listed:
            assert product.title.encode() in category.content
    for path in (catalog.home_path, catalog.product_path, "/archive/archive-0001/"):
        assert client.get(path).status_code == 200, path


def test_bulk_written_pages_and_collections_keep_the_trees_sound():
    seed_bench(**SMALL)

    assert _tree_problems(Page) == []
    assert _tree_problems(Collection) == []
    archive_pages = ProductPage.objects.filter(url_path__contains="/archive/")
    fjord_products = sum(len(category.products) for category in FJORD.categories)
    assert archive_pages.count() == 40 - 3 - fjord_products
    with all_stores():
        for page in archive_pages:
            level = StockLevel.objects.get(variant__product=page.product_id)
            ledger = StockMovement.objects.filter(variant=level.variant_id)
            assert [m.balance_after for m in ledger] == [level.on_hand]


def test_stores_written_in_bulk_serve_their_home_page_like_any_other_store():
    add_other_stores(count=2)

    store = Store.objects.select_related("site").get(slug="bench-0002")
    site = store.site
    home = Page.objects.get(pk=site.root_page_id).specific
    assert isinstance(home, StoreHomePage)
    assert home.live and home.url_path == "/bench-0002/"
    assert Domain.objects.get(site=site).hostname == site.hostname == "bench-0002.localhost"
    assert site.port == settings.STORES_PORT
    with all_stores():
        assert StoreSettings.objects.filter(site=site).exists()
        assert OrderNumberSequence.objects.filter(site=site).exists()
        assert StoreTheme.objects.get(site=site).live
    response = Client(HTTP_HOST=site.hostname).get("/")
    assert response.status_code == 200
    assert b"Bench store 0002" in response.content


def test_seed_bench_again_adds_only_what_is_missing():
    call_command("seed_bench", "--products=30", "--category-products=2", "--other-stores=1")
    pages, sites = Page.objects.count(), Site.objects.count()

    output = StringIO()
    call_command(
        "seed_bench",
        "--products=30",
        "--category-products=2",
        "--other-stores=3",
        "--json",
        stdout=output,
    )

    assert json.loads(output.getvalue())["stores"] == 4
    assert Site.objects.count() == sites + 2
    assert Page.objects.count() == pages + 2
    with all_stores():
        assert Product.objects.filter(site__hostname="fjord.localhost").count() == 30


BARE_CHECK = """
from django.test import Client
import tests.bench.bare_wsgi
client = Client(HTTP_HOST="fjord.localhost:8431")
found = client.get("/everyday/")
missing = client.get("/elsewhere/")
print(found.status_code, found.content == open({body!r}, "rb").read(), missing.status_code)
"""


def test_bare_view_answers_the_recorded_bytes_of_each_page(tmp_path):
    body = tmp_path / "category.html"
    body.write_bytes("<!doctype html><p>Everyday — 24 products</p>".encode())
    (tmp_path / "paths.json").write_text(json.dumps({"/everyday/": "category.html"}))

    done = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", BARE_CHECK.format(body=str(body))],
        env={"BENCH_BARE_PAGES": str(tmp_path), "PYTHONPATH": str(settings.BASE_DIR)},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    assert done.stdout.split() == ["200", "True", "404"]
