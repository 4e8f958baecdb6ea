"""How the store's own audit-log actions read in its activity log and in site history."""

from wagtail.log_actions import LogFormatter

from .email_changes import CHANGE_EMAIL_ACTION
from .invitations import ACCEPT_ACTION, INVITE_ACTION, RESEND_ACTION, REVOKE_ACTION
from .roles import Role
from .staff import ADD_ACTION, CHANGE_ROLE_ACTION, REMOVE_ACTION


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


class StaffSentenceFormatter(LogFormatter):
    """A staff change told in one sentence naming the entry's ``email`` and ``role``."""

    sentence = ""

    def format_message(self, log_entry):
        data = log_entry.data
        return self.sentence.format(email=data.get("email"), role=_role(data.get("role")))


class ResendInvitationFormatter(StaffSentenceFormatter):
    label = "Resend invitation"
    sentence = "Sent a new invitation link to {email}"


class RevokeInvitationFormatter(StaffSentenceFormatter):
    label = "Revoke invitation"
    sentence = "Withdrew the invitation of {email}"


class AcceptInvitationFormatter(StaffSentenceFormatter):
    label = "Accept invitation"
    sentence = "{email} accepted the invitation and joined as {role}"


class AddStaffFormatter(StaffSentenceFormatter):
    label = "Add staff"
    sentence = "The platform added {email} as {role}"


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


class ChangeEmailFormatter(LogFormatter):
    label = "Change email address"

    def format_message(self, log_entry):
        data = log_entry.data
        return f"Changed the account's email address from {data.get('from')} to {data.get('to')}"


FORMATTERS = {
    CHANGE_EMAIL_ACTION: ChangeEmailFormatter,
    INVITE_ACTION: InviteStaffFormatter,
    RESEND_ACTION: ResendInvitationFormatter,
    REVOKE_ACTION: RevokeInvitationFormatter,
    ACCEPT_ACTION: AcceptInvitationFormatter,
    ADD_ACTION: AddStaffFormatter,
    CHANGE_ROLE_ACTION: ChangeStaffRoleFormatter,
    REMOVE_ACTION: RemoveStaffFormatter,
}
