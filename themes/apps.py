from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "themes"
    verbose_name = "Themes"

    def ready(self):
        from django.db.models.signals import post_delete, post_save, pre_delete
        from wagtail.images import get_image_model

        from tenancy.admin.policies import NoAddOrDeletePolicy, register_permission_policies

        from . import signal_handlers
        from .models import PageThemeOverride, StoreTheme

        for name, signal in {"save": post_save, "delete": post_delete}.items():
            signal.connect(
                signal_handlers.forget_theme_on_change,
                sender=StoreTheme,
                dispatch_uid=f"themes_forget_theme_on_{name}",
            )
            signal.connect(
                signal_handlers.forget_overrides_on_change,
                sender=PageThemeOverride,
                dispatch_uid=f"themes_forget_overrides_on_{name}",
            )

        image_model = get_image_model()
        for name, signal in {"save": post_save, "delete": pre_delete}.items():
            signal.connect(
                signal_handlers.forget_theme_on_image_change,
                sender=image_model,
                dispatch_uid=f"themes_forget_theme_on_image_{name}",
            )

        # Each store gets its theme when it is created; nobody adds or deletes one.
        register_permission_policies({StoreTheme: NoAddOrDeletePolicy})
