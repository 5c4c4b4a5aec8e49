"""Fixtures for the fault tests: the publishing fixtures, and a count of every row."""

from django.apps import apps

from tests.disclosure.conftest import (  # noqa: F401  (fixtures used here)
    dibao_item,
    employment_item,
    english,
    lankao,
    media,
)
from tests.disclosure.participation.conftest import (  # noqa: F401  (fixtures used here)
    bureau,
    consultation,
)

APPS = ("portal", "catalogs", "disclosure")


def row_counts() -> dict[str, int]:
    """The number of rows of every model of the project's apps, history included.

    Two equal counts before and after an operation mean it wrote nothing (nor
    deleted anything) anywhere, which no list of "the tables it writes" can say.
    """
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in APPS and not model._meta.proxy
    }


def stored_files(folder) -> list:
    """The files under ``folder`` (the ``media`` fixture: MEDIA_ROOT in tests)."""
    return sorted(path for path in folder.rglob("*") if path.is_file())
