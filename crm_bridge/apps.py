from django.apps import AppConfig


class CrmBridgeConfig(AppConfig):
    name = "crm_bridge"
    verbose_name = "CRM"

    def ready(self):
        from shop.signals import order_placed

        from . import signal_handlers

        order_placed.connect(
            signal_handlers.sync_crm_on_order_placed,
            dispatch_uid="crm_bridge_sync_crm_on_order_placed",
        )
