"""The correction log in the JSON API: ``/api/v1/corrections/?region=<county>``."""

import re

from django.urls import reverse
from django.utils.translation import gettext as _

from ..models import CorrectionEntry
from ..public.api import BadParameter, api, paginated
from .selectors import with_public_replacements

COUNTY = re.compile(r"[0-9]{6}")


def entry(obj: CorrectionEntry, request) -> dict:
    replacement = getattr(obj, "public_replacement", None)
    return {
        "id": obj.pk,
        "kind": obj.kind,
        "kind_label": obj.get_kind_display(),
        "publication_id": obj.publication_id,
        "title": obj.title,
        "what": obj.what,
        "reason": obj.reason,
        "organisation": obj.organisation.name,
        "county": obj.county_code,
        "happened_at": obj.happened_at.isoformat(),
        "replacement_url": request.build_absolute_uri(
            reverse("public:publication", kwargs={"pk": replacement})
        )
        if replacement
        else None,
    }


@api
def corrections(request):
    """Every entry of the correction log, newest first; ``region`` picks a county."""
    queryset = CorrectionEntry.objects.select_related("organisation").order_by(
        "-happened_at", "-pk"
    )
    region = request.GET.get("region", "")
    if region:
        if not COUNTY.fullmatch(region):
            raise BadParameter(
                _(
                    "“region” must be a county's six-digit division code, not “%(value)s”."
                )
                % {"value": region[:20]}
            )
        queryset = queryset.filter(county_code=region)
    answer = paginated(request, queryset, lambda obj: obj)
    answer["results"] = [
        entry(e, request) for e in with_public_replacements(answer["results"])
    ]
    return answer
