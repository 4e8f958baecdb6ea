"""What the surfaces' tests add to the two filled stores, and how they find it again.

Each store gets a document, tags on its image and document, a locked page, a workflow of
its own and a draft page waiting in a review task that both stores' staff groups may act
on. An agent owns both stores.
"""

from dataclasses import replace
from typing import NamedTuple

from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.log_actions import log
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

from tenants.roles import Role
from tests.shop.factories import CategoryPageFactory, DocumentFactory
from tests.tenants.factories import UserFactory, role_group

AGENT = "agent@two-stores.test"


class Surfaces(NamedTuple):
    agent: object
    alpha: object
    beta: object


def add_surfaces(alpha, beta) -> Surfaces:
    """The agent, the shared review, and each store's surfaces; the stores' data come back
    with the words of what was added among their markers."""
    agent = UserFactory(username=AGENT, email=AGENT)
    agent.groups.add(role_group(alpha.store, Role.OWNER), role_group(beta.store, Role.OWNER))
    review = _shared_review([alpha, beta])
    alpha_markers = _add_store_surfaces(alpha, prefix="Alpha", review=review, agent=agent)
    beta_markers = _add_store_surfaces(beta, prefix="Beta", review=review, agent=agent)
    return Surfaces(
        agent,
        replace(alpha, markers=alpha.markers + alpha_markers),
        replace(beta, markers=beta.markers + beta_markers),
    )


def _shared_review(stores):
    """A review workflow on both stores' home pages, done by either store's staff."""
    task = GroupApprovalTask.objects.create(name="Store staff review")
    task.groups.set([role_group(data.store, Role.OWNER) for data in stores])
    workflow = Workflow.objects.create(name="Store review")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for data in stores:
        WorkflowPage.objects.create(page=data.home, workflow=workflow)
    return workflow


def _own_workflow(data, prefix):
    task = GroupApprovalTask.objects.create(name=f"{prefix} desk check")
    task.groups.set([role_group(data.store, Role.OWNER)])
    workflow = Workflow.objects.create(name=f"{prefix} sign-off")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(page=data.category, workflow=workflow)


def _add_store_surfaces(data, *, prefix, review, agent):
    """The store's document, tags, locks, edits and a draft in review; returns its markers."""
    document = DocumentFactory(collection=data.store.collection, title=f"{prefix} Price List")
    draft = CategoryPageFactory(parent=data.home, title=f"{prefix} Draft Lantern", live=False)
    draft.save_revision(user=data.owner)
    review.start(draft, data.owner)
    _own_workflow(data, prefix)
    now = timezone.now()
    Page.objects.filter(pk=data.category.pk).update(
        owner=data.owner, locked=True, locked_by=data.owner, locked_at=now
    )
    Page.objects.filter(pk=data.product_page.pk).update(locked=True, locked_by=agent, locked_at=now)
    log(instance=data.product_page, action="wagtail.edit", user=agent)
    data.image.tags.add(f"{prefix.lower()}-lamp-tag")
    document.tags.add(f"{prefix.lower()}-price-tag")
    return [
        f"{prefix.lower()}-lamp-tag",
        f"{prefix.lower()}-price-tag",
        document.title,
        draft.title,
        f"{prefix} sign-off",
        f"{prefix} desk check",
        data.store.collection.name,
    ]


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def draft_of(data):
    """The store's draft waiting in the shared review."""
    return Page.objects.get(path__startswith=data.home.path, title__endswith="Draft Lantern")


def document_of(data):
    return get_document_model().objects.get(collection=data.store.collection)


def media_of(data, kind):
    """The store's image (``kind`` "images") or document ("documents")."""
    return data.image if kind == "images" else document_of(data)
