"""Public URLs: pages (under the language prefix) and open data (without it)."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path
from django.views.decorators.http import require_safe

from . import api, feeds, files, sitemaps, views
from .caching import public_page
from .search.view import search_page

app_name = "public"


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


pages = [
    path("", views.home, name="home"),
    path("search/", search_page, name="search"),
    path("r/<str:code>/", views.region, name="region"),
    path("r/<str:code>/items/<int:pk>/", views.item, name="item"),
    path("r/<str:code>/<slug:domain>/", views.catalog, name="catalog"),
    path(
        "r/<str:code>/<slug:domain>/catalog.xlsx",
        files.catalog_xlsx,
        name="catalog-xlsx",
    ),
    path("p/<int:pk>/", views.publication, name="publication"),
    path("p/<int:pk>/files/<int:attachment_pk>/", files.attachment, name="attachment"),
]

open_data = [
    path("sitemap.xml", sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemap_section, name="sitemap-section"),
    path("feeds/r/<str:code>.atom", feeds.region_feed, name="feed-region"),
    path("feeds/d/<slug:key>.atom", feeds.domain_feed, name="feed-domain"),
    path("api/v1/", api.root, name="api"),
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
]
