from django.apps import AppConfig
from django.core import checks

from .admin_scoping.checks import check_scoping_settings, check_store_bar_template


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = "Stores"

    def ready(self):
        # Wagtail's shared admin screens scoped to the request's store (tenants.admin_scoping):
        # its system checks, and its permission policies, registered before any request asks
        # Wagtail for one. The policies' module imports models: it is imported once they are.
        from django.db.models.signals import post_delete, post_save
        from wagtail.permissions import register_permission_policy

        from .admin_scoping.policies import register_store_permission_policies
        from .admin_scoping.time_zones import keep_request_time_zone_in_admin
        from .models import Store
        from .operator_views import PlatformOperatorPolicy
        from .signal_handlers import invalidate_pages_on_store_change

        checks.register(check_store_bar_template, checks.Tags.templates)
        checks.register(check_scoping_settings)
        register_store_permission_policies()
        keep_request_time_zone_in_admin()
        # The store list is the platform operator's alone.
        register_permission_policy(Store, PlatformOperatorPolicy(Store))
        # The page cache answers before the store's status is read: a suspension,
        # reactivation or deletion invalidates its stored pages (shop.pagecache, ADR 30).
        for signal in (post_save, post_delete):
            signal.connect(
                invalidate_pages_on_store_change, sender=Store, dispatch_uid="pagecache_store"
            )
