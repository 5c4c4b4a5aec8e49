"""Open-data URLs, without the language prefix: sitemap, Atom feeds, the JSON API."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path
from django.views.decorators.http import require_safe

from ..column import api as column_api
from ..corrections import api as correction_api
from ..corrections import publicviews as corrections
from ..participation import opendata
from . import api, feeds, sitemaps
from .caching import public_page

app_name = "opendata"


@require_safe
@public_page()
def sitemap_index(request):
    return sitemap_views.index(
        request, sitemaps.sections(), sitemap_url_name="opendata:sitemap-section"
    )


@require_safe
@public_page()
def sitemap_section(request, section):
    return sitemap_views.sitemap(request, sitemaps.sections(), section=section)


urlpatterns = [
    path("sitemap.xml", sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemap_section, name="sitemap-section"),
    path("feeds/r/<str:code>.atom", feeds.region_feed, name="feed-region"),
    path("feeds/d/<slug:key>.atom", feeds.domain_feed, name="feed-domain"),
    path(
        "feeds/consultations/r/<str:code>.atom",
        opendata.consultation_feed,
        name="feed-consultations",
    ),
    path("api/v1/", api.root, name="api"),
    path("api/v1/consultations/", opendata.consultations, name="api-consultations"),
    path(
        "api/v1/consultations/<int:pk>/",
        opendata.consultation,
        name="api-consultation",
    ),
    path(
        "feeds/r/<str:code>/corrections.atom",
        corrections.corrections_feed,
        name="feed-corrections",
    ),
    path("api/v1/corrections/", correction_api.corrections, name="api-corrections"),
    path("api/v1/regions/", api.regions, name="api-regions"),
    path("api/v1/regions/<str:code>/", api.region, name="api-region"),
    path("api/v1/catalogs/", api.catalogs, name="api-catalogs"),
    path("api/v1/catalogs/<slug:key>/v<int:version>/", api.catalog, name="api-catalog"),
    path(
        "api/v1/catalogs/<slug:key>/v<int:version>/items/",
        api.catalog_items,
        name="api-catalog-items",
    ),
    path("api/v1/items/<int:pk>/", api.item, name="api-item"),
    path("api/v1/publications/", api.publications, name="api-publications"),
    path("api/v1/publications/<int:pk>/", api.publication, name="api-publication"),
    path("api/v1/bodies/", column_api.bodies, name="api-bodies"),
    path("api/v1/bodies/<slug:code>/", column_api.body, name="api-body"),
]
