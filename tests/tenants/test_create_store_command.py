from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page, Site

from tenants.models import Store
from tenants.roles import Role
from tests.tenants.factories import role_group
from tests.themes.editor import theme_of

pytestmark = pytest.mark.django_db


def create_store_command(*args, **options):
    out = StringIO()
    call_command("create_store", *args, stdout=out, **options)
    return out.getvalue()


def _footprint():
    return (Store.objects.count(), Site.objects.count(), Page.objects.count(), User.objects.count())


def test_create_store_creates_the_store_and_prints_its_url(settings):
    settings.STORES_PORT = 8000

    output = create_store_command(
        "acme", "--name", "Acme Goods", "--owner-email", "Owner@Acme.test", "--preset", "modern"
    )

    store = Store.objects.get(slug="acme")
    assert store.name == "Acme Goods"
    assert theme_of(store).preset == "modern"
    owner = User.objects.get(email="owner@acme.test")
    assert role_group(store, Role.OWNER) in owner.groups.all()
    assert "http://acme.localhost:8000/" in output
    assert "Password:" in output  # generated, shown once


def test_create_store_omits_the_default_port_and_a_given_password(settings):
    settings.STORES_PORT = 80

    output = create_store_command(
        "acme",
        "--name=Acme",
        "--owner-email=owner@acme.test",
        "--preset=luxury",
        "--owner-password=a-long-secret-1",
    )

    assert "http://acme.localhost/" in output
    assert "a-long-secret-1" not in output
    assert User.objects.get(email="owner@acme.test").check_password("a-long-secret-1")


def test_create_store_rejects_an_invalid_slug_and_creates_nothing():
    before = _footprint()

    with pytest.raises(CommandError, match="“Bad_Slug” is not a valid store name"):
        create_store_command(
            "Bad_Slug", "--name=Bad", "--owner-email=owner@bad.test", "--preset=minimal"
        )

    assert _footprint() == before


def test_create_store_rejects_a_taken_slug_and_creates_nothing():
    create_store_command("acme", "--name=Acme", "--owner-email=a@acme.test", "--preset=minimal")
    before = _footprint()

    with pytest.raises(CommandError, match="A store called “acme” already exists"):
        create_store_command(
            "acme", "--name=Acme Two", "--owner-email=b@acme.test", "--preset=classic"
        )

    assert _footprint() == before
    assert not User.objects.filter(email="b@acme.test").exists()


def test_create_store_rejects_an_invalid_email():
    with pytest.raises(CommandError, match="not a valid email address"):
        create_store_command("acme", "--name=Acme", "--owner-email=nobody", "--preset=minimal")

    assert not Store.objects.exists()


def test_create_store_rejects_an_unknown_preset():
    with pytest.raises(CommandError, match="invalid choice: 'neon'"):
        create_store_command("acme", "--name=Acme", "--owner-email=a@acme.test", "--preset=neon")

    assert not Store.objects.exists()
