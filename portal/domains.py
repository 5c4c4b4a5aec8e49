"""The domains (领域) an organisation is responsible for, kept as domain keys.

The ground cannot import ``catalogs``, where domains are defined, so an
organisation stores the keys of its domains (``Organisation.domains``, a list;
empty means every domain, as for township and village governments). The
catalogs app registers the vocabulary (``register_domains``) when it is
ready; the validator and the admin's choices read it from here.
"""

import re
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_KEY = re.compile(r"^[a-z0-9_-]{1,40}$")
_provider: Callable[[], list[tuple[str, str]]] | None = None


def register_domains(provider: Callable[[], list[tuple[str, str]]]) -> None:
    """Set the function that lists every domain as (key, name)."""
    global _provider
    _provider = provider


def domain_choices() -> list[tuple[str, str]]:
    """Every known domain as (key, name), in the vocabulary's order."""
    return list(_provider()) if _provider is not None else []


def validate_domain_keys(value) -> None:
    """A list of distinct domain keys, each one a known domain."""
    if not isinstance(value, list) or not all(isinstance(k, str) for k in value):
        raise ValidationError(
            _("The domains must be a list of domain keys."), code="domains_shape"
        )
    if len(set(value)) != len(value):
        raise ValidationError(
            _("A domain is listed more than once."), code="domains_repeated"
        )
    known = {key for key, _name in domain_choices()}
    unknown = [k for k in value if not _KEY.match(k) or (known and k not in known)]
    if unknown:
        raise ValidationError(
            _("Unknown domain: %(keys)s.") % {"keys": "、".join(unknown)},
            code="domains_unknown",
        )
