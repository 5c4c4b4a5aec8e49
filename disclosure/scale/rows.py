"""Writing rows fast: primary keys taken in bulk, COPY on PostgreSQL.

``bulk_create`` prepares every value through the query compiler, about 2,000
rows a second here, and a province is millions of rows. These writers take
primary keys from the sequence up front (so parents and children can be written
in any order; the foreign keys are checked at commit), and send each table's
rows in one statement: ``COPY … FROM STDIN`` on PostgreSQL, one ``executemany``
on SQLite. A chunk of counties costs a fixed number of statements, and the
database still checks every constraint.

History rows are written the same way: one row per step a synthetic object went
through, each with its own date, user and reason, where ``bulk_create_with_history``
could only record every object once, as created now.
"""

import io
import json
import time
from datetime import datetime

from django.db import connection, models

# Text format escapes for COPY: backslash, and the row and column separators.
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _sqlite_value(field: models.Field):
    """How a value goes to SQLite, for the field types that need converting."""
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.JSONField):
        return lambda value: json.dumps(value, cls=field.encoder)
    if isinstance(field, models.UUIDField):
        return lambda value: value.hex  # char(32) on SQLite, as Django stores it
    return None


def _copy_text(field: models.Field):
    """How a value is written in COPY's text format."""
    if isinstance(field, models.JSONField):
        return lambda v: json.dumps(v, cls=field.encoder, ensure_ascii=False).translate(
            _ESCAPES
        )
    if isinstance(field, models.DateField):  # DateTimeField too
        return lambda v: v.isoformat()
    if isinstance(field, models.BooleanField):
        return lambda v: "t" if v else "f"
    if isinstance(field, models.CharField | models.TextField):
        return lambda v: v.translate(_ESCAPES)
    return lambda v: str(v).translate(_ESCAPES)


def _statement(table: str, columns: list[str]) -> str:
    """INSERT for one row; the names come from the models, the values are params."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    return f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})"  # noqa: S608


def _insert(table: str, fields: list[models.Field], rows: list[tuple]) -> None:
    if not rows:
        return
    columns = [f.column for f in fields]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            converters = [_sqlite_value(f) for f in fields]
            if any(converters):
                rows = [
                    tuple(
                        v if c is None or v is None else c(v)
                        for v, c in zip(row, converters, strict=True)
                    )
                    for row in rows
                ]
            cursor.executemany(_statement(table, columns), rows)
            return
        texts = [_copy_text(f) for f in fields]
        buffer = io.StringIO()
        for row in rows:
            buffer.write(
                "\t".join(
                    "\\N" if v is None else text(v)
                    for v, text in zip(row, texts, strict=True)
                )
            )
            buffer.write("\n")
        buffer.seek(0)
        quote = connection.ops.quote_name
        sql = f"COPY {quote(table)} ({', '.join(map(quote, columns))}) FROM STDIN"
        started = time.monotonic()
        cursor.cursor.copy_expert(sql, buffer)
        if connection.queries_logged:
            # COPY goes past Django's cursor wrapper; record it like any statement,
            # so query counts (and DEBUG's log) see it.
            elapsed = time.monotonic() - started
            connection.queries_log.append({"sql": sql, "time": f"{elapsed:.3f}"})


class Table:
    """One model's table: takes primary keys for new rows and inserts them."""

    def __init__(self, model: type[models.Model]):
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.pk = model._meta.pk.attname
        self.defaults = {f.attname: f.get_default() for f in self.fields}
        self.next_id: int | None = None  # SQLite: the next free key, once read
        self.sequence: str | None = None  # PostgreSQL: the key's sequence
        self.written = 0

    def take_ids(self, count: int) -> list[int]:
        table = self.model._meta.db_table
        column = self.model._meta.pk.column
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                if self.next_id is None:
                    quote = connection.ops.quote_name
                    # Names from the model's meta, quoted; nothing from outside.
                    cursor.execute(
                        f"SELECT COALESCE(MAX({quote(column)}), 0) FROM {quote(table)}"  # noqa: S608
                    )
                    self.next_id = cursor.fetchone()[0] + 1
                ids = list(range(self.next_id, self.next_id + count))
                self.next_id += count
                return ids
            if self.sequence is None:
                cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, column])
                self.sequence = cursor.fetchone()[0]
            cursor.execute(
                "SELECT nextval(%s) FROM generate_series(1, %s)", [self.sequence, count]
            )
            return [row[0] for row in cursor.fetchall()]

    def save(self, objs: list[models.Model]) -> list[models.Model]:
        """Give model instances their primary keys and insert them as they are."""
        if not objs:
            return objs
        for obj, pk in zip(objs, self.take_ids(len(objs)), strict=True):
            obj.pk = pk
        _insert(
            self.model._meta.db_table,
            self.fields,
            [tuple(self._values(obj)) for obj in objs],
        )
        self.written += len(objs)
        return objs

    def _values(self, obj):
        for field in self.fields:
            value = getattr(obj, field.attname)
            if value is None and field.is_relation and field.is_cached(obj):
                # Assigned before the related object had its key.
                related = field.get_cached_value(obj)
                value = related.pk if related is not None else None
                setattr(obj, field.attname, value)
            yield value

    def insert(self, rows: list[dict]) -> list[dict]:
        """Give plain rows (values by attname) their keys and insert them.

        Attnames a row leaves out take the field's default.
        """
        if not rows:
            return rows
        for row, pk in zip(rows, self.take_ids(len(rows)), strict=True):
            row[self.pk] = pk
        names = [(f.attname, self.defaults[f.attname]) for f in self.fields]
        values = [
            tuple(row.get(name, default) for name, default in names) for row in rows
        ]
        _insert(self.model._meta.db_table, self.fields, values)
        self.written += len(rows)
        return rows


class History:
    """Historical rows of one model, collected and written in one go."""

    EXTRA = ("history_date", "history_change_reason", "history_type", "history_user")

    def __init__(self, model: type[models.Model]):
        history = model.history.model
        self.table = history._meta.db_table
        self.names = [f.attname for f in history.tracked_fields]
        self.fields = [history._meta.get_field(n) for n in [*self.names, *self.EXTRA]]
        self.rows: list[tuple] = []
        self.written = 0

    def add(
        self,
        values: dict,
        *,
        when: datetime,
        user_id: int | None,
        reason: str,
        created: bool = False,
        **state,
    ) -> None:
        """Record a row as it was at ``when``: ``values`` with ``state`` over them."""
        merged = {**values, **state} if state else values
        self.rows.append(
            (
                *[merged[name] for name in self.names],
                when,
                reason,
                "+" if created else "~",
                user_id,
            )
        )

    def add_object(self, obj: models.Model, **kwargs) -> None:
        """As ``add``, for a saved model instance."""
        self.add({name: getattr(obj, name) for name in self.names}, **kwargs)

    def write(self) -> int:
        rows, self.rows = self.rows, []
        _insert(self.table, self.fields, rows)
        self.written += len(rows)
        return len(rows)


def analyse(*models: type[models.Model]) -> None:
    """Fresh planner statistics for tables just written in bulk: on the statistics
    of empty tables PostgreSQL plans reads of them as nested loops over every row
    (a staff page's memberships: 17 ms instead of 0.1; the office queue: 0.8 s)."""
    tables = [connection.ops.quote_name(m._meta.db_table) for m in models]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE " + ", ".join(tables))
        else:
            for table in tables:
                cursor.execute("ANALYZE " + table)
