"""Who sees the review: staff (administrators, secretaries), auditors (the group `Revisor`), and the
public where the organisation has made its review public (`ReviewSetting.public`, default off)."""
from __future__ import annotations

from paragraf.records.models import Organization
from paragraf.review.models import ReviewSetting

AUDITORS = "Revisor"
STAFF_GROUPS = ("Administratör", "Sekreterare", AUDITORS)


def may_see(user, organization: Organization) -> bool:
    if ReviewSetting.objects.filter(organization=organization, public=True).exists():
        return True
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name__in=STAFF_GROUPS).exists()
