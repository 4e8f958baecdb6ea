"""The CRM's admin: its viewsets (``crm_bridge.viewsets``), and its note on the shop's
order screens (``shop.order_notes.ORDER_NOTES_HOOK``).

Its permission policies are registered in ``CrmBridgeConfig.ready()``, before any hook runs.
"""

from wagtail import hooks

from shop.order_notes import ORDER_NOTES_HOOK

from .viewsets import CrmViewSetGroup, order_contact_note


@hooks.register("register_admin_viewset")
def register_crm_viewsets():
    return CrmViewSetGroup()


hooks.register(ORDER_NOTES_HOOK, order_contact_note)
