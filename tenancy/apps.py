from django.apps import AppConfig


class TenancyConfig(AppConfig):
    name = "tenancy"
    verbose_name = "Tenancy"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import PageViewRestriction, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from . import signal_handlers
        from .numeric_bounds import bound_admin_number_fields

        bound_admin_number_fields()

        # Page signals are sent by each page type, so the receiver listens to every
        # sender and looks at the instance.
        page_signals = {
            "save": post_save,
            "delete": post_delete,
            "publish": page_published,
            "unpublish": page_unpublished,
        }
        for name, signal in page_signals.items():
            signal.connect(
                signal_handlers.forget_store_on_page_change,
                dispatch_uid=f"tenancy_forget_store_on_page_{name}",
            )
        post_page_move.connect(
            signal_handlers.forget_store_on_page_move,
            dispatch_uid="tenancy_forget_store_on_page_move",
        )
        for name, signal in {"save": post_save, "delete": post_delete}.items():
            signal.connect(
                signal_handlers.forget_store_on_site_change,
                sender=Site,
                dispatch_uid=f"tenancy_forget_store_on_site_{name}",
            )
            signal.connect(
                signal_handlers.forget_store_on_restriction_change,
                sender=PageViewRestriction,
                dispatch_uid=f"tenancy_forget_store_on_restriction_{name}",
            )
