"""Production: PostgreSQL, Redis, Celery workers, S3 media, SMTP, behind Caddy.

Secrets have no defaults: the process refuses to start without them.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *
from .base import env

DEBUG = False


def _required(name):
    value = env(name, default="")
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable.")
    return value


SECRET_KEY = _required("DJANGO_SECRET_KEY")
DATABASES = {"default": env.db_url_config(_required("DATABASE_URL"))}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
REDIS_URL = _required("REDIS_URL")
CACHES = {
    "default": {
        "BACKEND": "config.redis_cache.ReusedClientRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="storebuilder"),
    }
}
CELERY_BROKER_URL = REDIS_URL

# SMTP (EMAIL_URL), unless an email API is named (EMAIL_BACKEND and ANYMAIL, in base).
if not env("EMAIL_BACKEND", default=""):
    EMAIL_CONFIG = env.email_url_config(_required("EMAIL_URL"))
    vars().update(EMAIL_CONFIG)

STORES_SCHEME = "https"
STORES_PORT = env.int("STORES_PORT", default=443)

AWS_STORAGE_BUCKET_NAME = _required("AWS_STORAGE_BUCKET_NAME")
AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL", default=None)
AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME", default=None)
AWS_S3_CUSTOM_DOMAIN = env("AWS_S3_CUSTOM_DOMAIN", default=None)
AWS_QUERYSTRING_AUTH = False


def _bucket_origin() -> str:
    """The origin media URLs point at, so the Content-Security-Policy allows their images."""
    if AWS_S3_CUSTOM_DOMAIN:
        return f"https://{AWS_S3_CUSTOM_DOMAIN}"
    if AWS_S3_ENDPOINT_URL:
        endpoint = urlsplit(AWS_S3_ENDPOINT_URL)
        return f"{endpoint.scheme}://{endpoint.netloc}"
    region = f".{AWS_S3_REGION_NAME}" if AWS_S3_REGION_NAME else ""
    return f"https://{AWS_STORAGE_BUCKET_NAME}.s3{region}.amazonaws.com"


# django-csp drops repeated sources, so origins already listed in base are harmless here.
MEDIA_ORIGINS = env.list("MEDIA_ORIGINS", default=[_bucket_origin()])
CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] += MEDIA_ORIGINS
CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]["img-src"] += MEDIA_ORIGINS
STORAGES = {
    "default": {"BACKEND": "storages.backends.s3.S3Storage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# TLS ends at Caddy, which sets X-Forwarded-Proto and appends the client's address to
# X-Forwarded-For: login throttling counts that address, not Caddy's.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Wagtail's live preview shows the page in a same-origin iframe, so SAMEORIGIN is required.
SILENCED_SYSTEM_CHECKS = ["security.W019"]

# --- Security headers: HSTS and the media origin ------------------------------------------

ONE_YEAR = 60 * 60 * 24 * 365
# Preloading puts the platform's domain and all its subdomains into the browsers' built-in
# HTTPS-only list, which takes months to undo: an operator opts in. The preload list
# accepts only a max-age of a year or more.
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_HSTS_SECONDS = env.int(
    "SECURE_HSTS_SECONDS", default=ONE_YEAR if SECURE_HSTS_PRELOAD else 60 * 60 * 24 * 30
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
if SECURE_HSTS_PRELOAD and SECURE_HSTS_SECONDS < ONE_YEAR:
    raise ImproperlyConfigured(
        "SECURE_HSTS_PRELOAD needs SECURE_HSTS_SECONDS of at least a year (31536000)."
    )
if not SECURE_HSTS_PRELOAD:
    # check --deploy warns when preload is off; here it is off by choice until opted into.
    SILENCED_SYSTEM_CHECKS += ["security.W021"]
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
WAGTAILADMIN_BASE_URL = _required("WAGTAILADMIN_BASE_URL")

LOGGING["formatters"]["plain"]["format"] = (
    '{"time": "%(asctime)s", "level": "%(levelname)s", "logger": "%(name)s", '
    '"message": "%(message)s"}'
)
