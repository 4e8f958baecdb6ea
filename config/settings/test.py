"""The test suite: SQLite unless DATABASE_URL is set, eager Celery, fast hashing."""

from .base import *
from .base import BASE_DIR, env

SECRET_KEY = "test-only-not-a-secret"  # noqa: S105
DEBUG = False
SERVE_MEDIA = True
MEDIA_ROOT = BASE_DIR / ".test-media"

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True

STORES_PORT = env.int("STORES_PORT", default=80)

# One process, one clock: a page rendered right after a change is already trusted.
PAGECACHE_CLOCK_MARGIN = 0.0
