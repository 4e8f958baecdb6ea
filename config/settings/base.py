"""Settings shared by every environment. Values come from the environment (django-environ).

``local``, ``test`` and ``production`` change only what differs. Nothing here is a secret
and ``DEBUG`` is off unless an environment module turns it on.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF, UNSAFE_INLINE

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# --- Core -------------------------------------------------------------------------------

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)

# Store hostnames are added at run time, so ALLOWED_HOSTS cannot list them. The host
# middleware (domains.middleware.HostSiteMiddleware) runs first and answers every Host that
# is neither a platform host nor an active Domain row with a 404.
ALLOWED_HOSTS = ["*"]

# --- Platform and stores ----------------------------------------------------------------

# Hostnames that serve the platform's own site (landing page, admin, platform API).
PLATFORM_HOSTS = env.list("PLATFORM_HOSTS", default=["localhost", "127.0.0.1"])
# Stores live at <slug>.<STORES_DOMAIN>.
STORES_DOMAIN = env("STORES_DOMAIN", default="localhost")
# The port shoppers reach stores on, used for absolute store URLs (80/443 in production).
STORES_PORT = env.int("STORES_PORT", default=8000)
STORES_SCHEME = env("STORES_SCHEME", default="http")

INSTALLED_APPS = [
    # Ours
    "tenancy",
    # Before wagtail.admin: its wagtailadmin/base.html adds the store bar (check tenants.E001).
    "tenants",
    "domains",
    "themes",
    "shop",
    "crm_bridge",
    "demo",
    # Wagtail
    "wagtail.contrib.settings",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Third party
    "rest_framework",
    "django_countries",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # Storefront pages every anonymous shopper shares, answered from the page cache before
    # anything else runs, with the headers the rendered page had (shop.pagecache, ADR 30).
    # config.wsgi answers them in front of Django already; this is the same door inside.
    "shop.pagecache.frontdoor.PageCacheFrontDoor",
    # The three that only add the baseline security headers come first, so every response
    # has them, the host middleware's early 404s included (see "Security headers" below).
    "django.middleware.security.SecurityMiddleware",
    "config.csp.AreaPolicyCSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "domains.middleware.HostSiteMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "tenants.middleware.SuspendedStoreMiddleware",
    "tenancy.middleware.StoreScopeMiddleware",
    # What a storefront page was rendered from, for the front door to store it; the ETag
    # and Cache-Control of every page (shop.pagecache).
    "shop.pagecache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "shop.middleware.PrivateSessionResponseMiddleware",
    # The store's own code and its policy on storefront pages only (themes.custom_code).
    "shop.middleware.StorefrontCodeMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "tenants.middleware.AdminStoreMiddleware",
    # Refuses merchants the Wagtail views the store scope cannot narrow (tenants.admin_scoping).
    "tenants.admin_scoping.guards.AdminViewGuardMiddleware",
    # Dates in the store's time zone, on its storefront and in its staff's admin.
    "shop.middleware.StoreTimeZoneMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "themes.context_processors.theme",
                "shop.storefront.storefront",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------------------

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Every transaction takes SQLite's write lock when it begins, and a writer that finds
    # it taken waits (up to `timeout` seconds) instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "config.redis_cache.ReusedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="storebuilder"),
        }
    }
else:
    # Room for the page cache: its pages and their tags (shop.pagecache).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }

# --- Page cache (shop.pagecache, ADR 30) ------------------------------------------------

# Stored pages live in the default cache: Redis in production, local memory for `make run`.
# How long a CDN in front may keep a storefront page (s-maxage, seconds); browsers always
# revalidate (max-age=0) and get a 304 when the page is unchanged.
# The page cache for anonymous shoppers (shop.pagecache); off only to measure pages
# uncached (`make bench`). HTTP caching headers and 304s stay either way.
PAGECACHE_ENABLED = env.bool("PAGECACHE_ENABLED", default=True)
PAGECACHE_CDN_MAX_AGE = env.int("PAGECACHE_CDN_MAX_AGE", default=60)
# How far the clocks of the machines that render pages and make changes may disagree
# (seconds): a page that began to render less than this after a change is rendered again.
PAGECACHE_CLOCK_MARGIN = env.float("PAGECACHE_CLOCK_MARGIN", default=1.0)
# When many shoppers ask for a page that is not stored at once, one renders it and the
# others wait for its entry up to PAGECACHE_RENDER_WAIT seconds (then render it themselves);
# the renderer's lock lapses after PAGECACHE_RENDER_LOCK seconds should its worker die.
PAGECACHE_RENDER_WAIT = env.float("PAGECACHE_RENDER_WAIT", default=2.0)
PAGECACHE_RENDER_LOCK = env.int("PAGECACHE_RENDER_LOCK", default=10)
# Pages each worker keeps in its own memory, checked against their tags in the shared cache
# on every hit (one read instead of two); 0 keeps none.
PAGECACHE_LOCAL_ENTRIES = env.int("PAGECACHE_LOCAL_ENTRIES", default=200)
# Purging a CDN when pages change: off unless backends are named (Wagtail's frontend cache,
# https://docs.wagtail.org/en/stable/reference/contrib/frontendcache.html), e.g.
# {"cloudflare": {"BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
# "BEARER_TOKEN": "...", "ZONEID": "..."}}.
WAGTAILFRONTENDCACHE = env.json("WAGTAILFRONTENDCACHE", default={})

# --- Auth -------------------------------------------------------------------------------

# Axes refuses sign-ins while locked out (it must come first); model permissions count
# only the groups of the store active in the admin request.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "tenants.admin_scoping.backends.StoreRoleBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"

# --- Login throttling (django-axes) ----------------------------------------------------

# Failed sign-ins are counted per account and per client address, in the database (SQLite
# for `make run`, PostgreSQL in production). Either count reaching the limit locks sign-in
# for that account or address until the cool-off has passed since the last failure, or
# until an operator unlocks it (`manage.py axes_reset_username <name>`, `axes_reset_ip
# <address>`, `axes_reset`). A successful sign-in clears the account's failures.
INSTALLED_APPS += ["axes"]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]  # last: it turns a lockout into the page
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "tenants.login_lockout.locked_out_response"
AXES_CLIENT_IP_CALLABLE = "tenants.login_lockout.client_ip_address"
# How many reverse proxies in front of Django append to X-Forwarded-For. 0 (no proxy):
# the header is ignored and the client is REMOTE_ADDR. Production sets 1 (Caddy).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# --- Staff invitations and account emails ----------------------------------------------

# Staff invitation links work this long (seconds); a resend starts the period again.
STAFF_INVITATION_MAX_AGE = env.int("STAFF_INVITATION_MAX_AGE", default=7 * 24 * 60 * 60)
# Email-change confirmation links work this long (seconds).
EMAIL_CHANGE_MAX_AGE = env.int("EMAIL_CHANGE_MAX_AGE", default=24 * 60 * 60)
# Password reset, invitation and email-change emails, each kind counted on its own
# (tenants.email_limits, in the cache): at most this many to one address per hour...
ACCOUNT_EMAILS_PER_ADDRESS_PER_HOUR = env.int("ACCOUNT_EMAILS_PER_ADDRESS_PER_HOUR", default=5)
# ...and at most this many asked for by one signed-in account per hour.
ACCOUNT_EMAILS_PER_SENDER_PER_HOUR = env.int("ACCOUNT_EMAILS_PER_SENDER_PER_HOUR", default=30)

# --- Internationalisation ---------------------------------------------------------------

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static and media -------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Serve MEDIA_ROOT from Django (local and test only; production uses S3 storage).
SERVE_MEDIA = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Email ------------------------------------------------------------------------------

# An empty EMAIL_URL counts as unset.
EMAIL_CONFIG = env.email_url_config(env("EMAIL_URL", default="") or "consolemail://")
vars().update(EMAIL_CONFIG)
# An email API instead of SMTP, through django-anymail: EMAIL_BACKEND names its backend
# (``anymail.backends.postmark.EmailBackend``), ANYMAIL holds its settings as JSON
# (``{"POSTMARK_SERVER_TOKEN": "..."}``). Unset, EMAIL_URL decides.
if env("EMAIL_BACKEND", default=""):
    EMAIL_BACKEND = env("EMAIL_BACKEND")
ANYMAIL = env.json("ANYMAIL", default={})
# The address every store's emails come from; each store's name is put before it
# (``"Alpha Goods" <noreply@...>``) and replies go to the store's contact email.
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Store builder <noreply@localhost>")

# --- Celery -----------------------------------------------------------------------------

CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Retry delays stay below this, so Redis never redelivers a task that is still waiting.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# Periodic tasks (``celery -A config beat``). Each can run twice without doing anything twice.
CELERY_BEAT_SCHEDULE = {
    "release-expired-stock-reservations": {
        "task": "shop.tasks.release_expired_reservations_task",
        "schedule": 60.0,  # holds last minutes: an expired one is freed within a minute
    },
    "cancel-abandoned-card-orders": {
        "task": "shop.tasks.cancel_abandoned_card_orders_task",
        "schedule": 300.0,
    },
    "publish-scheduled-content": {
        "task": "shop.tasks.publish_scheduled_task",
        # Pages, themes and promotions go live or expire within a minute of their time. A
        # run not started within the minute is dropped: the next one does its work.
        "schedule": 60.0,
        "options": {"expires": 55},
    },
    "run-campaigns": {
        "task": "shop.tasks.run_campaigns_task",
        # Campaigns start and end within a minute of their time (prices and the page cache
        # follow their promotions to the second: ADR 47, 48).
        "schedule": 60.0,
        "options": {"expires": 55},
    },
    "reconcile-stock-with-ledger": {
        "task": "shop.tasks.reconcile_stock_task",
        "schedule": 3600.0,
    },
}

# --- Payments (Stripe) ------------------------------------------------------------------

# The platform's keys: stores that connect their Stripe account (``acct_...``) are charged
# through them. A store of a single-merchant install may set its own keys instead, kept
# encrypted with PAYMENT_SECRETS_KEY (a Fernet key). With no keys, cards are not offered.
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")
# Where the stripe library sends its requests (tests point it at a local fake server).
STRIPE_API_BASE = env("STRIPE_API_BASE", default="https://api.stripe.com")
PAYMENT_SECRETS_KEY = env("PAYMENT_SECRETS_KEY", default="")
# A same-origin POST that pays a test-mode PaymentIntent with Stripe's test card, for
# machines where Stripe.js cannot load. Refused for live keys whatever this says.
STRIPE_TEST_CONFIRM = env.bool("STRIPE_TEST_CONFIRM", default=False)
# A card order still unpaid after its store's hold time (``reservation_minutes``) is
# cancelled and its stock returned (``shop.tasks.cancel_abandoned_card_orders_task``), but
# never sooner than this after it was placed: a bank's 3-D Secure step takes minutes.
CARD_PAYMENT_MIN_TIME = timedelta(minutes=env.int("CARD_PAYMENT_MIN_MINUTES", default=15))

# --- Wagtail ----------------------------------------------------------------------------

WAGTAIL_SITE_NAME = env("PLATFORM_NAME", default="Storebuilder")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://localhost:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# Avatars come from the project, never from gravatar.com.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# An account's email changes only once the new address confirms it (tenants.email_changes),
# never through Wagtail's own account form.
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
# The admin shows and takes dates in the active store's time zone (StoreSettings.time_zone),
# not a person's own, so their account page offers no time zone.
WAGTAIL_USER_TIME_ZONES = []
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "tenants.forms.LimitedPasswordResetForm"  # noqa: S105
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]

# --- Security ---------------------------------------------------------------------------

# Cookies are host-only (no *_COOKIE_DOMAIN), so a store host never sees admin cookies.
# SameSite=Lax: no other site's form sends them, which, with the same-origin check, is what
# protects "add to cart" on shared storefront pages that carry no CSRF token (ADR 24).
# Cart edits and checkout keep their CSRF token.
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "SAMEORIGIN"

# --- Security headers -------------------------------------------------------------------

# Every response carries these: SecurityMiddleware (nosniff, Referrer-Policy, COOP, HSTS in
# production), config.csp.AreaPolicyCSPMiddleware (Content-Security-Policy) and
# XFrameOptionsMiddleware. They run before the host middleware. ADR 13 explains the policies.
INSTALLED_APPS += ["csp"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Origins other than the project's own that images come from (production: the media bucket).
MEDIA_ORIGINS = env.list("MEDIA_ORIGINS", default=[])

# The storefront, the platform's pages and every error page: scripts only from the project's
# own files, never inline, and no nonce, so a page is the same bytes for every shopper;
# styles may be inline (the theme's colours), which cannot run code. A store's own code
# and analytics add exactly their hashes and addresses on its storefront pages
# (themes.custom_code, shop.middleware.StorefrontCodeMiddleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", *MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        # The video block's players, swapped in only when a shopper presses play
        # (themes.video.PLAYER_ORIGINS): nothing else may be framed.
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}
# Wagtail's admin (/admin/ on platform hosts): its widgets and chooser modals still run
# inline scripts, its panels use style attributes, image uploads preview as blob: URLs and
# the live preview is a same-origin iframe.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *MEDIA_ORIGINS],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}

# --- Logging ----------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        # Wagtail logs every page create/edit/publish at INFO (the audit log keeps them).
        "wagtail": {"level": env("WAGTAIL_LOG_LEVEL", default="WARNING")},
    },
}
