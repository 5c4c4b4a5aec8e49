"""A row keeps its identity across versions: ``Item.lineage``.

Every existing item gets a lineage of its own, except the rows of a later
version of a local catalog, which take the lineage of the row they continue
in the version before (same number, else same level and name), so the
publications under earlier versions follow their rows. Standard items and a
county's first version get fresh ones: a derived local row does not share its
standard item's lineage (see the README, "A row across versions").
"""

import uuid

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_lineage(apps, schema_editor):
    Catalog = apps.get_model("catalogs", "Catalog")
    Item = apps.get_model("catalogs", "Item")
    HistoricalItem = apps.get_model("catalogs", "HistoricalItem")
    previous_by_key: dict[str, dict] = {}
    changed = []
    for catalog in Catalog.objects.order_by("key", "version"):
        items = list(Item.objects.filter(catalog=catalog).order_by("position", "pk"))
        before = previous_by_key.get(catalog.key) if catalog.kind == "local" else None
        index: dict = {}
        for item in items:
            found = None
            if before is not None:
                found = (item.code and before.get(("code", item.code))) or before.get(
                    ("name", item.level, item.name)
                )
            item.lineage = found or uuid.uuid4()
            if item.code:
                index.setdefault(("code", item.code), item.lineage)
            index.setdefault(("name", item.level, item.name), item.lineage)
            changed.append(item)
        previous_by_key[catalog.key] = index
    Item.objects.bulk_update(changed, ["lineage"], batch_size=500)
    HistoricalItem.objects.update(
        lineage=Subquery(Item.objects.filter(pk=OuterRef("id")).values("lineage")[:1])
    )
    orphans = list(HistoricalItem.objects.filter(lineage__isnull=True))
    for record in orphans:
        record.lineage = uuid.uuid4()
    HistoricalItem.objects.bulk_update(orphans, ["lineage"], batch_size=500)


FIELD = dict(
    db_index=True,
    editable=False,
    help_text=(
        "Shared by a local item and its successors in later versions of the same "
        "local catalog, so publications follow their row."
    ),
    verbose_name="row identity",
)


class Migration(migrations.Migration):
    dependencies = [
        ("catalogs", "0004_one_version_in_force"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalitem",
            name="lineage",
            field=models.UUIDField(null=True, **FIELD),
        ),
        migrations.AddField(
            model_name="item",
            name="lineage",
            field=models.UUIDField(null=True, **FIELD),
        ),
        migrations.RunPython(fill_lineage, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="historicalitem",
            name="lineage",
            field=models.UUIDField(default=uuid.uuid4, **FIELD),
        ),
        migrations.AlterField(
            model_name="item",
            name="lineage",
            field=models.UUIDField(default=uuid.uuid4, **FIELD),
        ),
    ]
