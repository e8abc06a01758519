"""Saving a REFI-QDA codebook into a survey, or a project into a new survey (the save layer).

Every import runs in one `transaction.atomic` with an audit row; any error (a `RefiError` from
the parse layer or a database error) leaves nothing written.

Mapping of a project:
- Codes keep name, description, colour and nesting; an ATLAS.ti-style name "Parent::Child" becomes
  the child "Child" of the code "Parent" when the project holds that code.
- Text sources (and the plain-text representation of a PDF) become answers. Our own exports carry
  the question in the source variables "Spørsmål"/"Spørsmålstekst"; other projects get one open
  question "Tekst". A source's Case becomes its respondent (case variables: Kommune/Kommunenummer
  pick the municipality, Kommunegruppe the group, the rest become attributes); a source without a
  case gets a respondent of its own. A missing text is imported empty and named in the summary.
- Users become coders, never matched to an account by name: each becomes a new inactive account
  with an unusable password and no role, unless the importing admin mapped it to a coder in the
  preview (`project_users` suggests the coder of the same user name; nothing is applied unasked).
- Sets with codes (or with nothing) become categories; sets of sources only become the respondent
  attribute "sett". Notes become memos on what they point at (NoteRef, MemberNote or Link); notes
  that point at nothing we import are appended to the survey description.
"""

import hashlib
import re

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from coding import audit
from coding.refi import ORIGIN, SYSTEM_USER_GUID, RefiError
from coding.refi_import.codes import plan_codes, save_plan
from coding.refi_import.project_import import ProjectImport
from coding.refi_import.reading import read_codebook, read_project
from surveys.models import ImportRun, Survey
from veiledning.roles import Role, roles_of


def preview_codebook(survey, data):
    return plan_codes(survey, read_codebook(data))


def import_codebook(survey, data, *, by, filename=""):
    """Import a `.qdc` into `survey`: new codes are created, codes that match by name are kept."""
    plan = preview_codebook(survey, data)
    with transaction.atomic():
        _codes, _categories, placements = save_plan(survey, plan, by)
        summary = {
            "codes_new": len(plan.new_codes),
            "codes_matched": len(plan.matched_codes),
            "categories_new": sum(1 for s in plan.sets if s["existing"] is None),
            "categories_matched": sum(1 for s in plan.sets if s["existing"] is not None),
            "placements": placements,
        }
        audit.record(survey, audit.Action.IMPORTED, by=by, format="qdc", filename=filename, **summary)
        _import_run(survey, data, filename, summary, by)
    return summary


def _import_run(survey, data, filename, summary, by):
    ImportRun.objects.create(
        survey=survey,
        filename=(filename or "")[:255],
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        summary=summary,
        status=ImportRun.Status.DONE,
        created_by=by if by and by.is_authenticated else None,
    )


def unique_slug(title):
    base = slugify(title)[:70] or "refi-import"
    slug, n = base, 2
    while Survey.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def coder_accounts():
    """The accounts a file's user may be mapped to: active users with the coder role."""
    return get_user_model().objects.filter(groups__name=Role.CODER, is_active=True).order_by("username")


def file_users(parsed):
    """The users a parsed project names, to be mapped to coders: [{guid, name, ident}]. The user
    that stands for "nobody recorded" in our own exports is not one of them."""
    ours = parsed.origin.startswith(ORIGIN)
    return [{"guid": guid, "name": name, "ident": ident} for guid, (name, ident) in parsed.users.items()
            if not (ours and guid == SYSTEM_USER_GUID)]


def suggest_coders(users):
    """The file's users for the preview: [{guid, name, ident, suggested}], where `suggested` is
    a coder whose user name matches (offered, never applied unasked)."""
    coders = {u.username.casefold(): u for u in coder_accounts()}
    return [{**user, "suggested": coders.get((user["ident"] or user["name"]).casefold())} for user in users]


def project_users(data):
    """The users a `.qdpx` names, each with its `suggested` coder."""
    return suggest_coders(file_users(read_project(data)))


def check_user_map(users):
    """Refuse a mapping onto anyone who is not an active coder (an admin or reviewer must not
    be credited with codings they never made)."""
    for user in (users or {}).values():
        if user is not None and not (user.is_active and Role.CODER in roles_of(user)):
            raise RefiError(_("%(name)s is not a coder; codings can be credited only to coders.")
                            % {"name": user.get_username()}, code="not_a_coder")


def import_project(data, *, by, title="", slug="", filename="", users=None, parsed=None):
    """Import a `.qdpx` into a new survey; returns (survey, summary). `users` maps the file's
    user guids to coders chosen in the preview; every other user becomes a new inactive user.
    `parsed`: the file already read (the background job reads it before its transaction)."""
    check_user_map(users)
    parsed = parsed or read_project(data)
    if not parsed.sources and not parsed.codes:
        raise RefiError(_("The project holds neither texts nor codes to import."), code="nothing")
    if slug and not re.fullmatch(r"[-a-zA-Z0-9_]{1,80}", slug):
        raise RefiError(
            _("%(slug)s cannot be the address of a survey (letters, digits, - and _ only).") % {"slug": slug[:80]},
            code="bad_slug",
        )
    if slug and Survey.objects.filter(slug=slug).exists():
        raise RefiError(_("A survey with the address %(slug)s already exists.") % {"slug": slug}, code="slug_taken")
    with transaction.atomic():
        survey = Survey.objects.create(
            title=(title or parsed.name or _("Imported project"))[:200],
            slug=slug or unique_slug(title or parsed.name),
            description=parsed.description,
        )
        summary = ProjectImport(survey, parsed, by, users).run()
        audit.record(
            survey,
            audit.Action.IMPORTED,
            by=by,
            format="qdpx",
            filename=filename,
            **{k: v for k, v in summary.items() if k not in ("warnings", "survey")},
        )
        _import_run(survey, data, filename, summary, by)
    return survey, summary
