"""Reads for publishing: who may act for whom, what may be published, the dashboard.

Every queryset a signed-in user sees starts from ``portal.selectors``: rows are
scoped by region-code predicates, never by per-object permission rows.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
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
from django.utils import timezone

from catalogs.models import Catalog, CatalogKind, CatalogStatus, Item
from portal.models import Organisation, RegionLevel, Role, WorkingDay
from portal.selectors import organisations_for, scope_q

from .deadlines import DUE_SOON_WORKING_DAYS
from .models import (
    Attachment,
    ComplianceReview,
    NegativeListEntry,
    Publication,
    PublicationLevel,
    PublicationStatus,
)

LEVEL_OF_REGION = {
    RegionLevel.COUNTY: PublicationLevel.COUNTY,
    RegionLevel.TOWNSHIP: PublicationLevel.TOWNSHIP,
    RegionLevel.VILLAGE: PublicationLevel.VILLAGE,
}
UNPUBLISHED = (PublicationStatus.DRAFT, PublicationStatus.IN_REVIEW)
# Where a publication's domain is read: its catalog's.
PUBLICATION_DOMAIN = "item__catalog__domain__key"
RECENT_DAYS = 30
DUE_ROWS_SHOWN = 100


def publication_level(organisation: Organisation) -> str | None:
    """The level an organisation publishes at: its region's level, if grassroots."""
    return LEVEL_OF_REGION.get(organisation.region.level)


def publishing_organisations(user) -> QuerySet[Organisation]:
    """The organisations ``user`` may publish for: where they are a publisher.

    Township and village staff publish for their own body only; site
    administrators for any body at a grassroots level.
    """
    return organisations_for(user, roles={Role.PUBLISHER}).filter(
        region__level__in=list(LEVEL_OF_REGION)
    )


def reviewing_organisations(user) -> QuerySet[Organisation]:
    """The organisations whose publications ``user`` may review: a reviewer's subtree."""
    return organisations_for(user, roles={Role.REVIEWER})


def may_publish_for(user, organisation: Organisation) -> bool:
    return (
        user.has_perm("disclosure.change_publication")
        and publishing_organisations(user).filter(pk=organisation.pk).exists()
    )


def publication_scope(
    user, *, roles: set[str] | None = None, via: str = ""
) -> Q | None:
    """A predicate on the publications ``user`` reaches (in ``roles``), or None
    for all: their organisations' and, for a bureau, its domains' (the rule of
    ``portal.selectors.scope_q``; a publication's domain is its catalog's).
    ``via`` is the lookup of the publication from another model ("publication__")."""
    return scope_q(
        user,
        roles=roles,
        organisation=f"{via}organisation",
        domain=f"{via}{PUBLICATION_DOMAIN}",
    )


def _reaches(user, publication: Publication, roles: set[str]) -> bool:
    predicate = publication_scope(user, roles=roles)
    qs = Publication.objects.filter(pk=publication.pk)
    return (qs if predicate is None else qs.filter(predicate)).exists()


def may_review(user, publication: Publication) -> bool:
    """A reviewer whose reach covers the publisher and its domain (who the reviewer
    is not, that is the author or an editor of the text,
    ``disclosure.reviews.check_reviewer`` adds)."""
    return user.has_perm("disclosure.add_compliancereview") and _reaches(
        user, publication, {Role.REVIEWER}
    )


TEXT_FIELDS = ("title", "body")


def text_changed_by(publication: Publication) -> set[int]:
    """The users who changed the text (title, body or an attachment) of
    ``publication`` since its last review ended (approved, kept or returned: the
    history's last step out of review), read from its history."""
    records = list(
        publication.history.order_by("history_id").values_list(
            "history_date", "history_user_id", "status", *TEXT_FIELDS
        )
    )
    since, status = None, None
    for when, _user, current, *_text in records:
        if status == PublicationStatus.IN_REVIEW != current:
            since = when
        status = current
    changers, previous = set(), None
    for when, user_id, _status, *text in records:
        changed = previous is None or text != previous
        previous = text
        if changed and (since is None or when > since) and user_id is not None:
            changers.add(user_id)
    files = Attachment.history.filter(publication_id=publication.pk)
    if since is not None:
        files = files.filter(history_date__gt=since)
    changers.update(
        files.exclude(history_user_id__isnull=True).values_list(
            "history_user_id", flat=True
        )
    )
    return changers


def reviewing_bodies_outside(user, publication: Publication) -> list[Organisation]:
    """The user's reviewing bodies that reach the publisher but are not
    responsible for the publication's domain (to say so when refusing)."""
    reach = reviewing_organisations(user).filter(pk=publication.organisation_id)
    if not reach.exists():
        return []
    domain = publication.item.catalog.domain.key
    bodies = Organisation.objects.filter(
        memberships__user=user, memberships__role=Role.REVIEWER
    ).distinct()
    return [body for body in bodies if not body.responsible_for(domain)]


def may_manage(user, publication: Publication) -> bool:
    """Withdraw, mark validity, link interpretations: its publisher or a reviewer."""
    if not user.has_perm("disclosure.change_publication"):
        return False
    return _reaches(user, publication, {Role.PUBLISHER, Role.REVIEWER})


def publications_for(user) -> QuerySet[Publication]:
    """Every publication ``user`` may read, through their organisations and domains."""
    qs = Publication.objects.select_related(
        "item__catalog__domain", "organisation__region", "author"
    )
    if not user.has_perm("disclosure.view_publication"):
        return qs.none()
    predicate = publication_scope(user)
    return qs if predicate is None else qs.filter(predicate)


def applicable_catalogs_q(organisations, prefix: str = "") -> Q:
    """The rule of ``applicable_catalogs`` for several bodies at once, as a
    predicate on catalogs (``prefix`` reaches them from another model,
    "catalog__"): a county body's own local catalogs, a township's or village's
    every local catalog of its county's bodies; in force only."""
    bodies, counties = [], set()
    for organisation in organisations:
        level = publication_level(organisation)
        if level == PublicationLevel.COUNTY:
            bodies.append(organisation.pk)
        elif level is not None:
            counties.add(organisation.region.code[:6])
    return Q(
        Q(**{f"{prefix}organisation__in": bodies})
        | Q(**{f"{prefix}organisation__region__code__in": counties}),
        **{
            f"{prefix}kind": CatalogKind.LOCAL,
            f"{prefix}status": CatalogStatus.IN_FORCE,
        },
    )


def applicable_catalogs(organisation: Organisation) -> QuerySet[Catalog]:
    """The local catalogs an organisation publishes under: only those in force.

    A county body publishes under its own local catalogs; a township or village
    body under every local catalog of its county's bodies. Drafts and superseded
    versions are never published under.
    """
    return Catalog.objects.filter(applicable_catalogs_q([organisation]))


def current_row(item: Item) -> Item:
    """The row's item in the catalog in force (same ``lineage``), or ``item`` when
    it is that one or the row is no longer performed: a draft written under an
    earlier version is offered its row in the version in force."""
    if item.catalog.status == CatalogStatus.IN_FORCE:
        return item
    return (
        Item.objects.filter(
            lineage=item.lineage,
            catalog__key=item.catalog.key,
            catalog__status=CatalogStatus.IN_FORCE,
            omitted=False,
        ).first()
        or item
    )


def publishable_items(organisation: Organisation) -> QuerySet[Item]:
    """Items of the applicable local catalogs that allow the organisation's level."""
    level = publication_level(organisation)
    if level is None:
        return Item.objects.none()
    domains = {"catalog__domain__key__in": organisation.domains}
    return (
        Item.objects.filter(
            catalog__in=applicable_catalogs(organisation),
            **(domains if organisation.domains else {}),
            level__gte=2,
            omitted=False,
            **{f"level_{level}": True},
        )
        .select_related("catalog__domain", "parent")
        .order_by("catalog__domain__position", "catalog__key", "position")
    )


def publishable_items_of(organisations) -> QuerySet[Item]:
    """Every item any of ``organisations`` may publish under (their applicable
    catalogs' items at any of their levels), in one query: the form's list for
    someone who publishes for several bodies; the service checks the pair."""
    levels = {publication_level(o) for o in organisations} - {None}
    if not levels:
        return Item.objects.none()
    at_a_level = Q()
    for level in levels:
        at_a_level |= Q(**{f"level_{level}": True})
    return (
        Item.objects.filter(
            applicable_catalogs_q(organisations, prefix="catalog__"),
            at_a_level,
            level__gte=2,
            omitted=False,
        )
        .select_related("catalog__domain", "parent")
        .order_by("catalog__domain__position", "catalog__key", "position")
    )


def items_level_unstated(organisation: Organisation) -> QuerySet[Item]:
    """Items of the applicable catalogs that leave the organisation's level open
    (不详): not offered to it (``publishable_items`` needs a tick), so the form
    names them rather than letting them disappear (validation's LEVEL_MISSING)."""
    level = publication_level(organisation)
    if level is None:
        return Item.objects.none()
    domains = {"catalog__domain__key__in": organisation.domains}
    return (
        Item.objects.filter(
            catalog__in=applicable_catalogs(organisation),
            **(domains if organisation.domains else {}),
            level__gte=2,
            omitted=False,
            **{f"level_{level}__isnull": True},
        )
        .select_related("catalog__domain")
        .order_by("catalog__domain__position", "catalog__key", "position")
    )


def negative_list_for(organisation: Organisation) -> QuerySet[NegativeListEntry]:
    """The organisation's own negative list, or the default list when it keeps none."""
    own = NegativeListEntry.objects.filter(organisation=organisation)
    if own.exists():
        return own.order_by("position", "pk")
    return NegativeListEntry.objects.filter(organisation__isnull=True).order_by(
        "position", "pk"
    )


def latest_review(publication: Publication) -> ComplianceReview | None:
    return publication.reviews.select_related("negative_list_entry").first()


def dashboard_organisations(user, organisation: Organisation) -> QuerySet[Organisation]:
    """The organisation and, where ``user`` may see them, the bodies below it."""
    code = organisation.region.code
    below = Q(region__code__startswith=code) & ~Q(region__code=code)
    return organisations_for(user).filter(Q(pk=organisation.pk) | below)


def publications_due(
    *,
    organisations,
    today: date,
    within: int = DUE_SOON_WORKING_DAYS,
    reach: Q | None = None,
) -> QuerySet[Publication]:
    """Unpublished publications that are overdue or due within ``within`` working days.

    One SQL query: today's workday ordinal and the date ``within`` working days
    on are scalar subqueries on the calendar, so the filter is a plain range on
    the indexed ``due_on``; ``working_days_left`` (negative when overdue) looks up
    the ordinal of each row's due date. Provisional years count like confirmed
    ones (their rows carry ``due_on_provisional``). When the calendar does not
    cover today the due-soon half is empty and the overdue half still works.
    """
    calendar = WorkingDay.objects.all()
    today_ordinal = Subquery(calendar.filter(date=today).values("ordinal")[:1])
    horizon = Subquery(
        calendar.filter(is_workday=True, ordinal=today_ordinal + within).values("date")[
            :1
        ]
    )
    due_ordinal = Subquery(
        WorkingDay.objects.filter(date=OuterRef("due_on")).values("ordinal")[:1]
    )
    return (
        _within(reach)
        .filter(status__in=UNPUBLISHED, organisation__in=organisations)
        .filter(Q(due_on__lt=today) | Q(due_on__lte=horizon))
        .select_related("organisation", "item__catalog")
        .annotate(
            overdue=Case(
                When(due_on__lt=today, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            working_days_left=ExpressionWrapper(
                due_ordinal - today_ordinal, output_field=IntegerField()
            ),
        )
        .order_by("due_on", "pk")
    )


@dataclass(frozen=True)
class DueLists:
    """The most urgent rows of the overdue and due-soon lists, and each list's total."""

    overdue: list[Publication]
    due_soon: list[Publication]
    overdue_count: int
    due_soon_count: int


def due_lists(
    *,
    organisations,
    today: date,
    shown: int = DUE_ROWS_SHOWN,
    within: int = DUE_SOON_WORKING_DAYS,
    reach: Q | None = None,
) -> DueLists:
    """The first ``shown`` rows of each half of ``publications_due``, with its total.

    Two SQL queries. The first numbers each row within its half (overdue or
    not) in the order of ``publications_due`` (most urgent first) and carries
    its half's total as a window count, on the narrow columns the index
    ``publication_status_due`` holds, so a province's 34,000 rows are numbered
    from the index alone; the second reads the rows numbered up to ``shown``
    by key, with their body, item and working days. A half with no rows has no
    row to carry its total, which is then 0.
    """
    half = [F("overdue")]
    due = publications_due(
        organisations=organisations, today=today, within=within, reach=reach
    )
    numbered = dict(
        due.annotate(
            position=Window(RowNumber(), partition_by=half, order_by=["due_on", "pk"]),
            total=Window(Count("pk"), partition_by=half),
        )
        .filter(position__lte=shown)
        .values_list("pk", "total")
    )
    overdue, due_soon = [], []
    for row in due.filter(pk__in=list(numbered)):
        row.total = numbered[row.pk]
        (overdue if row.overdue else due_soon).append(row)
    return DueLists(
        overdue=overdue,
        due_soon=due_soon,
        overdue_count=overdue[0].total if overdue else 0,
        due_soon_count=due_soon[0].total if due_soon else 0,
    )


def items_without_publications(organisation: Organisation) -> QuerySet[Item]:
    """Items the organisation publishes under with nothing published by it yet,
    under this version of the row or an earlier one (``Item.lineage``)."""
    published = Publication.objects.filter(
        item__lineage=OuterRef("lineage"),
        organisation=organisation,
        status=PublicationStatus.PUBLISHED,
    )
    return publishable_items(organisation).filter(~Exists(published))


def _within(reach: Q | None) -> QuerySet[Publication]:
    """Publications within ``reach`` (``publication_scope``), or all for None."""
    return (
        Publication.objects.filter(reach)
        if reach is not None
        else Publication.objects.all()
    )


def review_queue(*, organisations, reach: Q | None = None) -> QuerySet[Publication]:
    return (
        _within(reach)
        .filter(status=PublicationStatus.IN_REVIEW, organisation__in=organisations)
        .select_related("organisation", "author", "item")
        .order_by("due_on", "pk")
    )


def recently_withdrawn(
    *, organisations, today: date, reach: Q | None = None
) -> QuerySet[Publication]:
    # The first moment of the day, not ``withdrawn_at__date``: a range on the
    # indexed column (``publication_withdrawn``), the same rows.
    since = timezone.make_aware(
        datetime.combine(today - timedelta(days=RECENT_DAYS), datetime.min.time())
    )
    return (
        _within(reach)
        .filter(
            status=PublicationStatus.WITHDRAWN,
            organisation__in=organisations,
            withdrawn_at__gte=since,
        )
        .select_related("organisation")
        .order_by("-withdrawn_at")
    )
