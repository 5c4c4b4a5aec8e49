"""How each database keeps a token stream and matches a query against it.

``TokensField`` holds a stream (``tokens.stream``, parts joined by ``GAP``):
a ``tsvector`` with positions on PostgreSQL, the tokens as text on SQLite,
where an FTS5 table reads them (migration ``0006``). The lookup
``matches`` takes a ``Formula`` and answers the same rows on both.
"""

from dataclasses import dataclass

from django.db import models
from django.db.models import Lookup

from .tokens import Phrase

GAP = "_"  # between the parts of a stream: no query token ever equals it
FTS_TABLE = "disclosure_searchentry_fts"
MAX_POSITION = 16383  # PostgreSQL's last tsvector position


@dataclass(frozen=True)
class Formula:
    """Every term must match; a term matches when any of its phrases does."""

    terms: tuple[tuple[Phrase, ...], ...]

    def tsquery(self) -> str:
        def one(phrase: Phrase) -> str:
            words = [f"'{t}'" for t in phrase.tokens]
            if phrase.prefix:
                words[-1] += ":*"
            return " <-> ".join(words)

        return " & ".join(
            "(" + " | ".join(f"({one(p)})" for p in term) + ")" for term in self.terms
        )

    def fts5(self) -> str:
        def one(phrase: Phrase) -> str:
            return '"' + " ".join(phrase.tokens) + '"' + ("*" if phrase.prefix else "")

        return " AND ".join(
            "(" + " OR ".join(one(p) for p in term) + ")" for term in self.terms
        )


def tsvector(stream: list[str]) -> str:
    """The ``tsvector`` literal of a stream: each token with its positions."""
    positions: dict[str, list[str]] = {}
    for position, token in enumerate(stream[:MAX_POSITION], start=1):
        if token != GAP:
            positions.setdefault(token, []).append(str(position))
    return " ".join(f"'{token}':{','.join(at)}" for token, at in positions.items())


def stream_of_tsvector(value: str) -> list[str]:
    """The stream a ``tsvector`` literal was written from (gaps restored)."""
    placed: dict[int, str] = {}
    for part in value.split(" "):
        if not part:
            continue
        token, _colon, at = part.rpartition(":")
        for position in at.split(","):
            placed[int(position.rstrip("ABCD"))] = token.strip("'")
    last = max(placed, default=0)
    return [placed.get(position, GAP) for position in range(1, last + 1)]


class TokensField(models.TextField):
    """A token stream, as a list of tokens in Python."""

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"

    def from_db_value(self, value, expression, connection):
        if value is None:
            return []
        if connection.vendor == "postgresql":
            return stream_of_tsvector(value)
        return value.split(" ") if value else []

    def to_python(self, value):
        if isinstance(value, str):
            return value.split(" ") if value else []
        return list(value or [])

    def get_db_prep_value(self, value, connection, prepared=False):
        stream = self.to_python(value)
        if connection.vendor == "postgresql":
            return tsvector(stream)
        return " ".join(stream)

    def get_prep_value(self, value):
        return value

    def value_to_string(self, obj):
        return " ".join(self.value_from_object(obj))


@TokensField.register_lookup
class Matches(Lookup):
    """``tokens__matches=formula``: the row's stream holds every term of it."""

    lookup_name = "matches"

    def get_prep_lookup(self):
        return self.rhs

    def process_rhs(self, compiler, connection):
        formula = self.rhs
        if connection.vendor == "postgresql":
            return "%s::tsquery", [formula.tsquery()]
        column = self.lhs.target.column
        return "%s", [f"{column} : ({formula.fts5()})"]

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} @@ {rhs}", [*lhs_params, *rhs_params]

    def as_sqlite(self, compiler, connection):
        alias = compiler.quote_name_unless_alias(self.lhs.alias)
        pk = connection.ops.quote_name(self.lhs.target.model._meta.pk.column)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        # Identifiers only (quoted names and a constant); the query is a parameter.
        sql = f"{alias}.{pk} IN (SELECT rowid FROM {FTS_TABLE} "  # noqa: S608
        sql += f"WHERE {FTS_TABLE} MATCH {rhs})"
        return sql, rhs_params
