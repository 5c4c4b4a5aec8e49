"""A local catalog's status: put in force once valid, superseding the version before."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.audit import audited_save

from ..models import Catalog, CatalogKind, CatalogStatus
from .edits import refuse
from .validation import Finding, catalog_validate


class CatalogInvalidError(ValidationError):
    """The catalog has validation errors; ``findings`` lists them."""

    def __init__(self, catalog: Catalog, findings: list[Finding]):
        self.catalog = catalog
        self.findings = findings
        message = ngettext(
            "“%(catalog)s” has %(count)d error against its standard, so it cannot "
            "be put in force. Correct it and try again.",
            "“%(catalog)s” has %(count)d errors against its standard, so it cannot "
            "be put in force. Correct them and try again.",
            len(findings),
        ) % {"catalog": catalog, "count": len(findings)}
        super().__init__(message, code="invalid")


@transaction.atomic
def catalog_put_in_force(*, catalog: Catalog, user=None, reason: str = "") -> Catalog:
    """Put a valid draft local catalog in force; the version in force is superseded.

    Raises ``CatalogInvalidError`` with the error findings when
    ``catalog_validate`` finds any; warnings do not stop it.
    """
    catalog = Catalog.objects.select_for_update().get(pk=catalog.pk)
    if catalog.kind != CatalogKind.LOCAL:
        refuse(
            "status",
            _(
                "“%(catalog)s” is a standard catalog; a standard is put in force by "
                "loading it, not here."
            ),
            catalog=catalog,
        )
    if catalog.status != CatalogStatus.DRAFT:
        refuse(
            "status",
            _(
                "“%(catalog)s” is %(status)s, not a draft; only a draft can be put "
                "in force."
            ),
            catalog=catalog,
            status=catalog.get_status_display(),
        )
    newer = (
        Catalog.objects.filter(
            key=catalog.key, version__gt=catalog.version, status=CatalogStatus.IN_FORCE
        )
        .order_by("-version")
        .first()
    )
    if newer is not None:
        refuse(
            "status",
            _(
                "Version %(newer)s of this catalog is already in force; an older "
                "version cannot replace it."
            ),
            newer=newer.version,
        )
    errors = [finding for finding in catalog_validate(catalog) if finding.is_error]
    if errors:
        raise CatalogInvalidError(catalog, errors)
    reason = (reason or "").strip() or _("Put in force.")
    previous = Catalog.objects.select_for_update().filter(
        key=catalog.key, status=CatalogStatus.IN_FORCE
    )
    for old in previous.exclude(pk=catalog.pk):
        old.status = CatalogStatus.SUPERSEDED
        audited_save(
            old,
            user=user,
            reason=_("Superseded by version %(version)s: %(reason)s")
            % {"version": catalog.version, "reason": reason},
        )
    catalog.status = CatalogStatus.IN_FORCE
    audited_save(catalog, user=user, reason=reason)
    return catalog
