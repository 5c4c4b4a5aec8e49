"""The column in the JSON API: the bodies at a place, and one body's column."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.models import Organisation

from ..public.api import api, paginated
from ..public.serialise import catalog as catalog_json
from . import selectors
from .guide import shown_guide


def body_summary(obj: Organisation) -> dict:
    code = obj.region.code
    return {
        "code": obj.code,
        "name": obj.name,
        "region": code,
        "url": reverse("public:column", kwargs={"code": code, "body": obj.code}),
        "api": reverse("opendata:api-body", kwargs={"code": obj.code}),
    }


def body_column(obj: Organisation) -> dict:
    guide = shown_guide(obj)
    return {
        **body_summary(obj),
        "guide": {
            "office": guide.office,
            "address": guide.address or None,
            "hours": guide.hours,
            "phone": guide.phone or None,
            "email": guide.email or None,
            "postal_address": guide.postal_address or None,
            "postcode": guide.postcode or None,
            "how_to_apply": guide.how_to_apply,
            "rules": guide.rules,
        },
        "catalogs": [catalog_json(c) for c in selectors.body_catalogs(obj)],
        "annual_reports": [
            {
                "year": v.report.year,
                "version": v.number,
                "published_at": v.published_at.isoformat(),
                "url": v.get_absolute_url(),
            }
            for v in selectors.body_reports(obj)
        ],
        "apply": reverse("public-requests:apply", kwargs={"code": obj.code}),
    }


@api
def bodies(request):
    queryset = Organisation.objects.select_related("region").order_by(
        "region__code", "name", "pk"
    )
    region = request.GET.get("region", "")
    if region:
        queryset = queryset.filter(region__code__startswith=region[:12])
    return paginated(request, queryset, body_summary)


@api
def body(request, code):
    found = Organisation.objects.filter(code=code).select_related("region").first()
    if found is None:
        raise Http404(
            _("There is no disclosing body with the code “%(code)s”.")
            % {"code": code[:40]}
        )
    return body_column(found)
