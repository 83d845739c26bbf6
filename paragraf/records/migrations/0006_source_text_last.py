"""A source file's text and original bytes moved to the end of its row.

SQLite stores a row's columns in order, and a value larger than a page runs on in a chain of
overflow pages; a column after it is found only by walking that chain. With `data` and `text`
before `line_count`, `parser_version` … every read of a source file's name or line count walked
the whole packet twice (100 MB of pages for a 50 MB packet, resident in each connection's memory
map). Last, they are read only when asked for, `text` before `data` (the public reads the text;
the original bytes are for staff). PostgreSQL keeps large values out of the row (TOAST) either way.
"""
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("records", "0005_seats"),
    ]

    operations = [
        migrations.AddField("sourcefile", "text_last", models.TextField("text read", default="")),
        migrations.AddField("sourcefile", "data_last", models.BinaryField("original bytes", default=b"")),
        migrations.RunSQL(
            "UPDATE records_sourcefile SET text_last = text, data_last = data",
            reverse_sql="UPDATE records_sourcefile SET text = text_last, data = data_last",
        ),
        # Defaults first, so that undoing the removals can add the columns back to rows that exist.
        migrations.AlterField("sourcefile", "text", models.TextField("text read", default="")),
        migrations.AlterField("sourcefile", "data", models.BinaryField("original bytes", default=b"")),
        migrations.RemoveField("sourcefile", "data"),
        migrations.RemoveField("sourcefile", "text"),
        migrations.RenameField("sourcefile", "text_last", "text"),
        migrations.RenameField("sourcefile", "data_last", "data"),
        migrations.AlterField("sourcefile", "text", models.TextField("text read")),
        migrations.AlterField("sourcefile", "data", models.BinaryField("original bytes")),
    ]
