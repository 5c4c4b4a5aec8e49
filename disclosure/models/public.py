"""What the public side keeps for speed: the search index and the cache versions.

Both are derived data, rebuilt from publications by ``rebuild_public_index``;
neither is ever edited by hand, so neither keeps history.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from catalogs.models import Domain

from ..public.search.fields import TokensField
from .publications import Publication, PublicationLevel


class SearchEntry(models.Model):
    """One public publication as the search sees it.

    Only publications that are public have an entry. ``title_tokens`` holds
    the token stream of the title, ``tokens`` that of the title, the places'
    names and the text (``disclosure.public.search.index``): a ``tsvector``
    with positions on PostgreSQL, text read by an FTS5 table on SQLite
    (``disclosure.public.search.fields``), so both match the same phrases.
    """

    publication = models.OneToOneField(
        Publication,
        verbose_name=_("publication"),
        on_delete=models.CASCADE,
        related_name="search_entry",
    )
    region_code = models.CharField(_("division code"), max_length=12, db_index=True)
    county = models.CharField(_("county code"), max_length=6)
    domain = models.ForeignKey(
        Domain,
        verbose_name=_("domain"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    level = models.CharField(_("level"), max_length=10, choices=PublicationLevel)
    title_tokens = TokensField(_("title tokens"))
    tokens = TokensField(_("tokens"))
    published_at = models.DateTimeField(_("published at"))

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        indexes = [
            models.Index(
                fields=["region_code", "published_at"], name="search_region_time"
            ),
            models.Index(fields=["domain", "published_at"], name="search_domain_time"),
            models.Index(fields=["county", "published_at"], name="search_county_time"),
            # A province's or city's newest entries: read by time, filtered by code.
            models.Index(fields=["published_at"], name="search_time"),
        ]

    def __str__(self):
        return str(self.publication_id)


class PublicVersion(models.Model):
    """A counter per scope that changes whenever what the public sees there changes.

    The scope ``""`` moves with every change and covers the portal-wide pages
    (home, search, sitemap, API lists); ``"*"`` moves with changes above the
    counties (domains, standard catalogs, provinces and cities); a six-digit
    county code moves with changes in that county. A county's pages depend on
    ``"*"`` and their county only, so work elsewhere leaves them cached. Public pages take their ETag and
    Last-Modified from these rows, so a conditional GET costs one query.
    """

    scope = models.CharField(_("scope"), max_length=12, primary_key=True)
    version = models.PositiveBigIntegerField(_("version"), default=0)
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        verbose_name = _("public version")
        verbose_name_plural = _("public versions")

    def __str__(self):
        return f"{self.scope or '*'}:{self.version}"
