from django.apps import AppConfig


class ShopConfig(AppConfig):
    name = "shop"
    verbose_name = "Shop"

    def ready(self):
        from .numeric_bounds import bound_admin_number_fields

        bound_admin_number_fields()
