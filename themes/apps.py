from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "themes"
    verbose_name = "Themes"

    def ready(self):
        from tenancy.admin.policies import NoAddOrDeletePolicy, register_permission_policies

        from .models import StoreTheme

        # Each store gets its theme when it is created; nobody adds or deletes one.
        register_permission_policies({StoreTheme: NoAddOrDeletePolicy})
