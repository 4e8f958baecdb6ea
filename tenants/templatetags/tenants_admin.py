from django import template

from tenancy import request as tenancy_request

register = template.Library()


@register.simple_tag(takes_context=True)
def store_access(context):
    """The admin request's ``tenancy.request.StoreAccess``: ``{% store_access as access %}``."""
    return tenancy_request.store_access(context["request"])
