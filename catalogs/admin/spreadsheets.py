"""Admin pages for a local catalog's spreadsheets: export, and import with a preview.

Export: the catalog in the official layout (``xlsx.write_catalog``) and its flat
item listing (``resources.LocalCatalogItemResource``, every cell neutralised
against formulas), for any catalog the user may read (``readable_catalog``).

Import: ``LocalCatalogLayoutForm`` runs the upload checks (type, size, zip and
XML bombs) before the file is parsed, and offers only the organisations the
user derives local catalogs for. A valid upload is imported as a dry run (a
rolled-back transaction) and shown as a preview: the plan, the validation
findings and every row error. The file waits for the confirmation in a private
folder under a random name; the session holds that name and the choices of the
upload, the client only a token compared with the session's. The confirmation
checks and reads the stored file again, through the same form, and writes the
new draft version.
"""

import logging
import secrets
import tempfile
import time
from io import BytesIO
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.http import content_disposition_header
from django.utils.translation import gettext

from ..layout.rows import CatalogDataError, RowError
from ..layout.workbook import write_catalog
from ..local.forms import attach_errors
from ..local.importing import (
    MATCHED,
    SUB_ITEM,
    SUPPLEMENT,
    local_catalog_import_run,
)
from ..local.resources import LocalCatalogItemResource, LocalItemXLSX
from ..local.uploadforms import LocalCatalogLayoutForm
from ..models import CatalogKind, Item
from ..selectors import catalogs_visible_to, organisations_editing_catalogs
from .base import catalog_change_url, readable_catalog

logger = logging.getLogger(__name__)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SESSION_KEY = "catalogs_layout_import"
# A preview not confirmed within this time is gone; its file is removed.
PENDING_SECONDS = 60 * 60
_SUFFIXES = (".xlsx", ".docx")


# Export


def _attachment(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def export_xlsx(model_admin, request, pk):
    """The catalog as an .xlsx workbook in the official layout."""
    catalog = readable_catalog(request, pk)
    stream = BytesIO()
    write_catalog(catalog, stream)
    return _attachment(stream.getvalue(), f"{catalog.key}-v{catalog.version}.xlsx")


def export_listing(model_admin, request, pk):
    """The catalog's items as a flat listing, one row per item, formulas neutralised."""
    catalog = readable_catalog(request, pk)
    dataset = LocalCatalogItemResource().export(
        queryset=Item.objects.filter(catalog=catalog)
    )
    content = LocalItemXLSX().export_data(dataset)
    return _attachment(content, f"{catalog.key}-v{catalog.version}-items.xlsx")


# Import


def _pending_folder() -> Path:
    folder = Path(tempfile.gettempdir()) / "catalogs-layout-imports"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def _pending_path(token: str, suffix: str) -> Path:
    """Where the file of ``token`` waits; both parts come from the server only."""
    if suffix not in _SUFFIXES or not token.isalnum():
        raise ValueError("unexpected pending file name")
    return _pending_folder() / f"{token}{suffix}"


def _prune_pending() -> None:
    """Remove waiting files older than ``PENDING_SECONDS`` (abandoned previews)."""
    cutoff = time.time() - PENDING_SECONDS
    for path in _pending_folder().iterdir():
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except OSError:
            pass  # removed by another request meanwhile


def _forget_pending(request) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    if pending:
        try:
            _pending_path(pending["token"], pending["suffix"]).unlink(missing_ok=True)
        except (ValueError, KeyError, OSError):
            pass


def _keep_pending(request, form) -> str:
    """Store the previewed file and its choices for the confirmation; the token."""
    _forget_pending(request)
    _prune_pending()
    upload = form.cleaned_data["file"]
    suffix = Path(upload.name).suffix.lower()
    token = secrets.token_hex(16)
    with _pending_path(token, suffix).open("xb") as target:
        upload.seek(0)
        for chunk in upload.chunks():
            target.write(chunk)
    request.session[SESSION_KEY] = {
        "token": token,
        "suffix": suffix,
        "name": upload.name,
        "user": request.user.pk,
        "time": time.time(),
        "organisation": form.cleaned_data["organisation"].pk,
        "standard": form.cleaned_data["standard"].pk,
        "omit_reason": form.cleaned_data["omit_reason"],
    }
    return token


def _pending_form(request):
    """The upload form again over the stored file, or None when the preview is gone."""
    pending = request.session.get(SESSION_KEY)
    token = request.POST.get("token", "")
    if (
        not pending
        or pending.get("user") != request.user.pk
        or not secrets.compare_digest(str(pending.get("token", "")), token)
        or time.time() - pending.get("time", 0) > PENDING_SECONDS
    ):
        return None, None
    try:
        path = _pending_path(pending["token"], pending["suffix"])
        stream = path.open("rb")
    except (ValueError, KeyError, OSError):
        return None, None
    data = {name: pending[name] for name in ("organisation", "standard", "omit_reason")}
    form = LocalCatalogLayoutForm(
        data, {"file": File(stream, name=pending["name"])}, user=request.user
    )
    del form.fields["commit"]  # the confirmation is the commit
    return form, stream


def _initial(request) -> dict:
    """The organisation and standard of ``?catalog=``, a local catalog the user edits."""
    try:
        pk = int(request.GET.get("catalog", ""))
    except ValueError:
        return {}
    catalog = catalogs_visible_to(request.user, for_editing=True).filter(
        pk=pk, kind=CatalogKind.LOCAL
    )
    catalog = catalog.values("organisation", "derived_from").first()
    if catalog is None:
        return {}
    return {
        "organisation": catalog["organisation"],
        "standard": catalog["derived_from"],
    }


def _run(request, form, *, commit: bool):
    """The import as a dry run or for real: (result, row errors)."""
    try:
        result = local_catalog_import_run(
            **form.import_arguments(),
            data=form.catalog_data(),
            commit=commit,
            user=request.user,
        )
    except CatalogDataError as error:
        return None, error.errors
    except ValidationError as error:  # a service refusing the whole catalog
        return None, [RowError(message) for message in error.messages]
    return result, []


def _checked(form) -> bool:
    """``form.is_valid()``, with a reader's unforeseen failure as a form error.

    The upload checks and the readers report what they recognise as
    ``ValidationError``; anything else a parser raises on a malformed file is
    logged and shown as an unreadable file rather than as a server error.
    """
    try:
        return form.is_valid()
    except ValidationError as error:
        attach_errors(form, error)
    except Exception:
        logger.exception("Reading an uploaded catalog file failed")
        form.add_error(
            "file" if "file" in form.fields else None,
            gettext(
                "The file could not be read. Save it again from Excel, WPS or Word "
                "in the official layout and try again."
            ),
        )
    return False


def may_import(request) -> bool:
    """Whether the import page is open to this user at all."""
    return (
        request.user.has_perm("catalogs.add_catalog")
        and organisations_editing_catalogs(request.user).exists()
    )


def import_layout(model_admin, request):
    """Upload a file in the official layout, preview the dry run, then confirm."""
    if not may_import(request):
        raise PermissionDenied
    result, errors, token = None, [], ""
    if request.method == "POST" and "confirm" in request.POST:
        form, stream = _pending_form(request)
        if form is None:
            messages.error(
                request,
                gettext(
                    "The preview has expired or was replaced by another one; upload "
                    "the file again."
                ),
            )
            return redirect("admin:catalogs_catalog_import_layout")
        try:
            if _checked(form):
                result, errors = _run(request, form, commit=True)
        finally:
            stream.close()
        if result is not None:
            _forget_pending(request)
            messages.success(
                request,
                gettext(
                    "Version %(version)s of “%(catalog)s” was written as a draft from "
                    "“%(name)s”."
                )
                % {
                    "version": result.catalog.version,
                    "catalog": result.catalog,
                    "name": form.cleaned_data["file"].name,
                },
            )
            return redirect(catalog_change_url(result.catalog))
        _forget_pending(request)
    elif request.method == "POST":
        form = LocalCatalogLayoutForm(request.POST, request.FILES, user=request.user)
        del form.fields["commit"]  # an upload is always previewed first
        if _checked(form):
            result, errors = _run(request, form, commit=False)
            if result is not None:
                token = _keep_pending(request, form)
    else:
        form = LocalCatalogLayoutForm(initial=_initial(request), user=request.user)
        del form.fields["commit"]
    return model_admin.render_operation(
        request,
        "admin/catalogs/catalog/import_layout.html",
        {"title": gettext("Import a spreadsheet in the official layout"), "form": form}
        | _preview_context(result, errors, token),
    )


def _preview_context(result, errors, token) -> dict:
    context = {"row_errors": errors, "token": token, "result": result}
    if result is None:
        return context
    plan, findings = result.plan, result.findings
    return context | {
        "matched": plan.of(MATCHED),
        "supplements": plan.of(SUPPLEMENT),
        "sub_items": plan.of(SUB_ITEM),
        "omissions": plan.omissions,
        "changed": plan.changed,
        "findings": findings,
        "finding_errors": sum(1 for f in findings if f.is_error),
        "finding_warnings": sum(1 for f in findings if not f.is_error),
    }


def change_context(request, catalog) -> dict:
    """What the catalog's change page needs for its spreadsheet buttons."""
    return {
        "can_import_layout": catalog.kind == CatalogKind.LOCAL
        and may_import(request)
        and catalogs_visible_to(request.user, for_editing=True)
        .filter(pk=catalog.pk)
        .exists()
    }


ROUTES = [
    ("<int:pk>/export-xlsx/", export_xlsx, "export_xlsx"),
    ("<int:pk>/export-listing/", export_listing, "export_listing"),
    ("import-layout/", import_layout, "import_layout"),
]
