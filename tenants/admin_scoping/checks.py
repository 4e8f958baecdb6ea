"""System checks: the overrides that depend on the project's settings are in effect.

Registered by ``tenants.apps.TenantsConfig.ready``. Each override below is wired by one
line outside this package, and nothing else fails when that line goes missing or moves:
Wagtail's unscoped screen would simply answer instead.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.checks import Error
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

WAGTAIL_BASE_TEMPLATE = "wagtailadmin/base.html"
GUARD_MIDDLEWARE = "tenants.admin_scoping.guards.AdminViewGuardMiddleware"
ROLE_BACKEND = "tenants.admin_scoping.backends.StoreRoleBackend"


def store_bar_template_path() -> Path:
    """tenants' ``wagtailadmin/base.html``: Wagtail's, with the store bar above it."""
    return Path(apps.get_app_config("tenants").path, "templates", WAGTAIL_BASE_TEMPLATE)


def check_store_bar_template(app_configs=None, **kwargs) -> list[Error]:
    """Wagtail's admin base template resolves to tenants' override (the store bar).

    The override shares Wagtail's template name, so it is found first only while
    ``tenants`` precedes ``wagtail.admin`` in ``INSTALLED_APPS`` and no template directory
    holds another ``wagtailadmin/base.html``.
    """
    try:
        origin = get_template(WAGTAIL_BASE_TEMPLATE).origin.name
    except TemplateDoesNotExist:
        origin = None
    if origin is not None and Path(origin) == store_bar_template_path():
        return []
    return [
        Error(
            f"{WAGTAIL_BASE_TEMPLATE} resolves to {origin}, not to tenants' override: "
            "admin screens would lose the store bar (the active store, its role, the store "
            "switcher and the suspension notice).",
            hint=(
                "List 'tenants' before 'wagtail.admin' in INSTALLED_APPS, and keep other "
                f"templates named {WAGTAIL_BASE_TEMPLATE} out of TEMPLATES' DIRS."
            ),
            obj=WAGTAIL_BASE_TEMPLATE,
            id="tenants.E001",
        )
    ]


def check_scoping_settings(app_configs=None, **kwargs) -> list[Error]:
    """The view guard is in ``MIDDLEWARE`` and the role backend in ``AUTHENTICATION_BACKENDS``."""
    errors = []
    if GUARD_MIDDLEWARE not in settings.MIDDLEWARE:
        errors.append(
            Error(
                f"{GUARD_MIDDLEWARE} is not in MIDDLEWARE: merchants would reach Wagtail's "
                "views of every store (site history, other stores' pages and settings).",
                hint="List it right after tenants.middleware.AdminStoreMiddleware.",
                id="tenants.E002",
            )
        )
    if ROLE_BACKEND not in settings.AUTHENTICATION_BACKENDS:
        errors.append(
            Error(
                f"{ROLE_BACKEND} is not in AUTHENTICATION_BACKENDS: a person on several "
                "stores' staff would hold their best role's model permissions in each.",
                hint="It is the authentication backend that keeps sessions.",
                id="tenants.E003",
            )
        )
    return errors
