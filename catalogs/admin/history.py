"""One page of a catalog's whole history: the catalog, its items and their legal bases.

simple-history shows one object's records at a time; a county editor's work on a
catalog spans dozens of items, so this page merges them, newest first, each with
its user, time, reason and the fields it changed (old → new).
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Page, Paginator
from django.urls import reverse

from ..channels import Vocabulary
from ..models import Catalog, Item, LegalBasis
from ..presentation import show_value

PER_PAGE = 100
# Bookkeeping that changes with every save and says nothing to a reader.
_IGNORED = {"updated_at", "created_at", "position"}


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class Change:
    """One history record, ready to show."""

    when: datetime
    user: object
    action: str
    kind: str
    subject: str
    reason: str
    changes: list[FieldChange]
    history_url: str


def _records(model, queryset, channels: dict[str, str]) -> list[Change]:
    opts = model._meta

    def value(field, raw):
        if field == "channels" and isinstance(raw, list):
            raw = [channels.get(code, code) for code in raw]
        choices = dict(opts.get_field(field).flatchoices or [])
        if choices and not isinstance(raw, list):
            raw = str(choices.get(raw, raw))
        return show_value(raw)

    previous = {}
    changes = []
    for record in queryset.select_related("history_user").order_by("id", "history_id"):
        before = previous.get(record.id)
        previous[record.id] = record
        fields = []
        if before is not None and record.history_type == "~":
            delta = record.diff_against(before, excluded_fields=_IGNORED)
            fields = [
                FieldChange(
                    str(opts.get_field(change.field).verbose_name),
                    value(change.field, change.old),
                    value(change.field, change.new),
                )
                for change in delta.changes
            ]
        changes.append(
            Change(
                when=record.history_date,
                user=record.history_user,
                action=record.get_history_type_display(),
                kind=str(opts.verbose_name),
                subject=str(record.instance),
                reason=record.history_change_reason or "",
                changes=fields,
                history_url=reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_history",
                    args=[record.id],
                ),
            )
        )
    return changes


def catalog_changes(catalog: Catalog) -> list[Change]:
    """Every history record of the catalog, its items and their bases, newest first."""
    item_ids = Item.history.filter(catalog_id=catalog.pk).values("id")
    names = Vocabulary.load().names
    changes = (
        _records(Catalog, Catalog.history.filter(id=catalog.pk), names)
        + _records(Item, Item.history.filter(catalog_id=catalog.pk), names)
        + _records(LegalBasis, LegalBasis.history.filter(item_id__in=item_ids), names)
    )
    changes.sort(key=lambda change: change.when, reverse=True)
    return changes


def catalog_changes_page(catalog: Catalog, number) -> Page:
    return Paginator(catalog_changes(catalog), PER_PAGE).get_page(number)
