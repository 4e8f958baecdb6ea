import factory
from django.contrib.auth.models import User
from factory.django import DjangoModelFactory

from tenants.models import Store
from tenants.roles import Role
from tenants.services import create_store
from themes.presets import Preset

OWNER_PASSWORD = "correct-horse-battery-42"


class StoreFactory(factory.Factory):
    """A store made the one supported way, through ``tenants.services.create_store``."""

    class Meta:
        model = Store

    slug = factory.Sequence(lambda n: f"store-{n}")
    name = factory.LazyAttribute(lambda o: f"Store {o.slug}")
    owner_email = factory.LazyAttribute(lambda o: f"owner@{o.slug}.test")
    preset = Preset.MINIMAL
    owner_password = OWNER_PASSWORD

    @classmethod
    def _create(cls, model_class, **kwargs):
        store, _ = create_store(**kwargs)
        return store

    @classmethod
    def _build(cls, model_class, **kwargs):
        raise NotImplementedError("A store exists only once create_store has made it.")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.test")
    password = factory.django.Password(OWNER_PASSWORD)


def role_group(store, role):
    """The Wagtail group giving ``role`` in ``store``."""
    return store.role_groups.get(role=role).group


def owner_of(store):
    """The owner ``create_store`` made for ``store``."""
    return role_group(store, Role.OWNER).user_set.get()


def staff_member(store, role, *, email=None):
    """A person with ``role`` in ``store`` and a password, added straight to its group."""
    email = email or f"{role}-staff@{store.slug}.test"
    user = UserFactory(username=email, email=email)
    user.groups.add(role_group(store, role))
    return user
