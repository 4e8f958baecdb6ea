from . import resolver


def forget_hosts_on_change(sender, instance, **kwargs):
    """A Domain or Site changed: drop every cached host lookup so routing sees it at once."""
    resolver.forget_all()
