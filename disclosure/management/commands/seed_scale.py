"""Build synthetic national-scale data for measuring: regions to publications."""

import argparse
from datetime import date

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from catalogs.models import Catalog, Item, LegalBasis
from disclosure.models import (
    ComplianceReview,
    InformationRequest,
    Publication,
    PublicationStatus,
    RequestEvent,
    TimelinessTally,
)
from disclosure.scale.build import ScaleConfig, ScaleError, scale_build, scale_reference
from disclosure.scale.progress import ProgressBar
from disclosure.scale.regions import MAX_COUNTIES
from disclosure.scale.rows import analyse
from portal.models import Membership, Organisation, Region

MAX_TOWNSHIPS = 60
MAX_VILLAGES = 150


def _whole(low: int, high: int):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(
                _("Give a whole number from %(low)s to %(high)s.")
                % {"low": low, "high": high}
            )
        return value

    return parse


def _per_item(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(
            _("Give a number from 0 to 100, such as 1 or 2.5.")
        )
    return value


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("Give the date as YYYY-MM-DD, such as 2026-06-30.")
        ) from None


class Command(BaseCommand):
    help = _(
        "Build synthetic data at national scale for measuring: provinces of 150 "
        "counties with real-shaped division codes (never Henan's 41), about 14 "
        "townships per county and 13 villages per township, their bodies and "
        "accounts, each county's four local catalogs derived from the standards in "
        "force with varied local edits, and publications over five years with their "
        "compliance reviews and history. Needs load_catalogs and seed_calendar "
        "first. Publications: each publishing body publishes K times "
        "(--publications-per-item) under each item that allows its level, so a "
        "county gets K × (its county-level items + townships × township-level items "
        "+ villages × village-level items): with the default sizes about 2,400 × K "
        "per county, about 360,000 × K for a province of 150 counties (a million "
        "at K = 2.8); a fractional "
        "K gives each pair ⌊K⌋ or ⌈K⌉. The same --seed and --as-of give the same "
        "rows. Everything is written in one transaction; a second run over "
        "existing synthetic data is refused."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--counties",
            type=_whole(1, MAX_COUNTIES),
            required=True,
            help=_("How many counties: 150 make a province, 2,844 the whole country."),
        )
        parser.add_argument(
            "--townships-per-county",
            type=_whole(1, MAX_TOWNSHIPS),
            default=14,
            help=_("The average number of townships in a county."),
        )
        parser.add_argument(
            "--villages-per-township",
            type=_whole(1, MAX_VILLAGES),
            default=13,
            help=_("The average number of villages in a township."),
        )
        parser.add_argument(
            "--publications-per-item",
            type=_per_item,
            default=1.0,
            help=_("K: publications per publishing body and item it publishes under."),
        )
        parser.add_argument(
            "--requests-per-county",
            type=_whole(0, 10_000),
            default=670,
            help=_(
                "Requests for information per county (about 100,000 for a province "
                "of 150 counties at the default)."
            ),
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=1,
            help=_("The random seed; the same seed gives the same rows."),
        )
        parser.add_argument(
            "--as-of",
            type=_day,
            default=None,
            help=_(
                "The last day anything happens (YYYY-MM-DD); default today, or "
                "earlier when the calendar ends within 60 days."
            ),
        )

    def handle(self, *args, **options):
        config = ScaleConfig(
            counties=options["counties"],
            townships=options["townships_per_county"],
            villages=options["villages_per_township"],
            per_item=options["publications_per_item"],
            seed=options["seed"],
            requests_per_county=options["requests_per_county"],
            as_of=options["as_of"],
        )
        # The steps, in order; a step that follows the build is one more line here.
        reference = self.check_reference(config)
        counts = self.build_data(config, reference, show=options["verbosity"] > 0)
        # The bulk writer bypasses the signals: index and invalidate in one go
        # (and, below, count the timeliness tallies).
        call_command("rebuild_public_index", verbosity=options["verbosity"])
        # ...which analyses what it indexes; the rest of what was written here:
        analyse(
            get_user_model(),
            Membership,
            InformationRequest,
            InformationRequest.history.model,
            RequestEvent,
        )
        call_command("rebuild_timeliness", verbosity=options["verbosity"])
        analyse(TimelinessTally)
        self.write_summary(config, counts)

    def check_reference(self, config):
        try:
            return scale_reference(config)
        except ScaleError as exc:
            raise CommandError(str(exc)) from exc

    def build_data(self, config, reference, *, show: bool) -> dict[str, int]:
        bar = ProgressBar(self.stderr, total=config.counties, unit=_("counties"))

        def progress(counties: int, publications: int) -> None:
            note = _("%(count)s publications") % {"count": f"{publications:,}"}
            bar.update(counties, note)

        counts = scale_build(config, reference, progress=progress if show else None)
        if show:
            bar.finish()
        return counts

    def write_summary(self, config, counts: dict[str, int]) -> None:
        labels = {
            "regions": Region,
            "organisations": Organisation,
            "users": get_user_model(),
            "memberships": Membership,
            "catalogs": Catalog,
            "items": Item,
            "legal bases": LegalBasis,
            "publications": Publication,
            "compliance reviews": ComplianceReview,
            "information requests": InformationRequest,
            "request steps": RequestEvent,
        }
        for key, count in counts.items():
            if key in labels:
                label = labels[key]._meta.verbose_name_plural
            elif key.startswith("publications:"):
                status = PublicationStatus(key.partition(":")[2]).label
                label = f"{Publication._meta.verbose_name_plural} · {status}"
            else:
                label = _("history rows")
            self.stdout.write(f"  {label}: {count:,}")
        self.stdout.write(
            _(
                "Counties created: %(counties)s; publications created: "
                "%(publications)s; skipped: 0; errors: 0."
            )
            % {
                "counties": f"{config.counties:,}",
                "publications": f"{counts['publications']:,}",
            }
        )
