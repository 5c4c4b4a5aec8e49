"""Template tags every page uses: links to the same page in each language."""

from django import template
from django.conf import settings
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One plain link per language (no form, no cookie: public pages stay cacheable)."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    current = context.get("LANGUAGE_CODE")
    return [
        {
            "code": code,
            "name": name,
            "url": translate_url(path, code),
            "current": code == current,
        }
        for code, name in settings.LANGUAGES
    ]


@register.simple_tag
def site_footer() -> dict:
    """The deployment's footer particulars (settings.SITE_FOOTER), the police
    record's number alone for its link."""
    footer = dict(getattr(settings, "SITE_FOOTER", {}) or {})
    footer["police_code"] = "".join(c for c in footer.get("police", "") if c.isdigit())
    return footer
