"""People per organisation: each person gets the organisation whose records name them. A person the records
of several organisations name (two municipalities' `Anna Andersson (S)`, merged by name and party when the
register was one) stays with the organisation that names them most; for each other one a person of the same
name, party and spellings is made, and that organisation's rows are moved to it."""

from collections import Counter, defaultdict

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Count

MEETING = "meeting__body__organization"
PARAGRAPH = "paragraph__" + MEETING
# Each row that names a person: model, its field, the path from it to the organisation.
REFERENCES = [
    ("Membership", "person", "body__organization"),
    ("Invitation", "person", MEETING),
    ("Attendance", "person", MEETING),
    ("Attendance", "replaces", MEETING),
    ("Seat", "person", MEETING),
    ("Proposal", "person", PARAGRAPH),
    ("Ballot", "person", "vote__" + PARAGRAPH),
    ("Election", "person", PARAGRAPH),
    ("RecordedStatement", "person", PARAGRAPH),
]
# Many-to-many fields that name people: model, field, the path from the model to the organisation.
MANY = [("Paragraph", "disqualified", MEETING), ("Proposal", "proposers", PARAGRAPH), ("Dissent", "people", PARAGRAPH)]


def _references(apps):
    """(queryset of the rows, their person field, path to the organisation) for every kind of row naming a person."""
    for model_name, field, path in REFERENCES:
        yield apps.get_model("records", model_name)._base_manager.all(), field, path
    for model_name, field, path in MANY:
        model = apps.get_model("records", model_name)
        through = model._meta.get_field(field).remote_field.through
        owner = next(f.name for f in through._meta.concrete_fields if f.is_relation and f.related_model is model)
        yield through.objects.all(), "person", f"{owner}__{path}"


def place_people(apps, schema_editor):
    Person = apps.get_model("records", "Person")
    PersonAlias = apps.get_model("records", "PersonAlias")
    named_in: dict[int, Counter] = defaultdict(Counter)
    for rows, field, path in _references(apps):
        counted = rows.filter(**{f"{field}__isnull": False}).values_list(field, path).annotate(n=Count("pk"))
        for person_id, organization_id, n in counted.order_by():
            named_in[person_id][organization_id] += n
    home: dict[int, list[int]] = defaultdict(list)
    for person_id, counts in named_in.items():
        home[min(counts, key=lambda org: (-counts[org], org))].append(person_id)
    for organization_id, ids in home.items():
        Person.objects.filter(pk__in=ids).update(organization_id=organization_id)
    taken = set(Person.objects.values_list("slug", flat=True))
    for person_id, counts in named_in.items():
        for organization_id in counts:
            if len(counts) > 1 and organization_id != Person.objects.get(pk=person_id).organization_id:
                _move(apps, Person.objects.get(pk=person_id), organization_id, PersonAlias, taken)


def _move(apps, person, organization_id: int, PersonAlias, taken: set[str]) -> None:
    """A person of `organization_id` like `person`, with its spellings, and that organisation's rows moved to it."""
    slug, n = f"{person.slug[:210]}-o{organization_id}", 2
    while slug in taken:
        slug, n = f"{person.slug[:205]}-o{organization_id}-{n}", n + 1
    taken.add(slug)
    copy = type(person).objects.create(name=person.name, party_id=person.party_id, slug=slug,
                                       organization_id=organization_id)
    PersonAlias.objects.bulk_create(
        PersonAlias(person=copy, name=a.name, reason=a.reason, first_token=a.first_token, folded_name=a.folded_name)
        for a in PersonAlias.objects.filter(person=person))
    for rows, field, path in _references(apps):
        rows.filter(**{field: person.pk, path: organization_id}).update(**{field: copy.pk})


class Migration(migrations.Migration):

    dependencies = [
        ('records', '0022_information_documents_authored'),
    ]

    operations = [
        migrations.AddField(
            model_name='person',
            name='organization',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='people', to='records.organization', verbose_name='organisation'),
        ),
        migrations.RunPython(place_people, migrations.RunPython.noop),
    ]
