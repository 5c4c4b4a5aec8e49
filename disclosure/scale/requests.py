"""Synthetic requests for information, written in bulk with their steps and history.

Each county receives ``per_county`` requests over the timeline: most at its
two bureaus, some at township governments; applicants of every kind of table
三; older ones replied (every reply type and reason) and closed, a few still
open and overdue; recent ones in every open state (new online, being handled,
awaiting correction, with a third party, extended). Due dates follow
``disclosure.requests.clocks.reply_period`` on the in-memory calendar, so the
due lists have real work to do. Rows are plain dicts for ``rows.Table``.
"""

import hashlib
import random
from datetime import date, datetime, time

from django.utils import timezone

from ..models import (
    REASONS_OF_TYPE,
    EventKind,
    InformationRequest,
    ReplyType,
    RequestEvent,
    RequestStatus,
)
from ..requests.clocks import CONSULTATION_WORKING_DAYS, reply_period
from .bodies import CountyBodies
from .names import person_name, seeded
from .rows import History, Table
from .workdays import WorkdayTable

FLUSH_SIZE = 20_000
KINDS = [
    ("natural_person", 80),
    ("commercial", 8),
    ("research", 3),
    ("public_interest", 3),
    ("legal_service", 3),
    ("other", 3),
]
REPLIES = [
    (ReplyType.GRANTED, 45),
    (ReplyType.PARTIAL, 10),
    (ReplyType.WITHHELD, 8),
    (ReplyType.UNABLE, 22),
    (ReplyType.NOT_PROCESSED, 10),
    (ReplyType.OTHER, 5),
]
TOPICS = [
    "公益性岗位补贴发放情况",
    "职业技能培训补贴拨付明细",
    "失业保险金发放汇总",
    "城乡居民养老保险缴费档次",
    "最低生活保障对象认定材料",
    "临时救助资金使用情况",
    "特困人员供养标准",
    "养老机构运营补贴名单",
]


def _pick(rng: random.Random, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


class RequestWriter:
    def __init__(self, *, table: WorkdayTable, timeline, per_county: int, seed: int):
        self.table = table
        self.timeline = timeline
        self.per_county = per_county
        self.seed = seed
        self.tz = timezone.get_current_timezone()
        self.requests = Table(InformationRequest)
        self.events = Table(RequestEvent)
        self.pending: list[tuple[dict, list[dict]]] = []
        self.history = 0

    @property
    def counts(self) -> dict[str, int]:
        return {
            "information requests": self.requests.written,
            "request steps": self.events.written,
        }

    def _at(self, day: date, hour: int = 10) -> datetime:
        return datetime.combine(day, time(hour), tzinfo=self.tz)

    def county(self, bodies: CountyBodies) -> None:
        if not self.per_county:
            return
        rng = seeded(self.seed, bodies.layout.county.code, "requests")
        code = bodies.layout.county.code
        for serial in range(1, self.per_county + 1):
            roll = rng.random()
            if roll < 0.7 or not bodies.townships:
                organisation = bodies.hrss
            elif roll < 0.9:
                organisation = bodies.mca
            else:
                organisation = rng.choice(bodies.townships)
            self.pending.append(
                self._story(rng, bodies, organisation, f"s{code}-{serial:05d}")
            )
            if len(self.pending) >= FLUSH_SIZE:
                self.flush()

    def _story(self, rng, bodies, organisation, reference):
        table, anchor = self.table, self.timeline.anchor
        received = table.random_workday(rng, self.timeline.first, anchor)
        age = table.ordinals[anchor] - table.ordinals[received]
        handler = bodies.publisher_for(organisation)
        kind = _pick(rng, KINDS)
        row = {
            **self.requests.defaults,
            "organisation_id": organisation.pk,
            "received_by_id": organisation.pk,
            "reference": reference,
            "query_code_hash": hashlib.sha256(reference.encode()).hexdigest(),
            "channel": rng.choice(["web", "in_person", "post", "phone", "email"]),
            "submitted_at": self._at(received, 9),
            "received_on": received,
            "clock_start_on": received,
            "applicant_kind": kind,
            "applicant_name": person_name(rng)
            if kind == "natural_person"
            else f"{organisation.region.name}某{rng.choice('商研益律他')}单位",
            "identity_type": "resident_id"
            if kind == "natural_person"
            else "credit_code",
            "identity_number": f"{rng.randrange(10**17, 10**18)}",
            "address": f"{organisation.region.name}人民路{rng.randint(1, 300)}号",
            "phone": f"139{rng.randrange(10**7, 10**8)}",
            "information_title": f"{received.year}年{rng.choice(TOPICS)}",
            "description": "请提供相关文件及数据。",
            "information_form": "paper",
            "delivery": "post",
            "handler_id": handler.pk,
            "created_at": self._at(received, 9),
            "updated_at": self._at(received, 9),
        }
        steps = [self._step(row, EventKind.REGISTERED, received, handler)]
        extension, paused = None, 0
        if age < 45:
            status = _pick(
                rng,
                [
                    (RequestStatus.SUBMITTED, 5),
                    (RequestStatus.REGISTERED, 60),
                    (RequestStatus.AWAITING_CORRECTION, 10),
                    (RequestStatus.CONSULTING, 10),
                    (RequestStatus.REPLIED, 15),
                ],
            )
        else:
            status = RequestStatus.REGISTERED if rng.random() < 0.02 else "done"
        if status == RequestStatus.SUBMITTED:
            row.update(received_on=None, clock_start_on=None, handler_id=None)
            steps = [self._step(row, EventKind.SUBMITTED, received, None)]
        elif status == RequestStatus.AWAITING_CORRECTION:
            sent = table.add_working_days(received, rng.randint(1, 7))
            row.update(
                correction_sent_on=min(sent, anchor),
                correction_due_on=table.add_working_days(min(sent, anchor), 15),
                correction_request="请写明所需信息的名称和年度。",
            )
            steps.append(
                self._step(
                    row, EventKind.CORRECTION_SENT, row["correction_sent_on"], handler
                )
            )
        elif status == RequestStatus.CONSULTING:
            paused = CONSULTATION_WORKING_DAYS
        if (
            status in (RequestStatus.REGISTERED, RequestStatus.CONSULTING)
            and rng.random() < 0.1
        ):
            extension = 20
            row.update(
                extension_days=20,
                extension_reason="涉及数据量大，需调档核对。",
                extension_requested_by_id=handler.pk,
                extension_requested_on=received,
                extension_approved_by_id=(
                    bodies.mca_reviewer
                    if organisation is bodies.mca
                    else bodies.reviewer
                ).pk,
                extension_approved_on=received,
            )
        if row["clock_start_on"] is not None:
            row["due_on"] = table.add_working_days(
                received, reply_period(extension, paused)
            )
        if status in (RequestStatus.REPLIED, "done"):
            replied = table.add_working_days(received, rng.randint(3, 20))
            replied = min(replied, anchor)
            reply_type = _pick(rng, REPLIES)
            reasons = REASONS_OF_TYPE[reply_type]
            row.update(
                reply_type=reply_type,
                reply_reason=rng.choice(reasons) if reasons else "",
                replied_on=replied,
                replied_by_id=handler.pk,
            )
            steps.append(self._step(row, EventKind.REPLIED, replied, handler))
            if status == "done":
                closed = min(table.add_working_days(replied, 3), anchor)
                status = RequestStatus.CLOSED
                row.update(
                    delivered_by="post",
                    tracking_number=f"1151{rng.randrange(10**9, 10**10)}",
                    delivered_on=closed,
                    closed_on=closed,
                )
                steps.append(self._step(row, EventKind.CLOSED, closed, handler))
        row["status"] = status
        return row, steps

    def _step(self, row, kind, on, user):
        return {
            **self.events.defaults,
            "kind": kind,
            "on": on,
            "at": self._at(on, 11),
            "user_id": user.pk if user else None,
            "due_on": row.get("due_on"),
            "public": True,
        }

    def flush(self) -> None:
        stories, self.pending = self.pending, []
        if not stories:
            return
        self.requests.insert([row for row, _steps in stories])
        events, history = [], History(InformationRequest)
        for row, steps in stories:
            for step in steps:
                step["request_id"] = row["id"]
                events.append(step)
                history.add(
                    row,
                    when=step["at"],
                    user_id=step["user_id"],
                    reason=str(EventKind(step["kind"]).label),
                    created=step["kind"] in (EventKind.REGISTERED, EventKind.SUBMITTED),
                )
        self.events.insert(events)
        self.history += history.write()
