"""Search over catalog rows and public publications (see the README, "Search").

Modules: ``tokens`` (normalising and cutting text), ``vocabulary`` (what a
query means, from ``vocabulary.toml``), ``fields`` (how each database keeps
and matches token streams), ``index`` (the entries, kept in step and rebuilt),
``publications`` and ``items`` (what matches), ``highlight``, ``query`` (one
search, used by the page and the API alike), ``view`` (the page) and
``quality`` (the labelled set). Nothing is imported here: the models import
``fields``, and ``index`` imports the models.
"""
