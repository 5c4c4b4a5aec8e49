"""Public objects as JSON: only fields the public pages show, with their links."""

from django.urls import reverse

from ..personaldata import masked_for_public, public_name, released_values
from .places import county_catalogs


def region(obj) -> dict:
    return {
        "code": obj.code,
        "name": obj.name,
        "level": obj.level,
        "parent": obj.code[: {2: 0, 4: 2, 6: 4, 9: 6, 12: 9}[len(obj.code)]] or None,
        "url": reverse("public:region", kwargs={"code": obj.code}),
        "api": reverse("opendata:api-region", kwargs={"code": obj.code}),
    }


def region_detail(obj) -> dict:
    data = region(obj)
    data["catalogs"] = [
        {
            "domain": c.domain.key,
            "catalog": catalog(c),
            "url": reverse(
                "public:catalog", kwargs={"code": obj.code, "domain": c.domain.key}
            ),
        }
        for c in county_catalogs(obj)
    ]
    data["children"] = reverse("opendata:api-regions") + f"?parent={obj.code}"
    return data


def catalog(obj) -> dict:
    return {
        "key": obj.key,
        "version": obj.version,
        "kind": obj.kind,
        "status": obj.status,
        "domain": obj.domain.key,
        "title": obj.title,
        "issuer": obj.issuer,
        "document_no": obj.document_no,
        "issued_on": obj.issued_on.isoformat() if obj.issued_on else None,
        "county": obj.organisation.region.code if obj.organisation_id else None,
        "url": obj.get_absolute_url(),
        "api": reverse(
            "opendata:api-catalog", kwargs={"key": obj.key, "version": obj.version}
        ),
        "items": reverse(
            "opendata:api-catalog-items",
            kwargs={"key": obj.key, "version": obj.version},
        ),
    }


def item(obj) -> dict:
    return {
        "id": obj.pk,
        "catalog": {"key": obj.catalog.key, "version": obj.catalog.version},
        "level": obj.level,
        "code": obj.code,
        "name": obj.name,
        "parent": obj.parent_id,
        "content": obj.content or [],
        "legal_bases": [b.text for b in obj.bases.all()],
        "time_limit": obj.time_limit_text,
        "subject": obj.subject,
        "channels": obj.channels or [],
        "audience": {"public": obj.audience_public, "specific": obj.audience_specific},
        "mode": {"proactive": obj.mode_proactive, "on_request": obj.mode_on_request},
        "levels": {
            "county": obj.level_county,
            "township": obj.level_township,
            "village": obj.level_village,
        },
        "origin": obj.origin,
        "omitted": obj.omitted,
        "omission_reason": obj.omission_reason,
        "url": reverse("catalogs:item", kwargs={"pk": obj.pk}),
        "api": reverse("opendata:api-item", kwargs={"pk": obj.pk}),
    }


def publication(obj, *, attachments: bool = False) -> dict:
    """A public publication; its text and file names masked (the check's way out)."""
    obj = masked_for_public(obj, keep=released_values(obj))
    data = {
        "id": obj.pk,
        "title": obj.title,
        "kind": obj.kind,
        "level": obj.level,
        "region": obj.organisation.region.code,
        "organisation": obj.organisation.name,
        "index_number": obj.index_number or None,
        "document_number": obj.document_number or None,
        "written_on": obj.written_on.isoformat() if obj.written_on else None,
        "topic": obj.topic or None,
        "domain": obj.item.catalog.domain.key,
        "item": obj.item_id,
        "formed_on": obj.formed_on.isoformat(),
        "due_on": obj.due_on.isoformat(),
        "due_on_provisional": obj.due_on_provisional,
        "published_at": obj.published_at.isoformat(),
        "validity": obj.validity,
        "validity_on": obj.validity_on.isoformat() if obj.validity_on else None,
        "url": reverse("public:publication", kwargs={"pk": obj.pk}),
        "api": reverse("opendata:api-publication", kwargs={"pk": obj.pk}),
    }
    if attachments:
        data["text"] = obj.body
        data["attachments"] = [
            {
                "name": public_name(a),
                "kind": a.kind,
                "size": a.size,
                "sha256": a.sha256,
                "url": reverse(
                    "public:attachment", kwargs={"pk": obj.pk, "attachment_pk": a.pk}
                ),
            }
            for a in obj.attachments.all()
        ]
    return data
