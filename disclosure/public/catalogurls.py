"""The public catalog pages (``catalogs.views``) under ``/catalogs/``, cached like
every other public page: weak ETag, Last-Modified, ``Cache-Control: public`` and
the rendered-page cache of ``caching.public_page``, moved by the same versions
(``signals``: a catalog, item or legal basis the public sees bumps them).

The views live in ``catalogs`` (its pages, its presentation); the caching lives
here because ``catalogs`` never imports ``disclosure``. A local catalog's pages
(its key begins with its county's division code, ``catalogs.local.derivation``)
depend on that county and the shared base; the list, standards and item pages
on the whole portal.
"""

from django.urls import path
from django.views.decorators.http import require_safe

from catalogs import views

from .caching import public_page

app_name = "catalogs"


def catalog_scope(key: str, **kwargs) -> str | None:
    county = key[:6]
    return county if county.isdigit() and key[6:7] == "-" else None


def cached(view, scope=None):
    return require_safe(public_page(scope)(view))


urlpatterns = [
    path("", cached(views.CatalogListView.as_view()), name="index"),
    path(
        "<slug:key>/v<int:version>/",
        cached(views.CatalogDetailView.as_view(), catalog_scope),
        name="catalog",
    ),
    path(
        "<slug:key>/v<int:version>/compare/",
        cached(views.CatalogCompareView.as_view(), catalog_scope),
        name="compare",
    ),
    path("items/<int:pk>/", cached(views.ItemDetailView.as_view()), name="item"),
]
