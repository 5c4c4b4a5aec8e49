"""Writes for catalogs: vocabularies, new catalog versions from read data."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from portal.audit import audited_bulk_create, audited_save, model_update

from .channels import unknown_channel_codes, unknown_code_message
from .columns import LEVEL_FLAGS
from .folding import normalise_name
from .layout.rows import CatalogData, CatalogDataError, ItemData, RowError
from .legalbases import parse_citation
from .models import (
    Catalog,
    CatalogKind,
    CatalogStatus,
    Channel,
    Domain,
    Item,
    ItemOrigin,
    LegalBasis,
)
from .timelimits import time_limit_columns


def domain_upsert(
    *, key: str, name: str, position: int, levels: dict, user=None
) -> Domain:
    values = {
        "name": name,
        "position": position,
        "has_county_level": levels.get("county", True),
        "has_township_level": levels.get("township", True),
        "has_village_level": levels.get("village", True),
    }
    domain = Domain.objects.filter(key=key).first() or Domain(key=key)
    # Saved only when something differs, so reloading adds no history.
    return model_update(
        instance=domain, data=values, user=user, reason=_("Domain loaded.")
    )[0]


def channel_upsert(
    *,
    code: str,
    name: str,
    official: bool,
    position: int,
    aliases: list[str],
    user=None,
) -> Channel:
    values = {
        "name": name,
        "official": official,
        "position": position,
        "aliases": aliases,
    }
    channel = Channel.objects.filter(code=code).first() or Channel(code=code)
    return model_update(
        instance=channel, data=values, user=user, reason=_("Channel loaded.")
    )[0]


def _check(data: CatalogData) -> list[RowError]:
    errors: list[RowError] = []
    if not Domain.objects.filter(key=data.domain_key).exists():
        errors.append(
            RowError(
                _("The domain “%(key)s” does not exist.") % {"key": data.domain_key}
            )
        )
    if not data.title.strip():
        errors.append(RowError(_("The catalog needs a title.")))
    if not data.items:
        errors.append(RowError(_("The catalog has no items.")))
    known_channels = set(Channel.objects.values_list("code", flat=True))
    seen_codes: dict[str, int | None] = {}
    name_field = str(Item._meta.get_field("name").verbose_name)
    for item, level in data.walk():
        if level > 3:
            errors.append(
                RowError(
                    _("Items can be nested three levels deep at most."),
                    item.source_row,
                    name_field,
                    item.name,
                )
            )
        if not item.name.strip():
            errors.append(
                RowError(_("The item has no name."), item.source_row, name_field)
            )
        elif len(item.name) > Item._meta.get_field("name").max_length:
            errors.append(
                RowError(
                    _("The name is longer than %(max)s characters.")
                    % {"max": Item._meta.get_field("name").max_length},
                    item.source_row,
                    name_field,
                    item.name,
                )
            )
        if item.code:
            if item.code in seen_codes:
                errors.append(
                    RowError(
                        _("The number %(code)s is used twice in this catalog.")
                        % {"code": item.code},
                        item.source_row,
                        str(Item._meta.get_field("code").verbose_name),
                        item.code,
                    )
                )
            seen_codes[item.code] = item.source_row
        if item.omitted:
            errors.append(
                RowError(
                    _(
                        "The row is marked “本地未开展” (not performed locally), but "
                        "only a county's local catalog omits items; remove the mark "
                        "from the 备注 column."
                    ),
                    item.source_row,
                    "备注",
                    item.name,
                )
            )
        for code in unknown_channel_codes(item.channels, known_channels):
            errors.append(
                RowError(
                    unknown_code_message(code),
                    item.source_row,
                    str(Item._meta.get_field("channels").verbose_name),
                    code,
                )
            )
    return errors


def _build_item(catalog: Catalog, data: ItemData, level: int, position: int) -> Item:
    # A level the domain is not published at is not ticked, whatever a file says
    # of it (a file of such a domain has no column for it).
    levels = {
        name: getattr(data, name) if getattr(catalog.domain, flag) else False
        for name, flag in LEVEL_FLAGS.items()
    }
    return Item(
        catalog=catalog,
        level=level,
        code=data.code,
        position=position,
        name=data.name.strip(),
        content=list(data.content),
        **time_limit_columns(data.time_limit_text),
        subject=data.subject,
        channels=list(data.channels),
        audience_public=data.audience_public,
        audience_specific=data.audience_specific,
        mode_proactive=data.mode_proactive,
        mode_on_request=data.mode_on_request,
        **levels,
        origin=ItemOrigin.ORIGINAL,
        sources=list(data.sources),
        uncertain=list(data.uncertain),
        evidence=data.evidence,
    )


@transaction.atomic
def catalog_create_version(
    *,
    data: CatalogData,
    key: str,
    user=None,
    reason: str = "",
    status: str = CatalogStatus.IN_FORCE,
) -> Catalog:
    """Write ``data`` as a new version of the standard catalog ``key``.

    Everything is checked first and every problem reported together; nothing is
    written unless all of it can be. In force (the fixtures): the previous
    version, if any, is superseded. A draft (an imported file) waits for a person
    to put it in force (``catalog_put_in_force``). The number of queries does not
    grow with the number of items.
    """
    errors = _check(data)
    if errors:
        raise CatalogDataError(errors)
    reason = reason or _("Standard catalog imported.")
    previous_version = (
        Catalog.objects.filter(key=key).aggregate(v=Max("version"))["v"] or 0
    )
    catalog = Catalog(
        key=key,
        version=previous_version + 1,
        kind=CatalogKind.STANDARD,
        status=status,
        domain=Domain.objects.get(key=data.domain_key),
        title=data.title.strip(),
        issuer=data.issuer,
        document_no=data.document_no,
        issued_on=data.issued_on,
        expected_level1=data.expected_level1,
        expected_level2=data.expected_level2,
        notes=data.notes,
        sources=data.sources,
    )
    try:
        # Constraints are checked by the database once the old version stepped down.
        catalog.full_clean(validate_constraints=False)
    except ValidationError as exc:
        raise CatalogDataError(
            [
                RowError(f"{field}: {'; '.join(msgs)}")
                for field, msgs in exc.message_dict.items()
            ]
        ) from None
    # One version in force per key (a database constraint): the old one steps
    # down before the new one is written.
    stepping_down = Catalog.objects.filter(key=key, status=CatalogStatus.IN_FORCE)
    if status != CatalogStatus.IN_FORCE:
        stepping_down = stepping_down.none()
    for old in stepping_down:
        old.status = CatalogStatus.SUPERSEDED
        reason_old = _("Superseded by version %(v)s.") % {"v": catalog.version}
        audited_save(old, user=user, reason=reason_old, validate=False)
    audited_save(catalog, user=user, reason=reason, validate=False)
    lineages = _previous_lineages(key, catalog.version)
    _write_items(catalog, data, user=user, reason=reason, lineages=lineages)
    return catalog


def _row_key(level: int, code: str, name: str) -> tuple:
    return (level, (code or "").strip(), normalise_name(name))


def _previous_lineages(key: str, version: int) -> dict[tuple, object]:
    """The previous version's rows by (level, number, name) → their ``lineage``:
    a row of the new version with the same number and name (as the carry-over
    matches them) is the same row and continues its lineage. One query."""
    rows = Item.objects.filter(catalog__key=key, catalog__version=version - 1)
    found: dict[tuple, object] = {}
    for level, code, name, lineage in rows.values_list(
        "level", "code", "name", "lineage"
    ):
        found.setdefault(_row_key(level, code, name), lineage)
    return found


def _write_items(
    catalog: Catalog, data: CatalogData, *, user, reason: str, lineages=None
) -> None:
    """Bulk-write the item tree level by level, with history, then the legal bases.

    ``lineages`` (from ``_previous_lineages``) gives a row that continues one of
    the previous version its lineage; each lineage is used once."""
    lineages = dict(lineages or {})
    positions = {id(d): index for index, (d, _lvl) in enumerate(data.walk(), start=1)}
    level_rows: list[tuple[ItemData, Item | None]] = [(d, None) for d in data.items]
    written: list[tuple[ItemData, Item]] = []
    level = 1
    while level_rows:
        built = []
        for item_data, parent in level_rows:
            item = _build_item(catalog, item_data, level, positions[id(item_data)])
            continued = lineages.pop(_row_key(level, item.code, item.name), None)
            if continued is not None:
                item.lineage = continued
            item.parent = parent
            built.append((item_data, item))
        audited_bulk_create(
            [item for _d, item in built], Item, user=user, reason=reason
        )
        written.extend(built)
        level_rows = [(child, item) for d, item in built for child in d.children]
        level += 1
    bases = []
    for item_data, item in written:
        for index, text in enumerate(item_data.bases):
            citation = parse_citation(text)
            bases.append(
                LegalBasis(
                    item=item,
                    position=index,
                    text=citation.text[:500],
                    title=citation.title[:300],
                    document_no=citation.document_no[:100],
                    kind=citation.kind,
                    scope=citation.scope,
                )
            )
    audited_bulk_create(bases, LegalBasis, user=user, reason=reason)


@transaction.atomic
def vocabulary_load(*, vocabulary: dict, user=None) -> tuple[int, int]:
    """Create or update the official channels and the domains; returns (channels, domains)."""
    for entry in vocabulary["channels"]:
        channel_upsert(
            code=entry["code"],
            name=entry["name"],
            official=True,
            position=entry["position"],
            aliases=entry["aliases"],
            user=user,
        )
    for entry in vocabulary["domains"]:
        domain_upsert(
            key=entry["key"],
            name=entry["name"],
            position=entry["position"],
            levels=entry["levels"],
            user=user,
        )
    return len(vocabulary["channels"]), len(vocabulary["domains"])
