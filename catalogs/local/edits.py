"""Checking and writing a local item's columns, and refusing stale edits.

``item_update`` refuses an edit made on a stale copy: the caller hands back the
history id it saw when the item was opened (``portal.audit.last_history_id``).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import audited_delete, audited_save, last_history_id, refuse_stale

from ..channels import unknown_channel_codes, unknown_code_message
from ..columns import EDITABLE, LEVEL_FLAGS, field_label
from ..legalbases import parse_citation
from ..models import (
    Catalog,
    CatalogKind,
    CatalogStatus,
    Item,
    ItemOrigin,
    LegalBasis,
)
from ..timelimits import time_limit_columns


class StaleEditError(ValidationError):
    """An edit based on a copy of the item that has been changed since."""

    def __init__(self, item: Item, latest):
        when = timezone.localtime(latest.history_date).strftime("%Y-%m-%d %H:%M")
        if latest.history_user_id:
            message = _(
                "Item “%(item)s” was changed by %(user)s at %(when)s after you "
                "opened it. Your change was not saved; reload the item and make "
                "your change again."
            ) % {"item": item, "user": latest.history_user, "when": when}
        else:
            message = _(
                "Item “%(item)s” was changed at %(when)s after you opened it. Your "
                "change was not saved; reload the item and make your change again."
            ) % {"item": item, "when": when}
        super().__init__(message, code="stale")


def item_save(item: Item, *, user, reason: str) -> None:
    """Save a local item through the audited save, once it is known to derive only
    from its catalog's own source."""
    check_item_source(item)
    audited_save(item, user=user, reason=reason)


def check_item_source(item: Item) -> None:
    """Refuse an item that derives from a row outside its catalog's own source.

    A local item may only point at an item of the standard its catalog derives
    from, never at another catalog's (or another domain's) row.
    """
    if item.derived_from_id is None:
        return
    source = Item.objects.select_related("catalog").get(pk=item.derived_from_id)
    catalog = Catalog.objects.select_related("derived_from").get(pk=item.catalog_id)
    if catalog.derived_from_id is None:
        refuse(
            "derived_from",
            _(
                "Item “%(item)s” cannot derive from “%(source)s”: its catalog "
                "“%(catalog)s” does not derive from any catalog."
            ),
            item=item,
            source=source,
            catalog=catalog,
        )
    if source.catalog_id != catalog.derived_from_id:
        refuse(
            "derived_from",
            _(
                "Item “%(item)s” cannot derive from “%(source)s” of “%(other)s”: "
                "an item of “%(catalog)s” may only derive from an item of "
                "“%(standard)s”, the catalog it derives from."
            ),
            item=item,
            source=source,
            other=source.catalog,
            catalog=catalog,
            standard=catalog.derived_from,
        )


@transaction.atomic
def item_update(
    *,
    item: Item,
    seen_history_id: int | None,
    changes: dict,
    user=None,
    reason: str = "",
) -> Item:
    """Change an item's columns (see ``EDITABLE``) unless it changed meanwhile.

    ``seen_history_id`` is ``last_history_id(item)`` as it was when the editor
    opened the item; when the item has changed since, ``StaleEditError`` is raised
    and nothing is written.
    """
    current = editable_item(item, seen_history_id, required=True)
    if not changes:
        return current
    bases = apply_columns(current, changes)
    reason = reason or _("Item changed: %(fields)s.") % {
        "fields": ", ".join(field_label(name) for name in changes)
    }
    # Saved even when only the bases change, so the item's history (and the
    # stale-edit token) always moves on with an edit.
    item_save(current, user=user, reason=reason)
    if bases is not None:
        sync_bases(current, bases, user=user, reason=reason)
    return current


@transaction.atomic
def items_update(
    *,
    items: list[Item],
    changes: dict,
    add_channels: list[str] = (),
    seen: dict[int, int | None] | None = None,
    user=None,
    reason: str,
) -> list[Item]:
    """Set the same ``changes`` (and add ``add_channels``) on many items of one
    local catalog, each through ``item_update``: one history record per changed
    item, all with ``reason``. ``seen`` maps an item's pk to its history id when
    the editor chose it; an item changed since is refused. All or nothing: the
    first refusal is raised with the item named, and nothing is written.

    Returns the items that changed (an item already as asked is left alone).
    """
    if not reason.strip():
        refuse("reason", _("Say why the items are changed; the history records it."))
    if len({item.catalog_id for item in items}) > 1:
        refuse(
            "items",
            _("The items belong to several catalogs; change one catalog at a time."),
        )
    changed = []
    for item in items:
        wanted = dict(changes)
        if add_channels:
            wanted["channels"] = [
                *item.channels,
                *(code for code in add_channels if code not in item.channels),
            ]
        wanted = {k: v for k, v in wanted.items() if getattr(item, k) != v}
        if not wanted:
            continue
        history_id = (seen or {}).get(item.pk) or last_history_id(item)
        try:
            changed.append(
                item_update(
                    item=item,
                    seen_history_id=history_id,
                    changes=wanted,
                    user=user,
                    reason=reason,
                )
            )
        except ValidationError as error:
            messages = "; ".join(error.messages)
            raise ValidationError(
                _("Item “%(item)s”: %(message)s") % {"item": item, "message": messages}
            ) from error
    return changed


@transaction.atomic
def item_remove(
    *, item: Item, user=None, reason: str = "", seen_history_id: int | None = None
) -> None:
    """Delete a local supplement or sub-item that has nothing under it."""
    item = editable_item(item, seen_history_id)
    if item.origin == ItemOrigin.DERIVED:
        refuse(
            "origin",
            _(
                "Item “%(item)s” is taken from the standard and cannot be "
                "removed; omit it with a reason instead."
            ),
            item=item,
        )
    if item.children.exists():
        refuse(
            "parent",
            _("Item “%(item)s” has items under it; remove those first."),
            item=item,
        )
    reason = reason or _("Local item removed.")
    for basis in item.bases.all():
        audited_delete(basis, user=user, reason=reason)
    audited_delete(item, user=user, reason=reason)


def refuse(field: str, message: str, **params) -> None:
    raise ValidationError({field: message % params})


def check_local_catalog(catalog: Catalog) -> None:
    if catalog.kind != CatalogKind.LOCAL:
        refuse(
            "catalog",
            _(
                "“%(catalog)s” is a standard catalog; its items are changed only "
                "by issuing a new version."
            ),
            catalog=catalog,
        )
    if catalog.status == CatalogStatus.SUPERSEDED:
        refuse(
            "catalog",
            _(
                "“%(catalog)s” has been superseded by a newer version and can no "
                "longer be changed."
            ),
            catalog=catalog,
        )
    if catalog.status == CatalogStatus.IN_FORCE:
        # What is in force was validated; changes go into a new draft version.
        refuse(
            "catalog",
            _(
                "“%(catalog)s” is in force and can no longer be changed; derive a "
                "new version, change that and put it in force."
            ),
            catalog=catalog,
        )


def editable_item(
    item: Item, seen_history_id: int | None, *, required: bool = False
) -> Item:
    """The item's current row, locked, once it is known to be editable and fresh."""
    current = (
        Item.objects.select_for_update(of=("self",))
        .select_related("catalog__domain", "parent")
        .get(pk=item.pk)
    )
    check_local_catalog(current.catalog)
    if seen_history_id is None and not required:
        return current
    refuse_stale(
        current, seen_history_id, error=lambda latest: StaleEditError(current, latest)
    )
    return current


def apply_columns(
    item: Item, columns: dict, *, known_channels: set[str] | None = None
) -> list[str] | None:
    """Set ``columns`` on ``item``, checking vocabularies; returns new bases, if given.

    ``known_channels``: the vocabulary's codes when the caller has them (a bulk
    import), else they are looked up."""
    errors: dict[str, list[str]] = {}
    for name in columns:
        if name not in EDITABLE:
            errors.setdefault(name, []).append(
                _("The field “%(field)s” cannot be set on a catalog item here.")
                % {"field": name}
            )
    if "name" in columns and item.origin == ItemOrigin.DERIVED:
        errors.setdefault("name", []).append(
            _(
                "Item “%(item)s” is taken from the standard, so its name cannot be "
                "changed; omit it and add a local supplement instead."
            )
            % {"item": item}
        )
    content = columns.get("content")
    if content is not None and (
        not isinstance(content, list | tuple)
        or not all(isinstance(c, str) for c in content)
    ):
        errors.setdefault("content", []).append(
            _("The content elements must be a list of texts.")
        )
    if "channels" in columns:
        codes = columns["channels"]
        if not isinstance(codes, list | tuple) or not all(
            isinstance(c, str) for c in codes
        ):
            errors.setdefault("channels", []).append(
                _("The channels must be a list of channel codes.")
            )
        else:
            for code in unknown_channel_codes(codes, known_channels):
                errors.setdefault("channels", []).append(unknown_code_message(code))
    domain = item.catalog.domain
    for name, flag in LEVEL_FLAGS.items():
        if columns.get(name) and not getattr(domain, flag):
            errors.setdefault(name, []).append(
                _(
                    "The %(domain)s domain is not published at this level, so "
                    "“%(field)s” cannot be ticked."
                )
                % {
                    "domain": domain.name,
                    "field": Item._meta.get_field(name).verbose_name,
                }
            )
    bases = columns.get("bases")
    if bases is not None and (
        not isinstance(bases, list | tuple)
        or not all(isinstance(b, str) for b in bases)
    ):
        errors.setdefault("bases", []).append(
            _("The legal bases must be a list of citations.")
        )
    if errors:
        raise ValidationError(errors)
    for name, value in columns.items():
        if name == "bases":
            continue
        if name == "channels":
            value = list(dict.fromkeys(value))
        elif name == "content":
            value = [text.strip() for text in value if text.strip()]
        if name == "time_limit_text":
            for column, parsed in time_limit_columns(value).items():
                setattr(item, column, parsed)
        else:
            setattr(item, name, value)
    if bases is None:
        return None
    return [" ".join(text.split()) for text in bases if text.strip()]


def sync_bases(item: Item, texts: list[str], *, user, reason: str) -> None:
    """Make the item's legal bases ``texts``, in order, keeping rows that stay."""
    existing = list(item.bases.order_by("position", "pk"))
    by_text: dict[str, list[LegalBasis]] = {}
    for basis in existing:
        by_text.setdefault(basis.text, []).append(basis)
    kept = set()
    for position, text in enumerate(texts):
        reuse = by_text.get(text)
        if reuse:
            basis = reuse.pop(0)
            kept.add(basis.pk)
            if basis.position != position:
                basis.position = position
                audited_save(basis, user=user, reason=reason)
            continue
        citation = parse_citation(text)
        basis = LegalBasis(
            item=item,
            position=position,
            text=citation.text,
            title=citation.title[:300],
            document_no=citation.document_no[:100],
            kind=citation.kind,
            scope=citation.scope,
        )
        audited_save(basis, user=user, reason=reason)
    for basis in existing:
        if basis.pk not in kept:
            audited_delete(basis, user=user, reason=reason)
