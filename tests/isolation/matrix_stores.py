"""What the matrix adds to the two filled stores, the ids and words of each, and the
fingerprint of store B that no request of store A's staff may change."""

from dataclasses import dataclass, field
from datetime import timedelta

import wagtail_factories
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone
from taggit.models import Tag
from wagtail.admin.models import EditingSession
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Page,
    PageViewRestriction,
    Revision,
    Site,
    Task,
    TaskState,
    UploadedFile,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)
from wagtail.snippets.models import get_snippet_models

from crm_bridge.models import Client, Ticket
from shop.models import (
    BackInStockRequest,
    Campaign,
    CampaignProduct,
    ContactFormField,
    ContactPage,
    ContactSubmission,
    DiscountCode,
    ImportJob,
    Invoice,
    NewsletterSubscriber,
    Order,
    OrderLine,
    Product,
    ProductTag,
    ProductVariant,
    Promotion,
    ShippingRate,
    ShippingZone,
    StockLevel,
    StockMovement,
    StoreMenu,
    StorePage,
    StoreSettings,
)
from shop.services import mark_paid, set_product_tags
from tenancy.scope import all_stores
from tenants.invitations import invite_staff
from tenants.models import EmailChange, StaffInvitation, Store
from tenants.roles import Role
from tests.isolation.url_matrix import model_kind
from tests.stores import StoreData
from tests.tenants.factories import owner_of, role_group
from themes.models import StoreTheme
from themes.services import publish_theme

Image = get_image_model()
Document = get_document_model()

# Roles a store's staff can hold. Each role of store A runs the whole matrix.
ROLES = list(Role)


@dataclass
class Side:
    """One store's rows, ids by kind, and the words that would betray them."""

    data: StoreData
    markers: list[str]
    objects: dict[str, object] = field(default_factory=dict)  # kind -> pk (or value)
    # Pages with a revision each: (page id, revision id, first revision id), the page in
    # moderation first.
    subjects: list[tuple[int, int, int]] = field(default_factory=list)
    baseline: dict | None = None  # its ``fingerprint`` once populated

    @property
    def store(self):
        return self.data.store

    def value(self, kind, subject):
        page_id, revision_id, first_revision_id = subject
        if kind == "page":
            return page_id
        if kind == "revision":
            return revision_id
        if kind == "first_revision":
            return first_revision_id
        if kind not in self.objects:
            raise LookupError(f"store {self.store.slug} has no object of kind {kind!r}")
        return self.objects[kind]


def _page_with_revisions(page, owner, titles, *, schedule_last=False):
    """Publish one revision per title; schedule the last one a month ahead if asked."""
    revisions = []
    for index, title in enumerate(titles):
        page = Page.objects.get(pk=page.pk).specific
        page.title = title
        last = index == len(titles) - 1
        if schedule_last and last:
            page.go_live_at = timezone.now() + timedelta(days=30)
        revision = page.save_revision(user=owner, log_action=True)
        revision.publish(user=owner)
        revisions.append(revision)
    return revisions


def _theme_with_revisions(store, owner, prefix):
    """The store's theme: published, then a draft, then a version scheduled a month ahead
    (the latest, which locks the theme until it goes live); locked by its owner too."""
    theme = StoreTheme.objects.get(site=store.site)
    theme.tagline = f"{prefix} lamps since 1999"
    published = publish_theme(theme=theme, user=owner)
    theme.tagline = f"{prefix} Draft Tagline"
    draft = theme.save_revision(user=owner, log_action=True)
    theme.tagline = f"{prefix} Winter Tagline"
    theme.go_live_at = timezone.now() + timedelta(days=30)
    scheduled = theme.save_revision(user=owner, log_action=True)
    scheduled.publish(user=owner)
    StoreTheme.objects.filter(pk=theme.pk).update(
        locked=True, locked_by=owner, locked_at=timezone.now()
    )
    return [published, draft, scheduled]


def _promotion_with_revisions(store, owner, prefix):
    """A code promotion: published, then a draft of a new name; with a code."""
    promotion = Promotion.objects.create(
        site=store.site, name=f"{prefix} Secret Promotion", method="code", value=10, live=False
    )
    published = promotion.save_revision(user=owner, log_action=True)
    published.publish(user=owner)
    promotion.name = f"{prefix} Draft Promotion"
    draft = promotion.save_revision(user=owner, log_action=True)
    DiscountCode.objects.create(site=store.site, promotion=promotion, code=f"{prefix}SECRETCODE")
    return [published, draft]


def fill_more(data: StoreData, prefix: str) -> Side:
    """Everything a store has besides what ``fill_store`` made: draft, scheduled and
    moderated pages, several revisions, a locked page, a document, tags (of media and of
    products), settings, a redirect, a workflow, an editing session and pending uploads."""
    store, owner, home, slug = data.store, data.owner, data.home, data.store.slug
    owner.first_name, owner.last_name = f"{prefix}ina", "Storekeeper"
    owner.save()
    image_type = ContentType.objects.get_for_model(Image)
    document_type = ContentType.objects.get_for_model(Document)

    home_revisions = _page_with_revisions(home, owner, [store.name])
    category_revisions = _page_with_revisions(
        data.category,
        owner,
        [f"{prefix} Early Shelf Name", f"{prefix} Lamps Shelf", f"{prefix} Scheduled Shelf"],
        schedule_last=True,
    )
    draft = home.add_child(
        instance=StorePage(title=f"{prefix} Unpublished Draft", slug="draft", live=False)
    )
    draft_revision = draft.save_revision(user=owner, log_action=True)
    Page.objects.filter(pk=draft.pk).update(locked=True, locked_by=owner, locked_at=timezone.now())
    product_revision = data.product_page.get_latest_revision()
    contact = home.add_child(
        instance=ContactPage(
            title=f"{prefix} Contact Desk",
            slug="contact",
            form_fields=[ContactFormField(label="Message", field_type="multiline")],
        )
    )
    contact_revision = contact.save_revision(user=owner, log_action=True)
    contact_revision.publish(user=owner)
    ContactSubmission.objects.create(
        page=contact, form_data={"message": f"{prefix} whispered contact message"}
    )
    menu = StoreMenu.objects.create(
        site=store.site,
        location=StoreMenu.Location.HEADER,
        links=[
            {
                "type": "link",
                "value": {"page": data.category.pk, "label": f"{prefix} Hidden Menu Label"},
            }
        ],
    )
    zone = ShippingZone.objects.create(
        site=store.site, name=f"{prefix} Secret Zone", countries=["NO"], postal_codes="90"
    )
    ShippingRate.objects.create(zone=zone, name=f"{prefix} Secret Rate", price="7.00")

    task = GroupApprovalTask.objects.create(name=f"{store.name} approval")
    task.groups.set([role_group(store, Role.OWNER)])
    workflow = Workflow.objects.create(name=f"{store.name} review")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=home)
    pending = home.add_child(
        instance=StorePage(title=f"{prefix} Pending Approval", slug="pending", live=False)
    )
    pending_revision = pending.save_revision(user=owner, log_action=True)
    workflow_state = workflow.start(pending, owner)

    document = wagtail_factories.DocumentFactory(
        collection=store.collection, title=f"{prefix} Price List"
    )
    tag = f"{prefix.lower()}-secret-tag"
    data.image.tags.add(tag)
    document.tags.add(tag)
    product_tag = f"{prefix} secret product tag"
    set_product_tags(product=data.product, names=[product_tag])
    StoreSettings.objects.filter(site=store.site).update(
        contact_email=f"hello@{prefix.lower()}-secret.test"
    )
    theme_revisions = _theme_with_revisions(store, owner, prefix)
    promotion_revisions = _promotion_with_revisions(store, owner, prefix)
    redirect = Redirect.objects.create(
        site=store.site, old_path=f"/{prefix.lower()}-secret-old-path", redirect_link="/"
    )
    session = EditingSession.objects.create(
        user=owner,
        content_type=ContentType.objects.get_for_model(Page),
        object_id=str(data.category.pk),
        last_seen_at=timezone.now(),
        is_editing=True,
    )
    invitation = invite_staff(
        store=store, email=f"{slug}-invitee@example.test", role=Role.EDITOR, invited_by=owner
    )
    import_job = ImportJob.objects.create(
        site=store.site,
        file_name=f"{prefix.lower()}-secret-catalog.csv",
        content=f"Handle,Title\n{prefix.lower()}-secret-handle,{prefix} Secret Import\n",
        status=ImportJob.Status.PLANNED,
        report={
            "ok": True,
            "summary": {},
            "created": [
                {"handle": "x", "title": f"{prefix} Secret Import", "rows": "2", "changes": []}
            ],
        },
        created_by=owner,
    )
    mark_paid(order=data.order, user=owner, via="bank_transfer")  # issues its invoice
    invoice = Invoice.objects.get(order=data.order)
    campaign = Campaign.objects.create(
        site=store.site,
        name=f"{prefix} Secret Campaign",
        starts_at=timezone.now() + timedelta(days=30),
        ends_at=timezone.now() + timedelta(days=31),
    )
    CampaignProduct.objects.create(campaign=campaign, product=data.product, visible=False)
    uploads = {
        kind: UploadedFile.objects.create(
            file=ContentFile(b"GIF89a", name=f"{slug}-upload.gif"),
            for_content_type=content_type,
            uploaded_by_user=owner,
        )
        for kind, content_type in (("upload:image", image_type), ("upload:document", document_type))
    }

    markers = [
        *data.markers,
        f"{owner.first_name} {owner.last_name}",
        f"{prefix} Early Shelf Name",
        f"{prefix} Scheduled Shelf",
        draft.title,
        pending.title,
        contact.title,
        f"{prefix} whispered contact message",
        f"{prefix} Hidden Menu Label",
        document.title,
        tag,
        product_tag,
        f"hello@{prefix.lower()}-secret.test",
        f"{prefix} lamps since 1999",
        f"{prefix} Draft Tagline",
        f"{prefix} Winter Tagline",
        f"{prefix} Secret Promotion",
        f"{prefix} Draft Promotion",
        f"{prefix.upper()}SECRETCODE",
        redirect.old_path.strip("/"),
        role_group(store, Role.OWNER).name,
        store.site.hostname,
        invitation.email,
        import_job.file_name,
        f"{prefix} Secret Import",
        f"{prefix} Secret Campaign",
    ]
    objects = {
        "destination": home.pk,
        "task_state": workflow_state.current_task_state.pk,
        "workflow_state": workflow_state.pk,
        "task": task.pk,
        "workflow": workflow.pk,
        "image": data.image.pk,
        "document": document.pk,
        "collection": store.collection.pk,
        "redirect": redirect.pk,
        "editing_session": session.pk,
        "site": store.site.pk,
        "user": owner.pk,
        "group": role_group(store, Role.OWNER).pk,
        "store": store.pk,
        "invitation": invitation.pk,
        "import_job": import_job.pk,
        "campaign": campaign.pk,
        **{kind: upload.pk for kind, upload in uploads.items()},
        model_kind(Page): data.category.pk,
        model_kind(StoreMenu): menu.pk,
        model_kind(ShippingZone): zone.pk,
        model_kind(Invoice): invoice.pk,
        model_kind(Image): data.image.pk,
        model_kind(Document): document.pk,
        model_kind(User): owner.pk,
        **{model_kind(model): model.objects.get(site=store.site).pk for model in settings_registry},
        model_kind(StoreTheme): theme_revisions[0].object_id,
        "theme_first_revision": theme_revisions[0].pk,
        "theme_revision": theme_revisions[-1].pk,
        model_kind(Promotion): promotion_revisions[0].object_id,
        "promotion_first_revision": promotion_revisions[0].pk,
        "promotion_revision": promotion_revisions[-1].pk,
        **{
            model_kind(model): data.row(model).pk
            for model in get_snippet_models()
            if model
            in (
                Product,
                Order,
                Client,
                Ticket,
                StockLevel,
                StockMovement,
                NewsletterSubscriber,
                BackInStockRequest,
            )
        },
    }
    subjects = [
        (pending.pk, pending_revision.pk, pending_revision.pk),
        *[
            (data.category.pk, revision.pk, category_revisions[0].pk)
            for revision in category_revisions
        ],
        (draft.pk, draft_revision.pk, draft_revision.pk),
        (contact.pk, contact_revision.pk, contact_revision.pk),
        (data.product_page.pk, product_revision.pk, product_revision.pk),
        (home.pk, home_revisions[0].pk, home_revisions[0].pk),
    ]
    return Side(data, markers, objects, subjects)


def member_of(store, role):
    """A user holding ``role`` in ``store``: the owner ``create_store`` made, or the
    member the ``matrix_stores`` fixture added to the role's group."""
    if role == Role.OWNER:
        return owner_of(store)
    return role_group(store, role).user_set.get()


# --- What must not change -----------------------------------------------------------

COUNTED = [
    Page,
    ContactSubmission,
    StoreMenu,
    ShippingZone,
    ShippingRate,
    Promotion,
    DiscountCode,
    Revision,
    PageViewRestriction,
    CollectionViewRestriction,
    Image,
    Document,
    Collection,
    Tag,
    Product,
    ProductVariant,
    Order,
    OrderLine,
    Invoice,
    StockLevel,
    StockMovement,
    NewsletterSubscriber,
    ImportJob,
    BackInStockRequest,
    Client,
    Ticket,
    StoreTheme,
    User,
    Group,
    Site,
    Store,
    StaffInvitation,
    EmailChange,
    Redirect,
    Workflow,
    Task,
    WorkflowPage,
    WorkflowState,
    TaskState,
    GroupPagePermission,
    GroupCollectionPermission,
    GroupSitePermission,
]


def fingerprint(side):
    """Store B's rows as they are, and how many rows of every kind exist anywhere."""
    with all_stores():  # the test's own look across both stores
        return _rows_and_counts(side)


def _rows_and_counts(side):
    store, site = side.store, side.store.site
    tree = Page.objects.filter(path__startswith=site.root_page.path)
    owner = side.data.owner
    return {
        "pages": list(tree.order_by("path").values()),
        "revisions": list(
            Revision.page_revisions.filter(
                object_id__in=[str(pk) for pk in tree.values_list("pk", flat=True)]
            )
            .order_by("pk")
            .values_list("pk", "approved_go_live_at")
        ),
        "states": list(WorkflowState.objects.order_by("pk").values_list("pk", "status")),
        "task_states": list(TaskState.objects.order_by("pk").values_list("pk", "status")),
        "images": list(Image.objects.filter(collection=store.collection).values()),
        "documents": list(Document.objects.filter(collection=store.collection).values()),
        "tags": sorted(Tag.objects.values_list("name", flat=True)),
        "collection": list(Collection.objects.filter(pk=store.collection.pk).values()),
        "rows": [
            list(model.objects.filter(site=site).order_by("pk").values())
            for model in (
                Product,
                ProductTag,
                ProductVariant,
                Order,
                Invoice,
                StockLevel,
                StockMovement,
                NewsletterSubscriber,
                ImportJob,
                BackInStockRequest,
                Client,
                Ticket,
                StoreMenu,
                ShippingZone,
                Promotion,
                DiscountCode,
            )
        ],
        "rates": list(ShippingRate.objects.filter(zone__site=site).order_by("pk").values()),
        "lines": list(OrderLine.objects.filter(order__site=site).values()),
        "product_tags": list(
            Product.tags.through.objects.filter(product__site=site).order_by("pk").values()
        ),
        "settings": [list(model.objects.filter(site=site).values()) for model in settings_registry],
        "theme": list(StoreTheme.objects.filter(site=site).values()),
        "theme_revisions": list(
            Revision.objects.filter(
                content_type__app_label="themes",
                object_id__in=[
                    str(pk)
                    for pk in StoreTheme.objects.filter(site=site).values_list("pk", flat=True)
                ],
            )
            .order_by("pk")
            .values_list("pk", "approved_go_live_at", "content")
        ),
        "owner": list(User.objects.filter(pk=owner.pk).values()),
        "owner_groups": list(owner.groups.values_list("pk", flat=True)),
        "group": list(Group.objects.filter(pk=role_group(store, Role.OWNER).pk).values("name")),
        "group_permissions": sorted(
            role_group(store, Role.OWNER).permissions.values_list("pk", flat=True)
        ),
        "site": list(Site.objects.filter(pk=site.pk).values()),
        "store": list(Store.objects.filter(pk=store.pk).values()),
        "invitations": list(StaffInvitation.objects.filter(store=store).values()),
        "redirects": list(Redirect.objects.filter(site=site).values()),
        "workflows": list(Workflow.objects.values_list("pk", "name", "active")),
        "tasks": list(Task.objects.values_list("pk", "name", "active")),
        "sessions": list(EditingSession.objects.filter(user=owner).values()),
        "uploads": list(UploadedFile.objects.filter(uploaded_by_user=owner).values()),
        "counts": {model.__name__: model.objects.count() for model in COUNTED},
    }
