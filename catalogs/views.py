"""Public pages for standard catalogs: the list, a catalog laid out like the official table, an item."""

from django.views.generic import DetailView, ListView

from .models import Item
from .selectors import catalog_item_tree, standard_catalogs


class CatalogListView(ListView):
    template_name = "catalogs/catalog_list.html"
    context_object_name = "catalogs"

    def get_queryset(self):
        return standard_catalogs()


class CatalogDetailView(DetailView):
    template_name = "catalogs/catalog_detail.html"
    context_object_name = "catalog"

    def get_object(self, queryset=None):
        from django.shortcuts import get_object_or_404

        return get_object_or_404(
            standard_catalogs(), key=self.kwargs["key"], version=self.kwargs["version"]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tree"] = catalog_item_tree(self.object)
        return context


class ItemDetailView(DetailView):
    template_name = "catalogs/item_detail.html"
    context_object_name = "item"
    queryset = Item.objects.select_related(
        "catalog__domain", "parent"
    ).prefetch_related("bases")
