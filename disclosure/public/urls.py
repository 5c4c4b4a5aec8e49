"""Public pages, under the language prefix (open data: ``opendataurls``)."""

from django.urls import path

from ..column import views as column
from ..corrections import publicviews as corrections
from ..reports.annual import publicviews as annual
from . import files, views
from .search.view import search_page

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", search_page, name="search"),
    path("r/<str:code>/", views.region, name="region"),
    path("r/<str:code>/items/<int:pk>/", views.item, name="item"),
    path("r/<str:code>/disclosure/", column.columns_at, name="columns"),
    path("r/<str:code>/disclosure/<slug:body>/", column.column, name="column"),
    path("r/<str:code>/reports/", annual.reports_at, name="annual-reports"),
    path("r/<str:code>/corrections/", corrections.corrections, name="corrections"),
    path(
        "r/<str:code>/reports/<slug:body>/<int:year>/",
        annual.report_page,
        name="annual-report",
    ),
    path(
        "r/<str:code>/reports/<slug:body>/<int:year>/report.docx",
        annual.report_file,
        {"extension": "docx"},
        name="annual-report-docx",
    ),
    path(
        "r/<str:code>/reports/<slug:body>/<int:year>/report.xlsx",
        annual.report_file,
        {"extension": "xlsx"},
        name="annual-report-xlsx",
    ),
    path("r/<str:code>/<slug:domain>/", views.catalog, name="catalog"),
    path(
        "r/<str:code>/<slug:domain>/catalog.xlsx",
        files.catalog_xlsx,
        name="catalog-xlsx",
    ),
    path("p/<int:pk>/", views.publication, name="publication"),
    path("p/<int:pk>/files/<int:attachment_pk>/", files.attachment, name="attachment"),
]
