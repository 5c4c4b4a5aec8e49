"""Root URL configuration.

The public pages and staff pages sit under the language prefix (none for
Chinese, ``/en/`` for English); open data (sitemap, feeds, API) does not. The apps'
URLs are included by dotted path, so the ground layer imports no app.
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from portal.access.signin import sign_in_view
from portal.admin import view_on_site


class FaviconRedirect(RedirectView):
    """/favicon.ico → the static favicon, resolved per request (the manifest of
    collected static files is not read at import time)."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static("img/favicon.svg")


urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path(
        "favicon.ico",
        FaviconRedirect.as_view(),
        name="favicon",
    ),
    path("", include("disclosure.public.opendataurls")),
]
urlpatterns += i18n_patterns(
    # Before the admin's own unscoped one: only objects the user may see there.
    path(
        "admin/r/<int:content_type_id>/<path:object_id>/",
        admin.site.admin_view(view_on_site),
        name="admin-view-on-site",
    ),
    path("admin/login/", sign_in_view, name="sign-in"),
    path("admin/", admin.site.urls),
    path("catalogs/", include("disclosure.public.catalogurls")),
    path("staff/progress/", include("disclosure.reports.urls")),
    path("staff/reports/", include("disclosure.reports.annual.urls")),
    path("staff/timeliness/", include("disclosure.reports.timeliness.urls")),
    path("staff/requests/", include("disclosure.requests.urls")),
    path("requests/", include("disclosure.requests.publicurls")),
    path("staff/consultations/", include("disclosure.participation.urls")),
    path("consultations/", include("disclosure.participation.publicurls")),
    path("subscriptions/", include("disclosure.subscriptions.urls")),
    path("staff/", include("disclosure.urls")),
    path("filings/", include("catalogs.filings.urls")),
    path("", include("disclosure.public.urls")),
    prefix_default_language=False,
)
