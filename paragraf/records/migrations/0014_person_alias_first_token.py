"""PersonAlias.first_token and folded_name: what an import finds candidate people by."""

from django.db import migrations, models

from paragraf.records.names import first_token, folded_name


def fill_first_tokens(apps, schema_editor) -> None:
    PersonAlias = apps.get_model("records", "PersonAlias")
    aliases = list(PersonAlias.objects.only("pk", "name"))
    for alias in aliases:
        alias.first_token, alias.folded_name = first_token(alias.name), folded_name(alias.name)
    PersonAlias.objects.bulk_update(aliases, ["first_token", "folded_name"], batch_size=500)


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
        migrations.AddField(
            model_name="personalias",
            name="folded_name",
            field=models.CharField(default="", editable=False, max_length=210),
        ),
        migrations.RunPython(fill_first_tokens, migrations.RunPython.noop),
    ]
