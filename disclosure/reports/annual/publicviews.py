"""The public pages of published annual reports: a place's reports, and a body's
report for a year (the newest version, earlier ones linked with their notes),
with its .docx and .xlsx. Cached and validated like every public page."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from ...public.caching import public_page
from ...public.places import trail
from ...public.rules import region_or_404
from ...public.views import region_scope
from . import files, layout
from .selectors import published_report, published_versions
from .tables import laid_out


def _versions(code, body, year):
    versions = published_report(region_code=code, body=body, year=year)
    if not versions:
        raise Http404
    return versions


def _chosen(request, versions):
    wanted = request.GET.get("version", "")
    if not wanted:
        return versions[0]
    for version in versions:
        if str(version.number) == wanted:
            return version
    raise Http404


@require_safe
@public_page(region_scope)
def reports_at(request, code):
    place = region_or_404(code)
    latest = {}
    for version in published_versions(region_code=place.code):
        latest.setdefault(version.report_id, version)
    return render(
        request,
        "public/annual_reports.html",
        {"place": place, "trail": trail(place), "versions": list(latest.values())},
    )


@require_safe
@public_page(region_scope)
def report_page(request, code, body, year):
    place = region_or_404(code)
    versions = _versions(place.code, body, year)
    version = _chosen(request, versions)
    return render(
        request,
        "public/annual_report.html",
        {
            "place": place,
            "trail": trail(place),
            "version": version,
            "latest": versions[0],
            "versions": versions,
            "changed": [layout.change_label(key) for key in version.changes],
            "shown": laid_out(version.content, public=True),
        },
    )


@require_safe
@public_page(region_scope)
def report_file(request, code, body, year, extension):
    version = _chosen(request, _versions(code, body, year))
    content = version.content
    if extension == "docx":
        data = files.docx_bytes(content, public=True, note=version.note)
        kind = files.DOCX
    else:
        data, kind = files.xlsx_bytes(content, public=True), files.XLSX
    response = HttpResponse(data, content_type=kind)
    response["Content-Disposition"] = content_disposition_header(
        True, files.filename(content, extension)
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
