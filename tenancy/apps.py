from django.apps import AppConfig


class TenancyConfig(AppConfig):
    name = "tenancy"
    verbose_name = "Tenancy"

    def ready(self):
        from .numeric_bounds import bound_admin_number_fields

        bound_admin_number_fields()
