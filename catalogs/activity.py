"""What was published under a catalog's rows, as the staff's item table shows it.

``catalogs`` may not import ``disclosure`` (the layer above, where publications
live), so the publishing app registers a function that annotates a queryset of
items (``register_row_activity``); the staff's catalog page asks for it through
``with_row_activity``. Without a registered function the rows carry no dates.

The function adds, in the same SQL query as the items:

- ``last_published_at`` — when something was last published under the row
  (its ``lineage``, so across every version of the catalog), or None;
- ``has_overdue`` — whether a publication under the row is still unpublished
  past its due date.
"""

from collections.abc import Callable

from django.db.models import BooleanField, DateTimeField, QuerySet, Value

RowActivity = Callable[[QuerySet], QuerySet]
_annotate: RowActivity | None = None


def register_row_activity(annotate: RowActivity) -> None:
    """Set the function that annotates items with their publishing activity."""
    global _annotate
    _annotate = annotate


def with_row_activity(items: QuerySet) -> QuerySet:
    """``items`` annotated with ``last_published_at`` and ``has_overdue``."""
    if _annotate is None:
        return items.annotate(
            last_published_at=Value(None, output_field=DateTimeField()),
            has_overdue=Value(False, output_field=BooleanField()),
        )
    return _annotate(items)
