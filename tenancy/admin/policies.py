"""Permission policies for store-owned rows that people do not add, change or delete by
hand in the admin: rows the system makes (orders, clients) and append-only ledgers.

Register them with ``register_permission_policies`` from the owning app's
``AppConfig.ready()``: Wagtail refuses a policy registered after it has looked one up for
the model (it then made a fallback policy).
"""

from collections.abc import Mapping

from django.db.models import Model
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy


class NoAddOrDeletePolicy(ModelPermissionPolicy):
    """Rows the system makes (orders, clients, stock rows): they may be changed by whoever
    holds the permission, but nobody, superusers included, adds or deletes them here."""

    blocked = frozenset({"add", "delete"})

    def user_has_permission(self, user, action):
        return action not in self.blocked and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a not in self.blocked])


class ViewOnlyPolicy(NoAddOrDeletePolicy):
    """Append-only records (the stock ledger): they can only be viewed."""

    blocked = frozenset({"add", "change", "delete"})


def register_permission_policies(policies: Mapping[type[Model], type[ModelPermissionPolicy]]):
    """Register each model's policy class, made for that model, in Wagtail's registry."""
    for model, policy in policies.items():
        register_permission_policy(model, policy(model))
