"""Writes of the codebook: create, change, merge and delete codes.

Every function runs in one transaction, takes the acting user as `by=`, and records an audit
row. Refusals a person can cause (a code merged away meanwhile, a stale form, a name taken)
are `coding.errors.CodingError`s.
"""

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, F, OuterRef
from django.utils.translation import gettext as _

from coding import audit
from coding.codebook.queries import merge_duplicates
from coding.errors import CodeExists, CodeInUse, InvalidInput, StaleEdit, code_gone, not_codable
from coding.models import AuditEvent, CategoryCode, Code, Coding, ConsensusDecision, Memo

Action = audit.Action


def _name_taken(survey, name, exclude=None):
    codes = Code.objects.filter(survey=survey, name__iexact=name)
    if exclude is not None:
        codes = codes.exclude(pk=exclude.pk)
    return codes.first()


def _check_parent(code, parent, survey):
    if parent is None:
        return
    if parent.survey_id != survey.pk:
        raise InvalidInput(_("The parent code belongs to another survey."))
    node = parent
    while node is not None:
        if code is not None and node.pk == code.pk:
            raise InvalidInput(_("A code cannot be placed under itself or one of its own sub-codes."))
        node = node.parent


# New codes take turns through these colours (distinct hues, each at least 3:1 against the white
# page, WCAG 1.4.11), the least used in the survey first, so a fresh codebook is not all one blue.
PALETTE = ("#1f77b4", "#d62728", "#2a7f2a", "#9467bd", "#8c564b", "#b35806", "#5e6b78", "#a6338a")


def next_colour(survey):
    """The palette colour fewest of the survey's codes have (the first of them on a tie)."""
    used = dict(Code.objects.filter(survey=survey, colour__in=PALETTE).values_list("colour")
                .annotate(n=Count("pk")).values_list("colour", "n"))
    return min(PALETTE, key=lambda colour: (used.get(colour, 0), PALETTE.index(colour)))


def create_code(survey, name, *, by, description="", colour=None, parent=None):
    name = " ".join((name or "").split())
    if not name:
        raise InvalidInput(_("A code needs a name."))
    _check_parent(None, parent, survey)
    with transaction.atomic():
        existing = _name_taken(survey, name)
        if existing is not None:
            raise CodeExists(_("A code named “%(name)s” already exists.") % {"name": existing.name}, existing)
        try:
            with transaction.atomic():
                code = Code.objects.create(
                    survey=survey, name=name, description=description, parent=parent, created_by=by,
                    colour=colour or next_colour(survey),
                )
        except IntegrityError as error:  # created by someone else a moment ago
            existing = _name_taken(survey, name)
            if existing is None:
                raise
            raise CodeExists(_("A code named “%(name)s” already exists.") % {"name": existing.name},
                             existing) from error
        audit.record(survey, Action.CODE_CREATED, by=by, code=code)
    return code


_UNSET = object()


def update_code(code, *, by, version, name=None, description=None, colour=None, parent=_UNSET):
    """Rename, describe, recolour or move `code`. `version` is the one the form was built from:
    if someone saved in between, the edit is refused (StaleEdit names who), nothing is lost."""
    survey = code.survey
    changes = {}
    if name is not None:
        name = " ".join(name.split())
        if not name:
            raise InvalidInput(_("A code needs a name."))
        if _name_taken(survey, name, exclude=code):
            raise InvalidInput(_("A code named “%(name)s” already exists.") % {"name": name})
        changes["name"] = name
    if description is not None:
        changes["description"] = description
    if colour is not None:
        changes["colour"] = colour
    if parent is not _UNSET:
        _check_parent(code, parent, survey)
        changes["parent"] = parent
    with transaction.atomic():
        current = Code.objects.select_for_update(no_key=True).filter(pk=code.pk).first()
        if current is None:
            raise code_gone()
        if current.version != version:
            last = (AuditEvent.objects.filter(code=current, action__in=[Action.CODE_CHANGED, Action.CODE_MERGED])
                    .select_related("actor").first())
            who = last.actor.get_username() if last and last.actor else _("someone else")
            raise StaleEdit(_("This code was changed by %(who)s after you opened the form. "
                              "Reload and make your change again.") % {"who": who})
        # Only what the form really changes is saved and logged: the form always sends every
        # field, and a recolour must not read as a rename "from X to X".
        changes = {field: value for field, value in changes.items()
                   if _value(current, field) != _value_of(field, value)}
        if not changes:
            return current
        before = {field: _shown(current, field) for field in changes}
        for field, value in changes.items():
            setattr(current, field, value)
        current.version = F("version") + 1
        try:
            with transaction.atomic():
                current.save(update_fields=[*changes, "version"])
        except IntegrityError as error:
            raise InvalidInput(_("A code with this name already exists.")) from error
        current.refresh_from_db()
        after = {field: _shown(current, field) for field in changes}
        audit.record(survey, Action.CODE_CHANGED, by=by, code=current, before=before, after=after)
    return current


def _value(code, field):
    return code.parent_id if field == "parent" else getattr(code, field)


def _value_of(field, value):
    return getattr(value, "pk", None) if field == "parent" else value


def _shown(code, field):
    """A field's value as the history shows it: the parent by name, "" for none."""
    if field == "parent":
        return code.parent.name if code.parent_id else ""
    return str(getattr(code, field) or "")


def _used_by_others(code, by):
    return Coding.objects.filter(code=code).exclude(coder=by).exists()


def merge_refusal(source, target, *, by, own_layer_only=False):
    """Why merging `source` into `target` would be refused (a CodingError), or None: asked
    before the confirmation is shown, and again by merge_codes."""
    if source.pk == target.pk:
        return InvalidInput(_("A code cannot be merged into itself."))
    if source.survey_id != target.survey_id:
        return InvalidInput(_("Codes from different surveys cannot be merged."))
    if not target.codable and Coding.objects.filter(code=source).exists():
        return not_codable(target.name)
    if own_layer_only and _used_by_others(source, by):
        return CodeInUse(_("During blind coding only an admin can merge “%(name)s”.") % {"name": source.name},
                         status=403)
    return None


def merge_codes(source, target, *, by, own_layer_only=False):
    """Merge `source` into `target` in one transaction: codings move (duplicates collapse),
    category placements, memos and consensus decisions follow, `source`'s sub-codes move under
    `target`, `source` is deleted and an audit row says so. Returns a summary dict.

    `own_layer_only` (a coder during blind coding): the merge may move only `by`'s own codings;
    a source that other coders use is refused with a message that names no one's count."""
    refusal = merge_refusal(source, target, by=by)
    if refusal is not None:
        raise refusal
    with transaction.atomic():
        both = Code.objects.select_for_update().filter(pk__in=[source.pk, target.pk]).order_by("pk")
        locked = {c.pk: c for c in both}
        if source.pk not in locked or target.pk not in locked:
            raise code_gone()
        source, target = locked[source.pk], locked[target.pk]
        refusal = merge_refusal(source, target, by=by, own_layer_only=own_layer_only)
        if refusal is not None:  # asked again under the lock: someone may have coded meanwhile
            raise refusal
        collapsed = merge_duplicates(source, target).delete()[0]
        moved = Coding.objects.filter(code=source).update(code=target)

        CategoryCode.objects.filter(code=source).filter(
            Exists(CategoryCode.objects.filter(code=target, category=OuterRef("category")))).delete()
        CategoryCode.objects.filter(code=source).update(code=target)
        Memo.objects.filter(code=source).update(code=target)
        # A consensus that the source applies makes the merged code apply too.
        ConsensusDecision.objects.filter(code=target, present=False).filter(
            Exists(ConsensusDecision.objects.filter(code=source, present=True, answer=OuterRef("answer")))
        ).update(present=True)
        ConsensusDecision.objects.filter(code=source).filter(
            Exists(ConsensusDecision.objects.filter(code=target, answer=OuterRef("answer")))).delete()
        ConsensusDecision.objects.filter(code=source).update(code=target)

        ancestors = set()
        node = target
        while node.parent_id is not None:
            ancestors.add(node.parent_id)
            node = Code.objects.get(pk=node.parent_id)
        if source.pk in ancestors:  # target sat under source: lift it to source's place first
            target.parent_id = source.parent_id
            target.save(update_fields=["parent"])
        Code.objects.filter(parent=source).update(parent=target)
        # The source's history reads on the target from now on (names are kept in `data`).
        AuditEvent.objects.filter(code=source).update(code=target)
        Code.objects.filter(pk=target.pk).update(version=F("version") + 1)
        summary = {"source_name": source.name, "moved": moved, "collapsed": collapsed}
        audit.record(target.survey, Action.CODE_MERGED, by=by, code=target, source_id=source.pk, **summary)
        source.delete()
    return summary


def delete_code(code, *, by, own_layer_only=False):
    """Delete an unused code. Refused while codings use it or sub-codes sit under it.
    `own_layer_only` (a coder during blind coding): the refusal speaks only of `by`'s layer."""
    with transaction.atomic():
        current = Code.objects.select_for_update().filter(pk=code.pk).first()
        if current is None:
            raise code_gone()
        if own_layer_only and _used_by_others(current, by):
            raise CodeInUse(_("During blind coding only an admin can delete “%(name)s”.") % {"name": current.name},
                            status=403)
        if Coding.objects.filter(code=current).exists():
            raise CodeInUse(_("“%(name)s” is in use and cannot be deleted. Merge it into another code "
                              "instead.") % {"name": current.name})
        if Code.objects.filter(parent=current).exists():
            raise CodeInUse(_("“%(name)s” has sub-codes. Move them first.") % {"name": current.name})
        audit.record(current.survey, Action.CODE_DELETED, by=by, code=current)
        current.delete()
