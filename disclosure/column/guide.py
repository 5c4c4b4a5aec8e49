"""A body's guide as the public reads it: what staff filled in, and for the
rest the defaults the regulation (国务院令第711号) gives."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from portal.models import Organisation

from ..models import DisclosureGuide
from ..pii import mask_personal_data


def default_how_to_apply() -> str:
    return _(
        "Anyone may apply for government information this body holds that is "
        "not proactively disclosed (Art. 27). Apply in writing: online through "
        "the on-request form below, by letter or in person at the office; an "
        "application made orally is written down by the office (Art. 29).\n"
        "The application gives the applicant's name or the organisation's name, "
        "an identity document and contact details; a description of the "
        "information sought (its title, document number or other features that "
        "identify it); and the form in which it is wanted (Art. 29).\n"
        "An unclear application is returned once for correction within 7 working "
        "days (Art. 30). The office answers on the spot where it can, otherwise "
        "within 20 working days of receiving the application; with the approval "
        "of its head it may extend that once by at most 20 working days (Art. 33).\n"
        "No fee is charged for providing information, except a fee for "
        "information-processing where an applicant asks for it in quantity or "
        "frequently beyond a reasonable range (Art. 42)."
    )


def default_rules() -> str:
    return _(
        "The body discloses government information under the Regulations on the "
        "Disclosure of Government Information (State Council Decree No. 711): "
        "proactively what its catalogs list, within 20 working days of the "
        "information being formed or changed unless a law sets another time "
        "(Art. 26); on request what it holds (Art. 27).\n"
        "Before anything is disclosed it is reviewed for state secrets, "
        "commercial secrets and personal privacy under its review rules (Art. 17); "
        "what is not disclosed is named by its negative list.\n"
        "Each year by 31 January it publishes its annual report on government "
        "information disclosure for the previous year (Art. 49, 50). Citizens, "
        "legal persons and other organisations who find that it did not perform "
        "its duties may complain to the supervising department (Art. 47, 51)."
    )


def default_office(organisation: Organisation) -> str:
    return _("%(organisation)s government information disclosure office") % {
        "organisation": organisation.name
    }


def default_hours() -> str:
    return _("Working days, during statutory working hours")


@dataclass(frozen=True)
class ShownGuide:
    """Each field with ``*_default`` true where the regulation's default is shown."""

    office: str
    office_default: bool
    address: str
    hours: str
    hours_default: bool
    phone: str
    email: str
    postal_address: str
    postcode: str
    how_to_apply: str
    how_to_apply_default: bool
    rules: str
    rules_default: bool
    updated_at: object


def shown_guide(organisation: Organisation) -> ShownGuide:
    """The guide the public sees; every text passes the personal-data mask."""
    guide = DisclosureGuide.objects.filter(
        organisation=organisation
    ).first() or DisclosureGuide(organisation=organisation)

    def text(value: str) -> str:
        return mask_personal_data(value.strip()) if value else ""

    return ShownGuide(
        office=text(guide.office) or default_office(organisation),
        office_default=not guide.office.strip(),
        address=text(guide.address),
        hours=text(guide.hours) or default_hours(),
        hours_default=not guide.hours.strip(),
        phone=text(guide.phone),
        email=text(guide.email),
        postal_address=text(guide.postal_address),
        postcode=guide.postcode,
        how_to_apply=text(guide.how_to_apply) or default_how_to_apply(),
        how_to_apply_default=not guide.how_to_apply.strip(),
        rules=text(guide.rules) or default_rules(),
        rules_default=not guide.rules.strip(),
        updated_at=guide.updated_at,
    )
