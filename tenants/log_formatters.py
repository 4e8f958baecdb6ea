"""How the store's own audit-log actions read in its activity log and in site history."""

from wagtail.log_actions import LogFormatter

from .roles import Role
from .staff import CHANGE_ROLE_ACTION, INVITE_ACTION, REMOVE_ACTION


def _role(value) -> str:
    try:
        return Role(value).label
    except ValueError:
        return str(value)


class InviteStaffFormatter(LogFormatter):
    label = "Invite staff"

    def format_message(self, log_entry):
        data = log_entry.data
        return f"Invited {data.get('email')} as {_role(data.get('role'))}"


class ChangeStaffRoleFormatter(LogFormatter):
    label = "Change staff role"

    def format_message(self, log_entry):
        data = log_entry.data
        return (
            f"Changed the role of {data.get('email')} from {_role(data.get('from'))} "
            f"to {_role(data.get('to'))}"
        )


class RemoveStaffFormatter(LogFormatter):
    label = "Remove staff"

    def format_message(self, log_entry):
        data = log_entry.data
        return f"Removed {data.get('email')} ({_role(data.get('role'))}) from the staff"


FORMATTERS = {
    INVITE_ACTION: InviteStaffFormatter,
    CHANGE_ROLE_ACTION: ChangeStaffRoleFormatter,
    REMOVE_ACTION: RemoveStaffFormatter,
}
