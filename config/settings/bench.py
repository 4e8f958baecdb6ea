"""``make bench``: the local services, served the way production serves pages.

``DEBUG`` off, hashed static files (collected by ``make static``), persistent database
connections and quiet logs, on SQLite or on PostgreSQL when ``DATABASE_URL`` is set, with
Redis as the cache when ``REDIS_URL`` is set. Nothing here is a secret: it serves
loopback only (``tests/bench``).
"""

from .local import *
from .local import DATABASES, LOGGING, STORAGES, env

DEBUG = False
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
LOGGING["root"]["level"] = env("LOG_LEVEL", default="WARNING")
