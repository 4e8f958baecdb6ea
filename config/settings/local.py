"""One laptop, no services: SQLite, local memory cache, eager Celery, console email.

``make dev`` (and a bare ``manage.py runserver``) runs it with ``DEBUG`` on. ``make run``
turns ``DEBUG`` off to serve the demo as production does: static files collected with
hashed names and served by WhiteNoise with long caching, the stores' themed 404 and 500
pages. Media files are served by Django in both.
"""

from .base import *
from .base import STORAGES, STORES_PORT, env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="local-development-only-not-a-secret")
SERVE_MEDIA = True
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default=f"http://localhost:{STORES_PORT}")

if not DEBUG:
    STORAGES = {
        **STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }

CELERY_TASK_ALWAYS_EAGER = True
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
