"""A paginator that does not count a million rows to number its pages.

``COUNT(*)`` over a province's publications reads every one of them (a
quarter of a second and more at 1.26 million on PostgreSQL) for a figure
nobody reads exactly. ``EstimatedCountPaginator`` asks PostgreSQL's planner
first (``EXPLAIN``, no rows read): under ``EXACT_UP_TO`` rows it counts them
exactly (reading at most ``EXACT_UP_TO`` + 1, in case the planner guessed
low), above it shows the estimate, and says so (``estimated``; the templates
write “约”). SQLite, whose planner gives no row estimate,
always counts. Where the estimate is high, the last pages listed are empty:
the price of not reading every row to list the first ones.
"""

import json

from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property

EXACT_UP_TO = 1_000


def planned_rows(queryset) -> int | None:
    """The planner's estimate of the rows ``queryset`` returns, or None where
    the database gives none."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    sql, params = queryset.order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


class EstimatedCountPaginator(Paginator):
    estimated = False

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        guess = planned_rows(queryset) if hasattr(queryset, "query") else None
        if guess is None:
            return super().count
        if guess <= EXACT_UP_TO:
            # Counted, but never past EXACT_UP_TO + 1 rows: the planner can
            # guess low (a search's LIKE), and then a count would read them all.
            counted = queryset.order_by()[: EXACT_UP_TO + 1].count()
            if counted <= EXACT_UP_TO:
                return counted
            guess = counted
        self.estimated = True
        return guess
