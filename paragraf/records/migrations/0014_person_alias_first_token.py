"""PersonAlias.first_token: the index an import finds candidate people by."""

from django.db import migrations, models

from paragraf.records.names import first_token


def fill_first_tokens(apps, schema_editor) -> None:
    PersonAlias = apps.get_model("records", "PersonAlias")
    aliases = list(PersonAlias.objects.only("pk", "name"))
    for alias in aliases:
        alias.first_token = first_token(alias.name)
    PersonAlias.objects.bulk_update(aliases, ["first_token"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("records", "0013_tombstones"),
    ]

    operations = [
        migrations.AddField(
            model_name="personalias",
            name="first_token",
            field=models.CharField(db_index=True, default="", editable=False, max_length=200),
        ),
        migrations.RunPython(fill_first_tokens, migrations.RunPython.noop),
    ]
