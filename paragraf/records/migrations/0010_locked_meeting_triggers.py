"""Triggers that refuse any change to a justerad meeting's rows (the SQL is in paragraf/records/locks.py)."""
from django.db import migrations

from paragraf.records import locks


class Migration(migrations.Migration):
    dependencies = [("records", "0009_meeting_locked")]
    operations = [migrations.RunPython(lambda apps, editor: locks.install(editor), lambda apps, editor: locks.uninstall(editor))]
