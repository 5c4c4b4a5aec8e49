"""The quarterly progress report; included at /staff/progress/ by the root URLs."""

from django.urls import path

from .views import ProgressReportView

app_name = "progress"
urlpatterns = [
    path("", ProgressReportView.as_view(), name="report"),
]
