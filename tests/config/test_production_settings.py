"""Production's HSTS: preload is opted into, and then max-age is a year; check --deploy is clean.

Each test starts a fresh Python with ``config.settings.production`` and only the variables the
Makefile's ``make check`` sets, so nothing of the test settings leaks in.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ONE_YEAR = 60 * 60 * 24 * 365
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "check-deploy-only-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGH",
    "DATABASE_URL": "postgres://check@localhost/check",
    "REDIS_URL": "redis://localhost:6379/0",
    "EMAIL_URL": "smtp://localhost:25",
    "AWS_STORAGE_BUCKET_NAME": "media-bucket",
    "WAGTAILADMIN_BASE_URL": "https://platform.example",
}
READ_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({
    "hsts_seconds": settings.SECURE_HSTS_SECONDS,
    "hsts_preload": settings.SECURE_HSTS_PRELOAD,
    "hsts_subdomains": settings.SECURE_HSTS_INCLUDE_SUBDOMAINS,
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    "admin_img_src": settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]["img-src"],
}))
"""


def _run(*args, **env):
    return subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, *args],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", **PRODUCTION_ENV, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _production_settings(**env) -> dict:
    result = _run("-c", f"import django; django.setup(); {READ_SETTINGS}", **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _check_deploy(**env):
    return _run("manage.py", "check", "--deploy", "--fail-level", "WARNING", **env)


def test_preload_is_off_by_default_with_a_thirty_day_max_age():
    values = _production_settings()

    assert values["hsts_preload"] is False
    assert values["hsts_seconds"] == 60 * 60 * 24 * 30
    assert values["hsts_subdomains"] is True


def test_opting_into_preload_makes_max_age_a_year():
    values = _production_settings(SECURE_HSTS_PRELOAD="true")

    assert values["hsts_preload"] is True
    assert values["hsts_seconds"] == ONE_YEAR


def test_preload_with_less_than_a_year_refuses_to_start():
    result = _check_deploy(SECURE_HSTS_PRELOAD="true", SECURE_HSTS_SECONDS="2592000")

    assert result.returncode != 0
    assert "SECURE_HSTS_PRELOAD needs SECURE_HSTS_SECONDS of at least a year" in result.stderr


@pytest.mark.parametrize("preload", ["false", "true"])
def test_check_deploy_is_clean_with_and_without_preload(preload):
    result = _check_deploy(SECURE_HSTS_PRELOAD=preload)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_images_from_the_media_bucket_are_allowed_in_both_policies():
    values = _production_settings()

    assert values["img_src"] == ["'self'", "data:", "https://media-bucket.s3.amazonaws.com"]
    assert "https://media-bucket.s3.amazonaws.com" in values["admin_img_src"]
    custom = _production_settings(AWS_S3_CUSTOM_DOMAIN="media.platform.example")
    assert "https://media.platform.example" in custom["img_src"]
