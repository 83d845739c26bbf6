"""The one check of every secretariat view: the user may (docs/roles.md, `permissions.py`), or is sent
to log in (not logged in), or is refused with 403 (logged in without the right)."""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def permission(name: str, get_object: Callable | None = None):
    """The view runs only if the user has `name` on the object `get_object(**url kwargs)` (404 when
    there is none); it gets the object as its second argument."""

    def decorate(view):
        @wraps(view)
        def checked(request, **kwargs):
            obj = get_object(**kwargs) if get_object else None
            if not request.user.has_perm(name, obj):
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied(name)
            return view(request, obj, **kwargs) if get_object else view(request, **kwargs)

        return checked

    return decorate
