"""Creating, suspending and reactivating stores.

Everything a new store needs (site, home page, domain, collection, one staff group per
role, settings, owner) is made in one transaction. A status change is logged to
Wagtail's audit log and drops every cached route, so hosts see it on their next request.
"""

import re
import secrets

from django.conf import settings
from django.contrib.auth.models import Group, Permission, User
from django.db import transaction
from wagtail.log_actions import log
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Page,
    Site,
)

from domains import resolver
from domains.models import Domain
from shop.models import OrderNumberSequence, PaymentSettings, StoreHomePage, StoreSettings
from tenancy.scope import store_scope
from themes.presets import Preset
from themes.services import create_theme

from .exceptions import InvalidStoreSlug, StoreAlreadyExists
from .models import Store, StoreGroup
from .roles import (
    COLLECTION_PERMISSIONS,
    MODEL_PERMISSIONS,
    PAGE_PERMISSIONS,
    SITE_SETTING_PERMISSIONS,
    Role,
    group_name,
)

SLUG_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
RESERVED_SLUGS = frozenset(
    {
        "www",
        "admin",
        "api",
        "app",
        "assets",
        "auth",
        "blog",
        "cdn",
        "dashboard",
        "docs",
        "ftp",
        "help",
        "home",
        "localhost",
        "mail",
        "media",
        "platform",
        "root",
        "shop",
        "signup",
        "smtp",
        "static",
        "status",
        "store",
        "stores",
        "support",
        "test",
    }
)


def validate_slug(slug: str) -> str:
    """Return the slug if it can name a store's subdomain; raise InvalidStoreSlug if not."""
    if not SLUG_PATTERN.match(slug or ""):
        raise InvalidStoreSlug(
            f"“{slug}” is not a valid store name for a web address: use 1 to 63 lower-case "
            "letters, digits and hyphens, not starting or ending with a hyphen."
        )
    if slug in RESERVED_SLUGS:
        raise InvalidStoreSlug(f"“{slug}” is reserved by the platform; choose another name.")
    return slug


def store_hostname(slug: str) -> str:
    return f"{slug}.{settings.STORES_DOMAIN}"


def _permissions(spec: dict[str, list[str]]):
    for app_label, codenames in spec.items():
        found = list(
            Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
        missing = set(codenames) - {p.codename for p in found}
        if missing:
            raise LookupError(f"Missing permissions {sorted(missing)} in {app_label}.")
        yield from found


def _create_role_group(*, store: Store, role: Role) -> StoreGroup:
    """The group giving ``role`` in ``store``, with that role's permissions on its rows."""
    group = Group.objects.create(name=group_name(store.slug, role))
    group.permissions.set(_permissions(MODEL_PERMISSIONS[role]))
    page_permissions = {"wagtailcore": PAGE_PERMISSIONS[role]} if PAGE_PERMISSIONS[role] else {}
    for permission in _permissions(page_permissions):
        GroupPagePermission.objects.create(
            group=group, page=store.site.root_page, permission=permission
        )
    for permission in _permissions(COLLECTION_PERMISSIONS[role]):
        GroupCollectionPermission.objects.create(
            group=group, collection=store.collection, permission=permission
        )
    for permission in _permissions(SITE_SETTING_PERMISSIONS[role]):
        GroupSitePermission.objects.create(group=group, site=store.site, permission=permission)
    return StoreGroup.objects.create(store=store, role=role, group=group)


def _owner(*, email: str, password: str | None) -> tuple[User, str | None]:
    """The owner's account, created if new. Returns a generated password for a new account."""
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user, None
    generated = None if password else secrets.token_urlsafe(12)
    user = User.objects.create_user(username=email, email=email, password=password or generated)
    return user, generated


@transaction.atomic
def create_store(
    *,
    slug: str,
    name: str,
    owner_email: str,
    preset: str = Preset.MINIMAL,
    owner_password: str | None = None,
) -> tuple[Store, str | None]:
    """Create a store: Site, home page, domain, collection, staff groups, settings, a
    published theme, owner.

    Returns the store and, when a new owner account was made without a password, the
    generated password (shown once to the operator).
    """
    validate_slug(slug)
    if preset not in Preset.values:
        raise InvalidStoreSlug(
            f"Unknown preset “{preset}”; choose one of {', '.join(Preset.values)}."
        )
    hostname = store_hostname(slug)
    if (
        Store.objects.filter(slug=slug).exists()
        or Site.objects.filter(hostname=hostname).exists()
        or Domain.objects.filter(hostname=hostname).exists()
    ):
        raise StoreAlreadyExists(f"A store called “{slug}” already exists ({hostname}).")

    root = Page.get_first_root_node()
    if root.get_children().filter(slug=slug).exists():
        raise StoreAlreadyExists(f"A page tree called “{slug}” already exists.")
    home = root.add_child(instance=StoreHomePage(title=name, slug=slug))
    site = Site.objects.create(
        hostname=hostname, port=settings.STORES_PORT, root_page=home, site_name=name
    )
    Domain.objects.create(
        site=site,
        hostname=hostname,
        kind=Domain.Kind.PLATFORM,
        status=Domain.Status.ACTIVE,
        is_primary=True,
    )
    collection = Collection.get_first_root_node().add_child(name=f"{name} ({slug})")
    StoreSettings.objects.create(site=site)
    PaymentSettings.objects.create(site=site)
    with store_scope([site.pk]):
        create_theme(site=site, preset=preset)
        OrderNumberSequence.objects.create(site=site)
    store = Store.objects.create(site=site, slug=slug, name=name, collection=collection)
    groups = {role: _create_role_group(store=store, role=role) for role in Role}
    owner, generated_password = _owner(email=owner_email, password=owner_password)
    owner.groups.add(groups[Role.OWNER].group)
    return store, generated_password


SUSPEND_ACTION = "tenants.suspend_store"
REACTIVATE_ACTION = "tenants.reactivate_store"


def _change_status(*, store: Store, status: str, action: str, user, data: dict) -> bool:
    """Set the store's status under a row lock; log and forget cached routes if it changed.

    Idempotent: a store already in ``status`` is left alone, with no log entry.
    """
    locked = Store.objects.select_for_update().get(pk=store.pk)
    store.status = locked.status
    if locked.status == status:
        return False
    locked.status = store.status = status
    locked.save(update_fields=["status"])
    log(instance=locked, action=action, user=user, data={"store": locked.slug, **data})
    # Forget now for this process and again after commit, so no request can cache the
    # old status from a read made between the two.
    resolver.forget_all()
    transaction.on_commit(resolver.forget_all)
    return True


@transaction.atomic
def suspend_store(*, store: Store, user: User | None = None, reason: str = "") -> bool:
    """Close a store: its hosts show a holding page and take no orders; staff keep access.

    Returns False, changing nothing, when the store is already suspended.
    """
    return _change_status(
        store=store,
        status=Store.Status.SUSPENDED,
        action=SUSPEND_ACTION,
        user=user,
        data={"reason": reason},
    )


@transaction.atomic
def reactivate_store(*, store: Store, user: User | None = None) -> bool:
    """Open a suspended store again. Returns False when it was not suspended."""
    return _change_status(
        store=store, status=Store.Status.ACTIVE, action=REACTIVATE_ACTION, user=user, data={}
    )
