"""What ``make run`` and ``make dev`` serve, read from the Makefile itself.

Each test asks ``make -n`` for the command a target runs, and loads the demo's settings
(``config.settings.local``) in a fresh interpreter with exactly the environment that
command gives them.
"""

import json
import os
import shlex
import shutil
import subprocess
import sys

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from tenants.invitations import invite_staff
from tests.tenants.factories import UserFactory

ROOT = settings.BASE_DIR
# Whatever the calling shell has set must not leak into the demo's settings.
DEMO_VARIABLES = (
    "DATABASE_URL",
    "REDIS_URL",
    "EMAIL_URL",
    "DJANGO_DEBUG",
    "STORES_PORT",
    "WAGTAILADMIN_BASE_URL",
    "DJANGO_SETTINGS_MODULE",
)
READ_SETTINGS = """
import json
import django
from django.conf import settings
django.setup()
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "STORES_PORT": settings.STORES_PORT,
    "WAGTAILADMIN_BASE_URL": settings.WAGTAILADMIN_BASE_URL,
    "static_storage": settings.STORAGES["staticfiles"]["BACKEND"],
    "SERVE_MEDIA": settings.SERVE_MEDIA,
    "database": settings.DATABASES["default"]["ENGINE"],
    "CELERY_TASK_ALWAYS_EAGER": settings.CELERY_TASK_ALWAYS_EAGER,
    "EMAIL_BACKEND": settings.EMAIL_BACKEND,
    "whitenoise": "whitenoise.middleware.WhiteNoiseMiddleware" in settings.MIDDLEWARE,
}))
"""


def _serve_command(target: str, port: int) -> list[str]:
    if shutil.which("make") is None:
        pytest.fail("make is needed to read the Makefile's targets")
    # A `make test` that runs this suite must not pass its own flags and variables down.
    outer = ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "PORT")
    plan = subprocess.run(  # noqa: S603
        ["make", "-n", "--no-print-directory", target, f"PORT={port}"],  # noqa: S607
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k not in outer},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    (line,) = [line for line in plan.splitlines() if "manage.py runserver" in line]
    return shlex.split(line)


def _environment(command: list[str]) -> dict[str, str]:
    """The ``NAME=value`` assignments that start ``command``."""
    assignments = {}
    for word in command:
        name, equals, value = word.partition("=")
        if not equals or not name.isidentifier():
            break
        assignments[name] = value
    return assignments


def _demo_settings(target: str, port: int) -> dict:
    environment = {k: v for k, v in os.environ.items() if k not in DEMO_VARIABLES}
    environment.update(_environment(_serve_command(target, port)))
    environment["DJANGO_SETTINGS_MODULE"] = "config.settings.local"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", READ_SETTINGS],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_make_run_serves_like_production_on_the_embedded_services():
    demo = _demo_settings("run", 8000)

    assert demo["DEBUG"] is False
    assert demo["whitenoise"]
    assert demo["static_storage"].endswith("ManifestStaticFilesStorage")  # hashed, cacheable
    assert demo["SERVE_MEDIA"] is True
    assert demo["database"] == "django.db.backends.sqlite3"
    assert demo["CELERY_TASK_ALWAYS_EAGER"] is True
    assert demo["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert "--noreload" in _serve_command("run", 8000)


def test_make_dev_serves_with_debug_and_reloads_on_changes():
    demo = _demo_settings("dev", 8000)

    assert demo["DEBUG"] is True
    assert demo["SERVE_MEDIA"] is True
    assert "--noreload" not in _serve_command("dev", 8000)


@pytest.mark.parametrize("target", ["run", "dev"])
def test_the_demos_absolute_links_follow_the_port_it_serves_on(target):
    demo = _demo_settings(target, 8123)

    assert demo["STORES_PORT"] == 8123
    assert demo["WAGTAILADMIN_BASE_URL"] == "http://localhost:8123"
    assert "0.0.0.0:8123" in _serve_command(target, 8123)


@pytest.mark.django_db
def test_password_reset_and_invitation_emails_link_to_the_demos_port(
    platform_client, settings, store, django_capture_on_commit_callbacks
):
    demo = _demo_settings("run", 8123)
    settings.WAGTAILADMIN_BASE_URL = demo["WAGTAILADMIN_BASE_URL"]
    settings.STORES_PORT = demo["STORES_PORT"]
    user = UserFactory(email="ann@example.test")

    response = platform_client.post(
        reverse("wagtailadmin_password_reset"), {"email": "ann@example.test"}
    )
    with django_capture_on_commit_callbacks(execute=True):
        invite_staff(store=store, email="new@example.test", role="editor", invited_by=None)

    assert response.status_code == 302
    reset, invitation = mail.outbox
    assert reset.to == [user.email]
    assert "http://localhost:8123/admin/password_reset/confirm/" in reset.body
    assert invitation.to == ["new@example.test"]
    assert "http://localhost:8123/admin/invitation/" in invitation.body
