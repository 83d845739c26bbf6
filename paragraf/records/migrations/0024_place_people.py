"""People per organisation: each person gets the organisation whose records name them. A person the records
of several organisations name (two municipalities' `Anna Andersson (S)`, merged by name and party when the
register was one) stays with the organisation that names them most; for each other one a person of the same
name, party and spellings is made, and that organisation's rows are moved to it. What changed is stamped
`modified` (the people, the rows moved and their meetings), so clients syncing by it see the change, and a
staff correction naming the old person on a moved row names the new one."""

from collections import Counter, defaultdict

from django.db import migrations
from django.db.models import Count
from django.utils import timezone

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
    """(model, the person field, path to the organisation) for every kind of row naming a person."""
    for model_name, field, path in REFERENCES:
        yield apps.get_model("records", model_name), field, path
    for model_name, field, path in MANY:
        model = apps.get_model("records", model_name)
        through = model._meta.get_field(field).remote_field.through
        owner = next(f.name for f in through._meta.concrete_fields if f.is_relation and f.related_model is model)
        yield through, "person", f"{owner}__{path}"


def place_people(apps, schema_editor):
    Person = apps.get_model("records", "Person")
    now = timezone.now()
    named_in: dict[int, Counter] = defaultdict(Counter)
    for model, field, path in _references(apps):
        counted = model._base_manager.filter(**{f"{field}__isnull": False}).values_list(field, path).annotate(n=Count("pk"))
        for person_id, organization_id, n in counted.order_by():
            named_in[person_id][organization_id] += n
    home = {person_id: min(counts, key=lambda org: (-counts[org], org)) for person_id, counts in named_in.items()}
    by_home: dict[int, list[int]] = defaultdict(list)
    for person_id, organization_id in home.items():
        by_home[organization_id].append(person_id)
    for organization_id, ids in by_home.items():
        for start in range(0, len(ids), 500):
            Person.objects.filter(pk__in=ids[start:start + 500]).update(organization_id=organization_id, modified=now)
    taken = set(Person.objects.values_list("slug", flat=True))
    for person_id, counts in named_in.items():
        for organization_id in sorted(set(counts) - {home[person_id]}):
            _move(apps, Person.objects.get(pk=person_id), organization_id, taken, now)


def _move(apps, person, organization_id: int, taken: set[str], now) -> None:
    """A person of `organization_id` like `person`, with its spellings, and that organisation's rows moved to it."""
    PersonAlias, Meeting = apps.get_model("records", "PersonAlias"), apps.get_model("records", "Meeting")
    slug, n = f"{person.slug[:210]}-o{organization_id}", 2
    while slug in taken:
        slug, n = f"{person.slug[:205]}-o{organization_id}-{n}", n + 1
    taken.add(slug)
    copy = type(person).objects.create(name=person.name, party_id=person.party_id, slug=slug,
                                       organization_id=organization_id)
    PersonAlias.objects.bulk_create(
        PersonAlias(person=copy, name=a.name, reason=a.reason, first_token=a.first_token, folded_name=a.folded_name)
        for a in PersonAlias.objects.filter(person=person))
    meetings = set()
    for model, field, path in _references(apps):
        rows = model._base_manager.filter(**{field: person.pk, path: organization_id})
        meeting_path = path.removesuffix("__body__organization")
        if meeting_path.endswith("meeting"):
            meetings.update(rows.values_list(meeting_path, flat=True))
        ids = list(rows.values_list("pk", flat=True))
        stamp = {"modified": now} if any(f.name == "modified" for f in model._meta.concrete_fields) else {}
        model._base_manager.filter(pk__in=ids).update(**{field: copy.pk}, **stamp)
        _correct_overrides(apps, model, field, ids, person.pk, copy.pk)
    Meeting._base_manager.filter(pk__in=meetings).update(modified=now)


def _correct_overrides(apps, model, field: str, ids: list[int], old: int, new: int) -> None:
    """A staff correction that set this field of a moved row to the old person now names the new one."""
    ContentType, Override = apps.get_model("contenttypes", "ContentType"), apps.get_model("records", "Override")
    content_type = ContentType.objects.filter(app_label="records", model=model._meta.model_name).first()
    if content_type is None or not ids:
        return
    overrides = Override.objects.filter(content_type=content_type, object_id__in=ids, field=f"{field}_id")
    for override in overrides:
        if override.value == old:
            override.value = new
            override.save(update_fields=["value"])


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('records', '0023_people_per_organization'),
    ]

    operations = [
        migrations.RunPython(place_people, migrations.RunPython.noop),
    ]
