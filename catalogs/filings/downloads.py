"""Filing downloads: one filing as a workbook or a printed page, a province's bundle.

Scoped like every filing page (``FilingMixin``); the bundle is streamed as it is
written, so a province of any size costs the server the same memory.
"""

import io

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View

from .exports import FETCH_CHUNK, bundle_chunks, filing_identity, write_filing
from .forms import BundleForm
from .selectors import bundle_filings
from .views import FilingMixin, table_with_comments

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class WorkbookView(FilingMixin, View):
    def get(self, request, pk):
        filing = self.filing(pk)
        stream = io.BytesIO()
        write_filing(filing, stream)
        response = HttpResponse(stream.getvalue(), content_type=XLSX)
        response["Content-Disposition"] = content_disposition_header(
            True, f"{filing.reference}.xlsx"
        )
        return response


class PrintView(FilingMixin, View):
    def get(self, request, pk):
        filing = self.filing(pk)
        comments = list(filing.comments.all())
        context = {
            "filing": filing,
            "snapshot": filing.snapshot,
            "identity": filing_identity(filing),
            "table": table_with_comments(filing.snapshot, comments),
            "comments": comments,
            "printed_at": timezone.localtime(),
        }
        return render(request, "catalogs/filings/print.html", context)


class BundleView(FilingMixin, View):
    """The province bundle for the ministry, streamed as it is written."""

    def get(self, request):
        if not request.user.has_perm("catalogs.review_filing"):
            raise PermissionDenied
        province = self.province()
        form = BundleForm(request.GET)
        filters = form.cleaned_data if form.is_valid() else {}
        status = filters.get("status", "")
        filings = bundle_filings(
            province=province.code,
            domain=filters.get("domain", ""),
            statuses=[status] if status else [],
        )
        today = timezone.localdate()
        title = _("Filings of %(province)s for the record, exported %(date)s") % {
            "province": province.name,
            "date": today.isoformat(),
        }
        response = StreamingHttpResponse(
            bundle_chunks(filings.iterator(chunk_size=FETCH_CHUNK), title=title),
            content_type="application/zip",
        )
        response["Content-Disposition"] = content_disposition_header(
            True, f"filings-{province.code}-{today:%Y%m%d}.zip"
        )
        return response
