from django.apps import AppConfig


class DomainsConfig(AppConfig):
    name = "domains"
    verbose_name = "Domains"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Site

        from . import signal_handlers
        from .models import Domain

        for model in (Domain, Site):
            post_save.connect(
                signal_handlers.forget_hosts_on_change,
                sender=model,
                dispatch_uid=f"domains_forget_hosts_on_{model.__name__}_save",
            )
            post_delete.connect(
                signal_handlers.forget_hosts_on_change,
                sender=model,
                dispatch_uid=f"domains_forget_hosts_on_{model.__name__}_delete",
            )
