class StoreError(Exception):
    """A store could not be created or changed; ``str()`` says why, for the operator."""


class InvalidStoreSlug(StoreError):
    pass


class StoreAlreadyExists(StoreError):
    pass


class StaffError(StoreError):
    """A staff change was refused (last owner, already on the staff, bad address...)."""


class EmailLimitReached(Exception):
    """Too many emails of one kind went to one address, or were asked for by one account,
    this hour; nothing was sent. ``str()`` says so, for the person asking."""


class EmailChangeError(Exception):
    """An email change was refused; ``str()`` says why, for the account's owner."""


class LinkError(Exception):
    """A link from an email cannot be used; ``str()`` says why, for the person who opened it."""


class InvalidLink(LinkError):
    """Not a link we signed (mistyped, cut short or forged)."""


class ExpiredLink(LinkError):
    pass


class UsedLink(LinkError):
    """Already used, revoked, or replaced by a newer link."""
