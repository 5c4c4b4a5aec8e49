"""Writes of public participation: consultations, comments, moderation, adoption
feedback, and the public's say. Every rule about time is decided here, by the
server's clock, in the server's time zone (Asia/Shanghai).
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.audit import audited_save

from ..models import (
    AdoptionFeedback,
    CommentStatus,
    Consultation,
    ConsultationComment,
    ConsultationStatus,
    DisclosureSay,
    Verdict,
)
from ..pii import find_personal_data, mask_personal_data
from ..public import versions

SAY_SALT = "disclosure.participation.say"


def server_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def window_of(
    *, opens_on: dt.date, closes_on: dt.date
) -> tuple[dt.datetime, dt.datetime]:
    """A consultation open from the start of ``opens_on`` to the end of
    ``closes_on``, both days as the server's time zone counts them."""
    zone = server_zone()
    opens_at = dt.datetime.combine(opens_on, dt.time.min, tzinfo=zone)
    closes_at = dt.datetime.combine(
        closes_on + dt.timedelta(days=1), dt.time.min, tzinfo=zone
    )
    return opens_at, closes_at


def last_day(consultation: Consultation) -> dt.date:
    """The last day comments are taken, in the server's time zone."""
    closes = consultation.closes_at.astimezone(server_zone())
    return (closes - dt.timedelta(microseconds=1)).date()


def is_open(consultation: Consultation, *, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        consultation.status == ConsultationStatus.PUBLISHED
        and consultation.opens_at <= now < consultation.closes_at
    )


def is_closed(consultation: Consultation, *, now: dt.datetime | None = None) -> bool:
    return (now or timezone.now()) >= consultation.closes_at


CONSULTATION_FIELDS = (
    "title",
    "draft_text",
    "interpretation_text",
    "contact",
)


def _refuse_texts(data: dict) -> None:
    errors = {}
    for name in CONSULTATION_FIELDS:
        if find_personal_data(data.get(name, "")):
            errors[name] = _(
                "This text holds personal data (an ID, mobile or bank-card number). "
                "Remove it before the consultation is saved."
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def consultation_save(
    *,
    user,
    data: dict,
    organisation=None,
    consultation: Consultation | None = None,
    reason: str = "",
) -> Consultation:
    """Create (with ``organisation``) or edit a consultation from the form's
    ``data``: its texts and its ``opens_on``/``closes_on`` days."""
    _refuse_texts(data)
    if data["closes_on"] < data["opens_on"]:
        raise ValidationError(
            {"closes_on": _("The closing day must not be before the opening day.")}
        )
    if consultation is None:
        consultation = Consultation(created_by=user)
    if organisation is not None:
        consultation.organisation = organisation
    for name in CONSULTATION_FIELDS:
        setattr(consultation, name, data[name])
    consultation.opens_at, consultation.closes_at = window_of(
        opens_on=data["opens_on"], closes_on=data["closes_on"]
    )
    if consultation.status == ConsultationStatus.PUBLISHED:
        versions.bump(consultation.organisation.region.code)
    return audited_save(
        consultation,
        user=user,
        reason=reason
        or (_("Consultation edited") if consultation.pk else _("Consultation created")),
    )


@transaction.atomic
def consultation_publish(*, user, consultation: Consultation) -> Consultation:
    if consultation.status != ConsultationStatus.DRAFT:
        raise ValidationError(_("Only a draft consultation can be published."))
    consultation.status = ConsultationStatus.PUBLISHED
    versions.bump(consultation.organisation.region.code)  # the sitemap, feed, API
    return audited_save(consultation, user=user, reason=_("Consultation published"))


@transaction.atomic
def comment_submit(
    *,
    consultation: Consultation,
    name: str,
    contact: str,
    text: str,
    now: dt.datetime | None = None,
) -> ConsultationComment:
    """Take a citizen's comment while the consultation is open; its text and
    name are masked before anyone, moderators included, can read them."""
    now = now or timezone.now()
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if (
        consultation.status != ConsultationStatus.PUBLISHED
        or now < consultation.opens_at
    ):
        raise ValidationError(_("This consultation is not open for comments yet."))
    if now >= consultation.closes_at:
        raise ValidationError(
            _(
                "This consultation closed at the end of %(day)s (Beijing time); "
                "no more comments are accepted."
            )
            % {"day": date_format(last_day(consultation), "DATE_FORMAT")}
        )
    masked = mask_personal_data(text)
    masked_name = mask_personal_data(name)
    comment = ConsultationComment(
        consultation=consultation,
        name=masked_name.strip(),
        contact=contact.strip(),
        text=masked.strip(),
        had_personal_data=masked != text or masked_name != name,
        submitted_at=now,
    )
    return audited_save(comment, user=None, reason=_("Comment received"))


@transaction.atomic
def comment_moderate(
    *,
    user,
    comment: ConsultationComment,
    publish: bool,
    reason: str = "",
    now: dt.datetime | None = None,
) -> ConsultationComment:
    """Publish a comment, or keep it unpublished with the reason."""
    reason = reason.strip()
    if not publish and not reason:
        raise ValidationError({"reason": _("Say why the comment is not published.")})
    comment.status = CommentStatus.PUBLISHED if publish else CommentStatus.REJECTED
    comment.moderation_reason = "" if publish else reason
    comment.moderated_by = user
    comment.moderated_at = now or timezone.now()
    versions.bump(comment.consultation.organisation.region.code)  # the API's counts
    # The text was masked on receipt; mask again so no later edit can slip by.
    comment.text = mask_personal_data(comment.text)
    return audited_save(
        comment,
        user=user,
        reason=_("Comment published") if publish else _("Comment not published"),
    )


@transaction.atomic
def feedback_record(
    *,
    user,
    consultation: Consultation,
    comments: Iterable[ConsultationComment],
    gist: str,
    verdict: str,
    reason: str = "",
    now: dt.datetime | None = None,
) -> AdoptionFeedback:
    """Record how one comment or a group of similar comments was taken up;
    only once the consultation has closed."""
    if not is_closed(consultation, now=now):
        raise ValidationError(
            _("Adoption feedback is recorded once the consultation has closed.")
        )
    comments = list(comments)
    if not comments:
        raise ValidationError({"comments": _("Choose at least one comment.")})
    if any(c.consultation_id != consultation.pk for c in comments):
        raise ValidationError(
            {"comments": _("Every comment must belong to this consultation.")}
        )
    if verdict not in Verdict.values:
        raise ValidationError(
            {"verdict": _("Choose adopted, partly adopted or not adopted.")}
        )
    if verdict != Verdict.ADOPTED and not reason.strip():
        raise ValidationError(
            {
                "reason": _(
                    "Give the reason an opinion is adopted in part or not adopted."
                )
            }
        )
    feedback = AdoptionFeedback(
        consultation=consultation,
        gist=mask_personal_data(gist.strip()),
        verdict=verdict,
        reason=mask_personal_data(reason.strip()),
        position=consultation.feedback.count() + 1,
        recorded_by=user,
    )
    audited_save(feedback, user=user, reason=_("Adoption feedback recorded"))
    for comment in comments:
        comment.feedback = feedback
        audited_save(
            comment,
            user=user,
            reason=_("Adoption feedback recorded"),
            update_fields=["feedback"],
            validate=False,
        )
    return feedback


@transaction.atomic
def feedback_publish(
    *,
    user,
    consultation: Consultation,
    summary: str,
    final_publication=None,
    now: dt.datetime | None = None,
) -> Consultation:
    """Publish the summary of the adoption and link the final policy."""
    if not is_closed(consultation, now=now):
        raise ValidationError(
            _("The summary is published once the consultation has closed.")
        )
    if not summary.strip():
        raise ValidationError({"summary": _("Write the summary of the adoption.")})
    if find_personal_data(summary):
        raise ValidationError(
            {
                "summary": _(
                    "The summary holds personal data (an ID, mobile or bank-card "
                    "number). Remove it before publishing."
                )
            }
        )
    # The final policy's page links back here: move its cached pages (and the
    # ones of a policy linked before).
    for linked in {consultation.final_publication, final_publication} - {None}:
        versions.bump(linked.organisation.region.code)
    versions.bump(consultation.organisation.region.code)
    consultation.feedback_summary = summary.strip()
    consultation.feedback_published_at = consultation.feedback_published_at or (
        now or timezone.now()
    )
    consultation.final_publication = final_publication
    return audited_save(
        consultation, user=user, reason=_("Adoption feedback published")
    )


@dataclass(frozen=True)
class SayPage:
    """The page an answer is about: an item page or a publication page."""

    organisation_id: int
    item_id: int | None = None
    publication_id: int | None = None

    @property
    def key(self) -> str:
        if self.publication_id:
            return f"publication:{self.publication_id}"
        return f"item:{self.item_id}"


def say_key(*, client: str, page: SayPage, day: dt.date) -> str:
    """A keyed hash of who, which page and which day: one answer per person per
    page per day, without keeping the address."""
    return salted_hmac(SAY_SALT, f"{client}|{page.key}|{day.isoformat()}").hexdigest()


def say_record(
    *,
    client: str,
    page: SayPage,
    answers: dict,
    now: dt.datetime | None = None,
) -> DisclosureSay | None:
    """Keep one answer; None when this person answered on this page today."""
    day = timezone.localdate(now or timezone.now())
    say = DisclosureSay(
        organisation_id=page.organisation_id,
        item_id=page.item_id,
        publication_id=page.publication_id,
        timely=answers["timely"],
        complete=answers["complete"],
        convenient=answers["convenient"],
        comment=mask_personal_data(answers.get("comment", "").strip()),
        answered_on=day,
        answer_key=say_key(client=client, page=page, day=day),
    )
    say.full_clean(exclude=["answer_key"])
    try:
        with transaction.atomic():
            say.save()
    except IntegrityError:
        return None
    return say
