"""Public URLs of participation, under /consultations/ (none is a cached content
page: each answers no-store)."""

from django.urls import path

from . import publicviews

app_name = "participation"

urlpatterns = [
    path("r/<str:code>/", publicviews.county, name="county"),
    path("<int:pk>/", publicviews.consultation, name="consultation"),
    path("say/", publicviews.say, name="say"),
]
