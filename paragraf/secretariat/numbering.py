"""Case numbers of the organisation's series: the next serial of a year, unique when many secretaries
register cases at once (one row per organisation and year, raised by an UPDATE: PostgreSQL locks the
row, SQLite the database, until the transaction ends)."""
from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F, Max

from paragraf.records.models import Case, Organization
from paragraf.secretariat.models import CaseSeries


def register_case(organization: Organization, year: int, prefix: str, title: str, office: str = "") -> Case:
    """A new case with the next number of the series (`RS 2023/218`), in one transaction."""
    prefix = prefix.strip()
    for _attempt in range(5):
        try:
            with transaction.atomic():
                serial = _next_serial(organization, year)
                number = f"{prefix} {year}/{serial}" if prefix else f"{year}/{serial}"
                return Case.objects.create(organization=organization, year=year, serial=serial, number=number,
                                           prefixes=[prefix] if prefix else [], title=title, office=office)
        except IntegrityError:
            continue  # another transaction created this year's series row first: take the next
    raise RuntimeError(f"no case number could be issued in {organization} {year}")


def _next_serial(organization: Organization, year: int) -> int:
    series = CaseSeries.objects.filter(organization=organization, year=year)
    if not series.update(last_serial=F("last_serial") + 1):
        # The first case of the year registered here: start after the highest imported one.
        highest = Case.objects.filter(organization=organization, year=year).aggregate(n=Max("serial"))["n"] or 0
        CaseSeries.objects.create(organization=organization, year=year, last_serial=highest + 1)
    serial = series.get().last_serial
    taken = set(Case.objects.filter(organization=organization, year=year, serial__gte=serial).values_list("serial", flat=True))
    if serial in taken:
        # An imported packet brought cases with these numbers since: skip past them.
        while serial in taken:
            serial += 1
        series.update(last_serial=serial)
    return serial
