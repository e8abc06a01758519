"""Reads for the privacy screens: what the detector finds in a survey, and what it holds."""

from coding.models import Finding
from coding.privacy import detect
from surveys.models import Answer, Municipality


def places_for(survey):
    """Names that are never a person's in this survey: every municipality (the council's own
    name among them) and the words of the survey's title."""
    names = set(Municipality.objects.values_list("name", flat=True))
    words = set()
    for name in names:
        words.update(part for part in name.replace("-", " ").split() if part[:1].isupper())
    words.update(w for w in survey.title.split() if w[:1].isupper())
    return frozenset(names | words)


def scan(survey, *, org_numbers=False):
    """[(answer, Hit), …] for every free-text answer of the survey, in answer order."""
    places = places_for(survey)
    out = []
    answers = Answer.objects.for_survey(survey).exclude(text="").order_by("id").only("id", "text")
    for answer in answers.iterator(chunk_size=500):
        out.extend((answer, hit) for hit in detect.find(answer.text, places=places, org_numbers=org_numbers))
    return out


def findings_for(survey):
    return Finding.objects.filter(answer__question__survey=survey).select_related("answer__question")


def status_counts(survey):
    """{kind: {status: n}} for the survey's findings."""
    counts = {}
    for kind, status in findings_for(survey).values_list("kind", "status"):
        counts.setdefault(kind, {}).setdefault(status, 0)
        counts[kind][status] += 1
    return counts
