"""Public catalog pages: the list, a catalog laid out like the official table, an
item, and a comparison (a local catalog beside its standard, or two versions).

Standard catalogs are public; local catalogs once in force (and after they are
superseded), never as drafts.
"""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from django.views.generic import DetailView, ListView, TemplateView

from .channels import Vocabulary
from .models import Catalog, CatalogKind, CatalogStatus, Item
from .presentation import (
    FIELD_LABELS,
    comparison_context,
    decorate,
    level_columns,
    safe_sources,
    with_completeness,
)
from .selectors import (
    catalog_item_tree,
    catalog_version,
    catalogs_with_counts,
    public_catalogs,
)


class CatalogListView(ListView):
    template_name = "catalogs/catalog_list.html"
    context_object_name = "catalogs"

    def get_queryset(self):
        # Meta.ordering does not apply to the aggregated query; order it here.
        shown = Q(kind=CatalogKind.STANDARD) | Q(status=CatalogStatus.IN_FORCE)
        return (
            catalogs_with_counts(public_catalogs().filter(shown))
            .select_related("organisation__region")
            .order_by("domain__position", "key", "-version")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        catalogs = [with_completeness(c) for c in context["object_list"]]
        context["catalogs"] = [c for c in catalogs if c.kind == CatalogKind.STANDARD]
        context["local_catalogs"] = sorted(
            (c for c in catalogs if c.kind == CatalogKind.LOCAL),
            key=lambda c: (c.organisation.region.code, c.domain.position, c.key),
        )
        return context


class CatalogDetailView(DetailView):
    template_name = "catalogs/catalog_detail.html"
    context_object_name = "catalog"

    def get_object(self, queryset=None):
        return with_completeness(public_catalog(self.kwargs))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        levels = level_columns(self.object)
        channels = Vocabulary.load().channels
        groups, number = [], 0
        for first in catalog_item_tree(self.object):
            rows = []
            for second in first.tree_children:
                number += 1
                rows.append((decorate(second, channels, levels), number, 2))
                for third in second.tree_children:
                    rows.append((decorate(third, channels, levels), None, 3))
            groups.append({"item": first, "rows": rows})
        context.update(
            groups=groups,
            levels=levels,
            # 序号, two item columns, five text columns, four ticks, the levels.
            column_count=8 + 4 + len(levels),
            sources=safe_sources(self.object.sources),
            is_local=self.object.kind == CatalogKind.LOCAL,
            versions=public_catalogs()
            .filter(key=self.object.key)
            .exclude(pk=self.object.pk)
            .order_by("-version")
            .values_list("version", flat=True),
        )
        return context


def public_catalog(kwargs) -> Catalog:
    queryset = catalogs_with_counts(public_catalogs()).select_related(
        "organisation__region"
    )
    return get_object_or_404(queryset, key=kwargs["key"], version=kwargs["version"])


class CatalogCompareView(TemplateView):
    """A local catalog beside its standard, or with ``?with=N`` beside version N."""

    template_name = "catalogs/catalog_compare.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        catalog = public_catalog(self.kwargs)
        if "with" in self.request.GET:
            left = catalog_version(catalog, self.request.GET["with"])
            if left is None or not public_catalogs().filter(pk=left.pk).exists():
                raise Http404(gettext("This catalog has no such public version."))
        else:
            left = catalog.derived_from
        if left is None:
            raise Http404(gettext("This catalog derives from no catalog."))
        context.update(catalog=catalog, **comparison_context(left, catalog))
        return context


class ItemDetailView(DetailView):
    template_name = "catalogs/item_detail.html"
    context_object_name = "item"

    def get_queryset(self):
        return (
            Item.objects.public()
            .select_related("catalog__domain", "catalog__organisation", "parent")
            .prefetch_related("bases", "children")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.object
        levels = level_columns(item.catalog)
        decorate(item, Vocabulary.load().channels, levels)
        evidence = item.evidence
        if isinstance(evidence, dict):
            evidence = [(FIELD_LABELS.get(k, k), str(v)) for k, v in evidence.items()]
        else:
            evidence = [("", str(evidence))] if evidence else []
        context.update(
            levels=levels,
            sources=safe_sources(item.sources),
            uncertain=[FIELD_LABELS.get(code, code) for code in item.uncertain or []],
            evidence=evidence,
        )
        return context
