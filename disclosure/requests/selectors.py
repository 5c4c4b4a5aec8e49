"""Reads for on-request disclosure: who may see and handle what, the office queue,
the due lists, and the counts the annual report is built on.

An applicant's data is seen by the body that received the request and the body
handling it now (their publishers; reviewers whose reach covers the handling
body); other counties and provincial reviewers see counts only.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import (
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber

from catalogs.models import CatalogKind, CatalogStatus, Item
from portal.models import Organisation, Role, WorkingDay
from portal.selectors import is_site_admin, organisations_for

from ..models import (
    CLOCK_STATUSES,
    OPEN_STATUSES,
    ChallengeKind,
    ChallengeOutcome,
    InformationRequest,
    RequestChallenge,
    RequestStatus,
)
from .clocks import DUE_SOON_WORKING_DAYS

HANDLING_ROLES = {Role.PUBLISHER, Role.REVIEWER}
FREQUENT_REQUESTS = 3  # Rizhao plan §(八), Art. 44: consider publishing proactively
FREQUENT_WINDOW_DAYS = 365
DUE_ROWS_SHOWN = 100


def handling_organisations(user) -> QuerySet[Organisation]:
    """The bodies whose requests ``user`` handles: a publisher's own body, a
    reviewer's reach; every body for a site administrator."""
    if not user.has_perm("disclosure.change_informationrequest"):
        return Organisation.objects.none()
    return organisations_for(user, roles=HANDLING_ROLES)


def requests_for(user) -> QuerySet[InformationRequest]:
    """Every request whose applicant data ``user`` may read."""
    qs = InformationRequest.objects.select_related(
        "organisation__region", "received_by", "handler", "item__catalog__domain"
    )
    if not user.has_perm("disclosure.view_informationrequest"):
        return qs.none()
    if is_site_admin(user):
        return qs
    reach = handling_organisations(user)
    return qs.filter(Q(organisation__in=reach) | Q(received_by__in=reach))


def may_handle(user, request: InformationRequest) -> bool:
    return handling_organisations(user).filter(pk=request.organisation_id).exists()


def may_approve_extension(user, request: InformationRequest) -> bool:
    """The head of the disclosure office: a reviewer whose reach covers the
    handling body (or a site administrator), never the one who asked."""
    if request.extension_requested_by_id == user.pk:
        return False
    if not user.has_perm("disclosure.change_informationrequest"):
        return False
    return (
        organisations_for(user, roles={Role.REVIEWER})
        .filter(pk=request.organisation_id)
        .exists()
    )


def sees_full_identity(user, request: InformationRequest) -> bool:
    """Only the handler sees the identity number unmasked."""
    return request.handler_id is not None and request.handler_id == user.pk


def counting_organisations(user) -> QuerySet[Organisation]:
    """Bodies whose request counts ``user`` may read (never the applicants)."""
    if is_site_admin(user):
        return organisations_for(user)
    roles = {Role.PROVINCIAL_REVIEWER, *HANDLING_ROLES}
    return organisations_for(user, roles=roles)


def catalog_items_for(organisation: Organisation) -> QuerySet[Item]:
    """Items a request to ``organisation`` may concern: its county's local catalogs."""
    county = organisation.region.code[:6]
    return (
        Item.objects.filter(
            catalog__kind=CatalogKind.LOCAL,
            catalog__organisation__region__code__startswith=county,
            level__gte=2,
        )
        .exclude(catalog__status=CatalogStatus.SUPERSEDED)
        .select_related("catalog__domain")
        .order_by("catalog__domain__position", "catalog__key", "position")
    )


# ── The office queue ────────────────────────────────────────────────────────

QUEUE_TABS = (
    "new",
    "open",
    "correction",
    "consulting",
    "extension",
    "extended",
    "soon",
    "overdue",
    "replied",
    "closed",
    "all",
)


def _horizon(today: date, within: int):
    """Today's workday ordinal and the date ``within`` working days on, as
    subqueries on the calendar, provisional years included (so a filter stays
    one range)."""
    calendar = WorkingDay.objects.all()
    today_ordinal = Subquery(calendar.filter(date=today).values("ordinal")[:1])
    horizon = Subquery(
        calendar.filter(is_workday=True, ordinal=today_ordinal + within).values("date")[
            :1
        ]
    )
    return today_ordinal, horizon


def tab_filters(today: date, within: int = DUE_SOON_WORKING_DAYS) -> dict[str, Q]:
    """Each queue tab as a predicate; the due ones compare ``due_on`` only."""
    _ordinal, horizon = _horizon(today, within)
    running = Q(status__in=CLOCK_STATUSES)
    return {
        "new": Q(status=RequestStatus.SUBMITTED),
        "open": Q(status__in=OPEN_STATUSES),
        "correction": Q(status=RequestStatus.AWAITING_CORRECTION),
        "consulting": Q(status=RequestStatus.CONSULTING),
        "extension": running
        & Q(extension_days__isnull=False, extension_approved_on__isnull=True),
        "extended": running & Q(extension_approved_on__isnull=False),
        "soon": running & Q(due_on__gte=today, due_on__lte=horizon),
        "overdue": running & Q(due_on__lt=today),
        "replied": Q(status__in=[RequestStatus.REPLIED, RequestStatus.DELIVERED]),
        "closed": Q(status__in=[RequestStatus.CLOSED, RequestStatus.ARCHIVED]),
        "all": Q(),
    }


def queue_counts(*, organisations, today: date) -> dict[str, int]:
    """How many requests each tab holds, in one aggregate query."""
    filters = tab_filters(today)
    return InformationRequest.objects.filter(organisation__in=organisations).aggregate(
        **{tab: Count("pk", filter=condition) for tab, condition in filters.items()}
    )


def office_queue(
    *, organisations, today: date, tab: str = "open"
) -> QuerySet[InformationRequest]:
    """One tab of the office's queue, most urgent first, with working days left."""
    condition = tab_filters(today)[tab if tab in QUEUE_TABS else "open"]
    return _with_days_left(
        InformationRequest.objects.filter(condition, organisation__in=organisations),
        today,
    ).order_by(F("due_on").asc(nulls_last=True), "submitted_at", "pk")


def _with_days_left(qs, today: date):
    today_ordinal, _horizon_date = _horizon(today, 0)
    due_ordinal = Subquery(
        WorkingDay.objects.filter(date=OuterRef("due_on")).values("ordinal")[:1]
    )
    return qs.select_related("organisation", "item").annotate(
        overdue=Case(
            When(due_on__lt=today, status__in=CLOCK_STATUSES, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        working_days_left=ExpressionWrapper(
            due_ordinal - today_ordinal, output_field=IntegerField()
        ),
    )


def requests_due(
    *, organisations, today: date, within: int = DUE_SOON_WORKING_DAYS
) -> QuerySet[InformationRequest]:
    """Requests whose clock runs that are overdue or due within ``within`` working
    days: one SQL query over the calendar's workday ordinals, as for publications."""
    _ordinal, horizon = _horizon(today, within)
    return _with_days_left(
        InformationRequest.objects.filter(
            status__in=CLOCK_STATUSES, organisation__in=organisations
        ).filter(Q(due_on__lt=today) | Q(due_on__lte=horizon)),
        today,
    ).order_by("due_on", "pk")


def overdue_days(rows) -> None:
    """Set ``days_overdue`` on rows annotated with ``working_days_left``."""
    for r in rows:
        left = getattr(r, "working_days_left", None)
        r.days_overdue = max(0, -left) if left is not None else 0


@dataclass(frozen=True)
class DueRequests:
    overdue: list
    due_soon: list
    overdue_count: int
    due_soon_count: int


def request_due_lists(
    *, organisations, today: date, shown: int = DUE_ROWS_SHOWN
) -> DueRequests:
    """The most urgent rows of each half of ``requests_due`` and each half's
    total, in one query (row numbers and counts as window functions)."""
    half = [F("overdue")]
    rows = (
        requests_due(organisations=organisations, today=today)
        .annotate(
            position=Window(RowNumber(), partition_by=half, order_by=["due_on", "pk"]),
            total=Window(Count("pk"), partition_by=half),
        )
        .filter(position__lte=shown)
    )
    overdue, soon = [], []
    for row in rows:
        (overdue if row.overdue else soon).append(row)
    return DueRequests(
        overdue=overdue,
        due_soon=soon,
        overdue_count=overdue[0].total if overdue else 0,
        due_soon_count=soon[0].total if soon else 0,
    )


# ── Many people asking for the same thing (Rizhao §(八), Art. 44) ───────────


def frequently_requested_items(*, organisations, today: date, minimum: int = 1):
    """Catalog items requests concern, with how many arrived in the last year
    (one query); ``frequent`` when three or more did."""
    since = today - timedelta(days=FREQUENT_WINDOW_DAYS)
    rows = (
        InformationRequest.objects.filter(
            organisation__in=organisations,
            item__isnull=False,
            received_on__gt=since,
            received_on__lte=today,
        )
        .values("item", "item__code", "item__name", "item__catalog__domain__name")
        .annotate(count=Count("pk"))
        .filter(count__gte=minimum)
        .order_by("-count", "item")[:50]
    )
    return [
        {
            "item": row["item"],
            "label": f"{row['item__code']} {row['item__name']}".strip(),
            "domain": row["item__catalog__domain__name"],
            "count": row["count"],
            "frequent": row["count"] >= FREQUENT_REQUESTS,
        }
        for row in rows
    ]


def item_request_count(item_id: int | None, today: date) -> int:
    if item_id is None:
        return 0
    since = today - timedelta(days=FREQUENT_WINDOW_DAYS)
    return InformationRequest.objects.filter(
        item_id=item_id, received_on__gt=since, received_on__lte=today
    ).count()


# ── The annual report's tables 三 and 四 (国办公开办函〔2021〕30号) ─────────


@dataclass(frozen=True)
class RequestCounts:
    """Table 三 of one body and year: cells keyed by (row, applicant kind).

    Rows: ``new`` (本年新收), ``carried_in`` (上年结转), one row per reply type
    (``granted`` …) and ``<type>:<reason>`` for the numbered sub-rows,
    ``total`` (（七）总计) and ``carried_forward`` (结转下年度继续办理).
    """

    organisation_id: int
    year: int
    cells: dict

    def cell(self, row: str, kind: str | None = None) -> int:
        if kind is None:
            return sum(n for (r, _k), n in self.cells.items() if r == row)
        return self.cells.get((row, kind), 0)

    @property
    def balanced(self) -> bool:
        """The report's cross-check: 一 + 二 = 三（七） + 四."""
        return self.cell("new") + self.cell("carried_in") == self.cell(
            "total"
        ) + self.cell("carried_forward")


def request_counts(*, organisations, year: int) -> dict[int, RequestCounts]:
    """Table 三 for every body of ``organisations`` in ``year``, one query.

    A request is new in the year it was received; carried in when received
    before the year and not closed before it; its result counts in the year it
    was closed; it is carried forward when received by the year's end and not
    closed within it. Requests are counted at the body handling them.
    """
    first, last = date(year, 1, 1), date(year, 12, 31)
    received = Q(received_on__isnull=False)
    rows = (
        InformationRequest.objects.filter(organisation__in=organisations)
        .filter(received, received_on__lte=last)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=first))
        .values("organisation", "applicant_kind", "reply_type", "reply_reason")
        .annotate(
            new=Count("pk", filter=Q(received_on__gte=first)),
            carried_in=Count("pk", filter=Q(received_on__lt=first)),
            closed=Count("pk", filter=Q(closed_on__lte=last)),
            forward=Count(
                "pk", filter=Q(closed_on__isnull=True) | Q(closed_on__gt=last)
            ),
        )
        .order_by()
    )
    tables: dict[int, dict] = {}
    for row in rows:
        cells = tables.setdefault(row["organisation"], {})
        kind = row["applicant_kind"]

        def add(name, n, cells=cells, kind=kind):
            if n:
                cells[name, kind] = cells.get((name, kind), 0) + n

        add("new", row["new"])
        add("carried_in", row["carried_in"])
        add("carried_forward", row["forward"])
        if row["closed"] and row["reply_type"]:
            add(row["reply_type"], row["closed"])
            if row["reply_reason"] and row["reply_type"] != "partial":
                add(f"{row['reply_type']}:{row['reply_reason']}", row["closed"])
            add("total", row["closed"])
    return {
        pk: RequestCounts(organisation_id=pk, year=year, cells=cells)
        for pk, cells in tables.items()
    }


def challenge_counts(*, organisations, year: int) -> dict[int, dict]:
    """Table 四 for every body: {(kind, outcome): n} for the reviews and lawsuits
    filed in ``year``, each with its outcome as at the year's end (one query)."""
    last = date(year, 12, 31)
    pending_at_year_end = Q(decided_on__isnull=True) | Q(decided_on__gt=last)
    rows = (
        RequestChallenge.objects.filter(
            request__organisation__in=organisations, filed_on__year=year
        )
        .annotate(
            at_year_end=Case(
                When(pending_at_year_end, then=Value(ChallengeOutcome.PENDING.value)),
                default=F("outcome"),
            )
        )
        .values("request__organisation", "kind", "at_year_end")
        .annotate(n=Count("pk"))
        .order_by()
    )
    tables: dict[int, dict] = {}
    for row in rows:
        table = tables.setdefault(row["request__organisation"], {})
        key = (row["kind"], row["at_year_end"])
        table[key] = table.get(key, 0) + row["n"]
    for table in tables.values():
        for kind in ChallengeKind.values:
            table[kind, "total"] = sum(n for (k, o), n in table.items() if k == kind)
    return tables
