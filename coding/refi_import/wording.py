"""What an import says to the person who made it: the preview of a project before it is
imported, and the summaries after a project or codebook import, in whole sentences with the
right plural forms ("1 kategori", "6 kategorier"), so that a summary reads the same wherever it
is shown."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, ngettext_lazy

from coding.refi import ORIGIN, QUESTION_TEXT_VARIABLE, QUESTION_VARIABLE
from coding.refi_import.project_import import CASE_FIELDS, source_set_attributes

SUCCESS, INFO, WARNING = "success", "info", "warning"

# Each "% {"n": count}" picks its plural form by the count (ngettext_lazy with a key).
TEXTS = ngettext_lazy("%(n)s text", "%(n)s texts", "n")
QUESTIONS = ngettext_lazy("%(n)s question", "%(n)s questions", "n")
GRADED_ANSWERS = ngettext_lazy("%(n)s graded answer", "%(n)s graded answers", "n")
RESPONSE_UNITS = ngettext_lazy("%(n)s response unit", "%(n)s response units", "n")
CODES = ngettext_lazy("%(n)s code", "%(n)s codes", "n")
CODINGS = ngettext_lazy("%(n)s coding", "%(n)s codings", "n")
CATEGORIES = ngettext_lazy("%(n)s category", "%(n)s categories", "n")
MEMOS = ngettext_lazy("%(n)s memo", "%(n)s memos", "n")
MEDIA_SOURCES = ngettext_lazy("%(n)s picture, audio or video source", "%(n)s picture, audio or video sources", "n")
NEW_CODES = ngettext_lazy("%(n)s new code", "%(n)s new codes", "n")
MATCHED_CODES = ngettext_lazy("%(n)s code matched an existing one", "%(n)s codes matched existing ones", "n")
NEW_CATEGORIES = ngettext_lazy("%(n)s new category", "%(n)s new categories", "n")


def _parts(summary):
    parts = [TEXTS % {"n": summary["answers"]}, QUESTIONS % {"n": summary["questions"]}]
    if summary.get("graded_answers"):
        parts.append(GRADED_ANSWERS % {"n": summary["graded_answers"]})
    parts += [
        RESPONSE_UNITS % {"n": summary["respondents"]},
        CODES % {"n": summary["codes"]},
        CODINGS % {"n": summary["codings"]},
        CATEGORIES % {"n": summary["categories"]},
        MEMOS % {"n": summary["memos"]},
    ]
    return ", ".join(parts)


def attributes_sentence(names):
    return _("Variables and document groups of the project became attributes of the response units: "
             "%(names)s.") % {"names": ", ".join(names)}


def project_messages(summary):
    """[(level, message)] after a project import."""
    out = [(SUCCESS, _("Project imported as a new survey: %(parts)s.") % {"parts": _parts(summary)})]
    attributes = [a for a in summary.get("attributes", []) if a.lower() not in CASE_FIELDS]
    if attributes:
        out.append((INFO, attributes_sentence(attributes)))
    missing = summary["missing_texts"]
    if missing:
        out.append((WARNING, ngettext(
            "%(count)s text was missing from the file and was imported empty: %(names)s",
            "%(count)s texts were missing from the file and were imported empty: %(names)s",
            len(missing)) % {"count": len(missing), "names": "; ".join(missing[:20])}))
    skipped = summary["skipped"]
    media = skipped.get("other_codings", 0) + skipped.get("pdf_codings", 0)
    if media or skipped.get("other_sources"):
        out.append((INFO, _("Not imported: %(sources)s and %(codings)s on pictures, audio, video or PDF regions.") % {
            "sources": MEDIA_SOURCES % {"n": skipped.get("other_sources", 0)},
            "codings": CODINGS % {"n": media},
        }))
    if summary["external_coders"]:
        out.append((INFO, _("Coders without an account here were kept as inactive users: %(names)s")
                    % {"names": ", ".join(summary["external_coders"])}))
    return out


def codebook_message(summary):
    return _("Codebook imported: %(new)s, %(matched)s, %(categories)s.") % {
        "new": NEW_CODES % {"n": summary["codes_new"]},
        "matched": MATCHED_CODES % {"n": summary["codes_matched"]},
        "categories": NEW_CATEGORIES % {"n": summary["categories_new"]},
    }


def project_facts(parsed):
    """What importing the parsed project will bring, as plain data (a background job keeps it
    with the waiting project): counts, the attributes its variables and document groups become,
    the codes that only group others."""
    ours = parsed.origin.startswith(ORIGIN)
    survey_file = parsed.survey_file if ours else None
    attributes = set()
    for case in parsed.cases:
        for name in case.values:
            if name.lower() in CASE_FIELDS or name in (QUESTION_VARIABLE, QUESTION_TEXT_VARIABLE):
                continue
            if not (ours and name.startswith(QUESTION_VARIABLE + " ")):
                attributes.add(name)
    for values in source_set_attributes(parsed.sets).values():
        attributes.update(values)
    if survey_file:
        questions = len(survey_file["questions"])
    else:
        questions = len({s.values.get(QUESTION_VARIABLE) if ours else "" for s in parsed.sources})
    return {
        "texts": len(parsed.sources),
        "questions": questions,
        "codes": len(parsed.codes),
        "categories": sum(1 for item in parsed.sets if item.codes or not item.sources),
        "attributes": sorted(attributes, key=str.casefold),
        "not_codable": [code.name for code in parsed.codes if not code.codable],
    }


def project_preview(facts):
    """The sentences the page before the import shows: {"facts", "attributes", "not_codable"}."""
    counts = ", ".join([
        TEXTS % {"n": facts["texts"]},
        QUESTIONS % {"n": facts["questions"]},
        CODES % {"n": facts["codes"]},
        CATEGORIES % {"n": facts["categories"]},
    ])
    return {
        "facts": _("The project holds %(facts)s.") % {"facts": counts},
        "attributes": attributes_sentence(facts["attributes"]) if facts["attributes"] else "",
        "not_codable": facts["not_codable"],
    }


def summary_text(summary):
    """The whole summary in one paragraph (the page of a background job)."""
    return " ".join(text for _level, text in project_messages(summary))
