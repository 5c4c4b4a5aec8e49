"""``{{ p.body|publication_body }}``: a publication's text, sanitised (``disclosure.public.markup``)."""

from django import template

from ..public.markup import body_html

register = template.Library()


@register.filter
def publication_body(text):
    return body_html(text)
