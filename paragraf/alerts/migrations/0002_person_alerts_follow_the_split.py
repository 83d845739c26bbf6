"""An alert on a person follows each person records 0024 split off it for another organisation (same name,
slug `<slug>-o<organisation>`): the subscriber keeps getting what the one person page showed them before."""

import hashlib
import re
import secrets

from django.db import migrations


def follow_the_split(apps, schema_editor):
    Subscription, Person = apps.get_model("alerts", "Subscription"), apps.get_model("records", "Person")
    for subscription in Subscription.objects.filter(kind="person", person__isnull=False).select_related("person"):
        person = subscription.person
        split_off = re.compile(rf"{re.escape(person.slug[:210])}-o\d+(-\d+)?")
        for copy in Person.objects.filter(name=person.name, slug__startswith=person.slug[:205]):
            target = hashlib.sha256(f"person:{copy.pk}".encode()).hexdigest()
            if split_off.fullmatch(copy.slug) and not Subscription.objects.filter(
                    subscriber_id=subscription.subscriber_id, target=target).exists():
                Subscription.objects.create(
                    subscriber_id=subscription.subscriber_id, kind="person", person=copy, target=target,
                    token=secrets.token_urlsafe(32), requested=subscription.requested, confirmed=subscription.confirmed)


class Migration(migrations.Migration):

    dependencies = [
        ('alerts', '0001_initial'),
        ('records', '0024_place_people'),
    ]

    operations = [
        migrations.RunPython(follow_the_split, migrations.RunPython.noop),
    ]
