"""The authorisation matrix for publishing: every role × every staff and admin URL
of the disclosure app × own county (a village's publications) and other county.

The staff URLs are read off ``disclosure.urls`` and the admin URLs off the admin
registry, so a URL added without a rule here fails the test.
"""

from datetime import date

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalogs import demo as catalogs_demo
from catalogs.local.lifecycle import catalog_put_in_force
from catalogs.models import Catalog
from disclosure import urls as disclosure_urls
from disclosure.models import DueDateNotice, Publication
from disclosure.reviews import review_approve, review_complete
from disclosure.services import publication_attach, publication_submit
from portal.models import Organisation, Role
from tests import factories

from .conftest import NEEDED, REVIEW, local_item, make_draft

pytestmark = pytest.mark.django_db

VILLAGE = "410225104201-vc"
STAFF = {
    "county_editor",
    "county_publisher",
    "county_reviewer",
    "mca_reviewer",
    "township_publisher",
    "village_publisher",
    "province_reviewer",
    "qixian_publisher",
    "site_admin",
}
ROLES = ["anonymous", "citizen", *sorted(STAFF)]
# Who reads a target's publications, who publishes for it, who reviews it.
# The lankao target is a village's 低保 (social relief): the 民政局 reviewer's
# domain, not the 人社局 reviewer's, though both reach the village itself.
READERS = {
    "lankao": {
        "village_publisher",
        "mca_reviewer",
        "province_reviewer",
        "site_admin",
    },
    "qixian": {"qixian_publisher", "province_reviewer", "site_admin"},
}
PUBLISHERS = {
    "lankao": {"village_publisher", "site_admin"},
    "qixian": {"qixian_publisher", "site_admin"},
}
REVIEWERS = {"lankao": {"mca_reviewer", "site_admin"}, "qixian": {"site_admin"}}
MANAGERS = {t: PUBLISHERS[t] | REVIEWERS[t] for t in READERS}
# The body itself (its dashboard, its notices): every reviewer over it.
BODY_READERS = {**READERS, "lankao": READERS["lankao"] | {"county_reviewer"}}
BODY_MANAGERS = {**MANAGERS, "lankao": MANAGERS["lankao"] | {"county_reviewer"}}

# route name → (rule, which publication of the target it acts on)
RULES = {
    "dashboard-index": ("staff", None),
    "dashboard": ("read_org", None),
    "publication-list": ("staff", None),
    "publication-create": ("publishers", None),
    "publication-detail": ("read", "draft"),
    "publication-edit": ("publish", "draft"),
    "attachment-add": ("publish", "draft"),
    "attachment-download": ("read", "draft"),
    "attachment-remove": ("publish", "draft"),
    "publication-submit": ("publish", "draft"),
    "publication-mask": ("publish", "draft"),
    "review": ("review", "in_review"),
    "publication-withdraw": ("manage", "published"),
    "publication-validity": ("manage", "published"),
    "publication-interpretation": ("manage", "interpretation"),
    "review-print": ("read", "review"),
    "notice-dismiss": ("manage_body", "notice"),
}
# (model, admin view) → rule; publications and reviews are read-only in the admin.
ADMIN_RULES = {
    **{
        (m, v): r
        for m in ("publication", "compliancereview")
        for v, r in [
            ("changelist", "staff"),
            ("change", "read"),
            ("history", "read"),
            ("simple_history", "read"),
            ("add", "nobody"),
            ("delete", "nobody"),
        ]
    },
    ("negativelistentry", "changelist"): "staff",
    ("negativelistentry", "add"): "list_keepers",
    # Requests for information: their rows, per body, are in tests/security
    # (matrix_requests.py, matrix_admin.py); here the lists and the add page.
    **{
        (m, v): r
        for m in (
            "informationrequest",
            "requestconsultation",
            "requestchallenge",
            "requestfile",
        )
        for v, r in [("changelist", "request_handlers"), ("add", "nobody")]
    },
}
PER_BODY = {
    "negativelistentry",
    "informationrequest",
    "requestconsultation",
    "requestchallenge",
    "requestfile",
}
# Pages and admin models of this wave's sub-domains (concerns, corrections after
# publication, participation, the disclosure column, subscriptions): their rows
# per role, object and body are in tests/security (matrix_concerns.py,
# matrix_participation.py, matrix_column.py, matrix_admin.py), whose
# every-URL check fails on a URL without an entry.
ELSEWHERE = {
    "concern-list",
    "concern-create",
    "concern-detail",
    "concern-respond",
    "concern-conference",
    "publication-correct",
    "publication-mask-published",
}
ADMIN_ELSEWHERE = {
    "concern",
    "correctionentry",
    "subscription",
    "consultation",
    "consultationcomment",
    "adoptionfeedback",
    "disclosureguide",
}
POST_ONLY = {
    "attachment-add",
    "attachment-remove",
    "publication-submit",
    "notice-dismiss",
}


def allowed(rule, role, target) -> bool:
    return {
        "staff": role in STAFF,
        "publishers": role
        in {
            "county_publisher",
            "township_publisher",
            "village_publisher",
            "qixian_publisher",
            "site_admin",
        },
        "read_org": role in BODY_READERS.get(target, ()),
        "read": role in READERS.get(target, ()),
        "publish": role in PUBLISHERS.get(target, ()),
        "review": role in REVIEWERS.get(target, ()),
        "manage": role in MANAGERS.get(target, ()),
        "manage_body": role in BODY_MANAGERS.get(target, ()),
        "list_keepers": role in {"county_reviewer", "mca_reviewer", "site_admin"},
        "request_handlers": role
        in {
            "county_publisher",
            "township_publisher",
            "village_publisher",
            "qixian_publisher",
            "county_reviewer",
            "mca_reviewer",
            "site_admin",
        },
        "nobody": False,
    }[rule]


@pytest.fixture
def world(lankao, monkeypatch):
    qixian = Organisation.objects.get(code="410221-hrss")
    monkeypatch.setattr(
        catalogs_demo,
        "DERIVATIONS",
        [*NEEDED, ("410221-hrss", "employment", "qixian_editor")],
    )
    catalogs_demo.seed_local_catalogs()
    # Only a catalog in force is published under.
    catalog_put_in_force(
        catalog=Catalog.objects.get(key="410221-hrss-employment"), reason="印发"
    )
    lankao["qixian_publisher"] = factories.user(
        "qixian_publisher", organisation=qixian, role=Role.PUBLISHER, is_staff=True
    )
    lankao["qixian_reviewer"] = factories.user(
        "qixian_reviewer", organisation=qixian, role=Role.REVIEWER, is_staff=True
    )
    places = {
        "lankao": ("village_publisher", VILLAGE, local_item("social_relief", "2.3")),
        "qixian": (
            "qixian_publisher",
            "410221-hrss",
            local_item("employment", "1.2", "410221"),
        ),
    }
    targets = {}
    for name, (author, org, item) in places.items():
        reviewer = "mca_reviewer" if name == "lankao" else "qixian_reviewer"

        def new(title, kind="other", author=author, org=org, item=item):
            formed = date(2025, 9, 26)
            return make_draft(
                lankao, author, org, item, formed_on=formed, title=title, kind=kind
            )

        draft = new("草稿")
        attachment = publication_attach(
            publication=draft,
            user=lankao[author],
            upload=SimpleUploadedFile("名单.txt", "张三".encode()),
        )
        in_review = publication_submit(publication=new("审核中"), user=lankao[author])
        published = new("已发布")
        publication_submit(publication=published, user=lankao[author])
        form = review_complete(
            publication=published, reviewer=lankao[reviewer], data=REVIEW
        )
        published = review_approve(review=form, reviewer=lankao[reviewer])
        targets[name] = {
            "org": Organisation.objects.get(code=org),
            "draft": draft,
            "attachment": attachment,
            "in_review": in_review,
            "published": published,
            "interpretation": new("解读", kind="interpretation"),
            "review": form,
            "notice": DueDateNotice.objects.create(
                organisation=Organisation.objects.get(code=org),
                change="schedule",
                year=2027,
            ),
        }
    return targets


def staff_cases(world):
    for pattern in disclosure_urls.urlpatterns:
        if pattern.name in ELSEWHERE:
            continue
        rule, acts_on = RULES[pattern.name]
        arguments = pattern.pattern.regex.groups
        for target in ["lankao", "qixian"] if arguments else [None]:
            objects = world.get(target, {})
            if pattern.name == "dashboard":
                args = [objects["org"].code]
            elif (
                pattern.name.startswith("attachment-")
                and pattern.name != "attachment-add"
            ):
                args = [objects["draft"].pk, objects["attachment"].pk]
            elif acts_on:
                args = [objects[acts_on].pk]
            else:
                args = []
            url = reverse(f"disclosure:{pattern.name}", args=args)
            method = "post" if pattern.name in POST_ONLY else "get"
            yield f"{pattern.name}:{target}", url, rule, target, method


def admin_cases(world):
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label != "disclosure":
            continue
        name = model._meta.model_name
        if name in ADMIN_ELSEWHERE:
            continue
        prefix = f"disclosure_{name}_"
        for pattern in model_admin.get_urls():
            if not pattern.name:
                continue
            view = pattern.name.removeprefix(prefix)
            groups = pattern.pattern.regex.groups
            if name in PER_BODY and groups:
                continue  # rows per organisation: test_review, tests/security
            rule = ADMIN_RULES[(name, view)]
            if not groups:
                yield (
                    f"admin:{name}:{view}",
                    reverse(f"admin:{pattern.name}"),
                    rule,
                    None,
                    "get",
                )
                continue
            for target in ["lankao", "qixian"]:
                obj = {
                    "publication": world[target]["published"],
                    "compliancereview": world[target]["review"],
                }[name]
                args = [obj.pk]
                if groups == 2:
                    args.append(obj.history.order_by("history_id").first().history_id)
                url = reverse(f"admin:{pattern.name}", args=args)
                yield f"admin:{name}:{view}:{target}", url, rule, target, "get"


def test_every_staff_and_admin_url_has_a_rule():
    missing = {p.name for p in disclosure_urls.urlpatterns} - set(RULES) - ELSEWHERE
    assert not missing, f"Give these URLs a rule in RULES: {sorted(missing)}"
    for model, model_admin in admin.site._registry.items():
        if (
            model._meta.app_label == "disclosure"
            and model._meta.model_name not in ADMIN_ELSEWHERE
        ):
            name = model._meta.model_name
            for pattern in model_admin.get_urls():
                view = (pattern.name or "").removeprefix(f"disclosure_{name}_")
                if pattern.name and (
                    name not in PER_BODY or not pattern.pattern.regex.groups
                ):
                    assert (name, view) in ADMIN_RULES, (name, view)


@pytest.mark.parametrize("role", ROLES)
def test_authorisation_matrix(client, lankao, world, role):
    if role != "anonymous":
        client.force_login(lankao[role])
    wrong, seen = [], []
    for description, url, rule, target, method in [
        *staff_cases(world),
        *admin_cases(world),
    ]:
        response = getattr(client, method)(url)
        expected = allowed(rule, role, target)
        if role == "anonymous":
            ok = response.status_code == 302 and "login" in response["Location"]
        elif expected:
            ok = response.status_code in (200, 302) and "login" not in response.get(
                "Location", ""
            )
        else:
            ok = response.status_code in (403, 404) or (
                response.status_code == 302 and "login" in response["Location"]
            )
        seen.append((description, response.status_code))
        if not ok:
            wrong.append(
                (
                    description,
                    method,
                    response.status_code,
                    "allowed" if expected else "denied",
                )
            )
    assert len(seen) >= 40
    assert wrong == []


@pytest.mark.parametrize(
    ("role", "target"),
    [
        ("township_publisher", "lankao"),
        ("county_reviewer", "lankao"),  # reaches the village, not its 低保
        ("mca_reviewer", "lankao"),
        ("village_publisher", "qixian"),
    ],
)
def test_forged_actions_change_nothing(client, lankao, world, role, target):
    client.force_login(lankao[role])
    draft = world[target]["draft"]
    in_review = world[target]["in_review"]
    before = {p.pk: (p.status, p.title) for p in Publication.objects.all()}
    client.post(reverse("disclosure:publication-submit", args=[draft.pk]))
    client.post(
        reverse("disclosure:publication-edit", args=[draft.pk]), {"title": "伪造"}
    )
    client.post(reverse("disclosure:publication-mask", args=[draft.pk]))
    client.post(
        reverse("disclosure:review", args=[in_review.pk]),
        {"action": "return", "decision_reason": "伪造"},
    )
    client.post(
        reverse(
            "disclosure:publication-withdraw", args=[world[target]["published"].pk]
        ),
        {"reason": "伪造"},
    )
    after = {p.pk: (p.status, p.title) for p in Publication.objects.all()}
    if role == "mca_reviewer":
        # The 民政局 reviewer may return and withdraw the 低保 publications.
        assert after[in_review.pk][0] == "draft"
        after[in_review.pk] = before[in_review.pk]
        published = world[target]["published"].pk
        assert after[published][0] == "withdrawn"
        after[published] = before[published]
    assert after == before
