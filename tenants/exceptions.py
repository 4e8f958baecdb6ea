class StoreError(Exception):
    """A store could not be created or changed; ``str()`` says why, for the operator."""


class InvalidStoreSlug(StoreError):
    pass


class StoreAlreadyExists(StoreError):
    pass


class StaffError(StoreError):
    """A staff change was refused (last owner, already on the staff, bad address...)."""
