"""Root URL configuration."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
]
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("catalogs/", include("catalogs.urls")),
    path("staff/progress/", include("disclosure.progressurls")),
    path("staff/", include("disclosure.urls")),
    path("filings/", include("catalogs.filingurls")),
    path(
        "",
        RedirectView.as_view(pattern_name="catalogs:index", permanent=False),
        name="home",
    ),
    prefix_default_language=False,
)
