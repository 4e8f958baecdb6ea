"""Rows chosen into a store's content must be rows of that store.

Page bodies, page foreign keys, a product's images and site settings name pages, images,
documents and store-owned rows (products) by id. The admin choosers offer only the
editor's own store, but a forged request can send any id, so every save checks the ids
themselves. A chosen row belongs to a site when it is:

- a page of the site's tree (its root page or a page below it);
- an image or document (a Wagtail ``CollectionMember``) in the store's collection or one of
  its descendants;
- a row with a ``site`` foreign key to ``wagtailcore.Site`` (a product: every store-owned
  row has one), of the same site.

Chosen rows are listed with Wagtail's ``extract_references``, the walk its reference index
makes: it follows StructBlock, ListBlock and StreamBlock children, chooser blocks, and the
page links, document links and image embeds of rich text, without a query. The ids are
then checked in one query per kind of row, whatever the number of blocks that name them.

Pages, images and documents are refused when they exist outside the store; an id that
matches no row is one of Wagtail's broken links (its page or image was deleted) and names
nothing. Store-owned rows are accepted only when found, with the site filter, through the
model's default manager, so an admin request's store scope applies on top.

The store's collection is kept on ``tenants.Store``, and this app imports nothing of ours.
Whoever knows it answers the ``STORE_COLLECTION_HOOK`` Wagtail hook (``tenants`` does, in
its ``wagtail_hooks``): the dependency stays pointed at ``themes``, and without an answer
no image or document belongs to the site, so the check fails closed.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Model
from wagtail import hooks
from wagtail.models import Collection, CollectionMember, Page, Site

# Hook answering ``fn(site) -> Collection | None``: the collection holding the images and
# documents of the store that ``site`` is. The first answer that is not None counts.
STORE_COLLECTION_HOOK = "get_store_collection"

PLACE_SEPARATOR = " › "


@dataclass(frozen=True)
class Choice:
    """A row named by content: its model, its primary key, and where it was chosen.

    ``where`` spells the place for an editor: the labels of the field and of the blocks
    leading to the choice.
    """

    model: type[Model]
    pk: str
    where: str

    @property
    def kind(self) -> type[Model]:
        """The model whose rows share one check (every page type counts as a page)."""
        return Page if issubclass(self.model, Page) else self.model

    def describe(self) -> str:
        noun = self.kind._meta.verbose_name
        return f"{self.where}: {noun} {self.pk} is not one of this store's {plural(self.kind)}."


def plural(model: type[Model]) -> str:
    return str(model._meta.verbose_name_plural)


def choices_in_field(field, value) -> Iterator[Choice]:
    """The rows that ``value`` of the model field ``field`` names.

    A foreign key names one row; a field with ``extract_references`` (StreamField,
    RichTextField) names those of its blocks and rich text.
    """
    if value is None or value == "":
        return
    label = str(field.verbose_name).capitalize()
    if hasattr(field, "extract_references"):
        stream_block = getattr(field, "stream_block", None)
        for model, pk, model_path, _content_path in field.extract_references(value):
            where = _block_labels(stream_block, model_path) if stream_block else []
            yield Choice(model, str(pk), PLACE_SEPARATOR.join([label, *where]))
    elif field.is_relation and (field.many_to_one or field.one_to_one):
        yield Choice(field.related_model, str(getattr(value, "pk", value)), label)


def choices_in_block(block, value, *, label: str = "") -> Iterator[Choice]:
    """The rows a block's value names, through every child block and rich text."""
    for model, pk, model_path, _content_path in block.extract_references(value):
        where = [label] if label else []
        where += _block_labels(block, model_path)
        yield Choice(model, str(pk), PLACE_SEPARATOR.join(where))


def _block_labels(block, model_path: str) -> list[str]:
    """Labels of the blocks along a reference's model path ("hero.button.page")."""
    labels = []
    for name in model_path.split(".") if model_path else []:
        children = getattr(block, "child_blocks", None)
        if children is not None and name in children:
            block = children[name]
            labels.append(str(block.label))
        elif name == "item" and hasattr(block, "child_block"):
            block = block.child_block
        else:
            break
    return labels


def foreign_choices(choices: Iterable[Choice], *, site: Site) -> list[Choice]:
    """The choices naming a row that is not ``site``'s, in the order given."""
    choices = list(choices)
    ids_by_kind = defaultdict(set)
    for choice in choices:
        ids_by_kind[choice.kind].add(choice.pk)
    foreign = set()
    for kind, ids in ids_by_kind.items():
        foreign |= {(kind, pk) for pk in _foreign_ids(kind, ids, site=site)}
    return [choice for choice in choices if (choice.kind, choice.pk) in foreign]


def check_choices(choices: Iterable[Choice], *, site: Site) -> None:
    """Raise ValidationError naming every choice of a row that is not ``site``'s."""
    foreign = foreign_choices(choices, site=site)
    if foreign:
        raise ValidationError([choice.describe() for choice in foreign])


def _foreign_ids(kind: type[Model], ids: set[str], *, site: Site) -> set[str]:
    ids = _valid_ids(kind, ids)
    if not ids:
        return set()
    if kind is Page:
        outside = Page.objects.filter(pk__in=ids).exclude(path__startswith=site.root_page.path)
        return _as_strings(outside.values_list("pk", flat=True))
    if issubclass(kind, CollectionMember):
        outside = kind.objects.filter(pk__in=ids)
        collection = store_collection(site)
        if collection is not None:
            outside = outside.exclude(collection__path__startswith=collection.path)
        return _as_strings(outside.values_list("pk", flat=True))
    if is_site_owned(kind):
        own = kind.objects.filter(pk__in=ids, site_id=site.pk).values_list("pk", flat=True)
        return {str(pk) for pk in ids} - _as_strings(own)
    return set()


def _valid_ids(model: type[Model], ids: set[str]) -> set:
    """The ids that can be primary keys of ``model`` (rich text may carry anything)."""
    valid = set()
    for pk in ids:
        try:
            valid.add(model._meta.pk.to_python(pk))
        except ValidationError:
            continue
    return valid


def _as_strings(values) -> set[str]:
    return {str(value) for value in values}


def is_site_owned(model: type[Model]) -> bool:
    """Whether rows of ``model`` belong to one site through a ``site`` foreign key."""
    try:
        field = model._meta.get_field("site")
    except FieldDoesNotExist:
        return False
    return field.many_to_one and field.related_model is Site


def store_collection(site: Site) -> Collection | None:
    """The collection of the store ``site`` is, as the ``STORE_COLLECTION_HOOK`` answers."""
    for answer in hooks.get_hooks(STORE_COLLECTION_HOOK):
        collection = answer(site)
        if collection is not None:
            return collection
    return None
