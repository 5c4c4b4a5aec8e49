"""What every publication, request and interpretation counts as for timeliness,
and the tallies that add them up per county, domain and day.

One place defines the outcome of a row (``rows``): its day (the due date of a
publication, the date of receipt of a request, the date its document was
published for an interpretation), its state (on time, late, open …) and its
working days (late, to the reply, from the document), counted on the calendar's
workday ordinals. The figures read these rows directly for a county or a body,
and read ``TimelinessTally`` (the same rows grouped and counted) for a city or
a province, where they would otherwise read a million rows.

A tally of rows still open (unpublished, unanswered) keeps their day, so
"overdue now" can be counted on any day; the others are counted per quarter
(their ``day`` is the quarter's first day): the statistics' periods are whole
quarters or years, and a county's year is then a few hundred tallies.

The tallies are kept in step by recounting, never by adding or subtracting:
every save or delete of a publication or request recounts the tallies of the
(kind, county, quarter) keys it touched before and after, from the rows, inside
the same transaction and under an advisory lock per key on PostgreSQL (two
bodies of one county publishing at once recount one after the other). A
calendar change recounts every day whose working-day counts it can move.
Bulk writes bypass signals: their commands (``seed_scale``) call ``rebuild``,
and ``manage.py rebuild_timeliness`` recounts everything on demand; ``migrate``
counts them where a portal upgraded to this version has rows but no tallies.
"""

import zlib
from datetime import date

from django.apps import apps
from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import (
    Greatest,
    Length,
    Substr,
    TruncDate,
    TruncQuarter,
)
from django.db.models.lookups import LessThanOrEqual
from django.db.models.signals import post_delete, post_migrate, post_save, pre_save
from django.utils import timezone

from portal.calendar.signals import CalendarChange, calendar_changed
from portal.models import Organisation, WorkingDay

from ...models import (
    OPEN_STATUSES,
    PUBLISHED_ON_TIME,
    InformationRequest,
    Publication,
    PublicationKind,
    PublicationStatus,
    TallyKind,
    TallyState,
    TimelinessTally,
)
from ..progress import PUBLISHED, UNPUBLISHED, Quarter

COUNTY_CODE_LENGTH = 6
ANSWERED_STATES = (TallyState.IN_TIME, TallyState.ANSWERED_LATE, TallyState.ANSWERED)

# The fields whose change can move a row's tally; a save of others recounts nothing.
PUBLICATION_FIELDS = {
    "organisation",
    "item",
    "kind",
    "status",
    "due_on",
    "published_at",
    "interpretation_of",
}
REQUEST_FIELDS = {
    "organisation",
    "item",
    "status",
    "received_on",
    "due_on",
    "replied_on",
    "extension_approved_on",
    "correction_sent_on",
}


def ordinal(day: str | date):
    """The workday ordinal of the date in the outer row's field ``day`` (a
    name), or of the date ``day``, as a subquery."""
    on = OuterRef(day) if isinstance(day, str) else day
    return Subquery(
        WorkingDay.objects.filter(date=on).values("ordinal")[:1],
        output_field=IntegerField(),
    )


def _text(value: str):
    return Value(str(value))


def _publications():
    published = Q(status__in=PUBLISHED)
    return (
        Publication.objects.exclude(status=PublicationStatus.RETAINED)
        .annotate(published_on=TruncDate("published_at"))
        .annotate(
            day=F("due_on"),
            state=Case(
                When(published & PUBLISHED_ON_TIME, then=_text(TallyState.ON_TIME)),
                When(published, then=_text(TallyState.LATE)),
                When(status__in=UNPUBLISHED, then=_text(TallyState.OPEN)),
                default=_text(TallyState.OTHER),
            ),
            # A publication made on the rest day after its due date is one
            # working day late.
            days=Case(
                When(
                    published & ~PUBLISHED_ON_TIME,
                    then=Greatest(
                        ordinal("published_on") - ordinal("due_on"), Value(1)
                    ),
                ),
                default=Value(0),
                output_field=IntegerField(),
            ),
            open_due_on=Value(None, output_field=DateField()),
            extended=Value(False),
            corrected=Value(False),
        )
    )


def _requests():
    replied = Q(replied_on__isnull=False)
    return InformationRequest.objects.filter(received_on__isnull=False).annotate(
        day=F("received_on"),
        state=Case(
            When(
                replied & Q(replied_on__lte=F("due_on")),
                then=_text(TallyState.IN_TIME),
            ),
            When(
                replied & Q(replied_on__gt=F("due_on")),
                then=_text(TallyState.ANSWERED_LATE),
            ),
            When(replied, then=_text(TallyState.ANSWERED)),
            When(status__in=OPEN_STATUSES, then=_text(TallyState.OPEN)),
            default=_text(TallyState.OTHER),
        ),
        days=Case(
            When(replied, then=ordinal("replied_on") - ordinal("received_on")),
            default=Value(0),
            output_field=IntegerField(),
        ),
        open_due_on=Case(
            When(status__in=OPEN_STATUSES, then=F("due_on")),
            default=Value(None),
            output_field=DateField(),
        ),
        extended=ExpressionWrapper(
            Q(extension_approved_on__isnull=False), output_field=BooleanField()
        ),
        corrected=ExpressionWrapper(
            Q(correction_sent_on__isnull=False), output_field=BooleanField()
        ),
    )


def _interpretations():
    published = Q(status__in=PUBLISHED)
    return (
        Publication.objects.filter(
            kind=PublicationKind.INTERPRETATION,
            interpretation_of__published_at__isnull=False,
        )
        .exclude(status=PublicationStatus.RETAINED)
        .annotate(
            day=TruncDate("interpretation_of__published_at"),
            published_on=TruncDate("published_at"),
        )
        .annotate(
            state=Case(
                When(published, then=_text(TallyState.PUBLISHED)),
                default=_text(TallyState.OPEN),
            ),
            days=Case(
                When(published, then=ordinal("published_on") - ordinal("day")),
                default=Value(0),
                output_field=IntegerField(),
            ),
            open_due_on=Value(None, output_field=DateField()),
            extended=Value(False),
            corrected=Value(False),
        )
    )


ROWS = {
    TallyKind.PUBLICATION: _publications,
    TallyKind.REQUEST: _requests,
    TallyKind.INTERPRETATION: _interpretations,
}


def rows(kind: str):
    """Every row of ``kind`` that counts, annotated with its ``day``, ``state``,
    ``days``, ``open_due_on``, ``extended`` and ``corrected``."""
    return ROWS[kind]()


def county_code(region_code: str) -> str:
    """The tallies' ``region_code`` of a body whose region has ``region_code``."""
    return region_code[:COUNTY_CODE_LENGTH]


def _in_region_code(code: str) -> Q:
    """The rows whose tally ``region_code`` is ``code``."""
    if len(code) < COUNTY_CODE_LENGTH:
        return Q(organisation__region__code=code)
    return Q(organisation__region__code__startswith=code)


COLUMNS = [
    "kind",
    "region_code",
    "organisation_id",
    "domain_id",
    "day",
    "state",
    "days",
    "open_due_on",
    "extended",
    "corrected",
    "count",
]


def _grouped(kind: str, where: Q):
    """``rows(kind)`` matching ``where``, grouped as the tallies' columns."""
    code = F("organisation__region__code")
    return (
        rows(kind)
        .filter(where)
        .annotate(
            t_kind=_text(kind),
            t_region=Substr(code, 1, COUNTY_CODE_LENGTH),
            t_organisation=Case(
                When(
                    LessThanOrEqual(Length(code), COUNTY_CODE_LENGTH),
                    then=F("organisation_id"),
                ),
                default=Value(None),
                output_field=IntegerField(),
            ),
            t_domain=F("item__catalog__domain_id"),
            t_day=Case(
                When(state=TallyState.OPEN, then=F("day")),
                default=TruncQuarter("day"),
                output_field=DateField(),
            ),
        )
        .values(
            "t_kind",
            "t_region",
            "t_organisation",
            "t_domain",
            "t_day",
            "state",
            "days",
            "open_due_on",
            "extended",
            "corrected",
        )
        .annotate(t_count=Count("pk"))
        .order_by()
    )


def _quarter(day: date) -> tuple[date, date]:
    quarter = Quarter.of(day)
    return quarter.first_day, quarter.next_first_day


def _insert(kind: str, where: Q) -> None:
    """Count ``rows(kind)`` matching ``where`` into tallies: one INSERT … SELECT."""
    grouped = _grouped(kind, where)
    sql, params = grouped.query.sql_with_params()
    table = connection.ops.quote_name(TimelinessTally._meta.db_table)
    columns = ", ".join(
        connection.ops.quote_name(TimelinessTally._meta.get_field(c).column)
        if c != "organisation_id" and c != "domain_id"
        else connection.ops.quote_name(c)
        for c in COLUMNS
    )
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({columns}) {sql}", params)


def _lock(keys) -> None:
    """Recounts of the same (kind, county) wait for each other (PostgreSQL;
    SQLite writes one transaction at a time anyway). Taken in a fixed order."""
    if connection.vendor != "postgresql":
        return
    names = sorted({f"timeliness:{kind}:{code}" for kind, code, _day in keys})
    with connection.cursor() as cursor:
        for name in names:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s)", [zlib.crc32(name.encode()) - 2**31]
            )


def refresh(keys) -> None:
    """Recount the tallies of the quarter of every (kind, region code, day) in
    ``keys``."""
    keys = {(kind, code, _quarter(day)) for kind, code, day in keys if day is not None}
    if not keys:
        return
    with transaction.atomic():
        _lock(keys)
        for kind in ROWS:
            mine = sorted((code, quarter) for k, code, quarter in keys if k == kind)
            for start in range(0, len(mine), 100):
                tallies, sources = Q(pk__in=[]), Q(pk__in=[])
                for code, (first, following) in mine[start : start + 100]:
                    days = Q(day__gte=first, day__lt=following)
                    tallies |= Q(region_code=code) & days
                    sources |= _in_region_code(code) & days
                TimelinessTally.objects.filter(tallies, kind=kind).delete()
                _insert(kind, sources)


def rebuild(*, kinds=None, since: date | None = None, until: date | None = None) -> int:
    """Recount the tallies of ``kinds`` (all) in the quarters from that of
    ``since`` to that of ``until`` (open-ended when None) from the rows.
    Returns the number of tallies written."""
    days = Q()
    if since is not None:
        days &= Q(day__gte=_quarter(since)[0])
    if until is not None:
        days &= Q(day__lt=_quarter(until)[1])
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    f"LOCK TABLE {TimelinessTally._meta.db_table} IN EXCLUSIVE MODE"
                )
        for kind in kinds or ROWS:
            TimelinessTally.objects.filter(days, kind=kind).delete()
            _insert(kind, days)
    return TimelinessTally.objects.filter(days).count()


# --- keeping them in step -------------------------------------------------


def _code_of(organisation_id) -> str | None:
    code = (
        Organisation.objects.filter(pk=organisation_id)
        .values_list("region__code", flat=True)
        .first()
    )
    return None if code is None else county_code(code)


def _local_day(moment):
    return None if moment is None else timezone.localdate(moment)


def _publication_keys(values: dict) -> set:
    """The keys a publication's row (as ``values`` of it) counts under."""
    code = county_code(values["organisation__region__code"])
    keys = {(TallyKind.PUBLICATION, code, values["due_on"])}
    document_day = _local_day(values["interpretation_of__published_at"])
    if values["kind"] == PublicationKind.INTERPRETATION and document_day:
        keys.add((TallyKind.INTERPRETATION, code, document_day))
    return keys


PUBLICATION_VALUES = (
    "organisation__region__code",
    "due_on",
    "kind",
    "interpretation_of__published_at",
    "published_at",
)


def _stored_publication(pk) -> dict | None:
    return Publication.objects.filter(pk=pk).values(*PUBLICATION_VALUES).first()


def _interpretations_of(pk, days) -> set:
    """The keys of the interpretations of the document ``pk`` on ``days``."""
    codes = (
        Publication.objects.filter(
            interpretation_of_id=pk, kind=PublicationKind.INTERPRETATION
        )
        .values_list("organisation__region__code", flat=True)
        .distinct()
    )
    return {
        (TallyKind.INTERPRETATION, county_code(code), day)
        for code in codes
        for day in days
        if day is not None
    }


def _matters(update_fields, fields) -> bool:
    return update_fields is None or bool(fields & set(update_fields))


def _before_publication_save(sender, instance, raw=False, update_fields=None, **kw):
    if raw or instance.pk is None or not _matters(update_fields, PUBLICATION_FIELDS):
        instance._tally_before = None
        return
    instance._tally_before = _stored_publication(instance.pk)


def _after_publication_save(sender, instance, raw=False, update_fields=None, **kw):
    if raw or not _matters(update_fields, PUBLICATION_FIELDS):
        return
    before = getattr(instance, "_tally_before", None)
    after = _stored_publication(instance.pk)
    keys = set()
    for values in (before, after):
        if values is not None:
            keys |= _publication_keys(values)
    moved = {
        _local_day(values["published_at"])
        for values in (before, after)
        if values is not None
    }
    if len(moved) > 1:  # a document published (again): its interpretations move
        keys |= _interpretations_of(instance.pk, moved)
    refresh(keys)


def _after_publication_delete(sender, instance, **kwargs):
    code = _code_of(instance.organisation_id)
    if code is None:
        return
    keys = {(TallyKind.PUBLICATION, code, instance.due_on)}
    if (
        instance.kind == PublicationKind.INTERPRETATION
        and instance.interpretation_of_id
    ):
        document = _stored_publication(instance.interpretation_of_id)
        if document is not None:
            keys.add(
                (
                    TallyKind.INTERPRETATION,
                    code,
                    _local_day(document["published_at"]),
                )
            )
    refresh(keys)


REQUEST_VALUES = ("organisation__region__code", "received_on")


def _request_keys(values: dict | None) -> set:
    if values is None:
        return set()
    code = county_code(values["organisation__region__code"])
    return {(TallyKind.REQUEST, code, values["received_on"])}


def _stored_request(pk) -> dict | None:
    return InformationRequest.objects.filter(pk=pk).values(*REQUEST_VALUES).first()


def _before_request_save(sender, instance, raw=False, update_fields=None, **kw):
    if raw or instance.pk is None or not _matters(update_fields, REQUEST_FIELDS):
        instance._tally_before = None
        return
    instance._tally_before = _stored_request(instance.pk)


def _after_request_save(sender, instance, raw=False, update_fields=None, **kw):
    if raw or not _matters(update_fields, REQUEST_FIELDS):
        return
    before = getattr(instance, "_tally_before", None)
    refresh(_request_keys(before) | _request_keys(_stored_request(instance.pk)))


def _after_request_delete(sender, instance, **kwargs):
    code = _code_of(instance.organisation_id)
    if code is not None:
        refresh({(TallyKind.REQUEST, code, instance.received_on)})


def publications_moved(pks, before: dict) -> None:
    """Recount after a bulk update of the publications ``pks`` (which bypasses
    signals); ``before`` maps each pk to its ``_stored_publication`` values
    read before the update."""
    keys = set()
    for values in before.values():
        keys |= _publication_keys(values)
    for values in Publication.objects.filter(pk__in=pks).values(*PUBLICATION_VALUES):
        keys |= _publication_keys(values)
    refresh(keys)


def stored_publications(pks) -> dict:
    """``_stored_publication`` of each of ``pks``, in one query."""
    return {
        values.pop("pk"): values
        for values in Publication.objects.filter(pk__in=pks).values(
            "pk", *PUBLICATION_VALUES
        )
    }


def calendar_moved(sender, change: CalendarChange, **kwargs) -> None:
    """Recount every day whose working days ``change`` can move: those of rows
    counted from a day up to ``change.last`` to a day from ``change.first``."""
    spans = {
        TallyKind.PUBLICATION: rows(TallyKind.PUBLICATION).filter(
            state=TallyState.LATE, published_on__gte=change.first
        ),
        TallyKind.REQUEST: rows(TallyKind.REQUEST).filter(replied_on__gte=change.first),
        TallyKind.INTERPRETATION: rows(TallyKind.INTERPRETATION).filter(
            state=TallyState.PUBLISHED, published_on__gte=change.first
        ),
    }
    for kind, spanning in spans.items():
        found = spanning.filter(day__lte=change.last).aggregate(
            first=Min("day"), last=Max("day")
        )
        if found["first"] is not None:
            rebuild(kinds=[kind], since=found["first"], until=found["last"])


def count_if_missing(sender=None, **kwargs) -> None:
    """After ``migrate``: a portal that holds publications or requests but no
    tallies yet (it was upgraded to the version that has them) counts them.
    Migrated back to before the tallies, there is no table to count into."""
    if TimelinessTally._meta.db_table not in connection.introspection.table_names():
        return
    if TimelinessTally.objects.exists():
        return
    if Publication.objects.exists() or InformationRequest.objects.exists():
        rebuild()


def connect() -> None:
    for signal, handler, model in (
        (pre_save, _before_publication_save, Publication),
        (post_save, _after_publication_save, Publication),
        (post_delete, _after_publication_delete, Publication),
        (pre_save, _before_request_save, InformationRequest),
        (post_save, _after_request_save, InformationRequest),
        (post_delete, _after_request_delete, InformationRequest),
    ):
        signal.connect(
            handler, sender=model, dispatch_uid=f"timeliness-{handler.__name__}"
        )
    calendar_changed.connect(calendar_moved, dispatch_uid="timeliness-calendar")
    post_migrate.connect(
        count_if_missing,
        sender=apps.get_app_config("disclosure"),
        dispatch_uid="timeliness-after-migrate",
    )
