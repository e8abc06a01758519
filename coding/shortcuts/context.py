"""`shortcuts` in every template, read only where a template uses it (the coding view): the
settings query runs once on the pages that show them, never on the others."""

from django.utils.functional import SimpleLazyObject

from coding.shortcuts.keys import for_user


def shortcuts(request):
    return {"shortcuts": SimpleLazyObject(lambda: for_user(request.user))}
