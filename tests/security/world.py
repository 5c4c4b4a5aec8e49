"""The objects the authorisation matrix tries every URL on, built once per module.

Everything ``seed_demo`` makes, plus what the demo lacks for an "other county"
(杞县 410221: a publisher, a reviewer and publications in every state), a
provincial reviewer of another province (湖北省 42), a draft local catalog of
the own county bureau with an omitted and an added item, publications in every
state of the own bureau (人社局, employment: its reviewer's) and of the township
(social relief: the 民政局 reviewer's, a bureau of another domain in the same
county), attachments, sign-in records and a group. ``build()`` returns them under the names matrix.py uses.
"""

from datetime import date

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from catalogs.demo import _fill_ticks
from catalogs.filings.services import filing_submit
from catalogs.local.derivation import catalog_derive, item_add_sub_item, item_omit
from catalogs.local.lifecycle import catalog_put_in_force
from catalogs.models import Catalog, Channel, Domain, Filing, Item, LegalBasis
from catalogs.selectors import standard_in_force
from disclosure.demo import PLATFORM_REVIEW
from disclosure.models import DueDateNotice, NegativeListEntry, Publication
from disclosure.negativelist import negative_list_adopt
from disclosure.reviews import review_approve, review_complete
from disclosure.services import (
    publication_attach,
    publication_create,
    publication_submit,
)
from portal.audit import audited_save
from portal.models import (
    CalendarYear,
    Membership,
    Organisation,
    Region,
    Role,
    WorkingDay,
)
from tests import factories

from .world_participation import participation

COUNTY, TOWNSHIP, OTHER = "410225-hrss", "410225104-gov", "410221-hrss"
RELIEF = "410225-mca-social_relief"  # the own county's social relief catalog
FORMED = date(2025, 9, 26)


def _user(name):
    return get_user_model().objects.get(username=name)


def _extra_accounts() -> None:
    other = Organisation.objects.get(code=OTHER)
    for name, role in [
        ("qixian_publisher", Role.PUBLISHER),
        ("qixian_reviewer", Role.REVIEWER),
    ]:
        factories.user(name, organisation=other, role=role, is_staff=True)
    hubei = Organisation.objects.create(
        code="42-hrss",
        name="湖北省人力资源和社会保障厅",
        kind="provincial_department",
        region=factories.region("42", "湖北省"),
    )
    factories.user(
        "hubei_reviewer",
        organisation=hubei,
        role=Role.PROVINCIAL_REVIEWER,
        is_staff=True,
    )


def _catalog_in_force(code: str, standard_key: str, editor: str) -> Catalog:
    """A local catalog derived, its ticks filled, and put in force."""
    user = _user(editor)
    catalog = catalog_derive(
        organisation=Organisation.objects.get(code=code),
        standard=standard_in_force(standard_key),
        user=user,
        reason="授权矩阵",
    )
    _fill_ticks(catalog, user)
    return catalog_put_in_force(catalog=catalog, user=user, reason="授权矩阵")


def _draft_catalog(code: str, standard_key: str, editor: str) -> Catalog:
    """A draft local catalog with one omitted and one added item."""
    user = _user(editor)
    catalog = Catalog.objects.filter(
        organisation__code=code, derived_from__key=standard_key, status="draft"
    ).first() or catalog_derive(
        organisation=Organisation.objects.get(code=code),
        standard=standard_in_force(standard_key),
        user=user,
        reason="授权矩阵",
    )
    first = catalog.items.filter(level=2, omitted=False).order_by("position")[0]
    item_omit(item=first, reason="授权矩阵：本地无此业务", user=user)
    parent = catalog.items.filter(level=2, omitted=False).order_by("position")[0]
    item_add_sub_item(parent=parent, name="授权矩阵三级事项", user=user)
    return catalog


def _catalog_objects(catalog: Catalog) -> dict:
    second = catalog.items.filter(level=2, omitted=False).order_by("position")[0]
    return {
        "catalog": catalog,
        "item": second,
        "item.omitted": catalog.items.filter(omitted=True).first() or second,
        "item.added": catalog.items.filter(level=3, origin="added").first() or second,
        "legalbasis": LegalBasis.objects.filter(item__catalog=catalog).first(),
    }


def _publications(author, org_code, item, reviewer, label) -> dict:
    """A draft with an attachment, one in review, one published with an attachment."""
    user, org = _user(author), Organisation.objects.get(code=org_code)

    def draft(title, kind="other"):
        return publication_create(
            user=user,
            organisation=org,
            item=item,
            title=title,
            formed_on=FORMED,
            kind=kind,
        )

    def attach(publication):
        upload = SimpleUploadedFile(f"{label}名单.txt", "名单".encode())
        return publication_attach(publication=publication, user=user, upload=upload)

    made = {"draft": draft(f"授权矩阵{label}草稿")}
    made["attachment.draft"] = attach(made["draft"])
    made["in_review"] = publication_submit(
        publication=draft(f"授权矩阵{label}审核中"), user=user
    )
    published = draft(f"授权矩阵{label}已发布")
    made["attachment.published"] = attach(published)
    publication_submit(publication=published, user=user)
    data = {**PLATFORM_REVIEW, "handler": author, "filled_on": FORMED}
    made["review"] = review_complete(
        publication=published, reviewer=reviewer, data=data
    )
    made["published"] = review_approve(review=made["review"], reviewer=reviewer)
    made["interpretation"] = draft(f"授权矩阵{label}解读", kind="interpretation")
    return made


def _sign_in_records() -> dict:
    record = {
        "user_agent": "matrix",
        "ip_address": "192.0.2.1",
        "username": "county_editor",
        "http_accept": "text/html",
        "path_info": "/admin/login/",
    }
    return {
        "accesslog": AccessLog.objects.create(**record),
        "accessfailurelog": AccessFailureLog.objects.create(**record),
        "accessattempt": AccessAttempt.objects.create(
            **record, get_data="", post_data="", failures_since_start=1
        ),
    }


def _catalogs() -> dict:
    """The own bureau's new draft, the other county's draft (filed, awaiting
    review), a standard; and what the public sees: the own county's in force."""
    world = {}
    for target, catalog in [
        ("county", _draft_catalog(COUNTY, "social_insurance", "county_editor")),
        ("other", _draft_catalog(OTHER, "employment", "qixian_editor")),
        ("standard", standard_in_force("employment")),
    ]:
        for name, obj in _catalog_objects(catalog).items():
            world[f"{name}.{target}"] = obj
    world["catalog.public"] = Catalog.objects.get(key=f"{COUNTY}-employment")
    world["item.public"] = Item.objects.get(
        catalog__key=RELIEF, catalog__status="in_force", code="2.3"
    )
    world["standard.underived"] = standard_in_force("social_insurance")
    # A standard of a domain the own bureau (人社局) is not responsible for.
    world["standard.other_domain"] = standard_in_force("elderly_care_henan")
    return world


def _filings(world, users) -> dict:
    """The own bureau files its employment catalog (the demo's social insurance
    filing is accepted already, for recording); the other county's awaits review."""
    return {
        "filing.county": filing_submit(
            catalog=world["catalog.public"], user=users["county_editor"]
        ),
        "filing.accepted": Filing.objects.get(
            catalog__key=f"{COUNTY}-social_insurance"
        ),
        "filing.other": Filing.objects.get(catalog__key=f"{OTHER}-employment"),
    }


def _publishing(world, users) -> dict:
    """Publications of the township (its publisher's own) and the other county,
    the demo's not disclosed and withdrawn ones, and the negative lists."""
    made = {
        "publishable.township": Item.objects.get(
            catalog__key=RELIEF, catalog__status="in_force", code="2.2"
        ),
        "publishable.county": Item.objects.get(
            catalog__key=f"{COUNTY}-employment", catalog__status="in_force", code="1.2"
        ),
        # Only a catalog in force is published under: the other county's
        # employment catalog is a draft, so it publishes under another in force.
        "publishable.other": _catalog_in_force(
            OTHER, "social_insurance", "qixian_editor"
        )
        .items.filter(level=2, omitted=False)
        .order_by("position")[1],
    }
    for target, author, org, reviewer in [
        ("county", "county_publisher", COUNTY, "county_reviewer"),
        ("township", "township_publisher", TOWNSHIP, "mca_reviewer"),
        ("other", "qixian_publisher", OTHER, "qixian_reviewer"),
    ]:
        item = made[f"publishable.{target}"]
        objects = _publications(author, org, item, users[reviewer], target)
        made.update({f"{name}.{target}": obj for name, obj in objects.items()})
    made["published.public"] = made["published.township"]
    demo = Publication.objects.filter(organisation__code=COUNTY)
    made["not_disclosed.county"] = demo.get(attribute="not_disclosed")
    made["withdrawn.county"] = demo.filter(status="withdrawn").first()
    negative_list_adopt(organisation=world["org.other"], reason="授权矩阵")
    lists = NegativeListEntry.objects.order_by("position")
    made["negativelistentry.default"] = lists.filter(organisation=None).first()
    made["negativelistentry.county"] = lists.filter(organisation__code=COUNTY).first()
    made["negativelistentry.other"] = lists.filter(organisation__code=OTHER).first()
    for target in ("county", "township", "other"):
        made[f"notice.{target}"] = DueDateNotice.objects.create(
            organisation=world[f"org.{target}"], change="schedule", year=2027
        )
    return made


def _requests(world) -> dict:
    """A request at the own county bureau, the township and the other county,
    each with a correction notice, a consultation, a file, a reply and a
    review; and one per body with an extension waiting for approval."""
    from disclosure.requests import periods, replies, services

    made = {}
    for target, code, username in [
        ("county", COUNTY, "county_publisher"),
        ("township", TOWNSHIP, "township_publisher"),
        ("other", OTHER, "qixian_publisher"),
    ]:
        user, org = _user(username), Organisation.objects.get(code=code)
        data = {
            "applicant_kind": "natural_person",
            "applicant_name": f"授权矩阵申请人{target}",
            "identity_type": "passport",
            "identity_number": "E12345678",
            "address": "兰考县",
            "phone": "0371-1234567",
            "information_title": f"授权矩阵依申请{target}",
            "description": "授权矩阵",
            "information_form": "paper",
            "delivery": "collect",
        }

        def register(received, user=user, org=org, data=data):
            return services.request_register(
                user=user,
                organisation=org,
                channel="in_person",
                received_on=received,
                data=data,
            ).request

        r = register(date(2026, 2, 2))
        periods.request_send_correction(
            request=r, user=user, text="补正", days=5, on=date(2026, 2, 3)
        )
        periods.request_receive_correction(request=r, user=user, on=date(2026, 2, 5))
        made[f"consultation.{target}"] = periods.request_consult(
            request=r,
            user=user,
            kind="third_party",
            party="第三方",
            on=date(2026, 2, 6),
        )
        periods.request_consultation_answered(
            consultation=made[f"consultation.{target}"],
            user=user,
            on=date(2026, 2, 10),
            opinion="agrees",
        )
        upload = SimpleUploadedFile(f"{target}答复附件.txt", "附件".encode())
        made[f"requestfile.{target}"] = replies.request_add_file(
            request=r, user=user, upload=upload
        )
        replies.request_reply(
            request=r, user=user, reply_type="granted", on=date(2026, 2, 12)
        )
        replies.request_deliver(
            request=r, user=user, method="collect", on=date(2026, 2, 13)
        )
        made[f"challenge.{target}"] = replies.challenge_record(
            request=r, user=user, kind="review", filed_on=date(2026, 3, 2)
        )
        made[f"request.{target}"] = r
        pending = register(date(2026, 11, 2))
        periods.request_ask_extension(
            request=pending, user=user, days=5, reason="延期", on=date(2026, 11, 3)
        )
        made[f"pending.{target}"] = pending
    return made


def _participation() -> dict:
    """A consultation of the own county bureau, the township and the other
    county, each closed with a moderated comment and its adoption feedback;
    and a draft of the own county bureau."""
    from disclosure.participation import services

    made = {}
    window = {"opens_on": date(2026, 1, 5), "closes_on": date(2026, 2, 5)}
    for target, code, username in [
        ("county", COUNTY, "county_publisher"),
        ("township", TOWNSHIP, "township_publisher"),
        ("other", OTHER, "qixian_publisher"),
    ]:
        user, org = _user(username), Organisation.objects.get(code=code)
        data = {
            "title": f"授权矩阵征求意见{target}",
            "draft_text": "征求意见稿",
            "interpretation_text": "起草说明",
            "contact": "0371-1234567",
            **window,
        }
        found = services.consultation_publish(
            user=user,
            consultation=services.consultation_save(
                user=user, data=data, organisation=org
            ),
        )
        comment = services.comment_submit(
            consultation=found,
            name="",
            contact="13800000000",
            text=f"授权矩阵意见{target}",
            now=found.opens_at,
        )
        services.comment_moderate(user=user, comment=comment, publish=True)
        made[f"consult.{target}"] = found
        made[f"comment.{target}"] = comment
        made[f"feedback.{target}"] = services.feedback_record(
            user=user,
            consultation=found,
            comments=[comment],
            gist="意见",
            verdict="adopted",
        )
    made["consult.draft"] = services.consultation_save(
        user=_user("county_publisher"),
        data={
            "title": "授权矩阵征求意见草稿",
            "draft_text": "草稿",
            "interpretation_text": "说明",
            "contact": "0371-1234567",
            **window,
        },
        organisation=Organisation.objects.get(code=COUNTY),
    )
    return made


def _annual_reports() -> dict:
    """Last year's report of each body: the own county bureau's published by
    seed_demo, the township's and the other county's drafted here."""
    from disclosure.models import AnnualReport
    from disclosure.reports.annual.services import annual_report_create

    published = AnnualReport.objects.filter(
        organisation__code=COUNTY, versions__isnull=False
    ).distinct()
    made = {"annualreport.county": published.get()}  # last year's, by seed_demo
    year = made["annualreport.county"].year
    for target, code, username in [
        ("township", TOWNSHIP, "township_publisher"),
        ("other", OTHER, "qixian_publisher"),
    ]:
        made[f"annualreport.{target}"] = annual_report_create(
            organisation=Organisation.objects.get(code=code),
            year=year,
            user=_user(username),
        )
    return made


def _guides() -> dict:
    """The own county bureau's guide (seed_demo's) and the other county's."""
    from disclosure.models import DisclosureGuide

    other = DisclosureGuide(organisation=Organisation.objects.get(code=OTHER))
    audited_save(other, user=_user("qixian_publisher"), reason="指南")
    return {
        "disclosureguide.county": DisclosureGuide.objects.get(
            organisation__code=COUNTY
        ),
        "disclosureguide.other": other,
    }


def build() -> dict:
    """Seed the demo and the additions; returns name → object."""
    call_command("seed_demo", verbosity=0)
    _extra_accounts()
    users = {u.username: u for u in get_user_model().objects.all()}
    world = {f"user.{name}": account for name, account in users.items()}
    world["user"] = users["county_editor"]
    for name, code in [
        ("village", "410225104201"),
        ("township", "410225104"),
        ("county", "410225"),
        ("other", "410221"),
    ]:
        world[f"region.{name}"] = Region.objects.get(code=code)
    for name, code in [("county", COUNTY), ("township", TOWNSHIP), ("other", OTHER)]:
        world[f"org.{name}"] = Organisation.objects.get(code=code)
    world["membership.county"] = Membership.objects.get(user=users["county_editor"])
    world["membership.other"] = Membership.objects.get(user=users["qixian_editor"])
    world.update(_catalogs())
    world.update(_filings(world, users))
    world.update(_publishing(world, users))
    world.update(_requests(world))
    world.update(_annual_reports())
    world.update(_participation())
    world.update(_guides())
    world.update(_sign_in_records())
    world.update(participation(world))
    world.update(
        {
            "domain": Domain.objects.get(key="employment"),
            "channel": Channel.objects.get(code="gov-website"),
            "calendaryear": CalendarYear.objects.order_by("year").first(),
            "workingday": WorkingDay.objects.filter(date__year=2025).first(),
            "group": Group.objects.create(name="授权矩阵"),
            "contenttype.publication": ContentType.objects.get_for_model(Publication),
        }
    )
    return world
