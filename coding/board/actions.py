"""Writes of the category board: placing and moving codes, categories and themes.

Every function is one transaction with an audit row, so each category's history lists who
moved what, when and why. Concurrency (two people at the board at once): the client sends
what it saw — for a card, the set of categories the code sat in (`expected_placements`); for a
column reorder, the order it saw; for a category edit, its `version`. When the database has
moved on, the write is refused with `BoardConflict`, whose message names who changed it, and
nothing is saved: a move is never lost silently.
"""

from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from coding import audit
from coding.models import AuditEvent, Category, CategoryCode, Code, Theme
from veiledning.refusals import Refusal


class BoardConflict(Refusal):
    """The board changed since the user saw it; `message` says by whom."""

    status = 409


def placement_token(category_ids):
    """The canonical text form of a set of category ids ("3,5"; "" when uncategorised)."""
    return ",".join(str(i) for i in sorted(set(category_ids)))


def parse_token(value):
    """A set of category ids from `placement_token` text; None when it is malformed."""
    value = (value or "").strip()
    if not value:
        return frozenset()
    try:
        return frozenset(int(part) for part in value.split(","))
    except ValueError:
        return None


def active_placements(code):
    """The ids of the non-archived categories the code sits in."""
    return frozenset(
        CategoryCode.objects.filter(code=code, category__archived=False).values_list("category_id", flat=True)
    )


def _who(user):
    if user is None:
        return _("someone")
    return user.get_full_name() or user.get_username()


def _last_change_message(code):
    event = (
        AuditEvent.objects.filter(
            code=code, action__in=[AuditEvent.Action.CODE_PLACED, AuditEvent.Action.CODE_UNPLACED]
        )
        .select_related("actor")
        .first()
    )
    if event is None:
        return _("This card was changed by someone else after you loaded the board.")
    return _("%(who)s changed this card after you loaded the board. Nothing was saved; "
             "the board now shows the current state.") % {
        "who": _who(event.actor)
    }


def _lock_and_check(code, expected_placements):
    """Lock the code's row (so moves of one card are serialised) and compare what the
    client saw with what is there now."""
    Code.objects.select_for_update().filter(pk=code.pk).first()
    current = active_placements(code)
    if expected_placements is not None and frozenset(expected_placements) != current:
        raise BoardConflict(_last_change_message(code))
    return current


def _column(category):
    return list(CategoryCode.objects.filter(category=category).order_by("position", "id"))


def _renumber(placements):
    for index, placement in enumerate(placements):
        placement.position = index
    CategoryCode.objects.bulk_update(placements, ["position"])


def _insert(code, category, position, by):
    column = [p for p in _column(category) if p.code_id != code.pk]
    placement = CategoryCode.objects.create(category=category, code=code, position=len(column), added_by=by)
    if position is None or position >= len(column):
        return placement
    column.insert(max(position, 0), placement)
    _renumber(column)
    return placement


def _check_same_survey(code, *categories):
    for category in categories:
        if category is not None and category.survey_id != code.survey_id:
            raise ValueError("code and category belong to different surveys")


def place_code(code, category, *, by, position=None, rationale="", expected_placements=None):
    """Add `code` to `category` (it may sit in several); a no-op if it is there already.
    Returns the audit rows of the move ([] when nothing changed)."""
    _check_same_survey(code, category)
    with transaction.atomic():
        current = _lock_and_check(code, expected_placements)
        if category.pk in current or CategoryCode.objects.filter(category=category, code=code).exists():
            return []
        _insert(code, category, position, by)
        event = audit.record(code.survey, audit.Action.CODE_PLACED, by=by, code=code, category=category,
                             rationale=rationale)
    return [event]


def move_code(code, from_category, to_category, *, by, rationale="", position=None, expected_placements=None):
    """Move `code` from one column to another. `from_category` None means from "not
    categorised" (a placement); `to_category` None means out of `from_category` only.
    Both categories' histories get a row carrying the rationale; they are returned (a move
    within one column is a reorder: True or False)."""
    _check_same_survey(code, from_category, to_category)
    if from_category is not None and to_category is not None and from_category.pk == to_category.pk:
        if position is None:
            return False
        column = [p.code_id for p in _column(from_category) if p.code_id != code.pk]
        column.insert(max(position, 0), code.pk)
        return reorder_column(from_category, column, by=by)
    events = []
    with transaction.atomic():
        current = _lock_and_check(code, expected_placements)
        if from_category is not None:
            if from_category.pk not in current:
                raise BoardConflict(_last_change_message(code))
            CategoryCode.objects.filter(category=from_category, code=code).delete()
            _renumber(_column(from_category))
            events.append(audit.record(
                code.survey, audit.Action.CODE_UNPLACED, by=by, code=code, category=from_category,
                rationale=rationale, moved_to=to_category.name if to_category else None,
            ))
        if to_category is not None:
            CategoryCode.objects.filter(category=to_category, code=code).delete()
            _insert(code, to_category, position, by)
            events.append(audit.record(
                code.survey, audit.Action.CODE_PLACED, by=by, code=code, category=to_category,
                rationale=rationale, moved_from=from_category.name if from_category else None,
            ))
    return events


MOVES = (AuditEvent.Action.CODE_PLACED, AuditEvent.Action.CODE_UNPLACED)


def explain_move(survey, event_ids, *, by, rationale):
    """Give the move `by` has just made (a drag carries no text) its rationale: the rows of that
    one move, and only if they are `by`'s and have none yet; the rationale is never moved to
    another move, nor written over. Returns the code's name."""
    event_ids = set(event_ids)
    with transaction.atomic():
        events = list(AuditEvent.objects.select_for_update().filter(
            survey=survey, pk__in=event_ids, actor=by, action__in=MOVES, rationale=""))
        codes = {event.code_id for event in events}
        if not events or len(events) != len(event_ids) or len(codes) != 1:
            raise Refusal(_("That move already has a rationale, or is not yours to explain."), status=409)
        AuditEvent.objects.filter(pk__in=[event.pk for event in events]).update(rationale=rationale)
    return events[0].data.get("code_name", "")


def reorder_column(category, code_ids, *, by, expected_order=None):
    """Put a column's cards in the order `code_ids`. `expected_order` is the order the client
    saw; a column that has changed since (a card added, removed or reordered) is refused."""
    code_ids = [int(i) for i in code_ids]
    with transaction.atomic():
        Category.objects.select_for_update().filter(pk=category.pk).first()
        column = _column(category)
        current = [p.code_id for p in column]
        if expected_order is not None and [int(i) for i in expected_order] != current:
            raise BoardConflict(
                _("The column %(name)s changed after you loaded the board. Nothing was saved; "
                  "the board now shows the current state.")
                % {"name": category.name}
            )
        if sorted(code_ids) != sorted(current):
            raise BoardConflict(_("The cards sent do not match the column. Reload the board."))
        if code_ids == current:
            return False
        by_code = {p.code_id: p for p in column}
        _renumber([by_code[i] for i in code_ids])
        audit.record(category.survey, audit.Action.CATEGORY_CHANGED, by=by, category=category, reordered=True)
    return True


def create_category(survey, *, by, name, description="", finding=""):
    with transaction.atomic():
        order = (Category.objects.filter(survey=survey).aggregate(m=Max("order"))["m"] or 0) + 1
        category = Category.objects.create(
            survey=survey, name=name, description=description, finding=finding, order=order
        )
        audit.record(survey, audit.Action.CATEGORY_CREATED, by=by, category=category)
    return category


CATEGORY_FIELDS = ("name", "description", "finding")


def update_category(category, *, by, version, **fields):
    """Change name, description and/or finding, if nobody changed the category since the
    client loaded `version`. Returns the fresh category."""
    unknown = set(fields) - set(CATEGORY_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    with transaction.atomic():
        current = Category.objects.select_for_update().get(pk=category.pk)
        if current.version != version:
            event = (
                AuditEvent.objects.filter(category=current, action=AuditEvent.Action.CATEGORY_CHANGED)
                .select_related("actor")
                .first()
            )
            raise BoardConflict(
                _("%(who)s changed this category after you opened it. Nothing was saved; reload to see their version.")
                % {"who": _who(event.actor if event else None)}
            )
        changes = {
            name: {"old": getattr(current, name), "new": value}
            for name, value in fields.items()
            if getattr(current, name) != value
        }
        if not changes:
            return current
        Category.objects.filter(pk=current.pk).update(**fields, version=F("version") + 1)
        current.refresh_from_db()
        audit.record(current.survey, audit.Action.CATEGORY_CHANGED, by=by, category=current, changes=changes)
    return current


def archive_category(category, *, by, archived=True):
    with transaction.atomic():
        updated = Category.objects.filter(pk=category.pk).exclude(archived=archived).update(
            archived=archived, version=F("version") + 1
        )
        if updated:
            audit.record(category.survey, audit.Action.CATEGORY_CHANGED, by=by, category=category, archived=archived)
    return bool(updated)


def reorder_categories(survey, category_ids, *, by):
    """Give the survey's categories the order `category_ids` (others keep theirs, after)."""
    with transaction.atomic():
        categories = {c.pk: c for c in Category.objects.select_for_update().filter(survey=survey)}
        wanted = [categories[i] for i in category_ids if i in categories]
        rest = sorted((c for c in categories.values() if c not in wanted), key=lambda c: (c.order, c.pk))
        changed = []
        for order, category in enumerate(wanted + rest, start=1):
            if category.order != order:
                category.order = order
                changed.append(category)
        Category.objects.bulk_update(changed, ["order"])
        for category in changed:
            audit.record(survey, audit.Action.CATEGORY_CHANGED, by=by, category=category, order=category.order)
    return bool(changed)


def move_category(category, *, by, step):
    """Move a column one place left (step -1) or right (+1)."""
    ids = list(Category.objects.filter(survey=category.survey, archived=False).values_list("pk", flat=True))
    index = ids.index(category.pk)
    target = index + step
    if not 0 <= target < len(ids):
        return False
    ids[index], ids[target] = ids[target], ids[index]
    return reorder_categories(category.survey, ids, by=by)


def create_theme(survey, *, by, name, description="", categories=()):
    with transaction.atomic():
        order = (Theme.objects.filter(survey=survey).aggregate(m=Max("order"))["m"] or 0) + 1
        theme = Theme.objects.create(survey=survey, name=name, description=description, order=order)
        theme.categories.set(categories)
        for category in categories:
            audit.record(survey, audit.Action.CATEGORY_CHANGED, by=by, category=category, theme_added=theme.name)
    return theme


def update_theme(theme, *, by, name, description="", categories=None):
    """Rename or describe `theme` and, with `categories`, set the categories it gathers. Each
    category gained or lost gets a history row, and so does a rename."""
    with transaction.atomic():
        if theme.name != name:
            audit.record(theme.survey, audit.Action.CATEGORY_CHANGED, by=by, theme_renamed=[theme.name, name])
        theme.name, theme.description = name, description
        theme.save(update_fields=["name", "description"])
        if categories is not None:
            before = set(theme.categories.all())
            after = set(categories)
            theme.categories.set(after)
            for category in after - before:
                audit.record(theme.survey, audit.Action.CATEGORY_CHANGED, by=by, category=category, theme_added=name)
            for category in before - after:
                audit.record(theme.survey, audit.Action.CATEGORY_CHANGED, by=by, category=category, theme_removed=name)
    return theme


def set_category_themes(category, themes, *, by):
    """Assign a category to exactly `themes` (each a Theme of the same survey)."""
    with transaction.atomic():
        before = set(category.themes.all())
        after = set(themes)
        if before == after:
            return False
        category.themes.set(after)
        audit.record(
            category.survey, audit.Action.CATEGORY_CHANGED, by=by, category=category,
            themes=sorted(t.name for t in after),
        )
    return True
