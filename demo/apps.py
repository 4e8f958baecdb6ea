from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The four demo stores (``manage.py seed_demo``). Imports every app; none imports it."""

    name = "demo"
    verbose_name = "Demo stores"
