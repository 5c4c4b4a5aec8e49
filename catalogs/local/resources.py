"""A local catalog's items as a flat listing for django-import-export: columns, and
the hand-off to the import services.

Export writes one row per item, tree order, every cell neutralised against
formulas. Import maps the columns to ``CatalogData`` (``layout.listing``) and asks
the import plan (``plan.local_catalog_import_plan``) what becomes of each row
(new, update, skip, or its errors); ``after_import`` hands a plan without errors
to the service that writes and validates it (``importing.local_catalog_write``).
No rule is decided here. ``import_data(dry_run=True)`` runs all of that in a
transaction that is rolled back, so a preview shows the real outcome.
"""

from io import BytesIO

import tablib
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import resources
from import_export.fields import Field
from import_export.formats.base_formats import XLSX
from import_export.instance_loaders import BaseInstanceLoader
from import_export.results import Error, Result, RowResult
from openpyxl import load_workbook

from ..channels import Vocabulary
from ..layout.cells import TICK, UNKNOWN
from ..layout.headers import BY_ROLE
from ..layout.listing import (
    LEVEL,
    NAME,
    OMISSION_REASON,
    OMITTED,
    ORIGIN,
    PARENT,
    ItemListing,
    cell_text,
)
from ..layout.rows import CatalogData, RowError
from ..layout.workbook import neutralise
from ..layout.xlsx import no_worksheet, unreadable_workbook
from ..models import Item
from .importing import local_catalog_import_plan, local_catalog_write


class LocalItemXLSX(XLSX):
    """The .xlsx format for the listing: formulas arrive as their text, to be refused
    rather than silently replaced by a cached value, and at most one row more than
    an import takes is read. Run ``upload_check`` on the file before this."""

    def create_dataset(self, in_stream):
        try:
            workbook = load_workbook(
                BytesIO(in_stream), read_only=True, data_only=False
            )
        except Exception as exc:  # openpyxl raises many kinds on a malformed file
            raise unreadable_workbook(exc) from exc
        try:
            return self._dataset(workbook)
        except ValidationError:
            raise
        except Exception as exc:
            raise unreadable_workbook(exc) from exc
        finally:
            workbook.close()

    def _dataset(self, workbook) -> tablib.Dataset:
        if not workbook.worksheets:
            raise no_worksheet()
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        # An empty sheet has no header row: one empty label, so the header check
        # names the missing columns (tablib cannot take an empty header).
        headers = [cell_text(value) for value in next(rows, ())] or [""]
        dataset = tablib.Dataset(headers=headers)
        for values in rows:
            if len(dataset) > settings.CATALOG_IMPORT_MAX_ROWS:
                break  # before_import reports the file as too long
            values = list(values[: len(headers)])
            dataset.append(values + [None] * (len(headers) - len(values)))
        return dataset


class LocalImportRowsResult(Result):
    """The import-export result with the plan, the written catalog and its findings."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = None
        self.catalog = None
        self.findings = []


def _field(column: str, attribute: str | None = None) -> Field:
    return Field(attribute=attribute, column_name=column)


def _tick(role: str) -> Field:
    return Field(
        column_name=BY_ROLE[role].title,
        # 不详 where the catalog leaves it open: an empty cell reads back unticked.
        dehydrate_method=lambda item: (
            UNKNOWN
            if getattr(item, role) is None
            else TICK
            if getattr(item, role)
            else ""
        ),
    )


class LocalCatalogItemResource(resources.Resource):
    """Items of one local catalog: export a flat listing, import one as a new version."""

    code = _field(BY_ROLE["code"].title, "code")
    level = _field(LEVEL, "level")
    parent_code = _field(PARENT)
    name = _field(NAME, "name")
    content = _field(BY_ROLE["content"].title)
    bases = _field(BY_ROLE["bases"].title)
    time_limit = _field(BY_ROLE["time_limit_text"].title, "time_limit_text")
    subject = _field(BY_ROLE["subject"].title, "subject")
    channels = _field(BY_ROLE["channels"].title)
    audience_public = _tick("audience_public")
    audience_specific = _tick("audience_specific")
    mode_proactive = _tick("mode_proactive")
    mode_on_request = _tick("mode_on_request")
    level_county = _tick("level_county")
    level_township = _tick("level_township")
    level_village = _tick("level_village")
    origin = _field(ORIGIN)
    omitted = _field(OMITTED)
    omission_reason = _field(OMISSION_REASON, "omission_reason")

    class Meta:
        # Rows are never loaded as instances: the plan decides what each one is.
        instance_loader_class = BaseInstanceLoader

    def __init__(
        self,
        *,
        organisation=None,
        standard=None,
        omit_reason: str = "",
        reason: str = "",
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.organisation, self.standard = organisation, standard
        self.omit_reason, self.reason = omit_reason, reason
        self._names: dict[str, str] | None = None

    @classmethod
    def get_result_class(cls):
        return LocalImportRowsResult

    @classmethod
    def get_display_name(cls):
        return _("Items of a local catalog")

    # Export

    def filter_export(self, queryset, **kwargs):
        """The items in tree order (a parent before its children), bases prefetched."""
        items = list(
            queryset.select_related("parent")
            .prefetch_related("bases")
            .order_by("catalog_id", "position", "pk")
        )
        children: dict = {}
        for item in items:
            children.setdefault(item.parent_id, []).append(item)
        ordered, stack = [], list(reversed(children.get(None, [])))
        while stack:
            item = stack.pop()
            ordered.append(item)
            stack.extend(reversed(children.get(item.pk, [])))
        return ordered

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        return neutralise(str(value)) if value not in (None, "") else ""

    def dehydrate_parent_code(self, item: Item) -> str:
        return item.parent.code if item.parent_id else ""

    def dehydrate_content(self, item: Item) -> str:
        return "\n".join(item.content)

    def dehydrate_bases(self, item: Item) -> str:
        return "\n".join(basis.text for basis in item.bases.all())

    def dehydrate_channels(self, item: Item) -> str:
        if self._names is None:
            self._names = Vocabulary.load().names
        return "\n".join(self._names.get(code, code) for code in item.channels)

    def dehydrate_origin(self, item: Item) -> str:
        return str(item.get_origin_display())

    def dehydrate_omitted(self, item: Item) -> str:
        return TICK if item.omitted else ""

    # Import

    def before_import(self, dataset, **kwargs):
        listing = ItemListing(dataset, vocabulary=Vocabulary.load())
        self.data = CatalogData(domain_key="", title="", items=listing.items)
        self.reasons = listing.reasons
        self.plan = local_catalog_import_plan(
            organisation=self.organisation,
            standard=self.standard,
            data=self.data,
            omit_reason=self.omit_reason,
            omission_reasons=self.reasons,
        )
        # Keyed by the dataset's row number (the sheet's less the header row);
        # None holds the errors of no row, the header's included.
        self.errors: dict[int | None, list[RowError]] = {}
        for error in listing.errors + self.plan.errors:
            number = error.row - 1 if error.row and error.row > 1 else None
            self.errors.setdefault(number, []).append(error)
        self.planned = {row.row - 1: row for row in self.plan.rows}

    def import_row(self, row, instance_loader, **kwargs):
        number = kwargs["row_number"]
        result = self.get_row_result_class()()
        result.diff = [cell_text(row.get(header)) for header in self.get_diff_headers()]
        planned = self.planned.get(number)
        if number in self.errors:
            result.import_type = RowResult.IMPORT_TYPE_INVALID
            result.validation_error = ValidationError(
                [str(error) for error in self.errors[number]]
            )
        elif planned is None:
            result.import_type = RowResult.IMPORT_TYPE_SKIP  # blank or omitted
        elif planned.standard is None:
            result.import_type = RowResult.IMPORT_TYPE_NEW
        elif planned.differences:
            result.import_type = RowResult.IMPORT_TYPE_UPDATE
        else:
            result.import_type = RowResult.IMPORT_TYPE_SKIP
        if planned is not None:
            result.object_repr = str(planned)
        else:  # a blank row, or a standard item marked as left out
            result.object_repr = " ".join(
                cell_text(row.get(label)) for label in (BY_ROLE["code"].title, NAME)
            ).strip()
        return result

    def after_import(self, dataset, result, **kwargs):
        result.plan = self.plan
        for error in self.errors.get(None, []):
            result.append_base_error(Error(ValidationError(str(error))))
        if result.has_errors() or result.has_validation_errors():
            return
        result.catalog, result.findings = local_catalog_write(
            plan=self.plan, user=kwargs.get("user"), reason=self.reason
        )
