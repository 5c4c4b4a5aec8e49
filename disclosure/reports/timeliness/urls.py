"""The timeliness statistics; included at /staff/timeliness/ by the root URLs."""

from django.urls import path

from . import views

app_name = "timeliness"
urlpatterns = [
    path("", views.TimelinessIndexView.as_view(), name="index"),
    path("bodies/<slug:code>/", views.BodyTimelinessView.as_view(), name="body"),
    path("<str:code>/", views.RegionTimelinessView.as_view(), name="region"),
]
