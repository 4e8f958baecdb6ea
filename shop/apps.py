from django.apps import AppConfig


class ShopConfig(AppConfig):
    name = "shop"
    verbose_name = "Shop"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Revision

        from tenancy.admin.policies import register_permission_policies

        from . import signal_handlers
        from .data.campaigns import Campaign
        from .data.navigation import StoreMenu
        from .data.orders import Order
        from .data.payments import PaymentSettings
        from .data.promotions import Promotion
        from .data.settings import StoreSettings
        from .data.shipping import ShippingRate, ShippingZone
        from .data.stock import StockMovement
        from .pagecache import signal_handlers as pagecache_signal_handlers
        from .payments.refunds import refund_card_payment
        from .services.refunds import REFUND_PROVIDERS
        from .signals import (
            order_event_recorded,
            preorder_allocated,
            stock_back_in,
            stock_changed,
            stripe_event_stored,
        )
        from .viewsets import PERMISSION_POLICIES

        register_permission_policies(PERMISSION_POLICIES)
        # Card refunds go to Stripe; offline methods are paid back by hand.
        REFUND_PROVIDERS[Order.PaymentMethod.CARD] = refund_card_payment
        pagecache_signal_handlers.connect()
        for model in (
            StoreSettings,
            StoreMenu,
            PaymentSettings,
            ShippingZone,
            ShippingRate,
            Promotion,
            Campaign,
        ):
            for name, signal in {"save": post_save, "delete": post_delete}.items():
                signal.connect(
                    signal_handlers.forget_store_on_settings_change,
                    sender=model,
                    dispatch_uid=f"shop_forget_store_on_{model.__name__}_{name}",
                )
        post_save.connect(
            signal_handlers.forget_store_on_promotion_revision,
            sender=Revision,
            dispatch_uid="shop_forget_store_on_promotion_revision",
        )
        preorder_allocated.connect(
            signal_handlers.email_shopper_on_preorder_allocated,
            dispatch_uid="shop_email_shopper_on_preorder_allocated",
        )
        stock_changed.connect(
            signal_handlers.record_stock_alerts_on_stock_changed,
            sender=StockMovement,
            dispatch_uid="shop_record_stock_alerts_on_stock_changed",
        )
        stripe_event_stored.connect(
            signal_handlers.handle_stripe_event_on_stored,
            dispatch_uid="shop_handle_stripe_event_on_stored",
        )
        stock_back_in.connect(
            signal_handlers.notify_shoppers_on_stock_back_in,
            dispatch_uid="shop_notify_shoppers_on_stock_back_in",
        )
        order_event_recorded.connect(
            signal_handlers.email_on_order_event_recorded,
            dispatch_uid="shop_email_on_order_event_recorded",
        )
