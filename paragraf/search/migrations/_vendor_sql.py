"""For the migrations of this app: run raw SQL statements on one database vendor only.
(A name starting with "_": Django's migration loader passes it by.)"""


def on(vendor: str, statements: list[str]):
    """A RunPython function that runs `statements` when the database is `vendor`."""

    def run(apps, schema_editor):
        if schema_editor.connection.vendor == vendor:
            for sql in statements:
                schema_editor.execute(sql)

    return run
