"""A catalog's lifecycle: the next local version from the current one, and putting
a version in force (validated first for a local catalog), superseding the one before.

A new local version is always made by the carry-over (``carryover.py``): from the
current local version onto the standard in force, which is either the same
standard (a county revising its own catalog: nothing to decide) or a newer one
(its changes taken in, conflicts decided by a person). Every row keeps its
``lineage``, so publications stay under their rows.

Putting a version in force announces it (``version_put_in_force``) inside its
transaction, so the layers above (disclosure's drafts and due dates) follow
without this app importing them.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.audit import audited_save

from ..models import Catalog, CatalogKind, CatalogStatus
from ..selectors import local_catalog_latest, standard_in_force
from .carryover import CarryoverPlan, carryover_apply, carryover_plan
from .edits import refuse
from .validation import Finding, catalog_validate

# Sent by ``catalog_put_in_force`` in its transaction, after the statuses are
# saved: ``catalog`` (now in force), ``superseded`` (the versions it replaced, a
# list), ``user`` and ``reason``. A receiver that raises undoes the whole change.
version_put_in_force = Signal()


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


def current_local_version(*, organisation, domain) -> Catalog | None:
    """The version a new one starts from: the one in force, else the newest."""
    return Catalog.objects.filter(
        kind=CatalogKind.LOCAL,
        organisation=organisation,
        domain=domain,
        status=CatalogStatus.IN_FORCE,
    ).first() or local_catalog_latest(organisation=organisation, domain=domain)


def _starting_point(organisation, standard: Catalog) -> Catalog:
    current = current_local_version(organisation=organisation, domain=standard.domain)
    if current is None:
        refuse(
            "catalog",
            _(
                "%(organisation)s has no local catalog for the %(domain)s domain "
                "yet; derive one from the standard first."
            ),
            organisation=organisation,
            domain=standard.domain,
        )
    newest = local_catalog_latest(organisation=organisation, domain=standard.domain)
    if newest.pk != current.pk:
        refuse(
            "catalog",
            _(
                "Version %(version)s of “%(catalog)s” is already being prepared as "
                "a draft; continue that draft or put it in force first."
            ),
            version=newest.version,
            catalog=current,
        )
    return current


def next_version_plan(*, organisation, standard: Catalog) -> CarryoverPlan:
    """What the next local version would carry from the current one (a pure read):
    everything the county set, the standard's changes since, and the conflicts."""
    standard = standard_in_force(standard.key) or standard
    current = _starting_point(organisation, standard)
    return carryover_plan(local=current, new_standard=standard)


@transaction.atomic
def catalog_next_version(
    *, organisation, standard: Catalog, decisions: dict, user=None, reason: str = ""
) -> Catalog:
    """A new draft local version from the current one, taking in the standard in
    force; ``decisions`` settles every conflict of ``next_version_plan``."""
    plan = next_version_plan(organisation=organisation, standard=standard)
    reason = (reason or "").strip() or _("New version from version %(version)s.") % {
        "version": plan.local.version
    }
    return carryover_apply(
        local=plan.local,
        new_standard=plan.new_standard,
        decisions=decisions,
        user=user,
        reason=reason,
    )


@transaction.atomic
def catalog_put_in_force(*, catalog: Catalog, user=None, reason: str = "") -> Catalog:
    """Put a draft in force; the version in force is superseded. One transaction,
    history on both, and a number of queries that does not grow with the catalog.

    A local catalog is validated first: ``CatalogInvalidError`` with the error
    findings when ``catalog_validate`` finds any; warnings do not stop it. A
    standard version (imported as a draft) is checked when it is read.
    """
    catalog = Catalog.objects.select_for_update().get(pk=catalog.pk)
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
    if catalog.kind == CatalogKind.LOCAL:
        errors = [f for f in catalog_validate(catalog) if f.is_error]
        if errors:
            raise CatalogInvalidError(catalog, errors)
    reason = (reason or "").strip() or _("Put in force.")
    previous = Catalog.objects.select_for_update().filter(
        key=catalog.key, status=CatalogStatus.IN_FORCE
    )
    superseded = list(previous.exclude(pk=catalog.pk))
    for old in superseded:
        old.status = CatalogStatus.SUPERSEDED
        audited_save(
            old,
            user=user,
            reason=_("Superseded by version %(version)s: %(reason)s")
            % {"version": catalog.version, "reason": reason},
        )
    catalog.status = CatalogStatus.IN_FORCE
    audited_save(catalog, user=user, reason=reason)
    version_put_in_force.send(
        sender=Catalog, catalog=catalog, superseded=superseded, user=user, reason=reason
    )
    return catalog
