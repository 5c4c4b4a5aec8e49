"""Keep the public side's derived data in step with every write the public can see.

Connected in ``DisclosureConfig.ready``. Saves and deletes of publications,
attachments, catalogs, items, legal bases, regions, organisations, published annual reports and disclosure
guides move the
cache version of the county they belong to (and of the whole portal); a
publication's save also refreshes its search entry. Bulk writes bypass
signals: the commands that make them (``seed_scale``) call
``rebuild_public_index`` afterwards.
"""

from django.db.models.signals import post_delete, post_save

from catalogs.models import (
    Catalog,
    Domain,
    Item,
    LegalBasis,
)
from portal.models import Organisation, Region

from ..models import (
    AnnualReportVersion,
    Attachment,
    CorrectionEntry,
    DisclosureGuide,
    Publication,
)
from . import versions
from .rules import public_publications
from .search import index as search_index


def _organisation_code(organisation_id) -> str | None:
    if organisation_id is None:
        return None
    return (
        Organisation.objects.filter(pk=organisation_id)
        .values_list("region__code", flat=True)
        .first()
    )


def _public_catalog_code(catalog_id) -> str | None:
    """The county code of a public catalog, ``""`` for a standard, None if not public.

    Draft local catalogs are not public: saving them or their items changes
    nothing the public sees, so it moves no version.
    """
    row = (
        Catalog.objects.public()
        .filter(pk=catalog_id)
        .values_list("pk", "organisation__region__code")
        .first()
    )
    return None if row is None else row[1] or ""


def publication_changed(sender, instance, **kwargs):
    """Drafts and reviews change nothing public; publishing and withdrawing do."""
    if kwargs["signal"] is post_delete or search_index.index_publication(instance):
        versions.bump(_organisation_code(instance.organisation_id))


def attachment_changed(sender, instance, **kwargs):
    code = (
        public_publications()
        .filter(pk=instance.publication_id)
        .values_list("organisation__region__code", flat=True)
        .first()
    )
    if code:
        versions.bump(code)


def catalog_changed(sender, instance, **kwargs):
    if instance.is_public:
        versions.bump(_organisation_code(instance.organisation_id))


def item_changed(sender, instance, **kwargs):
    if Item.catalog.is_cached(instance):  # no query when the saver holds it
        if not instance.catalog.is_public:
            return
    code = _public_catalog_code(instance.catalog_id)
    if code is not None:
        if kwargs["signal"] is post_save:  # its name is in its publications' entries
            search_index.reindex_rows([instance.pk])
        versions.bump(code)


def basis_changed(sender, instance, **kwargs):
    item = Item.objects.filter(pk=instance.item_id).values("catalog_id").first()
    code = _public_catalog_code(item["catalog_id"]) if item else None
    if code is not None:
        versions.bump(code)


def region_changed(sender, instance, **kwargs):
    versions.bump(instance.code)


def organisation_changed(sender, instance, **kwargs):
    versions.bump(
        Region.objects.filter(pk=instance.region_id)
        .values_list("code", flat=True)
        .first()
    )


def annual_report_changed(sender, instance, **kwargs):
    """A published version of an annual report is public from its first save."""
    versions.bump(
        AnnualReportVersion.objects.filter(pk=instance.pk)
        .values_list("report__organisation__region__code", flat=True)
        .first()
        if kwargs["signal"] is post_save
        else None
    )


def correction_logged(sender, instance, **kwargs):
    """A correction log entry is public from its first save: its county's log moves."""
    versions.bump(instance.county_code)


def guide_changed(sender, instance, **kwargs):
    """A body's disclosure guide is public as soon as it is saved."""
    versions.bump(_organisation_code(instance.organisation_id))


def domain_changed(sender, instance, **kwargs):
    versions.bump(None)


HANDLERS = [
    (Publication, publication_changed),
    (Attachment, attachment_changed),
    (Catalog, catalog_changed),
    (Item, item_changed),
    (LegalBasis, basis_changed),
    (Region, region_changed),
    (Organisation, organisation_changed),
    (Domain, domain_changed),
    (AnnualReportVersion, annual_report_changed),
    (CorrectionEntry, correction_logged),
    (DisclosureGuide, guide_changed),
]


def connect() -> None:
    for model, handler in HANDLERS:
        for signal in (post_save, post_delete):
            signal.connect(
                handler,
                sender=model,
                dispatch_uid=f"public-{model.__name__}-{id(signal)}",
            )
