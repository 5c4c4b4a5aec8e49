"""Root URL configuration.

The public pages and staff pages sit under the language prefix (none for
Chinese, ``/en/`` for English); open data (sitemap, feeds, API) does not.
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from disclosure.public import urls as public_urls
from disclosure.requests import urls as requests_urls

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include((public_urls.open_data, "opendata"))),
]
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("catalogs/", include("catalogs.urls")),
    path("staff/progress/", include("disclosure.progressurls")),
    path("staff/requests/", include((requests_urls.staff, "requests"))),
    path("requests/", include((requests_urls.public, "public-requests"))),
    path("staff/", include("disclosure.urls")),
    path("filings/", include("catalogs.filingurls")),
    path("", include((public_urls.pages, "public"), namespace="public")),
    prefix_default_language=False,
)
