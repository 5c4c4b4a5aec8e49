"""Publications at every level of every county, written in bulk with history.

Each publishing body publishes ``per_item`` times under each item that allows
its level: the owning bureau at county level, every township and every village
under the items ticked for them. A fractional ``per_item`` gives each pair its
whole part plus one more with the fractional chance. What each publication goes
through is ``lifecycle.Lifecycle``'s business; this module queues and writes.
"""

from ..models import ComplianceReview, Publication, PublicationLevel, PublicationStatus
from .bodies import CountyBodies
from .catalogs import LocalCatalog
from .lifecycle import Lifecycle, Pair, Story, Timeline
from .names import person_name, seeded
from .rows import History, Table
from .workdays import WorkdayTable

FLUSH_SIZE = 20_000  # publications held in memory before they are written


class PublicationWriter:
    def __init__(
        self,
        *,
        table: WorkdayTable,
        timeline: Timeline,
        negative_list: list,
        per_item: float,
        seed: int,
    ):
        self.whole = int(per_item)
        self.fraction = per_item - self.whole
        self.seed = seed
        self.tables = {
            "publications": Table(Publication),
            "compliance reviews": Table(ComplianceReview),
        }
        self.lifecycle = Lifecycle(
            table=table,
            timeline=timeline,
            negative_list=negative_list,
            defaults={
                "publication": self.tables["publications"].defaults,
                "review": self.tables["compliance reviews"].defaults,
            },
        )
        self.pending: list[Story] = []
        self.by_status = dict.fromkeys(PublicationStatus.values, 0)
        self.history = 0

    @property
    def counts(self) -> dict[str, int]:
        return {name: table.written for name, table in self.tables.items()}

    @property
    def total(self) -> int:
        return self.tables["publications"].written + len(self.pending)

    def county(self, bodies: CountyBodies, catalogs: list[LocalCatalog]) -> None:
        """Queue the county's publications, writing whenever enough are queued."""
        rng = seeded(self.seed, bodies.layout.county.code, "publications")
        staff = [person_name(rng) for _n in range(8)]
        owners = {local.catalog.pk: local.catalog.organisation_id for local in catalogs}
        for organisation, level, items in _bodies_and_items(bodies, catalogs):
            author = bodies.publisher_for(organisation)
            for item in items:
                reviewer = bodies.reviewer_for(owners[item.catalog_id])
                pair = Pair(item, organisation, level, author, reviewer, staff)
                count = self.whole + (rng.random() < self.fraction)
                for serial in range(1, count + 1):
                    story = self.lifecycle.story(rng, pair, serial)
                    self.by_status[story.publication["status"]] += 1
                    self.pending.append(story)
                    if len(self.pending) >= FLUSH_SIZE:
                        self.flush()

    def flush(self) -> None:
        """Write the queued publications, their reviews and all their history."""
        stories, self.pending = self.pending, []
        if not stories:
            return
        self.tables["publications"].insert([s.publication for s in stories])
        reviews = []
        for story in stories:
            for review, _events in story.reviews:
                review["publication_id"] = story.publication["id"]
                reviews.append(review)
        self.tables["compliance reviews"].insert(reviews)
        history = History(Publication)
        review_history = History(ComplianceReview)
        for story in stories:
            for event in story.events:
                history.add(
                    story.publication,
                    when=event.when,
                    user_id=event.user_id,
                    reason=event.reason,
                    created=event.created,
                    **event.state,
                )
            for review, events in story.reviews:
                for event in events:
                    review_history.add(
                        review,
                        when=event.when,
                        user_id=event.user_id,
                        reason=event.reason,
                        created=event.created,
                        **event.state,
                    )
        self.history += history.write() + review_history.write()


def _bodies_and_items(bodies: CountyBodies, catalogs: list[LocalCatalog]):
    """(body, level, items) for every body of the county that publishes."""
    for local in catalogs:
        yield (
            local.catalog.organisation,
            PublicationLevel.COUNTY,
            local.publishable(PublicationLevel.COUNTY),
        )
    for level, organisations in (
        (PublicationLevel.TOWNSHIP, bodies.townships),
        (PublicationLevel.VILLAGE, bodies.villages),
    ):
        items = [item for local in catalogs for item in local.publishable(level)]
        for organisation in organisations:
            yield organisation, level, items
