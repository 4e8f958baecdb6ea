from celery import shared_task
from django.contrib.auth.models import User

from .emails import send_staff_invitation
from .models import Store


@shared_task(acks_late=True)
def send_staff_invitation_task(*, user_id: int, store_id: int, invited_by_id: int | None) -> None:
    """Email a new staff member their invitation. Does nothing if they were removed since."""
    user = User.objects.filter(pk=user_id, groups__store_role__store_id=store_id).first()
    store = Store.objects.filter(pk=store_id).first()
    if user is None or store is None:
        return
    invited_by = User.objects.filter(pk=invited_by_id).first() if invited_by_id else None
    send_staff_invitation(user=user, store=store, invited_by=invited_by)
