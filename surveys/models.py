"""What was asked and answered: surveys, questions, municipalities, respondents, answers."""

import re

from django.conf import settings
from django.db import connection, models
from django.db.models import F, Func, Q
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from surveys.text import Stripped, name_key

RETENTION_WARNING_DAYS = 30


class SurveyQuerySet(models.QuerySet):
    def for_command(self, slug):
        """The survey for a management command, or a CommandError that names the slug."""
        from django.core.management.base import CommandError

        survey = self.filter(slug=slug).first()
        if survey is None:
            raise CommandError(f"No survey with the slug {slug!r}.")
        return survey


class RespondentKind(models.TextChoices):
    """What one respondent of a survey is; the answer view names municipalities only for the first two."""

    MUNICIPALITY = "municipality", _("Municipality")
    GROUP = "group", _("Group of municipalities")
    SCHOOL = "school", _("School")
    EMPLOYEE = "employee", _("Employee")
    RESIDENT = "resident", _("Resident")
    OTHER = "other", _("Other")


class Survey(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    period = models.CharField(_("period"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    # Agreement (blind coding): coders see only their own layer until an admin opens the comparison.
    blind_coding = models.BooleanField(_("blind coding"), default=False)
    comparison_open = models.BooleanField(_("comparison open"), default=False)
    # Dashboards and exports show crosstab cells with fewer respondents than this as "<N".
    small_cell_threshold = models.PositiveSmallIntegerField(_("small-cell threshold"), default=3)
    respondent_kind = models.CharField(_("a respondent is"), max_length=20, choices=RespondentKind.choices,
                                       default=RespondentKind.MUNICIPALITY)
    # The earlier round this survey was started from ("Ny undersøkelse basert på …").
    previous_round = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                       related_name="next_rounds", verbose_name=_("previous round"))
    delete_by = models.DateField(_("delete by"), null=True, blank=True)
    retention_action = models.CharField(
        _("on the delete-by date"), max_length=10, default="delete",
        choices=[("delete", _("delete the survey")), ("anonymise", _("anonymise the answers"))],
    )
    # What reviewers (who do not code) may write in this survey: an admin decides per survey.
    reviewers_write_findings = models.BooleanField(_("reviewers may write findings"), default=False)
    reviewers_star_quotes = models.BooleanField(_("reviewers may star quotes"), default=True)
    # The report's closing chapter (development areas with their questions), as the group wrote it.
    development_areas = models.TextField(_("development areas"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["period", "title"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        permissions = [
            ("import_survey", "Can import survey files"),
            ("code_answers", "Can code answers"),
            ("edit_board", "Can move codes between categories and edit findings"),
            ("manage_categories", "Can add, rename, reorder and archive categories"),
            ("star_quotes", "Can star quotes"),
            ("export_data", "Can export data and reports"),
            ("manage_agreement", "Can manage agreement, samples and reconciliation"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("surveys:detail", args=[self.slug])

    def respondents_are_places(self):
        """True when a respondent is a municipality or a group of them ("Kommune: Vang")."""
        return self.respondent_kind in (RespondentKind.MUNICIPALITY, RespondentKind.GROUP)
    def deletion_warning(self, today=None):
        """Days left before the delete-by date when it is 30 days away or less, else None."""
        if self.delete_by is None:
            return None
        left = (self.delete_by - (today or timezone.localdate())).days
        return max(left, 0) if left <= RETENTION_WARNING_DAYS else None

    def others_layers_hidden(self):
        """True while blind coding hides coders' layers from each other."""
        return self.blind_coding and not self.comparison_open


# " – " between a matrix question's stem and its item, as survey tools write the heading.
ITEM_SEPARATOR_RE = re.compile(r"\s+[–—-]\s+")


class QuestionQuerySet(models.QuerySet):
    def graded(self):
        return self.filter(kind=Question.Kind.LIKERT)

    def textual(self):
        return self.filter(kind=Question.Kind.OPEN)


class Question(models.Model):
    class Kind(models.TextChoices):
        OPEN = "open", _("Open text")
        LIKERT = "likert", _("Graded scale")
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    code = models.CharField(_("code"), max_length=20)
    text = models.TextField(_("text"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.OPEN)
    scale_min = models.SmallIntegerField(_("scale minimum"), null=True, blank=True)
    scale_max = models.SmallIntegerField(_("scale maximum"), null=True, blank=True)
    # {"1": "I svært liten grad", "6": "I svært stor grad"}
    scale_labels = models.JSONField(_("scale labels"), default=dict, blank=True)
    # Answers such as "Ikke deltatt" that count as not applicable rather than as a value.
    not_applicable_labels = models.JSONField(_("not-applicable labels"), default=list, blank=True)
    # The options of a single or multiple choice question, in order.
    options = models.JSONField(_("options"), default=list, blank=True)
    # An elaboration (utdyp) question or a matrix item points at its stem.
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["survey", "order", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["survey", "code"], name="question_code_unique_per_survey"),
            models.CheckConstraint(
                condition=Q(scale_min__isnull=True) | Q(scale_max__gt=models.F("scale_min")),
                name="question_scale_bounds_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.code}. {self.text}"

    @property
    def scale(self):
        if self.scale_min is None or self.scale_max is None:
            return []
        return list(range(self.scale_min, self.scale_max + 1))

    @property
    def item_label(self):
        """The item in its own words: "på eiernivå" for "… forankret i kommunen – på eiernivå"
        under its stem "… forankret i kommunen". A question without a stem is its whole text."""
        if not self.parent_id:
            return self.text
        stem = self.parent.text if Question.parent.is_cached(self) else ""
        if stem and self.text.startswith(stem):
            rest = self.text[len(stem) :]
        else:
            rest = ITEM_SEPARATOR_RE.split(self.text, maxsplit=1)[-1]
        return rest.lstrip(" :–—-").strip() or self.text


class Municipality(models.Model):
    """A municipality; merged ones keep their row with `merged_into` and `valid_to` set
    (1 January 2020 mergers), so old answers still name the municipality that gave them."""

    name = models.CharField(_("name"), max_length=120)
    name_key = models.CharField(max_length=120, editable=False, db_index=True)
    number = models.CharField(_("municipality number"), max_length=4, blank=True)
    county = models.CharField(_("county"), max_length=80, blank=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged_from"
    )
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        constraints = [
            models.UniqueConstraint(
                fields=["name_key"], condition=Q(valid_to__isnull=True), name="municipality_current_name_unique"
            ),
            models.UniqueConstraint(
                fields=["number"], condition=~Q(number=""), name="municipality_number_unique"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.name)
        super().save(*args, **kwargs)


class MunicipalityGroup(models.Model):
    """Municipalities that took part together (a "kommunegruppe" of several municipalities)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(_("name"), max_length=160)
    members = models.ManyToManyField(Municipality, related_name="groups", blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality group")
        verbose_name_plural = _("municipality groups")
        constraints = [
            models.UniqueConstraint(fields=["survey", "name"], name="group_name_unique_per_survey"),
        ]

    def __str__(self):
        return self.name


class RespondentQuerySet(models.QuerySet):
    def for_survey(self, survey):
        return self.filter(survey=survey)

    def attribute_keys(self):
        """The keys present in these respondents' attributes, sorted. The database lists them
        itself (jsonb_object_keys, json_each), so thousands of respondents are not decoded in
        Python."""
        if connection.vendor == "postgresql":
            return sorted(
                self.annotate(kind=Func(F("attributes"), function="jsonb_typeof", output_field=models.CharField()))
                .filter(kind="object")
                .annotate(key=Func(F("attributes"), function="jsonb_object_keys", output_field=models.CharField()))
                .values_list("key", flat=True)
                .distinct()
                .order_by()
            )
        if connection.vendor == "sqlite":  # json_each: SQLite lists them itself too
            ids, params = self.values("id").query.sql_with_params()
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT DISTINCT key FROM {self.model._meta.db_table} AS r, json_each(r.attributes) "
                    f"WHERE r.id IN ({ids}) AND json_type(r.attributes) = 'object'", params)
                return sorted(str(key) for (key,) in cursor.fetchall())
        keys = set()
        for attributes in self.values_list("attributes", flat=True):
            if isinstance(attributes, dict):
                keys.update(str(k) for k in attributes)
        return sorted(keys)


class Respondent(models.Model):
    """One response unit: a municipality alone, or a group answering together."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="respondents")
    external_key = models.CharField(_("respondent key"), max_length=120)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="respondents"
    )
    # RESTRICT: a group goes with its survey, never alone while respondents point at it
    group = models.ForeignKey(
        MunicipalityGroup, on_delete=models.RESTRICT, null=True, blank=True, related_name="respondents"
    )
    # Free attributes from the import: county, size, role …  {"fylke": "Viken"}
    attributes = models.JSONField(_("attributes"), default=dict, blank=True)

    objects = RespondentQuerySet.as_manager()

    class Meta:
        ordering = ["survey", "external_key"]
        verbose_name = _("respondent")
        verbose_name_plural = _("respondents")
        constraints = [
            models.UniqueConstraint(fields=["survey", "external_key"], name="respondent_key_unique_per_survey"),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        if self.group_id and self.municipality_id:
            return f"{self.municipality} ({self.group})"
        if self.group_id:
            return str(self.group)
        if self.municipality_id:
            return str(self.municipality)
        return self.external_key

    @property
    def in_group(self):
        return self.group_id is not None


# What the regular expression \s matches, trimmed in SQL: a regex here ran as a Python function
# per row on SQLite and made PostgreSQL expect 1 % of 38,000 answers to have text.


class AnswerQuerySet(models.QuerySet):
    def for_survey(self, survey):
        return self.filter(question__survey=survey)

    def with_text(self):
        """Answers whose text is more than whitespace."""
        return self.exclude(Exact(Stripped("text"), ""))

    def textual(self):
        """Free-text answers with content (whitespace-only is no answer)."""
        return self.filter(question__kind=Question.Kind.OPEN).with_text()


class Answer(models.Model):
    respondent = models.ForeignKey(Respondent, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(_("text"), blank=True)
    number = models.SmallIntegerField(_("value"), null=True, blank=True)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    not_applicable = models.BooleanField(_("not applicable"), default=False)
    # Set when a re-import changed the text of an answer that already had codings.
    needs_review = models.BooleanField(_("needs review"), default=False)
    previous_text = models.TextField(_("previous text"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["respondent", "question"], name="answer_unique_per_respondent_question"),
        ]
        # The answer list's default order (question by question, then import order) read from
        # the index, so the first page reads 26 rows instead of sorting every answer.
        indexes = [models.Index(fields=["question", "id"], name="answer_question_then_id")]

    def __str__(self):
        return f"{self.respondent} – {self.question.code}"


class SurveyLog(models.Model):
    """What happened to a survey as a whole that must outlive it: its deletion (the row
    keeps its title and short name; the link is cleared when the survey goes)."""

    class Action(models.TextChoices):
        DELETED = "deleted", _("Survey deleted")

    survey = models.ForeignKey(Survey, on_delete=models.SET_NULL, null=True, blank=True, related_name="log")
    title = models.CharField(_("title"), max_length=200)
    slug = models.CharField(_("short name"), max_length=80)
    action = models.CharField(max_length=20, choices=Action.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+")
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.action}: {self.slug}"
from surveys.importing.models import ImportRun, SavedMapping  # noqa: E402,F401  (the import's own rows)
from surveys.jobs.models import Job  # noqa: E402,F401  (background work: surveys/jobs/)
