"""The authorisation matrix's objects for concerns, the correction log and
subscriptions: one of each per target (the demo's, and the other county's)."""

from datetime import timedelta

from django.utils import timezone

from disclosure.concerns.clocks import deadlines
from disclosure.models import Concern, CorrectionEntry, Subscription


def participation(world) -> dict:
    made = {
        "concern.county": Concern.objects.filter(organisation=world["org.county"])
        .order_by("pk")
        .first(),
        "concern.township": Concern.objects.filter(
            organisation=world["org.township"]
        ).first(),
    }
    noticed = timezone.now() - timedelta(hours=1)
    made["concern.other"] = Concern.objects.create(
        organisation=world["org.other"],
        subject="杞县网传事项",
        source="online",
        severity="major",
        noticed_at=noticed,
        response_due_at=deadlines("major", noticed).response,
        conference_due_at=deadlines("major", noticed).conference,
        recorded_by=world["user.qixian_editor"],
    )
    made["correction.county"] = CorrectionEntry.objects.filter(
        organisation=world["org.county"]
    ).first()
    made["correction.township"] = CorrectionEntry.objects.filter(
        organisation=world["org.township"]
    ).first()
    other = world["published.other"]
    made["correction.other"] = CorrectionEntry.objects.create(
        kind="correction",
        publication=other,
        organisation=other.organisation,
        county_code=other.organisation.region.code[:6],
        title=other.title,
        what="正文",
        reason="授权矩阵",
        happened_at=timezone.now(),
    )
    made["subscription"] = Subscription.objects.get(email="demo-subscriber@example.cn")
    for name, value in made.items():
        assert value is not None, name
    return made
