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

The store's collection is kept on ``tenants.Store``, and this layer imports no app of ours.
Whoever knows it answers the ``STORE_COLLECTION_HOOK`` Wagtail hook (``tenants`` does, in
its ``wagtail_hooks``): the dependency stays pointed at ``tenancy``, and without an answer
no image or document belongs to the site, so the check fails closed. The admin forms that
run the checks are in ``tenancy.forms``.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache, partial

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Model
from django.utils.text import capfirst
from wagtail import blocks, hooks
from wagtail.models import Collection, CollectionMember, Page, Site
from wagtail.rich_text import features
from wagtail.rich_text.rewriters import FIND_A_TAG, FIND_EMBED_TAG, extract_attrs

# Hook answering ``fn(site) -> Collection | None``: the collection holding the images and
# documents of the store that ``site`` is. The first answer that is not None counts.
STORE_COLLECTION_HOOK = "get_store_collection"

PLACE_SEPARATOR = " › "

# A row as the checks compare it: the model of its kind and its primary key, as a Python
# value (None when the id cannot be one).
RowKey = tuple[type[Model], object]


@dataclass(frozen=True)
class Choice:
    """A row named by content: its model, its primary key, and where it was chosen.

    ``where`` spells the place for an editor: the labels of the field and of the blocks
    leading to the choice. ``block_index`` is the position, in a StreamField, of the
    top-level block holding the choice.
    """

    model: type[Model]
    pk: str
    where: str
    block_index: int | None = None

    @property
    def key(self) -> RowKey:
        return row_key(self.model, self.pk)

    def describe(self) -> str:
        return f"{self.where}: {not_of_this_store(self.model, self.pk, sentence=False)}"


def row_key(model: type[Model], pk) -> RowKey:
    """Every page type counts as a page; "07" and 7 name the same row."""
    kind = Page if issubclass(model, Page) else model
    try:
        return kind, kind._meta.pk.to_python(pk)
    except ValidationError:
        return kind, None


def not_of_this_store(model: type[Model], pk, *, sentence: bool = True) -> str:
    """The error for a chosen row of ``model`` that is not the store's. It names the id
    only: the row's title is another store's business."""
    meta = row_key(model, pk)[0]._meta
    noun = capfirst(meta.verbose_name) if sentence else meta.verbose_name
    return f"{noun} {pk} is not one of this store's {meta.verbose_name_plural}."


# --- Listing the chosen rows --------------------------------------------------------------


def choices_in_field(field, value) -> Iterator[Choice]:
    """The rows that ``value`` of the model field ``field`` names.

    A foreign key names one row; a StreamField names those of its blocks, a RichTextField
    those linked or embedded in its text. Raises ValidationError for content whose
    references cannot be read.
    """
    if value is None or value == "":
        return
    label = capfirst(field.verbose_name)
    if isinstance(value, blocks.StreamValue):
        for index, child in enumerate(value):
            for choice in choices_in_block(child.block, child.value, label=label):
                yield replace(choice, block_index=index)
    elif hasattr(field, "extract_references"):
        for model, pk, _model_path, _content_path in _references(field, value, label):
            yield Choice(model, str(pk), label)
    elif field.is_relation and (field.many_to_one or field.one_to_one):
        yield Choice(field.related_model, str(getattr(value, "pk", value)), label)


def choices_in_block(block, value, *, label: str = "") -> Iterator[Choice]:
    """The rows a block's value names, through every child block and rich text.

    ``where`` starts with ``label`` and the block's own label, then those of the children
    leading to the choice.
    """
    where = [label] if label else []
    if block.label:
        where.append(str(block.label))
    for model, pk, model_path, _content_path in _references(block, value, *where):
        place = PLACE_SEPARATOR.join([*where, *_block_labels(block, model_path)])
        yield Choice(model, str(pk), place)


def _references(source, value, *where: str) -> list[tuple]:
    """``source.extract_references(value)``, read in full.

    Raises ValidationError for rich text holding a link or embed without its id (only a
    hand-made request sends one): Wagtail's handlers cannot read it, and neither can the
    reference index when the content is saved.
    """
    try:
        return list(source.extract_references(value))
    except KeyError as error:
        place = PLACE_SEPARATOR.join(where)
        raise ValidationError(
            f"{place}: a link or an embed names no page, image or document."
        ) from error


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


# --- Checking them ------------------------------------------------------------------------


def foreign_choices(choices: Iterable[Choice], *, site: Site) -> list[Choice]:
    """The choices naming a row that is not ``site``'s, in the order given."""
    choices = list(choices)
    ids_by_kind = defaultdict(set)
    for kind, pk in (choice.key for choice in choices):
        ids_by_kind[kind].add(pk)
    collection = cache(partial(store_collection, site))
    foreign = set()
    for kind, ids in ids_by_kind.items():
        refused = _foreign_ids(kind, ids, site=site, collection=collection)
        foreign |= {(kind, pk) for pk in refused}
    return [choice for choice in choices if choice.key in foreign]


def _foreign_ids(kind: type[Model], ids: set, *, site: Site, collection) -> set:
    """Of ``ids`` (None for one that cannot be a primary key), those to refuse.
    ``collection()`` answers the store's collection."""
    valid = ids - {None}
    if is_site_owned(kind):
        own = kind.objects.filter(pk__in=valid, site_id=site.pk).values_list("pk", flat=True)
        return ids - set(own) if valid else ids
    if not valid:
        return set()
    if kind is Page:
        outside = Page.objects.filter(pk__in=valid).exclude(path__startswith=site.root_page.path)
        return set(outside.values_list("pk", flat=True))
    if issubclass(kind, CollectionMember):
        outside = kind.objects.filter(pk__in=valid)
        if collection() is not None:
            outside = outside.exclude(collection__path__startswith=collection().path)
        return set(outside.values_list("pk", flat=True))
    return set()


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


# --- Showing a refused value without the refused rows ------------------------------------


def value_without(field, value, refused: set[RowKey]):
    """``value`` of ``field`` with the ``refused`` rows taken out, for showing the form
    again: the admin's choosers and rich text editor would otherwise display the other
    store's titles, addresses and file names.

    Choosers are emptied, links to refused rows lose their target and refused embeds are
    dropped; everything else, including the order and ids of blocks, stays as it was, so
    errors placed on blocks still point at the right ones.
    """
    if isinstance(value, blocks.StreamValue):
        block = value.stream_block
        return block.to_python(block_raw_without(block, block.get_prep_value(value), refused))
    if hasattr(field, "extract_references"):
        return rich_text_without(value, refused)
    return None


def block_raw_without(block, raw, refused: set[RowKey]):
    """``raw``, a block's value in its JSON form, with the ``refused`` rows taken out."""
    if isinstance(block, blocks.ChooserBlock):
        return None if raw is not None and row_key(block.model_class, raw) in refused else raw
    if isinstance(block, blocks.RichTextBlock):
        return rich_text_without(raw, refused)
    if isinstance(block, (blocks.StreamBlock, blocks.ListBlock)) and isinstance(raw, list):
        return [_item_without(block, item, refused) for item in raw]
    if isinstance(block, blocks.StructBlock) and isinstance(raw, dict):
        children = block.child_blocks
        return {
            name: block_raw_without(children[name], value, refused) if name in children else value
            for name, value in raw.items()
        }
    return raw


def _item_without(block, item, refused: set[RowKey]):
    if not isinstance(item, dict) or "value" not in item:
        return item
    if isinstance(block, blocks.ListBlock):
        child = block.child_block
    else:
        child = block.child_blocks.get(item.get("type"))
    if child is None:
        return item
    return {**item, "value": block_raw_without(child, item["value"], refused)}


def rich_text_without(html: str, refused: set[RowKey]) -> str:
    """Rich text (database format) with links to ``refused`` rows unlinked and embeds of
    them removed."""
    link_types, embed_types = features.get_link_types(), features.get_embed_types()
    html = FIND_A_TAG.sub(
        lambda tag: "<a>" if _names_refused(tag, link_types, "linktype", refused) else tag[0],
        html or "",
    )
    return FIND_EMBED_TAG.sub(
        lambda tag: "" if _names_refused(tag, embed_types, "embedtype", refused) else tag[0],
        html,
    )


def _names_refused(tag, handlers, type_attribute: str, refused: set[RowKey]) -> bool:
    attrs = extract_attrs(tag[1])
    handler = handlers.get(attrs.get(type_attribute))
    if handler is None or "id" not in attrs:
        return False
    references = handler.extract_references(attrs)
    return any(row_key(model, pk) in refused for model, pk, *_ in references)
