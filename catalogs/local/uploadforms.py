"""Forms for importing a local catalog from a file: the upload checks run before parsing.

``LocalCatalogUploadForm`` and ``LocalCatalogConfirmForm`` are the two steps of
django-import-export's admin import with ``resources.LocalCatalogItemResource``;
``LocalCatalogLayoutForm`` takes the official layout (.xlsx or .docx) for
``localimport.local_catalog_import_run``. Pass ``user`` to every form: the
organisations offered are those the user may derive local catalogs for.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from import_export.forms import ConfirmImportForm, ImportForm

from portal.models import Organisation

from ..channels import Vocabulary
from ..layout.files import layout_file_read
from ..layout.rows import CatalogData
from ..layout.uploads import upload_check
from ..models import Catalog, CatalogKind, CatalogStatus
from ..selectors import organisations_editing_catalogs


class _ImportTarget(forms.Form):
    """Whose catalog, derived from which standard, and why items are left out."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    standard = forms.ModelChoiceField(
        label=_("Standard catalog"),
        queryset=Catalog.objects.filter(
            kind=CatalogKind.STANDARD, status=CatalogStatus.IN_FORCE
        ),
    )
    omit_reason = forms.CharField(
        label=_("Reason for the items left out"),
        required=False,
        max_length=500,
        help_text=_(
            "Recorded for the standard items the file leaves out. Without it they "
            "are omitted without a reason, which validation reports."
        ),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["organisation"].queryset = organisations_editing_catalogs(user)

    def import_arguments(self) -> dict:
        """The keyword arguments the resource and the import services take."""
        return {
            name: self.cleaned_data[name]
            for name in ("organisation", "standard", "omit_reason")
        }


class LocalCatalogUploadForm(_ImportTarget, ImportForm):
    """The import-export upload step, refusing unsafe files before they are read."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload_check(upload, name=upload.name) != ".xlsx":
            raise ValidationError(
                _(
                    "The item listing is read from an Excel workbook (.xlsx); save "
                    "the file as .xlsx and try again."
                ),
                code="wrong_type",
            )
        return upload


class LocalCatalogConfirmForm(_ImportTarget, ConfirmImportForm):
    """The import-export confirmation step, carrying the choices of the upload."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("organisation", "standard", "omit_reason"):
            self.fields[name].widget = forms.HiddenInput()


class LocalCatalogLayoutForm(_ImportTarget):
    """A local catalog in the official layout, checked and read on cleaning."""

    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "The local catalog in the official layout, as an Excel workbook (.xlsx) "
            "or the tables of a Word document (.docx)."
        ),
    )
    commit = forms.BooleanField(
        label=_("Write the new draft version"),
        required=False,
        help_text=_("Leave this unticked to preview the import without writing."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        items, errors = layout_file_read(
            upload, name=upload.name, vocabulary=Vocabulary.load()
        )
        if errors:
            raise ValidationError([str(error) for error in errors])
        self.items = items
        return upload

    def catalog_data(self) -> CatalogData:
        """The file's items, for ``local_catalog_import_run(data=...)``."""
        return CatalogData(
            domain_key=self.cleaned_data["standard"].domain.key,
            title=self.cleaned_data["file"].name,
            items=self.items,
        )
