"""Public downloads: a publication's attachments and a county's catalog in the official layout."""

from io import BytesIO

from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header, http_date
from django.views.decorators.http import require_safe

from catalogs.layout.workbook import write_catalog

from ..models import Attachment
from ..personaldata import public_name
from . import places
from .caching import public_page
from .rules import public_publications, region_or_404
from .views import publication_scope, region_scope

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_safe
def attachment(request, pk, attachment_pk):
    """An attachment of a public publication (never of anything else).

    Validators and ``no-cache``: an HTTP cache keeps the file but asks every time,
    and every asking checks that the publication is still public, so a withdrawal
    reaches downloads at once (a 404), as fast as pages; an unchanged file costs
    one query and a 304."""
    found = get_object_or_404(
        Attachment,
        pk=attachment_pk,
        publication__in=public_publications().filter(pk=pk),
    )
    etag = f'"{found.sha256}-{found.pk}"'
    modified = int(found.uploaded_at.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=modified)
    if response is None:
        response = FileResponse(
            found.file.open("rb"), as_attachment=True, filename=public_name(found)
        )
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, no-cache"
    return response


@require_safe
@public_page(region_scope)
def catalog_xlsx(request, code, domain):
    """The place's catalog for a domain as the official .xlsx table."""
    catalog = places.catalog_for(region_or_404(code), domain)
    stream = BytesIO()
    write_catalog(catalog, stream)
    response = HttpResponse(stream.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        True, f"{catalog.key}-v{catalog.version}.xlsx"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


__all__ = ["attachment", "catalog_xlsx", "publication_scope"]
