"""Public catalog pages: standard catalogs, local catalogs in force, comparisons."""

from django.urls import path

from . import views

app_name = "catalogs"
urlpatterns = [
    path("", views.CatalogListView.as_view(), name="index"),
    path(
        "<slug:key>/v<int:version>/", views.CatalogDetailView.as_view(), name="catalog"
    ),
    path(
        "<slug:key>/v<int:version>/compare/",
        views.CatalogCompareView.as_view(),
        name="compare",
    ),
    path("items/<int:pk>/", views.ItemDetailView.as_view(), name="item"),
]
