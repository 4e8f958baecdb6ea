"""What other apps say about an order on its admin screens, without shop importing them.

``ORDER_NOTES_HOOK`` is a Wagtail hook: each function registered under it is called with
an order, ``fn(order)``, and answers an ``OrderNote`` or None (nothing to say). The order's
screen shows each note's HTML under the customer's details, and its ``links`` as buttons
next to the customer (the client record, the ticket: one click away); its inspect screen
shows one row per note. ``crm_bridge`` answers it (in its ``wagtail_hooks.py``) with the
ticket's "contact details differ" note and links to its client and ticket: the dependency
stays pointed at ``shop``, and without an answer the order screens simply have no note.
"""

from dataclasses import dataclass

from django.utils.safestring import SafeString
from wagtail import hooks

ORDER_NOTES_HOOK = "shop_order_notes"


@dataclass(frozen=True)
class OrderLink:
    """A screen of another app about the order, linked from the order's screen."""

    label: str
    url: str
    icon: str = "link"


@dataclass(frozen=True)
class OrderNote:
    """A note on an order's admin screens.

    ``html`` (already escaped) may be blank: the order's screen then shows nothing, and
    the inspect screen's row labelled ``label`` shows ``blank_text``. ``links`` are shown
    whatever the HTML.
    """

    label: str
    html: SafeString
    blank_text: str = "-"
    links: tuple[OrderLink, ...] = ()

    @property
    def inspect_value(self) -> str:
        return self.html if self.html.strip() else self.blank_text


def order_links(notes: list[OrderNote]) -> list[OrderLink]:
    """Every note's links, in hook order."""
    return [link for note in notes for link in note.links]


def order_notes(order) -> list[OrderNote]:
    """The notes the ``ORDER_NOTES_HOOK`` answers give for ``order``, in hook order."""
    notes = (answer(order) for answer in hooks.get_hooks(ORDER_NOTES_HOOK))
    return [note for note in notes if note is not None]
