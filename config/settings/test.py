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

# Cards are paid against the local fake Stripe server the payment tests start
# (tests/fakestripe); these keys and this secret are the fake's.
STRIPE_SECRET_KEY = "sk_test_platform"  # noqa: S105
STRIPE_PUBLISHABLE_KEY = "pk_test_platform"
STRIPE_WEBHOOK_SECRET = "whsec_test_platform"  # noqa: S105
STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens: a test without the fake fails fast
PAYMENT_SECRETS_KEY = "q0Xh9J1n5m3c0A2kYb5Lr3u0c1F8dT6WnVwS2pE4xZk="
STRIPE_TEST_CONFIRM = True
