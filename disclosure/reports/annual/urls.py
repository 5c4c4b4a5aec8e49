"""Staff pages of the annual report; included at /staff/reports/ by the root URLs."""

from django.urls import path

from . import views

app_name = "annual"
urlpatterns = [
    path("", views.ReportListView.as_view(), name="list"),
    path("<int:pk>/", views.ReportDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.ReportEditView.as_view(), name="edit"),
    path(
        "<int:pk>/report.docx",
        views.DraftFileView.as_view(),
        {"extension": "docx"},
        name="docx",
    ),
    path(
        "<int:pk>/report.xlsx",
        views.DraftFileView.as_view(),
        {"extension": "xlsx"},
        name="xlsx",
    ),
]
