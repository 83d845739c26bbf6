"""A member account names a person in each organisation the member sits in (the people register is kept
per organisation since records 0023/0024). Each account keeps its person, and gains the people records 0024
split off that person for other organisations (same name, slug `<slug>-o<organisation>`): the account reaches
what it reached before. The old field goes in 0010 (apart: PostgreSQL alters no table in the transaction
that filled the new one)."""

import re

import django.db.models.deletion
from django.db import migrations, models


def people_of_accounts(apps, schema_editor):
    MemberAccount, Person = apps.get_model("secretariat", "MemberAccount"), apps.get_model("records", "Person")
    for account in MemberAccount.objects.select_related("person"):
        person = account.person
        split_off = re.compile(rf"{re.escape(person.slug[:210])}-o\d+(-\d+)?")
        copies = [p for p in Person.objects.filter(name=person.name, slug__startswith=person.slug[:205])
                  if split_off.fullmatch(p.slug)]
        account.people.add(person, *copies)


class Migration(migrations.Migration):

    dependencies = [
        ('records', '0024_place_people'),
        ('secretariat', '0008_delegate'),
    ]

    operations = [
        migrations.AlterField(
            model_name='memberaccount',
            name='person',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='records.person', verbose_name='person'),
        ),
        migrations.AddField(
            model_name='memberaccount',
            name='people',
            field=models.ManyToManyField(related_name='accounts', to='records.person', verbose_name='people'),
        ),
        migrations.RunPython(people_of_accounts, migrations.RunPython.noop),
    ]
