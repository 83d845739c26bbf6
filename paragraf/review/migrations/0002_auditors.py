"""The group of auditors (revisorer): they see the review of every organisation."""
from django.db import migrations


def create(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name="Revisor")


def remove(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Revisor").delete()


class Migration(migrations.Migration):
    dependencies = [("review", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create, remove)]
