"""How the coding app reacts to the survey layer's signals (connected in CodingConfig.ready)."""

from coding import audit
from coding.models import Coding, Memo

BATCH = 2000


def answers_with_codings(sender, answer_ids, **kwargs):
    """`surveys.signals.answers_in_use`: an answer with codings is kept and flagged."""
    coded = set()
    for i in range(0, len(answer_ids), BATCH):
        batch = answer_ids[i:i + BATCH]
        coded.update(Coding.objects.filter(answer_id__in=batch).values_list("answer_id", flat=True))
    return coded


def record_download(sender, survey, user, filename, details, **kwargs):
    """`veiledning.downloads.downloaded`: every download is in the survey's history."""
    if survey is not None:
        audit.record(survey, audit.Action.EXPORTED, by=user, filename=filename, **details)


def answers_coded_since(sender, answer_ids, since, **kwargs):
    """`surveys.signals.answers_used_since`: an import whose answers were coded, or given a memo,
    after it finished cannot be undone (undoing it would take that work with it)."""
    used = set()
    for i in range(0, len(answer_ids), BATCH):
        batch = answer_ids[i:i + BATCH]
        used.update(Coding.objects.filter(answer_id__in=batch, created_at__gt=since)
                    .values_list("answer_id", flat=True))
        used.update(Memo.objects.filter(answer_id__in=batch, updated_at__gt=since).values_list("answer_id", flat=True))
    return used


def link_new_round(sender, survey, run, **kwargs):
    """`surveys.signals.import_saved`: a new round's questions get the earlier round's links."""
    from coding.rounds.actions import link_carried_questions

    linked = link_carried_questions(survey)
    if linked:
        audit.record(survey, audit.Action.SURVEY_CHANGED, by=run.created_by, questions_linked_from_round=linked)


def remember_list_facts(sender, survey, run, **kwargs):
    """`surveys.signals.import_saved`: the answer list's facts for every web process, read
    once by the import that changed them."""
    from coding.workspace.queries import remember_survey_facts

    remember_survey_facts(survey)
