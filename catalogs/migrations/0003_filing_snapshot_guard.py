"""A database guard: a filing's snapshot and identity cannot be updated.

The services never write them after filing; this trigger makes the database
refuse it too, whatever the code path (a raw UPDATE, QuerySet.update, a shell).
SQLite and PostgreSQL only; other databases keep the service-level rule.
"""

from django.db import migrations

GUARDED = ("snapshot", "catalog_id", "organisation_id", "domain_id", "round", "filed_by_id", "filed_at")
MESSAGE = "A filing's snapshot is immutable: it cannot be changed after filing."

SQLITE_CREATE = """
CREATE TRIGGER catalogs_filing_immutable
BEFORE UPDATE ON catalogs_filing FOR EACH ROW
WHEN {changed}
BEGIN
    SELECT RAISE(ABORT, '{message}');
END;
""".format(
    changed=" OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in GUARDED),
    message=MESSAGE.replace("'", "''"),
)
SQLITE_DROP = "DROP TRIGGER IF EXISTS catalogs_filing_immutable;"

POSTGRES_CREATE = """
CREATE OR REPLACE FUNCTION catalogs_filing_immutable() RETURNS trigger AS $$
BEGIN
    IF {changed} THEN
        RAISE EXCEPTION '{message}' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER catalogs_filing_immutable
BEFORE UPDATE ON catalogs_filing FOR EACH ROW
EXECUTE FUNCTION catalogs_filing_immutable();
""".format(
    changed=" OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in GUARDED),
    message=MESSAGE.replace("'", "''"),
)
POSTGRES_DROP = """
DROP TRIGGER IF EXISTS catalogs_filing_immutable ON catalogs_filing;
DROP FUNCTION IF EXISTS catalogs_filing_immutable();
"""


def _run(schema_editor, sql: dict) -> None:
    statement = sql.get(schema_editor.connection.vendor)
    if statement:
        schema_editor.execute(statement)


def create(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE})


def drop(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP})


class Migration(migrations.Migration):
    dependencies = [("catalogs", "0002_add_filings")]

    operations = [migrations.RunPython(create, drop)]
