"""Staff roles of a store and the Wagtail permissions each one holds.

Every store has one Wagtail group per role (``StoreGroup``). A role's powers come from its
group: model permissions (snippets: catalog, stock, orders, clients, tickets, the theme),
page permissions on the store's root page, collection permissions on the store's
collection, and ``GroupSitePermission`` for the store's settings. Managing staff and reading the
store's activity log are the owner's; they are checked against the role itself
(``Role.OWNER``), not a model permission.

No role holds user, group, site, workflow, redirect or search-promotion permissions.
"""

from django.db import models


class Role(models.TextChoices):
    OWNER = "owner", "Owner"
    EDITOR = "editor", "Editor"
    SUPPORT = "support", "Support"


# What each role can do, as shown to merchants on the staff screen and in the README.
ROLE_SUMMARIES = {
    Role.OWNER: "Everything in the store: pages, images, products, promotions, campaigns, "
    "orders and refunds, clients, settings, the theme, staff and the activity log.",
    Role.EDITOR: "Pages, menus, images and documents, products, inventory, promotions and "
    "campaigns. No orders, clients, settings or theme.",
    Role.SUPPORT: "Orders (fulfil, ship, notes, returns; no refunds), clients and tickets; "
    "the catalog read-only. No pages or settings.",
}

_CATALOG = ["add_product", "change_product", "delete_product", "view_product"]
_INVENTORY = [
    "view_stocklevel",
    "change_stocklevel",
    "view_stockmovement",
    "view_backinstockrequest",
]
_CATALOG_READ = [
    "view_product",
    "view_stocklevel",
    "view_stockmovement",
    "view_backinstockrequest",
]
_ORDERS = ["view_order", "change_order"]
# Giving money back (a refund, a cancellation or a return with one) is the owner's alone.
_REFUNDS = ["refund_order"]
_CRM = ["view_client", "change_client", "view_ticket", "change_ticket"]
# The store's theme: edited, published (now or at a date), locked. Never added or deleted.
_THEME = ["change_storetheme", "publish_storetheme", "lock_storetheme", "unlock_storetheme"]
_NEWSLETTER = ["view_newslettersubscriber"]
_MENUS = ["add_storemenu", "change_storemenu", "delete_storemenu", "view_storemenu"]
# Promotions and their codes: drafted, published (now or at a date), locked; for owners and
# the content team (editors), who plan sales.
_PROMOTIONS = [
    "add_promotion",
    "change_promotion",
    "delete_promotion",
    "view_promotion",
    "publish_promotion",
    "lock_promotion",
    "unlock_promotion",
]
# Campaigns: scheduling prepared drafts (pages, promotions, the theme's latest draft) and
# product visibility together, for owners and the content team.
_CAMPAIGNS = ["add_campaign", "change_campaign", "delete_campaign", "view_campaign"]
# Where the store ships and what it charges: a store setting, the owners'.
_SHIPPING = ["add_shippingzone", "change_shippingzone", "delete_shippingzone", "view_shippingzone"]

MODEL_PERMISSIONS = {
    Role.OWNER: {
        "wagtailadmin": ["access_admin"],
        "shop": [
            *_CATALOG,
            *_INVENTORY,
            *_ORDERS,
            *_REFUNDS,
            *_NEWSLETTER,
            *_MENUS,
            *_SHIPPING,
            *_PROMOTIONS,
            *_CAMPAIGNS,
        ],
        "crm_bridge": _CRM,
        "themes": _THEME,
    },
    Role.EDITOR: {
        "wagtailadmin": ["access_admin"],
        "shop": [*_CATALOG, *_INVENTORY, *_MENUS, *_PROMOTIONS, *_CAMPAIGNS],
    },
    Role.SUPPORT: {
        "wagtailadmin": ["access_admin"],
        "shop": [*_CATALOG_READ, *_ORDERS],
        "crm_bridge": _CRM,
    },
}

_PAGES = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
PAGE_PERMISSIONS = {Role.OWNER: _PAGES, Role.EDITOR: _PAGES, Role.SUPPORT: []}

_MEDIA = {
    "wagtailimages": ["add_image", "change_image", "delete_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "delete_document", "choose_document"],
}
COLLECTION_PERMISSIONS = {Role.OWNER: _MEDIA, Role.EDITOR: _MEDIA, Role.SUPPORT: {}}

SITE_SETTING_PERMISSIONS = {
    Role.OWNER: {"shop": ["change_storesettings", "change_paymentsettings"]},
    Role.EDITOR: {},
    Role.SUPPORT: {},
}


def group_name(slug: str, role: str) -> str:
    return f"Store {slug}: {Role(role).label.lower()}"
