"""Starting the next round from an earlier one, and linking its questions after an import."""

from django.db import transaction
from django.utils.translation import gettext as _

from coding import audit
from coding.models import CarriedLink, Category, CategoryCode, Code, Theme
from surveys.models import ImportRun, SavedMapping, Survey
from surveys.text import name_key
from veiledning.refusals import Refusal


def new_round(source, *, by, slug, title, period="", description=None):
    """A new survey based on `source`: its codes (hierarchy, colours, descriptions), its
    categories (descriptions kept, findings cleared), themes, placements and links to graded
    questions (carried until the new round's questions are imported). No answers, codings,
    memos or quotes are copied."""
    with transaction.atomic():
        if Survey.objects.filter(slug=slug).exists():
            raise Refusal(_("A survey with this short name exists. Choose another."), status=409)
        survey = Survey.objects.create(
            slug=slug, title=title, period=period,
            description=source.description if description is None else description,
            small_cell_threshold=source.small_cell_threshold, blind_coding=source.blind_coding,
            previous_round=source,
        )
        codes = _copy_codes(source, survey, by)
        categories = {}
        for old in Category.objects.filter(survey=source).order_by("order", "id"):
            categories[old.id] = Category.objects.create(
                survey=survey, name=old.name, description=old.description, finding="", order=old.order,
                archived=old.archived)
        CategoryCode.objects.bulk_create([
            CategoryCode(category=categories[p.category_id], code=codes[p.code_id], position=p.position, added_by=by)
            for p in CategoryCode.objects.filter(category__survey=source)
        ])
        for old in Theme.objects.filter(survey=source).prefetch_related("categories"):
            theme = Theme.objects.create(survey=survey, name=old.name, description=old.description, order=old.order)
            theme.categories.set([categories[c.id] for c in old.categories.all()])
        CarriedLink.objects.bulk_create([
            CarriedLink(category=categories[category_id], question_code=code, question_text=text)
            for category_id, code, text in Category.questions.through.objects.filter(category__survey=source)
            .values_list("category_id", "question__code", "question__text")
        ])
        _carry_mapping(source, survey, by)
        audit.record(survey, audit.Action.SURVEY_CHANGED, by=by, based_on=source.title, based_on_slug=source.slug,
                     codes=len(codes), categories=len(categories))
    return survey


def _carry_mapping(source, survey, by):
    """The earlier round's last import mapping, saved under the new round's title, so its
    file can be imported with the same column choices."""
    run = ImportRun.objects.filter(survey=source, status=ImportRun.Status.DONE).order_by("-id").first()
    if run is None or not run.mapping:
        return None
    name = survey.title[:100]
    if SavedMapping.objects.filter(name=name).exists():
        name = f"{name[:100]} ({survey.slug})"[:120]
    return SavedMapping.objects.update_or_create(name=name, defaults={"mapping": run.mapping, "created_by": by})[0]


def _copy_codes(source, survey, by):
    """{old code id: new Code}, parents before children."""
    old_codes = list(Code.objects.filter(survey=source).order_by("id"))
    new = {}
    pending = old_codes
    while pending:
        ready = [c for c in pending if c.parent_id is None or c.parent_id in new]
        if not ready:  # a cycle cannot be saved (PROTECT parent chains end), but never loop forever
            ready = pending
        for old in ready:
            new[old.id] = Code.objects.create(
                survey=survey, name=old.name, description=old.description, colour=old.colour,
                parent=new.get(old.parent_id), created_by=by)
        pending = [c for c in pending if c not in ready]
    return new


def link_carried_questions(survey):
    """Link the survey's graded questions to the categories their earlier-round twins were
    linked to: by question code, else by the question's text. A carried link that found its
    question remembers it and is done; the others (and those whose question an undone import
    took away) wait for the next import. Returns how many were linked."""
    carried = list(CarriedLink.objects.filter(category__survey=survey, question__isnull=True)
                   .select_related("category"))
    if not carried:
        return 0
    questions = list(survey.questions.graded())
    by_code = {q.code: q for q in questions}
    by_text = {name_key(q.text): q for q in questions}
    done = []
    for link in carried:
        link.question = by_code.get(link.question_code) or by_text.get(name_key(link.question_text))
        if link.question is not None:
            link.category.questions.add(link.question)
            done.append(link)
    CarriedLink.objects.bulk_update(done, ["question"])
    return len(done)
