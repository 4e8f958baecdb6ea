"""What other apps say about an order on its admin screens, without shop importing them.

``ORDER_NOTES_HOOK`` is a Wagtail hook: each function registered under it is called with
an order, ``fn(order)``, and answers an ``OrderNote`` or None (nothing to say). The order's
edit screen shows each note's HTML under the customer's details; its inspect screen shows
one row per note. ``crm_bridge`` answers it (in its ``wagtail_hooks.py``) with the ticket's
"contact details differ" note and a link to the client record: the dependency stays
pointed at ``shop``, and without an answer the order screens simply have no note.
"""

from dataclasses import dataclass

from django.utils.safestring import SafeString
from wagtail import hooks

ORDER_NOTES_HOOK = "shop_order_notes"


@dataclass(frozen=True)
class OrderNote:
    """A note on an order's admin screens.

    ``html`` (already escaped) may be blank: the edit screen then shows nothing, and the
    inspect screen's row labelled ``label`` shows ``blank_text``.
    """

    label: str
    html: SafeString
    blank_text: str = "-"

    @property
    def inspect_value(self) -> str:
        return self.html if self.html.strip() else self.blank_text


def order_notes(order) -> list[OrderNote]:
    """The notes the ``ORDER_NOTES_HOOK`` answers give for ``order``, in hook order."""
    notes = (answer(order) for answer in hooks.get_hooks(ORDER_NOTES_HOOK))
    return [note for note in notes if note is not None]
