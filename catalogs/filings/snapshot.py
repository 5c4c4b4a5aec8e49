"""The snapshot a filing keeps: the catalog as filed, its differences, its findings.

Plain JSON, written once when the catalog is filed. Everything a filing page,
a workbook or the province overview shows is read from here, never from the
catalog, which the county may go on editing.
"""

from collections import namedtuple

from ..channels import Vocabulary
from ..columns import STORED_FIELDS
from ..layout.workbook import ROW_FIELDS
from ..local.comparison import catalog_compare
from ..local.validation import Finding
from ..models import Catalog, Item, ItemOrigin, TimeLimitKind
from ..timelimits import TimeLimit

SNAPSHOT_VERSION = 1
ITEM_FIELDS = (
    *("id", "parent_id", "level", "code", "name", "position"),
    *STORED_FIELDS,
    *("origin", "omitted", "omission_reason"),
)
# What the official-layout writer reads from each row (see workbook.layout_workbook).
SnapshotRow = namedtuple("SnapshotRow", ROW_FIELDS)


def catalog_snapshot(catalog: Catalog, findings: list[Finding]) -> dict:
    """Everything about ``catalog`` a filing keeps, in a fixed number of queries."""
    catalog = Catalog.objects.select_related(
        "domain", "organisation__region__parent", "derived_from"
    ).get(pk=catalog.pk)
    items = list(
        Item.objects.filter(catalog=catalog)
        .select_related("derived_from")
        .prefetch_related("bases")
        .order_by("position", "pk")
    )
    region = catalog.organisation.region
    city = region.parent
    snapshot = {
        "version": SNAPSHOT_VERSION,
        "catalog": {
            "id": catalog.pk,
            "key": catalog.key,
            "version": catalog.version,
            "title": catalog.title,
            "status": catalog.status,
            "issuer": catalog.issuer,
            "document_no": catalog.document_no,
        },
        "domain": {
            "key": catalog.domain.key,
            "name": catalog.domain.name,
            "has_village_level": catalog.domain.has_village_level,
        },
        "organisation": {
            "code": catalog.organisation.code,
            "name": catalog.organisation.name,
            "region_code": region.code,
            "region_name": region.name,
            "city_code": city.code if city else "",
            "city_name": city.name if city else "",
        },
        "standard": _catalog_ref(catalog.derived_from),
        "channels": Vocabulary.load().rows(),
        "items": [_item(item) for item in items],
        "validation": _validation(findings),
    }
    comparison = _comparison(catalog, items)
    snapshot["comparison"] = comparison
    snapshot["deviations"] = {
        "items": sum(1 for item in items if not item.omitted),
        "omitted": sum(1 for item in items if item.omitted),
        "supplemented": sum(1 for i in items if i.origin == ItemOrigin.SUPPLEMENT),
        "shortened": len(comparison["shortened"]) if comparison else 0,
    }
    return snapshot


def _catalog_ref(catalog: Catalog | None) -> dict | None:
    if catalog is None:
        return None
    return {
        "id": catalog.pk,
        "key": catalog.key,
        "version": catalog.version,
        "title": catalog.title,
        "document_no": catalog.document_no,
    }


def _item(item: Item) -> dict:
    row = {name: getattr(item, name) for name in ITEM_FIELDS}
    row["bases"] = [basis.text for basis in item.bases.all()]
    row["standard_code"] = item.derived_from.code if item.derived_from else ""
    return row


def _validation(findings: list[Finding]) -> dict:
    return {
        "valid": not any(finding.is_error for finding in findings),
        "errors": sum(1 for finding in findings if finding.is_error),
        "warnings": sum(1 for finding in findings if not finding.is_error),
        "findings": [
            {
                "code": finding.code,
                "severity": finding.severity,
                "item_code": finding.item.code if finding.item else "",
                "item_name": finding.item.name if finding.item else "",
                "field": finding.field,
                "message": finding.message,
            }
            for finding in findings
        ],
    }


def _ref(item: Item) -> dict:
    return {"code": item.code, "name": item.name, "level": item.level}


def _comparison(catalog: Catalog, items: list[Item]) -> dict | None:
    standard = catalog.derived_from
    if standard is None:
        return None
    result = catalog_compare(standard, catalog)
    names = {item.pk: item.name for item in items}
    shortened = []
    for source, item in result.matched:
        if item.omitted or not _shortened(item, source):
            continue
        shortened.append(
            {
                **_ref(item),
                "local": item.time_limit_text,
                "standard": source.time_limit_text,
            }
        )
    return {
        "summary": result.summary(),
        "counts": {
            "omitted": len(result.omitted),
            "restored": len(result.restored),
            "added": len(result.added),
            "removed": len(result.removed),
            "changed": len(result.changed),
            "shortened": len(shortened),
        },
        "omitted": [
            {**_ref(item), "reason": item.omission_reason}
            for _source, item in result.omitted
        ],
        "added": [
            {**_ref(item), "parent": names.get(item.parent_id, "")}
            for item in result.added
        ],
        "removed": [_ref(item) for item in result.removed],
        "shortened": shortened,
        "changed": [
            {
                **_ref(change.right),
                "differences": [
                    {
                        "field": diff.field,
                        "label": diff.label,
                        "old": diff.old,
                        "new": diff.new,
                    }
                    for diff in change.differences
                ],
            }
            for change in result.changed
        ],
    }


def _shortened(item: Item, source: Item) -> bool:
    """Whether the local time limit is strictly shorter than the standard's."""
    local, standard = TimeLimit.of(item), TimeLimit.of(source)
    if (local.kind, local.amount, local.unit) == (
        standard.kind,
        standard.amount,
        standard.unit,
    ):
        return False
    return bool(local.is_stricter_or_equal(standard)) and (
        standard.kind != TimeLimitKind.UNSPECIFIED
    )


def item_ref(row) -> str:
    """How a comment points at a filed item: its number, or #id when it has none."""
    if isinstance(row, dict):
        return row.get("code") or f"#{row['id']}"
    return row.code or f"#{row.id}"


def item_names(snapshot: dict) -> dict[str, str]:
    """Item reference → name, for every item as filed."""
    return {item_ref(row): row["name"] for row in snapshot["items"]}


def snapshot_rows(snapshot: dict) -> tuple[dict, dict]:
    """The snapshot's items as the layout writer takes them: by parent, and bases."""
    children: dict = {}
    bases: dict = {}
    for row in snapshot["items"]:
        item = SnapshotRow(**{name: row.get(name) for name in SnapshotRow._fields})
        children.setdefault(item.parent_id, []).append(item)
        if row.get("bases"):
            bases[item.id] = row["bases"]
    return children, bases
