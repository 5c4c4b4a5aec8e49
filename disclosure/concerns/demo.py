"""Demo public concerns, a demo subscription and a correction after publication."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from portal.models import Organisation, Region

from ..corrections.services import publication_correct
from ..models import Concern, Publication, PublicationStatus, Subscription
from .services import concern_hold_conference, concern_record, concern_respond


@transaction.atomic
def seed_participation() -> list[Concern]:
    """Create once: three concerns (one overdue, one major answered, one open),
    a confirmed subscription to the county, and one corrected text."""
    hrss = Organisation.objects.filter(code="410225-hrss").first()
    township = Organisation.objects.filter(code="410225104-gov").first()
    if (
        hrss is None
        or township is None
        or Concern.objects.filter(organisation=hrss).exists()
    ):
        return []
    users = {u.username: u for u in get_user_model().objects.all()}
    publisher, township_publisher = (
        users["county_publisher"],
        users["township_publisher"],
    )
    now = timezone.now()
    made = [
        concern_record(
            user=publisher,
            organisation=hrss,
            subject="网传兰考县失业保险金停发",
            source="online",
            source_detail="本地论坛热帖",
            severity="other",
            noticed_at=now - timedelta(hours=60),
        )
    ]
    major = concern_record(
        user=publisher,
        organisation=hrss,
        subject="招聘会现场人员聚集",
        source="media",
        severity="major",
        noticed_at=now - timedelta(hours=30),
    )
    answer = (
        Publication.objects.filter(
            organisation=hrss, status=PublicationStatus.PUBLISHED
        )
        .order_by("-published_at")
        .first()
    )
    if answer is not None:
        concern_respond(
            concern=major, user=publisher, publication=answer, at=major.noticed_at
        )
        concern_hold_conference(
            concern=major,
            user=publisher,
            at=major.noticed_at + timedelta(hours=20),
            note="县政府新闻办发布会",
        )
        corrected = (
            Publication.objects.filter(
                organisation=township, status=PublicationStatus.PUBLISHED
            )
            .order_by("pk")
            .first()
        )
        if corrected is not None:
            publication_correct(
                publication=corrected,
                user=township_publisher,
                title=corrected.title,
                body=corrected.body + "\n（联系电话已更正。）",
                reason="咨询电话号码有误，已更正。",
            )
    made.append(major)
    made.append(
        concern_record(
            user=township_publisher,
            organisation=township,
            subject="东坝头镇低保名单何时公示",
            source="hotline",
            severity="other",
            noticed_at=now - timedelta(hours=2),
        )
    )
    county = Region.objects.get(code="410225")
    Subscription.objects.get_or_create(
        email="demo-subscriber@example.cn",
        region=county,
        domain=None,
        item=None,
        defaults={"region_code": county.code, "confirmed_at": now, "sent_until": now},
    )
    return made
