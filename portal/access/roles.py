"""Model permissions granted by role: one table instead of per-user or per-group rows.

Which *models* a staff member may open comes from their roles here; which *rows*
they see is decided by ``portal.selectors.organisations_for`` in every queryset.
"""

from django.contrib.auth.backends import BaseBackend

from portal.models import Membership, Role

_VIEW_REFERENCE = {
    "portal.view_region",
    "portal.view_organisation",
    "portal.view_calendaryear",
    "portal.view_workingday",
    "catalogs.view_domain",
    "catalogs.view_channel",
    "catalogs.view_catalog",
    "catalogs.view_item",
    "catalogs.view_legalbasis",
}

# Publishing (the disclosure app): rows are scoped by disclosure.selectors.
_DISCLOSURE_VIEW = {
    "disclosure.view_publication",
    "disclosure.view_attachment",
    "disclosure.view_compliancereview",
    "disclosure.view_negativelistentry",
}
_DISCLOSURE_PUBLISH = _DISCLOSURE_VIEW | {
    "disclosure.add_publication",
    "disclosure.change_publication",
    "disclosure.add_attachment",
    "disclosure.change_attachment",
    "disclosure.delete_attachment",
}
_DISCLOSURE_REVIEW = _DISCLOSURE_VIEW | {
    "disclosure.change_publication",
    "disclosure.add_compliancereview",
    "disclosure.change_compliancereview",
    "disclosure.add_negativelistentry",
    "disclosure.change_negativelistentry",
}

ROLE_PERMISSIONS: dict[str, set[str]] = {
    Role.EDITOR: _VIEW_REFERENCE
    | {
        "catalogs.add_catalog",
        "catalogs.change_catalog",
        "catalogs.add_item",
        "catalogs.change_item",
        "catalogs.delete_item",
        "catalogs.add_legalbasis",
        "catalogs.change_legalbasis",
        "catalogs.delete_legalbasis",
        "portal.view_membership",
    }
    | _DISCLOSURE_VIEW,
    Role.PUBLISHER: _VIEW_REFERENCE | _DISCLOSURE_PUBLISH,
    Role.REVIEWER: _VIEW_REFERENCE | {"portal.view_membership"} | _DISCLOSURE_REVIEW,
    Role.PROVINCIAL_REVIEWER: _VIEW_REFERENCE
    | {"portal.view_membership"}
    | _DISCLOSURE_VIEW,
    Role.SITE_ADMIN: set(),  # site administrators are superusers
}

# On-request disclosure (disclosure.requests): a body's publishers and the
# reviewers over it handle its requests; rows are scoped by
# disclosure.requests.selectors, and provincial reviewers see counts only.
_REQUESTS_HANDLE = {
    "disclosure.view_informationrequest",
    "disclosure.change_informationrequest",
    "disclosure.add_informationrequest",
    "disclosure.view_requestconsultation",
    "disclosure.view_requestfile",
    "disclosure.view_requestchallenge",
    "disclosure.view_requestevent",
}
ROLE_PERMISSIONS[Role.PUBLISHER] |= _REQUESTS_HANDLE
ROLE_PERMISSIONS[Role.REVIEWER] |= _REQUESTS_HANDLE

# The annual report (disclosure.reports.annual): a body's publishers and the
# reviewers over it draft and edit it; a reviewer publishes it (rows scoped by
# disclosure.reports.annual.selectors).
_ANNUAL_REPORT = {
    "disclosure.view_annualreport",
    "disclosure.add_annualreport",
    "disclosure.change_annualreport",
    "disclosure.view_annualreportversion",
}
ROLE_PERMISSIONS[Role.PUBLISHER] |= _ANNUAL_REPORT
ROLE_PERMISSIONS[Role.REVIEWER] |= _ANNUAL_REPORT | {
    "disclosure.add_annualreportversion"
}

# Public participation (disclosure.participation): a body's publishers and the
# reviewers over it run its consultations; provincial reviewers read the
# public's say as counts (rows scoped by disclosure.participation.selectors).
_PARTICIPATION = {
    "disclosure.view_consultation",
    "disclosure.add_consultation",
    "disclosure.change_consultation",
    "disclosure.view_consultationcomment",
    "disclosure.change_consultationcomment",
    "disclosure.view_adoptionfeedback",
    "disclosure.add_adoptionfeedback",
    "disclosure.view_disclosuresay",
}
ROLE_PERMISSIONS[Role.PUBLISHER] |= _PARTICIPATION
ROLE_PERMISSIONS[Role.REVIEWER] |= _PARTICIPATION
ROLE_PERMISSIONS[Role.PROVINCIAL_REVIEWER] |= {"disclosure.view_disclosuresay"}
# The disclosure guide of each body's public column (disclosure.column): kept by
# the body's publishers and the reviewers over it.
_DISCLOSURE_GUIDE = {
    "disclosure.view_disclosureguide",
    "disclosure.add_disclosureguide",
    "disclosure.change_disclosureguide",
}
ROLE_PERMISSIONS[Role.PUBLISHER] |= _DISCLOSURE_GUIDE
ROLE_PERMISSIONS[Role.REVIEWER] |= _DISCLOSURE_GUIDE

# Filings (备案, the catalogs app; rows scoped by catalogs.filingselectors):
# editors file their body's catalogs, provincial reviewers accept, return and
# record them, and a county's reviewers read its filings.
_FILING_VIEW = {"catalogs.view_filing", "catalogs.view_filingcomment"}
ROLE_PERMISSIONS[Role.EDITOR] |= _FILING_VIEW | {"catalogs.add_filing"}
ROLE_PERMISSIONS[Role.REVIEWER] |= _FILING_VIEW
ROLE_PERMISSIONS[Role.PROVINCIAL_REVIEWER] |= _FILING_VIEW | {"catalogs.review_filing"}


# Public concerns (disclosure.concerns): a body's publishers and the reviewers
# over it record concerns and their responses; everyone with publishing access
# reads the correction log's entries (rows scoped by the selectors).
_CONCERNS = {
    "disclosure.view_concern",
    "disclosure.add_concern",
    "disclosure.change_concern",
}
ROLE_PERMISSIONS[Role.PUBLISHER] |= _CONCERNS
ROLE_PERMISSIONS[Role.REVIEWER] |= _CONCERNS
for _role in (Role.EDITOR, Role.PUBLISHER, Role.REVIEWER, Role.PROVINCIAL_REVIEWER):
    ROLE_PERMISSIONS[_role] |= {"disclosure.view_correctionentry"}


class RoleBackend(BaseBackend):
    """Grants the permissions of the roles a user holds in any organisation."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        cached = getattr(user_obj, "_role_perm_cache", None)
        if cached is None:
            roles = Membership.objects.filter(user=user_obj).values_list(
                "role", flat=True
            )
            cached = set().union(*(ROLE_PERMISSIONS.get(r, set()) for r in roles))
            user_obj._role_perm_cache = cached
        return cached

    def has_perm(self, user_obj, perm, obj=None):
        return perm in self.get_all_permissions(user_obj, obj)

    def has_module_perms(self, user_obj, app_label):
        return any(
            p.startswith(f"{app_label}.") for p in self.get_all_permissions(user_obj)
        )
