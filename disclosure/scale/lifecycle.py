"""One synthetic publication's story: formed, drafted, reviewed, published or not.

The formed date is a working day in the window, the due date the item's time
limit on the calendar. Older information is mostly published, some withdrawn or
kept back (不予公开 with a negative-list entry, or 依申请公开); recent
information is also still a draft or in review, and a few old drafts are
overdue. Each step is an event (a history row at its own time, by its own
user, with the reason the service would record), and what passed review has its
completed compliance review. Rows are plain dicts by attname, for ``rows.Table``.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from ..deadlines import due_date
from ..metadata.indexnumbers import IndexNumbers
from ..models import (
    Attribute,
    Decision,
    LegalOpinion,
    PublicationKind,
    PublicationStatus,
    Source,
    Validity,
)
from .wording import (
    COLUMNS,
    RETURN_REASONS,
    VALIDITY_REASONS,
    WITHDRAWAL_REASONS,
    WITHHELD_REASON,
    publication_kind,
    publication_title,
)
from .workdays import WorkdayTable

UNPUBLISHED = {
    "status": PublicationStatus.DRAFT,
    "attribute": "",
    "negative_list_entry_id": None,
    "published_at": None,
    "withdrawn_at": None,
    "withdrawal_reason": "",
    "validity": Validity.VALID,
    "validity_on": None,
    "validity_reason": "",
    "index_number": "",
    "index_sequence": None,
}
REVIEW_PENDING = {
    "decision": Decision.PENDING,
    "decision_reason": "",
    "decided_at": None,
    "uploaded_on": None,
    "publisher_name": "",
}


@dataclass(frozen=True)
class Timeline:
    """Publications are formed between ``first`` and ``anchor``; nothing is later."""

    first: date
    anchor: date


@dataclass
class Event:
    """A step: a history row at ``when`` with ``state`` over the final row."""

    when: datetime
    user_id: int
    reason: str
    state: dict
    created: bool = False


@dataclass
class Story:
    publication: dict
    events: list[Event] = field(default_factory=list)
    reviews: list[tuple[dict, list[Event]]] = field(default_factory=list)


@dataclass(frozen=True)
class Pair:
    """Who publishes under which item, and who reviews it."""

    item: object
    organisation: object
    level: str
    author: object
    reviewer: object
    staff: list[str]  # names for the review form


class Lifecycle:
    def __init__(
        self,
        *,
        table: WorkdayTable,
        timeline: Timeline,
        negative_list: list,
        defaults: dict[str, dict],
    ):
        self.table = table
        self.timeline = timeline
        self.negative_list = negative_list
        self.defaults = defaults  # every attname's default, per table
        self.tz = timezone.get_current_timezone()
        # The run makes its bodies, so their serial numbers start at one.
        self.index_numbers = IndexNumbers(fresh=True)
        self.reasons = {
            "draft": _("Draft started."),
            "submit": _("Submitted for compliance review."),
            "publish": _("Published."),
            "filled": _("Compliance review form filled in."),
            "approve": _("Approved."),
            Attribute.NOT_DISCLOSED: _("Reviewed as %(attribute)s; not published.")
            % {"attribute": Attribute.NOT_DISCLOSED.label},
            Attribute.ON_REQUEST: _("Reviewed as %(attribute)s; not published.")
            % {"attribute": Attribute.ON_REQUEST.label},
        }

    def _at(self, day: date, rng: random.Random, first: int, last: int) -> datetime:
        """A time on ``day`` between ``first`` and ``last`` minutes after midnight."""
        minute = rng.randint(first, last)
        return datetime.combine(day, time(minute // 60, minute % 60), tzinfo=self.tz)

    def story(self, rng: random.Random, pair: Pair, serial: int) -> Story:
        table, anchor = self.table, self.timeline.anchor
        item, organisation = pair.item, pair.organisation
        formed = table.random_workday(rng, self.timeline.first, anchor)
        status = _status(rng, (anchor - formed).days)
        kind = publication_kind(rng, item)
        created = self._at(formed, rng, 8 * 60 + 30, 9 * 60 + 59)
        due = due_date(item, formed, calendar=table)
        publication = {
            **self.defaults["publication"],
            **UNPUBLISHED,
            "item_id": item.pk,
            "organisation_id": organisation.pk,
            "level": pair.level,
            "kind": kind,
            "title": publication_title(organisation, item, kind, formed, serial),
            "body": (
                f"根据《中华人民共和国政府信息公开条例》，现将{item.name}有关信息"
                f"公开如下：{'、'.join(item.content[:5]) or item.name}。"
                f"如有疑问，请与{organisation.name}联系。"
            ),
            "formed_on": formed,
            "due_on": due.day,
            "due_on_provisional": due.provisional,
            "status": status,
            "author_id": pair.author.pk,
            "created_at": created,
        }
        story = Story(publication)
        draft = {**UNPUBLISHED, "updated_at": created}
        story.events.append(
            Event(created, pair.author.pk, self.reasons["draft"], draft, created=True)
        )
        if status == PublicationStatus.DRAFT:
            last = created
            if rng.random() < 0.12:
                last = self._returned(rng, story, pair)
        elif status == PublicationStatus.IN_REVIEW:
            day = table.random_workday(rng, formed, anchor)
            last = self._submit(story, self._at(day, rng, 600, 719), pair)
        else:
            last = self._decided(rng, story, pair)
        publication["updated_at"] = last
        return story

    def _submit(self, story: Story, when: datetime, pair: Pair) -> datetime:
        state = {
            **UNPUBLISHED,
            "status": PublicationStatus.IN_REVIEW,
            "updated_at": when,
        }
        story.events.append(Event(when, pair.author.pk, self.reasons["submit"], state))
        return when

    def _returned(self, rng, story: Story, pair: Pair) -> datetime:
        formed = story.publication["formed_on"]
        day = self.table.random_workday(rng, formed, self.timeline.anchor)
        self._submit(story, self._at(day, rng, 600, 719), pair)
        returned = self._at(day, rng, 840, 1079)
        reason = rng.choice(RETURN_REASONS)
        state = {**UNPUBLISHED, "updated_at": returned}
        story.events.append(Event(returned, pair.reviewer.pk, reason, state))
        review = self._review(rng, story.publication, pair, day, Attribute.PROACTIVE)
        review.update(
            decision=Decision.RETURNED, decision_reason=reason, decided_at=returned
        )
        story.reviews.append((review, self._review_events(review, pair, reason)))
        return returned

    def _decided(self, rng, story: Story, pair: Pair) -> datetime:
        table, anchor = self.table, self.timeline.anchor
        publication = story.publication
        formed, due = publication["formed_on"], publication["due_on"]
        day = None
        if rng.random() < 0.1:  # published late
            late = table.add_working_days(due, rng.randint(1, 10))
            day = late if late <= anchor else None
        if day is None:
            day = table.random_workday(rng, formed, min(due, anchor))
        submitted = table.random_workday(rng, formed, day)
        self._submit(story, self._at(submitted, rng, 600, 719), pair)
        decided = self._at(day, rng, 840, 1079)
        attribute = Attribute.PROACTIVE
        if publication["status"] == PublicationStatus.RETAINED:
            attribute = (
                Attribute.NOT_DISCLOSED if rng.random() < 0.75 else Attribute.ON_REQUEST
            )
        review = self._review(rng, publication, pair, day, attribute)
        review.update(decision=Decision.APPROVED, decided_at=decided)
        publication["attribute"] = attribute
        publication["negative_list_entry_id"] = review["negative_list_entry_id"]
        state = {
            **UNPUBLISHED,
            "status": PublicationStatus.RETAINED,
            "attribute": attribute,
            "negative_list_entry_id": review["negative_list_entry_id"],
            "updated_at": decided,
        }
        if attribute == Attribute.PROACTIVE:
            author = pair.author
            review["uploaded_on"] = day
            review["publisher_name"] = author.last_name + author.first_name
            number, serial = self.index_numbers.next(pair.organisation, decided.year)
            publication.update(
                published_at=decided, index_number=number, index_sequence=serial
            )
            state.update(
                status=PublicationStatus.PUBLISHED,
                published_at=decided,
                index_number=number,
                index_sequence=serial,
            )
            reason = self.reasons["publish"]
        else:
            reason = self.reasons[attribute]
        story.reviews.append((review, self._review_events(review, pair, "")))
        story.events.append(Event(decided, pair.reviewer.pk, reason, state))
        if publication["status"] == PublicationStatus.WITHDRAWN:
            return self._withdraw(rng, story, state, pair)
        if (
            publication["kind"] == PublicationKind.POLICY
            and (anchor - day).days > 400
            and rng.random() < 0.25
        ):
            return self._validity(rng, story, state, day, pair)
        return decided

    def _withdraw(self, rng, story: Story, state: dict, pair: Pair) -> datetime:
        publication = story.publication
        decided = publication["published_at"]
        end = datetime.combine(self.timeline.anchor, time(17), tzinfo=self.tz)
        when = min(decided + timedelta(days=rng.randint(1, 30)), end)
        if when <= decided:
            when = decided + timedelta(hours=1)
        reason = rng.choice(WITHDRAWAL_REASONS)
        changes = {
            "status": PublicationStatus.WITHDRAWN,
            "withdrawn_at": when,
            "withdrawal_reason": reason,
        }
        publication.update(changes)
        state = {**state, **changes, "updated_at": when}
        story.events.append(Event(when, pair.author.pk, reason, state))
        return when

    def _validity(self, rng, story, state, published_on, pair: Pair) -> datetime:
        days = rng.randint(180, (self.timeline.anchor - published_on).days)
        on = self.table.add_working_days(published_on + timedelta(days=days), 0)
        on = min(on, self.timeline.anchor)
        validity = rng.choice(list(VALIDITY_REASONS))
        changes = {
            "validity": validity,
            "validity_on": on,
            "validity_reason": VALIDITY_REASONS[validity],
        }
        story.publication.update(changes)
        when = self._at(on, rng, 540, 1020)
        state = {**state, **changes, "updated_at": when}
        story.events.append(
            Event(when, pair.author.pk, changes["validity_reason"], state)
        )
        return when

    def _review(self, rng, publication, pair: Pair, day: date, attribute) -> dict:
        entry = None
        if attribute == Attribute.NOT_DISCLOSED:
            entry = rng.choice(self.negative_list)
        reprinted = rng.random() < 0.1
        staff = pair.staff
        return {
            **self.defaults["review"],
            "information_name": publication["title"],
            "source": Source.REPRINTED if reprinted else Source.OWN,
            "reprint_source": "上级主管部门门户网站" if reprinted else "",
            "attribute": attribute,
            "negative_list_entry_id": entry.pk if entry else None,
            "withheld_reason": WITHHELD_REASON if entry else "",
            "platform_website": attribute == Attribute.PROACTIVE,
            "platform_new_media": attribute == Attribute.PROACTIVE
            and rng.random() < 0.3,
            "legal_opinion": LegalOpinion.AGREE,
            "column": COLUMNS[pair.level],
            "handler": rng.choice(staff),
            "secrecy_reviewer": rng.choice(staff),
            "legal_reviewer": rng.choice(staff),
            "head_of_unit": staff[0],
            "leader_in_charge": staff[1],
            "filled_on": day,
            "reviewer_id": pair.reviewer.pk,
        }

    def _review_events(self, review: dict, pair: Pair, reason: str) -> list[Event]:
        filled = review["decided_at"] - timedelta(minutes=20)
        user = pair.reviewer.pk
        return [
            Event(filled, user, self.reasons["filled"], REVIEW_PENDING, created=True),
            Event(review["decided_at"], user, reason or self.reasons["approve"], {}),
        ]


def _status(rng: random.Random, age: int) -> str:
    """Recent information is still in the works; older is mostly published."""
    if age <= 60:
        odds = ((0.30, "draft"), (0.45, "in_review"), (0.95, "published"))
    elif age <= 365:
        odds = ((0.025, "draft"), (0.04, "in_review"), (0.90, "published"))
        odds += ((0.95, "withdrawn"),)
    else:
        odds = ((0.007, "draft"), (0.01, "in_review"), (0.90, "published"))
        odds += ((0.95, "withdrawn"),)
    draw = rng.random()
    for limit, status in odds:
        if draw < limit:
            return status
    return PublicationStatus.RETAINED
