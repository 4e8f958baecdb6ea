"""The system checks that keep the settings-wired overrides of Wagtail's admin in effect."""

from pathlib import Path

import pytest
from django.apps import apps
from django.core.checks.registry import registry

from tenants.admin_scoping.checks import (
    GUARD_MIDDLEWARE,
    ROLE_BACKEND,
    WAGTAIL_BASE_TEMPLATE,
    check_scoping_settings,
    check_store_bar_template,
    store_bar_template_path,
)


def _templates_searched_in(settings, *dirs):
    """Template settings that search ``dirs``, in that order, as the app loader searches
    the apps' template directories in ``INSTALLED_APPS`` order."""
    engine = {**settings.TEMPLATES[0], "APP_DIRS": False, "DIRS": []}
    engine["OPTIONS"] = {
        **engine["OPTIONS"],
        "loaders": [("django.template.loaders.filesystem.Loader", [str(d) for d in dirs])],
    }
    settings.TEMPLATES = [engine]


def _templates_dir(app_label):
    return Path(apps.get_app_config(app_label).path, "templates")


def _ids(errors):
    return [error.id for error in errors]


def test_the_projects_settings_pass_the_scoping_checks():
    assert check_store_bar_template() == []
    assert check_scoping_settings() == []


def test_the_scoping_checks_are_registered():
    checks = registry.get_checks()

    assert check_store_bar_template in checks
    assert check_scoping_settings in checks


def test_wagtails_admin_base_template_is_tenants_override_with_the_store_bar():
    override = store_bar_template_path().read_text()

    assert '{% extends "wagtailadmin/base.html" %}' in override
    assert "tenants/admin/store_bar.html" in override


def test_tenants_listed_after_wagtail_admin_fails_the_store_bar_check(settings):
    _templates_searched_in(settings, _templates_dir("wagtailadmin"), _templates_dir("tenants"))

    assert _ids(check_store_bar_template()) == ["tenants.E001"]


def test_tenants_listed_before_wagtail_admin_passes_the_store_bar_check(settings):
    _templates_searched_in(settings, _templates_dir("tenants"), _templates_dir("wagtailadmin"))

    assert check_store_bar_template() == []


def test_another_admin_base_template_in_the_template_dirs_fails_the_store_bar_check(
    settings, tmp_path
):
    (tmp_path / WAGTAIL_BASE_TEMPLATE).parent.mkdir(parents=True)
    (tmp_path / WAGTAIL_BASE_TEMPLATE).write_text('{% extends "wagtailadmin/admin_base.html" %}')
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]

    errors = check_store_bar_template()

    assert _ids(errors) == ["tenants.E001"]
    assert str(tmp_path) in errors[0].msg


@pytest.mark.parametrize(
    ("setting", "value", "error"),
    [
        ("MIDDLEWARE", GUARD_MIDDLEWARE, "tenants.E002"),
        ("AUTHENTICATION_BACKENDS", ROLE_BACKEND, "tenants.E003"),
    ],
)
def test_a_settings_change_dropping_an_override_fails_its_check(settings, setting, value, error):
    setattr(settings, setting, [entry for entry in getattr(settings, setting) if entry != value])

    assert _ids(check_scoping_settings()) == [error]
