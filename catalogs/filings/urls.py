"""Staff pages for filings (备案): queue, review, overview and exports."""

from django.urls import path

from . import downloads, views

app_name = "filings"
urlpatterns = [
    path("", views.QueueView.as_view(), name="queue"),
    path("new/", views.FileListView.as_view(), name="file-list"),
    path("new/<int:catalog_pk>/", views.FileView.as_view(), name="file"),
    path("overview/", views.OverviewView.as_view(), name="overview"),
    path("bundle/", downloads.BundleView.as_view(), name="bundle"),
    path("<int:pk>/", views.DetailView.as_view(), name="detail"),
    path("<int:pk>/return/", views.ReturnView.as_view(), name="return"),
    path("<int:pk>/accept/", views.AcceptView.as_view(), name="accept"),
    path("<int:pk>/record/", views.RecordView.as_view(), name="record"),
    path("<int:pk>/workbook/", downloads.WorkbookView.as_view(), name="workbook"),
    path("<int:pk>/print/", downloads.PrintView.as_view(), name="print"),
]
