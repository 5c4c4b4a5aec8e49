"""Public URLs of on-request disclosure, under /requests/: apply, and the status page
behind the 查询码 (none is a cached content page: each answers no-store)."""

from django.urls import path

from . import publicviews

app_name = "public-requests"

urlpatterns = [
    path("", publicviews.places, name="places"),
    path("apply/<slug:code>/", publicviews.apply, name="apply"),
    path("status/", publicviews.status, name="status"),
    path("status/letter/", publicviews.status_letter, name="status-letter"),
    path("status/file/", publicviews.status_file, name="status-file"),
]
