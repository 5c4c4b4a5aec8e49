"""The channel vocabulary rule: which channels exist, and what is said of one that does not."""

from django.utils.translation import gettext as _

from .models import Channel


def unknown_channel_codes(codes, known: set[str] | None = None) -> list[str]:
    """The codes among ``codes`` that name no channel of the vocabulary, in order."""
    if known is None:
        known = set(
            Channel.objects.filter(code__in=codes).values_list("code", flat=True)
        )
    return [code for code in codes if code not in known]


def unknown_code_message(code: str) -> str:
    return _("The channel “%(code)s” is not in the channel vocabulary.") % {
        "code": code
    }


def unknown_name_message(name: str) -> str:
    """For a channel named in a file: the reader could not map the name to a code."""
    return _(
        "The channel “%(name)s” is not in the channel vocabulary; "
        "correct the spelling or add it as a channel first."
    ) % {"name": name}
