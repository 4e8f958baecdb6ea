from django.apps import AppConfig


class ShopConfig(AppConfig):
    name = "shop"
    verbose_name = "Shop"

    def ready(self):
        from tenancy.admin.policies import register_permission_policies

        from .pagecache import signal_handlers as pagecache_signal_handlers
        from .viewsets import PERMISSION_POLICIES

        register_permission_policies(PERMISSION_POLICIES)
        pagecache_signal_handlers.connect()
