"""The daily digest run (``send_digests``): every confirmed subscription gets one
mail listing the public publications that became public since its last digest,
and the consultations of bodies at its place whose comment period opened since,
if any. Nothing non-public is ever listed: the candidates come from the public
rules (``public_publications``, ``public_consultations``), read when the run
starts and again per batch, and their titles are masked as on the public pages.

The run reads the window's new publications once (a day's worth at province
scale is thousands, not millions), then walks the subscriptions in batches of
``BATCH`` by primary key: per batch one query for the subscriptions, matching in
memory, one connection to send, and one UPDATE of ``sent_until`` — a constant
number of queries whatever the number of subscriptions.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core.mail import get_connection
from django.db.models import Min
from django.utils import timezone

from catalogs.models import Item

from ..models import Subscription
from ..participation.selectors import public_consultations
from ..pii import mask_personal_data
from ..public.rules import public_publications
from . import mail

BATCH = 1000
LONGEST_WINDOW = timedelta(days=7)  # a subscription idle longer gets the last week
PER_MAIL = 50
UNCONFIRMED_KEPT = timedelta(days=7)


@dataclass
class Summary:
    subscriptions: int = 0
    mails: int = 0
    publications: int = 0
    errors: int = 0


@dataclass(frozen=True)
class Candidate:
    pk: int
    title: str
    organisation: str
    published_at: object
    region_code: str
    domain_id: int
    lineage: object
    catalog_key: str
    # A consultation: no item; it matches a domain its body works in.
    kind: str = "publication"
    domain_keys: tuple = ()

    @property
    def url_name(self) -> str:
        if self.kind == "publication":
            return "public:publication"
        return "participation:consultation"


def consultation_candidates(since, until) -> list[Candidate]:
    """Public consultations whose comment period opened in the window."""
    rows = (
        public_consultations()
        .filter(opens_at__gt=since, opens_at__lte=until)
        .order_by("-opens_at", "-pk")
        .values_list(
            "pk",
            "title",
            "organisation__name",
            "opens_at",
            "organisation__region__code",
            "organisation__domains",
        )
    )
    return [
        Candidate(
            pk,
            mask_personal_data(title),
            name,
            opens_at,
            code,
            domain_id=None,  # no row, no item: matched by its body's domains
            lineage=None,
            catalog_key="",
            kind="consultation",
            domain_keys=tuple(keys or ()),
        )
        for pk, title, name, opens_at, code, keys in rows
    ]


def candidates(since, until) -> list[Candidate]:
    rows = (
        public_publications()
        .filter(published_at__gt=since, published_at__lte=until)
        .order_by("-published_at", "-pk")
        .values_list(
            "pk",
            "title",
            "organisation__name",
            "published_at",
            "organisation__region__code",
            "item__catalog__domain_id",
            "item__lineage",
            "item__catalog__key",
        )
    )
    return [
        Candidate(pk, mask_personal_data(title), *rest) for pk, title, *rest in rows
    ]


def _still_public(found: list[Candidate]) -> list[Candidate]:
    public = set()
    for kind, rule in (
        ("publication", public_publications),
        ("consultation", public_consultations),
    ):
        pks = [c.pk for c in found if c.kind == kind]
        if pks:  # at most one query per kind
            rows = rule().filter(pk__in=pks).values_list("pk", flat=True)
            public |= {(kind, pk) for pk in rows}
    return [c for c in found if (c.kind, c.pk) in public]


def matches(subscription, candidate: Candidate, items: dict) -> bool:
    if candidate.published_at <= (subscription.sent_until or subscription.confirmed_at):
        return False
    if not candidate.region_code.startswith(subscription.region_code):
        return False
    if candidate.kind == "consultation":
        if subscription.item_id:
            return False
        return not subscription.domain_id or (
            subscription.domain.key in candidate.domain_keys
        )
    if subscription.item_id:
        lineage, key = items[subscription.item_id]
        return candidate.lineage == lineage and candidate.catalog_key == key
    return not subscription.domain_id or candidate.domain_id == subscription.domain_id


def send_digests(*, now=None, batch: int = BATCH, progress=None) -> Summary:
    """Send every digest due; ``progress(done, total)`` is called after each batch."""
    now = now or timezone.now()
    # Never confirmed within a week: the address is not kept.
    Subscription.objects.filter(
        confirmed_at__isnull=True, created_at__lt=now - UNCONFIRMED_KEPT
    ).delete()
    confirmed = Subscription.objects.filter(confirmed_at__isnull=False)
    summary = Summary(subscriptions=confirmed.count())
    earliest = confirmed.aggregate(m=Min("sent_until"))["m"] or now
    since = max(earliest, now - LONGEST_WINDOW)
    found = candidates(since, now) + consultation_candidates(since, now)
    summary.publications = len(found)
    items: dict = {}
    last, done = 0, 0
    connection = get_connection()
    while True:
        rows = list(
            confirmed.filter(pk__gt=last)
            .select_related("region", "domain", "item")
            .order_by("pk")[:batch]
        )
        if not rows:
            break
        last = rows[-1].pk
        wanted = {s.item_id for s in rows if s.item_id and s.item_id not in items}
        if wanted:  # the items followed, once per batch at most
            for pk, lineage, key in Item.objects.filter(pk__in=wanted).values_list(
                "pk", "lineage", "catalog__key"
            ):
                items[pk] = (lineage, key)
        # Still public now? A withdrawal during the run is honoured (one query).
        found = _still_public(found)
        messages, sent = [], []
        for subscription in rows:
            if subscription.item_id and subscription.item_id not in items:
                continue
            listed = [c for c in found if matches(subscription, c, items)][:PER_MAIL]
            if listed:
                messages.append(
                    mail.digest(
                        subscription,
                        [
                            (c.url_name, c.pk, c.title, c.organisation, c.published_at)
                            for c in listed
                        ],
                    )
                )
            sent.append(subscription.pk)
        if messages:
            summary.mails += connection.send_messages(messages) or 0
        Subscription.objects.filter(pk__in=sent).update(sent_until=now)
        done += len(rows)
        if progress:
            progress(done, summary.subscriptions)
    return summary
