"""The audit history: one helper that every action calls inside its transaction."""

from coding.models import AuditEvent

Action = AuditEvent.Action


def record(survey, action, *, by, answer=None, code=None, category=None, rationale="", **data):
    """Write one audit row. `data` keeps names as they were (they may change later)."""
    if code is not None:
        data.setdefault("code_name", code.name)
    if category is not None:
        data.setdefault("category_name", category.name)
    return AuditEvent.objects.create(
        survey=survey,
        actor=by if by is not None and by.is_authenticated else None,
        action=action,
        answer=answer,
        code=code,
        category=category,
        rationale=rationale,
        data=data,
    )
