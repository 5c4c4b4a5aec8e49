"""Measure search on the labelled query set: precision and recall at 10."""

import io

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from disclosure.public.search import quality

BAR = 0.9


class Command(BaseCommand):
    help = _(
        "Measure search on the labelled query set "
        "(disclosure/public/search/labelled.toml): builds its world in a throwaway "
        "test database (the demo data, the set's publications and one county of "
        "seed_scale data), runs every query as the search page does, and prints "
        "precision and recall at 10 for catalog rows and for publications, per "
        "class of query and overall. Exits with an error when a figure is below 0.9. "
        "The database of DATABASE_URL is not touched."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--details",
            action="store_true",
            help=_("Also list every query that scores below 1, with what it showed."),
        )

    def handle(self, *args, **options):
        old_name = connection.settings_dict["NAME"]
        self.stderr.write(_("Building the labelled world in a test database …"))
        connection.creation.create_test_db(
            verbosity=0, autoclobber=True, serialize=False
        )
        try:
            with transaction.atomic():
                quiet = io.StringIO()
                call_command("seed_calendar", verbosity=0, stdout=quiet)
                call_command("load_catalogs", verbosity=0, stdout=quiet)
                call_command("seed_demo", verbosity=0, stdout=quiet)
                keys = quality.build_world(out=quiet)
                measured = quality.evaluate(keys)
                transaction.set_rollback(True)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        self.report(measured, details=options["details"])

    def report(self, measured, *, details: bool) -> None:
        figures = quality.summary(measured)
        self.stdout.write(
            _("Search quality on %(count)s labelled queries (%(vendor)s):")
            % {"count": len(measured), "vendor": connection.vendor}
        )
        columns = (
            _("class"),
            _("queries"),
            _("rows P@10"),
            _("rows R@10"),
            _("notices P@10"),
            _("notices R@10"),
        )
        self.stdout.write("  ".join(columns))
        order = ["all"] + sorted(k for k in figures if k != "all")
        for kind in order:
            f = figures[kind]
            self.stdout.write(
                f"{kind:<14}{f['queries']:>8}  {f['item_precision']:>10.3f}"
                f"{f['item_recall']:>10.3f}{f['publication_precision']:>14.3f}"
                f"{f['publication_recall']:>14.3f}"
            )
        if details:
            for m in measured:
                scores = (m.items, m.publications)
                if min(min(s.precision, s.recall) for s in scores) < 1:
                    self.stdout.write(
                        f"  {m.query.text} [{m.region or '*'}] "
                        f"rows P{m.items.precision:.2f} R{m.items.recall:.2f} "
                        f"notices P{m.publications.precision:.2f} "
                        f"R{m.publications.recall:.2f}: "
                        + " | ".join(m.shown_publications[:5])
                    )
        overall = figures["all"]
        low = [
            k
            for k in (
                "item_precision",
                "item_recall",
                "publication_precision",
                "publication_recall",
            )
            if overall[k] < BAR
        ]
        if low:
            raise CommandError(
                _("Below the bar of 0.9: %(figures)s.") % {"figures": ", ".join(low)}
            )
