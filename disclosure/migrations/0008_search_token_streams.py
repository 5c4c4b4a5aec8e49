"""Search entries hold token streams: tsvector columns on PostgreSQL, FTS5 on SQLite.

The entries are derived data: they are emptied, the columns replaced, the
entries are written again from the publications (``rebuild_index``, the code every rebuild
uses; on a fresh database there is nothing to write), then the indexes are built. A province of 1.1 million
public publications takes several minutes (docs/performance.md).

SQLite: an FTS5 table reads the entries' streams (external content) and
triggers keep it in step with every insert, update and delete. Django rebuilds a
SQLite table to alter it, which drops its triggers: a later migration that
alters SearchEntry must create them again (``SQLITE_TRIGGERS``), and
tests/public/test_search.py fails when they are missing.
"""

from django.db import migrations

import disclosure.public.search.fields

FTS = "disclosure_searchentry_fts"
ENTRY = "disclosure_searchentry"
SQLITE_TABLE = (
    f"CREATE VIRTUAL TABLE {FTS} USING fts5(title_tokens, tokens, "
    f"content='{ENTRY}', content_rowid='id', "
    "tokenize=\"unicode61 remove_diacritics 0 tokenchars '_'\")"
)
SQLITE_TRIGGERS = [
    f"CREATE TRIGGER {FTS}_insert AFTER INSERT ON {ENTRY} BEGIN "
    f"INSERT INTO {FTS}(rowid, title_tokens, tokens) "
    "VALUES (new.id, new.title_tokens, new.tokens); END",
    f"CREATE TRIGGER {FTS}_delete AFTER DELETE ON {ENTRY} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, title_tokens, tokens) "
    "VALUES ('delete', old.id, old.title_tokens, old.tokens); END",
    f"CREATE TRIGGER {FTS}_update AFTER UPDATE ON {ENTRY} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, title_tokens, tokens) "
    "VALUES ('delete', old.id, old.title_tokens, old.tokens); "
    f"INSERT INTO {FTS}(rowid, title_tokens, tokens) "
    "VALUES (new.id, new.title_tokens, new.tokens); END",
]
# PostgreSQL (the comparison in docs/performance.md, "Search at scale"): GIN on
# the whole stream and on the title's; btree_gin's (county, stream) for searches
# within a county. btree_gin is a trusted extension: a database owner may create it.
POSTGRES_INDEXES = [
    "CREATE EXTENSION IF NOT EXISTS btree_gin",
    f"CREATE INDEX search_tokens_gin ON {ENTRY} USING gin (tokens)",
    f"CREATE INDEX search_title_gin ON {ENTRY} USING gin (title_tokens)",
    f"CREATE INDEX search_county_tokens_gin ON {ENTRY} USING gin (county, tokens)",
    f"CREATE INDEX search_county_title_gin ON {ENTRY} USING gin (county, title_tokens)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS search_county_title_gin",
    "DROP INDEX IF EXISTS search_county_tokens_gin",
    "DROP INDEX IF EXISTS search_title_gin",
    "DROP INDEX IF EXISTS search_tokens_gin",
]
OLD_GIN = (
    f"CREATE INDEX IF NOT EXISTS search_entry_tokens_gin ON {ENTRY} "
    "USING gin (to_tsvector('simple'::regconfig, COALESCE(tokens, '')))"
)


def empty(apps, schema_editor):
    apps.get_model("disclosure", "SearchEntry").objects.all().delete()
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_tokens_gin")


def restore_old_index(apps, schema_editor):
    apps.get_model("disclosure", "SearchEntry").objects.all().delete()
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_DROP:
            schema_editor.execute(statement)
        schema_editor.execute(OLD_GIN)
    elif schema_editor.connection.vendor == "sqlite":
        for name in ("insert", "delete", "update"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {FTS}_{name}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS}")


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # The rows just written leave deferred foreign-key checks pending, and
        # PostgreSQL builds no index on a table with pending trigger events.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for statement in POSTGRES_INDEXES:
            schema_editor.execute(statement)
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_TABLE)
        for statement in SQLITE_TRIGGERS:
            schema_editor.execute(statement)
        schema_editor.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')")


def rebuild(apps, schema_editor):
    Publication = apps.get_model("disclosure", "Publication")
    if not Publication.objects.filter(status="published").exists():
        return  # a fresh database: nothing is public yet
    from disclosure.public.search.index import rebuild_index

    rebuild_index()


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0007_personal_data_release"),
    ]

    operations = [
        migrations.RunPython(empty, restore_old_index),
        # Removed and added again: PostgreSQL casts no text to tsvector.
        migrations.RemoveField(model_name="searchentry", name="title_tokens"),
        migrations.RemoveField(model_name="searchentry", name="tokens"),
        migrations.AddField(
            model_name="searchentry",
            name="title_tokens",
            field=disclosure.public.search.fields.TokensField(
                default=list, verbose_name="title tokens"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="searchentry",
            name="tokens",
            field=disclosure.public.search.fields.TokensField(
                default=list, verbose_name="tokens"
            ),
            preserve_default=False,
        ),
        # Written before the indexes are built: a bulk load into a table
        # with four GIN indexes costs several times more.
        migrations.RunPython(rebuild, migrations.RunPython.noop),
        migrations.RunPython(create_indexes, migrations.RunPython.noop),
    ]
