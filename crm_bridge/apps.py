from django.apps import AppConfig


class CrmBridgeConfig(AppConfig):
    name = "crm_bridge"
    verbose_name = "CRM"

    def ready(self):
        from shop.promotions.customers import CUSTOMER_TAG_PROVIDERS
        from shop.signals import (
            order_cancelled,
            order_placed,
            order_status_changed,
            stock_back_in,
            stock_low,
            stock_out,
            stock_replenished,
        )
        from tenancy.admin.policies import register_permission_policies

        from . import selectors, signal_handlers
        from .viewsets import PERMISSION_POLICIES

        register_permission_policies(PERMISSION_POLICIES)
        # Promotions for selected customers read the tags merchants give clients here.
        CUSTOMER_TAG_PROVIDERS.append(selectors.client_tags)

        order_placed.connect(
            signal_handlers.sync_crm_on_order_placed,
            dispatch_uid="crm_bridge_sync_crm_on_order_placed",
        )
        for signal, name in (
            (order_cancelled, "order_cancelled"),
            (order_status_changed, "order_status_changed"),
        ):
            signal.connect(
                signal_handlers.sync_crm_on_order_status_changed,
                dispatch_uid=f"crm_bridge_sync_crm_on_{name}",
            )
        for signal, name in (
            (stock_low, "stock_low"),
            (stock_out, "stock_out"),
            (stock_back_in, "stock_back_in"),
            (stock_replenished, "stock_replenished"),
        ):
            signal.connect(
                signal_handlers.sync_stock_ticket_on_stock_alert,
                dispatch_uid=f"crm_bridge_sync_stock_ticket_on_{name}",
            )
