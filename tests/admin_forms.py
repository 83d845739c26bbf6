"""The data of an admin change form as the page shows it, to post back with a field changed (as staff do)."""
from __future__ import annotations


def change_form_data(page, inlines: tuple[str, ...] = ()) -> dict:
    """The form's fields and the named inline formsets (`proposals`, `dissents` …) of a change page."""
    form = page.context["adminform"].form
    data = {name: "" if form[name].value() is None else form[name].value() for name in form.fields}
    for prefix in inlines:
        formset = next(f for f in page.context["inline_admin_formsets"] if f.formset.prefix == prefix).formset
        data.update({f"{prefix}-{k}": v for k, v in formset.management_form.initial.items()})
        for i, f in enumerate(formset.forms):
            for name in f.fields:
                value = f[name].value()
                data[f"{prefix}-{i}-{name}"] = "" if value is None else value
    return data
