"""Permission policies that keep only the permissions granted inside the current store scope.

Wagtail reads a user's page, collection and site permissions through the registered
policy's ``get_all_permissions_for_user`` (cached on the user for the request): the
explorer's start page and listing, page search, the page edit screens, the dashboard,
the page reports, the image and document listings, choosers, upload forms and edit
screens, and the site settings screens. Inside a store scope (a merchant's admin request,
see ``AdminStoreMiddleware``) these policies drop every permission granted outside the
scope's stores, so someone who works for several stores sees only the stores of the
request. Permissions granted above a store (on the tree root or the root collection) are
dropped too: they would reach every store. Outside a store scope (no scope, or the
platform operator's scope of every store) the policies are Wagtail's own.

Each policy caches under its own attribute name, so a permission list cached by another
policy during the same request is never mistaken for a narrowed one.
"""

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permission_policies.sites import SitePermissionPolicy
from wagtail.permissions import register_permission_policy

from shop.models import StoreSettings
from tenancy.scope import ALL_STORES, current_scope

from .scope import collections_of_stores, in_trees, root_paths


def _scope_site_ids() -> frozenset[int] | None:
    """The site ids of the open store scope, or None when nothing narrows permissions
    (no scope, or the platform operator's scope of every store)."""
    scope = current_scope()
    return None if scope is ALL_STORES else scope


class StoreScopedPermissionsMixin:
    """A permission policy whose ``get_all_permissions_for_user`` keeps the scope's stores."""

    def get_all_permissions_for_user(self, user):
        permissions = super().get_all_permissions_for_user(user)
        site_ids = _scope_site_ids()
        if site_ids is None:
            return permissions
        return self.narrow_to_stores(permissions, site_ids)

    def narrow_to_stores(self, permissions, site_ids):
        """The ``permissions`` granted inside the stores ``site_ids``."""
        raise NotImplementedError


class StorePagePermissionPolicy(StoreScopedPermissionsMixin, PagePermissionPolicy):
    """Pages: permissions on the scope's store trees only."""

    permission_cache_name = "_store_page_permission_cache"
    _explorable_root_instance_cache_name = "_store_explorable_root_page_cache"

    def narrow_to_stores(self, permissions, site_ids):
        return permissions.filter(in_trees(root_paths(site_ids), prefix="page__"))


class StoreCollectionPermissionPolicy(
    StoreScopedPermissionsMixin, CollectionOwnershipPermissionPolicy
):
    """Images and documents: permissions on the scope's store collections only."""

    permission_cache_name = "_store_collection_permission_cache"

    def narrow_to_stores(self, permissions, site_ids):
        return permissions.filter(collection__in=collections_of_stores(site_ids))


class StoreSitePermissionPolicy(StoreScopedPermissionsMixin, SitePermissionPolicy):
    """Site settings: the scope's sites only, whatever global permission the user holds."""

    permission_cache_name = "_store_site_permission_cache"

    def narrow_to_stores(self, permissions, site_ids):
        return permissions.filter(site_id__in=site_ids)

    def sites_user_has_any_permission_for(self, user, actions):
        sites = super().sites_user_has_any_permission_for(user, actions)
        site_ids = _scope_site_ids()
        return sites if site_ids is None else sites.filter(pk__in=site_ids)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        site_ids = _scope_site_ids()
        site_id = instance.pk if isinstance(instance, Site) else instance.site_id
        if site_ids is not None and site_id not in site_ids:
            return False
        return super().user_has_any_permission_for_instance(user, actions, instance)


def register_store_permission_policies():
    """Register the policies above in Wagtail's registry (``TenantsConfig.ready``)."""
    # For every page type: more specific than Wagtail's policy, registered on AbstractPage.
    register_permission_policy(Page, StorePagePermissionPolicy(Page))
    # The image and document apps register their policies in their ready(), after ours
    # (tenants comes first in INSTALLED_APPS); an exact-class registration is looked up first.
    for model, auth_model in (
        (get_image_model(), "wagtailimages.Image"),
        (get_document_model(), "wagtaildocs.Document"),
    ):
        policy = StoreCollectionPermissionPolicy(
            model, auth_model=auth_model, owner_field_name="uploaded_by_user"
        )
        register_permission_policy(model, policy, exact_class=True)
    # Replaces the policy ``register_setting`` registered when the model was defined.
    register_permission_policy(StoreSettings, StoreSitePermissionPolicy(StoreSettings))
