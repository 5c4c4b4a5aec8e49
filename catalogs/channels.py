"""The channel vocabulary: read once per operation, and what is said of a channel
that is not in it.

Readers of files receive a ``Vocabulary`` and never query; services and views load
one with ``Vocabulary.load()`` (one query) and pass it on.
"""

import re
from functools import cached_property

from django.utils.translation import gettext as _

from .folding import normalise_label
from .models import Channel

# 其他（基层公共服务平台…）as printed in some copies: the ellipsis is not part of it.
_ELLIPSIS = re.compile(r"…|\.{2,}")


class Vocabulary:
    """Every channel in printed order (the official options first), by code and by
    folded name, alias or code."""

    def __init__(self, channels):
        self.channels: tuple[Channel, ...] = tuple(channels)

    @classmethod
    def load(cls) -> "Vocabulary":
        return cls(Channel.objects.order_by("-official", "position", "code"))

    @cached_property
    def names(self) -> dict[str, str]:
        """Channel code → name."""
        return {channel.code: channel.name for channel in self.channels}

    @cached_property
    def codes(self) -> set[str]:
        return set(self.names)

    @cached_property
    def _by_label(self) -> dict[str, Channel]:
        table: dict[str, Channel] = {}
        for channel in self.channels:
            for label in [channel.name, channel.code, *channel.aliases]:
                table[normalise_label(label)] = channel
        return table

    def find(self, name: str) -> Channel | None:
        """The channel a file names, by its name, an alias or its code."""
        key = normalise_label(name)
        channel = self._by_label.get(key)
        if channel is None:
            channel = self._by_label.get(_ELLIPSIS.sub("", key))
        return channel

    def name(self, code: str) -> str:
        """The name of ``code``, or the code itself when it is not in the vocabulary."""
        return self.names.get(code, code)

    def rows(self) -> list[tuple[str, str, bool]]:
        """(code, name, official) in printed order, as the layout writer takes them."""
        return [(c.code, c.name, c.official) for c in self.channels]


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
