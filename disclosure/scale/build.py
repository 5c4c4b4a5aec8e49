"""seed_scale's steps: check what the data needs, then write it county by county.

Everything is written in one transaction: an interrupted run leaves nothing, and
a finished one cannot be repeated over itself (``scale_reference`` refuses when
the synthetic provinces exist). Counties are written in chunks, so memory and
the number of queries per chunk stay flat however many counties are asked for.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.models import Region

from ..models import NegativeListEntry
from ..negativelist import negative_list_load_defaults
from .bodies import CountyBodies, RegionWriter
from .catalogs import (
    CatalogWriter,
    LocalCatalog,
    Standard,
    local_catalog,
    standards_in_force,
)
from .lifecycle import Timeline
from .names import seeded
from .publications import PublicationWriter
from .regions import COUNTIES_PER_PROVINCE, county_layout, province_code
from .requests import RequestWriter
from .workdays import WorkdayTable

YEARS = 5  # publications are formed over this many calendar years up to the anchor
DUE_MARGIN_DAYS = 60  # the calendar must run this far past the last formed date
CHUNK_COUNTIES = 5


class ScaleError(Exception):
    """What seed_scale needs is missing, or its data is already there."""


@dataclass(frozen=True)
class ScaleConfig:
    counties: int
    townships: int = 14
    villages: int = 13
    per_item: float = 1.0
    seed: int = 1
    requests_per_county: int = 670  # about 100,000 at a province of 150 counties
    as_of: date | None = None  # the last day anything happens; default today


@dataclass(frozen=True)
class Reference:
    """What the run builds on: the standards in force and the calendar."""

    standards: list[Standard]
    table: WorkdayTable
    timeline: Timeline

    @property
    def setup_year(self) -> int:
        """The year regions, bodies and local catalogs are set up in."""
        return self.timeline.first.year - 1


def scale_reference(config: ScaleConfig) -> Reference:
    """Check that the standards and the calendar are there and the area is free."""
    standards, missing = standards_in_force()
    if missing:
        raise ScaleError(
            _(
                "No standard catalog is in force for the domains %(domains)s. "
                "Load the reference catalogs first: manage.py load_catalogs"
            )
            % {"domains": ", ".join(missing)}
        )
    table = WorkdayTable.load()
    if table.first is None:
        raise ScaleError(
            _(
                "The working-day calendar is empty, so no due date can be "
                "computed. Fill it first: manage.py seed_calendar"
            )
        )
    as_of = config.as_of or timezone.localdate()
    first = date(as_of.year - YEARS + 1, 1, 1)
    setup = date(first.year - 1, 1, 1)
    last = table.last_covered(setup)
    if last is None:
        raise ScaleError(
            _(
                "The working-day calendar does not cover %(year)s, the year the "
                "synthetic catalogs are derived in. Fill it with: manage.py "
                "seed_calendar --first-year %(year)s"
            )
            % {"year": setup.year}
        )
    anchor = min(as_of, last - timedelta(days=DUE_MARGIN_DAYS))
    if anchor < first + timedelta(days=365):
        raise ScaleError(
            _(
                "The working-day calendar ends on %(last)s, too early for "
                "publications up to %(as_of)s. Extend it (manage.py seed_calendar "
                "--last-year %(year)s) or pass an earlier --as-of."
            )
            % {"last": last, "as_of": as_of, "year": as_of.year}
        )
    _refuse_existing(config)
    return Reference(standards, table, Timeline(first, anchor))


def _refuse_existing(config: ScaleConfig) -> None:
    provinces = sorted(
        {province_code(i) for i in range(0, config.counties, COUNTIES_PER_PROVINCE)}
    )
    taken = Region.objects.filter(code__in=provinces).order_by("code").first()
    accounts = [f"s{code}-province-reviewer" for code in provinces]
    if (
        taken is None
        and not get_user_model().objects.filter(username__in=accounts).exists()
    ):
        return
    raise ScaleError(
        _(
            "Synthetic data is already present: %(what)s exists. seed_scale never "
            "writes over it and never duplicates it; run it on an empty database, "
            "or flush this one first."
        )
        % {"what": taken or _("an account of a synthetic province")}
    )


def scale_build(
    config: ScaleConfig,
    reference: Reference,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, int]:
    """Write regions, bodies, accounts, catalogs and publications; return row counts.

    The counts are keyed by table ("regions", "publications", …), by
    "publications:<status>" and "history" for the history rows of every table.

    ``progress(counties_done, publications_written)`` is called after each chunk.
    """
    setup_at = datetime.combine(
        date(reference.setup_year, 9, 1),
        time(9),
        tzinfo=timezone.get_current_timezone(),
    )
    with transaction.atomic():
        negative_list_load_defaults()
        defaults = NegativeListEntry.objects.filter(organisation__isnull=True)
        regions = RegionWriter(seed=config.seed, when=setup_at)
        catalogs = CatalogWriter()
        publications = PublicationWriter(
            table=reference.table,
            timeline=reference.timeline,
            negative_list=list(defaults.order_by("position", "pk")),
            per_item=config.per_item,
            seed=config.seed,
        )
        requests = RequestWriter(
            table=reference.table,
            timeline=reference.timeline,
            per_county=config.requests_per_county,
            seed=config.seed,
        )
        for start in range(0, config.counties, CHUNK_COUNTIES):
            stop = min(start + CHUNK_COUNTIES, config.counties)
            layouts = [
                county_layout(
                    index,
                    seed=config.seed,
                    townships=config.townships,
                    villages=config.villages,
                )
                for index in range(start, stop)
            ]
            counties = regions.write(layouts)
            local = [_county_catalogs(b, reference, config.seed) for b in counties]
            catalogs.write([catalog for row in local for catalog in row])
            for bodies, county_catalogs in zip(counties, local, strict=True):
                publications.county(bodies, county_catalogs)
                requests.county(bodies)
            publications.flush()
            requests.flush()
            if progress is not None:
                progress(stop, publications.total)
    return {
        **regions.counts,
        **catalogs.counts,
        **publications.counts,
        **requests.counts,
        **{f"publications:{status}": n for status, n in publications.by_status.items()},
        "history": regions.history
        + catalogs.history
        + publications.history
        + requests.history,
    }


def _county_catalogs(
    bodies: CountyBodies, reference: Reference, seed: int
) -> list[LocalCatalog]:
    year = reference.setup_year
    result = []
    for standard in reference.standards:
        hrss = standard.owner == "hrss"
        rng = seeded(seed, bodies.layout.county.code, standard.catalog.domain.key)
        result.append(
            local_catalog(
                standard,
                organisation=bodies.hrss if hrss else bodies.mca,
                editor=bodies.editor if hrss else bodies.mca_editor,
                rng=rng,
                derived_on=reference.table.random_workday(
                    rng, date(year, 10, 8), date(year, 12, 10)
                ),
            )
        )
    return result
